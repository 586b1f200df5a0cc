//! The data-phase views, drawn here so that the app's first load carries none of their
//! layout: the window chart and the time-sequence graph as SVG text (crates/diagram's
//! `viewsvg`), which the app inserts once per trace and ties to its playhead
//! (web/src/view/views.rs; docs/VIEWS.md, "On the page").

use synack_diagram::data_sender;
use synack_sim::{Side, Trace};
use wasm_bindgen::prelude::wasm_bindgen;

/// Which side's sending to draw: `client`, `server`, or anything else for the side that
/// sent more data.
fn side(trace: &Trace, side: &str) -> Side {
    match side {
        "client" => Side::Client,
        "server" => Side::Server,
        _ => data_sender(trace),
    }
}

/// Which view: `chart` (the window chart) or `tsg` (the time-sequence graph).
pub fn view(
    trace: &Trace,
    which: &str,
    side_: &str,
    pack: &str,
    width: f32,
) -> Result<String, String> {
    let (s, l) = (side(trace, side_), crate::lang(pack)?);
    match which {
        "chart" => Ok(synack_diagram::chart_svg(trace, s, l, width)),
        "tsg" => Ok(synack_diagram::tsg_svg(trace, s, l, width)),
        other => Err(format!("no view called `{other}`")),
    }
}

/// The view `which` of `trace` (in synack-sim's binary form) as SVG text, `width` wide, in
/// the language of `pack` (empty: English).
#[wasm_bindgen]
pub fn view_svg(
    trace: &[u8],
    which: &str,
    side: &str,
    pack: &str,
    width: f32,
) -> Result<String, String> {
    let trace =
        Trace::from_bin(trace).map_err(|e| format!("the trace did not arrive whole ({e})"))?;
    view(&trace, which, side, pack, width)
}
