//! The words of the window chart and the time-sequence graph (section `views` of a
//! language's file): names of the lines, phases, limits, loss markers and bars, and the
//! tooltips' templates. Only the second module (web/extras) and the CLI write them, so the
//! app's first load carries none.

use synack_text::texts;

texts! {
    /// A text of the data-phase views (section `views`). Phase names follow RFC 5681's
    /// terms; a language's textbook terms go in its file.
    pub enum V in "views" {
        ChartTitle => "Window chart of {side}'s sending: cwnd, ssthresh, bytes in flight and the peer's window",
        ChartDesc => "Bytes against time over {dur} of the data phase. Step lines: the congestion window (cwnd), the slow-start threshold (ssthresh), bytes in flight and the peer's advertised window (rwnd); markers where the sender found a loss or probed; shaded spans name the congestion-control phase and what limits the sender. Hover or focus a point, a marker or a phase for its values and what happened then.",
        TsgTitle => "Time-sequence graph of {side}'s data",
        TsgDesc => "Relative sequence number against time over {dur} (the Stevens / tcptrace graph). Each segment {side} sent is a vertical bar from its first to its last sequence number; the ACK line below it and the edge of the peer's window above it step along; SACK blocks stand where the ACK carrying them arrived. Retransmissions, probes and lost segments differ by shape as well as colour. Click a bar to select its segment.",
        Cwnd => "cwnd",
        Ssthresh => "ssthresh",
        InFlight => "bytes in flight",
        Rwnd => "rwnd (peer's window)",
        Unset => "unset",
        SlowStart => "slow start",
        CongestionAvoidance => "congestion avoidance",
        FastRecovery => "fast recovery",
        LossRecovery => "loss recovery after RTO",
        CwndReduction => "cwnd reduction",
        CwndLimited => "cwnd-limited",
        WindowLimited => "window-limited",
        AppLimited => "application-limited",
        NagleHolds => "Nagle waits",
        ZeroWindow => "zero window",
        MarkDupAck => "fast retransmit after 3 duplicate ACKs",
        MarkSack => "fast retransmit (SACK)",
        MarkRack => "RACK found a loss",
        MarkTlp => "tail loss probe",
        MarkRto => "retransmission timeout",
        MarkProbe => "zero-window probe",
        BarData => "data",
        BarRetx => "retransmission",
        BarTlp => "tail loss probe",
        BarProbe => "window probe",
        Lost => "lost",
        AckLine => "ACK (SND.UNA)",
        WindowLine => "window edge (ACK + rwnd)",
        Sack => "SACK block",
        DSack => "D-SACK block",
        Time => "time",
        Bytes => "bytes",
        SeqAxis => "relative sequence number",
        SampleTip => "{t}: cwnd {cwnd}, ssthresh {ssthresh}, in flight {flight}, rwnd {rwnd}; {phase}",
        Values => "cwnd {cwnd}, ssthresh {ssthresh}, in flight {flight}, rwnd {rwnd}",
        MarkTip => "{t}: {what}, {n} segment(s) (#{ids})",
        BarTip => "#{id} {what}: seq {seq0}–{seq1}, sent at {t}",
        SackTip => "{t}: {what} {seq0}–{seq1}",
        NoData => "{side} sent no data in this trace.",
    }
}
