//! The header inspector's data: every field of a segment in wire order, with where it sits
//! (bits, for the 32-bit-row diagram of RFC 9293 §3.1; bytes, for the hex view), its value,
//! and what it is and what it means in this segment, in English or Simplified Chinese.
//!
//! ```
//! use synack_text::explain::{fields, Context, FieldKey, Lang};
//! // A SYN from port 40001 to port 5000, no options.
//! let syn = [0x9c, 0x41, 0x13, 0x88, 0, 0, 0, 100, 0, 0, 0, 0, 0x50, 0x02, 0xfa, 0xf0,
//!            0, 0, 0, 0];
//! let f = fields(&syn, &Context::new(Lang::EN)).unwrap();
//! assert_eq!(f[0].key, FieldKey::SrcPort);
//! assert_eq!(f[0].display, "40001");
//! assert_eq!(f.last().map(|f| f.key), Some(FieldKey::Urgent));
//! ```

/// A sentence of the table in `words.rs` in the context's language, its placeholders filled
/// from the variables of the same name: `say!(lang, SeqShownRelative, seq, r)`.
macro_rules! say {
    ($lang:expr, $key:ident $(, $arg:ident)* $(,)?) => {
        $crate::pack::fill(
            $crate::explain::words::text($lang, $crate::explain::words::W::$key),
            &[$((stringify!($arg), &$arg as &dyn $crate::pack::Arg)),*],
        )
    };
}

mod means;
mod opts;
mod text;
pub mod words;

pub use opts::option_text;
pub use text::{field_name, field_rfc, field_what};

pub use crate::Lang;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;
use synack_core::wire::{
    checksum_expected, checksum_ipv4, Flags, Ipv4Pair, ParseError, Parsed, Segment, HEADER_LEN,
};

/// Both ends' initial sequence numbers, seen from the segment's sender, for relative numbers
/// (as Wireshark shows them): relative SEG.SEQ = SEG.SEQ − `iss`, relative SEG.ACK =
/// SEG.ACK − `irs`, both modulo 2^32.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Relative {
    /// The sender's initial send sequence number.
    pub iss: u32,
    /// The initial receive sequence number: the peer's ISS.
    pub irs: u32,
}

/// What the caller knows beyond the bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Context {
    /// The language of the texts (not serialized: a language is a pack, not a name).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub lang: Lang,
    /// The IPv4 addresses, to verify the checksum. Without them it is shown, not checked.
    pub ips: Option<Ipv4Pair>,
    /// For relative sequence and acknowledgment numbers.
    pub relative: Option<Relative>,
    /// The window shift that applies to this segment's Window field: the shift its sender
    /// announced, once both SYNs carried Window Scale (RFC 7323 §2.2); `Some(0)` when scaling
    /// was not agreed. `None`: unknown, and the text says how scaling would apply.
    pub window_shift: Option<u8>,
}

impl Context {
    pub const fn new(lang: Lang) -> Context {
        Context {
            lang,
            ips: None,
            relative: None,
            window_shift: None,
        }
    }
}

/// Which field: a stable key for the UI (selection, colours, DOM ids via `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FieldKey {
    SrcPort,
    DstPort,
    Seq,
    Ack,
    DataOffset,
    Reserved,
    FlagCwr,
    FlagEce,
    FlagUrg,
    FlagAck,
    FlagPsh,
    FlagRst,
    FlagSyn,
    FlagFin,
    Window,
    Checksum,
    Urgent,
    /// The `index`-th option in wire order (0-based; NOP and EOL count), of kind `kind`.
    Option {
        index: u8,
        kind: u8,
    },
    /// The bytes after EOL up to Data Offset × 4.
    Padding,
    /// The data after the header (present only when there is some).
    Payload,
}

impl FieldKey {
    /// The fields of the fixed 20-byte header, in wire order.
    pub const FIXED: [FieldKey; 17] = [
        FieldKey::SrcPort,
        FieldKey::DstPort,
        FieldKey::Seq,
        FieldKey::Ack,
        FieldKey::DataOffset,
        FieldKey::Reserved,
        FieldKey::FlagCwr,
        FieldKey::FlagEce,
        FieldKey::FlagUrg,
        FieldKey::FlagAck,
        FieldKey::FlagPsh,
        FieldKey::FlagRst,
        FieldKey::FlagSyn,
        FieldKey::FlagFin,
        FieldKey::Window,
        FieldKey::Checksum,
        FieldKey::Urgent,
    ];

