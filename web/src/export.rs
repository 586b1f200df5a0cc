//! Exports of the current picture: the ladder as SVG (synack-diagram's writer, the same layout
//! as on screen), as an SVG that plays by itself (CSS animation only, docs/ANIMATED.md) and as PNG (that SVG drawn into a canvas at 2×), each side's capture as pcap,
//! the Mermaid `sequenceDiagram` text, the trace as JSON and a packetdrill script for either
//! side (a side running the `linux` profile). Each is offered as a download;
//! errors come back as text for the error banner.

use std::rc::Rc;

use synack_diagram::Ladder;
use synack_sim::{Side, Trace};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use crate::download::{save_blob, save_bytes, text_blob};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    /// The ladder playing by itself (`synack_diagram::ladder_animated_svg_of`).
    AnimatedSvg,
    Png,
    PcapClient,
    PcapServer,
    Mermaid,
    Json,
    /// A packetdrill script testing that side (`synack_packetdrill::export`).
    PktClient,
    PktServer,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Svg,
        Format::AnimatedSvg,
        Format::Png,
        Format::PcapClient,
        Format::PcapServer,
        Format::Mermaid,
        Format::Json,
        Format::PktClient,
        Format::PktServer,
    ];

    /// The file name's ending.
    pub const fn suffix(self) -> &'static str {
        match self {
            Format::Svg => ".svg",
            Format::AnimatedSvg => ".animated.svg",
            Format::Png => ".png",
            Format::PcapClient => "-client.pcap",
            Format::PcapServer => "-server.pcap",
            Format::Mermaid => ".mmd",
            Format::Json => ".json",
            Format::PktClient => "-client.pkt",
            Format::PktServer => "-server.pkt",
        }
    }

    /// The side a packetdrill script would test, for the two script formats.
    pub const fn script_side(self) -> Option<Side> {
        match self {
            Format::PktClient => Some(Side::Client),
            Format::PktServer => Some(Side::Server),
            _ => None,
        }
    }
}

/// `synack-PRESET` with only safe characters.
pub fn base_name(trace: &Trace) -> String {
    let safe: String = trace
        .scenario
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    if safe.is_empty() {
        "synack".into()
    } else {
        format!("synack-{safe}")
    }
}

/// The export's name in the second module ([`crate::extras`]); PNG is drawn from its SVG.
const fn module_name(format: Format) -> &'static str {
    match format {
        Format::Svg | Format::Png => "svg",
        Format::AnimatedSvg => "animated-svg",
        Format::PcapClient => "pcap-client",
        Format::PcapServer => "pcap-server",
        Format::Mermaid => "mermaid",
        Format::Json => "json",
        Format::PktClient => "pkt-client",
        Format::PktServer => "pkt-server",
    }
}

/// The file's media type.
const fn media_type(format: Format) -> &'static str {
    match format {
        Format::Svg | Format::AnimatedSvg => "image/svg+xml",
        Format::Png => "image/png",
        Format::PcapClient | Format::PcapServer => "application/vnd.tcpdump.pcap",
        Format::Json => "application/json",
        Format::Mermaid | Format::PktClient | Format::PktServer => "text/plain;charset=utf-8",
    }
}

/// Exports `trace` (drawn as `ladder`: its language, numbers and width) as `format`, an
/// animated SVG in `theme`. The file is written by the second module ([`crate::extras`],
/// fetched on the first export), so this returns at once; `fail` receives any error.
pub fn export(
    format: Format,
    ladder: &Ladder,
    trace: Rc<Trace>,
    theme: synack_diagram::Theme,
    fail: Callback<String>,
) {
    let name = format!("{}{}", base_name(&trace), format.suffix());
    let o = &ladder.options;
    let (lang, absolute, width) = (o.lang, o.seq == synack_diagram::SeqMode::Absolute, o.width);
    let (w, h) = (f64::from(ladder.width), f64::from(ladder.height));
    wasm_bindgen_futures::spawn_local(async move {
        let pack = crate::langpack::pack_text(lang.code()).unwrap_or_default();
        let theme = match theme {
            synack_diagram::Theme::Light => "light",
            synack_diagram::Theme::Dark => "dark",
            _ => "auto",
        };
        let req = crate::extras::Export {
            format: module_name(format),
            pack: &pack,
            absolute,
            width,
            theme,
        };
        let done = match crate::extras::export(&trace, &req).await {
            Ok(bytes) if format == Format::Png => match String::from_utf8(bytes) {
                Ok(svg) => save_png(name, &svg, w, h, fail.clone()),
                Err(_) => Err("the SVG was not text".into()),
            },
            Ok(bytes) => save_bytes(&name, media_type(format), &bytes),
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            fail.emit(e);
        }
    });
}

/// Draws `svg` (`w`×`h` CSS px) into a canvas at 2× and downloads it as PNG.
fn save_png(name: String, svg: &str, w: f64, h: f64, fail: Callback<String>) -> Result<(), String> {
    let err = |e: JsValue| format!("{e:?}");
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(&text_blob(svg, "image/svg+xml")?)
        .map_err(err)?;
    let img = web_sys::HtmlImageElement::new().map_err(err)?;
    let canvas = doc
        .create_element("canvas")
        .map_err(err)?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| "no canvas".to_string())?;
    let (cw, ch) = ((w * 2.0).ceil().max(1.0), (h * 2.0).ceil().max(1.0));
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let img2 = img.clone();
    let src = url.clone();
    let url2 = url.clone();
    let fail2 = fail.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let draw = || -> Result<(), String> {
            let ctx = canvas
                .get_context("2d")
                .map_err(err)?
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
                .ok_or("no 2d context")?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, cw, ch)
                .map_err(err)?;
            let fail3 = fail2.clone();
            let done = Closure::once_into_js(move |b: Option<web_sys::Blob>| {
                let r = b
                    .ok_or_else(|| "the canvas made no image".to_string())
                    .and_then(|b| save_blob(&name, &b));
                if let Err(e) = r {
                    fail3.emit(e);
                }
            });
            canvas
                .to_blob_with_type(done.unchecked_ref(), "image/png")
                .map_err(err)
        };
        if let Err(e) = draw() {
            fail2.emit(e);
        }
    });
    let onerror = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
        fail.emit("the SVG could not be drawn as an image".into());
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&src);
    Ok(())
}
