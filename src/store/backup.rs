//! Copies of the database: made with SQLite's online backup, so they are
//! whole and consistent even while another window writes; one a day
//! without asking, in `backups/` beside the database; and a restore that
//! checks what it is given and keeps the database it replaces.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, MAIN_DB};

use super::open::{check_ours, open_with};
use super::{Access, Options};

/// The folder beside the database that holds its copies.
pub fn folder(db: &Path) -> PathBuf {
    super::open_error::folder_of(db).join("backups")
}

/// How many daily copies, and weekly ones before them, are kept.
pub const DAILY_KEPT: usize = 7;
pub const WEEKLY_KEPT: usize = 4;

/// What the copies of the database at `db` are named after: its file name
/// without `.db` ("list25" for list25.db), so that two databases in one
/// folder each keep copies of their own.
fn stem(db: &Path) -> String {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "list25".into());
    match name.strip_suffix(".db") {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => name,
    }
}

/// The name of the copy of the database `stem` made on `day`.
fn daily_name(stem: &str, day: NaiveDate) -> String {
    format!("{stem}-{}.db", day.format("%Y-%m-%d"))
}

/// The day a daily copy of the database `stem` is of, if `name` is one.
fn daily_day(stem: &str, name: &str) -> Option<NaiveDate> {
    let day = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Copy the database `conn` holds to `to`, which must not exist yet. The
/// copy is made beside it and renamed into place, so `to` is never half
/// written.
pub fn write(conn: &Connection, to: &Path) -> Result<(), String> {
    let taken = || {
        format!(
            "{} already exists; give another name, or remove it first",
            to.display()
        )
    };
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(taken());
    }
    // A new file under a name nothing had, its owner's only: SQLite makes
    // the copy in it (an empty file is a new database to it).
    let (file, partial) = crate::files::temp_beside(to)
        .map_err(|e| format!("cannot write the copy {}: {e}", to.display()))?;
    drop(file);
    let made = conn
        .backup(MAIN_DB, &partial, None)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            // Linked in under its name, which fails if anything took the
            // name meanwhile; a file system without links is renamed into.
            match std::fs::hard_link(&partial, to) {
                Ok(()) => std::fs::remove_file(&partial).map_err(|e| e.to_string()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(taken()),
                Err(_) if std::fs::symlink_metadata(to).is_ok() => Err(taken()),
                Err(_) => std::fs::rename(&partial, to).map_err(|e| e.to_string()),
            }
        });
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    crate::files::sync_folder(to);
    made.map_err(|why| format!("cannot write the copy {}: {why}", to.display()))
}

/// The copy `list25 backup` makes when no file is named: in the backups
/// folder, named by the moment.
pub fn dated_path(db: &Path, now: &NaiveDateTime) -> PathBuf {
    folder(db).join(format!("list25-{}.db", now.format("%Y-%m-%d-%H%M%S")))
}

/// Today's copy, made if there is none yet, and the old daily copies
/// beyond the last 7 days and 4 weeks taken away. The path of the copy
/// made, if one was.
pub fn daily(conn: &Connection, db: &Path, today: NaiveDate) -> Result<Option<PathBuf>, String> {
    let dir = folder(db);
    let stem = stem(db);
    let path = dir.join(daily_name(&stem, today));
    if path.exists() {
        return Ok(None);
    }
    crate::files::private_dir(&dir)
        .map_err(|e| format!("cannot make the folder {}: {e}", dir.display()))?;
    write(conn, &path)?;
    prune(&dir, &stem, today);
    Ok(Some(path))
}

/// The daily copies to keep among those of `days`: the newest 7, then the
/// newest of each of the 4 weeks before theirs.
pub fn kept(mut days: Vec<NaiveDate>) -> Vec<NaiveDate> {
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    let week = |d: &NaiveDate| (d.iso_week().year(), d.iso_week().week());
    let mut keep: Vec<NaiveDate> = days.iter().take(DAILY_KEPT).copied().collect();
    // A week that has a daily copy needs no weekly one.
    let covered: Vec<(i32, u32)> = keep.iter().map(week).collect();
    let mut weeks = Vec::new();
    for d in days.iter().skip(DAILY_KEPT) {
        let w = week(d);
        if weeks.len() < WEEKLY_KEPT && !weeks.contains(&w) && !covered.contains(&w) {
            weeks.push(w);
            keep.push(*d);
        }
    }
    keep
}

/// Take away the daily copies of the database `stem` that `kept` does not
/// keep, counting back from `today`. Copies made by hand (named by the
/// moment, or anything else), another database's, and any dated after
/// today (by a run told another day) are never touched, nor counted.
fn prune(dir: &Path, stem: &str, today: NaiveDate) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let days: Vec<NaiveDate> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| daily_day(stem, &e.file_name().to_string_lossy()))
        .filter(|d| *d <= today)
        .collect();
    let keep = kept(days.clone());
    for d in days {
        if !keep.contains(&d) {
            let _ = std::fs::remove_file(dir.join(daily_name(stem, d)));
        }
    }
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The database as it was before, kept.
    pub aside: PathBuf,
    /// How many contacts the restored database holds.
    pub contacts: i64,
}

