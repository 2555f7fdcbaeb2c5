//! What the store's tests of the journey, asks and events share: the
//! pinned day and a person added.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::domain::{ContactDraft, parse_date};

pub fn day(text: &str) -> NaiveDate {
    parse_date(text).expect("date")
}

/// 2026-11-24 at 09:00, when these tests write.
pub fn now() -> NaiveDateTime {
    day("2026-11-24").and_hms_opt(9, 0, 0).expect("time")
}

/// Add a person in no category; their id.
pub fn person(conn: &Connection, name: &str) -> i64 {
    let draft = ContactDraft::named(name).expect("draft");
    super::contact::add(conn, None, &draft, &now()).expect("add")
}

/// Make what `f` writes one change, as a key in a window does.
pub fn recorded<T>(conn: &Connection, f: impl FnOnce() -> T) -> T {
    super::undo::begin(conn, "test window", "a change", "2026-11-24 09:00:00").expect("begin");
    let out = f();
    super::undo::end(conn).expect("end");
    out
}

/// `u` in that window: the last change taken back, or why not.
pub fn undo(conn: &Connection) -> Result<(), super::WriteError> {
    match super::undo::undo(conn, "test window", "2026-11-24 09:00:01")? {
        Some(_) => Ok(()),
        None => Err(super::WriteError::Refused("nothing to undo".into())),
    }
}
