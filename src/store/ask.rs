//! Referral asks: planned for each client, moved to today when a problem
//! is solved, and recorded with what the client said. Names given become
//! referrals received from the client, each with its thank-you owed.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::{date, date_text};
use super::journey::DELETED;
use super::referral::{Person, ReferralDraft};
use super::thanks::stamp;
use super::{Live, WriteError, must_be_live};
use crate::domain::Direction;
use crate::domain::journey::{self, Ask, AskReason, Outcome};

const SELECT: &str = "SELECT a.id, a.client_id, c.name, a.due, a.reason, a.asked_on, a.outcome
    FROM ask a JOIN contact c ON c.id = a.client_id";

const PLANNED: &str = "a.asked_on IS NULL AND c.deleted_at IS NULL AND c.client_since IS NOT NULL";

fn from_row(r: &Row) -> rusqlite::Result<Ask> {
    let reason: String = r.get(4)?;
    let asked = date(r.get(5)?);
    let outcome: Option<String> = r.get(6)?;
    Ok(Ask {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client: r.get(2)?,
        due: date(r.get(3)?).unwrap_or_default(),
        reason: AskReason::parse(&reason),
        asked: asked.zip(outcome.and_then(|o| Outcome::parse(&o).ok())),
    })
}

/// Every ask planned and not made yet, the soonest first, at most `limit`.
pub fn planned(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<Ask>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {PLANNED} ORDER BY a.due, c.name, a.id LIMIT ?1"
    ))?;
    stmt.query_map([limit], from_row)?.collect()
}

/// Asks due on or before `today`, the most overdue first, at most `limit`
/// (in the index's order: read no further than the limit).
pub fn due(conn: &Connection, today: NaiveDate, limit: u32) -> rusqlite::Result<Vec<Ask>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {PLANNED} AND a.due <= ?1 ORDER BY a.due, a.client_id, a.id LIMIT ?2"
    ))?;
    stmt.query_map(params![date_text(today), limit], from_row)?
        .collect()
}

/// How many asks are due on or before `today`. An ask is planned only for
/// a client (one who stops being a client loses it), so only whether the
/// client was deleted is looked up, once.
pub fn due_count(conn: &Connection, today: NaiveDate) -> rusqlite::Result<u32> {
    conn.query_row(
        &format!(
            "SELECT count(*) FROM ask a
             WHERE a.asked_on IS NULL AND a.due <= ?1 AND a.client_id NOT IN ({DELETED})"
        ),
        [date_text(today)],
        |r| r.get(0),
    )
}

/// A client's asks, the oldest first; the one planned, if any, last.
pub fn for_client(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Ask>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE a.client_id = ?1 ORDER BY a.asked_on IS NULL, a.asked_on, a.id"
    ))?;
    stmt.query_map([id], from_row)?.collect()
}

/// The ask planned for a client, if one is.
pub fn planned_for(conn: &Connection, id: i64) -> rusqlite::Result<Option<Ask>> {
    conn.query_row(
        &format!("{SELECT} WHERE a.client_id = ?1 AND a.asked_on IS NULL"),
        [id],
        from_row,
    )
    .optional()
}

/// How many clients there are, and how many of them have an ask planned.
pub fn clients_planned(conn: &Connection) -> rusqlite::Result<(u32, u32)> {
    conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM contact
                     WHERE deleted_at IS NULL AND client_since IS NOT NULL),
                    (SELECT count(*) FROM ask
                     WHERE asked_on IS NULL AND client_id NOT IN ({DELETED}))"
        ),
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The client `id`, live and a client, by name; or why not.
fn client_name(tx: &Connection, id: i64) -> Result<String, WriteError> {
    must_be_live(tx, Live::Contact(id))?;
    let (name, since): (String, Option<String>) = tx.query_row(
        "SELECT name, client_since FROM contact WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if since.is_none() {
        return Err(WriteError::Refused(format!(
            "{name} is not a client; make them one first (C in Contacts, or `list25 client`)."
        )));
    }
    Ok(name)
}

/// Plan the client's ask for `due` (moving the one planned), for `reason`.
fn set_planned(
    tx: &Connection,
    id: i64,
    due: NaiveDate,
    reason: AskReason,
    now: &NaiveDateTime,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO ask (client_id, due, reason, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (client_id) WHERE asked_on IS NULL
         DO UPDATE SET due = excluded.due, reason = excluded.reason",
        params![id, date_text(due), reason.as_str(), stamp(now)],
    )?;
    Ok(())
}

