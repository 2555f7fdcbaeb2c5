//! What an import will do, small enough to show before anything is
//! written, and to pass from one process to another.

use super::{Counts, Into, Outcome, Plan};
use crate::interop::FileRead;

/// What an import will do, as the import screen shows it before anything
/// is written: the files, the counts, and the first records. Small, so
/// that it can come from another process (`list25 import --preview`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Preview {
    /// Each file's name, what it was read as, and how many people it holds.
    pub files: Vec<(String, String, usize)>,
    pub counts: Counts,
    pub rows: Vec<PreviewRow>,
    /// How many records there are in all.
    pub records: usize,
}

/// One record of a preview.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PreviewRow {
    /// A new contact: its category (none: unsorted), and its company,
    /// first address and number.
    New {
        name: String,
        category: Option<String>,
        details: String,
    },
    /// The same as someone: whom, and whether with something new.
    Merge {
        name: String,
        into: String,
        changed: bool,
    },
    Skip {
        name: String,
        line: usize,
        reason: String,
    },
}

impl Preview {
    /// The preview of `plan` for `files`, with its first `rows` records.
    pub fn of(plan: &Plan, files: &[FileRead], rows: usize) -> Preview {
        let rows = plan
            .entries
            .iter()
            .take(rows)
            .map(|e| match &e.outcome {
                Outcome::Added { category } => {
                    let person = files
                        .get(e.file)
                        .and_then(|f| f.people.iter().find(|x| x.line == e.line));
                    let details = person.map_or_else(String::new, |x| {
                        [
                            x.company.as_str(),
                            x.emails.first().map_or("", String::as_str),
                            x.phones.first().map_or("", String::as_str),
                        ]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                    });
                    PreviewRow::New {
                        name: e.name.clone(),
                        category: category.clone(),
                        details,
                    }
                }
                Outcome::Merged { into, changed } => PreviewRow::Merge {
                    name: e.name.clone(),
                    into: match into {
                        Into::Contact { name, .. } => name.clone(),
                        Into::Earlier { line, .. } => format!("line {line} above"),
                    },
                    changed: *changed,
                },
                Outcome::Skipped { reason } => PreviewRow::Skip {
                    name: e.name.clone(),
                    line: e.line,
                    reason: reason.clone(),
                },
            })
            .collect();
        Preview {
            files: files
                .iter()
                .map(|f| {
                    let name = f.path.file_name().map_or_else(
                        || f.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    (name, f.format.clone(), f.people.len())
                })
                .collect(),
            counts: plan.counts(),
            rows,
            records: plan.entries.len(),
        }
    }
}
