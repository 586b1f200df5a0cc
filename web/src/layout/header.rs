//! The header inspector's model, built on `synack_text::explain`: the fields of one
//! segment (names, values, explanations, bit and byte places) plus the cells of RFC 9293's
//! 32-bit-row diagram, and which field owns which byte (for two-way highlighting).

use synack_core::wire::Ipv4Pair;
use synack_core::Flags;
use synack_sim::{SegmentRecord, Side, Trace};
use synack_text::explain::{fields, Context, Field, FieldKey, Relative};

use super::seqnum::SeqBase;
use crate::fmt::hex_bytes;
use crate::i18n::Lang;

/// One box of the diagram: part of a field within one 32-bit row.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Index into [`Header::fields`].
    pub field: usize,
    pub row: u32,
    /// First bit column (0..32) and width in bits.
    pub col: u32,
    pub cols: u32,
}

/// The header of one segment, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Header fields (options included), then the payload if any.
    pub fields: Vec<Field>,
    /// Diagram cells of the header fields (the payload is not drawn as rows).
    pub cells: Vec<Cell>,
    pub rows: u32,
    /// Every byte of the segment as sent.
    pub bytes: Vec<u8>,
    /// Index of the field each byte belongs to (the first, for bytes 12 and 13 which several
    /// sub-byte fields share).
    pub byte_field: Vec<Option<usize>>,
}

impl Header {
    /// Does byte `i` belong to field `f`?
    pub fn byte_in(&self, i: usize, f: usize) -> bool {
        self.fields
            .get(f)
            .is_some_and(|fd| fd.byte_range().contains(&i))
    }

    /// A stable DOM-id-safe name for field `i` (`flag_syn`, `option_2`).
    pub fn key_name(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map_or_else(String::new, |f| f.key.to_string())
    }
}

/// The window shift that applies to `rec`'s Window field: none on a SYN (RFC 7323 §2.2),
/// the sender's announced shift once both SYNs carried Window Scale, else 0.
fn window_shift(trace: &Trace, rec: &SegmentRecord) -> Option<u8> {
    if rec.segment.flags.contains(Flags::SYN) {
        return Some(0);
    }
    let syn_ws = |side: Side| {
        trace
            .segments
            .iter()
            .find(|r| r.from == side && r.segment.flags.contains(Flags::SYN))
            .map(|r| r.segment.window_scale())
    };
    match (syn_ws(rec.from), syn_ws(rec.from.other())) {
        (Some(Some(mine)), Some(Some(_))) => Some(mine),
        (Some(_), Some(_)) => Some(0),
        _ => None,
    }
}

/// Explains segment `rec` of `trace` in `lang`; relative numbers unless `absolute`.
/// An unparsable segment (never produced by the simulator) gives `Err` with the reason.
pub fn explain(
    trace: &Trace,
    rec: &SegmentRecord,
    lang: Lang,
    absolute: bool,
) -> Result<Header, String> {
    let bytes = hex_bytes(&rec.hex);
    let base = SeqBase::of(trace);
    let (src, dst) = match rec.from {
        Side::Client => (trace.client.endpoint.addr, trace.server.endpoint.addr),
        Side::Server => (trace.server.endpoint.addr, trace.client.endpoint.addr),
    };
    let ctx = Context {
        lang,
        ips: Some(Ipv4Pair { src, dst }),
        relative: (!absolute).then(|| Relative {
            iss: base.iss_of(rec.from),
            irs: base.iss_of(rec.from.other()),
        }),
        window_shift: window_shift(trace, rec),
    };
    let fields = fields(&bytes, &ctx).map_err(|e| e.to_string())?;
    let mut cells = Vec::new();
    let mut rows = 5;
    for (i, f) in fields.iter().enumerate() {
        if f.key == FieldKey::Payload {
            continue;
        }
        let mut b = f.bit_offset;
        let end = f.bit_offset.saturating_add(f.bit_len);
        while b < end {
            let (row, col) = (b / 32, b % 32);
            let cols = (32 - col).min(end - b);
            cells.push(Cell {
                field: i,
                row,
                col,
                cols,
            });
            rows = rows.max(row + 1);
            b += cols;
        }
    }
    let byte_field = (0..bytes.len())
        .map(|i| fields.iter().position(|f| f.byte_range().contains(&i)))
        .collect();
    Ok(Header {
        fields,
        cells,
        rows,
        bytes,
        byte_field,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{simulate, Settings};

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_first_syn_is_explained_with_relative_numbers_and_tiled_rows() {
        let Ok(t) = simulate(&Settings::default()) else {
            panic!("simulation failed")
        };
        let h = explain(&t, &t.segments[0], Lang::EN, false).unwrap();
        let seq = h.fields.iter().find(|f| f.key == FieldKey::Seq).unwrap();
        assert!(seq.display.contains("relative 0"), "{}", seq.display);
        // Every header row is tiled exactly: 32 bits of cells per row.
        for r in 0..h.rows {
            let bits: u32 = h.cells.iter().filter(|c| c.row == r).map(|c| c.cols).sum();
            assert_eq!(bits, 32, "row {r}");
        }
        assert_eq!(h.byte_field.len(), h.bytes.len());
        let zh = explain(
            &t,
            &t.segments[0],
            crate::langpack::lang_for_tests("zh"),
            true,
        )
        .unwrap();
        assert_ne!(zh.fields[2].name, h.fields[2].name);
    }
}
