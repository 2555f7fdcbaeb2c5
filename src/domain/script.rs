//! Scripts: "exactly what to say", kept as text with placeholders.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::text::one_line;

const STARTERS_TOML: &str = include_str!("../../assets/scripts.toml");

/// The longest title accepted, in characters.
pub const MAX_TITLE: usize = 80;

/// What a script is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub enum ScriptKind {
    ValueProposition,
    ReferralAsk,
    ThankYou,
    Introduction,
    Invitation,
    Other,
}

impl ScriptKind {
    pub const ALL: [ScriptKind; 6] = [
        ScriptKind::ValueProposition,
        ScriptKind::ReferralAsk,
        ScriptKind::ThankYou,
        ScriptKind::Introduction,
        ScriptKind::Invitation,
        ScriptKind::Other,
    ];

    /// How it is written in the database; never changes once shipped.
    pub fn key(self) -> &'static str {
        match self {
            ScriptKind::ValueProposition => "value",
            ScriptKind::ReferralAsk => "ask",
            ScriptKind::ThankYou => "thanks",
            ScriptKind::Introduction => "intro",
            ScriptKind::Invitation => "invitation",
            ScriptKind::Other => "other",
        }
    }

    /// How it reads on screen.
    pub fn label(self) -> &'static str {
        match self {
            ScriptKind::ValueProposition => "value proposition",
            ScriptKind::ReferralAsk => "referral ask",
            ScriptKind::ThankYou => "thank-you note",
            ScriptKind::Introduction => "introduction",
            ScriptKind::Invitation => "event invitation",
            ScriptKind::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<ScriptKind> {
        ScriptKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A kind by its key, its label, or the start of a word of its label
    /// ("value", "ask", "thank", "intro", "event", "invite").
    pub fn parse(text: &str) -> Result<ScriptKind, String> {
        let t = text.trim().to_lowercase();
        let word_fits = |w: &str| {
            let common = w.chars().zip(t.chars()).take_while(|(a, b)| a == b).count();
            (t.chars().count() >= 3 && w.starts_with(&t))
                || (w.chars().count() >= 4 && t.starts_with(w))
                || common >= 5
        };
        let found: Vec<ScriptKind> = ScriptKind::ALL
            .into_iter()
            .filter(|k| {
                k.key() == t || k.label() == t || k.label().split([' ', '-']).any(word_fits)
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(format!(
                "{:?} is not a kind of script: use {}",
                text.trim(),
                Self::choices()
            )),
        }
    }

    /// The kinds, as a list to choose from.
    pub fn choices() -> String {
        let labels: Vec<&str> = ScriptKind::ALL.iter().map(|k| k.label()).collect();
        format!(
            "{} or {}",
            labels[..labels.len() - 1].join(", "),
            labels[labels.len() - 1]
        )
    }
}

impl TryFrom<String> for ScriptKind {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        ScriptKind::from_key(&text).ok_or_else(|| format!("unknown kind of script {text:?}"))
    }
}

/// A script as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub id: i64,
    pub kind: ScriptKind,
    pub title: String,
    /// When and how to use it, in a line.
    pub tip: String,
    /// `None` for a general script.
    pub category_id: Option<i64>,
    /// The category's name, empty for a general script (or when its
    /// category was deleted).
    pub category: String,
    pub text: String,
    pub updated_at: NaiveDateTime,
    /// What list25 copies it for, if it is one of the scripts it looks for.
    pub purpose: Option<Purpose>,
}

/// One saved text of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub id: i64,
    pub text: String,
    pub saved_at: NaiveDateTime,
    pub how: SaveKind,
}

/// How a version came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// Shipped with list25.
    Starter,
    /// Saved by the timer while typing.
    Auto,
    /// Saved with the save key or on leaving the editor.
    Saved,
    /// An earlier version brought back.
    Restored,
}

impl SaveKind {
    pub fn key(self) -> &'static str {
        match self {
            SaveKind::Starter => "starter",
            SaveKind::Auto => "auto",
            SaveKind::Saved => "saved",
            SaveKind::Restored => "restored",
        }
    }

    pub fn from_key(key: &str) -> SaveKind {
        [
            SaveKind::Starter,
            SaveKind::Auto,
            SaveKind::Saved,
            SaveKind::Restored,
        ]
        .into_iter()
        .find(|k| k.key() == key)
        .unwrap_or(SaveKind::Saved)
    }

    /// How it reads in the list of versions.
    pub fn label(self) -> &'static str {
        match self {
            SaveKind::Starter => "as shipped",
            SaveKind::Auto => "autosaved",
            SaveKind::Saved => "saved",
            SaveKind::Restored => "restored",
        }
    }
}

/// The details of a script, checked: everything but its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptDraft {
    pub kind: ScriptKind,
    pub title: String,
    pub tip: String,
    pub category_id: Option<i64>,
}

