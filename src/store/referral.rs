//! The referral ledger: referrals received and given, their statuses, the
//! thank-yous and news they call for, and the balance with each partner.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::{date, date_text, write_new};
use super::thanks::{owe, stamp};
use super::{Live, WriteError, must_be_live};
use crate::domain::{Balance, ContactDraft, Direction, OwedKind, RefStatus, Referral};

/// The person a referral is for: someone already in the contacts, or a new
/// person, added with "referred by" set.
#[derive(Debug, Clone)]
pub enum Person {
    Existing(i64),
    New(Box<ContactDraft>),
}

/// One referral to record.
#[derive(Debug, Clone)]
pub struct ReferralDraft {
    pub direction: Direction,
    /// Who sent the person to you, or to whom you sent them.
    pub partner: i64,
    pub person: Person,
    pub on: NaiveDate,
    pub note: String,
}

/// Record a referral. One received creates the thank-you owed to the
/// referrer, and a new person (or one nobody is recorded as having
/// referred) gets the referrer as "referred by". Returns the referral's id
/// and the person's.
pub fn add(
    conn: &Connection,
    draft: &ReferralDraft,
    now: &NaiveDateTime,
) -> Result<(i64, i64), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let ids = write(&tx, draft, now)?;
    tx.commit()?;
    Ok(ids)
}

/// Where a referral received came from. The names given at one ask, the
/// guests one person brought to one event, are one occasion: the referrer
/// is owed one thank-you for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Occasion {
    Alone,
    Ask(i64),
    Event(i64),
}

/// `add` within a transaction the caller holds.
pub(super) fn write(
    tx: &Connection,
    draft: &ReferralDraft,
    now: &NaiveDateTime,
) -> Result<(i64, i64), WriteError> {
    write_from(tx, draft, Occasion::Alone, now)
}

/// `write`, for a referral that came from an ask or an event.
pub(super) fn write_from(
    tx: &Connection,
    draft: &ReferralDraft,
    occasion: Occasion,
    now: &NaiveDateTime,
) -> Result<(i64, i64), WriteError> {
    must_be_live(tx, Live::Contact(draft.partner))?;
    let person = match &draft.person {
        Person::Existing(id) => {
            must_be_live(tx, Live::Contact(*id))?;
            *id
        }
        Person::New(d) => {
            let mut d = (**d).clone();
            if draft.direction == Direction::Received {
                d.referred_by = Some(draft.partner);
            }
            write_new(tx, None, &d, now)?
        }
    };
    if person == draft.partner {
        return Err(WriteError::Refused(
            "A person cannot be referred to or by themselves: pick two different people.".into(),
        ));
    }
    let (ask, event) = match occasion {
        Occasion::Alone => (None, None),
        Occasion::Ask(a) => (Some(a), None),
        Occasion::Event(e) => (None, Some(e)),
    };
    tx.execute(
        "INSERT INTO referral (direction, partner_id, person_id, on_date, note, created_at,
                               ask_id, event_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            draft.direction.as_str(),
            draft.partner,
            person,
            date_text(draft.on),
            draft.note,
            stamp(now),
            ask,
            event
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO referral_status (referral_id, status, changed_on) VALUES (?1, 'new', ?2)",
        params![id, date_text(draft.on)],
    )?;
    if draft.direction == Direction::Received {
        tx.execute(
            "UPDATE contact SET referred_by = ?2 WHERE id = ?1 AND referred_by IS NULL",
            params![person, draft.partner],
        )?;
        let covered_by = match occasion {
            Occasion::Alone => None,
            _ => tx
                .query_row(
                    "SELECT t.id FROM thank_you t JOIN referral r ON r.id = t.referral_id
                     WHERE t.kind = 'thanks' AND t.sent_on IS NULL AND t.covered_by IS NULL
                       AND t.to_id = ?1 AND r.deleted_at IS NULL AND r.id <> ?2
                       AND (r.ask_id = ?3 OR r.event_id = ?4)
                     ORDER BY t.id LIMIT 1",
                    params![draft.partner, id, ask, event],
                    |r| r.get::<_, i64>(0),
                )
                .optional()?,
        };
        let owed = owe(
            tx,
            OwedKind::Thanks,
            Some(id),
            draft.partner,
            person,
            draft.on,
            now,
        )?;
        if covered_by.is_some() {
            tx.execute(
                "UPDATE thank_you SET covered_by = ?2 WHERE id = ?1",
                params![owed, covered_by],
            )?;
        }
    }
    Ok((id, person))
}

