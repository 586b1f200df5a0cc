//! # synack-text: every word synack writes, and nothing of TCP
//!
//! The protocol lives in `synack-core`; this crate turns it into sentences. It holds the
//! header inspector's field texts ([`explain`]), the one formatter of named placeholders
//! ([`pack::fill`]), the language-pack format ([`pack`]), the [`Lang`] a text is written in,
//! and two small helpers the layers above share: a stable sort with one instantiation
//! ([`order`]) and FNV-1a ([`hash`]). `synack-core` does not depend on it.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod explain;
pub mod hash;
mod lang;
pub mod order;
pub mod pack;

pub use explain::{Context, Field, FieldKey, Relative};
pub use hash::fnv1a;
pub use lang::Lang;
