//! Every string the UI shows, as one table keyed by [`T`], declared with
//! [`synack_text::texts!`] like every other text of synack: English here, every other language
//! in its file `lang/<code>.txt`, fetched when a reader picks it ([`crate::langpack`]).
//! Narration sentences come from `synack-diagram`; state names stay as RFC 9293 spells them
//! (`FIN-WAIT-1`) in every language, as textbooks print them.

use synack_text::texts;

/// The UI language: the one `Lang` of every crate (the diagram and the inspector take the
/// same value), with the interface's words added by [`Words`].
pub use synack_text::Lang;

/// The interface's side of a [`Lang`].
pub trait Words: Sized {
    /// One UI string.
    fn t(self, key: T) -> &'static str;
    /// A UI string with its `{name}` placeholders filled from `args`.
    fn f(self, key: T, args: &[(&str, &str)]) -> String {
        synack_text::pack::fill_str(self.t(key), args)
    }
}

impl Words for Lang {
    fn t(self, key: T) -> &'static str {
        self.text(key)
    }
}

/// Parses `?lang=`: `en`, or a listed language's code, in any case and with any region or
/// script (`zh-CN`, `zh-Hans`). Anything else is `None`.
pub fn parse_code(s: &str) -> Option<&'static str> {
    let s = s.trim().to_ascii_lowercase();
    let base = s.split(['-', '_']).next().unwrap_or("");
    core::iter::once("en")
        .chain(synack_text::LANGUAGES.iter().map(|(code, _)| *code))
        .find(|code| *code == base)
}

