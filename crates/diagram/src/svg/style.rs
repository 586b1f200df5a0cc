//! The stylesheet embedded in exported SVGs. Colours come from the Okabe–Ito palette (safe
//! for colour-blind readers) and never carry meaning alone: flags are written on every
//! arrow, losses end in ✕, retransmissions are dashed, states are named.

pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

pub const CSS: &str = "
.bg{fill:#fff}
text{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.lane{stroke:#444;stroke-width:1.5}
.lane-title{font-size:14px;font-weight:600}
.lane-sub{font-size:11px;fill:#555}
.tick line{stroke:#e4e4e4;stroke-width:1}
.tick text{font-size:10px;fill:#666}
.break polyline{fill:none;stroke:#999;stroke-width:1}
.break text{font-size:11px;fill:#555;font-style:italic}
.band{stroke:#777;stroke-width:.5}
.band-name{font-size:10px;fill:#333}
.st-closed,.st-listen{fill:#e8e8e8}
.st-syn-sent,.st-syn-received{fill:#cfe6f5}
.st-established{fill:#bfe8d6}
.st-fin-wait-1,.st-fin-wait-2,.st-close-wait,.st-closing,.st-last-ack{fill:#fbe0c4}
.st-time-wait{fill:#ecd3e6}
.timer{stroke:none}
.timer text{font-size:9px;fill:#555}
.tm-retransmit{fill:#d55e00}
.tm-delayed-ack{fill:#56b4e9}
.tm-time-wait{fill:#cc79a7}
.tm-fin-wait-2{fill:#e69f00}
.timer.cancelled,.timer.rearmed{opacity:.55}
.deadline{stroke:#555;stroke-width:1}
.seg polyline{fill:none;stroke-width:1.6}
.seg text{font-size:11px}
.seg .tag{font-size:10px;font-style:italic}
.syn{stroke:#0072b2;fill:#0072b2}
.synack{stroke:#56b4e9;fill:#2a7fb0}
.ack{stroke:#666;fill:#555}
.data{stroke:#009e73;fill:#007a59}
.fin{stroke:#d55e00;fill:#b34d00}
.rst{stroke:#000;fill:#000}
.other{stroke:#999;fill:#666}
.seg text{stroke:#fff}
.retx polyline{stroke-dasharray:6 4}
.dup polyline,.injected polyline{stroke-dasharray:2 3}
.inflight polyline{stroke-dasharray:1 3}
.cross{stroke-width:2.2;fill:none}
";
