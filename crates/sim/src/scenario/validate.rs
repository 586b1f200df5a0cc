//! Static checks of a scenario: what no run could make sense of is an error before the run,
//! named by its place in the file's terms. (What can only go wrong at run time, e.g. a send
//! after the peer reset the connection, is a failed call in the trace, as a program would see.)

use super::{Call, FaultAction, Payload, Scenario, Script, Trigger};
use crate::error::SimError;
use crate::trace::Side;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// One hour in µs: no time in a scenario may be later (the run's default limit).
const HOUR_US: u64 = 3_600_000_000;
/// Largest single send (keeps a run cheap and a trace small).
pub(crate) const MAX_SEND_BYTES: u64 = 1 << 20;

fn side_name(s: Side) -> &'static str {
    match s {
        Side::Client => "client",
        Side::Server => "server",
    }
}

fn check_time(us: u64, path: &str) -> Result<(), SimError> {
    if us > HOUR_US {
        return Err(SimError::scenario(
            path,
            format!("{} ms is past the one-hour limit of a run", us / 1000),
        ));
    }
    Ok(())
}

fn check_call(c: &Call, path: &str) -> Result<(), SimError> {
    match c {
        Call::Send(Payload::Text(t)) if t.is_empty() => Err(SimError::scenario(
            format!("{path}.data"),
            "empty: a send must carry at least one byte",
        )),
        Call::Send(Payload::Bytes(0)) => Err(SimError::scenario(
            format!("{path}.bytes"),
            "0: a send must carry at least one byte",
        )),
        Call::Send(Payload::Bytes(n)) if u64::from(*n) > MAX_SEND_BYTES => Err(SimError::scenario(
            format!("{path}.bytes"),
            format!("{n} is above the limit of {MAX_SEND_BYTES} bytes per send"),
        )),
        Call::Send(Payload::Text(t)) if t.len() as u64 > MAX_SEND_BYTES => Err(SimError::scenario(
            format!("{path}.data"),
            format!(
                "{} bytes is above the limit of {MAX_SEND_BYTES} bytes per send",
                t.len()
            ),
        )),
        _ => Ok(()),
    }
}

fn check_script(s: &Script, side: Side) -> Result<(), SimError> {
    let who = side_name(side);
    // Timed calls in time order (ties keep the file's order), remembering the file's index.
    let mut order: Vec<usize> = (0..s.at.len()).collect();
    synack_text::order::sort_by_u64(&mut order, |&i| s.at.get(i).map_or(0, |t| t.at_us));
    let mut open = false;
    for i in order {
        let Some(t) = s.at.get(i) else { continue };
        let path = format!("{who}.at[{i}]");
        check_time(t.at_us, &format!("{path}.at_ms"))?;
        check_call(&t.call, &path)?;
        if t.call.opens() {
            open = true;
        } else if !open {
            return Err(SimError::scenario(
                path,
                format!(
                    "{} at {} ms comes before the {who} listens or connects",
                    t.call.name(),
                    ms_text(t.at_us)
                ),
            ));
        } else if t.call == Call::Crash {
            // A crashed host's program is gone: it must open again before other calls.
            open = false;
        }
    }
    let opens = s.at.iter().any(|t| t.call.opens());
    if !opens && !s.app.is_default() {
        let key = if s.app.writer.is_some() {
            "writer"
        } else if s.app.reader != super::Reader::Instant {
            "reader"
        } else if !s.app.sockopts.is_empty() {
            "setsockopt"
        } else {
            "setsockopt_accepted"
        };
        return Err(SimError::scenario(
            format!("{who}.{key}"),
            format!("the {who} never listens or connects (in `at`), so this can never run"),
        ));
    }
    for trig in Trigger::ALL {
        let list = s.reactions(trig);
        if !list.is_empty() && !opens {
            return Err(SimError::scenario(
                format!("{who}.{}", trig.key()),
                format!("the {who} never listens or connects (in `at`), so this can never run"),
            ));
        }
        for (i, r) in list.iter().enumerate() {
            let path = format!("{who}.{}[{i}]", trig.key());
            check_time(r.after_us, &format!("{path}.after_ms"))?;
            check_call(&r.call, &path)?;
        }
    }
    Ok(())
}

impl Scenario {
    /// Reject what no run could make sense of; errors name the place (`client.at[1]`).
    pub fn validate(&self) -> Result<(), SimError> {
        if self.client.is_idle() && self.server.is_idle() && self.inject.is_empty() {
            return Err(SimError::scenario(
                "",
                "nothing happens: neither the client nor the server makes any call",
            ));
        }
        if let Some(l) = self.latency_us {
            check_time(l, "latency_ms")?;
        }
        check_script(&self.client, Side::Client)?;
        check_script(&self.server, Side::Server)?;
        for (i, f) in self.faults.iter().enumerate() {
            if let FaultAction::Delay { extra_us } | FaultAction::Duplicate { extra_us } = f.action
            {
                check_time(extra_us, &format!("faults[{i}].extra_ms"))?;
            }
        }
        for (i, j) in self.inject.iter().enumerate() {
            check_time(j.at_us, &format!("inject[{i}].at_ms"))?;
            if j.flags.is_empty() {
                return Err(SimError::scenario(
                    format!("inject[{i}].flags"),
                    "a stale segment needs at least one flag (e.g. \"SYN\")",
                ));
            }
        }
        Ok(())
    }
}

/// Microseconds as milliseconds for a message, in integers ("1500", "2.25"): Rust's float
/// formatter would add ~10 KB to the WebAssembly.
pub(crate) fn ms_text(us: u64) -> String {
    let (whole, frac) = (us / 1000, us % 1000);
    if frac == 0 {
        return format!("{whole}");
    }
    let digits = format!("{frac:03}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod ms_text_tests {
    use super::ms_text;

    #[test]
    fn milliseconds_without_trailing_zeros() {
        assert_eq!(ms_text(0), "0");
        assert_eq!(ms_text(1_500_000), "1500");
        assert_eq!(ms_text(2_250), "2.25");
        assert_eq!(ms_text(1), "0.001");
    }
}
