//! Contacts as CSV with the header Outlook writes, which Google Contacts
//! and Outlook both import, and list25 reads back.

use crate::store::export::Exported;

/// How many addresses and numbers the header has room for; more go into
/// the notes, so nothing is left out.
const EMAILS: usize = 3;
const PHONES: usize = 3;

pub const HEADER: [&str; 14] = [
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Mobile Phone",
    "Business Phone",
    "Other Phone",
    "Business City",
    "Notes",
    "Categories",
    "How Met",
];

/// A cell a spreadsheet will not run as a formula (CSV injection, as
/// OWASP describes it): one that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a `'` in front, so it shows as the text it is.
/// A phone number ("+1 555 0100", "-") is left as it is: digits, spaces
/// and `+ - ( ) . /` compute nothing.
pub fn harmless(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    if risky && !number {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The contacts as CSV, header first, lines ending in CRLF.
pub fn write(contacts: &[Exported], out: impl std::io::Write) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for e in contacts {
        let c = &e.contact;
        let (first, last) = match c.name.trim().rsplit_once(' ') {
            Some((given, family)) => (given.trim(), family),
            None => (c.name.trim(), ""),
        };
        let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
        let mut notes = c.notes.clone();
        for more in e
            .emails
            .iter()
            .skip(EMAILS)
            .chain(e.phones.iter().skip(PHONES))
        {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(&format!("Also: {more}"));
        }
        let mut record = vec![
            first.to_owned(),
            last.to_owned(),
            c.company.clone(),
            c.role.clone(),
        ];
        record.extend((0..EMAILS).map(|i| at(&e.emails, i)));
        record.extend((0..PHONES).map(|i| at(&e.phones, i)));
        record.extend([c.city.clone(), notes, c.category.clone(), c.met_how.clone()]);
        w.write_record(record.iter().map(|cell| harmless(cell).into_owned()))?;
    }
    w.flush()?;
    Ok(())
}
