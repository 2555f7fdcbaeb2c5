//! The most-wanted list: categories, in the user's order.

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, params};

use super::{TIMESTAMP_FORMAT, WriteError};
use crate::domain::text::key;
use crate::domain::{Category, CategoryDraft, Stage};

const COLUMNS: &str = "id, name, why, target";

fn from_row(row: &Row) -> rusqlite::Result<Category> {
    Ok(Category {
        id: row.get(0)?,
        name: row.get(1)?,
        why: row.get(2)?,
        target: row.get(3)?,
        partners: 0,
        contacts: 0,
        met: 0,
        on_list: 0,
    })
}

/// The live categories in the user's order, with their contacts counted.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Category>> {
    Ok(counted(conn)?.0)
}

/// `list`, and how many live contacts are in none of them (clients with
/// no category, say): with the categories' counts, every contact.
pub fn counted(conn: &Connection) -> rusqlite::Result<(Vec<Category>, u32)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM category WHERE deleted_at IS NULL ORDER BY position, id"
    ))?;
    let mut categories: Vec<Category> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    let elsewhere = count_contacts(conn, &mut categories)?;
    Ok((categories, elsewhere))
}

/// The name of every category ever made, deleted ones too, by id: for
/// naming the category of each contact in a long list.
pub fn names_by_id(conn: &Connection) -> rusqlite::Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM category")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// Fill in the per-category counts, read from one index in one pass; how
/// many live contacts are in none of `categories`.
fn count_contacts(conn: &Connection, categories: &mut [Category]) -> rusqlite::Result<u32> {
    let mut stmt = conn.prepare_cached(
        "SELECT category_id, stage, on_list, count(*) FROM contact
         WHERE deleted_at IS NULL GROUP BY 1, 2, 3",
    )?;
    let mut rows = stmt.query([])?;
    let mut elsewhere = 0;
    while let Some(row) = rows.next()? {
        let (id, stage, on_list, n): (Option<i64>, String, bool, u32) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let Some(c) = categories.iter_mut().find(|c| Some(c.id) == id) else {
            elsewhere += n;
            continue;
        };
        c.tally(
            Stage::parse(&stage).unwrap_or_default(),
            on_list,
            i64::from(n),
        );
    }
    Ok(elsewhere)
}

pub fn count(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM category WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
}

/// A live category by name, compared as names are (case and Unicode form
/// ignored, see `text::key`).
pub fn find_by_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<Category>> {
    let wanted = key(name);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM category WHERE deleted_at IS NULL ORDER BY position, id"
    ))?;
    for row in stmt.query_map([], from_row)? {
        let c = row?;
        if key(&c.name) == wanted {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

fn refuse_duplicate(conn: &Connection, name: &str, except: Option<i64>) -> Result<(), WriteError> {
    match find_by_name(conn, name)? {
        Some(c) if Some(c.id) != except => Err(WriteError::Refused(format!(
            "There is already a category named {:?}.",
            c.name
        ))),
        _ => Ok(()),
    }
}

/// Add a category at the end of the list. Returns its id.
pub fn add(
    conn: &Connection,
    draft: &CategoryDraft,
    now: &NaiveDateTime,
) -> Result<i64, WriteError> {
    let tx = conn.unchecked_transaction()?;
    refuse_duplicate(&tx, &draft.name, None)?;
    let id = insert(&tx, draft, now)?;
    tx.commit()?;
    Ok(id)
}

fn insert(conn: &Connection, draft: &CategoryDraft, now: &NaiveDateTime) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO category (name, why, target, position, created_at)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM category), ?4)",
        params![
            draft.name,
            draft.why,
            draft.target,
            now.format(TIMESTAMP_FORMAT).to_string()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Add several categories in one step, skipping names already on the list.
/// Returns how many were added.
pub fn add_many(
    conn: &Connection,
    drafts: &[CategoryDraft],
    now: &NaiveDateTime,
) -> Result<usize, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let mut added = 0;
    for draft in drafts {
        if find_by_name(&tx, &draft.name)?.is_none() {
            insert(&tx, draft, now)?;
            added += 1;
        }
    }
    tx.commit()?;
    Ok(added)
}

/// Change the name, the why and the target of a category.
pub fn update(conn: &Connection, id: i64, draft: &CategoryDraft) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    super::must_be_live(&tx, super::Live::Category(id))?;
    refuse_duplicate(&tx, &draft.name, Some(id))?;
    tx.execute(
        "UPDATE category SET name = ?2, why = ?3, target = ?4 WHERE id = ?1",
        params![id, draft.name, draft.why, draft.target],
    )?;
    tx.commit()?;
    Ok(())
}

