//! Every text of the header inspector, in English and Simplified Chinese, as one table keyed by
//! [`W`]. Templates hold `{name}` or `{name:spec}` placeholders (`{c:04x}`), filled at run time
//! by [`crate::pack::fill`] with the same formatting as `format!`. Chinese sentences joined to
//! an English one that starts with a space start without it: Chinese joins without spaces.
//!
//! Without the cargo feature `zh` the Chinese column is not compiled in: [`text`] takes it from
//! the installed language pack (section [`PACK_SECTION`]), or falls back to English.

use super::Lang;

/// The pack section of these texts.
pub const PACK_SECTION: &str = "core";

macro_rules! words {
    ($($k:ident: $en:literal, $zh:literal;)*) => {
        /// A text of the inspector. See the module documentation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum W { $($k),* }
        impl W {
            /// Every key, in table order.
            pub const ALL: &'static [W] = &[$(W::$k),*];
        }
        const EN: &[&str] = &[$($en),*];
        #[cfg(feature = "zh")]
        const ZH: &[&str] = &[$($zh),*];
    };
}

/// The text of `w` in `lang`; Chinese falls back to English when no pack provides it.
pub fn text(lang: Lang, w: W) -> &'static str {
    let en = EN.get(w as usize).copied().unwrap_or_default();
    match lang {
        Lang::En => en,
        Lang::Zh => zh(w).unwrap_or(en),
    }
}

#[cfg(feature = "zh")]
fn zh(w: W) -> Option<&'static str> {
    ZH.get(w as usize).copied()
}

#[cfg(not(feature = "zh"))]
fn zh(w: W) -> Option<&'static str> {
    crate::pack::lookup(PACK_SECTION, w as usize)
}

/// The Chinese texts in key order, for the language pack.
#[cfg(feature = "zh")]
pub fn zh_texts() -> &'static [&'static str] {
    ZH
}

