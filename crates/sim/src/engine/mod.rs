//! The discrete-event loop: two synack-core connections, one link per direction, and a queue
//! of pending inputs (segment arrivals, application calls, stale-segment injections).
//!
//! Time jumps from one input to the next, so a 60 s TIME-WAIT costs one step, not 60 000.
//! At one instant the order is: the client's due timers, the server's due timers, then queued
//! inputs in the order they were queued (so a server listening at 0 is ready for a client
//! connecting at 0, and a reply never overtakes its cause).

mod app;
mod link;
mod model;
mod record;

use crate::config::Config;
use crate::error::SimError;
use crate::scenario::{Call, Payload, Scenario};
use crate::trace::{Host, Side, StopReason, Trace};
use alloc::collections::BinaryHeap;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::{Ordering, Reverse};
pub(crate) use record::ips as record_ips;
use record::Recorder;
use synack_core::{Connection, Endpoint, Instant, Profile};

/// The client host: 10.0.0.1, ephemeral port fixed at 40001 for reproducible captures.
pub const CLIENT: Endpoint = Endpoint::new([10, 0, 0, 1], 40001);
/// The server host: 10.0.0.2:5000.
pub const SERVER: Endpoint = Endpoint::new([10, 0, 0, 2], 5000);

pub(crate) fn endpoint(side: Side) -> Endpoint {
    match side {
        Side::Client => CLIENT,
        Side::Server => SERVER,
    }
}

/// Something queued to happen at an instant.
#[derive(Clone, Debug)]
enum What {
    /// Segment `id` (index in the trace) reaches its receiver.
    Arrive(u32),
    /// A side's application makes a call.
    App(Side, Call),
    /// The scenario's `inject[i]` enters the link.
    Inject(usize),
    /// A side's application sets the options of its connected socket.
    SetOpts(Side),
    /// A side's writer hands its current write to the core (the copy is done).
    Write(Side),
    /// A side's delayed reader starts reading.
    ReadStart(Side),
    /// A side's rate-limited reader reads again.
    ReadTick(Side),
}

#[derive(Clone, Debug)]
struct Pending {
    at: u64,
    /// Queue order among equal instants.
    seq: u64,
    what: What,
}

impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.at, self.seq).cmp(&(o.at, o.seq))
    }
}

/// splitmix64's finaliser: spreads a seed into well-mixed bits (Steele et al. 2014).
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// About how many segments a run of `sc` will send, to size the trace's vectors once rather
/// than grow them by copying: a data segment per MSS of what the scripts send, an ACK per
/// one (delayed ACKs make it one per two, but quick ACKs at the start, window updates and
/// SACKs add more: a 8.5 MB upload sends 0.66 per data segment, and outgrowing the guess
/// copies the whole trace so far), and room for the handshake and the close. Only a guess
/// (the run is the same either way).
fn expected_segments(sc: &Scenario, cfg: &Config, profile: &Profile) -> usize {
    let sent: u64 = [&sc.client, &sc.server]
        .into_iter()
        .flat_map(|s| {
            s.at.iter()
                .map(|t| &t.call)
                .chain(s.on.iter().flatten().map(|r| &r.call))
        })
        .map(|c| match c {
            Call::Send(Payload::Bytes(n)) => u64::from(*n),
            Call::Send(Payload::Text(t)) => t.len() as u64,
            _ => 0,
        })
        .chain(
            [&sc.client, &sc.server]
                .into_iter()
                .filter_map(|s| s.app.writer)
                .map(|w| u64::from(w.bytes).saturating_mul(u64::from(w.count))),
        )
        .sum();
    // Options take up to 40 bytes of a segment's MSS.
    let data = sent.div_ceil(u64::from(profile.mss.saturating_sub(40).max(1)));
    let guess = data.saturating_mul(2).saturating_add(16);
    guess.min(u64::from(cfg.limits.max_segments)) as usize
}

/// The earlier of two optional instants (written out: a loop over an array of three options
/// cost a store-forwarding stall per step).
fn earliest(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// One value per side, reached by `Side` (no indexing that could go out of bounds).
#[derive(Clone, Debug, Default)]
pub(crate) struct PerSide<T> {
    pub(crate) client: T,
    pub(crate) server: T,
}

impl<T> PerSide<T> {
    pub(crate) fn get(&self, side: Side) -> &T {
        match side {
            Side::Client => &self.client,
            Side::Server => &self.server,
        }
    }
    pub(crate) fn get_mut(&mut self, side: Side) -> &mut T {
        match side {
            Side::Client => &mut self.client,
            Side::Server => &mut self.server,
        }
    }
}

pub(crate) struct Sim<'a> {
    sc: &'a Scenario,
    cfg: &'a Config,
    profile: Profile,
    profile_name: String,
    secrets: PerSide<u32>,
    conns: PerSide<Connection>,
    queue: BinaryHeap<Reverse<Pending>>,
    queued: u64,
    now: Instant,
    /// Which reaction lists have run, per side, by `Trigger::index`.
    fired: PerSide<[bool; 5]>,
    /// Segments each side's connection has sent.
    sent: PerSide<u32>,
    injected: u32,
    /// How many segments each fault's flag selector has matched so far.
    fault_hits: Vec<u32>,
    /// Per fault selected by `data_nth`: the first byte of the segment it hit, and how many
    /// of its retransmissions it has hit since.
    data_hits: Vec<Option<(u32, u32)>>,
    /// Segments with payload each side has sent (retransmissions counted).
    data_sent: PerSide<u32>,
    /// The blackout has begun: every segment is lost.
    dark: bool,
    /// Each bottleneck's queue (by sender): when each packet in it leaves, in order.
    queues: PerSide<alloc::collections::VecDeque<u64>>,
    /// Each side's application model as it runs.
    app_run: PerSide<model::AppRun>,
    /// Latest arrival scheduled on each link (by sender), to keep jitter from reordering.
    last_arrival: PerSide<u64>,
    steps: u32,
    stop: Option<StopReason>,
    rec: Recorder,
}

