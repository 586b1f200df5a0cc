//! What each field of the fixed header means in one segment: its value for display and a
//! sentence computed from it and from the other fields.

use super::{FieldKey, Lang, View};
use crate::wire::Flags;
use alloc::string::String;

/// (raw value, display value, what it means here) for a field of the fixed header.
pub(super) fn fixed(key: FieldKey, v: &View) -> (u32, String, String) {
    let seg = v.seg;
    let lang = v.lang();
    match key {
        FieldKey::SrcPort => (u32::from(seg.src_port), num(seg.src_port), src_port(v)),
        FieldKey::DstPort => (u32::from(seg.dst_port), num(seg.dst_port), dst_port(v)),
        FieldKey::Seq => (seg.seq, seq_display(v), seq(v)),
        FieldKey::Ack => (seg.ack, ack_display(v), ack(v)),
        FieldKey::DataOffset => {
            let d = v.parsed.data_offset;
            let len = usize::from(d) * 4;
            let display = say!(lang, "{d} ({len} bytes)", "{d}（{len} 字节）");
            (u32::from(d), display, data_offset(d, lang))
        }
        FieldKey::Reserved => {
            let bits = v.parsed.reserved;
            let means = if bits == 0 {
                say!(lang, "All zero, as they must be.", "全为 0，符合要求。")
            } else {
                say!(
                    lang,
                    "Not zero ({bits:04b}): the sender broke the rule or uses an experimental extension (the last bit was the NS bit of RFC 3540, now Historic); a receiver ignores them.",
                    "不为 0（{bits:04b}）：发送方违反了规定，或在使用实验性扩展（最低位曾是 RFC 3540 定义的 NS 位，该 RFC 现已被归为历史文档）；接收方会忽略这些位。"
                )
            };
            (u32::from(bits), alloc::format!("{bits:04b}"), means)
        }
        FieldKey::Window => window(v),
        FieldKey::Checksum => checksum(v),
        FieldKey::Urgent => (u32::from(seg.urgent), num(seg.urgent), urgent(v)),
        _ => match key.flag() {
            Some(flag) => {
                let set = v.has(flag);
                let display = match (set, lang) {
                    (true, Lang::En) => "1 (set)",
                    (false, Lang::En) => "0 (not set)",
                    (true, Lang::Zh) => "1（置位）",
                    (false, Lang::Zh) => "0（未置位）",
                };
                (u32::from(set), String::from(display), flag_means(flag, v))
            }
            // Options, padding and payload are not fixed fields; `fields` never asks.
            None => (0, String::new(), String::new()),
        },
    }
}

fn num(n: u16) -> String {
    alloc::format!("{n}")
}

/// " Relative: seq 1 (ISS + 1)." — English sentences are joined with a space, Chinese ones
/// without.
fn relative(lang: Lang, what: &str, base: &str, r: u32) -> String {
    match (lang, r) {
        (Lang::En, 0) => alloc::format!(" Relative: {what} 0 (the {base} itself)."),
        (Lang::En, _) => alloc::format!(" Relative: {what} {r} ({base} + {r})."),
        (Lang::Zh, 0) => alloc::format!("相对值：0（即 {base} 本身）。"),
        (Lang::Zh, _) => alloc::format!("相对值：{r}（{base} + {r}）。"),
    }
}

fn rel_seq(v: &View) -> Option<u32> {
    v.ctx.relative.map(|r| v.seg.seq.wrapping_sub(r.iss))
}

fn rel_ack(v: &View) -> Option<u32> {
    v.ctx.relative.map(|r| v.seg.ack.wrapping_sub(r.irs))
}

fn src_port(v: &View) -> String {
    let p = v.seg.src_port;
    let mut s = say!(
        v.lang(),
        "Sent from port {p}; replies come back to this port.",
        "从端口 {p} 发出；对方的回复会发往这个端口。"
    );
    // Linux's default net.ipv4.ip_local_port_range is 32768-60999.
    if (32768..=60999).contains(&p) {
        s += v.lang().pick(
            " It lies in Linux's default range for ephemeral ports (32768–60999), so the operating system probably picked it for a client.",
            "它位于 Linux 默认的临时端口范围（32768–60999）内，很可能是操作系统为客户端自动选择的。",
        );
    } else if p < 1024 {
        s += v.lang().pick(
            " Ports below 1024 are well-known service ports, so the sender is probably a server.",
            "1024 以下是知名服务端口，发送方很可能是服务器。",
        );
    }
    s
}

