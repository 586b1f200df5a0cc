//! The scenario file format (JSON, documented in docs/SCENARIOS.md).
//!
//! Reading walks a `serde_json::Value` by hand instead of deriving `Deserialize`, so that every
//! error names its place (`client.on_data[0].after_ms: expected a number`) and unknown keys
//! are refused (what `deny_unknown_fields` does, with the place and the allowed keys).
//! `Scenario` still implements serde's traits through this module, so
//! `serde_json::from_str::<Scenario>` gives the same errors.

use super::app_json::{app_into, read_app, APP_KEYS};
use super::validate::MAX_SEND_BYTES;
use super::{
    Blackout, Call, Fault, FaultAction, Injection, Payload, Reaction, Scenario, Script, Select,
    Timed, Trigger,
};
use crate::error::SimError;
use crate::trace::Side;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};
use synack_core::{Flags, State};

/// Longest time a scenario may name: one hour, in ms (the run's default safety limit).
const MAX_MS: f64 = 3_600_000.0;

impl Scenario {
    /// Read a scenario from JSON text, and check it ([`Scenario::validate`]).
    pub fn from_json(text: &str) -> Result<Scenario, SimError> {
        let v: Value = serde_json::from_str(text).map_err(|e| SimError::Json(e.to_string()))?;
        let s = Scenario::from_value(&v)?;
        s.validate()?;
        Ok(s)
    }

    /// The scenario as JSON text (pretty, two-space indented), readable by `from_json`.
    pub fn to_json(&self) -> String {
        // Serializing a Value into a String cannot fail.
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    fn from_value(v: &Value) -> Result<Scenario, SimError> {
        let o = object(v, "")?;
        known_keys(
            o,
            "",
            &[
                "name",
                "description",
                "description_zh",
                "descriptions",
                "latency_ms",
                "two_way_handshake",
                "client",
                "server",
                "faults",
                "inject",
            ],
        )?;
        let mut s = Scenario::new("scenario");
        if let Some(v) = o.get("name") {
            s.name = string(v, "name")?;
        }
        if let Some(v) = o.get("description") {
            s.description = string(v, "description")?;
        }
        if let Some(v) = o.get("description_zh") {
            let zh = string(v, "description_zh")?;
            s.descriptions.insert("zh".into(), zh);
        }
        if let Some(v) = o.get("descriptions") {
            for (lang, text) in object(v, "descriptions")? {
                let at = format!("descriptions.{lang}");
                s.descriptions.insert(lang.clone(), string(text, &at)?);
            }
        }
        if let Some(v) = o.get("latency_ms") {
            s.latency_us = Some(ms(v, "latency_ms")?);
        }
        if let Some(v) = o.get("two_way_handshake") {
            s.two_way_handshake = v
                .as_bool()
                .ok_or_else(|| SimError::scenario("two_way_handshake", "expected true or false"))?;
        }
        if let Some(v) = o.get("client") {
            s.client = script(v, "client")?;
        }
        if let Some(v) = o.get("server") {
            s.server = script(v, "server")?;
        }
        if let Some(v) = o.get("faults") {
            for (i, f) in list(v, "faults")?.iter().enumerate() {
                let path = format!("faults[{i}]");
                match blackout(f, &path)? {
                    Some(b) if s.blackout.is_some() => {
                        let _ = b;
                        return Err(SimError::scenario(
                            path,
                            "a second blackout; the network goes dark only once",
                        ));
                    }
                    Some(b) => s.blackout = Some(b),
                    None => s.faults.push(fault(f, &path)?),
                }
            }
        }
        if let Some(v) = o.get("inject") {
            for (i, f) in list(v, "inject")?.iter().enumerate() {
                s.inject.push(injection(f, &format!("inject[{i}]"))?);
            }
        }
        Ok(s)
    }

    fn to_value(&self) -> Value {
        let mut o = Map::new();
        o.insert("name".into(), Value::from(self.name.as_str()));
        if !self.description.is_empty() {
            o.insert("description".into(), Value::from(self.description.as_str()));
        }
        if !self.descriptions.is_empty() {
            let d: Map<String, Value> = self
                .descriptions
                .iter()
                .map(|(l, t)| (l.clone(), Value::from(t.as_str())))
                .collect();
            o.insert("descriptions".into(), Value::Object(d));
        }
        if let Some(l) = self.latency_us {
            o.insert("latency_ms".into(), ms_value(l));
        }
        if self.two_way_handshake {
            o.insert("two_way_handshake".into(), Value::Bool(true));
        }
        o.insert("client".into(), script_value(&self.client));
        o.insert("server".into(), script_value(&self.server));
        if !self.faults.is_empty() || self.blackout.is_some() {
            let mut v: Vec<Value> = self.faults.iter().map(fault_value).collect();
            if let Some(b) = self.blackout {
                v.push(blackout_value(b));
            }
            o.insert("faults".into(), Value::Array(v));
        }
        if !self.inject.is_empty() {
            let v = self.inject.iter().map(injection_value).collect();
            o.insert("inject".into(), Value::Array(v));
        }
        Value::Object(o)
    }
}

impl Serialize for Scenario {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let s = Scenario::from_value(&v).map_err(serde::de::Error::custom)?;
        s.validate().map_err(serde::de::Error::custom)?;
        Ok(s)
    }
}

