//! The trace in a compact binary form (feature `bin`): what the web app's two WebAssembly
//! modules hand each other (docs/WEB.md, "Two modules"). See `synack_core::bin`.

use crate::trace::{Hex, SendData, SendRepr, Trace};
use alloc::string::String;
use alloc::vec::Vec;
use nanoserde::{DeBin, DeBinErr, SerBin};
use synack_core::Bytes;

/// As a `Vec<u8>` of all the bytes (length, then the octets), written from its pieces.
impl SerBin for Hex {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        self.put_bin(s)
    }
}

impl DeBin for Hex {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<Hex, DeBinErr> {
        Bytes::de_bin(o, d).map(Hex::from_bin)
    }
}

impl SerBin for SendData {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        match &self.0 {
            SendRepr::Text(t) => {
                0u8.ser_bin(s);
                t.ser_bin(s)
            }
            SendRepr::Filler(n) => {
                1u8.ser_bin(s);
                n.ser_bin(s)
            }
        }
    }
}

impl DeBin for SendData {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<SendData, DeBinErr> {
        let at = *o;
        match u8::de_bin(o, d)? {
            0 => String::de_bin(o, d).map(SendData::from),
            1 => u32::de_bin(o, d).map(SendData::filler),
            _ => Err(DeBinErr::new(at, 1, d.len())),
        }
    }
}

impl Trace {
    /// This trace in the binary form.
    pub fn to_bin(&self) -> Vec<u8> {
        SerBin::serialize_bin(self)
    }

    /// A trace from [`Trace::to_bin`]'s bytes (made by the same build).
    pub fn from_bin(bytes: &[u8]) -> Result<Trace, DeBinErr> {
        DeBin::deserialize_bin(bytes)
    }
}
