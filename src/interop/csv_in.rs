//! CSV files whose header names their columns: LinkedIn's
//! `Connections.csv`, Google Contacts, Outlook, and any other.

use super::{Found, Person, Skip};

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    First,
    Middle,
    Last,
    Company,
    /// A job title; `Title` alone may be "Mr." (Outlook) and is used only
    /// when no other column names the job.
    Role,
    Title,
    Email,
    Phone,
    City,
    Notes,
    Categories,
    Url,
    MetHow,
    ConnectedOn,
    Other,
}

fn classify(header: &str) -> Col {
    let h = header
        .trim()
        .to_lowercase()
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let has = |w: &str| h.contains(w);
    if has("yomi") || has("phonetic") || has(" - label") || has(" - type") {
        return Col::Other;
    }
    match h.as_str() {
        "name" | "full name" | "display name" | "contact name" => return Col::Name,
        "first name" | "given name" | "first" | "firstname" => return Col::First,
        "middle name" | "additional name" | "middle" => return Col::Middle,
        "last name" | "family name" | "surname" | "last" | "lastname" => return Col::Last,
        "company"
        | "company name"
        | "organization"
        | "organisation"
        | "organization name"
        | "organization 1 - name"
        | "employer"
        | "org" => return Col::Company,
        "job title" | "position" | "organization title" | "organization 1 - title" | "role" => {
            return Col::Role;
        }
        "title" => return Col::Title,
        "notes" | "note" | "comments" => return Col::Notes,
        "categories" | "category" | "labels" | "group membership" | "groups" | "tags" => {
            return Col::Categories;
        }
        "url" | "website" | "web page" | "web site" | "profile url" | "linkedin" => {
            return Col::Url;
        }
        "how met" | "met how" | "how we met" | "met" => return Col::MetHow,
        "connected on" => return Col::ConnectedOn,
        _ => {}
    }
    if (has("email") || has("e-mail") || has("e mail")) && !has("display") {
        Col::Email
    } else if (has("phone") || has("mobile") || has("telephone") || h == "tel")
        && !has("fax")
        && !has("assistant")
    {
        Col::Phone
    } else if h == "city" || h.ends_with(" city") || h.ends_with(" - city") {
        Col::City
    } else {
        Col::Other
    }
}

/// The lines before LinkedIn's header: "Notes:", its paragraph, a blank
/// line. How many there are, and their length in bytes.
fn preface(text: &str) -> (usize, usize) {
    if !text.trim_start().starts_with("Notes:") {
        return (0, 0);
    }
    let mut lines = 0;
    let mut bytes = 0;
    let mut blank_seen = false;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank_seen && !blank {
            break;
        }
        blank_seen |= blank && lines > 0;
        lines += 1;
        bytes += line.len();
    }
    (lines, bytes)
}

/// A multi-value cell (Google joins values with " ::: ") as its values.
fn values(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

fn format_of(headers: &csv::StringRecord, linkedin: bool) -> &'static str {
    let named = |n: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(n));
    if linkedin {
        "LinkedIn connections"
    } else if headers
        .iter()
        .any(|h| h.to_lowercase().contains(" - value"))
    {
        "Google Contacts CSV"
    } else if named("E-mail Address") && (named("Business Phone") || named("Mobile Phone")) {
        "Outlook CSV"
    } else {
        "CSV"
    }
}

/// Where a csv error happened, as a line of the whole file.
fn error_line(e: &csv::Error, offset: usize) -> usize {
    offset
        + e.position()
            .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1))
}

