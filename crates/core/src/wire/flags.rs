//! The eight control bits (RFC 9293 §3.1, with CWR and ECE from RFC 3168).

#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::fmt;
use core::ops::{BitOr, BitOrAssign};

/// The control bits of the TCP header, as the low byte of header word 3.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Flags(pub u8);

impl Flags {
    pub const FIN: Flags = Flags(0x01);
    pub const SYN: Flags = Flags(0x02);
    pub const RST: Flags = Flags(0x04);
    pub const PSH: Flags = Flags(0x08);
    pub const ACK: Flags = Flags(0x10);
    pub const URG: Flags = Flags(0x20);
    pub const ECE: Flags = Flags(0x40);
    pub const CWR: Flags = Flags(0x80);
    pub const EMPTY: Flags = Flags(0);

    /// Every flag with its name, from the most significant bit (as the header diagram reads).
    pub const NAMED: [(Flags, &'static str); 8] = [
        (Flags::CWR, "CWR"),
        (Flags::ECE, "ECE"),
        (Flags::URG, "URG"),
        (Flags::ACK, "ACK"),
        (Flags::PSH, "PSH"),
        (Flags::RST, "RST"),
        (Flags::SYN, "SYN"),
        (Flags::FIN, "FIN"),
    ];

    pub const fn bits(self) -> u8 {
        self.0
    }
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
    pub const fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        self.union(rhs)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl Flags {
    /// The order tcpdump users (and RFC 9293's prose) expect: SYN, FIN, RST, PSH, ACK, ...
    const DISPLAY_ORDER: [(Flags, &'static str); 8] = [
        (Flags::SYN, "SYN"),
        (Flags::FIN, "FIN"),
        (Flags::RST, "RST"),
        (Flags::PSH, "PSH"),
        (Flags::ACK, "ACK"),
        (Flags::URG, "URG"),
        (Flags::ECE, "ECE"),
        (Flags::CWR, "CWR"),
    ];

    /// Writes the set flags in display order joined by `sep` (`none` when empty), so every
    /// writer (`|` here, `,` in the diagram) lists them the same way.
    pub fn write_joined(self, out: &mut impl fmt::Write, sep: &str) -> fmt::Result {
        let mut first = true;
        for (flag, name) in Flags::DISPLAY_ORDER {
            if self.contains(flag) {
                if !first {
                    out.write_str(sep)?;
                }
                out.write_str(name)?;
                first = false;
            }
        }
        if first {
            out.write_str("none")?;
        }
        Ok(())
    }
}

/// Writes the set flags joined by `|`: `SYN|ACK`, `FIN|PSH|ACK`; `none` when empty.
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_joined(f, "|")
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flags({self})")
    }
}
