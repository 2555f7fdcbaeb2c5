//! `list25 import FILE...`: people from CSV and vCard files, merged with
//! those already there, in one transaction.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Args;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::refuse;
use crate::domain::text::count;
use crate::interop::FileRead;
use crate::store::import::{Counts, Entry, Into, Outcome, Plan, Preview, apply, apply_with, plan};
use crate::store::{self, WriteError};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV files (LinkedIn, Google Contacts, Outlook, or any with a header
    /// naming its columns), vCard files, or folders of .vcf files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Put everyone new in this category (otherwise: the category their
    /// card or row names, if it is on your list, or none).
    #[arg(long)]
    pub category: Option<String>,
    /// Say what would happen, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print JSON: added, merged and skipped, each with file and line.
    #[arg(long)]
    pub json: bool,
    /// For the import screen: print what would happen, with the first N
    /// records, as one line of JSON, and write nothing.
    #[arg(long, hide = true, value_name = "N")]
    pub preview: Option<usize>,
    /// For the import screen: print "wrote DONE TOTAL" lines as the new
    /// people are written, then "ready", and save only once "save" is read
    /// on standard input; then "counts" and the counts as JSON. When
    /// standard output is gone, or standard input ends without "save", the
    /// import stops and nothing is kept.
    #[arg(long, hide = true)]
    pub progress: bool,
}

/// How many skipped or merged records the text lists before "… N more".
const SHOWN: usize = 20;

#[derive(Serialize)]
struct Report<'a> {
    dry_run: bool,
    files: Vec<FileJson<'a>>,
    added: Vec<AddedJson<'a>>,
    merged: Vec<MergedJson<'a>>,
    skipped: Vec<SkippedJson<'a>>,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: String,
    format: &'a str,
}

#[derive(Serialize)]
struct AddedJson<'a> {
    /// Null in a dry run.
    id: Option<i64>,
    name: &'a str,
    file: String,
    line: usize,
    category: Option<&'a str>,
}

#[derive(Serialize)]
struct MergedJson<'a> {
    name: &'a str,
    file: String,
    line: usize,
    /// The contact there already (null when merged into a record read
    /// earlier in this import).
    into_id: Option<i64>,
    into: String,
    changed: bool,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    name: &'a str,
    file: String,
    line: usize,
    reason: &'a str,
}

/// What the files named hold: people, or a whole JSON backup.
pub enum Input {
    Files(Vec<FileRead>),
    Backup(serde_json::Value),
}

