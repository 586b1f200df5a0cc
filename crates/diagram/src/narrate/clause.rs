//! A sentence being built: a main clause and tails, its arguments made when it is rendered.
//!
//! A step of a long transfer tells of hundreds of segments, and a page draws a few of its
//! sentences ([`super::told::Told::brief`]): the numbers and summaries of a sent or arrived
//! segment (most of a step's sentences) are written only for the sentences rendered.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::step::Cx;
use super::{render, side_name, text, Key};
use crate::fmt;
use crate::labels::{data_preview, flags_text};
use synack_sim::{SegmentRecord, Side};

/// A clause's arguments: written out, or what they are written from.
pub(super) enum Args<'a> {
    Ready(Vec<(&'static str, String)>),
    /// A segment sent: its numbers, flags and length; a retransmission's attempt and new RTO
    /// (µs).
    Sent {
        r: &'a SegmentRecord,
        retx: Option<(u8, u64)>,
    },
    /// A segment arrived after `transit` µs.
    Arrived {
        r: &'a SegmentRecord,
        transit: u64,
    },
    /// Data handed to the application.
    Data(&'a [u8]),
}

pub(super) struct Clause<'a> {
    pub(super) side: Option<Side>,
    pub(super) key: Key,
    pub(super) args: Args<'a>,
    pub(super) tails: Vec<(Key, Vec<(&'static str, String)>)>,
}

impl<'a> Clause<'a> {
    pub(super) fn new(
        side: Option<Side>,
        key: Key,
        args: Vec<(&'static str, String)>,
    ) -> Clause<'a> {
        Clause::lazy(side, key, Args::Ready(args))
    }

    pub(super) fn lazy(side: Option<Side>, key: Key, args: Args<'a>) -> Clause<'a> {
        Clause {
            side,
            key,
            args,
            tails: Vec::new(),
        }
    }

    /// The arguments written out.
    fn args(&self, cx: &Cx<'_>) -> Cow<'_, [(&'static str, String)]> {
        Cow::Owned(match self.args {
            Args::Ready(ref v) => return Cow::Borrowed(v.as_slice()),
            Args::Sent { r, retx } => {
                let s = &r.segment;
                let mut v = alloc::vec![
                    arg("seq", cx.tl.show_seq(r.from, s.seq, cx.mode)),
                    arg("ack", cx.tl.show_ack(r.from, s.ack, cx.mode)),
                    arg("flags", flags_text(s.flags)),
                    arg("len", s.payload.len()),
                ];
                if let Some((attempt, rto)) = retx {
                    v.push(arg("attempt", attempt));
                    v.push(arg("rto", fmt::duration(rto)));
                }
                v
            }
            Args::Arrived { r, transit } => alloc::vec![
                arg("what", cx.summary(r)),
                arg("transit", fmt::duration(transit)),
            ],
            Args::Data(data) => alloc::vec![arg("data", data_preview(data)), arg("n", data.len())],
        })
    }

    pub(super) fn render(&self, cx: &Cx<'_>) -> String {
        let lang = cx.lang;
        let owned = self.args(cx);
        let mut args: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if let Some(side) = self.side {
            args.push(("Side", side_name(side, true, lang)));
            args.push(("side", side_name(side, false, lang)));
            args.push(("peer", side_name(side.other(), false, lang)));
        }
        let mut s = render(self.key, lang, &args);
        for (k, targs) in &self.tails {
            let ta: Vec<(&str, &str)> = targs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            s.push_str(&render(*k, lang, &ta));
        }
        s.push_str(text(Key::FullStop, lang));
        s
    }
}

pub(super) fn arg(k: &'static str, v: impl ToString) -> (&'static str, String) {
    (k, v.to_string())
}
