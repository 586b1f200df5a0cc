//! A side's transmission control block at a time, as display rows (RFC 9293 §3.3.1 names).

use crate::narrate::{text, Key};
use crate::timeline::Timeline;
use crate::{fmt, Lang, SeqMode};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Instant, State};
use synack_sim::Side;

/// One row of the TCB table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TcbRow {
    /// The RFC's name: "SND.UNA".
    pub name: &'static str,
    /// The value as shown: relative or absolute per the mode, "64240 B", "1 s".
    pub value: String,
    /// What it means, in the requested language.
    pub hint: &'static str,
}

/// `side`'s TCB from its latest snapshot at or before `t` (O(log n)), or None before the
/// first snapshot. Sequence numbers are relative to the side's ISN (SND.*) or the peer's
/// (RCV.*) in relative mode; ISS and IRS are always absolute, as they define the origin.
pub fn tcb_rows(
    timeline: &Timeline,
    side: Side,
    t: Instant,
    mode: SeqMode,
    lang: Lang,
) -> Option<Vec<TcbRow>> {
    let (_, tcb) = timeline.tcb_at(side, t)?;
    let me = side;
    let seq = |v: u32| timeline.show_seq(me, v, mode).to_string();
    let rcv = |v: u32| timeline.show_ack(me, v, mode).to_string();
    let dur =
        |d: core::time::Duration| fmt::duration(u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    let row = |name: &'static str, value: String, hint: Key| TcbRow {
        name,
        value,
        hint: text(hint, lang),
    };
    let not_yet = || text(Key::NotYet, lang).to_string();
    // CLOSED "represents no connection state at all" (RFC 9293 §3.3.2): the TCB is deleted,
    // so its variables are shown as absent, not as the zeroes of an empty struct. In LISTEN
    // no sequence numbers are chosen yet.
    if matches!(tcb.state, State::Closed | State::Listen) {
        let absent = if tcb.state == State::Closed {
            String::from("—")
        } else {
            not_yet()
        };
        let mut rows = alloc::vec![row(
            "STATE",
            tcb.state.rfc_name().to_string(),
            Key::HintState
        )];
        for (name, hint) in [
            ("ISS", Key::HintIss),
            ("IRS", Key::HintIrs),
            ("SND.UNA", Key::HintSndUna),
            ("SND.NXT", Key::HintSndNxt),
            ("SND.WND", Key::HintSndWnd),
            ("RCV.NXT", Key::HintRcvNxt),
            ("RCV.WND", Key::HintRcvWnd),
            ("RTO", Key::HintRto),
            ("SRTT", Key::HintSrtt),
        ] {
            rows.push(row(name, absent.clone(), hint));
        }
        return Some(rows);
    }
    Some(alloc::vec![
        row("STATE", tcb.state.rfc_name().to_string(), Key::HintState),
        row("ISS", tcb.iss.to_string(), Key::HintIss),
        row(
            "IRS",
            tcb.irs.map_or_else(not_yet, |v| v.to_string()),
            Key::HintIrs
        ),
        row("SND.UNA", seq(tcb.snd_una), Key::HintSndUna),
        row("SND.NXT", seq(tcb.snd_nxt), Key::HintSndNxt),
        row("SND.WND", format!("{} B", tcb.snd_wnd), Key::HintSndWnd),
        row(
            "RCV.NXT",
            if tcb.irs.is_some() {
                rcv(tcb.rcv_nxt)
            } else {
                not_yet()
            },
            Key::HintRcvNxt
        ),
        row("RCV.WND", format!("{} B", tcb.rcv_wnd), Key::HintRcvWnd),
        row("RTO", dur(tcb.rto), Key::HintRto),
        row("SRTT", tcb.srtt.map_or_else(not_yet, dur), Key::HintSrtt),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ladder, LadderOptions};

    /// After TIME-WAIT the client's TCB is deleted: no stale or reset numbers are shown.
    #[test]
    fn closed_side_shows_no_sequence_numbers() {
        let Some(scenario) = synack_sim::preset("handshake-and-close") else {
            panic!("preset missing");
        };
        let config = synack_sim::Config::for_scenario(&scenario);
        let trace = synack_sim::run(&scenario, &config).expect("runs");
        let ladder = Ladder::new(&trace, &LadderOptions::default());
        let rows = ladder
            .tcb_rows(Side::Client, trace.end, Lang::EN)
            .expect("rows");
        assert_eq!(rows[0].value, "CLOSED");
        assert!(rows[1..].iter().all(|r| r.value == "—"), "{rows:?}");
        // Mid-connection the numbers are there.
        let mid = ladder
            .tcb_rows(Side::Client, Instant::from_millis(120), Lang::EN)
            .expect("rows");
        assert_eq!(mid[0].value, "ESTABLISHED");
        assert_eq!(mid[3].value, "1", "SND.UNA relative after the SYN is acked");
    }
}
