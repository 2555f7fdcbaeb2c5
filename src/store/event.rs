//! Events a client can bring a friend to: added, invited, who came and
//! whom each brought. A guest brought is a referral received from the
//! one who brought them, with its thank-you owed.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::{date, date_text, write_touch};
use super::referral::{Person, ReferralDraft};
use super::thanks::stamp;
use super::{Live, Lookup, WriteError, must_be_live};
use crate::domain::{Direction, Event, EventDraft, Guest, TouchKind};

/// How many events each list (upcoming, past) shows.
pub const SHOWN: u32 = 200;

const SELECT: &str = "SELECT e.id, e.title, e.on_date, e.place, e.offers, e.group_id,
        coalesce(g.name, ''),
        (SELECT count(*) FROM event_guest x JOIN contact c ON c.id = x.contact_id
          WHERE x.event_id = e.id AND x.invited = 1 AND c.deleted_at IS NULL),
        (SELECT count(*) FROM event_guest x JOIN contact c ON c.id = x.contact_id
          WHERE x.event_id = e.id AND x.came = 1 AND c.deleted_at IS NULL),
        (SELECT count(*) FROM event_guest x JOIN contact c ON c.id = x.contact_id
          WHERE x.event_id = e.id AND x.coming = 1 AND c.deleted_at IS NULL),
        (SELECT count(*) FROM event_guest x JOIN contact c ON c.id = x.contact_id
          WHERE x.event_id = e.id AND x.brought_by IS NOT NULL AND c.deleted_at IS NULL)
    FROM event e LEFT JOIN source_group g ON g.id = e.group_id";

fn from_row(r: &Row) -> rusqlite::Result<Event> {
    let group: Option<i64> = r.get(5)?;
    let group_name: String = r.get(6)?;
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        on: date(r.get(2)?).unwrap_or_default(),
        place: r.get(3)?,
        offers: r.get(4)?,
        group: group.map(|g| (g, group_name)),
        invited: r.get(7)?,
        came: r.get(8)?,
        coming: r.get(9)?,
        brought: r.get(10)?,
    })
}

