//! Reading the places people already keep contacts (CSV exports of
//! LinkedIn, Google Contacts and Outlook, vCard files and folders of
//! them), and writing list25's contacts out again.
//!
//! Reading never touches the database: a file becomes a list of people
//! and the records it could not use, or it is refused whole.

mod csv_in;
pub mod csv_out;
pub mod ics_out;
pub mod markdown;
mod vcard_in;
pub mod vcard_out;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::domain::contact::{MAX_NAME, check_email};
use crate::domain::text::{MAX_LINE, MAX_TEXT, clean_text, one_line};

/// A person as a file describes them, before they meet the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// The line their record starts on.
    pub line: usize,
    pub name: String,
    pub company: String,
    pub role: String,
    /// Every address, the preferred first.
    pub emails: Vec<String>,
    /// Every number, the preferred first.
    pub phones: Vec<String>,
    pub city: String,
    pub met_how: String,
    pub notes: String,
    /// Names of categories (CATEGORIES, Labels): the first that names one
    /// of yours is where they land.
    pub categories: Vec<String>,
    pub uid: Option<String>,
}

/// A record a file holds that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub line: usize,
    /// Who the record is about, as far as it says.
    pub name: String,
    pub reason: String,
}

/// What one file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub path: PathBuf,
    /// What the file was read as ("LinkedIn connections", "vCard 3.0").
    pub format: String,
    pub people: Vec<Person>,
    pub skipped: Vec<Skip>,
}

/// A file refused whole: not what it claims, or not readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub why: String,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}, line {n}: {}", self.path.display(), self.why),
            None => write!(f, "{}: {}", self.path.display(), self.why),
        }
    }
}

/// Read every file named, a folder being all the `.vcf` files in it (a
/// khard or vdirsyncer address book), in name order. The first file that
/// is refused stops the reading.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<FileRead>, Refused> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => return Err(refused(path, None, &e.to_string())),
            Ok(m) if !m.is_file() && !m.is_dir() => {
                return Err(refused(
                    path,
                    None,
                    "not a regular file (a pipe or a device); save what it holds to a file first",
                ));
            }
            Ok(_) => {}
        }
        if path.is_dir() {
            let cards = vcf_files(path)?;
            if cards.is_empty() {
                return Err(refused(path, None, "a folder with no .vcf file in it"));
            }
            for card in cards {
                out.push(read_file(&card)?);
            }
        } else {
            out.push(read_file(path)?);
        }
    }
    Ok(out)
}

fn vcf_files(dir: &Path) -> Result<Vec<PathBuf>, Refused> {
    let entries = std::fs::read_dir(dir).map_err(|e| refused(dir, None, &e.to_string()))?;
    let mut cards = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| refused(dir, None, &e.to_string()))?
            .path();
        let vcf = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("vcf"));
        if vcf && path.is_file() {
            cards.push(path);
        }
    }
    cards.sort();
    Ok(cards)
}

fn refused(path: &Path, line: Option<usize>, why: &str) -> Refused {
    Refused {
        path: path.to_path_buf(),
        line,
        why: why.to_owned(),
    }
}

/// Read one file, telling what it is from its content.
pub fn read_file(path: &Path) -> Result<FileRead, Refused> {
    let bytes = std::fs::read(path).map_err(|e| refused(path, None, &e.to_string()))?;
    read_bytes(path, &bytes)
}

/// Read a file's content; `path` names it in messages.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<FileRead, Refused> {
    let text = text_of(bytes).map_err(|(line, why)| refused(path, line, &why))?;
    let start = text.trim_start();
    let (format, read) = if start.len() >= 11 && start[..11].eq_ignore_ascii_case("BEGIN:VCARD") {
        vcard_in::read(text)
    } else if says_vcard(path) {
        return Err(refused(
            path,
            Some(1),
            "a .vcf file that does not start with BEGIN:VCARD: it is not a vCard",
        ));
    } else if start.starts_with(['{', '[']) {
        return Err(refused(
            path,
            Some(1),
            "this is JSON; list25 imports CSV files and vCards (.vcf)",
        ));
    } else {
        csv_in::read(text)
    }
    .map_err(|(line, why)| refused(path, Some(line), &why))?;
    let (people, skipped) = read;
    Ok(FileRead {
        path: path.to_path_buf(),
        format,
        people,
        skipped,
    })
}

fn says_vcard(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("vcf") || x.eq_ignore_ascii_case("vcard"))
}

/// What people and skipped records a reader found.
type Found = (Vec<Person>, Vec<Skip>);

/// The file as UTF-8 text without a byte-order mark, or why not.
fn text_of(bytes: &[u8]) -> Result<&str, (Option<usize>, String)> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((None, "the file is empty: there is nothing to import".into()));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((
            None,
            "the file is UTF-16 text; save or export it as UTF-8 (\"CSV UTF-8\") and import again"
                .into(),
        ));
    }
    if let Some(what) = binary_kind(bytes) {
        return Err((None, format!("this is {what}, not a list of contacts")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        (
            Some(line),
            "this line is not UTF-8 text; save or export the file as UTF-8 and import again".into(),
        )
    })
}

/// What a file that is not text looks like it is, from its first bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "a zip archive (an .xlsx workbook is one; save it as CSV)",
        ),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    if let Some((_, what)) = KINDS.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(4096)];
    head.contains(&0)
        .then_some("a binary file (it holds NUL bytes)")
}

