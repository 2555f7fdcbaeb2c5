//! Touches with a contact: listing, changing and deleting one by hand
//! (with undo), and keeping the contact's last touch and next follow-up in
//! step with them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::contact::{date, date_text};
use super::{Live, WriteError, must_be_live};
use crate::domain::contact::follow_up_after;
use crate::domain::search::Index;
use crate::domain::{Touch, TouchKind};

/// The live touches of a contact, newest first.
pub fn list(conn: &Connection, contact: i64) -> rusqlite::Result<Vec<Touch>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, on_date, note FROM touch
         WHERE contact_id = ?1 AND deleted_at IS NULL ORDER BY on_date DESC, id DESC",
    )?;
    let rows = stmt.query_map([contact], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, on, note) = row?;
        if let (Ok(kind), Some(on)) = (TouchKind::parse(&kind), date(Some(on))) {
            out.push(Touch {
                id,
                contact_id: contact,
                kind,
                on,
                note,
            });
        }
    }
    Ok(out)
}

/// The live touches with a note, of live contacts, newest first, each
/// note under its touch's id: what search reads for "touch notes".
pub fn note_index(conn: &Connection) -> rusqlite::Result<Index> {
    // Read in the table's order and sorted here: twice as quick as asking
    // SQLite to sort.
    let mut stmt = conn.prepare_cached(
        "SELECT t.on_date, t.id, t.note FROM touch t
         JOIN contact c ON c.id = t.contact_id
         LEFT JOIN category k ON k.id = c.category_id
         WHERE t.deleted_at IS NULL AND t.note <> '' AND c.deleted_at IS NULL
           AND (k.id IS NULL OR k.deleted_at IS NULL)",
    )?;
    let mut notes: Vec<(String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    notes.sort_unstable_by(|a, b| (&b.0, b.1).cmp(&(&a.0, a.1)));
    let mut index = Index::default();
    for (_, id, note) in notes {
        index.push(id, &[&note]);
    }
    Ok(index)
}

/// A live touch of a live contact, with the contact's name.
pub fn get(conn: &Connection, touch: i64) -> rusqlite::Result<Option<(Touch, String)>> {
    let row = conn
        .prepare_cached(
            "SELECT t.contact_id, t.kind, t.on_date, t.note, c.name FROM touch t
             JOIN contact c ON c.id = t.contact_id
             WHERE t.id = ?1 AND t.deleted_at IS NULL AND c.deleted_at IS NULL",
        )?
        .query_row([touch], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    Ok(row.and_then(|(contact_id, kind, on, note, name)| {
        let touch = Touch {
            id: touch,
            contact_id,
            kind: TouchKind::parse(&kind).ok()?,
            on: date(Some(on))?,
            note,
        };
        Some((touch, name))
    }))
}

/// The contact a live touch is with.
fn contact_of(conn: &Connection, touch: i64) -> Result<i64, WriteError> {
    conn.query_row(
        "SELECT contact_id FROM touch WHERE id = ?1 AND deleted_at IS NULL",
        [touch],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        WriteError::Refused("That touch was deleted in another window; nothing was saved.".into())
    })
}

/// Change a touch: its kind, date and note.
pub fn update(
    conn: &Connection,
    touch: i64,
    kind: TouchKind,
    on: NaiveDate,
    note: &str,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let contact = contact_of(&tx, touch)?;
    must_be_live(&tx, Live::Contact(contact))?;
    tx.execute(
        "UPDATE touch SET kind = ?2, on_date = ?3, note = ?4 WHERE id = ?1",
        params![touch, kind.as_str(), date_text(on), note],
    )?;
    reschedule(&tx, contact)?;
    tx.commit()?;
    Ok(())
}

/// Delete a touch; undo brings it back.
pub fn delete(
    conn: &Connection,
    touch: i64,
    now: &chrono::NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    let contact = contact_of(&tx, touch)?;
    tx.execute(
        "UPDATE touch SET deleted_at = ?2 WHERE id = ?1",
        params![touch, now.format(super::TIMESTAMP_FORMAT).to_string()],
    )?;
    reschedule(&tx, contact)?;
    tx.commit()?;
    Ok(())
}

/// Set a contact's last touch to their latest live touch and the next
/// follow-up to their cadence after it. With no touch left, the last
/// touch is cleared and the follow-up kept as it was.
pub(super) fn reschedule(tx: &Connection, contact: i64) -> rusqlite::Result<()> {
    let (last, cadence): (Option<String>, u32) = tx.query_row(
        "SELECT (SELECT max(on_date) FROM touch WHERE contact_id = c.id AND deleted_at IS NULL),
                c.cadence_days
         FROM contact c WHERE c.id = ?1",
        [contact],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match date(last) {
        Some(last) => tx.execute(
            "UPDATE contact SET last_touch = ?2, next_follow_up = ?3 WHERE id = ?1",
            params![
                contact,
                date_text(last),
                date_text(follow_up_after(last, cadence))
            ],
        )?,
        None => tx.execute(
            "UPDATE contact SET last_touch = NULL WHERE id = ?1",
            [contact],
        )?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CategoryDraft, ContactDraft, parse_date};
    use crate::store::{category, contact, open_in_memory};

    fn day(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    #[test]
    fn a_touch_changed_or_deleted_moves_the_last_touch_and_the_follow_up() {
        let now = day("2026-11-22").and_hms_opt(9, 0, 0).expect("time");
        let conn = open_in_memory(now.date()).expect("open");
        let ana =
            contact::add(&conn, None, &ContactDraft::named("Ana").expect("d"), &now).expect("ana");
        contact::log_touch(&conn, ana, TouchKind::Call, day("2026-11-01"), "hi", &now)
            .expect("one");
        contact::log_touch(
            &conn,
            ana,
            TouchKind::Card,
            day("2026-11-20"),
            "thanks",
            &now,
        )
        .expect("two");
        let touches = list(&conn, ana).expect("list");
        assert_eq!(touches.len(), 2);
        let newest = touches[0].id;
        let read = |c: &Connection| {
            let c = contact::get(c, ana).expect("read").expect("ana");
            (c.last_touch, c.next_follow_up)
        };
        assert_eq!(
            read(&conn),
            (Some(day("2026-11-20")), Some(day("2026-12-20")))
        );

        update(
            &conn,
            newest,
            TouchKind::Meeting,
            day("2026-11-10"),
            "coffee",
        )
        .expect("edit");
        assert_eq!(
            read(&conn),
            (Some(day("2026-11-10")), Some(day("2026-12-10")))
        );
        assert_eq!(list(&conn, ana).expect("list")[0].note, "coffee");

        crate::store::testing::recorded(&conn, || {
            delete(&conn, newest, &now).expect("delete");
        });
        assert_eq!(list(&conn, ana).expect("list").len(), 1);
        assert_eq!(
            read(&conn),
            (Some(day("2026-11-01")), Some(day("2026-12-01")))
        );
        assert!(matches!(
            update(&conn, newest, TouchKind::Call, day("2026-11-10"), ""),
            Err(WriteError::Refused(_))
        ));

        crate::store::testing::undo(&conn).expect("undo");
        assert_eq!(
            read(&conn),
            (Some(day("2026-11-10")), Some(day("2026-12-10")))
        );
    }

    #[test]
    fn search_reads_the_live_notes_newest_first() {
        let now = day("2026-11-22").and_hms_opt(9, 0, 0).expect("time");
        let conn = open_in_memory(now.date()).expect("open");
        let person = |name: &str| {
            contact::add(&conn, None, &ContactDraft::named(name).expect("d"), &now).expect("add")
        };
        let (ana, bo) = (person("Ana Lima"), person("Bo Chen"));
        let bankers = category::add(
            &conn,
            &CategoryDraft::parse("Bankers", "", "").expect("d"),
            &now,
        )
        .expect("bankers");
        let cy_draft = ContactDraft::named("Cy Banks").expect("d");
        let cy = contact::add(&conn, Some(bankers), &cy_draft, &now).expect("cy");
        let touch = |who, on: &str, note: &str| {
            contact::log_touch(&conn, who, TouchKind::Call, day(on), note, &now).expect("touch");
            list(&conn, who)
                .expect("list")
                .into_iter()
                .find(|t| t.note == note)
                .map(|t| t.id)
                .expect("logged")
        };
        let old = touch(ana, "2026-10-01", "lunch at the fair");
        let new = touch(ana, "2026-11-02", "lunch again");
        touch(ana, "2026-11-03", "");
        let gone = touch(ana, "2026-11-04", "lunch, deleted");
        let bos = touch(bo, "2026-11-05", "lunch with Bo");
        let cys = touch(cy, "2026-11-06", "lunch with Cy");
        category::delete(&conn, bankers, &now).expect("delete bankers");
        delete(&conn, gone, &now).expect("delete");
        let notes = note_index(&conn).expect("index");
        assert_eq!(
            notes.holding("lunch", 10),
            vec![cys, bos, new, old],
            "Cy stays when his category goes"
        );
        assert_eq!(notes.len(), 4, "no empty note, no deleted touch");
        let (found, name) = get(&conn, new).expect("get").expect("live");
        assert_eq!(
            (found.contact_id, found.note.as_str(), name.as_str()),
            (ana, "lunch again", "Ana Lima")
        );
        assert!(get(&conn, gone).expect("get").is_none());

        contact::delete(&conn, bo, &now).expect("delete bo");
        assert_eq!(
            note_index(&conn).expect("index").holding("lunch", 10),
            vec![cys, new, old]
        );
        assert!(
            get(&conn, bos).expect("get").is_none(),
            "a deleted contact's touch"
        );
    }
}