fn dst_port(v: &View) -> String {
    let p = v.seg.dst_port;
    let mut s = say!(
        v.lang(),
        "Addressed to port {p} at the receiver.",
        "发往接收方的端口 {p}。"
    );
    if v.has(Flags::SYN) && !v.has(Flags::ACK) {
        // RFC 9293 §3.10.7.1: a segment for a closed port is answered with RST.
        s += v.lang().pick(
            " If no program listens on that port, the receiver answers this SYN with a reset.",
            "如果该端口上没有程序在监听，接收方会用 RST 回应这个 SYN。",
        );
    }
    s
}

fn seq_display(v: &View) -> String {
    let seq = v.seg.seq;
    match rel_seq(v) {
        Some(r) => say!(v.lang(), "{seq} (relative {r})", "{seq}（相对值 {r}）"),
        None => alloc::format!("{seq}"),
    }
}

/// RFC 9293 §3.4: SYN and FIN each occupy one sequence number, data one per byte, RST none.
fn seq(v: &View) -> String {
    let lang = v.lang();
    let seq = v.seg.seq;
    let n = v.seg.payload.len() as u32;
    let mut s = if v.has(Flags::SYN) {
        let first = seq.wrapping_add(1);
        let mut s = say!(
            lang,
            "SYN is set, so {seq} is the sender's initial sequence number (ISS); the SYN itself occupies it, so the first data byte will be number {first}.",
            "SYN 已置位，所以 {seq} 是发送方的初始序列号（ISS）；SYN 本身占用这个编号，因此第一个数据字节的编号将是 {first}。"
        );
        if n > 0 {
            s += &say!(
                lang,
                " This SYN also carries {n} bytes of data, numbered from {first}.",
                "这个 SYN 还携带了 {n} 字节数据，编号从 {first} 开始。"
            );
        }
        s
    } else if v.has(Flags::RST) && v.has(Flags::ACK) && seq == 0 {
        // RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> answers a segment
        // without ACK.
        String::from(lang.pick(
            "Zero, as RFC 9293 §3.10.7.1 prescribes for a reset that answers a segment without ACK (most likely a SYN): the peer checks the acknowledgment number instead. A reset occupies no sequence number.",
            "为 0：按 RFC 9293 §3.10.7.1，回应不带 ACK 的报文段（这里多半是 SYN）的 RST，序列号就取 0，对端转而检查确认号。RST 不占用序列号。",
        ))
    } else if v.has(Flags::RST) {
        // RFC 5961 §3.2, adopted by RFC 9293 §3.10.7.4.
        say!(
            lang,
            "A reset occupies no sequence number; in an established connection the receiver acts on it only if {seq} is exactly the next number it expects, and answers one that is merely in its window with a challenge ACK (RFC 5961 §3).",
            "RST 不占用序列号；在已建立的连接中，只有当 {seq} 恰好等于接收方期望的下一个序列号时它才会生效，若只是落在窗口内，接收方会回复一个挑战 ACK（RFC 5961 §3）。"
        )
    } else if n > 0 {
        let last = seq.wrapping_add(n - 1);
        let next = seq.wrapping_add(v.seg.seg_len());
        let fin_at = seq.wrapping_add(n);
        let fin = v.has(Flags::FIN);
        match (lang, n, fin) {
            (Lang::En, 1, false) => alloc::format!("The one data byte is number {seq}; the sender's next new byte will be {next}."),
            (Lang::En, 1, true) => alloc::format!("The one data byte is number {seq}, and the FIN after it occupies {fin_at}; the sender's next number would be {next}."),
            (Lang::En, _, false) => alloc::format!("The {n} data bytes are numbered {seq} to {last}; the sender's next new byte will be {next}."),
            (Lang::En, _, true) => alloc::format!("The {n} data bytes are numbered {seq} to {last}, and the FIN after them occupies {fin_at}; the sender's next number would be {next}."),
            (Lang::Zh, 1, false) => alloc::format!("这 1 个数据字节的编号是 {seq}；发送方下一个新字节的编号是 {next}。"),
            (Lang::Zh, 1, true) => alloc::format!("这 1 个数据字节的编号是 {seq}，其后的 FIN 占用 {fin_at}；发送方之后的序列号是 {next}。"),
            (Lang::Zh, _, false) => alloc::format!("这 {n} 个数据字节的编号是 {seq} 到 {last}；发送方下一个新字节的编号是 {next}。"),
            (Lang::Zh, _, true) => alloc::format!("这 {n} 个数据字节的编号是 {seq} 到 {last}，其后的 FIN 占用 {fin_at}；发送方之后的序列号是 {next}。"),
        }
    } else if v.has(Flags::FIN) {
        let next = seq.wrapping_add(1);
        say!(
            lang,
            "No data; the FIN occupies number {seq}, so the sender's next number would be {next}.",
            "不携带数据；FIN 占用编号 {seq}，所以发送方之后的序列号是 {next}。"
        )
    } else {
        say!(
            lang,
            "No data, SYN or FIN, so this segment occupies no sequence number: {seq} is just the next number the sender will use.",
            "没有数据，也没有 SYN 或 FIN，所以本报文段不占用序列号：{seq} 只是发送方下一个要用的编号。"
        )
    };
    if let Some(r) = rel_seq(v) {
        s += &relative(lang, "seq", "ISS", r);
    }
    s
}