texts! {
    /// A UI string key (section `web` of a language's file). Templates hold named
    /// placeholders (`{n}`), filled by [`Words::f`].
    pub enum T in "web" {
        // Page
        AppTitle => "synack",
        Tagline => "One TCP connection's life, simulated by a real TCP state machine on both ends and drawn from what it did.",
        SkipToLadder => "Skip to the diagram",
        LanguageLabel => "Language",
        // Transport controls
        Play => "Play",
        Pause => "Pause",
        StepBack => "Previous event",
        StepForward => "Next event",
        ToStart => "Go to the start",
        ToEnd => "Go to the end",
        Speed => "Speed",
        Playhead => "Time",
        PlayheadValue => "t = {t}",
        EventCounter => "event {n} of {total}",
        Help => "Keyboard help",
        // Scenario controls
        Scenario => "Scenario",
        SettingsTitle => "Stack and network",
        Profile => "Profile",
        ProfileLinux => "Linux 6.x (default)",
        ProfileTextbook => "Textbook (RFC numbers)",
        Seed => "Random seed",
        NewSeed => "New seed",
        LatencyC2S => "Latency client → server",
        LatencyS2C => "Latency server → client",
        JitterC2S => "Jitter client → server",
        JitterS2C => "Jitter server → client",
        LossC2S => "Loss client → server",
        LossS2C => "Loss server → client",
        Network => "Network",
        ResetSettings => "Reset the network",
        Milliseconds => "ms",
        Percent => "%",
        AbsoluteSeq => "Absolute sequence numbers",
        // Ladder
        LadderTitle => "Sequence diagram",
        LadderDesc => "The client on the left, the server on the right, time flowing down. Each arrow is one segment; its slope is its time in flight.",
        Client => "client",
        Server => "server",
        Lost => "lost",
        InFlight => "still in flight at the end",
        Legend => "Legend",
        LegendData => "segment (flags, seq, ack, len)",
        LegendLost => "lost segment",
        LegendRetx => "retransmission (dashed, ↻)",
        LegendTimer => "timer",
        DownloadSvg => "Download as SVG",
        // State diagram
        StatesTitle => "State diagrams",
        StatesDesc => "RFC 9293's state diagram (Figure 5) with both sides on it: each side's current state is filled and tagged with its name; the transition it took last is drawn bold in its colour, and its cause is written above the figure.",
        StateOfClient => "Client",
        StateOfServer => "Server",
        TransitionTaken => "Last transition: {from} → {to}, because: {cause}",
        NoTransitionYet => "No transition yet.",
        // Header inspector
        InspectorTitle => "Header inspector",
        InspectorHint => "Select a segment (click its arrow, or press Enter on it) to see its TCP header.",
        InspectorSegment => "Segment #{n}: {from} → {to}",
        FieldColumn => "Field",
        ValueColumn => "Value",
        MeaningColumn => "Meaning",
        HexBytes => "Bytes on the wire (hex)",
        DropThis => "Drop this segment",
        DropHint => "What if it had been lost? The connection is simulated again from there.",
        UndoDrop => "Undo the drop",
        WhatIfBanner => "What if: you dropped {n} segment(s); everything after is simulated again.",
        CloseInspector => "Close the inspector",
        SentAt => "sent at {t}",
        ArrivedAt => "arrived at {t}",
        LostAt => "lost on the way",
        NeverArrived => "still in flight when the simulation ended",
        SendReasonLabel => "Why sent",
        // TCB
        TcbTitle => "Transmission control blocks",
        TcbDesc => "Each side's TCB (RFC 9293 §3.3.1) at the playhead.",
        TcbVariable => "Variable",
        TcbTimers => "armed timers",
        TcbNoTimers => "none",
        TcbNotYet => "(none yet)",
        // Narration
        NarrationTitle => "What happened",
        NarrationEmpty => "Press Play (or Space) to watch the connection.",
        NarrationNow => "now",
        NarrationEarlier => "Show earlier steps ({n} not shown)",
        // Segment list (text alternative)
        SegmentsTitle => "Every segment",
        SegmentsDesc => "The same segments as text, in sending order.",
        // Help overlay
        HelpTitle => "Keyboard",
        HelpIntro => "Every control is reachable with Tab; these keys work anywhere outside a text field.",
        KeySpace => "Play or pause",
        KeyLeft => "Previous event",
        KeyRight => "Next event",
        KeyHome => "Go to the start",
        KeyEnd => "Go to the end",
        KeyHelp => "Open this help",
        KeyEsc => "Close this help, a dialog or the inspector; leave presenter mode",
        KeyTab => "Move between controls and segments",
        KeyEnter => "On a segment: open it in the header inspector",
        KeyA => "Absolute or relative sequence numbers",
        KeyL => "Switch language",
        Close => "Close",
        // Errors
        ErrorSimulation => "The simulation failed: {error}",
        ErrorKeptPicture => "The last good picture is kept.",
        ErrorUnknownPreset => "Unknown scenario in the link; showing the default.",
        Dismiss => "Dismiss",
        // Footer
        FooterAbout => "Open source. Nothing is scripted: both ends run an RFC 9293 state machine on a simulated network.",
        // Language pack
        LangLoading => "Loading the Chinese texts…",
        LangFailed => "Could not load the texts of that language: {error}. The page stays as it was.",
        // Timer names (TCB panel) and why a segment was sent (inspector)
        TimerRetransmit => "retransmission timer",
        TimerDelayedAck => "delayed-ACK timer",
        TimerTimeWait => "TIME-WAIT timer (2×MSL)",
        TimerFinWait2 => "FIN-WAIT-2 timer",
        TimerPersist => "persist timer (zero-window probe)",
        TimerKeepalive => "keep-alive timer",
        TimerLossProbe => "tail-loss-probe timer (PTO)",
        TimerReorderWait => "RACK reordering timer",
        ReasonSyn => "SYN: open the connection",
        ReasonSynAck => "SYN-ACK: answer a SYN",
        ReasonHandshakeAck => "ACK completing the handshake",
        ReasonData => "data",
        ReasonFin => "FIN: the application closed",
        ReasonAck => "acknowledgment",
        ReasonDupAck => "duplicate ACK (unacceptable segment)",
        ReasonChallengeAck => "challenge ACK (RFC 5961)",
        ReasonReset => "reset: no such connection",
        ReasonAbort => "reset: the application aborted",
        ReasonRetransmission => "retransmission after a timeout",
        ReasonOutOfOrderAck => "duplicate ACK (data arrived out of order)",
        ReasonFastRetransmit => "fast retransmit: duplicate ACKs or SACKs mark it lost",
        ReasonRackRetransmit => "RACK retransmission: a later segment arrived, so this one is lost",
        ReasonLossProbe => "tail loss probe: no ACK for the last data",
        ReasonWindowProbe => "zero-window probe",
        ReasonWindowUpdate => "window update: the receive window opened",
        ReasonKeepaliveProbe => "keep-alive probe",
        ReasonDSack => "ACK with D-SACK: duplicate data arrived",
        // Share, embed, export, present, themes, URL notices
        Share => "Share link",
        ShareTitle => "Link to this view",
        ShareIntro => "Opening this link shows exactly this picture: scenario, network, seed, language, theme, what-if drops and the moment.",
        ShareCopied => "Copied to the clipboard.",
        ShareCopyFallback => "The browser did not allow copying: the link is selected below, press Ctrl+C (⌘C on a Mac).",
        ShareLinkLabel => "Link",
        EmbedCode => "Embed",
        EmbedTitle => "Embed this diagram in a page",
        EmbedIntro => "Paste one of these into a blog post or course page. The script sizes the frame to its content; without it the frame keeps a fixed height.",
        EmbedIframe => "A plain iframe (with the sizing script)",
        EmbedElement => "Or the <synack-diagram> element",
        EmbedFrameTitle => "synack: animated TCP connection ({scenario})",
        Copy => "Copy",
        Export => "Export",
        ExportSvg => "Ladder as SVG",
        ExportPng => "Ladder as PNG (2×)",
        ExportPcapClient => "Client capture (pcap)",
        ExportPcapServer => "Server capture (pcap)",
        ExportMermaid => "Mermaid sequence diagram",
        ExportJson => "Trace as JSON",
        ExportPktClient => "packetdrill script (client)",
        ExportPktServer => "packetdrill script (server)",
        ExportPktNeedsLinux => "packetdrill scripts describe Linux: this side runs another profile (choose the linux profile to export one)",
        // packetdrill scripts opened in the page
        PktOpen => "Open .pkt…",
        PktOpenTitle => "Open a packetdrill script (or drop a .pkt file on the page): the engine runs it and the ladder shows the run",
        PktDropHere => "Drop the .pkt file to run it against the engine",
        PktPass => "packetdrill script {name}: pass. The engine did everything the script expects ({n} segments); the engine is the {side}, the script plays the application and the peer.",
        PktFail => "packetdrill script {name} fails: {why}.",
        PktMismatchGot => "line {line} expected `{expected}` but the engine sent `{got}` ({why})",
        PktMismatchOther => "line {line}: {why}",
        PktMalformed => "Cannot read the packetdrill script {name}: line {line}, column {col}: {why}.",
        PktUnsupported => "The packetdrill script {name} uses something synack cannot run, at line {line}: {what}.",
        PktNotAScript => "{name} is not a packetdrill script (not text, or larger than 1 MB).",
        PktExpected => "expected (line {line})",
        PktBack => "Back to the scenario",
        PktDialogTitle => "Run a packetdrill script",
        PktDialogIntro => "The engine, in the linux profile, runs the script: the script plays the application and the remote peer, as packetdrill does on Linux. Open a .pkt file, drop one anywhere on the page, or paste one below.",
        PktChooseFile => "Open a .pkt file…",
        PktPasteLabel => "Or paste a script",
        PktRun => "Run",
        PktExample => "Fill in an example",
        PktRunning => "Running…",
        PktScriptTitle => "packetdrill script",
        PktScriptDesc => "Each line's result: ✓ held, ✗ the engine departed from it, – not reached. The line at the playhead is highlighted; choose a line to go to its moment.",
        PktSummary => "{name}: {passed} of {total} lines held",
        PktLinePass => "held",
        PktLineFail => "failed",
        PktLineNotRun => "not reached",
        Present => "Present",
        ExitPresent => "Leave presenter mode",
        Theme => "Theme",
        ThemeSystem => "System",
        ThemeLight => "Light",
        ThemeDark => "Dark",
        ThemeProjector => "Projector (high contrast)",
        Blanked => "The screen is blank. Press any key to bring it back.",
        KeyPage => "Previous / next event (presentation clicker)",
        KeyB => "Blank the screen; any key brings it back",
        KeyP => "Presenter mode: full screen, larger type",
        NoticeTitle => "Some parameters in the link were not used:",
        WhyUnknownValue => "“{value}”: not a value synack knows, so the default is used.",
        WhyMalformed => "“{value}”: not in the expected form, so the default is used.",
        WhyOutOfRange => "“{value}”: out of range, so the nearest allowed value is used.",
        WhyUnknownName => "“{value}”: not a parameter synack has, so it is ignored.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_text::Texts;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_key_has_a_non_empty_text_in_every_language() {
        for lang in [Lang::EN, crate::langpack::lang_for_tests("zh")] {
            for &k in T::ALL {
                assert!(!lang.t(k).trim().is_empty(), "{lang:?} {k:?} is empty");
            }
        }
    }

    #[test]
    fn f_fills_named_placeholders() {
        assert_eq!(
            Lang::EN.f(T::EventCounter, &[("n", "3"), ("total", "9")]),
            "event 3 of 9"
        );
    }

    #[test]
    fn lang_parses_common_spellings_and_rejects_the_rest() {
        assert_eq!(parse_code("zh-CN"), Some("zh"));
        assert_eq!(parse_code("EN"), Some("en"));
        assert_eq!(parse_code("<script>"), None);
        assert_eq!(parse_code(""), None);
    }
}
