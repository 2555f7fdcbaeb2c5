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

/// The name of the copy made on `day`.
fn daily_name(day: NaiveDate) -> String {
    format!("list25-{}.db", day.format("%Y-%m-%d"))
}

/// The day a daily copy's name says, if it is one.
fn daily_day(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix("list25-")?.strip_suffix(".db")?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Copy the database `conn` holds to `to`, which must not exist yet. The
/// copy is made beside it and renamed into place, so `to` is never half
/// written.
pub fn write(conn: &Connection, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!(
            "{} already exists; give another name, or remove it first",
            to.display()
        ));
    }
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let made = conn
        .backup(MAIN_DB, &partial, None)
        .map_err(|e| e.to_string())
        .and_then(|()| std::fs::rename(&partial, to).map_err(|e| e.to_string()));
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
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
    let path = dir.join(daily_name(today));
    if path.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot make the folder {}: {e}", dir.display()))?;
    write(conn, &path)?;
    prune(&dir);
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

/// Take away the daily copies `kept` does not keep. Copies made by hand
/// (named by the moment, or anything else) are never touched.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let days: Vec<NaiveDate> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| daily_day(&e.file_name().to_string_lossy()))
        .collect();
    let keep = kept(days.clone());
    for d in days {
        if !keep.contains(&d) {
            let _ = std::fs::remove_file(dir.join(daily_name(d)));
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
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot make the folder {}: {e}", dir.display()))?;
    let aside = dir.join(format!(
        "list25-before-restore-{}.db",
        now.format("%Y-%m-%d-%H%M%S")
    ));
    write(conn, &aside)?;
    conn.restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| format!("cannot restore from {}: {e}", from.display()))?;
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
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
        assert_eq!(daily_day("list25-2026-11-24.db"), Some(d("2026-11-24")));
        assert_eq!(daily_day("list25-2026-11-24-101500.db"), None);
        assert_eq!(
            daily_day("list25-before-restore-2026-11-24-101500.db"),
            None
        );
        assert_eq!(daily_day("notes.txt"), None);
    }
}
