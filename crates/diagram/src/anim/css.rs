//! The animated drawing's stylesheet: the static export's classes (see `svg::style`) with
//! colours as custom properties, so one rule set serves the light and the dark theme. Every
//! selector starts with the drawing's id (`#P`, replaced when written), so the drawing keeps
//! to itself when pasted inline into an HTML page next to others.

use super::Theme;
use alloc::string::String;

/// Light colours: the static export's (Okabe–Ito, safe for colour-blind readers).
const LIGHT: &str = "--bg:#fff;--fg:#222;--mu:#555;--gr:#e4e4e4;--ln:#444;--br:#999;\
--syn:#0072b2;--sa:#56b4e9;--sa2:#2a7fb0;--ack:#666;--ack2:#555;--dt:#009e73;--dt2:#007a59;\
--fin:#d55e00;--fin2:#b34d00;--rst:#000;--ot:#999;--ot2:#666;\
--s0:#e8e8e8;--s1:#cfe6f5;--s2:#bfe8d6;--s3:#fbe0c4;--s4:#ecd3e6";

/// Dark colours: the same hues, lightened for a dark background.
const DARK: &str = "--bg:#16181d;--fg:#e6e6e6;--mu:#a8a8a8;--gr:#2c3038;--ln:#b8b8b8;--br:#777;\
--syn:#4fa3e0;--sa:#7cc6ef;--sa2:#7cc6ef;--ack:#9a9a9a;--ack2:#b0b0b0;--dt:#2fc49a;--dt2:#3fd4aa;\
--fin:#f07a2a;--fin2:#ff9650;--rst:#eee;--ot:#888;--ot2:#aaa;\
--s0:#33363d;--s1:#1f4660;--s2:#1d4d3c;--s3:#5a4025;--s4:#4d3148";

/// The rules. `#P` is the drawing's id. Animations hold each keyframe's value until the next (`step-end`: a
/// label appears, a caption changes), except what moves: the sweep, the playhead, the dots.
const RULES: &str = "
#P .bg{fill:var(--bg)}
#P text{font-size:11px;fill:var(--fg);paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}
#P .lane{stroke:var(--ln);stroke-width:1.5}
#P .lane-title{font-size:14px;font-weight:600}
#P .lane-sub,#P .band-name,#P .tick text,#P .break text,#P .timer text{fill:var(--mu)}
#P .lane-sub{font-size:11px}
#P .tick line{stroke:var(--gr);stroke-width:1}
#P .tick text{font-size:10px}
#P .zz{fill:none;stroke:var(--br)}
#P .break text{font-style:italic}
#P .band{stroke:var(--br);stroke-width:.5}
#P .band-name{font-size:10px}
#P .st-closed,#P .st-listen{fill:var(--s0)}
#P .st-syn-sent,#P .st-syn-received{fill:var(--s1)}
#P .st-established{fill:var(--s2)}
#P .st-fin-wait-1,#P .st-fin-wait-2,#P .st-close-wait,#P .st-closing,#P .st-last-ack{fill:var(--s3)}
#P .st-time-wait{fill:var(--s4)}
#P .timer{stroke:none}
#P .timer text{font-size:9px}
#P .tm-retransmit{fill:#d55e00;stroke:#d55e00}
#P .tm-delayed-ack{fill:#56b4e9;stroke:#56b4e9}
#P .tm-time-wait{fill:#cc79a7;stroke:#cc79a7}
#P .tm-fin-wait-2{fill:#e69f00;stroke:#e69f00}
#P .tm-loss-probe{fill:#0072b2;stroke:#0072b2}
#P .tm-reorder-wait{fill:#009e73;stroke:#009e73}
#P .tm-persist,#P .tm-keepalive{fill:#999;stroke:#999}
#P .timer.cancelled,#P .timer.rearmed{opacity:.55}
#P .deadline{stroke:var(--mu);stroke-width:1}
#P .left rect{fill-opacity:.22;stroke-width:1;stroke-dasharray:2 2}
#P .left .deadline{stroke-width:1.5}
#P .seg polyline{fill:none;stroke-width:1.6}
#P .seg .tag{font-size:10px;font-style:italic}
#P .syn{stroke:var(--syn);fill:var(--syn)}
#P .synack{stroke:var(--sa);fill:var(--sa2)}
#P .ack{stroke:var(--ack);fill:var(--ack2)}
#P .data{stroke:var(--dt);fill:var(--dt2)}
#P .fin{stroke:var(--fin);fill:var(--fin2)}
#P .rst{stroke:var(--rst);fill:var(--rst)}
#P .other{stroke:var(--ot);fill:var(--ot2)}
#P .seg text{stroke:var(--bg);fill:var(--fg)}
#P .retx polyline{stroke-dasharray:6 4}
#P .dup polyline,#P .injected polyline{stroke-dasharray:2 3}
#P .inflight polyline{stroke-dasharray:1 3}
#P .cross{stroke-width:2.2;fill:none}
#P .seg .est{stroke:var(--bg);stroke-width:3.5;stroke-dasharray:3 4}
#P .seg .est-mark{font-size:13px;font-weight:700}
#P .dot{stroke:var(--bg);stroke-width:1.5;opacity:0}
#P .ph{stroke:var(--fg);stroke-width:1;stroke-dasharray:5 3;opacity:0}
#P .cap-rule{stroke:var(--gr);stroke-width:1}
#P .timer.left{opacity:0}
#P .cap text{font-size:12.5px}
#P *{animation-duration:DURs;animation-timing-function:step-end;animation-iteration-count:infinite}
#P .sw,#P .ph,#P .dot{animation-timing-function:linear}
@media (prefers-reduced-motion:reduce){#P *{animation:none!important}}
";

/// The whole stylesheet for the drawing with id `id`, whose cycle lasts `duration`
/// (already formatted, in seconds). Every rule and colour, used or not: dropping the unused
/// ones saved under 1 KB a drawing, for 2 KB more code in the web app.
pub fn stylesheet(id: &str, theme: Theme, duration: &str) -> String {
    let mut s = String::with_capacity(RULES.len() + 2 * DARK.len() + 64);
    let vars = |s: &mut String, v: &str| {
        s.push_str("#P{");
        s.push_str(v);
        s.push('}');
    };
    match theme {
        Theme::Light => vars(&mut s, LIGHT),
        Theme::Dark => vars(&mut s, DARK),
        Theme::Auto => {
            vars(&mut s, LIGHT);
            s.push_str("\n@media (prefers-color-scheme:dark){");
            vars(&mut s, DARK);
            s.push('}');
        }
    }
    s.push_str(RULES);
    s.replace("#P", &alloc::format!("#{id}"))
        .replace("DUR", duration)
}
