//! Every string the UI shows, in English and Simplified Chinese.
//!
//! Keys are one enum, [`T`]; each language is one module whose `text` function is an
//! exhaustive `match` without a wildcard arm, so a key missing from either table is a compile
//! error. A test checks that no value is empty and that the Chinese table is really Chinese.
//!
//! The shipped site is built without the cargo feature `zh`: `zh.rs` is then not compiled in,
//! and Chinese comes from the language pack (`web/lang/zh.txt`, section [`PACK_SECTION`]) that
//! [`crate::langpack`] fetches when a reader picks Chinese; until then, English.
//! Narration sentences come from `synack-diagram`; state names stay as RFC 9293 spells them
//! (`FIN-WAIT-1`) in both languages, as Chinese textbooks print them.

mod en;
#[cfg(feature = "zh")]
mod zh;

/// The pack section of the UI strings.
pub const PACK_SECTION: &str = "web";

/// The Chinese strings in key order, for the language pack.
#[cfg(feature = "zh")]
pub fn zh_texts() -> Vec<&'static str> {
    T::ALL.iter().map(|&k| zh::text(k)).collect()
}

#[cfg(feature = "zh")]
fn zh_text(key: T) -> Option<&'static str> {
    Some(zh::text(key))
}

#[cfg(not(feature = "zh"))]
fn zh_text(key: T) -> Option<&'static str> {
    synack_core::pack::lookup(PACK_SECTION, key as usize)
}

/// The UI language: the core's one `Lang` (the diagram and the inspector take the same value),
/// with the interface's words and names added by [`Words`].
pub use synack_core::Lang;

/// The interface's side of a [`Lang`]: its words, its `?lang=` names, its own name.
pub trait Words: Sized {
    /// The value of `?lang=` and of `<html lang>`.
    fn code(self) -> &'static str;
    /// Parses `?lang=`: `en`, `zh`, `zh-CN`, `zh-Hans` (any case). Anything else is `None`.
    fn parse(s: &str) -> Option<Self>;
    /// The language's own name, for the switcher.
    fn native_name(self) -> &'static str;
    /// One UI string (Chinese falls back to English when no pack provides it).
    fn t(self, key: T) -> &'static str;
    /// A UI string with `{}` placeholders filled in order.
    fn f(self, key: T, args: &[&str]) -> String {
        fill(self.t(key), args)
    }
}

impl Words for Lang {
    fn code(self) -> &'static str {
        self.tag()
    }

    fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" | "zh-sg" | "cn" => Some(Lang::Zh),
            _ => None,
        }
    }

    fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    fn t(self, key: T) -> &'static str {
        match self {
            Lang::En => en::text(key),
            Lang::Zh => zh_text(key).unwrap_or_else(|| en::text(key)),
        }
    }
}