// ------------------------------------------------------------------ reading helpers

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        String::from(key)
    } else {
        format!("{path}.{key}")
    }
}

pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

pub(super) fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, SimError> {
    v.as_object().ok_or_else(|| {
        SimError::scenario(
            path,
            format!("expected an object {{...}}, found {}", kind(v)),
        )
    })
}

pub(super) fn list<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, SimError> {
    v.as_array().ok_or_else(|| {
        SimError::scenario(path, format!("expected a list [...], found {}", kind(v)))
    })
}

pub(super) fn string(v: &Value, path: &str) -> Result<String, SimError> {
    v.as_str()
        .map(String::from)
        .ok_or_else(|| SimError::scenario(path, format!("expected a string, found {}", kind(v))))
}

pub(super) fn known_keys(
    o: &Map<String, Value>,
    path: &str,
    allowed: &[&str],
) -> Result<(), SimError> {
    for k in o.keys() {
        if !allowed.contains(&k.as_str()) {
            return Err(SimError::scenario(
                join(path, k),
                format!("unknown field; expected one of: {}", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

pub(super) fn required<'a>(
    o: &'a Map<String, Value>,
    path: &str,
    key: &str,
) -> Result<&'a Value, SimError> {
    o.get(key)
        .ok_or_else(|| SimError::scenario(join(path, key), "missing (this field is required)"))
}

/// A time in milliseconds (fractions allowed, down to 1 µs), returned in µs.
pub(super) fn ms(v: &Value, path: &str) -> Result<u64, SimError> {
    let x = v
        .as_f64()
        .ok_or_else(|| SimError::scenario(path, format!("expected a number, found {}", kind(v))))?;
    if !x.is_finite() {
        return Err(SimError::scenario(path, "expected a finite number"));
    }
    if x < 0.0 {
        return Err(SimError::scenario(
            path,
            format!(
                "{} is negative; times and delays count forward from 0",
                describe(v)
            ),
        ));
    }
    if x > MAX_MS {
        return Err(SimError::scenario(
            path,
            format!(
                "{} ms is past the one-hour limit of a run (3600000 ms)",
                describe(v)
            ),
        ));
    }
    // Round to the nearest microsecond (x is finite and in range, so the cast is exact).
    Ok((x * 1000.0 + 0.5) as u64)
}

pub(super) fn ms_value(us: u64) -> Value {
    if us.is_multiple_of(1000) {
        Value::from(us / 1000)
    } else {
        Number::from_f64(us as f64 / 1000.0).map_or(Value::Null, Value::Number)
    }
}

pub(super) fn uint(v: &Value, path: &str, max: u64) -> Result<u64, SimError> {
    let n = v.as_u64().ok_or_else(|| {
        SimError::scenario(
            path,
            format!("expected a whole number ≥ 0, found {}", describe(v)),
        )
    })?;
    if n > max {
        return Err(SimError::scenario(
            path,
            format!("{n} is above the limit of {max}"),
        ));
    }
    Ok(n)
}

fn int(v: &Value, path: &str) -> Result<i64, SimError> {
    v.as_i64().ok_or_else(|| {
        SimError::scenario(
            path,
            format!("expected a whole number, found {}", describe(v)),
        )
    })
}

pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => String::from(kind(other)),
    }
}

fn side(v: &Value, path: &str) -> Result<Side, SimError> {
    match v.as_str() {
        Some("client") => Ok(Side::Client),
        Some("server") => Ok(Side::Server),
        _ => Err(SimError::scenario(
            path,
            format!("expected \"client\" or \"server\", found {}", v),
        )),
    }
}

/// Flags written as names joined by `|` (or `,`): `"SYN"`, `"SYN|ACK"`, `"FIN|ACK"`.
pub fn parse_flags(s: &str) -> Result<Flags, String> {
    let mut f = Flags::EMPTY;
    for part in s.split(['|', ',', '+']) {
        let name = part.trim();
        let bit = Flags::NAMED
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(b, _)| *b)
            .ok_or_else(|| {
                format!("`{name}` is not a flag; flags are SYN, ACK, FIN, RST, PSH, URG, ECE, CWR joined by |")
            })?;
        f |= bit;
    }
    Ok(f)
}

/// The flags as `parse_flags` reads them (`SYN|ACK`).
pub fn flags_name(f: Flags) -> String {
    f.to_string()
}

/// A state written as RFC 9293 does (`TIME-WAIT`, `SYN-RECEIVED`), any case.
pub fn parse_state(s: &str) -> Option<State> {
    State::ALL
        .iter()
        .copied()
        .find(|st| st.rfc_name().eq_ignore_ascii_case(s.trim()))
}

fn flags(v: &Value, path: &str) -> Result<Flags, SimError> {
    let s = string(v, path)?;
    parse_flags(&s).map_err(|m| SimError::scenario(path, m))
}

fn call(o: &Map<String, Value>, path: &str) -> Result<Call, SimError> {
    let name = string(required(o, path, "call")?, &join(path, "call"))?;
    let c = match name.as_str() {
        "listen" => Call::Listen,
        "connect" => Call::Connect,
        "send" => match (o.get("data"), o.get("bytes")) {
            (Some(d), None) => Call::Send(Payload::Text(string(d, &join(path, "data"))?)),
            (None, Some(b)) => {
                let n = uint(b, &join(path, "bytes"), MAX_SEND_BYTES)?;
                Call::Send(Payload::Bytes(n as u32))
            }
            (Some(_), Some(_)) => {
                return Err(SimError::scenario(
                    path,
                    "a send has either `data` (text) or `bytes` (a count), not both",
                ))
            }
            (None, None) => {
                return Err(SimError::scenario(
                    path,
                    "a send needs `data` (text) or `bytes` (a count)",
                ))
            }
        },
        "shutdown_write" => Call::ShutdownWrite,
        "close" => Call::Close,
        "abort" => Call::Abort,
        "crash" => Call::Crash,
        other => {
            return Err(SimError::scenario(
                join(path, "call"),
                format!(
                    "unknown call `{other}`; expected listen, connect, send, shutdown_write, close, abort or crash"
                ),
            ))
        }
    };
    if !matches!(c, Call::Send(_)) {
        for k in ["data", "bytes"] {
            if o.contains_key(k) {
                return Err(SimError::scenario(
                    join(path, k),
                    format!("only a send carries `{k}`, not a {}", c.name()),
                ));
            }
        }
    }
    Ok(c)
}

fn script(v: &Value, path: &str) -> Result<Script, SimError> {
    let o = object(v, path)?;
    let mut keys = Vec::from(["at"]);
    keys.extend(Trigger::ALL.iter().map(|t| t.key()));
    keys.extend(APP_KEYS);
    known_keys(o, path, &keys)?;
    let mut s = Script::new();
    s.app = read_app(o, path)?;
    if let Some(v) = o.get("at") {
        let p = join(path, "at");
        for (i, e) in list(v, &p)?.iter().enumerate() {
            let ep = format!("{p}[{i}]");
            let eo = object(e, &ep)?;
            known_keys(eo, &ep, &["at_ms", "call", "data", "bytes"])?;
            let at_us = ms(required(eo, &ep, "at_ms")?, &join(&ep, "at_ms"))?;
            s.at.push(Timed {
                at_us,
                call: call(eo, &ep)?,
            });
        }
    }
    for t in Trigger::ALL {
        let Some(v) = o.get(t.key()) else { continue };
        let p = join(path, t.key());
        for (i, e) in list(v, &p)?.iter().enumerate() {
            let ep = format!("{p}[{i}]");
            let eo = object(e, &ep)?;
            known_keys(eo, &ep, &["after_ms", "call", "data", "bytes"])?;
            let after_us = match eo.get("after_ms") {
                Some(a) => ms(a, &join(&ep, "after_ms"))?,
                None => 0,
            };
            let c = call(eo, &ep)?;
            s = s.on_us(t, after_us, c);
        }
    }
    Ok(s)
}

fn fault(v: &Value, path: &str) -> Result<Fault, SimError> {
    let o = object(v, path)?;
    known_keys(
        o,
        path,
        &[
            "side",
            "nth",
            "flags",
            "state",
            "which",
            "data_nth",
            "retransmissions",
            "action",
            "extra_ms",
        ],
    )?;
    let sd = side(required(o, path, "side")?, &join(path, "side"))?;
    if o.contains_key("retransmissions") && !o.contains_key("data_nth") {
        return Err(SimError::scenario(
            join(path, "retransmissions"),
            "only a fault selected by `data_nth` takes this",
        ));
    }
    let select = match (o.get("nth"), o.get("flags"), o.get("data_nth")) {
        (None, None, Some(n)) => {
            for k in ["state", "which"] {
                if o.contains_key(k) {
                    return Err(SimError::scenario(
                        join(path, k),
                        "only a fault selected by `flags` takes this; `data_nth` names one segment",
                    ));
                }
            }
            let p = join(path, "data_nth");
            let n = uint(n, &p, u64::from(u32::MAX))? as u32;
            if n == 0 {
                return Err(SimError::scenario(
                    p,
                    "0: data segments count from 1 (the first segment that carries payload is 1)",
                ));
            }
            let retransmissions = match o.get("retransmissions") {
                Some(k) => uint(k, &join(path, "retransmissions"), 1000)? as u32,
                None => 0,
            };
            Select::DataNth { n, retransmissions }
        }
        (Some(n), None, None) => {
            for k in ["state", "which"] {
                if o.contains_key(k) {
                    return Err(SimError::scenario(
                        join(path, k),
                        "only a fault selected by `flags` takes this; `nth` names one segment",
                    ));
                }
            }
            Select::Nth(uint(n, &join(path, "nth"), u64::from(u32::MAX))? as u32)
        }
        (None, Some(f), None) => {
            let fl = flags(f, &join(path, "flags"))?;
            let state = match o.get("state") {
                None => None,
                Some(s) => {
                    let p = join(path, "state");
                    let name = string(s, &p)?;
                    Some(parse_state(&name).ok_or_else(|| {
                        SimError::scenario(
                            p,
                            format!("`{name}` is not an RFC 9293 state (e.g. SYN-SENT, TIME-WAIT)"),
                        )
                    })?)
                }
            };
            let all = match o.get("which").map(|w| w.as_str()) {
                None | Some(Some("first")) => false,
                Some(Some("all")) => true,
                Some(_) => {
                    return Err(SimError::scenario(
                        join(path, "which"),
                        "expected \"first\" or \"all\"",
                    ))
                }
            };
            Select::Match {
                flags: fl,
                state,
                all,
            }
        }
        (None, None, None) => {
            return Err(SimError::scenario(
                path,
                "missing `nth` (the n-th segment the side sends, from 0), `flags` (e.g. \"SYN\") or `data_nth` (the n-th segment with payload, from 1)",
            ))
        }
        _ => {
            return Err(SimError::scenario(
                path,
                "select segments by one of `nth`, `flags` or `data_nth`, not several",
            ))
        }
    };
    let act = string(required(o, path, "action")?, &join(path, "action"))?;
    let extra = o.get("extra_ms");
    let action = match act.as_str() {
        "drop" => {
            if extra.is_some() {
                return Err(SimError::scenario(
                    join(path, "extra_ms"),
                    "a dropped segment takes no extra delay",
                ));
            }
            FaultAction::Drop
        }
        "delay" | "duplicate" => {
            let p = join(path, "extra_ms");
            let e = extra.ok_or_else(|| {
                SimError::scenario(&p, format!("missing: how much later a {act} arrives"))
            })?;
            let extra_us = ms(e, &p)?;
            if act == "delay" {
                FaultAction::Delay { extra_us }
            } else {
                FaultAction::Duplicate { extra_us }
            }
        }
        other => {
            return Err(SimError::scenario(
                join(path, "action"),
                format!("unknown action `{other}`; expected drop, delay, duplicate or blackout"),
            ))
        }
    };
    Ok(Fault {
        side: sd,
        select,
        action,
    })
}

/// A fault entry `{ "action": "blackout", "at_ms": T }` or `{ "action": "blackout", "from":
/// "after_handshake" }`; `None` for any other fault.
fn blackout(v: &Value, path: &str) -> Result<Option<Blackout>, SimError> {
    let o = object(v, path)?;
    if o.get("action").and_then(Value::as_str) != Some("blackout") {
        return Ok(None);
    }
    known_keys(o, path, &["action", "at_ms", "from"])?;
    match (o.get("at_ms"), o.get("from")) {
        (Some(t), None) => Ok(Some(Blackout::At(ms(t, &join(path, "at_ms"))?))),
        (None, Some(f)) => match f.as_str() {
            Some("after_handshake") => Ok(Some(Blackout::AfterHandshake)),
            _ => Err(SimError::scenario(
                join(path, "from"),
                format!("expected \"after_handshake\", found {f}"),
            )),
        },
        (Some(_), Some(_)) => Err(SimError::scenario(
            path,
            "a blackout starts either `at_ms` or `from` \"after_handshake\", not both",
        )),
        (None, None) => Err(SimError::scenario(
            path,
            "a blackout needs `at_ms` (when the network goes dark) or `from`: \"after_handshake\"",
        )),
    }
}

fn blackout_value(b: Blackout) -> Value {
    let mut o = Map::new();
    o.insert("action".into(), Value::from("blackout"));
    match b {
        Blackout::At(us) => {
            o.insert("at_ms".into(), ms_value(us));
        }
        Blackout::AfterHandshake => {
            o.insert("from".into(), Value::from("after_handshake"));
        }
    }
    Value::Object(o)
}

fn injection(v: &Value, path: &str) -> Result<Injection, SimError> {
    let o = object(v, path)?;
    known_keys(o, path, &["from", "at_ms", "flags", "seq", "ack"])?;
    Ok(Injection {
        from: side(required(o, path, "from")?, &join(path, "from"))?,
        at_us: ms(required(o, path, "at_ms")?, &join(path, "at_ms"))?,
        flags: flags(required(o, path, "flags")?, &join(path, "flags"))?,
        seq: match o.get("seq") {
            Some(v) => int(v, &join(path, "seq"))?,
            None => 0,
        },
        ack: match o.get("ack") {
            Some(v) => int(v, &join(path, "ack"))?,
            None => 0,
        },
    })
}

// ------------------------------------------------------------------ writing helpers

fn call_into(c: &Call, o: &mut Map<String, Value>) {
    o.insert("call".into(), Value::from(c.name()));
    match c {
        Call::Send(Payload::Text(t)) => {
            o.insert("data".into(), Value::from(t.as_str()));
        }
        Call::Send(Payload::Bytes(n)) => {
            o.insert("bytes".into(), Value::from(*n));
        }
        _ => {}
    }
}

fn script_value(s: &Script) -> Value {
    let mut o = Map::new();
    if !s.at.is_empty() {
        let at =
            s.at.iter()
                .map(|t: &Timed| {
                    let mut e = Map::new();
                    e.insert("at_ms".into(), ms_value(t.at_us));
                    call_into(&t.call, &mut e);
                    Value::Object(e)
                })
                .collect();
        o.insert("at".into(), Value::Array(at));
    }
    for t in Trigger::ALL {
        let list = s.reactions(t);
        if list.is_empty() {
            continue;
        }
        let v = list
            .iter()
            .map(|r: &Reaction| {
                let mut e = Map::new();
                if r.after_us > 0 {
                    e.insert("after_ms".into(), ms_value(r.after_us));
                }
                call_into(&r.call, &mut e);
                Value::Object(e)
            })
            .collect();
        o.insert(t.key().into(), Value::Array(v));
    }
    app_into(&s.app, &mut o);
    Value::Object(o)
}

fn side_name(s: Side) -> &'static str {
    match s {
        Side::Client => "client",
        Side::Server => "server",
    }
}