/// What a status change did besides the change itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusChange {
    /// The person became a client with it.
    pub made_client: bool,
    /// The referrer is now owed the news of how it went.
    pub news_owed: bool,
}

/// Move a referral to `status` on `on`, keeping the change in its history.
/// A referral received that became a client makes the person a client;
/// one that came to an end (a client or not a fit) owes the referrer the
/// news of how it went, once.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: RefStatus,
    on: NaiveDate,
    now: &NaiveDateTime,
) -> Result<StatusChange, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let Some(r) = get_in(&tx, id)? else {
        return Err(WriteError::Refused(format!(
            "There is no referral #{id}; `list25 referral list` shows their numbers."
        )));
    };
    let mut change = StatusChange::default();
    if r.status == status {
        return Ok(change);
    }
    tx.execute(
        "UPDATE referral SET status = ?2 WHERE id = ?1",
        params![id, status.as_str()],
    )?;
    tx.execute(
        "INSERT INTO referral_status (referral_id, status, changed_on) VALUES (?1, ?2, ?3)",
        params![id, status.as_str(), date_text(on)],
    )?;
    if r.direction == Direction::Received {
        if status == RefStatus::Client {
            change.made_client = tx.execute(
                "UPDATE contact SET client_since = ?2 WHERE id = ?1 AND client_since IS NULL",
                params![r.person_id, date_text(on)],
            )? > 0;
            if change.made_client {
                super::journey::client_changed(&tx, r.person_id, None, Some(on), now)?;
            }
        }
        let news_before: bool = tx.query_row(
            "SELECT count(*) > 0 FROM thank_you WHERE referral_id = ?1 AND kind = 'news'",
            [id],
            |row| row.get(0),
        )?;
        if status.is_outcome() && !news_before {
            owe(
                &tx,
                OwedKind::News,
                Some(id),
                r.partner_id,
                r.person_id,
                on,
                now,
            )?;
            change.news_owed = true;
        }
    }
    tx.commit()?;
    Ok(change)
}

/// Delete a referral (by hand, a mistake); what it owes goes with it, and
/// undo brings both back.
pub fn delete(conn: &Connection, id: i64, now: &NaiveDateTime) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let changed = tx.execute(
        "UPDATE referral SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, stamp(now)],
    )?;
    if changed == 0 {
        return Err(WriteError::Refused(
            "That referral was deleted in another window; nothing was changed.".into(),
        ));
    }
    // A thank-you that covered the other people of its occasion hands
    // them to the next one of them.
    let covering: Option<i64> = tx
        .query_row(
            "SELECT t.id FROM thank_you t WHERE t.referral_id = ?1 AND t.sent_on IS NULL
               AND EXISTS (SELECT 1 FROM thank_you c WHERE c.covered_by = t.id)",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(t) = covering {
        let next: i64 = tx.query_row(
            "SELECT min(id) FROM thank_you WHERE covered_by = ?1",
            [t],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE thank_you SET covered_by = ?2 WHERE covered_by = ?1 AND id <> ?2",
            params![t, next],
        )?;
        tx.execute(
            "UPDATE thank_you SET covered_by = NULL WHERE id = ?1",
            [next],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Every status a referral has had, oldest first.
pub fn status_history(conn: &Connection, id: i64) -> rusqlite::Result<Vec<(RefStatus, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, changed_on FROM referral_status WHERE referral_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (status, on) = row?;
        if let (Ok(status), Some(on)) = (RefStatus::parse(&status), date(Some(on))) {
            out.push((status, on));
        }
    }
    Ok(out)
}

const SELECT: &str = "SELECT r.id, r.direction, r.partner_id, p.name, r.person_id, q.name,
        r.on_date, r.note, r.status,
        (SELECT max(t.sent_on) FROM thank_you t WHERE t.referral_id = r.id AND t.kind = 'thanks'),
        (SELECT min(t.due) FROM thank_you t
          WHERE t.referral_id = r.id AND t.kind = 'thanks' AND t.sent_on IS NULL)
    FROM referral r
    JOIN contact p ON p.id = r.partner_id
    JOIN contact q ON q.id = r.person_id";

/// Referrals deleted, or whose partner or person is deleted, are not shown.
const LIVE: &str = "r.deleted_at IS NULL AND p.deleted_at IS NULL AND q.deleted_at IS NULL";

fn from_row(row: &Row) -> rusqlite::Result<Referral> {
    let direction: String = row.get(1)?;
    let status: String = row.get(8)?;
    let on: Option<NaiveDate> = date(row.get(6)?);
    Ok(Referral {
        id: row.get(0)?,
        direction: Direction::parse(&direction).unwrap_or(Direction::Received),
        partner_id: row.get(2)?,
        partner: row.get(3)?,
        person_id: row.get(4)?,
        person: row.get(5)?,
        on: on.unwrap_or_default(),
        note: row.get(7)?,
        status: RefStatus::parse(&status).unwrap_or_default(),
        thanked: date(row.get(9)?),
        owed_due: date(row.get(10)?),
    })
}

fn get_in(conn: &Connection, id: i64) -> rusqlite::Result<Option<Referral>> {
    conn.query_row(
        &format!("{SELECT} WHERE r.id = ?1 AND {LIVE}"),
        [id],
        from_row,
    )
    .optional()
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Referral>> {
    get_in(conn, id)
}

/// The ledger, newest first, at most `limit` referrals.
pub fn list(conn: &Connection, limit: u32) -> rusqlite::Result<Vec<Referral>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {LIVE} ORDER BY r.on_date DESC, r.id DESC LIMIT ?1"
    ))?;
    stmt.query_map([limit], from_row)?.collect()
}

