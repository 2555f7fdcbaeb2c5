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