fn ack_display(v: &View) -> String {
    let ack = v.seg.ack;
    match (v.has(Flags::ACK), rel_ack(v)) {
        (false, _) => say!(v.lang(), "{ack} (ignored)", "{ack}（忽略）"),
        (true, Some(r)) => say!(v.lang(), "{ack} (relative {r})", "{ack}（相对值 {r}）"),
        (true, None) => alloc::format!("{ack}"),
    }
}

fn ack(v: &View) -> String {
    let lang = v.lang();
    let ack = v.seg.ack;
    if !v.has(Flags::ACK) {
        return if v.has(Flags::SYN) {
            String::from(lang.pick(
                "Ignored, because the ACK flag is not set: this SYN is the connection's first segment, so there is nothing to acknowledge yet.",
                "被忽略，因为 ACK 标志未置位：这个 SYN 是连接的第一个报文段，还没有可确认的内容。",
            ))
        } else {
            String::from(lang.pick(
                "Ignored, because the ACK flag is not set.",
                "被忽略，因为 ACK 标志未置位。",
            ))
        };
    }
    let mut s = if v.has(Flags::RST) {
        // RFC 9293 §3.10.7.3: in SYN-SENT a RST counts only with an acceptable ACK.
        say!(
            lang,
            "This reset acknowledges everything below {ack}, which ties it to the segment it answers: a peer in SYN-SENT accepts it only if {ack} is that peer's ISS + 1, that is if it acknowledges the peer's own SYN (RFC 9293 §3.10.7.3).",
            "这个 RST 确认了编号小于 {ack} 的全部内容，从而表明它回应的是哪个报文段：处于 SYN-SENT 状态的对端只有在 {ack} 等于自己的 ISS + 1（即确认了自己的 SYN）时才会接受它（RFC 9293 §3.10.7.3）。"
        )
    } else {
        say!(
            lang,
            "The sender has received every byte numbered below {ack} and expects byte {ack} next.",
            "发送方已收到编号小于 {ack} 的所有字节，期望下一个收到的是 {ack}。"
        )
    };
    if v.has(Flags::SYN) {
        let syn_at = ack.wrapping_sub(1);
        s += &say!(
            lang,
            " With SYN, it acknowledges the peer's SYN, which occupied {syn_at}.",
            "与 SYN 一起，它确认了对方占用编号 {syn_at} 的 SYN。"
        );
    }
    if let Some(r) = rel_ack(v) {
        s += &relative(lang, "ack", "IRS", r);
    }
    s
}

fn data_offset(d: u8, lang: Lang) -> String {
    let len = usize::from(d) * 4;
    let options = len.saturating_sub(20);
    if options == 0 {
        say!(
            lang,
            "{d} words × 4 = {len} bytes: just the fixed header, no options; the data starts at offset {len}.",
            "{d} 个字 × 4 = {len} 字节：只有固定首部，没有选项；数据从偏移 {len} 字节处开始。"
        )
    } else {
        say!(
            lang,
            "{d} words × 4 = {len} bytes of header: the fixed 20 bytes plus {options} bytes of options; the data starts at offset {len}.",
            "{d} 个字 × 4 = {len} 字节首部：固定的 20 字节加上 {options} 字节选项；数据从偏移 {len} 字节处开始。"
        )
    }
}

