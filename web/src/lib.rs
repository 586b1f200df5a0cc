//! # synack-web: the first page
//!
//! Runs the simulator (`synack-sim`) on one preset scenario and draws every segment of the
//! resulting trace as a ladder diagram (client on the left, server on the right, time flowing down),
//! with the same segments as an ordered list for screen readers and for copying.
//!
//! This is the foundation page (issue 2): small on purpose. The full app replaces it with
//! geometry from `synack-diagram`, a playhead and controls; until then the little layout
//! below (one row per segment) stands in for `synack-diagram`.

use std::rc::Rc;

use synack_core::{Flags, Instant};
use synack_sim::{preset, run, Config, Fate, Side, Trace};
use yew::prelude::*;

/// The scenario the first page shows.
pub const SCENARIO: &str = "handshake-and-close";

/// One segment as the page shows it: everything already turned into text and positions.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub from: Side,
    /// `SYN`, `SYN|ACK`, `FIN|ACK` ... as the core writes flags.
    pub flags: String,
    /// Sequence and acknowledgment numbers relative to each side's ISS, as Wireshark shows.
    pub seq: u32,
    pub ack: Option<u32>,
    pub len: usize,
    pub sent_ms: f64,
    /// `None` if it was lost or never arrived before the end.
    pub arrived_ms: Option<f64>,
    /// The sender's RFC 9293 state just after sending (`SYN-SENT`).
    pub sender_state: String,
}

/// Runs the simulation the page draws (the preset [`SCENARIO`] with its default
/// configuration) and returns its segments in sending order. Pure and deterministic: the
/// same every call, natively and in wasm.
pub fn simulate() -> Result<Vec<Row>, String> {
    let scenario = preset(SCENARIO).ok_or_else(|| format!("no preset called {SCENARIO}"))?;
    let trace = run(&scenario, &Config::for_scenario(&scenario)).map_err(|e| e.to_string())?;
    Ok(rows(&trace))
}

/// Turns a trace into rows. Never panics, whatever the trace holds.
pub fn rows(trace: &Trace) -> Vec<Row> {
    // Each side's ISS: the sequence number of the first segment it sent.
    let iss = |side: Side| {
        trace
            .segments
            .iter()
            .find(|r| r.from == side)
            .map_or(0, |r| r.segment.seq)
    };
    let (client_iss, server_iss) = (iss(Side::Client), iss(Side::Server));
    let ms = |at: Instant| at.micros() as f64 / 1000.0;
    trace
        .segments
        .iter()
        .map(|r| {
            let (own, theirs) = match r.from {
                Side::Client => (client_iss, server_iss),
                Side::Server => (server_iss, client_iss),
            };
            let s = &r.segment;
            Row {
                from: r.from,
                flags: s.flags.to_string(),
                seq: s.seq.wrapping_sub(own),
                ack: s
                    .flags
                    .contains(Flags::ACK)
                    .then(|| s.ack.wrapping_sub(theirs)),
                len: s.payload.len(),
                sent_ms: ms(r.sent_at),
                arrived_ms: match r.fate {
                    Fate::Arrived { at } => Some(ms(at)),
                    Fate::Lost { .. } | Fate::InFlight => None,
                },
                sender_state: r.sender_state.to_string(),
            }
        })
        .collect()
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Client => "client",
        Side::Server => "server",
    }
}

fn describe(row: &Row) -> String {
    let (from, to) = match row.from {
        Side::Client => ("client", "server"),
        Side::Server => ("server", "client"),
    };
    let mut text = format!(
        "{:.3} ms: {from} → {to}: {} seq={}",
        row.sent_ms, row.flags, row.seq
    );
    if let Some(ack) = row.ack {
        text.push_str(&format!(" ack={ack}"));
    }
    if row.len > 0 {
        text.push_str(&format!(" len={}", row.len));
    }
    match row.arrived_ms {
        Some(at) => text.push_str(&format!("; arrives at {at:.3} ms")),
        None => text.push_str("; lost"),
    }
    text.push_str(&format!(" ({from} is now {})", row.sender_state));
    text
}