    /// The control bit this key stands for, if it is a flag.
    pub const fn flag(self) -> Option<Flags> {
        match self {
            FieldKey::FlagCwr => Some(Flags::CWR),
            FieldKey::FlagEce => Some(Flags::ECE),
            FieldKey::FlagUrg => Some(Flags::URG),
            FieldKey::FlagAck => Some(Flags::ACK),
            FieldKey::FlagPsh => Some(Flags::PSH),
            FieldKey::FlagRst => Some(Flags::RST),
            FieldKey::FlagSyn => Some(Flags::SYN),
            FieldKey::FlagFin => Some(Flags::FIN),
            _ => None,
        }
    }

    /// Where a fixed-header field sits: (bit offset, bit length), RFC 9293 §3.1's diagram.
    pub const fn fixed_bits(self) -> Option<(u32, u32)> {
        Some(match self {
            FieldKey::SrcPort => (0, 16),
            FieldKey::DstPort => (16, 16),
            FieldKey::Seq => (32, 32),
            FieldKey::Ack => (64, 32),
            FieldKey::DataOffset => (96, 4),
            FieldKey::Reserved => (100, 4),
            FieldKey::FlagCwr => (104, 1),
            FieldKey::FlagEce => (105, 1),
            FieldKey::FlagUrg => (106, 1),
            FieldKey::FlagAck => (107, 1),
            FieldKey::FlagPsh => (108, 1),
            FieldKey::FlagRst => (109, 1),
            FieldKey::FlagSyn => (110, 1),
            FieldKey::FlagFin => (111, 1),
            FieldKey::Window => (112, 16),
            FieldKey::Checksum => (128, 16),
            FieldKey::Urgent => (144, 16),
            _ => return None,
        })
    }
}

/// `src_port`, `dst_port`, `seq`, `ack`, `data_offset`, `reserved`, `flag_cwr` … `flag_fin`,
/// `window`, `checksum`, `urgent`, `option_3`, `padding`, `payload`.
impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            FieldKey::SrcPort => "src_port",
            FieldKey::DstPort => "dst_port",
            FieldKey::Seq => "seq",
            FieldKey::Ack => "ack",
            FieldKey::DataOffset => "data_offset",
            FieldKey::Reserved => "reserved",
            FieldKey::FlagCwr => "flag_cwr",
            FieldKey::FlagEce => "flag_ece",
            FieldKey::FlagUrg => "flag_urg",
            FieldKey::FlagAck => "flag_ack",
            FieldKey::FlagPsh => "flag_psh",
            FieldKey::FlagRst => "flag_rst",
            FieldKey::FlagSyn => "flag_syn",
            FieldKey::FlagFin => "flag_fin",
            FieldKey::Window => "window",
            FieldKey::Checksum => "checksum",
            FieldKey::Urgent => "urgent",
            FieldKey::Option { index, .. } => return write!(f, "option_{index}"),
            FieldKey::Padding => "padding",
            FieldKey::Payload => "payload",
        };
        f.write_str(s)
    }
}

/// One field of one segment, ready to draw and to explain.
///
/// Bits count from the most significant bit of byte 0, as in RFC 9293 §3.1: row `r` of the
/// diagram holds bits `32r..32r+32`. Fields may span rows (options, payload). The bit ranges
/// of all fields of a segment tile it exactly; `byte_start..byte_end` is the bit range
/// widened to whole bytes, so the sub-byte fields (Data Offset, Reserved, the flags) share
/// bytes 12 and 13.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Field {
    pub key: FieldKey,
    pub bit_offset: u32,
    pub bit_len: u32,
    pub byte_start: u32,
    pub byte_end: u32,
    /// The unsigned number the field's bits spell, for fields of at most 32 bits (a flag is 0
    /// or 1); `None` for options, padding and data, whose raw value is their bytes.
    pub raw: Option<u32>,
    /// The value for display: `40001`, `MSS=1460`, `0x124f (verified)`.
    pub display: String,
    /// Short name: "Sequence Number".
    pub name: &'static str,
    /// What the field is, in general (one sentence).
    pub what: &'static str,
    /// What it means in this segment, from its value and the other fields (one or two sentences).
    pub means: String,
    /// Where the field is defined: "RFC 9293 §3.1".
    pub rfc: &'static str,
}

impl Field {
    /// The bytes to highlight in a hex view.
    pub fn byte_range(&self) -> Range<usize> {
        self.byte_start as usize..self.byte_end as usize
    }
}

/// Everything the texts may look at, computed once per segment.
pub(crate) struct View<'a> {
    pub seg: &'a Segment,
    pub parsed: &'a Parsed,
    pub ctx: &'a Context,
    /// With addresses: (verified, the checksum the sender should have written).
    pub check: Option<(bool, u16)>,
}