/// Which field of a draft a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptField {
    Title,
    Kind,
}

impl ScriptDraft {
    /// Build a draft from what was typed; an empty kind is "other".
    pub fn parse(title: &str, kind: &str, tip: &str) -> Result<Self, (ScriptField, String)> {
        let title = one_line(title);
        if title.is_empty() {
            return Err((ScriptField::Title, "A script needs a title.".into()));
        }
        if title.chars().count() > MAX_TITLE {
            return Err((
                ScriptField::Title,
                format!("Keep the title under {MAX_TITLE} characters."),
            ));
        }
        let kind = if kind.trim().is_empty() {
            ScriptKind::Other
        } else {
            ScriptKind::parse(kind).map_err(|e| (ScriptField::Kind, e))?
        };
        Ok(ScriptDraft {
            kind,
            title,
            tip: one_line(tip),
            category_id: None,
        })
    }
}

/// A script shipped with list25, added to every new database once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Starter {
    pub kind: ScriptKind,
    pub title: String,
    pub tip: String,
    pub text: String,
    /// What list25 copies it for, where a kind has several uses.
    #[serde(default)]
    pub purpose: Option<Purpose>,
    /// The set of starters it came with: 1, the first; 2, those a database
    /// made before them gets once, when it is next opened.
    #[serde(default = "first_set")]
    pub set: u8,
}

fn first_set() -> u8 {
    1
}

/// What list25 copies a script for, where one kind has several uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// A thank-you for a referral (kind thanks).
    ReferralThanks,
    /// Telling a referrer how it went (kind thanks).
    News,
    /// The welcome card of a new client's journey.
    Welcome,
    /// A referral ask made as planned (kind ask).
    AskPlanned,
    /// The ask after a problem solved (kind ask).
    AskSolved,
}

impl Purpose {
    pub fn key(self) -> &'static str {
        match self {
            Purpose::ReferralThanks => "referral-thanks",
            Purpose::News => "news",
            Purpose::Welcome => "welcome",
            Purpose::AskPlanned => "ask-planned",
            Purpose::AskSolved => "ask-solved",
        }
    }

    /// The kind of script that serves it when none is marked for it.
    pub fn kind(self) -> Option<ScriptKind> {
        match self {
            Purpose::ReferralThanks | Purpose::News => Some(ScriptKind::ThankYou),
            Purpose::AskPlanned | Purpose::AskSolved => Some(ScriptKind::ReferralAsk),
            Purpose::Welcome => None,
        }
    }

    /// What it is, as a message names it.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::ReferralThanks => "thank-you for a referral",
            Purpose::News => "how-it-went note to a referrer",
            Purpose::Welcome => "welcome card",
            Purpose::AskPlanned | Purpose::AskSolved => "referral-ask",
        }
    }

    pub fn from_key(key: &str) -> Option<Purpose> {
        [
            Purpose::ReferralThanks,
            Purpose::News,
            Purpose::Welcome,
            Purpose::AskPlanned,
            Purpose::AskSolved,
        ]
        .into_iter()
        .find(|p| p.key() == key)
    }
}

#[derive(Deserialize)]
struct StarterFile {
    script: Vec<Starter>,
}

/// Which script list25 copies: the one for a purpose, or the one named
/// like a touchpoint of the client journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<'a> {
    For(Purpose),
    Touchpoint(&'a str),
}

impl Pick<'_> {
    /// The script among `scripts` (the live ones, in order): for a purpose,
    /// the one marked for it, else the first of its kind (one that names
    /// the person referred, when `person`); for a touchpoint, the first
    /// whose title begins with the touchpoint's (case and accents aside),
    /// or holds it, and for a welcome the welcome card.
    pub fn pick(self, scripts: &[Script], person: bool) -> Option<&Script> {
        match self {
            Pick::For(purpose) => {
                scripts
                    .iter()
                    .find(|s| s.purpose == Some(purpose))
                    .or_else(|| {
                        let kind = purpose.kind()?;
                        let of_kind = scripts.iter().filter(move |s| s.kind == kind);
                        of_kind
                            .clone()
                            .find(|s| person && s.text.contains("{referred_name}"))
                            .or_else(|| of_kind.clone().next())
                    })
            }
            Pick::Touchpoint(title) => {
                let wanted = super::text::fold(title.trim());
                let folded = |s: &Script| super::text::fold(&s.title);
                scripts
                    .iter()
                    .find(|s| !wanted.is_empty() && folded(s).starts_with(&wanted))
                    .or_else(|| {
                        scripts
                            .iter()
                            .find(|s| !wanted.is_empty() && folded(s).contains(&wanted))
                    })
                    .or_else(|| {
                        wanted
                            .contains("welcome")
                            .then(|| Pick::For(Purpose::Welcome).pick(scripts, false))
                            .flatten()
                    })
            }
        }
    }
}