fn flag_means(flag: Flags, v: &View) -> String {
    let lang = v.lang();
    let set = v.has(flag);
    let syn = v.has(Flags::SYN);
    let ackf = v.has(Flags::ACK);
    let seq = v.seg.seq;
    let n = v.seg.payload.len() as u32;
    let text = |en: &'static str, zh: &'static str| String::from(lang.pick(en, zh));
    match (flag, set) {
        // RFC 3168 §6.1.1: an ECN-setup SYN has ECE and CWR; an ECN-setup SYN-ACK has ECE only.
        (Flags::CWR, true) if syn && !ackf && v.has(Flags::ECE) => text(
            "Set with ECE in a SYN: together they ask to use ECN on this connection (RFC 3168 §6.1.1).",
            "在 SYN 中与 ECE 一起置位：二者共同请求在本连接上使用 ECN（RFC 3168 §6.1.1）。",
        ),
        (Flags::CWR, true) => text(
            "Set: the sender has reduced its congestion window in answer to an ECN-Echo.",
            "已置位：发送方已根据 ECN 回显减小了拥塞窗口。",
        ),
        (Flags::CWR, false) if syn && !ackf => text(
            "Not set: this SYN does not ask for ECN (that takes both ECE and CWR).",
            "未置位：这个 SYN 没有请求 ECN（请求需要同时置位 ECE 和 CWR）。",
        ),
        (Flags::CWR, false) => text(
            "Not set: no congestion-window reduction to report.",
            "未置位：没有需要通报的拥塞窗口减小。",
        ),
        (Flags::ECE, true) if syn && !ackf => text(
            "Set in a SYN: with CWR, it asks to use ECN (RFC 3168 §6.1.1).",
            "在 SYN 中置位：与 CWR 一起请求使用 ECN（RFC 3168 §6.1.1）。",
        ),
        (Flags::ECE, true) if syn && v.has(Flags::CWR) => text(
            "Set with CWR in a SYN-ACK, which RFC 3168 §6.1.1 does not count as agreeing to ECN.",
            "在 SYN-ACK 中与 CWR 同时置位，按 RFC 3168 §6.1.1 不算同意使用 ECN。",
        ),
        (Flags::ECE, true) if syn => text(
            "Set in a SYN-ACK without CWR: the sender agrees to use ECN.",
            "在 SYN-ACK 中置位且不带 CWR：发送方同意使用 ECN。",
        ),
        (Flags::ECE, true) => text(
            "Set: a packet from the peer arrived marked Congestion Experienced, so the peer should slow down.",
            "已置位：从对端收到的某个数据包带有“拥塞已发生”（CE）标记，对端应当降低发送速率。",
        ),
        (Flags::ECE, false) if syn && !ackf => text(
            "Not set: this SYN does not ask for ECN.",
            "未置位：这个 SYN 没有请求使用 ECN。",
        ),
        (Flags::ECE, false) if syn => text(
            "Not set: the sender does not use ECN on this connection.",
            "未置位：发送方不在本连接上使用 ECN。",
        ),
        (Flags::ECE, false) => text(
            "Not set: no congestion to report.",
            "未置位：没有需要通报的拥塞。",
        ),
        (Flags::URG, true) => {
            let u = v.seg.urgent;
            let end = seq.wrapping_add(u32::from(u));
            say!(
                lang,
                "Set: the urgent pointer ({u}) is in force: urgent data ends just before sequence number {end}.",
                "已置位：紧急指针（{u}）有效，紧急数据在序列号 {end} 之前结束。"
            )
        }
        (Flags::URG, false) => text(
            "Not set: the Urgent Pointer field is ignored.",
            "未置位：紧急指针字段被忽略。",
        ),
        (Flags::ACK, true) => {
            let ack = v.seg.ack;
            say!(
                lang,
                "Set: the acknowledgment number ({ack}) is valid. The flag says whether that field counts; the number says how far the data has arrived.",
                "已置位：确认号（{ack}）有效。标志位说明该字段是否有效，确认号本身说明数据已经收到了哪里。"
            )
        }
        (Flags::ACK, false) if syn => text(
            "Not set: this SYN opens the connection and has nothing to acknowledge, so the acknowledgment number is ignored.",
            "未置位：这个 SYN 用来发起连接，还没有可确认的内容，所以确认号被忽略。",
        ),
        // RFC 9293 §3.10.7.1: the RST for a segment that had ACK is <SEQ=SEG.ACK><CTL=RST>.
        (Flags::ACK, false) if v.has(Flags::RST) => text(
            "Not set: a reset without ACK answers a segment that carried an ACK, and takes its sequence number from that acknowledgment (RFC 9293 §3.10.7.1).",
            "未置位：不带 ACK 的 RST 回应的是一个带 ACK 的报文段，它的序列号取自那个报文段的确认号（RFC 9293 §3.10.7.1）。",
        ),
        (Flags::ACK, false) => text(
            "Not set: the acknowledgment number is ignored.",
            "未置位：确认号被忽略。",
        ),
        (Flags::PSH, true) if n > 0 => say!(
            lang,
            "Set: the receiver should deliver these {n} bytes to the application now.",
            "已置位：接收方应立即把这 {n} 字节交给应用程序。"
        ),
        (Flags::PSH, true) => text(
            "Set, although there is no data to push.",
            "已置位，但本报文段并没有可推送的数据。",
        ),
        (Flags::PSH, false) if n > 0 => text(
            "Not set: the receiver may wait for more data before delivering it (Linux delivers at once anyway).",
            "未置位：接收方可以等更多数据到达后再交付（实际上 Linux 仍会立即交付）。",
        ),
        (Flags::PSH, false) => text(
            "Not set: there is no data in this segment.",
            "未置位：本报文段没有数据。",
        ),
        (Flags::RST, true) => text(
            "Set: the sender aborts the connection; if the sequence number is acceptable, the receiver drops the connection at once and tells its application \"connection reset\" (or \"connection refused\" while it is connecting).",
            "已置位：发送方中止连接；如果序列号可以接受，接收方会立即关闭连接，并告诉应用程序“连接被重置”（如果正在建立连接，则是“连接被拒绝”）。",
        ),
        (Flags::RST, false) => text(
            "Not set: this is not a reset.",
            "未置位：这不是复位报文段。",
        ),
        (Flags::SYN, true) if ackf => say!(
            lang,
            "Set with ACK: the second step of the three-way handshake, answering the peer's SYN; this SYN occupies sequence number {seq}.",
            "与 ACK 一起置位：三次握手的第二步，回应对方的 SYN；这个 SYN 占用序列号 {seq}。"
        ),
        (Flags::SYN, true) => say!(
            lang,
            "Set without ACK: the first step of the three-way handshake; the SYN occupies sequence number {seq}.",
            "置位且不带 ACK：三次握手的第一步；SYN 占用序列号 {seq}。"
        ),
        (Flags::SYN, false) => text(
            "Not set: this segment does not open a connection.",
            "未置位：本报文段不是用来建立连接的。",
        ),
        (Flags::FIN, true) => {
            let at = seq.wrapping_add(u32::from(syn)).wrapping_add(n);
            let acked = at.wrapping_add(1);
            say!(
                lang,
                "Set: the sender has no more data to send; the FIN occupies sequence number {at}, and the peer will acknowledge it with {acked}.",
                "已置位：发送方不再发送数据；FIN 占用序列号 {at}，对方会用确认号 {acked} 来确认它。"
            )
        }
        (Flags::FIN, false) => text(
            "Not set: the sender has not closed its direction of the connection.",
            "未置位：发送方还没有关闭自己这一方向的数据发送。",
        ),
        _ => String::new(),
    }
}