/// Move a category one place up (`-1`) or down (`1`) the list.
/// Returns false when it is already at that end.
pub fn move_by(conn: &Connection, id: i64, up: bool) -> rusqlite::Result<bool> {
    let tx = conn.unchecked_transaction()?;
    let ids: Vec<i64> = list(&tx)?.into_iter().map(|c| c.id).collect();
    let Some(i) = ids.iter().position(|&x| x == id) else {
        return Ok(false);
    };
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    let Some(j) = j.filter(|&j| j < ids.len()) else {
        return Ok(false);
    };
    let mut order = ids;
    order.swap(i, j);
    // Renumber the whole (short) list so positions stay dense.
    for (pos, id) in (1i64..).zip(&order) {
        tx.execute(
            "UPDATE category SET position = ?2 WHERE id = ?1",
            params![id, pos],
        )?;
    }
    tx.commit()?;
    Ok(true)
}

/// Delete a category. Its people stay, in no category (the unsorted
/// view), to be put in another one or left there; how many is returned.
pub fn delete(conn: &Connection, id: i64, now: &NaiveDateTime) -> rusqlite::Result<usize> {
    let tx = conn.unchecked_transaction()?;
    let stamp = now.format(TIMESTAMP_FORMAT).to_string();
    let deleted = tx.execute(
        "UPDATE category SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, stamp],
    )?;
    let mut people = 0;
    if deleted > 0 {
        people = tx.execute(
            "UPDATE contact SET category_id = NULL WHERE category_id = ?1 AND deleted_at IS NULL",
            [id],
        )?;
    }
    tx.commit()?;
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;
    use crate::store::open_in_memory;

    fn now() -> NaiveDateTime {
        parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(9, 0, 0)
            .expect("time")
    }

    fn draft(name: &str) -> CategoryDraft {
        CategoryDraft::parse(name, "", "").expect("draft")
    }

    fn names(conn: &Connection) -> Vec<String> {
        list(conn)
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn categories_keep_the_order_they_were_added_in() {
        let conn = open_in_memory(now().date()).expect("open");
        for n in ["Accountants", "Attorneys", "Bankers"] {
            add(&conn, &draft(n), &now()).expect("add");
        }
        assert_eq!(names(&conn), ["Accountants", "Attorneys", "Bankers"]);
        assert_eq!(count(&conn).expect("count"), 3);
    }

    #[test]
    fn a_duplicate_name_is_refused_whatever_its_case_or_unicode_form() {
        let conn = open_in_memory(now().date()).expect("open");
        add(&conn, &draft("Éditeurs"), &now()).expect("add");
        for same in [
            "éditeurs",
            "E\u{301}DITEURS",
            "e\u{301}diteurs",
            "Éditeurs\u{200B}",
        ] {
            let err = add(&conn, &draft(same), &now()).expect_err(same);
            assert!(err.to_string().contains("already a category"), "{err}");
        }
        assert_eq!(
            find_by_name(&conn, "E\u{301}diteurs")
                .expect("find")
                .map(|c| c.name),
            Some("Éditeurs".to_owned())
        );
        add(&conn, &draft("Editeurs"), &now()).expect("accents still count");
    }

    #[test]
    fn a_duplicate_name_is_refused_whatever_its_case() {
        let conn = open_in_memory(now().date()).expect("open");
        add(&conn, &draft("Printers"), &now()).expect("add");
        let err = add(&conn, &draft("printers"), &now()).expect_err("duplicate");
        assert!(
            err.to_string()
                .contains("already a category named \"Printers\""),
            "{err}"
        );
        assert_eq!(count(&conn).expect("count"), 1);
    }

    #[test]
    fn move_up_and_down_swaps_neighbours_and_stops_at_the_ends() {
        let conn = open_in_memory(now().date()).expect("open");
        let a = add(&conn, &draft("A"), &now()).expect("add");
        let b = add(&conn, &draft("B"), &now()).expect("add");
        add(&conn, &draft("C"), &now()).expect("add");
        assert!(move_by(&conn, b, true).expect("move"));
        assert_eq!(names(&conn), ["B", "A", "C"]);
        assert!(!move_by(&conn, b, true).expect("move"), "already first");
        assert!(move_by(&conn, a, false).expect("move"));
        assert_eq!(names(&conn), ["B", "C", "A"]);
        assert!(!move_by(&conn, a, false).expect("move"), "already last");
    }

    #[test]
    fn rename_keeps_the_place_and_refuses_a_taken_name() {
        let conn = open_in_memory(now().date()).expect("open");
        let a = add(&conn, &draft("Bankers"), &now()).expect("add");
        add(&conn, &draft("Printers"), &now()).expect("add");
        let renamed =
            CategoryDraft::parse("Private bankers", "they meet founders", "5").expect("d");
        update(&conn, a, &renamed).expect("rename");
        let first = &list(&conn).expect("list")[0];
        assert_eq!((first.name.as_str(), first.target), ("Private bankers", 5));
        assert!(update(&conn, a, &draft("PRINTERS")).is_err());
    }

    #[test]
    fn delete_hides_and_undo_brings_back() {
        use crate::store::testing::{recorded, undo};
        let conn = open_in_memory(now().date()).expect("open");
        let a = add(&conn, &draft("Printers"), &now()).expect("add");
        recorded(&conn, || delete(&conn, a, &now()).expect("delete"));
        assert!(names(&conn).is_empty());
        undo(&conn).expect("undo");
        assert_eq!(names(&conn), ["Printers"]);
        recorded(&conn, || delete(&conn, a, &now()).expect("delete"));
        add(&conn, &draft("printers"), &now()).expect("same name again");
        let err = undo(&conn).expect_err("two live categories of one name");
        assert!(err.to_string().contains("clash"), "{err}");
        assert_eq!(names(&conn), ["printers"]);
    }

    #[test]
    fn deleting_a_category_keeps_its_people_in_no_category_and_undo_puts_them_back() {
        use crate::domain::ContactDraft;
        use crate::domain::contact::ContactView;
        use crate::store::contact;
        use crate::store::testing::{recorded, undo};
        let conn = open_in_memory(now().date()).expect("open");
        let a = add(&conn, &draft("Printers"), &now()).expect("add");
        let b = add(&conn, &draft("Bankers"), &now()).expect("add");
        let ana = ContactDraft::named("Ana").expect("draft");
        let first = contact::add(&conn, Some(a), &ana, &now()).expect("contact");
        contact::add(&conn, Some(a), &ana, &now()).expect("contact");
        contact::add(&conn, Some(b), &ana, &now()).expect("contact");
        contact::set_on_list(&conn, first, true, now().date()).expect("mark");
        contact::set_stage(&conn, first, crate::domain::Stage::Met, now().date()).expect("met");
        // Deleted on its own earlier: stays deleted after the undo.
        let earlier = now() - chrono::Duration::hours(1);
        let alone = contact::add(&conn, Some(a), &ana, &now()).expect("contact");
        contact::delete(&conn, alone, &earlier).expect("delete one");
        let printers = &list(&conn).expect("list")[0];
        assert_eq!((printers.contacts, printers.partners), (2, 1));

        let people = recorded(&conn, || delete(&conn, a, &now()).expect("delete"));
        assert_eq!(people, 2, "the one deleted before is not counted");
        assert_eq!(
            contact::list(&conn, ContactView::All).expect("all").len(),
            3
        );
        let unsorted = contact::list(&conn, ContactView::Unsorted).expect("unsorted");
        assert_eq!(unsorted.len(), 2, "in no category now");
        let kept = contact::get(&conn, first)
            .expect("get")
            .expect("still there");
        assert!(kept.on_list, "still on the 25 list");
        assert_eq!(kept.stage, crate::domain::Stage::Met, "and still met");
        undo(&conn).expect("undo");
        assert_eq!(
            contact::list(&conn, ContactView::Category(a))
                .expect("back")
                .len(),
            2
        );
        assert!(
            contact::get(&conn, alone).expect("get").is_none(),
            "still deleted"
        );
    }

    #[test]
    fn add_many_skips_what_is_already_there() {
        let conn = open_in_memory(now().date()).expect("open");
        add(&conn, &draft("Printers"), &now()).expect("add");
        let n = add_many(
            &conn,
            &[draft("Bankers"), draft("printers"), draft("Attorneys")],
            &now(),
        )
        .expect("add many");
        assert_eq!(n, 2);
        assert_eq!(names(&conn), ["Printers", "Bankers", "Attorneys"]);
    }
}
