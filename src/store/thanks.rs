//! What referrals call for: thank-yous and news owed to referrers, marking
//! them sent (a touch with the referrer), and past referrers never thanked.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::{date, date_text, write_touch};
use super::{Live, TIMESTAMP_FORMAT, WriteError, must_be_live, settings};
use crate::domain::referral::{DEFAULT_THANKS_DAYS, thanks_due};
use crate::domain::{OwedKind, RefStatus, ThankNote, ThankYou, ThanksHow};

/// The setting for how many days after a referral its thank-you is due.
pub const THANKS_DAYS: &str = "thanks_days";

/// The longest a thank-you may wait, in days.
pub const MAX_THANKS_DAYS: u32 = 60;

/// Within how many days a referral is to be thanked (a setting).
pub fn thanks_days(conn: &Connection) -> rusqlite::Result<u32> {
    Ok(settings::get(conn, THANKS_DAYS)?
        .and_then(|v| v.parse().ok())
        .filter(|&n: &u32| n <= MAX_THANKS_DAYS)
        .unwrap_or(DEFAULT_THANKS_DAYS))
}

pub(super) fn stamp(now: &NaiveDateTime) -> String {
    now.format(TIMESTAMP_FORMAT).to_string()
}

/// Record something owed to `to` for `person`, due the setting's days
/// after `from`.
pub(super) fn owe(
    tx: &Connection,
    kind: OwedKind,
    referral: Option<i64>,
    to: i64,
    person: i64,
    from: NaiveDate,
    now: &NaiveDateTime,
) -> rusqlite::Result<i64> {
    let due = thanks_due(from, thanks_days(tx)?);
    tx.execute(
        "INSERT INTO thank_you (kind, referral_id, to_id, for_id, due, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            kind.as_str(),
            referral,
            to,
            person,
            date_text(due),
            stamp(now)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// What is owed, one row an occasion: a thank-you that covers others (the
/// rest of the names given at one ask, the guests brought to one event)
/// names their people after its own, separated by U+001F.
const OWED: &str = "SELECT t.id, t.kind, t.referral_id, t.to_id, p.name, t.for_id,
        q.name || coalesce((SELECT char(31) || group_concat(n, char(31)) FROM (
            SELECT k.name AS n FROM thank_you c JOIN contact k ON k.id = c.for_id
              LEFT JOIN referral cr ON cr.id = c.referral_id
            WHERE c.covered_by = t.id AND c.sent_on IS NULL AND k.deleted_at IS NULL
              AND cr.deleted_at IS NULL
            ORDER BY c.id)), ''),
        t.due, coalesce(r.status, 'client')
    FROM thank_you t
    JOIN contact p ON p.id = t.to_id
    JOIN contact q ON q.id = t.for_id
    LEFT JOIN referral r ON r.id = t.referral_id
    WHERE t.sent_on IS NULL AND t.covered_by IS NULL AND p.deleted_at IS NULL
      AND q.deleted_at IS NULL AND r.deleted_at IS NULL";

fn owed_from_row(row: &Row) -> rusqlite::Result<ThankYou> {
    let kind: String = row.get(1)?;
    let status: String = row.get(8)?;
    let names: String = row.get(6)?;
    let people: Vec<String> = names.split('\u{1f}').map(str::to_owned).collect();
    Ok(ThankYou {
        person: crate::domain::text::listed(&people),
        people,
        id: row.get(0)?,
        kind: OwedKind::parse(&kind).unwrap_or(OwedKind::Thanks),
        referral: row.get(2)?,
        to_id: row.get(3)?,
        to: row.get(4)?,
        for_id: row.get(5)?,
        due: date(row.get(7)?).unwrap_or_default(),
        status: RefStatus::parse(&status).unwrap_or_default(),
    })
}

/// Thank-yous and news owed, the most overdue first, at most `limit`.
pub fn owed(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<ThankYou>> {
    let mut stmt = conn.prepare_cached(&format!("{OWED} ORDER BY t.due, t.id LIMIT ?1"))?;
    stmt.query_map([limit], owed_from_row)?.collect()
}

/// How many thank-yous and news are owed.
pub fn owed_count(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM thank_you t JOIN contact p ON p.id = t.to_id
         JOIN contact q ON q.id = t.for_id LEFT JOIN referral r ON r.id = t.referral_id
         WHERE t.sent_on IS NULL AND t.covered_by IS NULL AND p.deleted_at IS NULL
           AND q.deleted_at IS NULL AND r.deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// The thank-you owed for a referral, perhaps with others of its occasion
/// (or, once thanked, the news owed).
pub fn owed_for(conn: &Connection, referral: i64) -> rusqlite::Result<Option<ThankYou>> {
    conn.query_row(
        &format!(
            "{OWED} AND (t.referral_id = ?1 OR t.id IN (
                 SELECT covered_by FROM thank_you WHERE referral_id = ?1 AND sent_on IS NULL))
             ORDER BY t.kind = 'news', t.id LIMIT 1"
        ),
        [referral],
        owed_from_row,
    )
    .optional()
}

/// One thank-you (or news) still owed, by its id.
pub fn owed_one(conn: &Connection, id: i64) -> rusqlite::Result<Option<ThankYou>> {
    conn.query_row(&format!("{OWED} AND t.id = ?1"), [id], owed_from_row)
        .optional()
}

/// Mark a thank-you (or news) sent: how and when. It is logged as a touch
/// of that kind with the referrer, so their follow-up moves too.
pub fn mark_sent(
    conn: &Connection,
    id: i64,
    how: ThanksHow,
    on: NaiveDate,
    now: &NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let owed = owed_one(&tx, id)?;
    let Some(owed) = owed else {
        return Err(WriteError::Refused(
            "That thank-you was sent or deleted in another window; nothing was saved.".into(),
        ));
    };
    tx.execute(
        "UPDATE thank_you SET sent_on = ?2, how = ?3
         WHERE id = ?1 OR (covered_by = ?1 AND sent_on IS NULL)",
        params![id, date_text(on), how.as_str()],
    )?;
    let note = match owed.kind {
        OwedKind::Thanks => format!("Thank-you ({}) for {}", how.label(), owed.person),
        OwedKind::News => format!("Told them how it went with {}", owed.person),
    };
    write_touch(&tx, owed.to_id, how.touch(), on, &note, now)?;
    tx.commit()?;
    Ok(())
}

/// The thank-yous and news owed or sent to a contact, or for them, newest
/// first.
pub fn thanks_of(conn: &Connection, contact: i64) -> rusqlite::Result<Vec<ThankNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind, p.name, q.name, t.due, t.sent_on, t.how
         FROM thank_you t JOIN contact p ON p.id = t.to_id JOIN contact q ON q.id = t.for_id
         LEFT JOIN referral r ON r.id = t.referral_id
         WHERE (t.to_id = ?1 OR t.for_id = ?1) AND p.deleted_at IS NULL AND q.deleted_at IS NULL
           AND r.deleted_at IS NULL
         ORDER BY coalesce(t.sent_on, t.due) DESC, t.id DESC",
    )?;
    stmt.query_map([contact], |r| {
        let kind: String = r.get(0)?;
        let how: Option<String> = r.get(5)?;
        let sent = date(r.get(4)?).zip(how.and_then(|h| ThanksHow::parse(&h).ok()));
        Ok(ThankNote {
            kind: OwedKind::parse(&kind).unwrap_or(OwedKind::Thanks),
            to: r.get(1)?,
            person: r.get(2)?,
            due: date(r.get(3)?).unwrap_or_default(),
            sent,
        })
    })?
    .collect()
}

