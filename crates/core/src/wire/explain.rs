//! Per-field explanations for the header inspector, in English and Simplified Chinese.
//! (Filled in by the wire work; see issue 3.)