// Ladder geometry, in viewBox units (the SVG scales to its container's width).
const WIDTH: f64 = 560.0;
const CLIENT_X: f64 = 130.0;
const SERVER_X: f64 = 430.0;
const TOP: f64 = 56.0;
const ROW: f64 = 46.0;
const DROP: f64 = 30.0;

#[derive(Properties, PartialEq)]
pub struct LadderProps {
    pub rows: Rc<Vec<Row>>,
}

/// The ladder: two lifelines and one arrow per segment.
#[function_component]
pub fn Ladder(props: &LadderProps) -> Html {
    let height = TOP + ROW * props.rows.len() as f64 + DROP;
    let arrows = props.rows.iter().enumerate().map(|(i, row)| {
        let (x1, x2, class) = match row.from {
            Side::Client => (CLIENT_X, SERVER_X, "segment seg-a"),
            Side::Server => (SERVER_X, CLIENT_X, "segment seg-b"),
        };
        let y1 = TOP + ROW * i as f64;
        // A lost segment stops half-way, ending in a cross.
        let frac = if row.arrived_ms.is_some() { 1.0 } else { 0.5 };
        let (x2, y2) = (x1 + (x2 - x1) * frac, y1 + DROP * frac);
        let dir = if x2 > x1 { 1.0 } else { -1.0 };
        let head = if row.arrived_ms.is_some() {
            format!(
                "{x2},{y2} {},{} {},{}",
                x2 - dir * 10.0,
                y2 - 8.0,
                x2 - dir * 12.0,
                y2 + 1.0
            )
        } else {
            String::new()
        };
        let label_x = (x1 + x2) / 2.0;
        let mut label = format!("{} seq={}", row.flags, row.seq);
        if let Some(ack) = row.ack {
            label.push_str(&format!(" ack={ack}"));
        }
        let (state_x, anchor) = match row.from {
            Side::Client => (CLIENT_X - 8.0, "end"),
            Side::Server => (SERVER_X + 8.0, "start"),
        };
        html! {
            <g class={class} data-flags={row.flags.clone()} data-from={side_name(row.from)}>
                <line class="arrow" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
                if row.arrived_ms.is_some() {
                    <polygon points={head} />
                } else {
                    <text x={x2.to_string()} y={(y2 + 5.0).to_string()} text-anchor="middle">{"✕"}</text>
                }
                <text x={label_x.to_string()} y={(y1 + DROP / 2.0 - 6.0).to_string()} text-anchor="middle">{label}</text>
                <text class="state" x={state_x.to_string()} y={(y1 + 4.0).to_string()} text-anchor={anchor}>{row.sender_state.clone()}</text>
            </g>
        }
    });
    html! {
        <svg class="ladder" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-labelledby="ladder-title">
            <title id="ladder-title">{"Ladder diagram: the segments the client and the server sent, time flowing down"}</title>
            <text class="host" x={CLIENT_X.to_string()} y="24" text-anchor="middle">{"client"}</text>
            <text class="host" x={SERVER_X.to_string()} y="24" text-anchor="middle">{"server"}</text>
            <line class="lifeline" x1={CLIENT_X.to_string()} y1="34" x2={CLIENT_X.to_string()} y2={height.to_string()} />
            <line class="lifeline" x1={SERVER_X.to_string()} y1="34" x2={SERVER_X.to_string()} y2={height.to_string()} />
            { for arrows }
        </svg>
    }
}

/// The page.
#[function_component]
pub fn App() -> Html {
    let trace = use_memo((), |_| simulate().map(Rc::new));
    let body = match &*trace {
        Ok(rows) => html! {
            <>
                <figure>
                    <Ladder rows={Rc::clone(rows)} />
                    <figcaption class="muted">{format!("Scenario “{SCENARIO}”: {} segments, simulated in your browser.", rows.len())}</figcaption>
                </figure>
                <h2>{"Segments"}</h2>
                <ol class="segments">
                    { for rows.iter().map(|r| html! { <li>{describe(r)}</li> }) }
                </ol>
            </>
        },
        Err(e) => html! { <p role="alert">{format!("The simulation failed: {e}")}</p> },
    };
    html! {
        <main>
            <h1>{"synack"}</h1>
            <p class="muted">{"One TCP connection's life, simulated by a real TCP state machine on both ends and drawn from what it did."}</p>
            {body}
        </main>
    }
}