/// A past referral never thanked: a client whose "referred by" is set, and
/// no thank-you to that referrer for them was ever owed or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unthanked {
    pub client_id: i64,
    pub client: String,
    pub referrer_id: i64,
    pub referrer: String,
}

const UNTHANKED: &str = "FROM contact c JOIN contact p ON p.id = c.referred_by
    WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND c.client_since IS NOT NULL
      AND c.referred_by IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM thank_you t LEFT JOIN referral r ON r.id = t.referral_id
                      WHERE t.to_id = c.referred_by AND t.for_id = c.id AND t.kind = 'thanks'
                        AND r.deleted_at IS NULL)";

/// Old referrers to thank once, by the referrer's name.
pub fn unthanked(conn: &Connection) -> rusqlite::Result<Vec<Unthanked>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, p.id, p.name {UNTHANKED}
         ORDER BY p.name COLLATE NOCASE, c.name COLLATE NOCASE"
    ))?;
    stmt.query_map([], |r| {
        Ok(Unthanked {
            client_id: r.get(0)?,
            client: r.get(1)?,
            referrer_id: r.get(2)?,
            referrer: r.get(3)?,
        })
    })?
    .collect()
}

/// Clients with a referrer recorded: (all of them, those thanked).
pub fn referrers_thanked(conn: &Connection) -> rusqlite::Result<(u32, u32)> {
    let all: u32 = conn.query_row(
        "SELECT count(*) FROM contact c JOIN contact p ON p.id = c.referred_by
         WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND c.client_since IS NOT NULL
           AND c.referred_by IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    let unthanked: u32 =
        conn.query_row(&format!("SELECT count(*) {UNTHANKED}"), [], |r| r.get(0))?;
    Ok((all, all.saturating_sub(unthanked)))
}

/// Thank an old referrer for a client they sent: recorded as sent on `on`
/// and logged as a touch with the referrer.
pub fn thank_old(
    conn: &Connection,
    client: i64,
    how: ThanksHow,
    on: NaiveDate,
    now: &NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(client))?;
    let referrer: Option<i64> = tx.query_row(
        "SELECT referred_by FROM contact WHERE id = ?1",
        [client],
        |r| r.get(0),
    )?;
    let Some(referrer) = referrer else {
        return Err(WriteError::Refused(
            "Nobody is recorded as having referred them; nothing was saved.".into(),
        ));
    };
    must_be_live(&tx, Live::Contact(referrer))?;
    let id = owe(&tx, OwedKind::Thanks, None, referrer, client, on, now)?;
    tx.execute(
        "UPDATE thank_you SET sent_on = ?2, how = ?3, due = ?2 WHERE id = ?1",
        params![id, date_text(on), how.as_str()],
    )?;
    let name: String = tx.query_row("SELECT name FROM contact WHERE id = ?1", [client], |r| {
        r.get(0)
    })?;
    let note = format!("Thank-you ({}) for {name}", how.label());
    write_touch(&tx, referrer, how.touch(), on, &note, now)?;
    tx.commit()?;
    Ok(())
}
