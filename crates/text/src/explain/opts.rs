//! What each option says: a context-free sentence ([`option_text`]) and, for the inspector,
//! notes that depend on the rest of the segment.

use super::words::{text, W};
use super::{field_name, FieldKey, Lang, View};
use alloc::string::String;
use core::fmt::Write;
use synack_core::wire::{Flags, TcpOption};

/// One or two sentences on what this option says, with its values, in `lang`.
pub fn option_text(opt: &TcpOption, lang: Lang) -> String {
    match opt {
        TcpOption::Eol => String::from(text(lang, W::EndOptionListNo)),
        TcpOption::Nop => String::from(text(lang, W::NoOperationOneByte)),
        TcpOption::Mss(v) => {
            let mut s = say!(lang, MaximumSegmentSizeSender, v);
            if *v == 1460 {
                s += text(lang, W::Mss1460Ethernet);
            }
            s
        }
        TcpOption::WindowScale(s) => {
            // RFC 7323 §2.3: a shift above 14 is used as 14.
            let e = (*s).min(14);
            let m = 1u32 << e;
            let mut t = say!(lang, WindowScaleIfBoth, s, e, m);
            if *s > 14 {
                t += text(lang, W::ShiftAbove14Treated);
            }
            t
        }
        TcpOption::SackPermitted => String::from(text(lang, W::SackPermittedSenderCan)),
        TcpOption::Sack(blocks) => {
            let list = blocks_text(blocks, 0, lang);
            say!(lang, SelectiveAcknowledgmentBesidesEvery, list)
        }
        TcpOption::Timestamps { tsval, tsecr } => {
            say!(lang, TimestampsTsvalSenderTimestamp, tsval, tsecr)
        }
        TcpOption::Unknown { kind, data } => {
            let name = field_name(
                FieldKey::Option {
                    index: 0,
                    kind: *kind,
                },
                lang,
            );
            let n = data.len();
            say!(lang, OptionKindWithBytes, kind, name, n)
        }
    }
}

/// SACK blocks as "l–(r−1)" ranges (the right edge on the wire is the first byte after the
/// block, RFC 2018 §3), each minus `base`.
fn blocks_text(blocks: &[(u32, u32)], base: u32, lang: Lang) -> String {
    let mut s = String::new();
    let sep = text(lang, W::SackSeparator);
    for (i, (l, r)) in blocks.iter().enumerate() {
        let (l, last) = (l.wrapping_sub(base), r.wrapping_sub(base).wrapping_sub(1));
        let sep = if i == 0 { "" } else { sep };
        let _ = write!(s, "{sep}{l}–{last}");
    }
    s
}

/// (display, means) for the `index`-th option of the segment in `v`.
pub(super) fn field(index: usize, opt: &TcpOption, v: &View) -> (String, String) {
    let lang = v.lang();
    let syn = v.has(Flags::SYN);
    let mut s = option_text(opt, lang);
    match opt {
        // RFC 9293 §3.7.1 (MSS), RFC 7323 §2.2 (WS), RFC 2018 §2 (SACK-permitted): SYN only.
        TcpOption::Mss(_) | TcpOption::WindowScale(_) | TcpOption::SackPermitted if !syn => {
            s += text(lang, W::OnlyAllowedInSyn);
        }
        // RFC 7323 §1.3: a SYN-ACK carries Window Scale only if the SYN did.
        TcpOption::WindowScale(_) if v.has(Flags::ACK) => {
            s += text(lang, W::InSynAckAlso);
        }
        // RFC 7323 §3.2: "The TSecr field is valid if the ACK bit is set".
        TcpOption::Timestamps { tsval, tsecr } if !v.has(Flags::ACK) => {
            s = say!(lang, TimestampsTsvalSenderTimestamp2, tsval, tsecr);
        }
        // SACK blocks are in the peer's sequence space, like the acknowledgment number.
        TcpOption::Sack(blocks) => {
            if let Some(r) = v.ctx.relative {
                let list = blocks_text(blocks, r.irs, lang);
                s += &say!(lang, SackRelative, list);
            }
        }
        // A run of fillers names the option it aligns once, on its last filler (a
        // Timestamps option is not named on three rows).
        TcpOption::Nop if matches!(v.seg.options.get(index + 1), Some(TcpOption::Nop)) => {
            s += text(lang, W::HereWithNextNop);
        }
        TcpOption::Nop => {
            let next = v
                .seg
                .options
                .iter()
                .skip(index + 1)
                .find(|o| !matches!(o, TcpOption::Nop | TcpOption::Eol));
            s += &match next {
                Some(o) => {
                    let name = field_name(
                        FieldKey::Option {
                            index: 0,
                            kind: o.kind(),
                        },
                        lang,
                    );
                    say!(lang, HereHelpsAlignOption, name)
                }
                None => String::from(text(lang, W::HereFillsHeaderUp)),
            };
        }
        _ => {}
    }
    (alloc::format!("{opt}"), s)
}
