//! Groups of referral sources: networking groups, associations, chambers
//! and clubs whose members serve the same clients; their members; a
//! meeting logged as an event.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contact::date_text;
use super::thanks::stamp;
use super::{Live, Lookup, WriteError, must_be_live};
use crate::domain::text::one_line;
use crate::domain::{EventDraft, Group, GroupKind};

const SELECT: &str = "SELECT g.id, g.name, g.kind, g.meets,
        (SELECT count(*) FROM group_member m JOIN contact c ON c.id = m.contact_id
          WHERE m.group_id = g.id AND c.deleted_at IS NULL)
    FROM source_group g";

fn from_row(r: &Row) -> rusqlite::Result<Group> {
    let kind: String = r.get(2)?;
    Ok(Group {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: GroupKind::parse(&kind).unwrap_or_default(),
        meets: r.get(3)?,
        members: r.get(4)?,
    })
}

/// Add a group; a name already used is refused.
pub fn add(
    conn: &Connection,
    name: &str,
    kind: GroupKind,
    meets: &str,
    now: &NaiveDateTime,
) -> Result<i64, WriteError> {
    use crate::domain::event::{MAX_ABOUT, MAX_TITLE};
    let name = one_line(name);
    if name.is_empty() {
        return Err(WriteError::Refused(
            "A group needs a name, e.g. \"Downtown Business Network\".".into(),
        ));
    }
    if name.chars().count() > MAX_TITLE {
        return Err(WriteError::Refused(format!(
            "Keep the group's name under {MAX_TITLE} characters."
        )));
    }
    if one_line(meets).chars().count() > MAX_ABOUT {
        return Err(WriteError::Refused(format!(
            "Keep when it meets under {MAX_ABOUT} characters."
        )));
    }
    // Names compare as people read them (case, form, İ and i).
    let wanted = crate::domain::text::key(&name);
    let mut names =
        conn.prepare_cached("SELECT name FROM source_group WHERE deleted_at IS NULL")?;
    let taken = names
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(Result::ok)
        .any(|n| crate::domain::text::key(&n) == wanted);
    if taken {
        return Err(WriteError::Refused(format!(
            "There is a group named {name:?} already; `list25 group list` shows the groups."
        )));
    }
    conn.execute(
        "INSERT INTO source_group (name, kind, meets, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, kind.as_str(), one_line(meets), stamp(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every group, by name.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Group>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE g.deleted_at IS NULL ORDER BY g.name COLLATE NOCASE, g.id"
    ))?;
    stmt.query_map([], from_row)?.collect()
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Group>> {
    conn.query_row(
        &format!("{SELECT} WHERE g.id = ?1 AND g.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()
}

/// The group `typed` names: `#ID`, its whole name, or a part of one name.
pub fn lookup(conn: &Connection, typed: &str) -> rusqlite::Result<Lookup<Group>> {
    let all: Vec<(i64, String)> = list(conn)?.into_iter().map(|g| (g.id, g.name)).collect();
    Ok(match super::pick(&all, typed) {
        Lookup::One(id) => get(conn, *id)?.map_or(Lookup::None, |g| Lookup::One(Box::new(g))),
        Lookup::None => Lookup::None,
        Lookup::Many(names) => Lookup::Many(names),
    })
}

fn gone(id: i64) -> WriteError {
    WriteError::Refused(format!(
        "There is no group #{id} (deleted in another window?); `list25 group list` shows them."
    ))
}

/// Add members to a group, since `on`, all or none. A member whose "how
/// we met" is empty is noted as met through the group. Returns how many
/// were not members yet.
pub fn add_members(
    conn: &Connection,
    group: i64,
    contacts: &[i64],
    on: NaiveDate,
) -> Result<usize, WriteError> {
    let tx = conn.unchecked_transaction()?;
    get(&tx, group)?.ok_or_else(|| gone(group))?;
    let mut added = 0;
    for &contact in contacts {
        must_be_live(&tx, Live::Contact(contact))?;
        added += tx.execute(
            "INSERT INTO group_member (group_id, contact_id, since) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![group, contact, date_text(on)],
        )?;
        tx.execute(
            "UPDATE contact SET met_group = ?2
             WHERE id = ?1 AND met_group IS NULL AND met_how = ''",
            params![contact, group],
        )?;
    }
    tx.commit()?;
    Ok(added)
}

/// Take a member out of a group.
pub fn remove_member(conn: &Connection, group: i64, contact: i64) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM group_member WHERE group_id = ?1 AND contact_id = ?2",
        params![group, contact],
    )?;
    Ok(())
}

/// A group's members, by name: id, name, and whether they are a client.
pub fn members(conn: &Connection, group: i64) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name FROM group_member m JOIN contact c ON c.id = m.contact_id
         WHERE m.group_id = ?1 AND c.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    stmt.query_map([group], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// The group a contact met you through, if any.
pub fn met_through(conn: &Connection, contact: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT g.name FROM contact c JOIN source_group g ON g.id = c.met_group
         WHERE c.id = ?1 AND g.deleted_at IS NULL",
        [contact],
        |r| r.get(0),
    )
    .optional()
}

/// Log a group's meeting on `on` as an event, its members invited.
pub fn log_meeting(
    conn: &Connection,
    group: i64,
    on: NaiveDate,
    now: &NaiveDateTime,
) -> Result<i64, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let g = get(&tx, group)?.ok_or_else(|| gone(group))?;
    let draft = EventDraft::new(&format!("{} meeting", g.name), on, &g.meets, "")
        .map_err(WriteError::Refused)?;
    let event = super::event::add(&tx, &draft, Some(group), now)?;
    tx.execute(
        "INSERT INTO event_guest (event_id, contact_id, invited)
         SELECT ?1, m.contact_id, 1 FROM group_member m JOIN contact c ON c.id = m.contact_id
         WHERE m.group_id = ?2 AND c.deleted_at IS NULL",
        params![event, group],
    )?;
    tx.commit()?;
    Ok(event)
}

/// How many groups the user has joined (recorded).
pub fn count(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM source_group WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
}
