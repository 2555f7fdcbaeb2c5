//! Program progress: the start date, ticked tasks and day notes.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::{TIMESTAMP_FORMAT, settings};
use crate::domain::TaskRef;

const START_KEY: &str = "program_start";

pub fn start_date(conn: &Connection) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(
        settings::get(conn, START_KEY)?
            .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()),
    )
}

pub fn set_start_date(conn: &Connection, date: NaiveDate) -> rusqlite::Result<()> {
    settings::set(conn, START_KEY, &date.format("%Y-%m-%d").to_string())
}

/// Set the start date unless another process set it first.
pub fn set_start_date_if_unset(conn: &Connection, date: NaiveDate) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO NOTHING",
        params![START_KEY, date.format("%Y-%m-%d").to_string()],
    )?;
    Ok(())
}

/// Every task ticked by hand, with the moment it was ticked.
pub fn done_tasks(conn: &Connection) -> rusqlite::Result<BTreeMap<TaskRef, NaiveDateTime>> {
    marked_tasks(conn, Mark::Done)
}

/// The tasks skipped, with when.
pub fn skipped_tasks(conn: &Connection) -> rusqlite::Result<BTreeMap<TaskRef, NaiveDateTime>> {
    marked_tasks(conn, Mark::Skipped)
}

fn marked_tasks(
    conn: &Connection,
    mark: Mark,
) -> rusqlite::Result<BTreeMap<TaskRef, NaiveDateTime>> {
    let (table, column) = mark.table_and_column();
    let mut stmt = conn.prepare_cached(&format!("SELECT day, task, {column} FROM {table}"))?;
    let rows = stmt.query_map([], |r| {
        let day: u8 = r.get(0)?;
        let key: String = r.get(1)?;
        let at: String = r.get(2)?;
        Ok((TaskRef { day, key }, at))
    })?;
    let mut done = BTreeMap::new();
    for row in rows {
        let (task, at) = row?;
        if let Ok(at) = NaiveDateTime::parse_from_str(&at, TIMESTAMP_FORMAT) {
            done.insert(task, at);
        }
    }
    Ok(done)
}

/// Tick (`Some(moment)`) or untick (`None`) a task.
pub fn set_done(
    conn: &Connection,
    task: &TaskRef,
    at: Option<NaiveDateTime>,
) -> rusqlite::Result<()> {
    mark(conn, Mark::Done, task, at)
}

/// Skip (`Some(moment)`) a task, or bring it back (`None`).
pub fn set_skipped(
    conn: &Connection,
    task: &TaskRef,
    at: Option<NaiveDateTime>,
) -> rusqlite::Result<()> {
    mark(conn, Mark::Skipped, task, at)
}

/// The two marks a task can carry, each a table of (day, task, moment).
#[derive(Clone, Copy)]
enum Mark {
    Done,
    Skipped,
}

impl Mark {
    fn table_and_column(self) -> (&'static str, &'static str) {
        match self {
            Mark::Done => ("task_done", "done_at"),
            Mark::Skipped => ("task_skipped", "skipped_at"),
        }
    }
}

/// Put `mark` on a task at a moment, or take it off (`None`).
fn mark(
    conn: &Connection,
    mark: Mark,
    task: &TaskRef,
    at: Option<NaiveDateTime>,
) -> rusqlite::Result<()> {
    let (table, column) = mark.table_and_column();
    match at {
        Some(at) => conn.execute(
            &format!(
                "INSERT INTO {table} (day, task, {column}) VALUES (?1, ?2, ?3)
                 ON CONFLICT(day, task) DO UPDATE SET {column} = excluded.{column}"
            ),
            params![task.day, task.key, at.format(TIMESTAMP_FORMAT).to_string()],
        )?,
        None => conn.execute(
            &format!("DELETE FROM {table} WHERE day = ?1 AND task = ?2"),
            params![task.day, task.key],
        )?,
    };
    Ok(())
}

pub fn notes(conn: &Connection) -> rusqlite::Result<BTreeMap<u8, String>> {
    let mut stmt = conn.prepare_cached("SELECT day, text FROM day_note")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, String>(1)?)))?;
    rows.collect()
}

/// Save the note of day `day`; an empty note is removed.
pub fn set_note(
    conn: &Connection,
    day: u8,
    text: &str,
    now: &NaiveDateTime,
) -> rusqlite::Result<()> {
    if text.trim().is_empty() {
        conn.execute("DELETE FROM day_note WHERE day = ?1", [day])?;
    } else {
        conn.execute(
            "INSERT INTO day_note (day, text, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(day) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            params![day, text, now.format(TIMESTAMP_FORMAT).to_string()],
        )?;
    }
    Ok(())
}

