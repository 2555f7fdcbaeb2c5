//! `list25 sync vdir DIR [--category NAME]`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;

use super::out::Out;
use super::refuse;
use crate::store::{self, WriteError};

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Two-way with a folder of one .vcf per contact (khard, vdirsyncer,
    /// pimsync): changes on either side reach the other; a file removed
    /// archives its contact; when both changed, the newer wins and the
    /// other is added to the contact's notes.
    Vdir {
        /// The folder (it must exist; an empty one starts an address book).
        dir: PathBuf,
        /// Only the contacts of this category; new files land in it.
        #[arg(long)]
        category: Option<String>,
    },
}

pub fn run(
    conn: &Connection,
    out: &mut Out,
    command: SyncCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let SyncCommand::Vdir { dir, category } = command;
    let category = match category {
        None => None,
        Some(name) => match store::category::find_by_name(conn, &name)? {
            Some(c) => Some(c.id),
            None => {
                return Ok(refuse(&format!(
                    "There is no category named {name:?}; see `list25 category list`."
                )));
            }
        },
    };
    let now = today.and_time(Local::now().time());
    let done = match store::vdir::sync(conn, &dir, category, &now) {
        Ok(done) => done,
        Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
        Err(WriteError::Db(e)) => return Err(e.into()),
    };
    out.line(format!(
        "Synced {}: {} written, {} added, {} read back, {} archived (file removed), {} files removed (deleted here).",
        dir.display(),
        done.written,
        done.added,
        done.read,
        done.archived,
        done.removed
    ))?;
    for c in &done.conflicts {
        out.line(format!("  both changed: {c}"))?;
    }
    for s in &done.skipped {
        out.line(format!("  left alone: {s}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
