//! The kinds of question, and the set a teacher picks (`quiz=flags,seq,state`), parsed with
//! an error that says where the input is wrong.

use crate::texts::{render, Key};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};
use synack_diagram::Lang;

/// What a question asks about.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Which side sends next, with which flags (or nothing until a timer expires).
    Flags,
    /// The sequence or acknowledgment number of the next segment, relative to its ISN.
    Seq,
    /// The state a side is in after the next step.
    State,
    /// How long a timer runs before it expires (RTO, delayed ACK, 2MSL ...).
    Time,
    /// Why it happens: the narration's explanations.
    Why,
}

impl Kind {
    /// Every kind, in the order of a moment's questions.
    pub const ALL: [Kind; 5] = [Kind::Flags, Kind::Seq, Kind::State, Kind::Time, Kind::Why];

    /// Its name in a filter and in JSON: `flags`, `seq`, `state`, `time`, `why`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Flags => "flags",
            Kind::Seq => "seq",
            Kind::State => "state",
            Kind::Time => "time",
            Kind::Why => "why",
        }
    }

    /// Its title for a reader ("Timers").
    pub fn title(self, lang: Lang) -> &'static str {
        lang.text(match self {
            Kind::Flags => Key::KindFlags,
            Kind::Seq => Key::KindSeq,
            Kind::State => Key::KindState,
            Kind::Time => Key::KindTime,
            Kind::Why => Key::KindWhy,
        })
    }

    fn bit(self) -> u8 {
        match self {
            Kind::Flags => 1,
            Kind::Seq => 2,
            Kind::State => 4,
            Kind::Time => 8,
            Kind::Why => 16,
        }
    }
}

/// A set of kinds: the questions a quiz asks.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Kinds(u8);

impl Default for Kinds {
    fn default() -> Kinds {
        Kinds::ALL
    }
}

impl Kinds {
    pub const ALL: Kinds = Kinds(31);

    pub fn contains(self, k: Kind) -> bool {
        self.0 & k.bit() != 0
    }

    pub fn with(self, k: Kind) -> Kinds {
        Kinds(self.0 | k.bit())
    }

    /// The set without `k` (may be empty: see [`Kinds::is_empty`]).
    pub fn without(self, k: Kind) -> Kinds {
        Kinds(self.0 & !k.bit())
    }

    pub fn is_empty(self) -> bool {
        self.0 & Kinds::ALL.0 == 0
    }

    /// The kinds in [`Kind::ALL`] order.
    pub fn list(self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| self.contains(*k))
            .collect()
    }

    /// A comma-separated list of names (`flags,seq`), case-insensitive, blanks around names
    /// allowed, a name given twice counted once. Nothing given, an empty name or an unknown
    /// one is an error that says where.
    pub fn parse(input: &str) -> Result<Kinds, KindsError> {
        let mut set = Kinds(0);
        let mut at = 0usize;
        for item in input.split(',') {
            let name = item.trim();
            let start = at + (item.len() - item.trim_start().len());
            let position = input.get(..start).map_or(0, |s| s.chars().count());
            let kind = Kind::ALL
                .into_iter()
                .find(|k| k.name().eq_ignore_ascii_case(name));
            match kind {
                Some(k) => set = set.with(k),
                None => {
                    return Err(KindsError {
                        input: input.to_string(),
                        item: name.to_string(),
                        at: position,
                    })
                }
            }
            at += item.len() + 1;
        }
        Ok(set)
    }
}

/// `flags,seq,state,time,why`: what [`Kinds::parse`] reads back.
impl fmt::Display for Kinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, k) in self.list().into_iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(k.name())?;
        }
        Ok(())
    }
}

impl Serialize for Kinds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Kinds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kinds, D::Error> {
        let s = String::deserialize(d)?;
        Kinds::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A filter that is not a list of kinds: the input, the bad name (empty when a name is
/// missing) and where it starts, counted in characters from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindsError {
    pub input: String,
    pub item: String,
    pub at: usize,
}

impl KindsError {
    /// The message in `lang` (the position counted from 1, as a reader counts).
    pub fn message(&self, lang: Lang) -> String {
        let at = (self.at + 1).to_string();
        let args = [
            ("item", self.item.as_str()),
            ("at", at.as_str()),
            ("input", self.input.as_str()),
        ];
        let key = if self.item.is_empty() {
            Key::KindsEmpty
        } else {
            Key::KindsUnknown
        };
        render(key, lang, &args)
    }
}

impl fmt::Display for KindsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::EN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_says_where_a_bad_one_is() {
        let k = Kinds::parse("flags, SEQ,seq").unwrap_or(Kinds(0));
        assert_eq!(k.list(), [Kind::Flags, Kind::Seq]);
        assert_eq!(k.to_string(), "flags,seq");
        assert_eq!(Kinds::parse(&Kinds::ALL.to_string()), Ok(Kinds::ALL));
        let e = Kinds::parse("flags,sequence").err();
        assert_eq!(
            e.as_ref().map(|e| (e.item.as_str(), e.at)),
            Some(("sequence", 6))
        );
        assert_eq!(
            e.map(|e| e.to_string()).unwrap_or_default(),
            "“sequence” (at character 7 of “flags,sequence”) is not a question kind: \
             use flags, seq, state, time or why"
        );
        // Characters, not bytes: a reader counts what they see.
        assert_eq!(Kinds::parse("état,  x").err().map(|e| e.at), Some(0));
        assert_eq!(Kinds::parse("flags,  x").err().map(|e| e.at), Some(8));
        let e = Kinds::parse("flags,,why").err();
        assert_eq!(e.as_ref().map(|e| (e.item.as_str(), e.at)), Some(("", 6)));
        assert!(e.is_some_and(|e| e
            .to_string()
            .starts_with("an empty question kind at character 7")));
        assert_eq!(Kinds::parse("").err().map(|e| e.at), Some(0));
        assert_eq!(Kinds::parse("why,").err().map(|e| e.at), Some(4));
    }
}
