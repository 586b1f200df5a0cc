//! The application model in the scenario file: a side's `setsockopt`, `setsockopt_accepted`,
//! `reader` and `writer` (docs/SCENARIOS.md). Errors name their place, as in json.rs.

use super::app::{App, Reader, SockOpts, Writer};
use super::json::{describe, join, kind, known_keys, ms, ms_value, object, string, uint};
use super::validate::MAX_SEND_BYTES;
use crate::error::SimError;
use alloc::format;
use alloc::string::String;
use core::time::Duration;
use serde_json::{Map, Value};
use synack_core::{CongestionKind, Keepalive};

/// The keys of a side's object that belong to the application model.
pub(super) const APP_KEYS: [&str; 4] = ["setsockopt", "setsockopt_accepted", "reader", "writer"];

const OPT_KEYS: [&str; 6] = [
    "nodelay",
    "keepalive",
    "congestion",
    "sndbuf",
    "rcvbuf",
    "rcvlowat",
];

/// Largest buffer or low-water mark a scenario may ask for: 64 MiB (Linux's default
/// `net.core.rmem_max`/`wmem_max` are far lower; a program's request is capped there).
const MAX_BUF: u64 = 64 << 20;

pub(super) fn read_app(o: &Map<String, Value>, path: &str) -> Result<App, SimError> {
    let mut app = App::default();
    if let Some(v) = o.get("setsockopt") {
        app.sockopts = sockopts(v, &join(path, "setsockopt"))?;
    }
    if let Some(v) = o.get("setsockopt_accepted") {
        app.accepted_sockopts = sockopts(v, &join(path, "setsockopt_accepted"))?;
    }
    if let Some(v) = o.get("reader") {
        app.reader = reader(v, &join(path, "reader"))?;
    }
    if let Some(v) = o.get("writer") {
        app.writer = Some(writer(v, &join(path, "writer"))?);
    }
    Ok(app)
}

fn boolean(v: &Value, path: &str) -> Result<bool, SimError> {
    v.as_bool().ok_or_else(|| {
        SimError::scenario(path, format!("expected true or false, found {}", kind(v)))
    })
}

fn sockopts(v: &Value, path: &str) -> Result<SockOpts, SimError> {
    let o = object(v, path)?;
    known_keys(o, path, &OPT_KEYS)?;
    let mut s = SockOpts::default();
    if let Some(v) = o.get("nodelay") {
        s.nodelay = Some(boolean(v, &join(path, "nodelay"))?);
    }
    if let Some(v) = o.get("keepalive") {
        s.keepalive = Some(keepalive(v, &join(path, "keepalive"))?);
    }
    if let Some(v) = o.get("congestion") {
        let p = join(path, "congestion");
        s.congestion = Some(match string(v, &p)?.as_str() {
            "cubic" => CongestionKind::Cubic,
            "reno" => CongestionKind::Reno,
            other => {
                return Err(SimError::scenario(
                    p,
                    format!(
                        "`{other}` is not a congestion control; expected \"cubic\" or \"reno\""
                    ),
                ))
            }
        });
    }
    for (key, slot) in [
        ("sndbuf", &mut s.sndbuf),
        ("rcvbuf", &mut s.rcvbuf),
        ("rcvlowat", &mut s.rcvlowat),
    ] {
        if let Some(v) = o.get(key) {
            let p = join(path, key);
            let n = uint(v, &p, MAX_BUF)?;
            if n == 0 {
                return Err(SimError::scenario(p, "0: give a size of at least 1 byte"));
            }
            *slot = Some(n as u32);
        }
    }
    Ok(s)
}

fn keepalive(v: &Value, path: &str) -> Result<Keepalive, SimError> {
    let o = object(v, path)?;
    known_keys(o, path, &["idle_ms", "interval_ms", "count"])?;
    let mut k = Keepalive::default();
    if let Some(v) = o.get("idle_ms") {
        k.idle = Duration::from_micros(positive_ms(v, &join(path, "idle_ms"))?);
    }
    if let Some(v) = o.get("interval_ms") {
        k.interval = Duration::from_micros(positive_ms(v, &join(path, "interval_ms"))?);
    }
    if let Some(v) = o.get("count") {
        let p = join(path, "count");
        let n = uint(v, &p, 127)?;
        if n == 0 {
            return Err(SimError::scenario(
                p,
                "0: at least one probe (Linux allows 1 to 127)",
            ));
        }
        k.count = n as u8;
    }
    Ok(k)
}

fn positive_ms(v: &Value, path: &str) -> Result<u64, SimError> {
    let us = ms(v, path)?;
    if us < 1_000_000 {
        return Err(SimError::scenario(
            path,
            format!(
                "{} ms: keep-alive times are whole seconds in Linux, at least 1000 ms",
                describe(v)
            ),
        ));
    }
    Ok(us)
}

