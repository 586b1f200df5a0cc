//! The second module's views, natively: a trace that crossed in the binary form draws the same
//! chart and graph as the trace itself, in English and Chinese; a bad request is an error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use synack_diagram::{chart_svg, data_sender, tsg_svg, Lang};
use synack_extras::{view, view_svg};
use synack_sim::{preset, run, Config, Side};

#[test]
fn views_from_the_binary_form_equal_the_layout_of_the_trace() {
    let zh = include_str!("../../lang/zh.txt");
    for name in ["bulk-transfer", "fast-retransmit", "zero-window"] {
        let s = preset(name).unwrap();
        let trace = run(&s, &Config::for_scenario(&s)).unwrap();
        let bin = trace.to_bin();
        let side = data_sender(&trace);
        assert_eq!(
            view_svg(&bin, "chart", "auto", "", 760.0).unwrap(),
            chart_svg(&trace, side, Lang::EN, 760.0)
        );
        assert_eq!(
            view_svg(&bin, "tsg", "server", zh, 500.0).unwrap(),
            tsg_svg(&trace, Side::Server, Lang::load(zh).unwrap(), 500.0)
        );
        assert!(view(&trace, "pie", "auto", "", 760.0).is_err());
    }
    assert!(view_svg(&[1, 2, 3], "chart", "auto", "", 760.0).is_err());
}
