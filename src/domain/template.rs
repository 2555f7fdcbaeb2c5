//! Placeholders in scripts: `{first_name}` and the like, filled in for one
//! contact. Nothing is dropped silently: a placeholder that is not known, a
//! `{` that is never closed and a value that is missing all come back as
//! problems, with the line they are on, and stay visible in the text.
//!
//! The rules, in the order they apply while reading left to right:
//! - `{{` is a literal `{` and `}}` a literal `}`;
//! - `{` then up to `MAX_NAME` characters without a brace or a line break,
//!   then `}`, is a placeholder; its name is matched ignoring case, with
//!   spaces and hyphens read as `_`;
//! - any other `{` is unclosed: kept as it is and reported;
//! - `[` then up to `MAX_BLANK` characters without a bracket or a line
//!   break, then `]`, is a blank the user fills in by hand (such as
//!   `[date]`): kept, and counted so that copying can mention it;
//! - everything else is text, kept exactly.

use super::Contact;

/// The longest placeholder name looked for, in characters.
pub const MAX_NAME: usize = 40;

/// The longest blank looked for, in characters.
pub const MAX_BLANK: usize = 60;

/// What a placeholder can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FirstName,
    LastName,
    Name,
    Company,
    Role,
    City,
    Category,
    MyName,
    MyValue,
    MyProfession,
    /// The person a referrer sent you, in a thank-you.
    ReferredName,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::FirstName,
        Field::LastName,
        Field::Name,
        Field::Company,
        Field::Role,
        Field::City,
        Field::Category,
        Field::MyName,
        Field::MyValue,
        Field::MyProfession,
        Field::ReferredName,
    ];

    /// The name written between the braces.
    pub fn key(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Name => "name",
            Field::Company => "company",
            Field::Role => "role",
            Field::City => "city",
            Field::Category => "category",
            Field::MyName => "my_name",
            Field::MyValue => "my_value",
            Field::MyProfession => "my_profession",
            Field::ReferredName => "referred_name",
        }
    }

    /// What it stands for, in a few words.
    pub fn meaning(self) -> &'static str {
        match self {
            Field::FirstName => "the contact's first name",
            Field::LastName => "the rest of the contact's name",
            Field::Name => "the contact's full name",
            Field::Company => "the contact's company",
            Field::Role => "the contact's role",
            Field::City => "the contact's city",
            Field::Category => "the contact's category",
            Field::MyName => "your name (s in Scripts)",
            Field::MyValue => "what you do for clients, as a phrase (s in Scripts)",
            Field::MyProfession => "your profession (s in Scripts)",
            Field::ReferredName => "the person they referred (y on a referral in Referrals)",
        }
    }

    /// Whether the value comes from the contact (not from your settings).
    pub fn is_contact(self) -> bool {
        !matches!(
            self,
            Field::MyName | Field::MyValue | Field::MyProfession | Field::ReferredName
        )
    }

    /// The field a typed name means: case, spaces and hyphens do not matter.
    pub fn parse(name: &str) -> Option<Field> {
        let norm = normalize(name);
        Field::ALL.into_iter().find(|f| f.key() == norm)
    }
}

fn normalize(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The user's own details, from the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    pub name: String,
    pub value: String,
    pub profession: String,
}

/// Where the values come from: a contact (maybe none picked) and you.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    pub contact: Option<&'a Contact>,
    pub me: &'a Me,
    /// The person referred, when a thank-you for a referral is filled in.
    pub referred: Option<&'a str>,
}

impl Values<'_> {
    /// The value of `field`, or `None` when there is none to put in.
    pub fn get(&self, field: Field) -> Option<String> {
        let c = self.contact;
        let text = match field {
            Field::FirstName => c.map(|c| split_name(&c.name).0.to_owned()),
            Field::LastName => c.map(|c| split_name(&c.name).1.to_owned()),
            Field::Name => c.map(|c| c.name.clone()),
            Field::Company => c.map(|c| c.company.clone()),
            Field::Role => c.map(|c| c.role.clone()),
            Field::City => c.map(|c| c.city.clone()),
            Field::Category => c.map(|c| c.category.clone()),
            Field::MyName => Some(self.me.name.clone()),
            Field::MyValue => Some(self.me.value.clone()),
            Field::MyProfession => Some(self.me.profession.clone()),
            Field::ReferredName => self.referred.map(str::to_owned),
        }?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    }
}

