//! The data-phase controls (issue 16): congestion control, Nagle, the transfer's size, how
//! the receiver reads, and the bottleneck with its queue. Their parsing, bounds and effect on
//! a preset are synack-sim's `overrides` (the CLI's `--cc`, `--size` … are the same); the app
//! holds them in `Settings::data` and names them here.

pub use synack_sim::overrides::{
    cc_code, DataOverrides as DataPhase, Knob, Read, BANDWIDTH_MBPS, QUEUE_PKTS, SIZE_KB,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{simulate, Settings};
    use synack_sim::Side;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The settings reach the run (what each does to it: synack-sim's tests/overrides.rs).
    #[test]
    fn the_data_phase_settings_reach_the_run() {
        let sent = |s: &Settings| {
            simulate(s).map_or(0, |t| {
                t.segments
                    .iter()
                    .filter(|r| r.from == Side::Client)
                    .map(|r| r.segment.payload.len())
                    .sum::<usize>()
            })
        };
        let mut s = Settings::for_preset("upload-100k");
        assert_eq!(sent(&s), 100_000);
        assert!(s.data.set(Knob::Size, "30").is_ok());
        assert_eq!(sent(&s), 30_000);
        let end = |s: &Settings| simulate(s).map_or(0, |t| t.end.0);
        let instant = end(&s);
        s.data.read = Some(Read::Paused(2));
        assert!(end(&s) > instant + 1_000_000);
    }
}
