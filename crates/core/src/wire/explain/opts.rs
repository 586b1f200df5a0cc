//! What each option says: a context-free sentence ([`option_text`]) and, for the inspector,
//! notes that depend on the rest of the segment.

use super::{field_name, FieldKey, Lang, View};
use crate::wire::{Flags, TcpOption};
use alloc::string::String;
use core::fmt::Write;

/// One or two sentences on what this option says, with its values, in `lang`.
pub fn option_text(opt: &TcpOption, lang: Lang) -> String {
    match opt {
        TcpOption::Eol => String::from(lang.pick(
            "End of Option List: no option follows; the rest of the header is padding.",
            "选项列表结束：其后不再有选项，首部剩下的部分都是填充。",
        )),
        TcpOption::Nop => String::from(lang.pick(
            "No-Operation: a one-byte filler that aligns the next option.",
            "无操作：单字节的填充，用于对齐下一个选项。",
        )),
        TcpOption::Mss(v) => {
            let mut s = say!(
                lang,
                "Maximum Segment Size {v}: the sender can receive segments carrying up to {v} bytes of data.",
                "最大报文段长度 {v}：发送方能接收的每个报文段最多携带 {v} 字节数据。"
            );
            if *v == 1460 {
                s += lang.pick(
                    " 1460 is Ethernet's 1500-byte MTU minus 20 bytes of IPv4 header and 20 of TCP header.",
                    "1460 即以太网的 MTU 1500 字节减去 20 字节 IPv4 首部和 20 字节 TCP 首部。",
                );
            }
            s
        }
        TcpOption::WindowScale(s) => {
            // RFC 7323 §2.3: a shift above 14 is used as 14.
            let e = (*s).min(14);
            let m = 1u32 << e;
            let mut t = say!(
                lang,
                "Window Scale {s}: if both SYNs carry this option, this sender's later windows are multiplied by 2^{e} = {m}.",
                "窗口扩大因子 {s}：如果双方的 SYN 都带有此选项，该发送方之后通告的窗口都要乘以 2^{e} = {m}。"
            );
            if *s > 14 {
                t += lang.pick(
                    " A shift above 14 is treated as 14 (RFC 7323 §2.3).",
                    "大于 14 的移位数按 14 处理（RFC 7323 §2.3）。",
                );
            }
            t
        }
        TcpOption::SackPermitted => String::from(lang.pick(
            "SACK Permitted: the sender can receive selective acknowledgments (SACK blocks) on this connection.",
            "允许 SACK：发送方能够处理本连接上的选择确认（SACK 块）。",
        )),
        TcpOption::Sack(blocks) => {
            let list = blocks_text(blocks, 0, lang);
            say!(
                lang,
                "Selective acknowledgment: besides every byte below the acknowledgment number, the sender also holds bytes {list}.",
                "选择确认：除了确认号之前的全部字节，发送方还收到了字节 {list}。"
            )
        }
        TcpOption::Timestamps { tsval, tsecr } => say!(
            lang,
            "Timestamps: TSval {tsval} is the sender's timestamp clock now; TSecr {tsecr} echoes the latest TSval received from the peer, which lets the peer measure the round-trip time.",
            "时间戳：TSval {tsval} 是发送方当前的时间戳时钟值；TSecr {tsecr} 回显最近从对端收到的 TSval，对端据此测量往返时间。"
        ),
        TcpOption::Unknown { kind, data } => {
            let name = field_name(
                FieldKey::Option {
                    index: 0,
                    kind: *kind,
                },
                lang,
            );
            let n = data.len();
            say!(
                lang,
                "Option kind {kind} ({name}) with {n} bytes of data, which this tool does not interpret; a receiver that does not know it skips it by its length.",
                "类型为 {kind} 的选项（{name}），带 {n} 字节数据，本工具不解析；不认识它的接收方会根据长度字节跳过它。"
            )
        }
    }
}

/// SACK blocks as "l–(r−1)" ranges (the right edge on the wire is the first byte after the
/// block, RFC 2018 §3), each minus `base`.
fn blocks_text(blocks: &[(u32, u32)], base: u32, lang: Lang) -> String {
    let mut s = String::new();
    let sep = lang.pick(", ", "、");
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
            s += lang.pick(
                " It is only allowed in a SYN, so a receiver ignores it here.",
                "它只能出现在 SYN 中，因此接收方在这里会忽略它。",
            );
        }
        // RFC 7323 §1.3: a SYN-ACK carries Window Scale only if the SYN did.
        TcpOption::WindowScale(_) if v.has(Flags::ACK) => {
            s += lang.pick(
                " In a SYN-ACK it also means the peer's SYN offered scaling, so windows are now scaled in both directions.",
                "它出现在 SYN-ACK 中，说明对方的 SYN 也提出了窗口扩大，因此两个方向的窗口都会扩大。",
            );
        }
        // RFC 7323 §3.2: "The TSecr field is valid if the ACK bit is set".
        TcpOption::Timestamps { tsval, tsecr } if !v.has(Flags::ACK) => {
            s = say!(
                lang,
                "Timestamps: TSval {tsval} is the sender's timestamp clock now. TSecr ({tsecr}) is not valid, because the ACK flag is not set: there is nothing from the peer to echo yet (RFC 7323 §3.2).",
                "时间戳：TSval {tsval} 是发送方当前的时间戳时钟值。TSecr（{tsecr}）无效，因为 ACK 未置位：还没有来自对端的时间戳可以回显（RFC 7323 §3.2）。"
            );
        }
        // SACK blocks are in the peer's sequence space, like the acknowledgment number.
        TcpOption::Sack(blocks) => {
            if let Some(r) = v.ctx.relative {
                let list = blocks_text(blocks, r.irs, lang);
                s += &say!(lang, " Relative: {list}.", "相对值：{list}。");
            }
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
                    say!(
                        lang,
                        " Here it helps align the {name} option that follows.",
                        "这里它用于对齐后面的{name}选项。"
                    )
                }
                None => String::from(lang.pick(
                    " Here it fills the header up to a 4-byte boundary.",
                    "这里它把首部填充到 4 字节边界。",
                )),
            };
        }
        _ => {}
    }
    (alloc::format!("{opt}"), s)
}
