//! The files `run` writes after the simulation: each output's bytes, then to its file or to
//! standard output (`-`).

use crate::args::{Output, RunArgs};
use std::io::Write;
use synack_diagram::{
    ladder_animated_svg, ladder_svg, mermaid, AnimOptions, LadderOptions, SeqMode,
};
use synack_sim::{pcap, Side, Trace};

/// What an output is called in messages ("cannot write the {what} to {path}").
fn what(o: &Output) -> &'static str {
    match o {
        Output::Json(_) => "trace",
        Output::PcapClient(_) => "client capture",
        Output::PcapServer(_) => "server capture",
        Output::Svg(_) => "SVG",
        Output::AnimatedSvg(_) => "animated SVG",
        Output::Mermaid(_) => "Mermaid diagram",
        Output::Packetdrill(_) => "packetdrill script",
    }
}

/// The web page's proportions, so that the pictures match the page.
fn ladder_options(r: &RunArgs) -> LadderOptions {
    LadderOptions {
        seq: if r.absolute {
            SeqMode::Absolute
        } else {
            SeqMode::Relative
        },
        ..LadderOptions::default()
    }
}

fn bytes(o: &Output, trace: &Trace, r: &RunArgs) -> Result<Vec<u8>, String> {
    Ok(match o {
        Output::Json(_) => trace.to_json().map_err(|e| e.to_string())?.into_bytes(),
        Output::PcapClient(_) => pcap(trace, Side::Client),
        Output::PcapServer(_) => pcap(trace, Side::Server),
        Output::Svg(_) => {
            ladder_svg(trace, &ladder_options(r), r.lang.unwrap_or_default()).into_bytes()
        }
        Output::AnimatedSvg(_) => {
            let anim = AnimOptions {
                theme: r.theme,
                ..AnimOptions::default()
            };
            ladder_animated_svg(trace, &ladder_options(r), r.lang.unwrap_or_default(), &anim)
                .into_bytes()
        }
        Output::Mermaid(_) => mermaid(trace).into_bytes(),
        Output::Packetdrill(_) => {
            synack_packetdrill::export::script(trace, r.side.unwrap_or(Side::Server))?.into_bytes()
        }
    })
}

/// A note for options an output cannot honour, rather than ignoring them silently.
pub fn caveats(r: &RunArgs) -> Option<&'static str> {
    let mermaid = r.outputs.iter().any(|o| matches!(o, Output::Mermaid(_)));
    let asked = r.absolute || r.lang.is_some_and(|l| !l.is_en());
    (mermaid && asked).then_some(
        "note: the Mermaid diagram is always in English with relative sequence numbers; --lang applies to the SVG, --absolute to the SVG and the printed ladder",
    )
}

/// Writes every requested output, in the order given.
pub fn write_all(trace: &Trace, r: &RunArgs) -> Result<(), String> {
    for o in &r.outputs {
        let data = bytes(o, trace, r)?;
        let path = o.path();
        let done = if path == "-" {
            let mut out = std::io::stdout().lock();
            out.write_all(&data).and_then(|()| out.flush())
        } else {
            std::fs::write(path, &data)
        };
        done.map_err(|e| {
            let to = if path == "-" { "standard output" } else { path };
            format!("cannot write the {} to {to}: {e}", what(o))
        })?;
    }
    Ok(())
}
