//! The app's second WebAssembly module (web/extras, `synack-extras`): what a reader does now
//! and then — running a packetdrill script, writing an export, writing quiz mode's questions —
//! fetched the first time it is needed, so the first load carries none of it (docs/WEB.md,
//! "Two modules").
//!
//! `index.html` defines `synackExtras()`, which imports the module once (its URL, with the
//! build's fingerprint, is written into the page by scripts/lib/extras.sh) and resolves to it.
//! The modules share no memory: a trace crosses as bytes in synack-sim's binary form, which
//! both modules read and write with the same build's code.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use nanoserde::DeBin;
use synack_packetdrill::view::{OpenError, Opened, Script};
use synack_sim::Trace;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why the module could not do it (the banner says this).
fn why(v: JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the second module failed".into())
}

/// The module, fetched and started on first use.
async fn module() -> Result<JsValue, String> {
    let w = web_sys::window().ok_or("no window")?;
    let load: Function = Reflect::get(&w, &"synackExtras".into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "this page has no second module (synackExtras)".to_string())?;
    let p: Promise = load
        .call0(&w)
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "synackExtras() gave no promise".to_string())?;
    JsFuture::from(p)
        .await
        .map_err(|e| format!("the second module did not load: {}", why(e)))
}

/// Calls the module's function `name` with `args`.
pub(crate) async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let m = module().await?;
    let f: Function = Reflect::get(&m, &name.into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| format!("the second module has no `{name}`"))?;
    f.apply(&m, &args.iter().collect::<Array>()).map_err(why)
}

/// Bytes the module returned.
pub(crate) fn bytes(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

/// Runs the script `text` (a file called `name`): the trace to show and what to mark on
/// it, or why it is not shown (`Err` inside), or why the module could not run it.
pub async fn pkt_open(
    name: &str,
    text: &str,
) -> Result<Result<(Trace, Script), OpenError>, String> {
    let v = call("pkt_open", &[name.into(), text.into()]).await?;
    Opened::deserialize_bin(&bytes(&v))
        .map(Into::into)
        .map_err(|e| format!("the script's run did not arrive whole ({e})"))
}

/// What to write: the export's name in the module (`svg`, `animated-svg`, `pcap-client` …),
/// the ladder's language pack (empty for English), numbers, width and the animation's colours.
pub struct Export<'a> {
    pub format: &'a str,
    pub pack: &'a str,
    pub absolute: bool,
    pub width: f32,
    pub theme: &'a str,
}

/// Writes `trace` as `e.format`: the file's bytes.
pub async fn export(trace: &Trace, e: &Export<'_>) -> Result<Vec<u8>, String> {
    let t = Uint8Array::from(trace.to_bin().as_slice());
    let v = call(
        "export_file",
        &[
            t.into(),
            e.format.into(),
            e.pack.into(),
            e.absolute.into(),
            e.width.into(),
            e.theme.into(),
        ],
    )
    .await?;
    Ok(bytes(&v))
}

/// Quiz mode's questions about `trace`: those of `kinds` (`flags,seq`; empty for all) in the
/// language of `pack` (its file's text; empty for English), written by the second module, with
/// the student's record read from `stored` (`localStorage`'s JSON) there: the app links no
/// question generator and no JSON reader.
pub async fn quiz_questions(
    trace: &Trace,
    kinds: &str,
    pack: &str,
    stored: &str,
) -> Result<synack_quiz::bin::Arrival, String> {
    let t = Uint8Array::from(trace.to_bin().as_slice());
    let v = call(
        "quiz_questions",
        &[t.into(), kinds.into(), pack.into(), stored.into()],
    )
    .await?;
    synack_quiz::bin::Arrival::deserialize_bin(&bytes(&v))
        .map_err(|e| format!("the questions did not arrive whole ({e})"))
}

/// The student's record as `localStorage` keeps it (JSON, written by the second module).
pub async fn quiz_progress_json(p: &synack_quiz::Progress) -> Result<String, String> {
    use nanoserde::SerBin;
    let b = Uint8Array::from(p.serialize_bin().as_slice());
    let v = call("quiz_progress_json", &[b.into()]).await?;
    Ok(v.as_string().unwrap_or_default())
}