impl View<'_> {
    pub fn lang(&self) -> Lang {
        self.ctx.lang
    }
    pub fn has(&self, flag: Flags) -> bool {
        self.seg.flags.contains(flag)
    }
}

/// Every field of the segment `bytes` in wire order: the 17 fields of the fixed header, each
/// option (NOP and EOL included), the padding after EOL if any, and the data if any.
///
/// Fails exactly when [`Segment::parse`] without addresses fails; a wrong checksum is
/// not an error here but an explanation (the inspector must be able to show a corrupt segment).
pub fn fields(bytes: &[u8], ctx: &Context) -> Result<Vec<Field>, ParseError> {
    let parsed = Segment::parse(bytes, None)?;
    let check = ctx.ips.map(|ips| {
        (
            checksum_ipv4(ips, bytes) == 0,
            checksum_expected(ips, bytes),
        )
    });
    let view = View {
        seg: &parsed.segment,
        parsed: &parsed,
        ctx,
        check,
    };
    let options = &parsed.segment.options;
    let lang = ctx.lang;
    let mut out = Vec::with_capacity(FieldKey::FIXED.len() + options.len() + 2);
    for key in FieldKey::FIXED {
        let bits = key.fixed_bits();
        debug_assert!(bits.is_some(), "{key:?} is in FIXED but has no place");
        let (bit_offset, bit_len) = bits.unwrap_or_default();
        let place = Place {
            key,
            bit_offset,
            bit_len,
        };
        let (raw, display, means) = means::fixed(key, &view);
        out.push(place.field(lang, Some(raw), display, means));
    }
    let header_end = usize::from(parsed.data_offset) * 4;
    let mut at = HEADER_LEN;
    for (index, opt) in options.iter().enumerate() {
        let key = FieldKey::Option {
            index: u8::try_from(index).unwrap_or(u8::MAX),
            kind: opt.kind(),
        };
        let (display, means) = opts::field(index, opt, &view);
        let end = at + opt.wire_len();
        out.push(Place::bytes(key, at..end).field(lang, None, display, means));
        at = end;
    }
    if let Some(padding) = bytes.get(at..header_end).filter(|p| !p.is_empty()) {
        let (display, means) = means::padding(padding, &view);
        out.push(Place::bytes(FieldKey::Padding, at..header_end).field(lang, None, display, means));
    }
    if !parsed.segment.payload.is_empty() {
        let (display, means) = means::payload(&view);
        let place = Place::bytes(FieldKey::Payload, header_end..bytes.len());
        out.push(place.field(lang, None, display, means));
    }
    Ok(out)
}

/// [`fields`] of the bytes that [`Segment::emit`] writes for `seg`, with `ctx.ips` as the
/// addresses (all-zero addresses without them; the checksum then shows, unverified). For
/// callers that hold segments rather than bytes, such as a trace. Infallible: emit's output
/// always parses (its tests say so), and this returns an empty list if that ever broke.
pub fn segment_fields(seg: &Segment, ctx: &Context) -> Vec<Field> {
    let ips = ctx.ips.unwrap_or(Ipv4Pair {
        src: [0; 4],
        dst: [0; 4],
    });
    let parsed = fields(&seg.emit(ips), ctx);
    // A segment's own bytes always parse: an error here is a broken writer or reader.
    debug_assert!(parsed.is_ok(), "{parsed:?}");
    parsed.unwrap_or_default()
}

/// Saturating: no real segment is 512 MiB, but the function must not panic on one.
fn bits(bytes: usize) -> u32 {
    u32::try_from(bytes).unwrap_or(u32::MAX).saturating_mul(8)
}

/// The parts of a [`Field`] that its key, its place and the language decide.
struct Place {
    key: FieldKey,
    bit_offset: u32,
    bit_len: u32,
}

impl Place {
    fn bytes(key: FieldKey, bytes: Range<usize>) -> Place {
        let bit_offset = bits(bytes.start);
        Place {
            key,
            bit_offset,
            bit_len: bits(bytes.end).saturating_sub(bit_offset),
        }
    }

    fn field(self, lang: Lang, raw: Option<u32>, display: String, means: String) -> Field {
        let end = self.bit_offset.saturating_add(self.bit_len);
        Field {
            key: self.key,
            bit_offset: self.bit_offset,
            bit_len: self.bit_len,
            byte_start: self.bit_offset / 8,
            byte_end: end.div_ceil(8),
            raw,
            display,
            name: field_name(self.key, lang),
            what: field_what(self.key, lang),
            means,
            rfc: field_rfc(self.key),
        }
    }
}