#[rustfmt::skip]
words! {
    DataOffsetShown: "{d} ({len} bytes)",
        "{d}（{len} 字节）";
    AllZeroAsThey: "All zero, as they must be.",
        "全为 0，符合要求。";
    NotZeroSenderBroke: "Not zero ({bits:04b}): the sender broke the rule or uses an experimental extension (the last bit was the NS bit of RFC 3540, now Historic); a receiver ignores them.",
        "不为 0（{bits:04b}）：发送方违反了规定，或在使用实验性扩展（最低位曾是 RFC 3540 定义的 NS 位，该 RFC 现已被归为历史文档）；接收方会忽略这些位。";
    SentFromPortReplies: "Sent from port {p}; replies come back to this port.",
        "从端口 {p} 发出；对方的回复会发往这个端口。";
    LiesInLinuxDefault: " It lies in Linux's default range for ephemeral ports (32768–60999), so the operating system probably picked it for a client.",
        "它位于 Linux 默认的临时端口范围（32768–60999）内，很可能是操作系统为客户端自动选择的。";
    PortsBelow1024Are: " Ports below 1024 are well-known service ports, so the sender is probably a server.",
        "1024 以下是知名服务端口，发送方很可能是服务器。";
    AddressedPortAtReceiver: "Addressed to port {p} at the receiver.",
        "发往接收方的端口 {p}。";
    IfNoProgramListens: " If no program listens on that port, the receiver answers this SYN with a reset.",
        "如果该端口上没有程序在监听，接收方会用 RST 回应这个 SYN。";
    SeqShownRelative: "{seq} (relative {r})",
        "{seq}（相对值 {r}）";
    SynSetSenderInitial: "SYN is set, so {seq} is the sender's initial sequence number (ISS); the SYN itself occupies it, so the first data byte will be number {first}.",
        "SYN 已置位，所以 {seq} 是发送方的初始序列号（ISS）；SYN 本身占用这个编号，因此第一个数据字节的编号将是 {first}。";
    SynAlsoCarriesBytes: " This SYN also carries {n} bytes of data, numbered from {first}.",
        "这个 SYN 还携带了 {n} 字节数据，编号从 {first} 开始。";
    ZeroAsRfc9293: "Zero, as RFC 9293 §3.10.7.1 prescribes for a reset that answers a segment without ACK (most likely a SYN): the peer checks the acknowledgment number instead. A reset occupies no sequence number.",
        "为 0：按 RFC 9293 §3.10.7.1，回应不带 ACK 的报文段（这里多半是 SYN）的 RST，序列号就取 0，对端转而检查确认号。RST 不占用序列号。";
    ResetOccupiesNoSequence: "A reset occupies no sequence number; in an established connection the receiver acts on it only if {seq} is exactly the next number it expects, and answers one that is merely in its window with a challenge ACK (RFC 5961 §3).",
        "RST 不占用序列号；在已建立的连接中，只有当 {seq} 恰好等于接收方期望的下一个序列号时它才会生效，若只是落在窗口内，接收方会回复一个挑战 ACK（RFC 5961 §3）。";
    NoDataFinOccupies: "No data; the FIN occupies number {seq}, so the sender's next number would be {next}.",
        "不携带数据；FIN 占用编号 {seq}，所以发送方之后的序列号是 {next}。";
    NoDataSynOr: "No data, SYN or FIN, so this segment occupies no sequence number: {seq} is just the next number the sender will use.",
        "没有数据，也没有 SYN 或 FIN，所以本报文段不占用序列号：{seq} 只是发送方下一个要用的编号。";
    AckShownIgnored: "{ack} (ignored)",
        "{ack}（忽略）";
    AckShownRelative: "{ack} (relative {r})",
        "{ack}（相对值 {r}）";
    IgnoredBecauseAckFlag: "Ignored, because the ACK flag is not set: this SYN is the connection's first segment, so there is nothing to acknowledge yet.",
        "被忽略，因为 ACK 标志未置位：这个 SYN 是连接的第一个报文段，还没有可确认的内容。";
    IgnoredBecauseAckFlag2: "Ignored, because the ACK flag is not set.",
        "被忽略，因为 ACK 标志未置位。";
    ResetAcknowledgesEverythingBelow: "This reset acknowledges everything below {ack}, which ties it to the segment it answers: a peer in SYN-SENT accepts it only if {ack} is that peer's ISS + 1, that is if it acknowledges the peer's own SYN (RFC 9293 §3.10.7.3).",
        "这个 RST 确认了编号小于 {ack} 的全部内容，从而表明它回应的是哪个报文段：处于 SYN-SENT 状态的对端只有在 {ack} 等于自己的 ISS + 1（即确认了自己的 SYN）时才会接受它（RFC 9293 §3.10.7.3）。";
    SenderHasReceivedEvery: "The sender has received every byte numbered below {ack} and expects byte {ack} next.",
        "发送方已收到编号小于 {ack} 的所有字节，期望下一个收到的是 {ack}。";
    WithSynAcknowledgesPeer: " With SYN, it acknowledges the peer's SYN, which occupied {syn_at}.",
        "与 SYN 一起，它确认了对方占用编号 {syn_at} 的 SYN。";
    DataOffsetNoOptions: "{d} words × 4 = {len} bytes: just the fixed header, no options; the data starts at offset {len}.",
        "{d} 个字 × 4 = {len} 字节：只有固定首部，没有选项；数据从偏移 {len} 字节处开始。";
    DataOffsetOptions: "{d} words × 4 = {len} bytes of header: the fixed 20 bytes plus {options} bytes of options; the data starts at offset {len}.",
        "{d} 个字 × 4 = {len} 字节首部：固定的 20 字节加上 {options} 字节选项；数据从偏移 {len} 字节处开始。";
    SetWithEceIn: "Set with ECE in a SYN: together they ask to use ECN on this connection (RFC 3168 §6.1.1).",
        "在 SYN 中与 ECE 一起置位：二者共同请求在本连接上使用 ECN（RFC 3168 §6.1.1）。";
    SetSenderHasReduced: "Set: the sender has reduced its congestion window in answer to an ECN-Echo.",
        "已置位：发送方已根据 ECN 回显减小了拥塞窗口。";
    NotSetSynDoes: "Not set: this SYN does not ask for ECN (that takes both ECE and CWR).",
        "未置位：这个 SYN 没有请求 ECN（请求需要同时置位 ECE 和 CWR）。";
    NotSetNoCongestion: "Not set: no congestion-window reduction to report.",
        "未置位：没有需要通报的拥塞窗口减小。";
    SetInSynWith: "Set in a SYN: with CWR, it asks to use ECN (RFC 3168 §6.1.1).",
        "在 SYN 中置位：与 CWR 一起请求使用 ECN（RFC 3168 §6.1.1）。";
    SetWithCwrIn: "Set with CWR in a SYN-ACK, which RFC 3168 §6.1.1 does not count as agreeing to ECN.",
        "在 SYN-ACK 中与 CWR 同时置位，按 RFC 3168 §6.1.1 不算同意使用 ECN。";
    SetInSynAck: "Set in a SYN-ACK without CWR: the sender agrees to use ECN.",
        "在 SYN-ACK 中置位且不带 CWR：发送方同意使用 ECN。";
    SetPacketFromPeer: "Set: a packet from the peer arrived marked Congestion Experienced, so the peer should slow down.",
        "已置位：从对端收到的某个数据包带有“拥塞已发生”（CE）标记，对端应当降低发送速率。";
    NotSetSynDoes2: "Not set: this SYN does not ask for ECN.",
        "未置位：这个 SYN 没有请求使用 ECN。";
    NotSetSenderDoes: "Not set: the sender does not use ECN on this connection.",
        "未置位：发送方不在本连接上使用 ECN。";
    NotSetNoCongestion2: "Not set: no congestion to report.",
        "未置位：没有需要通报的拥塞。";
    SetUrgentPointerIn: "Set: the urgent pointer ({u}) is in force: urgent data ends just before sequence number {end}.",
        "已置位：紧急指针（{u}）有效，紧急数据在序列号 {end} 之前结束。";
    NotSetUrgentPointer: "Not set: the Urgent Pointer field is ignored.",
        "未置位：紧急指针字段被忽略。";
    SetAcknowledgmentNumberValid: "Set: the acknowledgment number ({ack}) is valid. The flag says whether that field counts; the number says how far the data has arrived.",
        "已置位：确认号（{ack}）有效。标志位说明该字段是否有效，确认号本身说明数据已经收到了哪里。";
    NotSetSynOpens: "Not set: this SYN opens the connection and has nothing to acknowledge, so the acknowledgment number is ignored.",
        "未置位：这个 SYN 用来发起连接，还没有可确认的内容，所以确认号被忽略。";
    NotSetResetWithout: "Not set: a reset without ACK answers a segment that carried an ACK, and takes its sequence number from that acknowledgment (RFC 9293 §3.10.7.1).",
        "未置位：不带 ACK 的 RST 回应的是一个带 ACK 的报文段，它的序列号取自那个报文段的确认号（RFC 9293 §3.10.7.1）。";
    NotSetAcknowledgmentNumber: "Not set: the acknowledgment number is ignored.",
        "未置位：确认号被忽略。";
    SetReceiverShouldDeliver: "Set: the receiver should deliver these {n} bytes to the application now.",
        "已置位：接收方应立即把这 {n} 字节交给应用程序。";
    SetAlthoughThereNo: "Set, although there is no data to push.",
        "已置位，但本报文段并没有可推送的数据。";
    NotSetReceiverMay: "Not set: the receiver may wait for more data before delivering it (Linux delivers at once anyway).",
        "未置位：接收方可以等更多数据到达后再交付（实际上 Linux 仍会立即交付）。";
    NotSetThereNo: "Not set: there is no data in this segment.",
        "未置位：本报文段没有数据。";
    SetSenderAbortsConnection: "Set: the sender aborts the connection; if the sequence number is acceptable, the receiver drops the connection at once and tells its application \"connection reset\" (or \"connection refused\" while it is connecting).",
        "已置位：发送方中止连接；如果序列号可以接受，接收方会立即关闭连接，并告诉应用程序“连接被重置”（如果正在建立连接，则是“连接被拒绝”）。";
    NotSetNotReset: "Not set: this is not a reset.",
        "未置位：这不是复位报文段。";
    SetWithAckSecond: "Set with ACK: the second step of the three-way handshake, answering the peer's SYN; this SYN occupies sequence number {seq}.",
        "与 ACK 一起置位：三次握手的第二步，回应对方的 SYN；这个 SYN 占用序列号 {seq}。";
    SetWithoutAckFirst: "Set without ACK: the first step of the three-way handshake; the SYN occupies sequence number {seq}.",
        "置位且不带 ACK：三次握手的第一步；SYN 占用序列号 {seq}。";
    NotSetSegmentDoes: "Not set: this segment does not open a connection.",
        "未置位：本报文段不是用来建立连接的。";
    SetSenderHasNo: "Set: the sender has no more data to send; the FIN occupies sequence number {at}, and the peer will acknowledge it with {acked}.",
        "已置位：发送方不再发送数据；FIN 占用序列号 {at}，对方会用确认号 {acked} 来确认它。";
    NotSetSenderHas: "Not set: the sender has not closed its direction of the connection.",
        "未置位：发送方还没有关闭自己这一方向的数据发送。";
    ResetWindowNotUsed: "A reset's window is not used.",
        "RST 报文段中的窗口不被使用。";
    InSynWindowNever: "In a SYN the window is never scaled (RFC 7323 §2.2): the sender can accept {w} bytes for now.",
        "SYN 中的窗口从不扩大（RFC 7323 §2.2）：发送方目前可以接收 {w} 字节。";
    ItsWindowScaleOption: " Its Window Scale option asks that later windows be multiplied by 2^{ws}.",
        "它的窗口扩大选项要求之后的窗口乘以 2^{ws}。";
    ZeroWindowSenderReceive: "Zero window: the sender's receive buffer is full, so the peer must stop sending new data and probe until the window opens (RFC 9293 §3.8.6.1).",
        "零窗口：发送方的接收缓冲区已满，对方必须停止发送新数据，并不时探测，直到窗口重新打开（RFC 9293 §3.8.6.1）。";
    NotScaledWindowScaling: "Not scaled (window scaling was not agreed): the sender can accept {w} more bytes, starting at the acknowledgment number.",
        "没有扩大（双方未协商窗口扩大）：发送方还能从确认号开始接收 {w} 字节。";
    RawScaledByAgreed: "Raw {w}, scaled by the agreed shift {s}: {w} × 2^{s} = {bytes} bytes that the sender can accept, starting at the acknowledgment number.",
        "原始值 {w}，按协商的移位数 {s} 扩大：{w} × 2^{s} = {bytes} 字节，即发送方从确认号开始还能接收的字节数。";
    RawMultipliedByScale: "Raw {w}; multiplied by 2^scale if window scaling was agreed in the handshake (RFC 7323), it is how many bytes the sender can still accept, starting at the acknowledgment number.",
        "原始值 {w}；如果握手时协商了窗口扩大，则要乘以 2^scale（RFC 7323），结果就是发送方从确认号开始还能接收的字节数。";
    ChecksumShownVerified: "0x{c:04x} (verified)",
        "0x{c:04x}（已验证）";
    VerifiedOverPseudoHeader: "Verified over the pseudo-header, the header and the data: the segment arrived intact.",
        "已结合伪首部、首部和数据验证：报文段完好无损。";
    ChecksumShownWrong: "0x{c:04x} (wrong; expected 0x{e:04x})",
        "0x{c:04x}（错误，应为 0x{e:04x}）";
    DoesNotVerifySender: "Does not verify (the sender should have written 0x{e:04x}): a receiver silently drops this segment.",
        "校验失败（发送方应写入 0x{e:04x}）：接收方会静默丢弃这个报文段。";
    NotCheckedHereChecking: "Not checked here: checking needs the IP addresses of the pseudo-header.",
        "此处未验证：验证需要伪首部中的 IP 地址。";
    IgnoredBecauseUrgNot: "Ignored, because URG is not set.",
        "被忽略，因为 URG 未置位。";
    UrgentDataEndsJust: "Urgent data ends just before sequence number {end} ({u} bytes past this segment's sequence number); RFC 6093 advises new applications not to use urgent data.",
        "紧急数据在序列号 {end} 之前结束（从本报文段的序列号往后 {u} 字节）；RFC 6093 建议新的应用程序不要使用紧急数据。";
    ZeroBytesBringHeader: "{n} zero bytes bring the header to {header} bytes, a multiple of 4.",
        "{n} 个零字节把首部补足到 {header} 字节，即 4 的整数倍。";
    BytesAfterEolThat: "{n} bytes after EOL that should be zero; a receiver ignores them.",
        "EOL 之后的 {n} 个字节，本应为 0；接收方会忽略它们。";
    PayloadRelativeOne: " Relative: {a}.",
        "相对值：{a}。";
    PayloadRelativeRange: " Relative: {a} to {b}.",
        "相对值：{a} 到 {b}。";
    EndOptionListNo: "End of Option List: no option follows; the rest of the header is padding.",
        "选项列表结束：其后不再有选项，首部剩下的部分都是填充。";
    NoOperationOneByte: "No-Operation: a one-byte filler that aligns the next option.",
        "无操作：单字节的填充，用于对齐下一个选项。";
    MaximumSegmentSizeSender: "Maximum Segment Size {v}: the sender can receive segments carrying up to {v} bytes of data.",
        "最大报文段长度 {v}：发送方能接收的每个报文段最多携带 {v} 字节数据。";
    Mss1460Ethernet: " 1460 is Ethernet's 1500-byte MTU minus 20 bytes of IPv4 header and 20 of TCP header.",
        "1460 即以太网的 MTU 1500 字节减去 20 字节 IPv4 首部和 20 字节 TCP 首部。";
    WindowScaleIfBoth: "Window Scale {s}: if both SYNs carry this option, this sender's later windows are multiplied by 2^{e} = {m}.",
        "窗口扩大因子 {s}：如果双方的 SYN 都带有此选项，该发送方之后通告的窗口都要乘以 2^{e} = {m}。";
    ShiftAbove14Treated: " A shift above 14 is treated as 14 (RFC 7323 §2.3).",
        "大于 14 的移位数按 14 处理（RFC 7323 §2.3）。";
    SackPermittedSenderCan: "SACK Permitted: the sender can receive selective acknowledgments (SACK blocks) on this connection.",
        "允许 SACK：发送方能够处理本连接上的选择确认（SACK 块）。";
    SelectiveAcknowledgmentBesidesEvery: "Selective acknowledgment: besides every byte below the acknowledgment number, the sender also holds bytes {list}.",
        "选择确认：除了确认号之前的全部字节，发送方还收到了字节 {list}。";
    TimestampsTsvalSenderTimestamp: "Timestamps: TSval {tsval} is the sender's timestamp clock now; TSecr {tsecr} echoes the latest TSval received from the peer, which lets the peer measure the round-trip time.",
        "时间戳：TSval {tsval} 是发送方当前的时间戳时钟值；TSecr {tsecr} 回显最近从对端收到的 TSval，对端据此测量往返时间。";
    OptionKindWithBytes: "Option kind {kind} ({name}) with {n} bytes of data, which this tool does not interpret; a receiver that does not know it skips it by its length.",
        "类型为 {kind} 的选项（{name}），带 {n} 字节数据，本工具不解析；不认识它的接收方会根据长度字节跳过它。";
    OnlyAllowedInSyn: " It is only allowed in a SYN, so a receiver ignores it here.",
        "它只能出现在 SYN 中，因此接收方在这里会忽略它。";
    InSynAckAlso: " In a SYN-ACK it also means the peer's SYN offered scaling, so windows are now scaled in both directions.",
        "它出现在 SYN-ACK 中，说明对方的 SYN 也提出了窗口扩大，因此两个方向的窗口都会扩大。";
    TimestampsTsvalSenderTimestamp2: "Timestamps: TSval {tsval} is the sender's timestamp clock now. TSecr ({tsecr}) is not valid, because the ACK flag is not set: there is nothing from the peer to echo yet (RFC 7323 §3.2).",
        "时间戳：TSval {tsval} 是发送方当前的时间戳时钟值。TSecr（{tsecr}）无效，因为 ACK 未置位：还没有来自对端的时间戳可以回显（RFC 7323 §3.2）。";
    SackRelative: " Relative: {list}.",
        "相对值：{list}。";
    HereHelpsAlignOption: " Here it helps align the {name} option that follows.",
        "这里它用于对齐后面的{name}选项。";
    HereFillsHeaderUp: " Here it fills the header up to a 4-byte boundary.",
        "这里它把首部填充到 4 字节边界。";
    NameSourcePort: "Source Port",
        "源端口";
    NameDestinationPort: "Destination Port",
        "目的端口";
    NameSequenceNumber: "Sequence Number",
        "序列号";
    NameAcknowledgmentNumber: "Acknowledgment Number",
        "确认号";
    NameDataOffset: "Data Offset",
        "数据偏移";
    NameReserved: "Reserved",
        "保留位";
    NameCwrCongestionWindowReduced: "CWR (Congestion Window Reduced)",
        "CWR（拥塞窗口已减小）";
    NameEceEcnEcho: "ECE (ECN-Echo)",
        "ECE（ECN 回显）";
    NameUrgUrgent: "URG (Urgent)",
        "URG（紧急）";
    NameAckAcknowledgment: "ACK (Acknowledgment)",
        "ACK（确认）";
    NamePshPush: "PSH (Push)",
        "PSH（推送）";
    NameRstReset: "RST (Reset)",
        "RST（复位）";
    NameSynSynchronize: "SYN (Synchronize)",
        "SYN（同步）";
    NameFinFinish: "FIN (Finish)",
        "FIN（结束）";
    NameWindow: "Window",
        "窗口";
    NameChecksum: "Checksum",
        "校验和";
    NameUrgentPointer: "Urgent Pointer",
        "紧急指针";
    NamePadding: "Padding",
        "填充";
    NameData: "Data",
        "数据";
    NameEndOptionListEol: "End of Option List (EOL)",
        "选项列表结束（EOL）";
    NameNoOperationNop: "No-Operation (NOP)",
        "无操作（NOP）";
    NameMaximumSegmentSizeMss: "Maximum Segment Size (MSS)",
        "最大报文段长度（MSS）";
    NameWindowScaleWs: "Window Scale (WS)",
        "窗口扩大因子（WS）";
    NameSackPermitted: "SACK Permitted",
        "允许 SACK";
    NameSackSelectiveAcknowledgment: "SACK (Selective Acknowledgment)",
        "SACK（选择确认）";
    NameTimestampsTs: "Timestamps (TS)",
        "时间戳（TS）";
    NameTcpMd5Signature: "TCP MD5 Signature",
        "TCP MD5 签名";
    NameTcpAuthenticationOption: "TCP Authentication Option",
        "TCP 认证选项（TCP-AO）";
    NameMultipathTcp: "Multipath TCP",
        "多路径 TCP（MPTCP）";
    NameTcpFastOpenCookie: "TCP Fast Open Cookie",
        "TCP 快速打开 Cookie";
    NameExperimentalOption: "Experimental option",
        "实验性选项";
    NameUnknownOption: "Unknown option",
        "未知选项";
    WhatPortSendingApplicationWith: "The port of the sending application; with the IP addresses and the destination port it identifies the connection.",
        "发送方应用程序的端口号；它与 IP 地址和目的端口一起标识一条连接。";
    WhatPortReceivingApplicationFor: "The port of the receiving application, for example the port a server listens on.",
        "接收方应用程序的端口号，例如服务器监听的端口。";
    WhatNumberFirstDataByte: "The number of the first data byte in this segment; in a SYN, the initial sequence number (ISN).",
        "本报文段中第一个数据字节的编号；在 SYN 报文段中则是初始序列号（ISN）。";
    WhatWhenAckFlagSet: "When the ACK flag is set, the next sequence number the sender expects to receive: every byte before it has arrived.",
        "ACK 标志置位时有效：发送方期望收到的下一个序列号，表示在它之前的字节都已收到。";
    WhatLengthTcpHeaderIn: "The length of the TCP header in 32-bit words, which says where the data begins.",
        "以 32 位字（4 字节）为单位的 TCP 首部长度，指出数据从哪里开始。";
    WhatBitsReservedForFuture: "Bits reserved for future use: a sender must set them to zero and a receiver must ignore them.",
        "保留给将来使用的位：发送方必须置 0，接收方必须忽略。";
    WhatSetBySenderSay: "Set by a sender to say it has reduced its congestion window after an ECN-Echo (ECN, RFC 3168).",
        "发送方收到 ECN 回显并减小拥塞窗口后置位此标志（显式拥塞通知 ECN，RFC 3168）。";
    WhatInSynAsksUse: "In a SYN, asks to use ECN; later, tells the peer that the network marked a packet as congested (RFC 3168).",
        "在 SYN 中表示请求使用 ECN；连接建立后表示网络曾把某个数据包标记为拥塞（RFC 3168）。";
    WhatSaysThatUrgentPointer: "Says that the Urgent Pointer field is significant.",
        "表示紧急指针字段有效。";
    WhatSaysThatAcknowledgmentNumber: "Says that the Acknowledgment Number field is significant; every segment after the first SYN carries it.",
        "表示确认号字段有效；除了最初的 SYN，之后的每个报文段都会置位。";
    WhatAsksReceiverHandData: "Asks the receiver to hand the data to the application promptly rather than wait for more.",
        "请求接收方尽快把数据交给应用程序，而不是等待更多数据。";
    WhatAbortsConnectionAtOnce: "Aborts the connection at once, for example when a segment arrives for a connection that does not exist.",
        "立即中止连接，例如收到了发往一个不存在的连接的报文段。";
    WhatOpensConnectionBySynchronizing: "Opens a connection by synchronizing sequence numbers; the SYN itself occupies one sequence number.",
        "通过同步双方的序列号来建立连接；SYN 本身占用一个序列号。";
    WhatSaysSenderHasNo: "Says the sender has no more data to send; the FIN itself occupies one sequence number.",
        "表示发送方已没有数据要发送；FIN 本身占用一个序列号。";
    WhatHowManyBytesStarting: "How many bytes, starting at the acknowledgment number, the sender of this segment is willing to receive.",
        "本报文段的发送方从确认号开始还愿意接收多少字节。";
    WhatOneComplementSumOver: "A one's complement sum over a pseudo-header (IP addresses, protocol, length), the TCP header and the data, to detect corruption.",
        "对伪首部（IP 地址、协议号、长度）、TCP 首部和数据计算的反码和，用于发现传输中的损坏。";
    WhatWhenUrgSetOffset: "When URG is set, an offset from this segment's sequence number to the byte just after the urgent data.",
        "URG 置位时有效：从本报文段序列号起算的偏移量，指向紧急数据之后的那个字节。";
    WhatZeroBytesAfterOptions: "Zero bytes after the options, so that the header ends on a 32-bit boundary.",
        "选项之后补充的零字节，使首部长度是 32 位的整数倍。";
    WhatApplicationBytesCarriedBy: "The application's bytes carried by this segment.",
        "本报文段携带的应用程序数据。";
    WhatMarksEndOptionsRest: "Marks the end of the options; the rest of the header is padding.",
        "标记选项到此结束；首部剩下的部分都是填充。";
    WhatOneByteFillerThat: "A one-byte filler that lines the next option up on a convenient boundary.",
        "单字节填充，用来把下一个选项对齐到合适的边界。";
    WhatInSynLargestAmount: "In a SYN, the largest amount of data the sender can receive in one segment.",
        "在 SYN 中通告：发送方在一个报文段中最多能接收多少字节数据。";
    WhatInSynOffersShift: "In a SYN, offers a shift count so that later 16-bit windows can describe more than 64 KiB.",
        "在 SYN 中提出一个移位数，使之后 16 位的窗口字段能表示超过 64 KiB 的窗口。";
    WhatInSynSaysSender: "In a SYN, says the sender can receive selective acknowledgments.",
        "在 SYN 中表示发送方能够接收选择确认（SACK）。";
    WhatListsBlocksDataReceived: "Lists blocks of data received beyond the acknowledgment number, so that only the gaps are resent.",
        "列出在确认号之后已收到的数据块，使对方只需重传缺失的部分。";
    WhatSenderTimestampClockAnd: "The sender's timestamp clock and an echo of the peer's, used to measure round-trip time and to reject old duplicates (PAWS).",
        "发送方的时间戳时钟值和对端时间戳的回显，用于测量往返时间，并识别旧的重复报文段（PAWS）。";
    WhatOptionToolDoesNot: "An option this tool does not interpret; its length byte lets any receiver skip it.",
        "本工具不解析的选项；任何接收方都可以根据它的长度字节跳过它。";
    FlagShownSet: "1 (set)",
        "1（置位）";
    FlagShownNotSet: "0 (not set)",
        "0（未置位）";
    RelativeZero: " Relative: {what} 0 (the {base} itself).",
        "相对值：0（即 {base} 本身）。";
    RelativeN: " Relative: {what} {r} ({base} + {r}).",
        "相对值：{r}（{base} + {r}）。";
    SeqOneByte: "The one data byte is number {seq}; the sender's next new byte will be {next}.",
        "这 1 个数据字节的编号是 {seq}；发送方下一个新字节的编号是 {next}。";
    SeqOneByteFin: "The one data byte is number {seq}, and the FIN after it occupies {fin_at}; the sender's next number would be {next}.",
        "这 1 个数据字节的编号是 {seq}，其后的 FIN 占用 {fin_at}；发送方之后的序列号是 {next}。";
    SeqBytes: "The {n} data bytes are numbered {seq} to {last}; the sender's next new byte will be {next}.",
        "这 {n} 个数据字节的编号是 {seq} 到 {last}；发送方下一个新字节的编号是 {next}。";
    SeqBytesFin: "The {n} data bytes are numbered {seq} to {last}, and the FIN after them occupies {fin_at}; the sender's next number would be {next}.",
        "这 {n} 个数据字节的编号是 {seq} 到 {last}，其后的 FIN 占用 {fin_at}；发送方之后的序列号是 {next}。";
    PayloadOneByte: "1 byte of application data, sequence number {first}; the receiver acknowledges it with {acked}.",
        "1 字节应用数据，序列号 {first}；接收方会用确认号 {acked} 来确认它。";
    PayloadOneByteFin: "1 byte of application data, sequence number {first}; the receiver acknowledges it and the FIN with {acked}.",
        "1 字节应用数据，序列号 {first}；接收方会用确认号 {acked} 同时确认它和 FIN。";
    PayloadBytes: "{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them with {acked}.",
        "{n} 字节应用数据，序列号 {first} 到 {last}；接收方会用确认号 {acked} 来确认它们。";
    PayloadBytesFin: "{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them and the FIN with {acked}.",
        "{n} 字节应用数据，序列号 {first} 到 {last}；接收方会用确认号 {acked} 同时确认它们和 FIN。";
    SackSeparator: ", ",
        "、";
    WindowShownScaled: "{w} (× {m} = {bytes})",
        "{w}（× {m} = {bytes}）";
}