/// RFC 7323 §2.3: a shift above 14 is used as 14.
const MAX_SHIFT: u8 = 14;

fn window(v: &View) -> (u32, String, String) {
    let lang = v.lang();
    let w = v.seg.window;
    let raw = u32::from(w);
    let shift = v.ctx.window_shift.map(|s| s.min(MAX_SHIFT));
    let scaled = |s: u8| u64::from(w) << s;
    let display = match shift {
        Some(s) if s > 0 && !v.has(Flags::SYN) => {
            let m = 1u32 << s;
            let bytes = scaled(s);
            say!(lang, "{w} (× {m} = {bytes})", "{w}（× {m} = {bytes}）")
        }
        _ => alloc::format!("{w}"),
    };
    let means = if v.has(Flags::RST) {
        String::from(lang.pick(
            "A reset's window is not used.",
            "RST 报文段中的窗口不被使用。",
        ))
    } else if v.has(Flags::SYN) {
        let mut s = say!(
            lang,
            "In a SYN the window is never scaled (RFC 7323 §2.2): the sender can accept {w} bytes for now.",
            "SYN 中的窗口从不扩大（RFC 7323 §2.2）：发送方目前可以接收 {w} 字节。"
        );
        if let Some(ws) = v.seg.window_scale() {
            let ws = ws.min(MAX_SHIFT);
            s += &say!(
                lang,
                " Its Window Scale option asks that later windows be multiplied by 2^{ws}.",
                "它的窗口扩大选项要求之后的窗口乘以 2^{ws}。"
            );
        }
        s
    } else if w == 0 {
        // RFC 9293 §3.8.6.1: the sender must probe a zero window.
        String::from(lang.pick(
            "Zero window: the sender's receive buffer is full, so the peer must stop sending new data and probe until the window opens (RFC 9293 §3.8.6.1).",
            "零窗口：发送方的接收缓冲区已满，对方必须停止发送新数据，并不时探测，直到窗口重新打开（RFC 9293 §3.8.6.1）。",
        ))
    } else {
        match shift {
            Some(0) => say!(
                lang,
                "Not scaled (window scaling was not agreed): the sender can accept {w} more bytes, starting at the acknowledgment number.",
                "没有扩大（双方未协商窗口扩大）：发送方还能从确认号开始接收 {w} 字节。"
            ),
            Some(s) => {
                let bytes = scaled(s);
                say!(
                    lang,
                    "Raw {w}, scaled by the agreed shift {s}: {w} × 2^{s} = {bytes} bytes that the sender can accept, starting at the acknowledgment number.",
                    "原始值 {w}，按协商的移位数 {s} 扩大：{w} × 2^{s} = {bytes} 字节，即发送方从确认号开始还能接收的字节数。"
                )
            }
            None => say!(
                lang,
                "Raw {w}; multiplied by 2^scale if window scaling was agreed in the handshake (RFC 7323), it is how many bytes the sender can still accept, starting at the acknowledgment number.",
                "原始值 {w}；如果握手时协商了窗口扩大，则要乘以 2^scale（RFC 7323），结果就是发送方从确认号开始还能接收的字节数。"
            ),
        }
    };
    (raw, display, means)
}

