//! The help screen's text: drawn by the render, and measured by the
//! update so that `G` goes to its end and `k` moves up from there at once.

use chrono::NaiveDate;

use crate::domain::Field;
use crate::keymap;
use crate::ui::text::wrap;

/// The help popup's widest, in cells, border included.
pub const WIDTH: u16 = 72;

/// How wide the column of keys is, and of placeholders.
pub const KEY_COLUMN: usize = 12;
pub const PLACEHOLDER_COLUMN: usize = 17;

/// One part of the help, before it is wrapped to the popup's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Blank,
    Heading(&'static str),
    /// A key and what it does.
    Key(&'static str, &'static str),
    /// A placeholder and what it is filled with.
    Placeholder(String, &'static str),
    /// Text wrapped to the width.
    Text(String),
    /// A remark, wrapped, drawn muted.
    Remark(&'static str),
}

/// Everything the help says, in order.
pub fn parts(db_label: &str, start: NaiveDate) -> Vec<Part> {
    let mut parts = vec![
        Part::Heading("Database"),
        Part::Text(db_label.to_owned()),
        Part::Text(format!("Program started {}.", start.format("%a %-d %b %Y"))),
        Part::Text(format!(
            "Backups: a copy a day in {} (the last {} days and {} weeks are kept). \
             list25 backup makes one now; list25 restore FILE brings one back.",
            crate::store::backup::folder(std::path::Path::new(db_label)).display(),
            crate::store::backup::DAILY_KEPT,
            crate::store::backup::WEEKLY_KEPT,
        )),
    ];
    for (context, bindings) in keymap::help() {
        parts.push(Part::Blank);
        parts.push(Part::Heading(context.title()));
        parts.extend(bindings.into_iter().map(|b| Part::Key(b.label, b.hint)));
    }
    parts.push(Part::Blank);
    parts.push(Part::Remark(
        "In a note and in a contact's notes, Alt-Enter or Ctrl-J starts a new line.",
    ));
    parts.push(Part::Remark(
        "In the script editor Enter starts a new line; Ctrl-U undoes, Ctrl-R redoes. \
         It saves a second after you stop typing, every 1.5 seconds while you keep \
         typing, and when you leave it. Each stretch of writing is kept as a version.",
    ));
    parts.push(Part::Blank);
    parts.push(Part::Heading("Placeholders in scripts"));
    parts.extend(
        Field::ALL
            .into_iter()
            .map(|f| Part::Placeholder(format!("{{{}}}", f.key()), f.meaning())),
    );
    parts.push(Part::Remark(
        "Write {{ and }} for a brace. [Square brackets] mark a blank to fill in by hand.",
    ));
    parts
}

/// The lines of a part at `width` cells.
pub fn lines(part: &Part, width: usize) -> Vec<String> {
    match part {
        Part::Blank => vec![String::new()],
        Part::Heading(h) => vec![(*h).to_owned()],
        Part::Key(label, hint) => vec![format!("  {label:<KEY_COLUMN$}{hint}")],
        Part::Placeholder(key, meaning) => {
            vec![format!("  {key:<PLACEHOLDER_COLUMN$}{meaning}")]
        }
        Part::Text(t) => wrap(t, width),
        Part::Remark(t) => wrap(t, width),
    }
}

/// The size of the text area inside the help popup on a `screen` of
/// (width, height) cells: the popup leaves a row above and below, and
/// has a border all round and a cell of padding left and right.
pub fn inner(screen: (u16, u16)) -> (u16, u16) {
    let (w, h) = screen;
    (
        WIDTH.min(w).saturating_sub(4),
        h.saturating_sub(2).saturating_sub(2),
    )
}

/// How far the help can scroll: its lines less the rows that show them.
pub fn max_scroll(parts: &[Part], screen: (u16, u16)) -> usize {
    let (width, height) = inner(screen);
    let total: usize = parts
        .iter()
        .map(|p| lines(p, usize::from(width)).len())
        .sum();
    total.saturating_sub(usize::from(height))
}
