//! The packetdrill runner's module (`web/pkt`, built into the site as [`URL`]): fetched and
//! instantiated the first time a reader opens or exports a script, then kept for the page's
//! life. It has no imports; the page writes its input into the module's memory and reads
//! the JSON answer from there (see `web/pkt/src/lib.rs` for the calls).

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the module is, beside the page.
pub const URL: &str = "pkt/synack-pkt.wasm";

thread_local! {
    /// The instance's exports, once loaded.
    static EXPORTS: RefCell<Option<Object>> = const { RefCell::new(None) };
}

fn why(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "network error".into())
}

/// Fetches and instantiates the module (once).
async fn exports() -> Result<Object, String> {
    if let Some(e) = EXPORTS.with(|x| x.borrow().clone()) {
        return Ok(e);
    }
    let window = web_sys::window().ok_or("no window")?;
    // Revalidated on each load of the page (a new site must not meet an old module).
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(URL, &init))
        .await
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "not a response")?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(why)?)
        .await
        .map_err(why)?;
    let bytes = Uint8Array::new(&buf).to_vec();
    let made = JsFuture::from(WebAssembly::instantiate_buffer(&bytes, &Object::new()))
        .await
        .map_err(why)?;
    let exports: Object = Reflect::get(&made, &"instance".into())
        .and_then(|i| Reflect::get(&i, &"exports".into()))
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "no exports")?;
    EXPORTS.with(|x| *x.borrow_mut() = Some(exports.clone()));
    Ok(exports)
}

fn function(exports: &Object, name: &str) -> Result<Function, String> {
    Reflect::get(exports, &name.into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| format!("the module has no {name}()"))
}

fn number(v: Result<JsValue, JsValue>) -> Result<u32, String> {
    // A trap (a bug in the runner) is a thrown RuntimeError: it ends this call only.
    let v = v.map_err(why)?;
    v.as_f64()
        .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n as u32)
        .ok_or_else(|| "not a number".into())
}

/// The module's memory, seen from `at` for `len` bytes (fetched anew: memory growth
/// detaches the old buffer).
fn memory(exports: &Object, at: u32, len: u32) -> Result<Uint8Array, String> {
    let mem: WebAssembly::Memory = Reflect::get(exports, &"memory".into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "the module has no memory")?;
    let buf: js_sys::ArrayBuffer = mem.buffer().dyn_into().map_err(|_| "no buffer")?;
    if u64::from(at) + u64::from(len) > u64::from(buf.byte_length()) {
        return Err("the module's answer is outside its memory".into());
    }
    Ok(Uint8Array::new_with_byte_offset_and_length(&buf, at, len))
}

/// Calls `call` (`run_script` or `export`, with `arg`) on `input`; its JSON answer.
pub async fn call(call: &str, arg: Option<u32>, input: &str) -> Result<String, String> {
    let ex = exports().await?;
    let len = u32::try_from(input.len()).map_err(|_| "too large")?;
    let at = number(function(&ex, "input")?.call1(&JsValue::NULL, &len.into()))?;
    if at == 0 {
        return Err("the module has no room for the input".into());
    }
    memory(&ex, at, len)?.copy_from(input.as_bytes());
    let f = function(&ex, call)?;
    let n = number(match arg {
        Some(a) => f.call1(&JsValue::NULL, &a.into()),
        None => f.call0(&JsValue::NULL),
    })?;
    let out = number(function(&ex, "output")?.call0(&JsValue::NULL))?;
    let bytes = memory(&ex, out, n)?.to_vec();
    String::from_utf8(bytes).map_err(|_| "the module's answer is not text".into())
}
