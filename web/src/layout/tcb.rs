//! Each side's transmission control block at a playhead: the last snapshot taken at or before
//! it. Before a side's first snapshot there is nothing to show (the TCB does not exist yet).

use synack_sim::{Side, Snapshot, Trace};

/// The snapshots in force at `t`: [client, server].
pub fn at(trace: &Trace, t: u64) -> [Option<&Snapshot>; 2] {
    let mut out: [Option<&Snapshot>; 2] = [None, None];
    for s in trace.snapshots.iter().take_while(|s| s.at.micros() <= t) {
        if let Some(slot) = out.get_mut(s.side.index()) {
            *slot = Some(s);
        }
    }
    out
}

/// Convenience for one side.
pub fn side_at(trace: &Trace, side: Side, t: u64) -> Option<&Snapshot> {
    at(trace, t).get(side.index()).copied().flatten()
}