/// A problem was solved for the client: their ask moves to `today`, the
/// best moment there is. Returns the client's name.
pub fn solved(
    conn: &Connection,
    id: i64,
    today: NaiveDate,
    now: &NaiveDateTime,
) -> Result<String, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let name = client_name(&tx, id)?;
    set_planned(&tx, id, today, AskReason::Solved, now)?;
    tx.commit()?;
    Ok(name)
}

/// Plan the client's ask for `due`, by hand. Returns the client's name.
pub fn plan(
    conn: &Connection,
    id: i64,
    due: NaiveDate,
    now: &NaiveDateTime,
) -> Result<String, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let name = client_name(&tx, id)?;
    set_planned(&tx, id, due, AskReason::Moved, now)?;
    tx.commit()?;
    Ok(name)
}

/// What recording an ask did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub client: String,
    /// The referrals received from the names given: (referral, person).
    pub referrals: Vec<(i64, i64)>,
    /// When the next ask falls.
    pub next: NaiveDate,
}

/// What a client said when asked.
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    pub outcome: Outcome,
    /// The people they named (with `Outcome::Names` only).
    pub names: &'a [Person],
    /// When they were asked.
    pub on: NaiveDate,
    /// After "not now": ask again this many days later.
    pub again: u32,
    /// The planned ask this answers, when the screen showed one: refused
    /// if another window recorded it meanwhile.
    pub ask: Option<i64>,
}

/// Record that the client was asked and what they said. Names (only with
/// `Outcome::Names`, and at least one) become referrals received from the
/// client, each with its thank-you owed. The next ask is planned: after
/// names, after `again` days for "not now", after six months for "not at
/// all".
pub fn record(
    conn: &Connection,
    id: i64,
    answer: &Answer,
    now: &NaiveDateTime,
) -> Result<Asked, WriteError> {
    let Answer {
        outcome,
        names,
        on,
        again,
        ask: shown,
    } = *answer;
    match (outcome, names.is_empty()) {
        (Outcome::Names, true) => {
            return Err(WriteError::Refused(
                "Names given, but none named: give each name, or say not now or no.".into(),
            ));
        }
        (Outcome::NotNow | Outcome::No, false) => {
            return Err(WriteError::Refused(format!(
                "Names come only with the outcome names, not {}.",
                outcome.as_str()
            )));
        }
        _ => {}
    }
    let typed: Vec<String> = names
        .iter()
        .filter_map(|p| match p {
            Person::New(d) => Some(crate::domain::text::key(&d.name)),
            Person::Existing(_) => None,
        })
        .collect();
    if (1..typed.len()).any(|i| typed[..i].contains(&typed[i])) {
        return Err(WriteError::Refused(
            "The same person is named twice; name each once.".into(),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    let client = client_name(&tx, id)?;
    let planned = planned_for(&tx, id)?;
    if shown.is_some() && planned.as_ref().map(|a| a.id) != shown {
        return Err(WriteError::Refused(
            "Answered in another window meanwhile; nothing was changed.".into(),
        ));
    }
    let ask = match planned {
        Some(a) => a.id,
        None => {
            tx.execute(
                "INSERT INTO ask (client_id, due, reason, created_at) VALUES (?1, ?2, 'moved', ?3)",
                params![id, date_text(on), stamp(now)],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.execute(
        "UPDATE ask SET asked_on = ?2, outcome = ?3 WHERE id = ?1",
        params![ask, date_text(on), outcome.as_str()],
    )?;
    let mut referrals = Vec::new();
    for person in names {
        let draft = ReferralDraft {
            direction: Direction::Received,
            partner: id,
            person: person.clone(),
            on,
            note: "named when asked".into(),
        };
        let (referral, person) =
            super::referral::write_from(&tx, &draft, super::referral::Occasion::Ask(ask), now)?;
        if referrals.iter().any(|&(_, p)| p == person) {
            return Err(WriteError::Refused(
                "The same person is named twice; name each once.".into(),
            ));
        }
        referrals.push((referral, person));
    }
    let next = journey::after(on, outcome.next_after(again)).max(now.date());
    set_planned(&tx, id, next, AskReason::Again, now)?;
    tx.commit()?;
    Ok(Asked {
        client,
        referrals,
        next,
    })
}

#[cfg(test)]
mod tests;