/// Each person as they will be kept (`Person::finish`), or skipped, in
/// order; a long list is shared between two threads.
fn finish_all(raw: Vec<Person>, skipped: &mut Vec<Skip>) -> Vec<Person> {
    let finish = |part: Vec<Person>| -> Vec<Result<Person, Skip>> {
        part.into_iter().map(Person::finish).collect()
    };
    let done: Vec<Result<Person, Skip>> = if raw.len() < 2_000 {
        finish(raw)
    } else {
        let mut first = raw;
        let second = first.split_off(first.len() / 2);
        std::thread::scope(|s| {
            let later = s.spawn(move || finish(second));
            let mut done = finish(first);
            // A panic in the other half is a bug; it is raised again here.
            done.extend(
                later
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            done
        })
    };
    let mut people = Vec::with_capacity(done.len());
    for d in done {
        match d {
            Ok(p) => people.push(p),
            Err(s) => skipped.push(s),
        }
    }
    people
}

impl Person {
    /// The person as they will be kept, or why they cannot be: fields made
    /// one line, notes kept in lines, addresses checked, a name found.
    fn finish(mut self) -> Result<Person, Skip> {
        for field in [
            &mut self.name,
            &mut self.company,
            &mut self.role,
            &mut self.city,
            &mut self.met_how,
        ] {
            *field = one_line(field);
        }
        self.notes = clean_text(&self.notes.replace("\r\n", "\n").replace('\r', "\n"))
            .trim()
            .to_owned();
        if self.name.is_empty() {
            self.name = self.company.clone();
        }
        let mut emails = Vec::new();
        let mut checked = Vec::new();
        for email in std::mem::take(&mut self.emails) {
            let email = one_line(&email);
            match check_email(&email) {
                Ok(e) if e.is_empty() => {}
                Ok(e) => checked.push(e),
                Err(_) => add_line(&mut self.notes, &format!("E-mail as imported: {email}")),
            }
        }
        push_all(&mut emails, checked, email_key);
        self.emails = emails;
        let mut phones = Vec::new();
        let typed = std::mem::take(&mut self.phones)
            .into_iter()
            .map(|p| one_line(&p))
            .filter(|p| !p.is_empty());
        push_all(&mut phones, typed, phone_key);
        self.phones = phones;
        self.categories = self
            .categories
            .iter()
            .map(|c| one_line(c))
            .filter(|c| !c.is_empty())
            .collect();
        self.uid = self.uid.map(|u| one_line(&u)).filter(|u| !u.is_empty());
        let skip = |reason: String| Skip {
            line: self.line,
            name: self.name.chars().take(60).collect(),
            reason,
        };
        if self.name.is_empty() {
            let what = self
                .emails
                .first()
                .map_or(String::new(), |e| format!(" (only {e})"));
            return Err(skip(format!("no name and no company{what}")));
        }
        if self.name.chars().count() > MAX_NAME {
            return Err(skip(format!("a name longer than {MAX_NAME} characters")));
        }
        let long_line = [&self.company, &self.role, &self.city, &self.met_how]
            .into_iter()
            .chain(&self.emails)
            .chain(&self.phones)
            .any(|f| f.len() > MAX_LINE);
        if long_line {
            return Err(skip(format!("a field longer than {} KB", MAX_LINE / 1024)));
        }
        if self.notes.len() > MAX_TEXT {
            return Err(skip(format!("notes longer than {} KB", MAX_TEXT / 1024)));
        }
        Ok(self)
    }

    /// Take in what `other` says of the same person and this one lacks:
    /// empty fields filled, addresses and numbers added, notes not already
    /// held appended. Whether anything kept about them changed (the names
    /// of categories only choose where a new person lands).
    pub fn absorb(&mut self, other: &Person) -> bool {
        let mut changed = false;
        for (mine, theirs) in [
            (&mut self.company, &other.company),
            (&mut self.role, &other.role),
            (&mut self.city, &other.city),
            (&mut self.met_how, &other.met_how),
        ] {
            if mine.is_empty() && !theirs.is_empty() {
                mine.clone_from(theirs);
                changed = true;
            }
        }
        changed |= push_all(&mut self.emails, other.emails.iter().cloned(), email_key);
        changed |= push_all(&mut self.phones, other.phones.iter().cloned(), phone_key);
        if !other.notes.is_empty() && !self.notes.contains(&other.notes) {
            add_line(&mut self.notes, &other.notes);
            changed = true;
        }
        for c in &other.categories {
            if !self.categories.contains(c) {
                self.categories.push(c.clone());
            }
        }
        if self.uid.is_none() && other.uid.is_some() {
            self.uid.clone_from(&other.uid);
            changed = true;
        }
        changed
    }
}

/// Add each of `values` to `list` unless it holds the same already (by
/// `key`), in one pass: a card of thirty thousand numbers takes as long as
/// reading them. Whether any was added.
fn push_all(
    list: &mut Vec<String>,
    values: impl IntoIterator<Item = String>,
    key: fn(&str) -> String,
) -> bool {
    let mut seen: std::collections::HashSet<String> = list.iter().map(|v| key(v)).collect();
    let mut added = false;
    for value in values {
        let k = key(&value);
        if !k.is_empty() && seen.insert(k) {
            list.push(value);
            added = true;
        }
    }
    added
}

/// Add a line to the end of notes.
pub fn add_note_line(notes: &mut String, line: &str) {
    add_line(notes, line);
}

/// Write `bytes` to `path` whole (see `files::write_whole`).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::files::write_whole(path, bytes)
}

fn add_line(notes: &mut String, line: &str) {
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(line);
}

/// What two e-mail addresses are compared by: case and spaces aside.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// What two phone numbers are compared by: their digits, and a leading +.
pub fn phone_key(phone: &str) -> String {
    let t = phone.trim();
    let plus = if t.starts_with('+') { "+" } else { "" };
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        t.to_lowercase()
    } else {
        format!("{plus}{digits}")
    }
}

#[cfg(test)]
mod tests;
