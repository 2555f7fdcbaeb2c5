//! `list25 backup [FILE]` and `list25 restore FILE`, and the copy made on
//! the first run of each day.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use color_eyre::Result;
use rusqlite::Connection;

use super::out::Out;
use super::{refuse, say};
use crate::store::backup;

/// `list25 backup [FILE]`: a whole copy, safe while list25 is open.
pub fn backup(
    conn: &Connection,
    out: &mut Out,
    db: &Path,
    file: Option<PathBuf>,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    let to = file.unwrap_or_else(|| backup::dated_path(db, &now));
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        if to.starts_with(backup::folder(db)) {
            crate::files::private_dir(dir)?;
        } else {
            return Ok(refuse(&format!(
                "the folder {} does not exist; create it first, or name another file",
                dir.display()
            )));
        }
    }
    match backup::write(conn, &to) {
        Ok(()) => {
            out.line(format!("Copied {} to {}.", db.display(), to.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => Ok(refuse(&why)),
    }
}

/// `list25 restore FILE`: checked, the current database kept, then replaced.
pub fn restore(
    conn: &mut Connection,
    out: &mut Out,
    db: &Path,
    from: &Path,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    match backup::restore(conn, db, from, &now) {
        Ok(done) => {
            out.line(format!(
                "Restored {} from {} ({} contacts).",
                db.display(),
                from.display(),
                done.contacts
            ))?;
            out.line(format!(
                "The database as it was is kept in {}.",
                done.aside.display()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => Ok(refuse(&format!("{why}. Nothing was restored."))),
    }
}

/// Today's copy made on another thread, with its own connection: what to
/// say if it could not be made arrives on the channel.
pub fn daily_aside(db: &Path, today: NaiveDate) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let db = db.to_path_buf();
    let made = std::thread::Builder::new()
        .name("daily backup".into())
        .spawn(move || {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
            let copied = Connection::open_with_flags(&db, flags)
                .map_err(|e| e.to_string())
                .and_then(|conn| {
                    conn.busy_timeout(std::time::Duration::from_secs(5))
                        .map_err(|e| e.to_string())?;
                    backup::daily(&conn, &db, today)
                });
            if let Err(why) = copied {
                let _ = tx.send(format!("Today's backup was not made: {why}"));
            }
        });
    if let Err(e) = made {
        let (tx, rx) = std::sync::mpsc::channel();
        let _ = tx.send(format!("Today's backup was not made: {e}"));
        return rx;
    }
    rx
}

/// Today's copy, if none was made yet. A copy that cannot be made is said,
/// and the command goes on.
pub fn daily(conn: &Connection, db: &Path, today: NaiveDate) {
    if let Err(why) = backup::daily(conn, db, today) {
        say(&format!("today's backup was not made: {why}"));
    }
}
