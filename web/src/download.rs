//! Saving a file the page made (the ladder as SVG or PNG, captures, text) through a Blob URL
//! and a temporary `<a download>`. Failures are returned as text for the error banner;
//! nothing panics.

use wasm_bindgen::{JsCast, JsValue};

fn err(e: JsValue) -> String {
    format!("{e:?}")
}

/// Makes a Blob of one part (a string or a byte array) with MIME type `mime`.
fn blob(part: &JsValue, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts).map_err(err)
}

/// Offers `blob` for download as `name`.
pub fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let win = web_sys::window().ok_or("no window")?;
    let doc = win.document().ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let a = doc
        .create_element("a")
        .map_err(err)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke a little later: some browsers start the download asynchronously.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Offers `bytes` for download as `name` with MIME type `mime`.
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let arr = js_sys::Uint8Array::from(bytes);
    save_blob(name, &blob(&arr.into(), mime)?)
}

/// A Blob of `text` (for images made from SVG).
pub fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    blob(&JsValue::from_str(text), mime)
}
