//! The client journey: the template, and the touchpoints and the ask
//! planned when a person becomes a client (or dropped when they stop
//! being one); touchpoints listed, done, skipped and moved.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::{date, date_text, write_touch};
use super::thanks::stamp;
use super::{Live, WriteError, must_be_live, settings};
use crate::domain::journey::{self, DEFAULT_ASK_DAYS, How, MAX_DAYS, Step, Touchpoint};

/// The setting for how many days after becoming a client the ask falls.
pub const ASK_DAYS: &str = "ask_days";

/// The setting holding the day the user last saved the journey template.
pub const JOURNEY_SAVED: &str = "journey_saved";

/// Days after becoming a client that the first ask falls (a setting).
pub fn ask_days(conn: &Connection) -> rusqlite::Result<u32> {
    Ok(settings::get(conn, ASK_DAYS)?
        .and_then(|v| v.parse().ok())
        .filter(|&n: &u32| n <= MAX_DAYS)
        .unwrap_or(DEFAULT_ASK_DAYS))
}

/// The journey template: as the user saved it, else the one shipped.
pub fn template(conn: &Connection) -> rusqlite::Result<Vec<Step>> {
    let mut stmt = conn
        .prepare_cached("SELECT title, how, after_days FROM journey_step ORDER BY position, id")?;
    let steps: Vec<Step> = stmt
        .query_map([], |r| {
            let how: String = r.get(1)?;
            Ok(Step {
                title: r.get(0)?,
                how: How::parse(&how).unwrap_or(How::Card),
                after_days: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if steps.is_empty() {
        return Ok(journey::builtin().unwrap_or_default());
    }
    Ok(steps)
}

/// Whether the user has set the template (saved it at least once).
pub fn template_set(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(settings::get(conn, JOURNEY_SAVED)?.is_some())
}

/// Save the template: new clients get these steps from now on; those
/// already planned keep theirs.
pub fn set_template(conn: &Connection, steps: &[Step], today: NaiveDate) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute("DELETE FROM journey_step", [])?;
    for (i, s) in steps.iter().enumerate() {
        tx.execute(
            "INSERT INTO journey_step (position, title, how, after_days) VALUES (?1, ?2, ?3, ?4)",
            params![
                i64::try_from(i).unwrap_or(0),
                s.title,
                s.how.as_str(),
                s.after_days
            ],
        )?;
    }
    settings::set(&tx, JOURNEY_SAVED, &date_text(today))?;
    tx.commit()
}

/// A contact's client date changed from `before` to `after`, within the
/// caller's transaction, on `today`. A new client gets the journey's
/// touchpoints and an ask planned; one who is no longer a client loses
/// what was planned and not done yet (what was done stays).
pub(crate) fn client_changed(
    tx: &Connection,
    id: i64,
    before: Option<NaiveDate>,
    after: Option<NaiveDate>,
    now: &NaiveDateTime,
) -> rusqlite::Result<()> {
    match (before, after) {
        (None, Some(since)) => plan_client(tx, id, since, now),
        (Some(_), None) => {
            tx.execute(
                "DELETE FROM touchpoint WHERE client_id = ?1 AND done_on IS NULL",
                [id],
            )?;
            tx.execute(
                "DELETE FROM ask WHERE client_id = ?1 AND asked_on IS NULL",
                [id],
            )?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Plan a new client's journey and first ask.
fn plan_client(
    tx: &Connection,
    id: i64,
    since: NaiveDate,
    now: &NaiveDateTime,
) -> rusqlite::Result<()> {
    let today = now.date();
    let steps = template(tx)?;
    for (position, step, due) in journey::plan(&steps, since, today) {
        tx.execute(
            "INSERT INTO touchpoint (client_id, position, title, how, due, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                i64::try_from(position).unwrap_or(0),
                step.title,
                step.how.as_str(),
                due.map(date_text),
                stamp(now)
            ],
        )?;
    }
    let due = journey::first_ask(since, ask_days(tx)?, today);
    tx.execute(
        "INSERT INTO ask (client_id, due, reason, created_at) VALUES (?1, ?2, 'planned', ?3)
         ON CONFLICT DO NOTHING",
        params![id, date_text(due), stamp(now)],
    )?;
    Ok(())
}

/// The client date of a contact, before a write changes it.
pub(super) fn client_since(tx: &Connection, id: i64) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(tx
        .query_row(
            "SELECT client_since FROM contact WHERE id = ?1",
            [id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .and_then(date))
}

const SELECT: &str = "SELECT t.id, t.client_id, c.name, t.position, t.title, t.how, t.due,
        t.done_on, t.skipped_on
    FROM touchpoint t JOIN contact c ON c.id = t.client_id";

fn from_row(r: &Row) -> rusqlite::Result<Touchpoint> {
    let how: String = r.get(5)?;
    Ok(Touchpoint {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client: r.get(2)?,
        position: r.get(3)?,
        title: r.get(4)?,
        how: How::parse(&how).unwrap_or(How::Card),
        due: date(r.get(6)?),
        done: date(r.get(7)?),
        skipped: date(r.get(8)?),
    })
}

const OPEN: &str = "t.done_on IS NULL AND t.skipped_on IS NULL AND c.deleted_at IS NULL";

/// Touchpoints due on or before `today` and not done, the most overdue
/// first, at most `limit` (in the index's order: a client's steps were
/// made in the template's order, so their ids follow it).
pub fn due(conn: &Connection, today: NaiveDate, limit: u32) -> rusqlite::Result<Vec<Touchpoint>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {OPEN} AND t.due <= ?1 ORDER BY t.due, t.client_id, t.id LIMIT ?2"
    ))?;
    stmt.query_map(params![date_text(today), limit], from_row)?
        .collect()
}

/// How many touchpoints are due on or before `today`. (The few contacts
/// deleted are read from their index once, not each client looked up.)
pub fn due_count(conn: &Connection, today: NaiveDate) -> rusqlite::Result<u32> {
    conn.query_row(
        &format!(
            "SELECT count(*) FROM touchpoint t
             WHERE t.done_on IS NULL AND t.skipped_on IS NULL AND t.due <= ?1
               AND t.client_id NOT IN ({DELETED})"
        ),
        [date_text(today)],
        |r| r.get(0),
    )
}

/// The contacts deleted, read from their own index.
pub(super) const DELETED: &str = "SELECT id FROM contact WHERE deleted_at IS NOT NULL";

/// Every touchpoint not done or skipped yet, by date (milestones not
/// dated last), at most `limit`.
pub fn upcoming(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<Touchpoint>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {OPEN} ORDER BY t.due IS NULL, t.due, t.client_id, t.position LIMIT ?1"
    ))?;
    stmt.query_map([limit], from_row)?.collect()
}

/// A client's touchpoints, in the template's order.
pub fn for_client(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Touchpoint>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE t.client_id = ?1 ORDER BY t.position, t.id"
    ))?;
    stmt.query_map([id], from_row)?.collect()
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Touchpoint>> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()
}