/// Add an event; a group's meeting names its group.
pub fn add(
    conn: &Connection,
    draft: &EventDraft,
    group: Option<i64>,
    now: &NaiveDateTime,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO event (title, on_date, place, offers, group_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            draft.title,
            date_text(draft.on),
            draft.place,
            draft.offers,
            group,
            stamp(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Change an event's title, date, place and what it offers.
pub fn update(conn: &Connection, id: i64, draft: &EventDraft) -> Result<(), WriteError> {
    let changed = conn.execute(
        "UPDATE event SET title = ?2, on_date = ?3, place = ?4, offers = ?5
         WHERE id = ?1 AND deleted_at IS NULL",
        params![
            id,
            draft.title,
            date_text(draft.on),
            draft.place,
            draft.offers
        ],
    )?;
    if changed == 0 {
        return Err(gone(id));
    }
    Ok(())
}

fn gone(id: i64) -> WriteError {
    WriteError::Refused(format!(
        "There is no event #{id} (deleted in another window?); `list25 event list` shows them."
    ))
}

/// Events on or after `today`, soonest first; and those before, the
/// latest first. At most `SHOWN` of each.
pub fn list(conn: &Connection, today: NaiveDate) -> rusqlite::Result<(Vec<Event>, Vec<Event>)> {
    let read = |sql: &str| -> rusqlite::Result<Vec<Event>> {
        let mut stmt = conn.prepare_cached(sql)?;
        stmt.query_map(params![date_text(today), SHOWN], from_row)?
            .collect()
    };
    Ok((
        read(&format!(
            "{SELECT} WHERE e.deleted_at IS NULL AND e.on_date >= ?1
             ORDER BY e.on_date, e.id LIMIT ?2"
        ))?,
        read(&format!(
            "{SELECT} WHERE e.deleted_at IS NULL AND e.on_date < ?1
             ORDER BY e.on_date DESC, e.id DESC LIMIT ?2"
        ))?,
    ))
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Event>> {
    conn.query_row(
        &format!("{SELECT} WHERE e.id = ?1 AND e.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()
}

/// The event `typed` names: `#ID`, its whole title, or a part of one
/// title only.
pub fn lookup(conn: &Connection, typed: &str) -> rusqlite::Result<Lookup<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title FROM event WHERE deleted_at IS NULL ORDER BY on_date DESC, id DESC",
    )?;
    let all: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match super::pick(&all, typed) {
        Lookup::One(id) => get(conn, *id)?.map_or(Lookup::None, |e| Lookup::One(Box::new(e))),
        Lookup::None => Lookup::None,
        Lookup::Many(names) => Lookup::Many(names),
    })
}

/// Everyone on the event's list: those who came first, then those
/// invited, each by name; a guest brought says by whom.
pub fn guests(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Guest>> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.contact_id, c.name, x.invited, x.came, b.name, c.client_since IS NOT NULL,
                x.coming
         FROM event_guest x JOIN contact c ON c.id = x.contact_id
         LEFT JOIN contact b ON b.id = x.brought_by
         WHERE x.event_id = ?1 AND c.deleted_at IS NULL
         ORDER BY x.came DESC, x.coming DESC, x.brought_by IS NOT NULL,
                  c.name COLLATE NOCASE, c.id",
    )?;
    stmt.query_map([id], |r| {
        Ok(Guest {
            contact_id: r.get(0)?,
            name: r.get(1)?,
            invited: r.get(2)?,
            came: r.get(3)?,
            brought_by: r.get(4)?,
            client: r.get(5)?,
            coming: r.get(6)?,
        })
    })?
    .collect()
}

fn live_event(tx: &Connection, id: i64) -> Result<Event, WriteError> {
    get(tx, id)?.ok_or_else(|| gone(id))
}

/// Invite contacts to an event; returns how many were not invited yet.
pub fn invite(conn: &Connection, event: i64, contacts: &[i64]) -> Result<usize, WriteError> {
    let tx = conn.unchecked_transaction()?;
    live_event(&tx, event)?;
    let mut added = 0;
    for &c in contacts {
        must_be_live(&tx, Live::Contact(c))?;
        added += tx.execute(
            "INSERT INTO event_guest (event_id, contact_id, invited) VALUES (?1, ?2, 1)
             ON CONFLICT (event_id, contact_id) DO UPDATE SET invited = 1 WHERE invited = 0",
            params![event, c],
        )?;
    }
    tx.commit()?;
    Ok(added)
}

/// Take an invitation back, for someone who has not come.
pub fn uninvite(conn: &Connection, event: i64, contact: i64) -> Result<(), WriteError> {
    let removed = conn.execute(
        "DELETE FROM event_guest WHERE event_id = ?1 AND contact_id = ?2 AND came = 0",
        params![event, contact],
    )?;
    if removed == 0 {
        return Err(WriteError::Refused(
            "Only an invitation to someone who has not come can be taken back.".into(),
        ));
    }
    Ok(())
}

/// Before the day: `contact` says they are coming (`yes`), or no longer.
/// Once the event has been held, who came is marked instead.
pub fn coming(
    conn: &Connection,
    event: i64,
    contact: i64,
    yes: bool,
    today: NaiveDate,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let e = live_event(&tx, event)?;
    if e.on <= today {
        return Err(WriteError::Refused(format!(
            "{} is {}: mark who came instead.",
            e.title,
            if e.on == today { "today" } else { "over" }
        )));
    }
    must_be_live(&tx, Live::Contact(contact))?;
    tx.execute(
        "INSERT INTO event_guest (event_id, contact_id, invited, coming) VALUES (?1, ?2, 0, ?3)
         ON CONFLICT (event_id, contact_id) DO UPDATE SET coming = ?3",
        params![event, contact, yes],
    )?;
    tx.commit()?;
    Ok(())
}

/// Take back that `contact` came to an event held: the touch it logged
/// goes too, and their follow-up is what it was. Someone who brought a
/// guest stays marked: the guest's referral rests on it.
pub fn not_came(
    conn: &Connection,
    event: i64,
    contact: i64,
    now: &NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let e = live_event(&tx, event)?;
    let brought: Option<String> = tx
        .query_row(
            "SELECT c.name FROM event_guest x JOIN contact c ON c.id = x.contact_id
             WHERE x.event_id = ?1 AND x.brought_by = ?2 AND c.deleted_at IS NULL LIMIT 1",
            params![event, contact],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(guest) = brought {
        return Err(WriteError::Refused(format!(
            "They brought {guest}: that referral rests on their coming. Take it back first              (u, or delete the referral in Referrals)."
        )));
    }
    let row: Option<(Option<i64>, bool, bool)> = tx
        .query_row(
            "SELECT touch_id, invited, coming FROM event_guest
             WHERE event_id = ?1 AND contact_id = ?2 AND came = 1",
            params![event, contact],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((touch, invited, coming)) = row else {
        return Err(WriteError::Refused("They are not marked as came.".into()));
    };
    // A mark from before touches were kept with it: the touch it logged.
    let touch: Option<i64> = match touch {
        Some(t) => Some(t),
        None => tx
            .query_row(
                "SELECT id FROM touch WHERE contact_id = ?1 AND kind = 'event' AND on_date = ?2
                   AND note = ?3 AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                params![contact, date_text(e.on), format!("Came to {}", e.title)],
                |r| r.get(0),
            )
            .optional()?,
    };
    if let Some(t) = touch {
        tx.execute(
            "UPDATE touch SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![t, stamp(now)],
        )?;
        super::touch::reschedule(&tx, contact)?;
    }
    if invited || coming {
        tx.execute(
            "UPDATE event_guest SET came = 0, touch_id = NULL
             WHERE event_id = ?1 AND contact_id = ?2",
            params![event, contact],
        )?;
    } else {
        tx.execute(
            "DELETE FROM event_guest WHERE event_id = ?1 AND contact_id = ?2",
            params![event, contact],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// What recording someone who came did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Came {
    /// They were not marked as come before.
    pub newly: bool,
    /// The guests they brought: (referral, person).
    pub brought: Vec<(i64, i64)>,
}

/// Record that `contact` came to the event (a touch of kind event with
/// them, once), and the guests they brought: each becomes a contact
/// referred by them (or is the contact named), on the list as come, and
/// a referral received from them with its thank-you owed.
pub fn came(
    conn: &Connection,
    event: i64,
    contact: i64,
    brought: &[Person],
    now: &NaiveDateTime,
) -> Result<Came, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let e = live_event(&tx, event)?;
    if e.on > now.date() {
        return Err(WriteError::Refused(format!(
            "{} is on {}: nobody has come yet. Before the day, mark who is coming.",
            e.title,
            e.on.format("%a %-d %b")
        )));
    }
    must_be_live(&tx, Live::Contact(contact))?;
    let before: Option<bool> = tx
        .query_row(
            "SELECT came FROM event_guest WHERE event_id = ?1 AND contact_id = ?2",
            params![event, contact],
            |r| r.get(0),
        )
        .optional()?;
    let newly = before != Some(true);
    if newly {
        tx.execute(
            "INSERT INTO event_guest (event_id, contact_id, invited, came) VALUES (?1, ?2, 0, 1)
             ON CONFLICT (event_id, contact_id) DO UPDATE SET came = 1",
            params![event, contact],
        )?;
        let touch = write_touch(
            &tx,
            contact,
            TouchKind::Event,
            e.on,
            &format!("Came to {}", e.title),
            now,
        )?;
        tx.execute(
            "UPDATE event_guest SET touch_id = ?3 WHERE event_id = ?1 AND contact_id = ?2",
            params![event, contact, touch],
        )?;
    }
    let mut out = Vec::new();
    for person in brought {
        let draft = ReferralDraft {
            direction: Direction::Received,
            partner: contact,
            person: person.clone(),
            on: e.on,
            note: format!("brought to {}", e.title),
        };
        let (referral, guest) =
            super::referral::write_from(&tx, &draft, super::referral::Occasion::Event(event), now)?;
        let listed = tx.execute(
            "INSERT INTO event_guest (event_id, contact_id, invited, came, brought_by)
             VALUES (?1, ?2, 0, 1, ?3) ON CONFLICT (event_id, contact_id) DO NOTHING",
            params![event, guest, contact],
        )?;
        if listed == 0 {
            return Err(WriteError::Refused(
                "That guest is on the list already; each guest is brought by one person.".into(),
            ));
        }
        out.push((referral, guest));
    }
    tx.commit()?;
    Ok(Came {
        newly,
        brought: out,
    })
}

/// Delete an event (by hand); undo brings it back.
pub fn delete(conn: &Connection, id: i64, now: &NaiveDateTime) -> Result<(), WriteError> {
    let changed = conn.execute(
        "UPDATE event SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, stamp(now)],
    )?;
    if changed == 0 {
        return Err(gone(id));
    }
    Ok(())
}

/// How many events are planned with at least one person invited.
pub fn planned_with_invitees(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM event e WHERE e.deleted_at IS NULL AND EXISTS
           (SELECT 1 FROM event_guest x JOIN contact c ON c.id = x.contact_id
            WHERE x.event_id = e.id AND x.invited = 1 AND c.deleted_at IS NULL)",
        [],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests;
