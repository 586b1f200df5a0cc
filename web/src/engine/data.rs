//! The data-phase controls (issue 16): congestion control, Nagle, the transfer's size and how
//! the receiver reads, each applied to the preset's scenario as the program's own socket
//! options and application model would be (synack-sim's `SockOpts`, `Writer`, `Reader`),
//! never to the engine's code. `None` everywhere: the preset as it is.

use synack_core::CongestionKind;
use synack_sim::{Reader, Scenario};

/// Bounds (inclusive): the transfer in kB (1000 bytes), a slow reader's kB/s, a pause in s.
pub const SIZE_KB: (u32, u32) = (1, 20_000);
pub const RATE_KBPS: (u32, u32) = (1, 10_000);
pub const PAUSE_S: (u32, u32) = (1, 60);

/// How the receiving application reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// Everything that arrives, at once.
    Instant,
    /// At most this many kB per second (synack-sim's `Reader::Rate`).
    Slow(u32),
    /// Nothing for this many seconds, then at once (`Reader::After`): the window closes.
    Paused(u32),
}

impl Read {
    /// `instant`, `slow:N` (kB/s), `paused:N` (s); `None` if malformed.
    pub fn parse(s: &str) -> Option<Read> {
        let s = s.trim();
        if s == "instant" {
            return Some(Read::Instant);
        }
        let (kind, n) = s.split_once(':')?;
        let n: u32 = n.trim().parse().ok()?;
        match kind {
            "slow" => Some(Read::Slow(n.clamp(RATE_KBPS.0, RATE_KBPS.1))),
            "paused" => Some(Read::Paused(n.clamp(PAUSE_S.0, PAUSE_S.1))),
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            Read::Instant => "instant".into(),
            Read::Slow(n) => format!("slow:{n}"),
            Read::Paused(n) => format!("paused:{n}"),
        }
    }
}

/// The data phase as the controls set it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DataPhase {
    /// `?cc=cubic|reno`: `TCP_CONGESTION` on both sockets.
    pub cc: Option<CongestionKind>,
    /// `?nagle=1|0`: Nagle's algorithm on (`TCP_NODELAY` off) or off, both sockets.
    pub nagle: Option<bool>,
    /// `?size=` kB: what each writing application sends (a one-write program writes it
    /// whole; a loop's writes share it).
    pub size_kb: Option<u32>,
    /// `?read=`: how both applications read.
    pub read: Option<Read>,
}

pub fn cc_code(k: CongestionKind) -> &'static str {
    match k {
        CongestionKind::Cubic => "cubic",
        CongestionKind::Reno => "reno",
    }
}

pub fn parse_cc(s: &str) -> Option<CongestionKind> {
    match s.trim().to_ascii_lowercase().as_str() {
        "cubic" => Some(CongestionKind::Cubic),
        "reno" => Some(CongestionKind::Reno),
        _ => None,
    }
}

impl DataPhase {
    /// The scenario with these settings applied.
    pub fn apply(&self, s: &mut Scenario) {
        // The transfer's new size; a peer that waits for the whole of the old one
        // (SO_RCVLOWAT, as the upload presets' server does) waits for the new one.
        let mut resized: Vec<(u32, u32)> = Vec::new();
        if let Some(kb) = self.size_kb {
            let total = kb.clamp(SIZE_KB.0, SIZE_KB.1).saturating_mul(1000);
            for script in [&mut s.client, &mut s.server] {
                if let Some(w) = script.app.writer.as_mut() {
                    let old = w.bytes.saturating_mul(w.count);
                    w.bytes = (total / w.count.max(1)).max(1);
                    resized.push((old, w.bytes.saturating_mul(w.count)));
                }
            }
        }
        for script in [&mut s.client, &mut s.server] {
            let app = &mut script.app;
            for lowat in [
                &mut app.sockopts.rcvlowat,
                &mut app.accepted_sockopts.rcvlowat,
            ] {
                if let Some(&(_, new)) = resized.iter().find(|(old, _)| Some(*old) == *lowat) {
                    *lowat = Some(new);
                }
            }
            if let Some(k) = self.cc {
                app.sockopts.congestion = Some(k);
            }
            if let Some(on) = self.nagle {
                app.sockopts.nodelay = Some(!on);
            }
            if let Some(r) = self.read {
                app.reader = match r {
                    Read::Instant => Reader::Instant,
                    Read::Slow(kbps) => Reader::Rate {
                        bytes_per_sec: u64::from(kbps) * 1000,
                    },
                    Read::Paused(s) => Reader::After {
                        delay_us: u64::from(s) * 1_000_000,
                    },
                };
                // The reader decides when to read, not a low-water mark.
                app.sockopts.rcvlowat = None;
                app.accepted_sockopts.rcvlowat = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{simulate, Settings};
    use synack_sim::Side;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn sent(settings: &Settings, side: Side) -> usize {
        simulate(settings).map_or(0, |t| {
            t.segments
                .iter()
                .filter(|r| r.from == side && r.reason == synack_core::SendReason::Data)
                .map(|r| r.segment.payload.len())
                .sum()
        })
    }

    #[test]
    fn the_transfer_size_is_what_the_writer_sends_and_the_peer_waits_for() {
        let mut s = Settings::for_preset("upload-100k");
        assert_eq!(sent(&s, Side::Client), 100_000);
        s.data.size_kb = Some(30);
        assert_eq!(sent(&s, Side::Client), 30_000);
        // The server read all of it (its SO_RCVLOWAT followed) and closed: the run ends.
        let t = simulate(&s).unwrap_or_else(|_| crate::state::empty_trace());
        assert!(
            t.final_states
                .iter()
                .all(|st| *st == synack_core::State::Closed || *st == synack_core::State::TimeWait),
            "{:?}",
            t.final_states
        );
    }

    #[test]
    fn congestion_control_nagle_and_reading_reach_the_sockets() {
        let mut s = Settings::for_preset("upload-100k");
        s.data = DataPhase {
            cc: Some(CongestionKind::Reno),
            nagle: Some(false),
            size_kb: None,
            read: Some(Read::Paused(2)),
        };
        let mut sc = synack_sim::preset("upload-100k").unwrap_or_default();
        s.data.apply(&mut sc);
        for app in [&sc.client.app, &sc.server.app] {
            assert_eq!(app.sockopts.congestion, Some(CongestionKind::Reno));
            assert_eq!(app.sockopts.nodelay, Some(true));
            assert_eq!(
                app.reader,
                Reader::After {
                    delay_us: 2_000_000
                }
            );
            assert_eq!(app.accepted_sockopts.rcvlowat, None);
        }
        // A receiver that pauses 2 s fills its window: the sender meets a zero window and
        // the transfer ends later than the instant reader's.
        let paused = simulate(&s).map(|t| t.end.0).unwrap_or(0);
        s.data.read = Some(Read::Instant);
        let instant = simulate(&s).map(|t| t.end.0).unwrap_or(u64::MAX);
        assert!(paused > instant + 1_000_000, "{paused} vs {instant}");
        assert_eq!(Read::parse("slow:0"), Some(Read::Slow(1)));
        assert_eq!(Read::parse("paused:x"), None);
        assert_eq!(Read::parse(&Read::Slow(20).code()), Some(Read::Slow(20)));
    }
}