fn reader(v: &Value, path: &str) -> Result<Reader, SimError> {
    if let Some(name) = v.as_str() {
        return match name {
            "instant" => Ok(Reader::Instant),
            "none" => Ok(Reader::None),
            other => Err(SimError::scenario(
                path,
                format!(
                    "unknown reader `{other}`; expected \"instant\", \"none\", {{\"after_ms\": T}}, {{\"rate\": BYTES_PER_S}} or {{\"lowat\": N}}"
                ),
            )),
        };
    }
    let o = object(v, path)?;
    known_keys(o, path, &["after_ms", "rate", "lowat"])?;
    if o.len() != 1 {
        return Err(SimError::scenario(
            path,
            "a reader is one of {\"after_ms\": T}, {\"rate\": BYTES_PER_S} or {\"lowat\": N}",
        ));
    }
    if let Some(t) = o.get("after_ms") {
        return Ok(Reader::After {
            delay_us: ms(t, &join(path, "after_ms"))?,
        });
    }
    if let Some(r) = o.get("rate") {
        let p = join(path, "rate");
        let n = uint(r, &p, 1 << 40)?;
        if n == 0 {
            return Err(SimError::scenario(
                p,
                "0 bytes per second never reads; use \"none\"",
            ));
        }
        return Ok(Reader::Rate { bytes_per_sec: n });
    }
    let (p, n) = match o.get("lowat") {
        Some(n) => {
            let p = join(path, "lowat");
            let v = uint(n, &p, MAX_BUF)?;
            (p, v)
        }
        None => (String::from(path), 0),
    };
    if n == 0 {
        return Err(SimError::scenario(p, "0: wait for at least 1 byte"));
    }
    Ok(Reader::Lowat(n as u32))
}

fn writer(v: &Value, path: &str) -> Result<Writer, SimError> {
    let o = object(v, path)?;
    known_keys(
        o,
        path,
        &["bytes", "count", "every_ms", "after_ms", "close_after_ms"],
    )?;
    let bp = join(path, "bytes");
    let bytes = match o.get("bytes") {
        Some(b) => uint(b, &bp, MAX_SEND_BYTES)?,
        None => return Err(SimError::scenario(bp, "missing (this field is required)")),
    };
    if bytes == 0 {
        return Err(SimError::scenario(
            bp,
            "0: a write must carry at least one byte",
        ));
    }
    let count = match o.get("count") {
        Some(c) => {
            let p = join(path, "count");
            let n = uint(c, &p, 10_000)?;
            if n == 0 {
                return Err(SimError::scenario(p, "0: at least one write"));
            }
            n as u32
        }
        None => 1,
    };
    let every_us = match o.get("every_ms") {
        Some(e) => ms(e, &join(path, "every_ms"))?,
        None if count > 1 => {
            return Err(SimError::scenario(
                join(path, "every_ms"),
                format!("missing: how long between the {count} writes"),
            ))
        }
        None => 0,
    };
    let after_us = match o.get("after_ms") {
        Some(a) => ms(a, &join(path, "after_ms"))?,
        None => 0,
    };
    let close_after_us = match o.get("close_after_ms") {
        Some(c) => Some(ms(c, &join(path, "close_after_ms"))?),
        None => None,
    };
    Ok(Writer {
        count,
        bytes: bytes as u32,
        every_us,
        after_us,
        close_after_us,
    })
}

pub(super) fn app_into(app: &App, o: &mut Map<String, Value>) {
    if !app.sockopts.is_empty() {
        o.insert("setsockopt".into(), sockopts_value(&app.sockopts));
    }
    if !app.accepted_sockopts.is_empty() {
        o.insert(
            "setsockopt_accepted".into(),
            sockopts_value(&app.accepted_sockopts),
        );
    }
    let reader = match app.reader {
        Reader::Instant => None,
        Reader::None => Some(Value::from("none")),
        Reader::After { delay_us } => Some(one("after_ms", ms_value(delay_us))),
        Reader::Rate { bytes_per_sec } => Some(one("rate", Value::from(bytes_per_sec))),
        Reader::Lowat(n) => Some(one("lowat", Value::from(n))),
    };
    if let Some(r) = reader {
        o.insert("reader".into(), r);
    }
    if let Some(w) = app.writer {
        let mut m = Map::new();
        m.insert("bytes".into(), Value::from(w.bytes));
        if w.count != 1 {
            m.insert("count".into(), Value::from(w.count));
        }
        if w.every_us > 0 || w.count != 1 {
            m.insert("every_ms".into(), ms_value(w.every_us));
        }
        if w.after_us > 0 {
            m.insert("after_ms".into(), ms_value(w.after_us));
        }
        if let Some(c) = w.close_after_us {
            m.insert("close_after_ms".into(), ms_value(c));
        }
        o.insert("writer".into(), Value::Object(m));
    }
}

fn one(key: &str, v: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.into(), v);
    Value::Object(m)
}

fn sockopts_value(s: &SockOpts) -> Value {
    let mut m = Map::new();
    if let Some(on) = s.nodelay {
        m.insert("nodelay".into(), Value::Bool(on));
    }
    if let Some(k) = s.keepalive {
        let mut ka = Map::new();
        ka.insert("idle_ms".into(), ms_value(k.idle.as_micros() as u64));
        ka.insert(
            "interval_ms".into(),
            ms_value(k.interval.as_micros() as u64),
        );
        ka.insert("count".into(), Value::from(k.count));
        m.insert("keepalive".into(), Value::Object(ka));
    }
    if let Some(k) = s.congestion {
        let name = match k {
            CongestionKind::Cubic => "cubic",
            CongestionKind::Reno => "reno",
        };
        m.insert("congestion".into(), Value::from(name));
    }
    for (key, v) in [
        ("sndbuf", s.sndbuf),
        ("rcvbuf", s.rcvbuf),
        ("rcvlowat", s.rcvlowat),
    ] {
        if let Some(n) = v {
            m.insert(key.into(), Value::from(n));
        }
    }
    Value::Object(m)
}