#[cfg(all(test, feature = "zh"))]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn holes(s: &str) -> Vec<&str> {
        let mut h: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}'))
            .map(|(n, _)| n)
            .collect();
        h.sort_unstable();
        h
    }

    /// Both columns are complete, and every placeholder of a Chinese text, format spec
    /// included, is one of the English text's (Chinese may leave one out: `RelativeZero`).
    #[test]
    fn both_columns_are_complete_and_placeholders_match() {
        assert_eq!((EN.len(), ZH.len()), (W::ALL.len(), W::ALL.len()));
        for (i, &w) in W::ALL.iter().enumerate() {
            assert_eq!(w as usize, i);
            let (en, zh) = (text(Lang::En, w), text(Lang::Zh, w));
            assert!(!en.is_empty() && !zh.is_empty(), "{w:?}");
            let en_holes = holes(en);
            assert!(holes(zh).iter().all(|h| en_holes.contains(h)), "{w:?}");
        }
    }

    /// `pack::fill` knows `{name}` and `{name:0Nx}` / `{name:0Nb}` only, and no `{{` escapes:
    /// a template using anything else would print differently from `format!`.
    #[test]
    fn every_placeholder_is_one_fill_formats() {
        let known = |spec: &str| {
            spec.is_empty()
                || spec.strip_prefix('0').is_some_and(|d| {
                    d.len() >= 2
                        && (d.ends_with('x') || d.ends_with('b'))
                        && d[..d.len() - 1].bytes().all(|b| b.is_ascii_digit())
                })
        };
        for &w in W::ALL {
            for t in [text(Lang::En, w), text(Lang::Zh, w)] {
                assert!(!t.contains("{{") && !t.contains("}}"), "{w:?}: {t}");
                for h in holes(t) {
                    let (name, spec) = h.split_once(':').unwrap_or((h, ""));
                    assert!(!name.is_empty() && known(spec), "{w:?}: {{{h}}}");
                }
            }
        }
    }
}