/// Read the files named, before the database is opened. A list25 JSON
/// backup is restored alone.
pub fn read(paths: &[PathBuf]) -> Result<Input, String> {
    let mut backup = None;
    // Only a regular file is opened to look: a pipe would wait for a writer.
    for path in paths.iter().filter(|p| p.is_file()) {
        let head = std::fs::File::open(path).and_then(|f| {
            let mut head = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(f, 512), &mut head).map(|_| head)
        });
        if head.is_ok_and(|h| store::json_backup::looks_like_backup(&String::from_utf8_lossy(&h))) {
            backup = Some(path);
        }
    }
    let Some(path) = backup else {
        return crate::interop::read_all(paths)
            .map(Input::Files)
            .map_err(|r| r.to_string());
    };
    if paths.len() > 1 {
        return Err(format!(
            "{} is a list25 backup, which is restored alone, into a new file: \
             list25 --db NEW.db import {}",
            path.display(),
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes)
        .map(Input::Backup)
        .map_err(|e| {
            format!(
                "{}, line {}: this backup is not whole JSON ({e}); nothing in it can be trusted",
                path.display(),
                e.line()
            )
        })
}

pub fn run(
    conn: &Connection,
    out: &mut Out,
    args: ImportArgs,
    input: &Input,
    today: NaiveDate,
) -> Result<ExitCode> {
    let files = match input {
        Input::Files(files) => files,
        Input::Backup(doc) => return restore(conn, out, &args, doc),
    };
    let into = match &args.category {
        None => None,
        Some(name) => match store::category::find_by_name(conn, name)? {
            Some(c) => Some(c.id),
            None => {
                return Ok(refuse(&format!(
                    "There is no category named {name:?}; see `list25 category list`. \
                     Nothing was imported."
                )));
            }
        },
    };
    let plan = plan(conn, files, into)?;
    if let Some(rows) = args.preview {
        out.line(serde_json::to_string(&Preview::of(&plan, files, rows))?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let ids = if args.dry_run {
        Vec::new()
    } else {
        let now = today.and_time(Local::now().time());
        let mut said = |done: usize, total: usize| {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "wrote {done} {total}")
                .and_then(|()| stdout.flush())
                .is_ok()
        };
        // Once all is written, the screen that asked for the import says
        // "save" on standard input before it is committed; a screen gone
        // (killed, its pipe closed) says nothing, and nothing is kept.
        let mut may_save = || {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "ready")
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return false;
            }
            let mut answer = String::new();
            std::io::stdin().read_line(&mut answer).is_ok() && answer.trim() == "save"
        };
        let written = if args.progress {
            apply_with(conn, &plan, &now, &mut said, &mut may_save)
        } else {
            apply(conn, &plan, &now)
        };
        match written {
            Ok(ids) => ids,
            Err(WriteError::Refused(why)) => {
                return Ok(refuse(&format!("{why} Nothing was imported.")));
            }
            Err(WriteError::Db(e)) => return Err(e.into()),
        }
    };
    if args.progress {
        out.line(format!("counts {}", serde_json::to_string(&plan.counts())?))?;
    } else if args.json {
        out.json(&report(&plan, files, &ids, args.dry_run))?;
    } else {
        text(out, &plan, files, args.dry_run)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A JSON backup into an empty database.
fn restore(
    conn: &Connection,
    out: &mut Out,
    args: &ImportArgs,
    doc: &serde_json::Value,
) -> Result<ExitCode> {
    if args.dry_run || args.category.is_some() {
        return Ok(refuse(
            "a JSON backup is restored whole: --dry-run and --category do not apply to it",
        ));
    }
    match store::json_backup::load(conn, doc) {
        Ok(loaded) => {
            out.line(format!(
                "Restored a list25 backup: {} rows, {} contacts.",
                loaded.rows, loaded.contacts
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => Ok(refuse(&format!("{why}. Nothing was imported."))),
    }
}

fn file_name(files: &[FileRead], i: usize) -> String {
    files
        .get(i)
        .map_or_else(String::new, |f| f.path.display().to_string())
}

fn into_text(files: &[FileRead], into: &Into) -> (Option<i64>, String) {
    match into {
        Into::Contact { id, name } => (Some(*id), format!("{name} (#{id})")),
        Into::Earlier { file, line } => (None, format!("{} line {line}", file_name(files, *file))),
    }
}

fn report<'a>(plan: &'a Plan, files: &'a [FileRead], ids: &[i64], dry_run: bool) -> Report<'a> {
    let mut r = Report {
        dry_run,
        files: files
            .iter()
            .map(|f| FileJson {
                path: f.path.display().to_string(),
                format: &f.format,
            })
            .collect(),
        added: Vec::new(),
        merged: Vec::new(),
        skipped: Vec::new(),
    };
    let mut ids = ids.iter();
    for e in &plan.entries {
        let file = file_name(files, e.file);
        match &e.outcome {
            Outcome::Added { category } => r.added.push(AddedJson {
                id: ids.next().copied(),
                name: &e.name,
                file,
                line: e.line,
                category: category.as_deref(),
            }),
            Outcome::Merged { into, changed } => {
                let (into_id, into) = into_text(files, into);
                r.merged.push(MergedJson {
                    name: &e.name,
                    file,
                    line: e.line,
                    into_id,
                    into,
                    changed: *changed,
                });
            }
            Outcome::Skipped { reason } => r.skipped.push(SkippedJson {
                name: &e.name,
                file,
                line: e.line,
                reason,
            }),
        }
    }
    r
}

fn text(out: &mut Out, plan: &Plan, files: &[FileRead], dry_run: bool) -> std::io::Result<()> {
    if dry_run {
        out.line("Dry run: nothing was written.")?;
    }
    for f in files {
        out.line(format!(
            "{}: {}, {}",
            f.path.display(),
            f.format,
            count(u32::try_from(f.people.len()).unwrap_or(u32::MAX), "person")
                .replace("persons", "people")
        ))?;
    }
    let Counts {
        added,
        merged,
        news,
        skipped,
        unsorted,
    } = plan.counts();
    let (add, merge, skip) = if dry_run {
        ("Would add", "would merge", "would skip")
    } else {
        ("Added", "merged", "skipped")
    };
    out.line(format!(
        "{add} {added}, {merge} {merged} ({news} with something new), {skip} {skipped}."
    ))?;
    list(out, plan, files, "skipped", |e| match &e.outcome {
        Outcome::Skipped { reason } => Some(reason.clone()),
        _ => None,
    })?;
    list(out, plan, files, "merged", |e| match &e.outcome {
        Outcome::Merged {
            into,
            changed: true,
        } => Some(format!("the same as {}", into_text(files, into).1)),
        _ => None,
    })?;
    if unsorted > 0 {
        out.line(format!(
            "{unsorted} of those added are in no category: in Contacts, c shows \
             \"unsorted\", and p puts the one selected in a category."
        ))?;
    }
    Ok(())
}

/// The entries `say` has something to say about, up to `SHOWN` of them.
fn list(
    out: &mut Out,
    plan: &Plan,
    files: &[FileRead],
    label: &str,
    say: impl Fn(&Entry) -> Option<String>,
) -> std::io::Result<()> {
    let all: Vec<(&Entry, String)> = plan
        .entries
        .iter()
        .filter_map(|e| say(e).map(|s| (e, s)))
        .collect();
    for (e, what) in all.iter().take(SHOWN) {
        let name = if e.name.is_empty() {
            String::new()
        } else {
            format!(" {}", e.name)
        };
        out.line(format!(
            "  {label} {} line {}{name}: {what}",
            file_name(files, e.file),
            e.line
        ))?;
    }
    if all.len() > SHOWN {
        out.line(format!(
            "  … {} more {label}; --json lists them all",
            all.len() - SHOWN
        ))?;
    }
    Ok(())
}
