//! Pure layout the web needs beyond `synack-diagram`'s ladder: the header inspector's rows
//! and cells, RFC 9293's state diagram geometry, TCB lookup, and short words. Everything
//! here is natively testable and panic-free; docs/WEB.md lists what should move into
//! `synack-diagram`.

pub mod header;
pub mod scrub;
pub mod seqnum;
pub mod tcb;
pub mod words;