/// The touchpoint `id`, still open and its client live, or why not.
fn open_one(tx: &Connection, id: i64) -> Result<Touchpoint, WriteError> {
    let Some(t) = get(tx, id)? else {
        return Err(WriteError::Refused(format!(
            "There is no touchpoint #{id}; `list25 touchpoint list` shows their numbers."
        )));
    };
    must_be_live(tx, Live::Contact(t.client_id))?;
    if let Some(d) = t.done {
        return Err(WriteError::Refused(format!(
            "Touchpoint #{id} ({}) was done on {d}; nothing was changed.",
            t.title
        )));
    }
    if let Some(d) = t.skipped {
        return Err(WriteError::Refused(format!(
            "Touchpoint #{id} ({}) was skipped on {d}; nothing was changed.",
            t.title
        )));
    }
    Ok(t)
}

/// Mark a touchpoint done on `on`: a touch of its kind is logged with the
/// client, with `note` (the step's title when empty).
pub fn done(
    conn: &Connection,
    id: i64,
    on: NaiveDate,
    note: &str,
    now: &NaiveDateTime,
) -> Result<Touchpoint, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let t = open_one(&tx, id)?;
    let note = if note.trim().is_empty() {
        t.title.clone()
    } else {
        note.trim().to_owned()
    };
    let touch = write_touch(&tx, t.client_id, t.how.touch(), on, &note, now)?;
    tx.execute(
        "UPDATE touchpoint SET done_on = ?2, touch_id = ?3 WHERE id = ?1",
        params![id, date_text(on), touch],
    )?;
    tx.commit()?;
    Ok(t)
}

/// Skip a touchpoint for this client.
pub fn skip(conn: &Connection, id: i64, on: NaiveDate) -> Result<Touchpoint, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let t = open_one(&tx, id)?;
    tx.execute(
        "UPDATE touchpoint SET skipped_on = ?2 WHERE id = ?1",
        params![id, date_text(on)],
    )?;
    tx.commit()?;
    Ok(t)
}

/// Move a touchpoint to `due` (a milestone is dated this way).
pub fn move_to(conn: &Connection, id: i64, due: NaiveDate) -> Result<Touchpoint, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let t = open_one(&tx, id)?;
    tx.execute(
        "UPDATE touchpoint SET due = ?2 WHERE id = ?1",
        params![id, date_text(due)],
    )?;
    tx.commit()?;
    Ok(t)
}

/// How many clients have had the template's first step (the welcome)
/// done.
pub fn welcomes_done(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row(
        &format!(
            "SELECT count(DISTINCT client_id) FROM touchpoint
             WHERE position = 0 AND done_on IS NOT NULL AND client_id NOT IN ({DELETED})"
        ),
        [],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests;