fn checksum(v: &View) -> (u32, String, String) {
    let lang = v.lang();
    let c = v.parsed.checksum;
    let (display, means) = match v.check {
        Some((true, _)) => (
            say!(lang, "0x{c:04x} (verified)", "0x{c:04x}（已验证）"),
            String::from(lang.pick(
                "Verified over the pseudo-header, the header and the data: the segment arrived intact.",
                "已结合伪首部、首部和数据验证：报文段完好无损。",
            )),
        ),
        Some((false, e)) => (
            say!(
                lang,
                "0x{c:04x} (wrong; expected 0x{e:04x})",
                "0x{c:04x}（错误，应为 0x{e:04x}）"
            ),
            say!(
                lang,
                "Does not verify (the sender should have written 0x{e:04x}): a receiver silently drops this segment.",
                "校验失败（发送方应写入 0x{e:04x}）：接收方会静默丢弃这个报文段。"
            ),
        ),
        None => (
            alloc::format!("0x{c:04x}"),
            String::from(lang.pick(
                "Not checked here: checking needs the IP addresses of the pseudo-header.",
                "此处未验证：验证需要伪首部中的 IP 地址。",
            )),
        ),
    };
    (u32::from(c), display, means)
}

fn urgent(v: &View) -> String {
    let lang = v.lang();
    if !v.has(Flags::URG) {
        return String::from(lang.pick(
            "Ignored, because URG is not set.",
            "被忽略，因为 URG 未置位。",
        ));
    }
    let u = v.seg.urgent;
    let end = v.seg.seq.wrapping_add(u32::from(u));
    // RFC 9293 §3.8.5 and RFC 6093: urgent data survives only for old applications.
    say!(
        lang,
        "Urgent data ends just before sequence number {end} ({u} bytes past this segment's sequence number); RFC 6093 advises new applications not to use urgent data.",
        "紧急数据在序列号 {end} 之前结束（从本报文段的序列号往后 {u} 字节）；RFC 6093 建议新的应用程序不要使用紧急数据。"
    )
}

