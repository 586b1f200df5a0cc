//! The bridge from the UI's settings to a simulated trace: `Settings` is what the controls
//! edit, [`simulate`] runs `synack_sim::run` on the chosen preset with those settings.

pub mod data;

use synack_sim::{ppm_from_percent, preset, Config, ProfileKind, SegmentRef, Trace};

/// Bounds of the network sliders (inclusive).
pub const LATENCY_MS: (u32, u32) = (1, 500);
pub const JITTER_MS: (u32, u32) = (0, 200);
pub const LOSS_PCT: (u32, u32) = (0, 50);

/// Everything the user can set. Indexes `[0]` are client → server, `[1]` server → client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub preset: String,
    /// The stack profile both ends run.
    pub profile: ProfileKind,
    pub seed: u64,
    pub latency_ms: [u32; 2],
    pub jitter_ms: [u32; 2],
    pub loss_pct: [u32; 2],
    /// Congestion control, Nagle, the transfer's size, the receiver's reading, a bottleneck
    /// on both links and its queue.
    pub data: data::DataPhase,
    /// "What if" drops, in the order the user made them (undo pops the last).
    pub drops: Vec<SegmentRef>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::for_preset(DEFAULT_PRESET)
    }
}

impl Settings {
    /// The preset's own defaults (its latency, no jitter or loss, seed 1, Linux).
    pub fn for_preset(name: &str) -> Settings {
        let latency = preset(name)
            .and_then(|s| s.latency_us)
            .map_or(50, |us| u32::try_from(us / 1000).unwrap_or(LATENCY_MS.1));
        Settings {
            preset: name.into(),
            profile: ProfileKind::Linux,
            seed: 1,
            latency_ms: [latency; 2],
            jitter_ms: [0, 0],
            loss_pct: [0, 0],
            data: data::DataPhase::default(),
            drops: Vec::new(),
        }
        .clamped()
    }

    /// Clamps every number into its slider's range (URL values may be anything).
    pub fn clamped(mut self) -> Self {
        for v in &mut self.latency_ms {
            *v = (*v).clamp(LATENCY_MS.0, LATENCY_MS.1);
        }
        for v in &mut self.jitter_ms {
            *v = (*v).clamp(JITTER_MS.0, JITTER_MS.1);
        }
        for v in &mut self.loss_pct {
            *v = (*v).clamp(LOSS_PCT.0, LOSS_PCT.1);
        }
        self
    }

    /// The preset's network defaults, keeping the profile and seed; no what-if drops.
    pub fn network_reset(&self) -> Self {
        Settings {
            profile: self.profile,
            seed: self.seed,
            ..Settings::for_preset(&self.preset)
        }
    }

    fn config(&self) -> Config {
        let mut c = Config {
            seed: self.seed,
            profile: self.profile,
            drops: self.drops.clone(),
            ..Config::default()
        };
        for (link, i) in [(&mut c.to_server, 0), (&mut c.to_client, 1)] {
            let at = |v: &[u32; 2]| v.get(i).copied().unwrap_or(0);
            link.latency_us = u64::from(at(&self.latency_ms)) * 1000;
            link.jitter_us = u64::from(at(&self.jitter_ms)) * 1000;
            link.loss_ppm = ppm_from_percent(f64::from(at(&self.loss_pct)));
        }
        self.data.configure(&mut c);
        c
    }
}

/// One preset scenario, with its one-line description in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetInfo {
    pub name: &'static str,
    /// The English description (other languages: `synack_sim::Preset::description_in`).
    pub en: &'static str,
}

pub const DEFAULT_PRESET: &str = "handshake-and-close";

/// Every preset the simulator has, in its order.
pub fn presets() -> Vec<PresetInfo> {
    synack_sim::presets()
        .iter()
        .map(|p| PresetInfo {
            name: p.name,
            en: p.description,
        })
        .collect()
}

/// Finds a preset by exact name.
pub fn find_preset(name: &str) -> Option<PresetInfo> {
    presets().into_iter().find(|p| p.name == name)
}

/// Runs the simulation for `settings`. Never panics; a failure is a message.
pub fn simulate(settings: &Settings) -> Result<Trace, String> {
    let mut scenario = preset(&settings.preset)
        .ok_or_else(|| format!("unknown scenario {:?}", settings.preset))?;
    settings.data.apply(&mut scenario);
    synack_sim::run(&scenario, &settings.config()).map_err(|e| e.to_string())
}