/// Referrals about a deleted contact, which the ledger does not show: by
/// partner and direction. Deleted contacts are few and indexed.
/// (CROSS JOIN keeps SQLite starting from the deleted contacts.)
const HIDDEN: &str = "SELECT r.id, r.partner_id, r.direction
    FROM contact d CROSS JOIN referral r ON r.partner_id = d.id
    WHERE d.deleted_at IS NOT NULL AND r.deleted_at IS NULL
    UNION
    SELECT r.id, r.partner_id, r.direction
    FROM contact d CROSS JOIN referral r ON r.person_id = d.id
    WHERE d.deleted_at IS NOT NULL AND r.deleted_at IS NULL";

/// How many referrals the ledger holds.
pub fn count(conn: &Connection) -> rusqlite::Result<u32> {
    let all: u32 = conn.query_row(
        "SELECT count(*) FROM referral WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    let hidden: u32 = conn.query_row(&format!("SELECT count(*) FROM ({HIDDEN})"), [], |r| {
        r.get(0)
    })?;
    Ok(all.saturating_sub(hidden))
}

/// The referrals one contact is in, either side, newest first.
pub fn of_contact(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Referral>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (r.partner_id = ?1 OR r.person_id = ?1) AND {LIVE}
         ORDER BY r.on_date DESC, r.id DESC"
    ))?;
    stmt.query_map([id], from_row)?.collect()
}

/// The balance with every partner you have referred to or received from,
/// and everyone on your 25 list: those to refer first come first, then by
/// name. Counted from the index of referrals by partner, less the few
/// about a deleted contact, so that it stays quick at any size.
pub fn balance(conn: &Connection) -> rusqlite::Result<Vec<Balance>> {
    let mut counts: HashMap<i64, (u32, u32)> = HashMap::new();
    // Every live referral by partner and direction, less those about a
    // deleted contact.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT partner_id, direction, sum(n) FROM (
             SELECT partner_id, direction, count(*) AS n FROM referral
             WHERE deleted_at IS NULL GROUP BY partner_id, direction
             UNION ALL
             SELECT partner_id, direction, -count(*) FROM ({HIDDEN})
             GROUP BY partner_id, direction)
         GROUP BY partner_id, direction"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, direction, n): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let e = counts.entry(id).or_default();
        let n = u32::try_from(n).unwrap_or(0);
        if direction == "given" {
            e.0 = n;
        } else {
            e.1 = n;
        }
    }
    let mut stmt =
        conn.prepare_cached("SELECT id FROM contact WHERE on_list = 1 AND deleted_at IS NULL")?;
    let listed: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in listed {
        counts.entry(id).or_default();
    }
    let mut who = conn
        .prepare_cached("SELECT name, on_list FROM contact WHERE id = ?1 AND deleted_at IS NULL")?;
    let mut out = Vec::with_capacity(counts.len());
    for (id, (given, received)) in counts {
        let Some((partner, on_list)) = who
            .query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?)))
            .optional()?
        else {
            continue;
        };
        if given + received > 0 || on_list {
            out.push(Balance {
                partner_id: id,
                partner,
                given,
                received,
                on_list,
            });
        }
    }
    out.sort_by_cached_key(|b| (!b.refer_first(), b.partner.to_lowercase(), b.partner_id));
    Ok(out)
}

#[cfg(test)]
mod tests;