/// The note of day `day`, empty when there is none.
pub fn note(conn: &Connection, day: u8) -> rusqlite::Result<String> {
    Ok(conn
        .query_row("SELECT text FROM day_note WHERE day = ?1", [day], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default())
}

/// What saving a note did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteSaved {
    /// Stored as written.
    AsWritten,
    /// The note had been changed elsewhere since it was shown: both are
    /// kept, this one first, in the text given.
    Merged(String),
}

/// Save the note of day `day` written over `shown` (the note as it was
/// when the editor opened). If another window changed it meanwhile, both
/// texts are kept rather than one silently winning.
pub fn save_note(
    conn: &Connection,
    day: u8,
    text: &str,
    shown: &str,
    now: &NaiveDateTime,
) -> rusqlite::Result<NoteSaved> {
    let tx = conn.unchecked_transaction()?;
    let stored = note(&tx, day)?;
    let result = if stored == shown || stored.trim() == text.trim() || stored.trim().is_empty() {
        set_note(&tx, day, text, now)?;
        NoteSaved::AsWritten
    } else {
        let both = format!(
            "{}\n\n(Written in another window:)\n{}",
            text.trim_end(),
            stored.trim_end()
        );
        set_note(&tx, day, &both, now)?;
        NoteSaved::Merged(both)
    };
    tx.commit()?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;

    #[test]
    fn a_note_changed_elsewhere_keeps_both_texts() {
        let now = parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(8, 0, 0)
            .expect("time");
        let conn = crate::store::open_in_memory(now.date()).expect("open");
        set_note(&conn, 1, "first", &now).expect("set");
        assert_eq!(
            save_note(&conn, 1, "first, then mine", "first", &now).expect("save"),
            NoteSaved::AsWritten
        );
        // Another window wrote "theirs" after this one showed "first, then mine".
        set_note(&conn, 1, "theirs", &now).expect("set");
        let saved = save_note(&conn, 1, "mine again", "first, then mine", &now).expect("save");
        let NoteSaved::Merged(both) = saved else {
            panic!("merged: {saved:?}");
        };
        assert!(
            both.starts_with("mine again") && both.ends_with("theirs"),
            "{both}"
        );
        assert_eq!(note(&conn, 1).expect("note"), both);
    }
    use crate::store::open_in_memory;

    fn today() -> NaiveDate {
        parse_date("2026-11-22").expect("date")
    }

    #[test]
    fn start_date_is_set_at_creation_and_can_change() {
        let conn = open_in_memory(today()).expect("open");
        assert_eq!(start_date(&conn).expect("read"), Some(today()));
        let later = parse_date("2026-12-01").expect("date");
        set_start_date(&conn, later).expect("write");
        assert_eq!(start_date(&conn).expect("read"), Some(later));
    }

    #[test]
    fn ticks_keep_their_moment_and_can_be_undone() {
        let conn = open_in_memory(today()).expect("open");
        let task = TaskRef {
            day: 3,
            key: "count-clients".into(),
        };
        let at = today().and_hms_opt(8, 30, 5).expect("time");
        set_done(&conn, &task, Some(at)).expect("tick");
        assert_eq!(done_tasks(&conn).expect("read").get(&task), Some(&at));
        set_done(&conn, &task, None).expect("untick");
        assert!(done_tasks(&conn).expect("read").is_empty());
    }

    #[test]
    fn skips_keep_their_moment_apart_from_ticks_and_can_be_undone() {
        let conn = open_in_memory(today()).expect("open");
        let task = TaskRef {
            day: 3,
            key: "count-clients".into(),
        };
        let at = today().and_hms_opt(8, 30, 5).expect("time");
        set_skipped(&conn, &task, Some(at)).expect("skip");
        assert_eq!(skipped_tasks(&conn).expect("read").get(&task), Some(&at));
        assert!(done_tasks(&conn).expect("read").is_empty(), "not done");
        set_skipped(&conn, &task, None).expect("unskip");
        assert!(skipped_tasks(&conn).expect("read").is_empty());
    }

    #[test]
    fn days_outside_the_program_are_refused_by_the_schema() {
        let conn = open_in_memory(today()).expect("open");
        let task = TaskRef {
            day: 26,
            key: "x".into(),
        };
        assert!(set_done(&conn, &task, Some(today().and_hms_opt(1, 0, 0).expect("t"))).is_err());
    }

    #[test]
    fn notes_are_saved_replaced_and_cleared() {
        let conn = open_in_memory(today()).expect("open");
        let now = today().and_hms_opt(9, 0, 0).expect("time");
        set_note(&conn, 2, "Ask Ana about printers 🖨️", &now).expect("save");
        set_note(&conn, 2, "Ask Ana about printers, then Bo", &now).expect("replace");
        assert_eq!(
            notes(&conn).expect("read").get(&2).map(String::as_str),
            Some("Ask Ana about printers, then Bo")
        );
        set_note(&conn, 2, "  ", &now).expect("clear");
        assert!(notes(&conn).expect("read").is_empty());
    }
}
