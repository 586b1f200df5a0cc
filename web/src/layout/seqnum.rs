//! Relative sequence numbers, as Wireshark shows them: each side's numbers minus its ISS.

use synack_core::Flags;
use synack_sim::{Side, Trace};

/// Each side's initial sequence number as seen on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeqBase {
    /// [client ISS, server ISS]
    pub iss: [u32; 2],
}

impl SeqBase {
    /// The ISS of each side: the sequence number of its first SYN, else of its first segment.
    pub fn of(trace: &Trace) -> SeqBase {
        let mut iss = [0u32; 2];
        for side in Side::BOTH {
            let mine = || trace.segments.iter().filter(|r| r.from == side);
            if let Some(slot) = iss.get_mut(side.index()) {
                *slot = mine()
                    .find(|r| r.segment.flags.contains(Flags::SYN))
                    .or_else(|| mine().next())
                    .map_or(0, |r| r.segment.seq);
            }
        }
        SeqBase { iss }
    }

    /// A sequence number sent by `from`, relative to its ISS.
    pub fn rel_seq(&self, from: Side, seq: u32) -> u32 {
        seq.wrapping_sub(self.iss_of(from))
    }

    /// An acknowledgment number sent by `from`, relative to the other side's ISS.
    pub fn rel_ack(&self, from: Side, ack: u32) -> u32 {
        ack.wrapping_sub(self.iss_of(from.other()))
    }

    /// `side`'s ISS.
    pub fn iss_of(&self, side: Side) -> u32 {
        self.iss.get(side.index()).copied().unwrap_or(0)
    }
}
