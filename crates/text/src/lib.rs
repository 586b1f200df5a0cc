//! # synack-text: every word synack writes, and nothing of TCP
//!
//! The protocol lives in `synack-core`; this crate turns it into sentences. It holds the
//! one way every crate declares its texts ([`texts!`], looked up through a [`Lang`] value),
//! the one formatter of named placeholders ([`pack::fill`]), the language files' formats
//! ([`source`], what translators edit, and [`pack`], what the web app fetches), the header
//! inspector's field texts ([`explain`]), and two small helpers the layers above share: a stable sort with one instantiation
//! ([`order`]) and FNV-1a ([`hash`]). `synack-core` does not depend on it.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod explain;
pub mod hash;
mod lang;
pub mod order;
pub mod pack;
pub mod pseudo;
pub mod source;
pub mod ui;

pub use explain::{Context, Field, FieldKey, Relative};
pub use hash::fnv1a;
pub use lang::{with_packs, About, Lang, Texts, LANGUAGES};
