//! The knobs of one run that are not the scenario's story: the network (one link per
//! direction), the TCP profile, the seed, "what if" drops, and the safety limits.

use crate::error::SimError;
use crate::scenario::Scenario;
use crate::trace::Side;
use alloc::format;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use synack_core::Profile;

/// The default one-way latency of both links: 50 ms, as the Linux captures' wire.
pub const DEFAULT_LATENCY_US: u64 = 50_000;

/// How long an application takes to react to an event (connect returned, data read, EOF).
/// The Linux captures show 0.1-0.3 ms between a segment's arrival and the program's answer
/// (S1_normal: ACK at 100.413 ms, the data it was waiting for at 100.510 ms).
pub const DEFAULT_APP_DELAY_US: u64 = 100;

/// One direction of the network.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkConfig {
    /// One-way latency in microseconds.
    pub latency_us: u64,
    /// Each segment's latency is drawn uniformly from `latency ± jitter` (never below 0).
    /// Jitter alone never reorders: a segment never arrives before one sent earlier.
    pub jitter_us: u64,
    /// Probability that a segment is lost, in parts per million (10 000 = 1 %).
    pub loss_ppm: u32,
    /// Probability that the link delivers a second copy, 1 ms after the first, in ppm.
    pub duplicate_ppm: u32,
    /// Probability that a segment is held back by one extra latency, so that segments sent
    /// after it overtake it, in ppm.
    pub reorder_ppm: u32,
    /// A bottleneck: the link's bandwidth in bits per second (0: none, a segment leaves at
    /// once). A packet leaves the sender's queue `bytes · 8 / bandwidth` after the previous
    /// one left (IPv4 + TCP bytes), then travels the latency.
    pub bandwidth_bps: u64,
    /// The bottleneck's drop-tail queue, in packets (counting the one being sent; 0: no
    /// limit). A packet that finds it full is lost (`LossCause::Queue`). Only with a bandwidth.
    pub queue_packets: u32,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            latency_us: DEFAULT_LATENCY_US,
            jitter_us: 0,
            loss_ppm: 0,
            duplicate_ppm: 0,
            reorder_ppm: 0,
            bandwidth_bps: 0,
            queue_packets: 0,
        }
    }
}

/// Parts per million from a percentage (5.0 -> 50 000), clamped to 0..=100 %.
pub fn ppm_from_percent(percent: f64) -> u32 {
    if percent.is_nan() || percent <= 0.0 {
        0
    } else if percent >= 100.0 {
        1_000_000
    } else {
        // Exact for the slider's steps; the float-to-int cast saturates and never panics.
        (percent * 10_000.0 + 0.5) as u32
    }
}

/// Which TCP implementation both ends run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileKind {
    /// Linux 6.x with default sysctls, checked against real captures.
    #[default]
    Linux,
    /// The RFCs' own numbers.
    Textbook,
}

impl ProfileKind {
    /// Every profile, in the order a menu lists them.
    pub const ALL: [ProfileKind; 2] = [ProfileKind::Linux, ProfileKind::Textbook];

    /// Its name in a URL, a scenario file and the CLI: `linux`, `textbook`.
    pub fn name(self) -> &'static str {
        match self {
            ProfileKind::Linux => "linux",
            ProfileKind::Textbook => "textbook",
        }
    }
    pub fn parse(s: &str) -> Option<ProfileKind> {
        match s {
            "linux" => Some(ProfileKind::Linux),
            "textbook" => Some(ProfileKind::Textbook),
            _ => None,
        }
    }
    pub fn profile(self) -> Profile {
        match self {
            ProfileKind::Linux => Profile::linux(),
            ProfileKind::Textbook => Profile::textbook(),
        }
    }
}

/// A segment named in a stable way: the `nth` (0-based) segment that `side` sent. Re-running
/// with a drop of (side, n) changes nothing that happened before that segment was sent, so
/// the web's "drop this segment" keeps the past and changes the future. Segments injected by
/// the scenario (stale duplicates) are counted apart (`injected: true`, n-th injection).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRef {
    pub side: Side,
    pub nth: u32,
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub injected: bool,
}