/// Replace the database at `db` (open as `conn`) with the copy `from`,
/// after checking that `from` is a whole list25 database and keeping the
/// current one in the backups folder. Nothing changes when `from` is
/// refused.
pub fn restore(
    conn: &mut Connection,
    db: &Path,
    from: &Path,
    now: &NaiveDateTime,
) -> Result<Restored, String> {
    if !from.exists() {
        return Err(format!("there is no file {}", from.display()));
    }
    if !from.is_file() {
        return Err(format!(
            "{} is not a regular file (a folder, a pipe or a device)",
            from.display()
        ));
    }
    if same_file(db, from) {
        return Err(format!(
            "{} is the database itself; name a copy of it",
            from.display()
        ));
    }
    check_ours(from).map_err(|e| e.to_string())?;
    let dir = folder(db);
    crate::files::private_dir(&dir)
        .map_err(|e| format!("cannot make the folder {}: {e}", dir.display()))?;
    // Two restores in one second keep two copies, not one.
    let moment = now.format("%Y-%m-%d-%H%M%S");
    let aside = (1..)
        .map(|n| {
            let again = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{}-before-restore-{moment}{again}.db", stem(db)))
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_default();
    write(conn, &aside)?;
    restore_into(conn, from)?;
    // An older copy is brought up to this version's schema.
    let fresh = open_with(
        db,
        now.date(),
        Options {
            access: Access::Write,
            create_folder: false,
        },
    )
    .map_err(|e| e.to_string())?;
    let contacts = fresh
        .query_row(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    Ok(Restored { aside, contacts })
}

fn same_file(a: &Path, b: &Path) -> bool {
    crate::files::same_file(a, b)
}

/// Copy the database file `from` into the live one. A copy made with
/// another page size cannot be copied into a database in WAL mode as it
/// is: it is first copied, as a rollback-journal file, beside the live
/// database, given its page size, and that is copied in.
fn restore_into(conn: &mut Connection, from: &Path) -> Result<(), String> {
    let fail = |e: rusqlite::Error| format!("cannot restore from {}: {e}", from.display());
    let page_size = |c: &Connection| c.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
    let theirs = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| page_size(&c))
        .map_err(fail)?;
    let ours = page_size(conn).map_err(fail)?;
    if theirs == ours {
        return conn
            .restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
            .map_err(fail);
    }
    let db = conn.path().map(PathBuf::from).unwrap_or_default();
    let (file, temp) = crate::files::temp_beside(&db)
        .map_err(|e| format!("cannot restore from {}: {e}", from.display()))?;
    drop(file);
    let resized = (|| {
        let mut t = Connection::open(&temp)?;
        t.restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)?;
        t.pragma_update(None, "journal_mode", "DELETE")?;
        t.pragma_update(None, "page_size", ours)?;
        t.execute_batch("VACUUM")?;
        drop(t);
        conn.restore(MAIN_DB, &temp, None::<fn(rusqlite::backup::Progress)>)
    })();
    let _ = std::fs::remove_file(&temp);
    for side in ["-journal", "-wal", "-shm"] {
        let mut p = temp.as_os_str().to_owned();
        p.push(side);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    resized.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).expect("date")
    }

    #[test]
    fn seven_days_and_four_weeks_are_kept() {
        // Every day from 1 Oct to 24 Nov.
        let days: Vec<NaiveDate> = d("2026-10-01")
            .iter_days()
            .take_while(|x| *x <= d("2026-11-24"))
            .collect();
        let mut keep = kept(days);
        keep.sort();
        let shown: Vec<String> = keep.iter().map(|x| x.format("%m-%d").to_string()).collect();
        // 18-24 Nov daily; then the newest day of the weeks of 9, 2 Nov,
        // 26 Oct and 19 Oct (Sundays 15, 8, 1 Nov and 25 Oct).
        assert_eq!(
            shown,
            [
                "10-25", "11-01", "11-08", "11-15", "11-18", "11-19", "11-20", "11-21", "11-22",
                "11-23", "11-24"
            ]
        );
    }

    #[test]
    fn names_of_daily_copies_only_are_read_as_days() {
        assert_eq!(
            daily_day("list25", "list25-2026-11-24.db"),
            Some(d("2026-11-24"))
        );
        assert_eq!(daily_day("list25", "list25-2026-11-24-101500.db"), None);
        assert_eq!(
            daily_day("list25", "list25-before-restore-2026-11-24-101500.db"),
            None
        );
        assert_eq!(daily_day("list25", "notes.txt"), None);
        assert_eq!(daily_day("list25", "work-2026-11-24.db"), None, "another's");
        assert_eq!(
            daily_day("work", "work-2026-11-24.db"),
            Some(d("2026-11-24"))
        );
        assert_eq!(stem(Path::new("/x/list25.db")), "list25");
        assert_eq!(stem(Path::new("/x/work")), "work");
    }
}