pub(super) fn read(text: &str) -> Result<(String, Found), (usize, String)> {
    let (offset, skip_bytes) = preface(text);
    let body = &text[skip_bytes..];
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            (
                error_line(&e, offset),
                format!("the header cannot be read: {e}"),
            )
        })?
        .clone();
    let cols: Vec<Col> = headers.iter().map(classify).collect();
    let names_someone = cols
        .iter()
        .any(|c| matches!(c, Col::Name | Col::First | Col::Last | Col::Company));
    if !names_someone {
        return Err((
            offset + 1,
            "no name column: the header names none of Name, First Name, Last Name or Company; \
             add one and import again"
                .into(),
        ));
    }
    let linkedin = offset > 0 || cols.contains(&Col::ConnectedOn);
    let format = format_of(&headers, linkedin);
    let has_role = cols.contains(&Col::Role);
    let mut raw = Vec::new();
    let mut skipped = Vec::new();
    let mut last_start = None;
    let mut last_fields = headers.len();
    let mut lines = Lines::default();
    for record in reader.records() {
        let record = record.map_err(|e| (error_line(&e, offset), csv_problem(&e)))?;
        let at = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let (line, start) = lines.at(body, at);
        let line = offset + line;
        last_start = Some((line, start));
        last_fields = record.len();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() > headers.len() {
            skipped.push(Skip {
                line,
                name: String::new(),
                reason: format!(
                    "{} fields where the header has {}",
                    record.len(),
                    headers.len()
                ),
            });
            continue;
        }
        raw.push(person_of(&cols, &record, line, has_role, linkedin));
    }
    // A file cut short ends inside its last record: fewer fields than the
    // header, and no line end. Half a person is not imported.
    if let Some((line, _)) = last_start
        && last_fields < headers.len()
        && !body.ends_with(['\n', '\r'])
    {
        return Err((
            line,
            format!(
                "the file ends inside this record ({last_fields} of {} fields, and no line \
                 end): it looks cut short; import the whole file",
                headers.len()
            ),
        ));
    }
    // A quote never closed makes the rest of the file one field of the
    // last record, which csv reads without complaint: count its quotes.
    if let Some((line, at)) = last_start
        && body[at.min(body.len())..].matches('"').count() % 2 == 1
    {
        return Err((
            line,
            "a quote (\") opened in this record is never closed, so the rest of the file \
             would be one field; close the quote and import again"
                .into(),
        ));
    }
    let people = super::finish_all(raw, &mut skipped);
    Ok((format.to_owned(), (people, skipped)))
}

/// Lines counted as records go by. A record's position may fall on the
/// line end before it (after a `\r\n`, csv's line count is one short),
/// so its line is counted from its first byte that is not a line end.
#[derive(Default)]
struct Lines {
    byte: usize,
    line: usize,
}

impl Lines {
    /// The line and first byte of the record whose position is `at`.
    fn at(&mut self, body: &str, at: usize) -> (usize, usize) {
        let bytes = body.as_bytes();
        let mut start = at.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.byte {
            self.line += bytes[self.byte..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.byte = start;
        }
        (self.line + 1, start)
    }
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "this line is not UTF-8 text; save or export the file as UTF-8 and import again".into()
        }
        _ => format!("this line cannot be read as CSV: {e}"),
    }
}

/// A cell that an export made safe for spreadsheets (`'=...`, see
/// `csv_out::harmless`), as it was: the quote was only there for them.
fn shown_as_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn person_of(
    cols: &[Col],
    record: &csv::StringRecord,
    line: usize,
    has_role: bool,
    linkedin: bool,
) -> Person {
    let mut p = Person {
        line,
        ..Person::default()
    };
    let (mut first, mut middle, mut last) = (String::new(), String::new(), String::new());
    let mut connected = String::new();
    for (col, cell) in cols.iter().zip(record.iter()) {
        let cell = shown_as_text(cell.trim());
        if cell.is_empty() {
            continue;
        }
        let fill = |field: &mut String| {
            if field.is_empty() {
                *field = cell.to_owned();
            }
        };
        match col {
            Col::Name => fill(&mut p.name),
            Col::First => fill(&mut first),
            Col::Middle => fill(&mut middle),
            Col::Last => fill(&mut last),
            Col::Company => fill(&mut p.company),
            Col::Role => fill(&mut p.role),
            Col::Title if !has_role => fill(&mut p.role),
            Col::Email => p.emails.extend(values(cell).map(str::to_owned)),
            Col::Phone => p.phones.extend(values(cell).map(str::to_owned)),
            Col::City => fill(&mut p.city),
            Col::Notes => super::add_line(&mut p.notes, cell),
            Col::Categories => p.categories.extend(
                cell.split([';', '\n'])
                    .flat_map(values)
                    .map(|c| c.trim_start_matches("* ").to_owned())
                    .filter(|c| !matches!(c.to_lowercase().as_str(), "mycontacts" | "starred")),
            ),
            Col::Url if linkedin => super::add_line(&mut p.notes, &format!("LinkedIn: {cell}")),
            Col::Url => super::add_line(&mut p.notes, &format!("Web: {cell}")),
            Col::MetHow => fill(&mut p.met_how),
            Col::ConnectedOn => fill(&mut connected),
            Col::Title | Col::Other => {}
        }
    }
    if p.name.is_empty() {
        p.name = [first, middle, last]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    if p.met_how.is_empty() && linkedin {
        p.met_how = if connected.is_empty() {
            "LinkedIn".into()
        } else {
            format!("LinkedIn, connected {connected}")
        };
    }
    p
}
