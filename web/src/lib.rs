//! # synack-web: the first page
//!
//! Runs the simulator (`synack-sim`) on one scenario and draws every segment of the resulting
//! trace as a ladder diagram (client on the left, server on the right, time flowing down),
//! with the same segments as an ordered list for screen readers and for copying.
//!
//! This is the foundation page (issue 2): small on purpose. The full app replaces it with
//! geometry from `synack-diagram`, a playhead and controls; until then the little layout
//! below (one row per segment) stands in for `synack-diagram`.

use std::rc::Rc;

use synack_core::{CallError, Connection, Endpoint, Flags, Instant, Profile, Segment, State};
use synack_sim::Side;
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

/// Runs the connection the page draws and returns its segments in sending order.
/// Pure and deterministic: the same every call, natively and in wasm.
pub fn simulate() -> Result<Vec<Row>, String> {
    // TODO(issue 2): switch to the simulator as soon as `synack_sim::run` exists:
    //     let trace = synack_sim::run(&preset(SCENARIO)?, &SimConfig::default());
    // and build the rows from `trace.segments` (each `SegmentRecord` has `from`, `sent_at`,
    // `sender_state`, `segment` and a `fate`). Until then, the two endpoints below are real
    // synack-core connections joined by a loss-free wire with a fixed one-way delay.
    handshake_and_close()
}

const ONE_WAY_US: u64 = 25_000;
const CLIENT_ADDR: [u8; 4] = [10, 0, 0, 1];
const SERVER_ADDR: [u8; 4] = [10, 0, 0, 2];

/// The client connects, then closes at once; the server closes as soon as it sees the FIN.
fn handshake_and_close() -> Result<Vec<Row>, String> {
    let server_ep = Endpoint::new(SERVER_ADDR, 80);
    let mut ends = [
        Connection::new(
            Profile::linux(),
            Endpoint::new(CLIENT_ADDR, 40001),
            0x1000_0000,
        ),
        Connection::new(Profile::linux(), server_ep, 0x7000_0000),
    ];
    let err = |e: CallError| format!("{e:?}");
    let mut now = Instant::ZERO;
    ends[1].listen(now).map_err(err)?;
    ends[0].connect(now, server_ep).map_err(err)?;
    let mut closed = [false, false];
    // (arrival time, receiving side, segment); a VecDeque would do, the list is tiny.
    let mut wire: Vec<(Instant, Side, Segment)> = Vec::new();
    let mut rows = Vec::new();
    let mut iss: [Option<u32>; 2] = [None, None];
    for _ in 0..200 {
        // Whatever the last input made the endpoints send goes on the wire first ...
        transmit(&mut ends, now, &mut iss, &mut rows, &mut wire);
        // ... then the applications act: the client closes once established, the server
        // as soon as the client's FIN has put it in CLOSE-WAIT.
        if !closed[0] && ends[0].state() == State::Established {
            ends[0].close(now).map_err(err)?;
            closed[0] = true;
        }
        if !closed[1] && ends[1].state() == State::CloseWait {
            ends[1].close(now).map_err(err)?;
            closed[1] = true;
        }
        transmit(&mut ends, now, &mut iss, &mut rows, &mut wire);
        // Next: the earliest arrival, or a timer due within a second (delayed ACKs);
        // TIME-WAIT's long silence ends the picture.
        let next_timer = ends.iter().filter_map(Connection::poll_timeout).min();
        let next_arrival = wire.iter().map(|(at, _, _)| *at).min();
        match (next_arrival, next_timer) {
            (Some(a), t) if t.is_none_or(|t| a <= t) => {
                let Some(k) = wire.iter().position(|(at, _, _)| *at == a) else {
                    break;
                };
                let (at, to, seg) = wire.remove(k);
                now = at;
                let src = match to {
                    Side::Client => SERVER_ADDR,
                    Side::Server => CLIENT_ADDR,
                };
                ends[to.index()].handle_segment(now, src, &seg);
            }
            (_, Some(t)) if t.micros() <= now.micros() + 1_000_000 => {
                now = t;
                for end in &mut ends {
                    if end.poll_timeout().is_some_and(|x| x <= now) {
                        end.handle_timeout(now);
                    }
                }
            }
            _ => break,
        }
    }
    Ok(rows)
}

/// Moves every segment the endpoints want to send onto the wire, recording a row for each.
fn transmit(
    ends: &mut [Connection; 2],
    now: Instant,
    iss: &mut [Option<u32>; 2],
    rows: &mut Vec<Row>,
    wire: &mut Vec<(Instant, Side, Segment)>,
) {
    for (i, side) in [(0, Side::Client), (1, Side::Server)] {
        while ends[i].poll_event().is_some() {}
        while let Some(seg) = ends[i].poll_transmit() {
            let own = *iss[i].get_or_insert(seg.seq);
            let theirs = iss[1 - i].unwrap_or(0);
            let arrives = Instant::from_micros(now.micros() + ONE_WAY_US);
            rows.push(Row {
                from: side,
                flags: seg.flags.to_string(),
                seq: seg.seq.wrapping_sub(own),
                ack: seg
                    .flags
                    .contains(Flags::ACK)
                    .then(|| seg.ack.wrapping_sub(theirs)),
                len: seg.payload.len(),
                sent_ms: now.micros() as f64 / 1000.0,
                arrived_ms: Some(arrives.micros() as f64 / 1000.0),
                sender_state: ends[i].state().to_string(),
            });
            wire.push((arrives, side.other(), seg));
        }
    }
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
