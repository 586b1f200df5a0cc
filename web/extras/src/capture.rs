//! Captures (pcap, pcapng) for the web app: the file's connections ([`capture_list`]) and one
//! of them read with the model ([`capture_open`]), in the binary form of
//! `synack_capture::view`'s types, their texts in the reader's language. The file's bytes
//! come from the page's own memory (a `File` read in the browser) and go nowhere else.

use nanoserde::SerBin;
use synack_capture::view::{list, show, Listed, Opened};
use wasm_bindgen::prelude::wasm_bindgen;

/// The connections of the capture `bytes` (a file called `name`): [`Listed`] in the binary
/// form, its texts in the language of `pack` (empty for English).
#[wasm_bindgen]
pub fn capture_list(name: &str, bytes: &[u8], pack: &str) -> Vec<u8> {
    match crate::lang(pack) {
        Ok(l) => list(name, bytes, l),
        Err(error) => Listed::Refused { error },
    }
    .serialize_bin()
}

/// Connection `stream` of the capture `bytes` (a file called `name`) read with the model,
/// merged with `bytes2` (the other end's capture, called `name2`) unless it is empty:
/// [`Opened`] in the binary form, its banner and notes in the language of `pack`.
#[wasm_bindgen]
pub fn capture_open(
    name: &str,
    bytes: &[u8],
    name2: &str,
    bytes2: &[u8],
    stream: u32,
    pack: &str,
) -> Vec<u8> {
    match crate::lang(pack) {
        Ok(l) => show(name, bytes, name2, bytes2, stream, l),
        Err(error) => Opened::Refused { error },
    }
    .serialize_bin()
}