/// Run `scenario` under `config`: a pure function of both (and of `config.seed`).
pub fn run(scenario: &Scenario, config: &Config) -> Result<Trace, SimError> {
    scenario.validate()?;
    config.validate()?;
    let mut sim = Sim::new(scenario, config);
    sim.start();
    sim.main_loop()?;
    Ok(sim.finish())
}

impl<'a> Sim<'a> {
    fn new(sc: &'a Scenario, cfg: &'a Config) -> Self {
        let mut profile = cfg.profile.profile();
        let mut profile_name = String::from(cfg.profile.name());
        if sc.two_way_handshake {
            profile = Profile::two_way(profile);
            profile_name.push_str("-two-way");
        }
        // The ISN secrets (RFC 6528) come from the seed, one per host.
        let secrets = PerSide {
            client: mix(cfg.seed ^ 0x6973_6e5f_636c_6e74) as u32,
            server: mix(cfg.seed ^ 0x6973_6e5f_7372_7672) as u32,
        };
        let conns = PerSide {
            client: Connection::new(profile.clone(), CLIENT, secrets.client),
            server: Connection::new(profile.clone(), SERVER, secrets.server),
        };
        let rec = Recorder::with_capacity(expected_segments(sc, cfg, &profile));
        Sim {
            sc,
            cfg,
            profile,
            profile_name,
            secrets,
            conns,
            queue: BinaryHeap::new(),
            queued: 0,
            now: Instant::ZERO,
            fired: PerSide::default(),
            sent: PerSide::default(),
            injected: 0,
            fault_hits: alloc::vec![0; sc.faults.len()],
            data_hits: alloc::vec![None; sc.faults.len()],
            data_sent: PerSide::default(),
            dark: false,
            queues: PerSide::default(),
            app_run: model::app_runs(),
            last_arrival: PerSide::default(),
            steps: 0,
            stop: None,
            rec,
        }
    }

    fn conn(&mut self, side: Side) -> &mut Connection {
        self.conns.get_mut(side)
    }

    fn push(&mut self, at: u64, what: What) {
        self.queued += 1;
        self.queue.push(Reverse(Pending {
            at,
            seq: self.queued,
            what,
        }));
    }

    /// Queue the timed calls (the server's first, so that it listens before a client
    /// connects at the same instant) and the injections.
    fn start(&mut self) {
        for side in [Side::Server, Side::Client] {
            self.rec.snapshot(Instant::ZERO, side, self.conns.get(side));
            let mut timed: Vec<(u64, Call)> = self
                .sc
                .script(side)
                .at
                .iter()
                .map(|t| (t.at_us, t.call.clone()))
                .collect();
            // Stable: calls at the same instant keep the file's order.
            synack_text::order::sort_by_u64(&mut timed, |(at, _)| *at);
            for (at, call) in timed {
                self.push(at, What::App(side, call));
            }
        }
        for i in 0..self.sc.inject.len() {
            let at = self.sc.inject.get(i).map_or(0, |j| j.at_us);
            self.push(at, What::Inject(i));
        }
    }

    fn main_loop(&mut self) -> Result<(), SimError> {
        loop {
            if self.stop.is_some() {
                return Ok(());
            }
            let tc = self.conns.client.poll_timeout().map(|t| t.0);
            let ts = self.conns.server.poll_timeout().map(|t| t.0);
            let tq = self.queue.peek().map(|p| p.0.at);
            let Some(t) = earliest(earliest(tc, ts), tq) else {
                self.stop = Some(StopReason::Quiet);
                return Ok(());
            };
            if t > self.cfg.limits.max_time_us {
                self.stop = Some(StopReason::TimeLimit);
                return Ok(());
            }
            if self.steps >= self.cfg.limits.max_steps {
                self.stop = Some(StopReason::StepLimit);
                return Ok(());
            }
            self.steps += 1;
            // Never step back: every input is at or after the previous one.
            self.now = Instant(t.max(self.now.0));
            let now = self.now;
            if tc.is_some_and(|x| x <= t) {
                self.conns.client.handle_timeout(now);
                self.drain(Side::Client);
            } else if ts.is_some_and(|x| x <= t) {
                self.conns.server.handle_timeout(now);
                self.drain(Side::Server);
            } else if let Some(Reverse(p)) = self.queue.pop() {
                match p.what {
                    What::Arrive(id) => self.arrive(id)?,
                    What::App(side, call) => self.app_call(side, &call),
                    What::Inject(i) => self.inject(i)?,
                    What::SetOpts(side) => self.accepted_options(side),
                    What::Write(side) => self.write(side),
                    What::ReadStart(side) => self.read_start(side),
                    What::ReadTick(side) => self.read_tick(side),
                }
            }
        }
    }

    fn finish(self) -> Trace {
        let final_states = [self.conns.client.state(), self.conns.server.state()];
        let host = |side: Side| Host {
            endpoint: endpoint(side),
            profile: self.profile_name.clone(),
            address: None,
        };
        let (client, server) = (host(Side::Client), host(Side::Server));
        let stop = self.stop.unwrap_or_default();
        self.rec.into_trace(
            self.sc.name.clone(),
            self.cfg.seed,
            client,
            server,
            self.now,
            final_states,
            stop,
        )
    }
}
