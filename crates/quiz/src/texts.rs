//! Every word the quiz writes, as one table (section `quiz` of every language's file),
//! declared with [`synack_text::texts!`]; the numbers, states, flags and narration sentences
//! it fills in come from the trace. `{Side}` starts a sentence ("The client"), `{side}` does not.

use alloc::string::String;
use synack_diagram::Lang;

synack_text::texts! {
    /// A quiz text (section `quiz`).
    pub enum Key in "quiz" {
        // --- the kinds, for a teacher's choice ---
        KindFlags => "What is sent next",
        KindSeq => "Sequence and acknowledgment numbers",
        KindState => "States",
        KindTime => "Timers",
        KindWhy => "Why",
        // --- what is sent next ---
        PromptFirst => "What happens first?",
        PromptNext => "What happens next?",
        OptSend => "{Side} sends {flags}",
        OptTimerSend => "Nothing, until a timer of {side} expires; then it sends {flags}",
        ClassData => "data",
        // --- numbers ---
        PromptSeq => "{Side} sends {what}. What is its sequence number (relative)?",
        PromptAck => "{Side} sends {what}. What is its acknowledgment number (relative)?",
        WhatData => "{n} bytes of data",
        // --- states ---
        PromptState => "{Side} is in {state}. Which state is it in after what happens next?",
        // --- timers ---
        PromptTime => "At {at}, {side} started its {timer} timer. How long does it run before it expires (in ms)?",
        Ms => "ms",
        // --- why ---
        WhyRandomIsnQ => "Why does {side} start its sequence numbers at a random value (the ISN) rather than at 0?",
        WhyRandomIsnA => "So that delayed segments of an earlier connection, or an attacker's guesses, do not fit this connection's numbers",
        WhyThreeWayQ => "Why does the handshake need a third segment?",
        WhyThreeWayA => "So that the server learns that its SYN,ACK arrived, and an old duplicate SYN cannot open a connection by itself",
        WhyAckFlagQ => "{Side} sends a segment with nothing in it but an acknowledgment. What does its acknowledgment number say?",
        WhyAckFlagA => "That every byte before that number has arrived: it is the next sequence number expected",
        WhyFourWayQ => "Why does this close take four segments?",
        WhyFourWayA => "Each direction closes on its own: the FIN is acknowledged at once, but the other FIN waits until that application calls close()",
        WhyMergedQ => "Why do three segments suffice to close here?",
        WhyMergedA => "The application closed before the ACK of the peer's FIN was due, so the ACK rides on its own FIN",
        WhyTimeWaitQ => "Why does {side} stay in TIME-WAIT instead of forgetting the connection at once?",
        WhyTimeWaitA => "Its last ACK may be lost and must be sent again, and old duplicates of the connection must die out first",
        WhyCloseWaitQ => "Why does {side} stay in CLOSE-WAIT?",
        WhyCloseWaitA => "Its application never calls close(), and no timer ends CLOSE-WAIT",
        WhyRetxQ => "Why does {side} send this segment again?",
        WhyRetxA => "No acknowledgment came before the retransmission timeout expired, so it resends and backs the timeout off",
        WhyRstQ => "What does a RST do to a connection?",
        WhyRstA => "It ends the connection at once, without a FIN exchange or TIME-WAIT: no connection accepts the segment, or the application aborted",
        WhyChallengeQ => "Why does {side} answer with an ACK instead of obeying the segment it received?",
        WhyChallengeA => "The segment could be forged by someone guessing numbers: the ACK carries the real numbers, so a genuine peer can try again",
        WhyFastRetxQ => "Why does {side} resend this segment before its retransmission timer expires?",
        WhyFastRetxA => "Duplicate ACKs or SACK blocks show that later segments arrived while this one is missing",
        WhyRackQ => "Why does {side} now judge this segment lost?",
        WhyRackA => "A segment sent after it has been acknowledged, and the reordering window has passed",
        WhyTlpQ => "Why does {side} send a probe although no loss was reported?",
        WhyTlpA => "No acknowledgment came for about two round trips: a probe gets an answer sooner than the retransmission timeout",
        WhyDSackQ => "What does the first SACK block of this ACK report?",
        WhyDSackA => "Data that arrived twice: a retransmission was not needed",
        WhyZeroWindowQ => "Why does {side} send a probe instead of its data?",
        WhyZeroWindowA => "The receiver's window is zero: the probe asks for the window until it opens",
        WhyKeepaliveQ => "Why does {side} send a segment on a connection with nothing to send?",
        WhyKeepaliveA => "To learn whether the peer is still there after a long silence",
        WhyNegativeSeqQ => "Why does the ladder show a negative sequence number here?",
        WhyNegativeSeqA => "Numbers count from this connection's first SYN, and this segment belongs to an earlier connection between the same ports: an old duplicate",
        // --- verdicts and scores ---
        Right => "Right.",
        Wrong => "Not quite. The right answer: {answer}",
        Reference => "({rfc})",
        Score => "{right} of {total} right",
        // --- the web app's quiz panel ---
        UiToggle => "Quiz",
        UiTitle => "Quiz: predict, then see",
        UiIntro => "Before each step the ladder stops; answer what happens next, then watch it happen.",
        UiLoading => "Writing the questions…",
        UiFailed => "The questions could not be written: {error}",
        UiNone => "This run asks no questions of these kinds.",
        UiProgress => "Question {n} of {total}",
        UiOptions => "Your answer",
        UiTyped => "Your answer, in ms",
        UiKeys => "Keys: a–d or 1–4 choose, Enter checks.",
        UiCheck => "Check",
        UiChooseFirst => "Choose an answer first.",
        UiBadMs => "Type a duration in ms, such as 200.",
        UiYours => "Your answer: {answer}.",
        UiNext => "Next question",
        UiFinish => "See the summary",
        UiSummary => "Summary",
        UiMissed => "What you missed",
        UiNoneMissed => "You missed nothing.",
        UiBest => "Best: {right} of {total} · attempts finished: {n}",
        UiAnotherSeed => "Try again with another seed",
        UiWithLoss => "Try again with loss",
        UiAgain => "Start this run again",
        UiForget => "Forget my progress",
        UiForgotten => "Your progress is forgotten.",
        UiStoreIgnored => "Your stored quiz progress could not be read and starts afresh: {why}",
        UiMakeQuiz => "Make a quiz of this",
        UiMakeQuizIntro => "A link that opens this view in quiz mode, asking the kinds of question ticked here.",
        UiQuizLink => "Quiz link",
        UiQuizEmbed => "Quiz embed code",
        // --- the question-kind filter (`quiz=flags,seq`) ---
        KindsUnknown => "“{item}” (at character {at} of “{input}”) is not a question kind: use flags, seq, state, time or why",
        KindsEmpty => "an empty question kind at character {at} of “{input}”: use flags, seq, state, time or why",
    }
}

/// `key`'s template in `lang` with its `{name}` placeholders filled.
pub fn render(key: Key, lang: Lang, args: &[(&str, &str)]) -> String {
    synack_text::pack::fill_str(lang.text(key), args)
}