/// A full name as first name and the rest: the first word, then what follows.
pub fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.split_once(char::is_whitespace) {
        Some((first, rest)) => (first, rest.trim()),
        None => (name, ""),
    }
}

/// One run of the rendered text and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text as written (braces already unescaped).
    Text(String),
    /// A placeholder filled in.
    Value(String),
    /// A known placeholder with nothing to fill in: shown as written (the
    /// problem says which field it is).
    Missing(String),
    /// A placeholder that is not known: shown as written.
    Unknown(String),
    /// A `{` never closed: shown as written.
    Unclosed(String),
    /// A blank to fill in by hand, such as `[date]`.
    Blank(String),
    /// A line break.
    Newline,
}

impl Piece {
    /// The text this piece shows.
    pub fn text(&self) -> &str {
        match self {
            Piece::Text(t)
            | Piece::Value(t)
            | Piece::Missing(t)
            | Piece::Unknown(t)
            | Piece::Unclosed(t)
            | Piece::Blank(t) => t,
            Piece::Newline => "\n",
        }
    }
}

/// Something in a script that stops it from being sent as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `{raw}` is not a placeholder list25 knows; maybe it meant another.
    Unknown {
        raw: String,
        line: usize,
        suggestion: Option<Field>,
    },
    /// A `{` on this line is never closed.
    Unclosed { line: usize },
    /// `field` has no value for this contact (or in your settings).
    Missing { field: Field, line: usize },
}

impl Problem {
    pub fn line(&self) -> usize {
        match self {
            Problem::Unknown { line, .. }
            | Problem::Unclosed { line }
            | Problem::Missing { line, .. } => *line,
        }
    }

    /// The same problem, perhaps on another line.
    fn same_as(&self, other: &Problem) -> bool {
        match (self, other) {
            (Problem::Unknown { raw: a, .. }, Problem::Unknown { raw: b, .. }) => a == b,
            (Problem::Unclosed { .. }, Problem::Unclosed { .. }) => true,
            (Problem::Missing { field: a, .. }, Problem::Missing { field: b, .. }) => a == b,
            _ => false,
        }
    }

    /// A mistake in the script itself, rather than a value not there yet.
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::Missing { .. })
    }

    /// The problem in plain words. `who` names the contact, if one is picked.
    pub fn describe(&self, who: Option<&str>) -> String {
        match self {
            Problem::Unknown {
                raw,
                line,
                suggestion,
            } => {
                let hint = suggestion
                    .map(|f| format!("; did you mean {{{}}}?", f.key()))
                    .unwrap_or_else(|| "; see ? for the placeholders".into());
                format!("line {line}: {{{raw}}} is not a placeholder{hint}")
            }
            Problem::Unclosed { line } => {
                format!("line {line}: a {{ is never closed (write {{{{ for a brace)")
            }
            Problem::Missing { field, line } => match (field.is_contact(), who) {
                (true, Some(who)) => {
                    format!(
                        "line {line}: {who} has no {}",
                        field.key().replace('_', " ")
                    )
                }
                (true, None) => format!("line {line}: {{{}}} needs a contact", field.key()),
                (false, _) if *field == Field::ReferredName => {
                    format!("line {line}: {{referred_name}} is filled in from a referral")
                }
                (false, _) => format!("line {line}: {{{}}} is not set yet", field.key()),
            },
        }
    }
}

/// A script filled in for one contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub pieces: Vec<Piece>,
    pub problems: Vec<Problem>,
    /// The blanks to fill in by hand, in order, as written (`[date]`).
    pub blanks: Vec<String>,
}

impl Rendered {
    /// The whole text, as shown.
    pub fn text(&self) -> String {
        self.pieces.iter().map(Piece::text).collect()
    }