/// (display, means) for the bytes after EOL.
pub(super) fn padding(bytes: &[u8], v: &View) -> (String, String) {
    let lang = v.lang();
    let n = bytes.len();
    let header = usize::from(v.parsed.data_offset) * 4;
    if bytes.iter().all(|b| *b == 0) {
        (
            alloc::format!("{n} × 0x00"),
            say!(
                lang,
                "{n} zero bytes bring the header to {header} bytes, a multiple of 4.",
                "{n} 个零字节把首部补足到 {header} 字节，即 4 的整数倍。"
            ),
        )
    } else {
        (
            hex(bytes),
            say!(
                lang,
                "{n} bytes after EOL that should be zero; a receiver ignores them.",
                "EOL 之后的 {n} 个字节，本应为 0；接收方会忽略它们。"
            ),
        )
    }
}

/// Bytes as hex, at most 16, then "…".
fn hex(bytes: &[u8]) -> String {
    use core::fmt::Write;
    let mut s = String::with_capacity(3 * 16 + 4);
    for (i, b) in bytes.iter().take(16).enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(s, "{sep}{b:02x}");
    }
    if bytes.len() > 16 {
        s.push_str(" …");
    }
    s
}

/// The payload as quoted text when it is printable ASCII (at most 40 characters), else hex.
fn preview(bytes: &[u8]) -> String {
    let printable = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\r' | b'\n' | b'\t');
    if !bytes.iter().all(printable) {
        return hex(bytes);
    }
    let mut s = String::with_capacity(bytes.len().min(40) + 8);
    s.push('"');
    for b in bytes.iter().take(40) {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            _ => s.push(char::from(*b)),
        }
    }
    s.push('"');
    if bytes.len() > 40 {
        s.push('…');
    }
    s
}

/// (display, means) for the data after the header.
pub(super) fn payload(v: &View) -> (String, String) {
    let lang = v.lang();
    let data = &v.seg.payload;
    let n = data.len() as u32;
    let first = v.seg.seq.wrapping_add(u32::from(v.has(Flags::SYN)));
    let last = first.wrapping_add(n.wrapping_sub(1));
    let fin = v.has(Flags::FIN);
    // The acknowledgment that covers this data (and the FIN after it, if any).
    let acked = last.wrapping_add(1).wrapping_add(u32::from(fin));
    let mut s = match (lang, n, fin) {
        (Lang::En, 1, false) => alloc::format!("1 byte of application data, sequence number {first}; the receiver acknowledges it with {acked}."),
        (Lang::En, 1, true) => alloc::format!("1 byte of application data, sequence number {first}; the receiver acknowledges it and the FIN with {acked}."),
        (Lang::En, _, false) => alloc::format!("{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them with {acked}."),
        (Lang::En, _, true) => alloc::format!("{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them and the FIN with {acked}."),
        (Lang::Zh, 1, false) => alloc::format!("1 字节应用数据，序列号 {first}；接收方会用确认号 {acked} 来确认它。"),
        (Lang::Zh, 1, true) => alloc::format!("1 字节应用数据，序列号 {first}；接收方会用确认号 {acked} 同时确认它和 FIN。"),
        (Lang::Zh, _, false) => alloc::format!("{n} 字节应用数据，序列号 {first} 到 {last}；接收方会用确认号 {acked} 来确认它们。"),
        (Lang::Zh, _, true) => alloc::format!("{n} 字节应用数据，序列号 {first} 到 {last}；接收方会用确认号 {acked} 同时确认它们和 FIN。"),
    };
    if let Some(r) = v.ctx.relative {
        let (a, b) = (first.wrapping_sub(r.iss), last.wrapping_sub(r.iss));
        s += &if a == b {
            say!(lang, " Relative: {a}.", "相对值：{a}。")
        } else {
            say!(lang, " Relative: {a} to {b}.", "相对值：{a} 到 {b}。")
        };
    }
    (preview(data), s)
}
