//! What the benchmark examples share (`slider`, `allocs`): the traces they take on the
//! command line.

use synack_sim::overrides::{DataOverrides, Knob};
use synack_sim::{preset, Scenario};

/// The traces timed when none is named: the two the browser benchmark moves a slider on.
pub fn default_traces() -> Vec<String> {
    vec!["bulk-transfer".into(), "upload-100k:8500".into()]
}

/// `PRESET[:SIZE_KB]`: the preset with its data phase's transfer size set, and the data
/// overrides (for `DataOverrides::configure` on a `Config`).
pub fn sized_preset(spec: &str) -> (Scenario, DataOverrides) {
    let (name, size) = spec
        .split_once(':')
        .map_or((spec, None), |(n, s)| (n, Some(s)));
    let mut scenario = preset(name).expect("a preset");
    let mut data = DataOverrides::default();
    if let Some(s) = size {
        data.set(Knob::Size, s).expect("a size");
    }
    data.apply(&mut scenario);
    (scenario, data)
}