fn fault_value(f: &Fault) -> Value {
    let mut o = Map::new();
    o.insert("side".into(), Value::from(side_name(f.side)));
    match &f.select {
        Select::Nth(n) => {
            o.insert("nth".into(), Value::from(*n));
        }
        Select::DataNth { n, retransmissions } => {
            o.insert("data_nth".into(), Value::from(*n));
            if *retransmissions > 0 {
                o.insert("retransmissions".into(), Value::from(*retransmissions));
            }
        }
        Select::Match { flags, state, all } => {
            o.insert("flags".into(), Value::from(flags_name(*flags)));
            if let Some(s) = state {
                o.insert("state".into(), Value::from(s.rfc_name()));
            }
            o.insert(
                "which".into(),
                Value::from(if *all { "all" } else { "first" }),
            );
        }
    }
    let (name, extra) = match f.action {
        FaultAction::Drop => ("drop", None),
        FaultAction::Delay { extra_us } => ("delay", Some(extra_us)),
        FaultAction::Duplicate { extra_us } => ("duplicate", Some(extra_us)),
    };
    o.insert("action".into(), Value::from(name));
    if let Some(e) = extra {
        o.insert("extra_ms".into(), ms_value(e));
    }
    Value::Object(o)
}

fn injection_value(i: &Injection) -> Value {
    let mut o = Map::new();
    o.insert("from".into(), Value::from(side_name(i.from)));
    o.insert("at_ms".into(), ms_value(i.at_us));
    o.insert("flags".into(), Value::from(flags_name(i.flags)));
    o.insert("seq".into(), Value::from(i.seq));
    if i.ack != 0 {
        o.insert("ack".into(), Value::from(i.ack));
    }
    Value::Object(o)
}