/// The starter scripts shipped inside the binary.
pub fn starters() -> Result<Vec<Starter>, String> {
    let file: StarterFile = toml::from_str(STARTERS_TOML)
        .map_err(|e| format!("the starter scripts do not parse: {e}"))?;
    Ok(file.script)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::{Field, Me, Values, render};

    #[test]
    fn kinds_parse_by_key_label_or_the_start_of_a_word() {
        assert_eq!(ScriptKind::parse("value"), Ok(ScriptKind::ValueProposition));
        assert_eq!(ScriptKind::parse("Ask"), Ok(ScriptKind::ReferralAsk));
        assert_eq!(ScriptKind::parse("referral"), Ok(ScriptKind::ReferralAsk));
        assert_eq!(ScriptKind::parse("thank"), Ok(ScriptKind::ThankYou));
        assert_eq!(ScriptKind::parse("thanks"), Ok(ScriptKind::ThankYou));
        assert_eq!(
            ScriptKind::parse("thank-you note"),
            Ok(ScriptKind::ThankYou)
        );
        assert_eq!(ScriptKind::parse("intro"), Ok(ScriptKind::Introduction));
        assert_eq!(ScriptKind::parse("event"), Ok(ScriptKind::Invitation));
        assert_eq!(ScriptKind::parse("invitation"), Ok(ScriptKind::Invitation));
        assert_eq!(ScriptKind::parse("invite"), Ok(ScriptKind::Invitation));
        assert_eq!(ScriptKind::parse("other"), Ok(ScriptKind::Other));
        for bad in ["", "x", "letter", "no"] {
            let err = ScriptKind::parse(bad).expect_err(bad);
            assert!(err.contains("value proposition, referral ask"), "{err}");
        }
        for k in ScriptKind::ALL {
            assert_eq!(ScriptKind::from_key(k.key()), Some(k));
            assert_eq!(ScriptKind::parse(k.label()), Ok(k));
        }
    }

    #[test]
    fn a_draft_needs_a_title_and_a_known_kind() {
        let d = ScriptDraft::parse("  Ask \n after  a fix ", "", "").expect("draft");
        assert_eq!(d.title, "Ask after a fix");
        assert_eq!(d.kind, ScriptKind::Other);
        assert_eq!(
            ScriptDraft::parse(" ", "ask", "").map_err(|e| e.0),
            Err(ScriptField::Title)
        );
        assert_eq!(
            ScriptDraft::parse("t", "poem", "").map_err(|e| e.0),
            Err(ScriptField::Kind)
        );
        assert_eq!(
            ScriptDraft::parse(&"t".repeat(81), "", "").map_err(|e| e.0),
            Err(ScriptField::Title)
        );
    }

    /// The starters cover what the method asks for, each is complete for
    /// a contact with every detail, and each uses only known placeholders.
    #[test]
    fn starters_cover_the_method() {
        let all = starters().expect("starters parse");
        let kinds: Vec<ScriptKind> = all.iter().map(|s| s.kind).collect();
        for k in [
            ScriptKind::ValueProposition,
            ScriptKind::ReferralAsk,
            ScriptKind::ThankYou,
            ScriptKind::Introduction,
            ScriptKind::Invitation,
        ] {
            assert!(kinds.contains(&k), "no starter of kind {k:?}");
        }
        let titles: Vec<&str> = all.iter().map(|s| s.title.as_str()).collect();
        for words in ["welcome", "thank", "introduc", "invit", "say about"] {
            assert!(
                titles.iter().any(|t| t.to_lowercase().contains(words)),
                "no starter about {words:?}: {titles:?}"
            );
        }
        let contact = crate::domain::Contact {
            category: "Accountants".into(),
            name: "Ana Lima".into(),
            company: "Lima & Co".into(),
            role: "partner".into(),
            city: "Lisbon".into(),
            ..Default::default()
        };
        let me = Me {
            name: "Jane".into(),
            value: "helps start-ups look established".into(),
            profession: "designer".into(),
        };
        for s in &all {
            assert!(
                !s.tip.is_empty() && !s.text.trim().is_empty(),
                "{}",
                s.title
            );
            let r = render(
                &s.text,
                &Values {
                    contact: Some(&contact),
                    me: &me,
                    referred: Some("Bruno Alves"),
                },
            );
            assert!(r.is_complete(), "{}: {:?}", s.title, r.problems);
        }
        let value = all
            .iter()
            .find(|s| s.kind == ScriptKind::ValueProposition)
            .expect("value proposition");
        assert!(
            value
                .text
                .contains(&format!("{{{}}}", Field::MyValue.key()))
        );
        let r = render(
            &value.text,
            &Values {
                contact: None,
                me: &me,
                referred: None,
            },
        );
        assert!(
            r.words() <= crate::domain::template::BREATH_WORDS,
            "the value proposition fits one breath: {} words",
            r.words()
        );
    }
}