/// Where a run stops at the latest, whatever the scenario does. A run that reaches a limit is
/// not an error: the trace says so in `stop`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Simulated time, µs (default one hour: room for a 15-retry data timeout).
    pub max_time_us: u64,
    /// Inputs processed (segment arrivals, timer expiries, application calls).
    pub max_steps: u32,
    /// Segments put on the wire.
    pub max_segments: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_time_us: 3_600_000_000,
            max_steps: 100_000,
            max_segments: 20_000,
        }
    }
}

/// Everything about a run except the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Seeds every random draw (links, initial sequence numbers).
    pub seed: u64,
    pub profile: ProfileKind,
    /// The link from client to server.
    pub to_server: LinkConfig,
    /// The link from server to client.
    pub to_client: LinkConfig,
    /// The applications' reaction delay, µs.
    pub app_delay_us: u64,
    /// "What if": segments the user dropped.
    pub drops: Vec<SegmentRef>,
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            profile: ProfileKind::Linux,
            to_server: LinkConfig::default(),
            to_client: LinkConfig::default(),
            app_delay_us: DEFAULT_APP_DELAY_US,
            drops: Vec::new(),
            limits: Limits::default(),
        }
    }
}

impl Config {
    /// The defaults for `scenario`: its own latency if it names one (e.g. 100 ms for
    /// `simultaneous-close`), else 50 ms; Linux profile; seed 1.
    pub fn for_scenario(scenario: &Scenario) -> Config {
        let mut c = Config::default();
        if let Some(l) = scenario.latency_us {
            c.set_latency_us(l);
        }
        c
    }

    /// The same latency both ways.
    pub fn set_latency_us(&mut self, us: u64) {
        self.to_server.latency_us = us;
        self.to_client.latency_us = us;
    }
    pub fn set_jitter_us(&mut self, us: u64) {
        self.to_server.jitter_us = us;
        self.to_client.jitter_us = us;
    }
    pub fn set_loss_ppm(&mut self, ppm: u32) {
        self.to_server.loss_ppm = ppm;
        self.to_client.loss_ppm = ppm;
    }
    /// The same bottleneck both ways: `bps` bits per second, a queue of `packets` (0: none).
    pub fn set_bottleneck(&mut self, bps: u64, packets: u32) {
        for l in [&mut self.to_server, &mut self.to_client] {
            l.bandwidth_bps = bps;
            l.queue_packets = packets;
        }
    }

    pub fn link(&self, from: Side) -> &LinkConfig {
        match from {
            Side::Client => &self.to_server,
            Side::Server => &self.to_client,
        }
    }

    /// Checks that every number is in range; errors name the field.
    pub fn validate(&self) -> Result<(), SimError> {
        const HOUR_US: u64 = 3_600_000_000;
        for (name, l) in [
            ("to_server", &self.to_server),
            ("to_client", &self.to_client),
        ] {
            if l.latency_us > HOUR_US {
                return Err(SimError::config(
                    format!("{name}.latency_us"),
                    format!("{} µs is more than an hour", l.latency_us),
                ));
            }
            if l.jitter_us > HOUR_US {
                return Err(SimError::config(
                    format!("{name}.jitter_us"),
                    format!("{} µs is more than an hour", l.jitter_us),
                ));
            }
            if l.bandwidth_bps > 0 && l.bandwidth_bps < 8_000 {
                return Err(SimError::config(
                    format!("{name}.bandwidth_bps"),
                    format!(
                        "{} bits/s is below 8000 (a full segment would take minutes)",
                        l.bandwidth_bps
                    ),
                ));
            }
            if l.queue_packets > 0 && l.bandwidth_bps == 0 {
                return Err(SimError::config(
                    format!("{name}.queue_packets"),
                    "a queue needs a bottleneck: set bandwidth_bps too",
                ));
            }
            for (field, v) in [
                ("loss_ppm", l.loss_ppm),
                ("duplicate_ppm", l.duplicate_ppm),
                ("reorder_ppm", l.reorder_ppm),
            ] {
                if v > 1_000_000 {
                    return Err(SimError::config(
                        format!("{name}.{field}"),
                        format!("{v} is more than 1 000 000 parts per million (100 %)"),
                    ));
                }
            }
        }
        if self.app_delay_us > 60_000_000 {
            return Err(SimError::config(
                "app_delay_us",
                format!("{} µs is more than a minute", self.app_delay_us),
            ));
        }
        Ok(())
    }
}
