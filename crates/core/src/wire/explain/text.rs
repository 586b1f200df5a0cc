//! The fixed texts of the inspector: each field's name, what it is in general, and the RFC
//! section that defines it. Nothing here depends on a segment's values (see `means.rs`).

use super::{FieldKey, Lang};

/// The field's short name, as a textbook's header diagram labels it.
pub fn field_name(key: FieldKey, lang: Lang) -> &'static str {
    use FieldKey::*;
    let (en, zh) = match key {
        SrcPort => ("Source Port", "源端口"),
        DstPort => ("Destination Port", "目的端口"),
        Seq => ("Sequence Number", "序列号"),
        Ack => ("Acknowledgment Number", "确认号"),
        DataOffset => ("Data Offset", "数据偏移"),
        Reserved => ("Reserved", "保留位"),
        FlagCwr => ("CWR (Congestion Window Reduced)", "CWR（拥塞窗口已减小）"),
        FlagEce => ("ECE (ECN-Echo)", "ECE（ECN 回显）"),
        FlagUrg => ("URG (Urgent)", "URG（紧急）"),
        FlagAck => ("ACK (Acknowledgment)", "ACK（确认）"),
        FlagPsh => ("PSH (Push)", "PSH（推送）"),
        FlagRst => ("RST (Reset)", "RST（复位）"),
        FlagSyn => ("SYN (Synchronize)", "SYN（同步）"),
        FlagFin => ("FIN (Finish)", "FIN（结束）"),
        Window => ("Window", "窗口"),
        Checksum => ("Checksum", "校验和"),
        Urgent => ("Urgent Pointer", "紧急指针"),
        Option { kind, .. } => option_name(kind),
        Padding => ("Padding", "填充"),
        Payload => ("Data", "数据"),
    };
    lang.pick(en, zh)
}

/// Names of option kinds (IANA "TCP Option Kind Numbers"). The inspector interprets kinds
/// 0-5 and 8; the others named here are common enough that a student may meet them.
fn option_name(kind: u8) -> (&'static str, &'static str) {
    match kind {
        0 => ("End of Option List (EOL)", "选项列表结束（EOL）"),
        1 => ("No-Operation (NOP)", "无操作（NOP）"),
        2 => ("Maximum Segment Size (MSS)", "最大报文段长度（MSS）"),
        3 => ("Window Scale (WS)", "窗口扩大因子（WS）"),
        4 => ("SACK Permitted", "允许 SACK"),
        5 => ("SACK (Selective Acknowledgment)", "SACK（选择确认）"),
        8 => ("Timestamps (TS)", "时间戳（TS）"),
        19 => ("TCP MD5 Signature", "TCP MD5 签名"),
        29 => ("TCP Authentication Option", "TCP 认证选项（TCP-AO）"),
        30 => ("Multipath TCP", "多路径 TCP（MPTCP）"),
        34 => ("TCP Fast Open Cookie", "TCP 快速打开 Cookie"),
        253 | 254 => ("Experimental option", "实验性选项"),
        _ => ("Unknown option", "未知选项"),
    }
}