/// Replaces each `{}` in `template` by the next argument (missing ones become empty).
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut args = args.iter();
    while let Some(i) = rest.find("{}") {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str(args.next().copied().unwrap_or(""));
        rest = rest.get(i + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

macro_rules! keys {
    ($($k:ident),* $(,)?) => {
        /// A UI string key. See the module documentation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($k),* }
        impl T {
            /// Every key, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$k),*];
        }
    };
}

keys! {
    // Page
    AppTitle, Tagline, SkipToLadder, LanguageLabel,
    // Transport controls
    Play, Pause, StepBack, StepForward, ToStart, ToEnd, Speed, Playhead, PlayheadValue,
    EventCounter, Help,
    // Scenario controls
    Scenario, SettingsTitle, Profile, ProfileLinux, ProfileTextbook, Seed, NewSeed,
    LatencyC2S, LatencyS2C, JitterC2S, JitterS2C, LossC2S, LossS2C, Network, ResetSettings,
    Milliseconds, Percent, AbsoluteSeq,
    // Ladder
    LadderTitle, LadderDesc, Client, Server, Lost, InFlight,
    Legend, LegendData, LegendLost, LegendRetx, LegendTimer, DownloadSvg,
    // State diagram
    StatesTitle, StatesDesc, StateOfClient, StateOfServer, TransitionTaken, NoTransitionYet,
    // Header inspector
    InspectorTitle, InspectorHint, InspectorSegment, FieldColumn, ValueColumn, MeaningColumn,
    HexBytes, DropThis, DropHint, UndoDrop,
    WhatIfBanner, CloseInspector, SentAt, ArrivedAt, LostAt, NeverArrived, SendReasonLabel,
    // TCB
    TcbTitle, TcbDesc, TcbVariable, TcbTimers, TcbNoTimers, TcbNotYet,
    // Narration
    NarrationTitle, NarrationEmpty, NarrationNow, NarrationEarlier,
    // Segment list (text alternative)
    SegmentsTitle, SegmentsDesc,
    // Help overlay
    HelpTitle, HelpIntro, KeySpace, KeyLeft, KeyRight, KeyHome, KeyEnd, KeyHelp, KeyEsc,
    KeyTab, KeyEnter, KeyA, KeyL, Close,
    // Errors
    ErrorSimulation, ErrorKeptPicture, ErrorUnknownPreset, Dismiss,
    // Footer
    FooterAbout,
    // Language pack
    LangLoading, LangFailed,
    // Timer names (TCB panel) and why a segment was sent (inspector)
    TimerRetransmit, TimerDelayedAck, TimerTimeWait, TimerFinWait2,
    TimerPersist, TimerKeepalive, TimerLossProbe, TimerReorderWait,
    ReasonSyn, ReasonSynAck, ReasonHandshakeAck, ReasonData, ReasonFin, ReasonAck, ReasonDupAck,
    ReasonChallengeAck, ReasonReset, ReasonAbort, ReasonRetransmission,
    ReasonOutOfOrderAck, ReasonFastRetransmit, ReasonRackRetransmit, ReasonLossProbe, ReasonWindowProbe,
    ReasonWindowUpdate, ReasonKeepaliveProbe, ReasonDSack,
    // Share, embed, export, present, themes, URL notices
    Share, ShareTitle, ShareIntro, ShareCopied, ShareCopyFallback, ShareLinkLabel, EmbedCode, EmbedTitle, EmbedIntro, EmbedIframe, EmbedElement, EmbedFrameTitle, Copy, Export, ExportSvg, ExportPng, ExportPcapClient, ExportPcapServer, ExportMermaid, ExportJson, ExportPktClient, ExportPktServer, ExportPktNeedsLinux, PktOpen, PktOpenTitle, PktDropHere, PktPass, PktFail, PktMismatchGot, PktMismatchOther, PktMalformed, PktUnsupported, PktNotAScript, PktExpected, PktBack, Present, ExitPresent, Theme, ThemeSystem, ThemeLight, ThemeDark, ThemeProjector, Blanked, KeyPage, KeyB, KeyP, NoticeTitle, WhyUnknownValue, WhyMalformed, WhyOutOfRange, WhyUnknownName,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_key_has_a_non_empty_text_in_every_language() {
        for lang in Lang::ALL {
            for &k in T::ALL {
                assert!(!lang.t(k).trim().is_empty(), "{lang:?} {k:?} is empty");
            }
        }
    }

    #[test]
    fn the_chinese_table_is_chinese_and_placeholders_match() {
        crate::langpack::install_for_tests();
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        // Keys whose text is the same symbol or proper name in both languages.
        let same = [T::AppTitle, T::Percent];
        for &k in T::ALL {
            let (en, zh) = (Lang::En.t(k), Lang::Zh.t(k));
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{k:?}: placeholders differ"
            );
            if !same.contains(&k) {
                assert!(cjk(zh), "{k:?} is not translated: {zh}");
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders_in_order_and_tolerates_missing_args() {
        assert_eq!(fill("{} of {}", &["3", "9"]), "3 of 9");
        assert_eq!(fill("{} of {}", &["3"]), "3 of ");
        assert_eq!(fill("none", &["x"]), "none");
    }

    #[test]
    fn lang_parses_common_spellings_and_rejects_the_rest() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("<script>"), None);
        assert_eq!(Lang::parse(""), None);
    }
}
