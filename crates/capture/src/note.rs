//! Notes: where the captured stack did what the model would not have done, or where the
//! capture itself leaves something unknown. A note is not an error: the trace is drawn from
//! the capture either way, and the note says why the model's reading differs there.
//! Texts: the table [`Key`] (section `capture` of every language's file).

use alloc::string::String;
use synack_core::RejectReason;
use synack_sim::Side;
use synack_text::pack::fill;
use synack_text::{texts, Lang};

texts! {
    /// The notes' texts (section `capture` of a language's file). Sequence numbers are
    /// relative to the sender's ISN; times are milliseconds.
    pub enum Key in "capture" {
        SideClient => "the client",
        SideServer => "the server",
        TimesEstimated => "Captured at {side} only: {other}'s send and arrival times are estimated, {ms} ms one way from the captured ones (half the handshake's round trip, unless you set it).",
        NoHandshake => "The capture starts after the handshake: the model cannot follow the states of a connection it did not see open, so states are not inferred.",
        EarlyRetransmission => "Segment #{id}: {side} retransmitted seq {seq} {ms} ms before the model's retransmission timer would have expired.",
        TailLossProbe => "Segment #{id}: {side} sent its last segment again before any timeout: a tail loss probe (Linux tcp_send_loss_probe), which this model does not send here.",
        Rejected => "Segment #{id}: the model at {side} rejects it ({reason}).",
        Missing => "Before segment #{id}: {side}'s bytes {from} to {to} never appear in the capture (lost before the capture point, or not captured).",
        ModelRetransmits => "At {ms} ms the model's retransmission timer at {side} expires and it would retransmit seq {seq}; the captured stack did not then.",
        AheadOfModel => "Segment #{id} acknowledges data the model at {side} has not sent yet: the captured stack sent faster than the model would have (a larger congestion or send window).",
        Lost => "Segment #{id}: seen leaving {side} but never arriving: lost on the way.",
        LossInferred => "Segment #{id}: {side} sent it again before any acknowledgment covered it: read as lost on the way (a capture at the sender cannot see the loss itself).",
    }
}

/// One note. `id` is a segment's index in the trace; `seq` numbers are relative to the
/// sender's ISN; times are the trace's (microseconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// Only `captured_at` was captured: the other side's times are estimated.
    TimesEstimated { captured_at: Side, one_way_us: u64 },
    /// No SYN in the capture: no model could follow the connection.
    NoHandshake,
    /// A retransmission earlier than the model's RTO (`early_us` before it).
    EarlyRetransmission {
        id: u32,
        side: Side,
        seq: u32,
        early_us: u64,
    },
    /// The highest segment sent again before the RTO: a tail loss probe (RFC 8985 §7).
    TailLossProbe { id: u32, side: Side },
    /// The model at `side` rejected segment `id` when it arrived.
    Rejected {
        id: u32,
        side: Side,
        reason: RejectReason,
    },
    /// Sequence space `from..to` of `side` never appears in the capture before segment `id`.
    Missing {
        id: u32,
        side: Side,
        from: u32,
        to: u32,
    },
    /// The model's RTO at `side` expired at `at_us` and it would have retransmitted `seq`.
    ModelRetransmits { at_us: u64, side: Side, seq: u32 },
    /// Segment `id` acknowledges data the model at `side` has not sent: the captured sender is
    /// ahead of the model.
    AheadOfModel { id: u32, side: Side },
    /// Segment `id` from `side` is in its sender's capture but not in its receiver's.
    Lost { id: u32, side: Side },
    /// Segment `id` from `side` was sent again before anything acknowledged it: in a capture
    /// at the sender, taken as lost.
    LossInferred { id: u32, side: Side },
}

fn side_word(lang: Lang, s: Side) -> String {
    String::from(match s {
        Side::Client => lang.text(Key::SideClient),
        Side::Server => lang.text(Key::SideServer),
    })
}

fn ms(us: u64) -> String {
    alloc::format!("{}.{:03}", us / 1000, us % 1000)
}

impl Note {
    /// The note as a sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let t = |k: Key| lang.text(k);
        match *self {
            Note::TimesEstimated {
                captured_at,
                one_way_us,
            } => fill(
                t(Key::TimesEstimated),
                &[
                    ("side", &side_word(lang, captured_at)),
                    ("other", &side_word(lang, captured_at.other())),
                    ("ms", &ms(one_way_us)),
                ],
            ),
            Note::NoHandshake => String::from(t(Key::NoHandshake)),
            Note::EarlyRetransmission {
                id,
                side,
                seq,
                early_us,
            } => fill(
                t(Key::EarlyRetransmission),
                &[
                    ("id", &id),
                    ("side", &side_word(lang, side)),
                    ("seq", &seq),
                    ("ms", &ms(early_us)),
                ],
            ),
            Note::TailLossProbe { id, side } => fill(
                t(Key::TailLossProbe),
                &[("id", &id), ("side", &side_word(lang, side))],
            ),
            Note::Rejected { id, side, reason } => fill(
                t(Key::Rejected),
                &[
                    ("id", &id),
                    ("side", &side_word(lang, side)),
                    ("reason", &alloc::format!("{reason:?}")),
                ],
            ),
            Note::Missing { id, side, from, to } => fill(
                t(Key::Missing),
                &[
                    ("id", &id),
                    ("side", &side_word(lang, side)),
                    ("from", &from),
                    ("to", &to),
                ],
            ),
            Note::ModelRetransmits { at_us, side, seq } => fill(
                t(Key::ModelRetransmits),
                &[
                    ("ms", &ms(at_us)),
                    ("side", &side_word(lang, side)),
                    ("seq", &seq),
                ],
            ),
            Note::Lost { id, side } => fill(
                t(Key::Lost),
                &[("id", &id), ("side", &side_word(lang, side))],
            ),
            Note::AheadOfModel { id, side } => fill(
                t(Key::AheadOfModel),
                &[("id", &id), ("side", &side_word(lang, side))],
            ),
            Note::LossInferred { id, side } => fill(
                t(Key::LossInferred),
                &[("id", &id), ("side", &side_word(lang, side))],
            ),
        }
    }
}