/// One sentence on what the field is, true of every segment.
pub fn field_what(key: FieldKey, lang: Lang) -> &'static str {
    use FieldKey::*;
    let (en, zh) = match key {
        SrcPort => (
            "The port of the sending application; with the IP addresses and the destination port it identifies the connection.",
            "发送方应用程序的端口号；它与 IP 地址和目的端口一起标识一条连接。",
        ),
        DstPort => (
            "The port of the receiving application, for example the port a server listens on.",
            "接收方应用程序的端口号，例如服务器监听的端口。",
        ),
        Seq => (
            "The number of the first data byte in this segment; in a SYN, the initial sequence number (ISN).",
            "本报文段中第一个数据字节的编号；在 SYN 报文段中则是初始序列号（ISN）。",
        ),
        Ack => (
            "When the ACK flag is set, the next sequence number the sender expects to receive: every byte before it has arrived.",
            "ACK 标志置位时有效：发送方期望收到的下一个序列号，表示在它之前的字节都已收到。",
        ),
        DataOffset => (
            "The length of the TCP header in 32-bit words, which says where the data begins.",
            "以 32 位字（4 字节）为单位的 TCP 首部长度，指出数据从哪里开始。",
        ),
        Reserved => (
            "Bits reserved for future use: a sender must set them to zero and a receiver must ignore them.",
            "保留给将来使用的位：发送方必须置 0，接收方必须忽略。",
        ),
        FlagCwr => (
            "Set by a sender to say it has reduced its congestion window after an ECN-Echo (ECN, RFC 3168).",
            "发送方收到 ECN 回显并减小拥塞窗口后置位此标志（显式拥塞通知 ECN，RFC 3168）。",
        ),
        FlagEce => (
            "In a SYN, asks to use ECN; later, tells the peer that the network marked a packet as congested (RFC 3168).",
            "在 SYN 中表示请求使用 ECN；连接建立后表示网络曾把某个数据包标记为拥塞（RFC 3168）。",
        ),
        FlagUrg => (
            "Says that the Urgent Pointer field is significant.",
            "表示紧急指针字段有效。",
        ),
        FlagAck => (
            "Says that the Acknowledgment Number field is significant; every segment after the first SYN carries it.",
            "表示确认号字段有效；除了最初的 SYN，之后的每个报文段都会置位。",
        ),
        FlagPsh => (
            "Asks the receiver to hand the data to the application promptly rather than wait for more.",
            "请求接收方尽快把数据交给应用程序，而不是等待更多数据。",
        ),
        FlagRst => (
            "Aborts the connection at once, for example when a segment arrives for a connection that does not exist.",
            "立即中止连接，例如收到了发往一个不存在的连接的报文段。",
        ),
        FlagSyn => (
            "Opens a connection by synchronizing sequence numbers; the SYN itself occupies one sequence number.",
            "通过同步双方的序列号来建立连接；SYN 本身占用一个序列号。",
        ),
        FlagFin => (
            "Says the sender has no more data to send; the FIN itself occupies one sequence number.",
            "表示发送方已没有数据要发送；FIN 本身占用一个序列号。",
        ),
        Window => (
            "How many bytes, starting at the acknowledgment number, the sender of this segment is willing to receive.",
            "本报文段的发送方从确认号开始还愿意接收多少字节。",
        ),
        Checksum => (
            "A one's complement sum over a pseudo-header (IP addresses, protocol, length), the TCP header and the data, to detect corruption.",
            "对伪首部（IP 地址、协议号、长度）、TCP 首部和数据计算的反码和，用于发现传输中的损坏。",
        ),
        Urgent => (
            "When URG is set, an offset from this segment's sequence number to the byte just after the urgent data.",
            "URG 置位时有效：从本报文段序列号起算的偏移量，指向紧急数据之后的那个字节。",
        ),
        Option { kind, .. } => option_what(kind),
        Padding => (
            "Zero bytes after the options, so that the header ends on a 32-bit boundary.",
            "选项之后补充的零字节，使首部长度是 32 位的整数倍。",
        ),
        Payload => (
            "The application's bytes carried by this segment.",
            "本报文段携带的应用程序数据。",
        ),
    };
    lang.pick(en, zh)
}

fn option_what(kind: u8) -> (&'static str, &'static str) {
    match kind {
        0 => (
            "Marks the end of the options; the rest of the header is padding.",
            "标记选项到此结束；首部剩下的部分都是填充。",
        ),
        1 => (
            "A one-byte filler that lines the next option up on a convenient boundary.",
            "单字节填充，用来把下一个选项对齐到合适的边界。",
        ),
        2 => (
            "In a SYN, the largest amount of data the sender can receive in one segment.",
            "在 SYN 中通告：发送方在一个报文段中最多能接收多少字节数据。",
        ),
        3 => (
            "In a SYN, offers a shift count so that later 16-bit windows can describe more than 64 KiB.",
            "在 SYN 中提出一个移位数，使之后 16 位的窗口字段能表示超过 64 KiB 的窗口。",
        ),
        4 => (
            "In a SYN, says the sender can receive selective acknowledgments.",
            "在 SYN 中表示发送方能够接收选择确认（SACK）。",
        ),
        5 => (
            "Lists blocks of data received beyond the acknowledgment number, so that only the gaps are resent.",
            "列出在确认号之后已收到的数据块，使对方只需重传缺失的部分。",
        ),
        8 => (
            "The sender's timestamp clock and an echo of the peer's, used to measure round-trip time and to reject old duplicates (PAWS).",
            "发送方的时间戳时钟值和对端时间戳的回显，用于测量往返时间，并识别旧的重复报文段（PAWS）。",
        ),
        _ => (
            "An option this tool does not interpret; its length byte lets any receiver skip it.",
            "本工具不解析的选项；任何接收方都可以根据它的长度字节跳过它。",
        ),
    }
}

/// The RFC section that defines the field.
pub fn field_rfc(key: FieldKey) -> &'static str {
    use FieldKey::*;
    match key {
        FlagCwr | FlagEce => "RFC 3168 §6.1",
        Option { kind, .. } => match kind {
            0 | 1 => "RFC 9293 §3.2",
            2 => "RFC 9293 §3.7.1",
            3 => "RFC 7323 §2",
            4 => "RFC 2018 §2",
            5 => "RFC 2018 §3",
            8 => "RFC 7323 §3",
            19 => "RFC 2385",
            29 => "RFC 5925",
            30 => "RFC 8684",
            34 => "RFC 7413",
            253 | 254 => "RFC 6994",
            _ => "RFC 9293 §3.2",
        },
        _ => "RFC 9293 §3.1",
    }
}
