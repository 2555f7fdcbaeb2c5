//! `list25 export vcard|csv|json|markdown|ics [-o FILE]`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use color_eyre::Result;
use rusqlite::Connection;

use super::out::{Out, plain};
use super::refuse;
use crate::domain::OwedKind;
use crate::interop::ics_out::Todo;
use crate::interop::vcard_out::Version;
use crate::interop::{csv_out, ics_out, markdown, vcard_out};
use crate::store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// vCard 4.0 (--vcard-version 3 for older readers): khard, CardDAV.
    Vcard,
    /// CSV that Google Contacts and Outlook import. A cell that starts
    /// with = + - @ (a formula to a spreadsheet) gets a ' in front, so it
    /// shows as text and never runs; phone numbers are left as they are.
    Csv,
    /// Everything, to restore with `list25 import` into a new file.
    Json,
    /// A readable report.
    Markdown,
    /// Follow-ups and thank-yous owed as to-dos: calcurse, khal, CalDAV.
    Ics,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub format: Format,
    /// Write to this file instead of standard output ("-": standard
    /// output). A file that exists is refused unless --force, which
    /// replaces it whole, keeping its mode; a new file is its owner's only.
    /// A pipe (FIFO) or a device is written as a stream. The database, its
    /// -wal and -shm, and its copies in the backups folder are never
    /// written over.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Which vCard: 4 (the default) or 3.
    #[arg(long, value_name = "3|4", default_value_t = 4,
          value_parser = clap::value_parser!(u8).range(3..=4))]
    pub vcard_version: u8,
    /// For ics: write all-day events instead of to-dos, for calendars that
    /// hold no to-dos (khal).
    #[arg(long)]
    pub events: bool,
}

pub fn run(
    conn: &Connection,
    out: &mut Out,
    args: &ExportArgs,
    db: &Path,
    today: NaiveDate,
) -> Result<ExitCode> {
    // Where it goes is checked before anything is read.
    let target = match &args.output {
        None => Target::Stdout,
        Some(p) if p.as_os_str() == "-" => Target::Stdout,
        Some(p) => match target(p, db, args.force) {
            Ok(t) => t,
            Err(why) => return Ok(refuse(&why)),
        },
    };
    let text = match args.format {
        Format::Vcard => {
            let version = if args.vcard_version == 3 {
                Version::V3
            } else {
                Version::V4
            };
            store::export::contacts(conn)?
                .iter()
                .map(|e| vcard_out::card_text(e, version))
                .collect::<String>()
        }
        Format::Csv => {
            let mut bytes = Vec::new();
            csv_out::write(&store::export::contacts(conn)?, &mut bytes)?;
            String::from_utf8(bytes)?
        }
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&store::json_backup::dump(conn)?)?;
            text.push('\n');
            text
        }
        Format::Markdown => markdown::report(
            &store::category::list(conn)?,
            &store::export::contacts(conn)?,
            today,
        ),
        Format::Ics => {
            let shape = if args.events {
                ics_out::Shape::Event
            } else {
                ics_out::Shape::Todo
            };
            ics_out::calendar(&todos(conn)?, shape, chrono::Utc::now().naive_utc())
        }
    };
    match target {
        Target::Stdout => {
            // Exact bytes for the formats other programs read; the report
            // is made harmless to the terminal like any other text.
            if args.format == Format::Markdown {
                out.plain(&plain(&text))?;
            } else {
                out.plain(&text)?;
            }
        }
        Target::Stream(path) => {
            let written = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .and_then(|mut f| f.write_all(text.as_bytes()));
            if let Err(e) = written {
                return Ok(refuse(&format!("cannot write {}: {e}", path.display())));
            }
        }
        Target::File(path) => {
            if let Err(why) = crate::interop::write_whole(&path, text.as_bytes()) {
                return Ok(refuse(&why));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Where an export goes.
enum Target {
    Stdout,
    /// A pipe or a device: written to as it is, never replaced.
    Stream(PathBuf),
    /// A file, written whole beside it and renamed over it.
    File(PathBuf),
}

/// Where `-o path` may write, or why not: never over the database or its
/// copies, over an existing file only with `force`.
fn target(path: &Path, db: &Path, force: bool) -> Result<Target, String> {
    let mut ours = vec![db.to_path_buf()];
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(side);
        ours.push(PathBuf::from(p));
    }
    let backups = store::backup::folder(db);
    let in_backups = |p: &Path| {
        let folder = p
            .parent()
            .filter(|f| !f.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        crate::files::same_file(folder, &backups)
    };
    if ours.iter().any(|o| crate::files::same_file(path, o)) || in_backups(path) {
        return Err(format!(
            "{} is the database or one of its copies: list25 never writes an export over \
             it. Name another file.",
            path.display()
        ));
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() && !force {
                return Err(format!(
                    "{} is a link to nothing: add --force to replace the link, or name \
                     another file",
                    path.display()
                ));
            }
            return Ok(Target::File(path.to_path_buf()));
        }
        Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
    };
    if meta.is_dir() {
        return Err(format!("{} is a folder: name a file in it", path.display()));
    }
    if !meta.is_file() {
        return Ok(Target::Stream(path.to_path_buf()));
    }
    if !force {
        return Err(format!(
            "{} exists: add --force to replace it, or name another file",
            path.display()
        ));
    }
    Ok(Target::File(path.to_path_buf()))
}

/// Everything dated that list25 schedules: each follow-up, and each
/// thank-you (or news) owed.
fn todos(conn: &Connection) -> rusqlite::Result<Vec<Todo>> {
    let mut todos = Vec::new();
    for e in store::export::contacts(conn)? {
        let c = &e.contact;
        if let Some(due) = c.next_follow_up {
            let about: Vec<&str> = [c.category.as_str(), c.company.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            todos.push(Todo {
                uid: format!("list25-follow-up-{}", e.uid),
                summary: format!("Follow up with {}", c.name),
                description: about.join(" · "),
                due,
            });
        }
    }
    for t in store::thanks::owed(conn, u32::MAX)? {
        let summary = match t.kind {
            OwedKind::Thanks => format!("Thank {} for referring {}", t.to, t.person),
            OwedKind::News => format!("Tell {} how it went with {}", t.to, t.person),
        };
        todos.push(Todo {
            uid: format!("list25-{}-{}", t.kind.as_str(), t.id),
            summary,
            description: "A handwritten card or a call, within days.".into(),
            due: t.due,
        });
    }
    for a in store::ask::planned(conn, u32::MAX)? {
        todos.push(Todo {
            uid: format!("list25-ask-{}", a.id),
            summary: format!("Ask {} for referrals", a.client),
            description: "Assume the referral: who else would want the same result?".into(),
            due: a.due,
        });
    }
    for t in store::journey::upcoming(conn, u32::MAX)? {
        if let Some(due) = t.due {
            todos.push(Todo {
                uid: format!("list25-touchpoint-{}", t.id),
                summary: format!("{}: {}", t.client, t.what()),
                description: "A step of the client's journey.".into(),
                due,
            });
        }
    }
    todos.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.uid.cmp(&b.uid)));
    Ok(todos)
}