    /// Whether nothing stops this text from being sent as it is.
    pub fn is_complete(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems, each said once (at its first line), mistakes in the
    /// script before values not there yet.
    pub fn distinct_problems(&self) -> Vec<&Problem> {
        let mut out: Vec<&Problem> = Vec::new();
        for p in &self.problems {
            if !out.iter().any(|q| q.same_as(p)) {
                out.push(p);
            }
        }
        out.sort_by_key(|p| !p.is_error());
        out
    }

    /// The blanks to fill in by hand, each once, in order.
    pub fn distinct_blanks(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for b in &self.blanks {
            if !out.contains(&b.as_str()) {
                out.push(b);
            }
        }
        out
    }

    /// How many words the text has, as it would be said.
    pub fn words(&self) -> usize {
        word_count(&self.text())
    }
}

/// Fill in the placeholders of `text` from `values`.
pub fn render(text: &str, values: &Values) -> Rendered {
    let mut out = Rendered::default();
    let mut literal = String::new();
    let mut line = 1;
    let flush = |literal: &mut String, pieces: &mut Vec<Piece>| {
        if !literal.is_empty() {
            pieces.push(Piece::Text(std::mem::take(literal)));
        }
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '{' if after.starts_with('{') => {
                literal.push('{');
                rest = &after[1..];
            }
            '}' if after.starts_with('}') => {
                literal.push('}');
                rest = &after[1..];
            }
            '\n' => {
                flush(&mut literal, &mut out.pieces);
                out.pieces.push(Piece::Newline);
                line += 1;
                rest = after;
            }
            '{' => {
                flush(&mut literal, &mut out.pieces);
                match closed_by(after, '{', '}', MAX_NAME) {
                    Some(inner) => {
                        let raw = format!("{{{inner}}}");
                        match Field::parse(inner) {
                            Some(field) => match values.get(field) {
                                Some(v) => out.pieces.push(Piece::Value(v)),
                                None => {
                                    out.problems.push(Problem::Missing { field, line });
                                    out.pieces.push(Piece::Missing(raw));
                                }
                            },
                            None => {
                                out.problems.push(Problem::Unknown {
                                    raw: inner.to_owned(),
                                    line,
                                    suggestion: nearest(inner),
                                });
                                out.pieces.push(Piece::Unknown(raw));
                            }
                        }
                        rest = &after[inner.len() + 1..];
                    }
                    None => {
                        out.problems.push(Problem::Unclosed { line });
                        out.pieces.push(Piece::Unclosed("{".into()));
                        rest = after;
                    }
                }
            }
            '[' => match closed_by(after, '[', ']', MAX_BLANK).filter(|i| !i.trim().is_empty()) {
                Some(inner) => {
                    flush(&mut literal, &mut out.pieces);
                    let blank = format!("[{inner}]");
                    out.blanks.push(blank.clone());
                    out.pieces.push(Piece::Blank(blank));
                    rest = &after[inner.len() + 1..];
                }
                None => {
                    literal.push('[');
                    rest = after;
                }
            },
            c => {
                literal.push(c);
                rest = after;
            }
        }
    }
    flush(&mut literal, &mut out.pieces);
    out
}

/// The text before `close` at the start of `text`, when it comes within
/// `max` characters with no `open`, `close`-less line break in between.
fn closed_by(text: &str, open: char, close: char, max: usize) -> Option<&str> {
    for (n, (i, c)) in text.char_indices().enumerate() {
        if c == close {
            return Some(&text[..i]);
        }
        if c == open || c == '\n' || n >= max {
            return None;
        }
    }
    None
}

/// The known placeholder a mistyped one most likely meant.
fn nearest(raw: &str) -> Option<Field> {
    let typed = normalize(raw);
    if typed.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .map(|f| (edit_distance(&typed, f.key()), f))
        .filter(|&(d, f)| d <= 2.max(f.key().len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, f)| f)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Words in `text`: runs of characters between white space.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Words a minute at an easy speaking pace.
pub const WORDS_PER_MINUTE: usize = 150;

/// How many words fit in one easy breath (about eight seconds of speech).
pub const BREATH_WORDS: usize = 20;

/// How long `words` take to say aloud, in whole seconds (rounded up).
pub fn spoken_seconds(words: usize) -> usize {
    (words * 60).div_ceil(WORDS_PER_MINUTE)
}

/// "8 s", "1 min 12 s": how long `words` take to say.
pub fn spoken_label(words: usize) -> String {
    let s = spoken_seconds(words);
    match (s / 60, s % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests;
