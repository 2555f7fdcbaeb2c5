//! Scripts and every saved version of their text.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};

pub use super::script_text::{Saved, restore_version, save_text, versions};
use super::{Lookup, TIMESTAMP_FORMAT, WriteError, settings};
use crate::domain::script::{Purpose, Starter, starters};
use crate::domain::text::{fold, key};
use crate::domain::{SaveKind, Script, ScriptDraft, ScriptKind};

/// Set once the starter scripts were added, so that a starter the user
/// deleted never comes back.
const SEEDED: &str = "scripts_seeded";

/// Set once the second set of starters was added (a database made with
/// the first set gets the second once).
const SEEDED_2: &str = "scripts_seeded_2";

const SELECT: &str = "SELECT s.id, s.kind, s.title, s.tip, s.category_id, coalesce(k.name, ''),
        s.text, s.updated_at, s.purpose
    FROM script s LEFT JOIN category k ON k.id = s.category_id AND k.deleted_at IS NULL";

pub(super) fn stamp(at: &NaiveDateTime) -> String {
    at.format(TIMESTAMP_FORMAT).to_string()
}

pub(super) fn moment(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, TIMESTAMP_FORMAT).unwrap_or_default()
}

fn from_row(row: &Row) -> rusqlite::Result<Script> {
    let kind: String = row.get(1)?;
    let updated: String = row.get(7)?;
    Ok(Script {
        id: row.get(0)?,
        kind: ScriptKind::from_key(&kind).unwrap_or(ScriptKind::Other),
        title: row.get(2)?,
        tip: row.get(3)?,
        category_id: row.get(4)?,
        category: row.get(5)?,
        text: row.get(6)?,
        updated_at: moment(&updated),
        purpose: row
            .get::<_, Option<String>>(8)?
            .and_then(|p| Purpose::from_key(&p)),
    })
}

/// The live scripts, by kind (in the order of `ScriptKind::ALL`), general
/// ones before those of a category, then in the order they were added.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Script>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.deleted_at IS NULL ORDER BY s.id"
    ))?;
    let mut all: Vec<Script> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    all.sort_by_key(|s| (s.kind, !s.category.is_empty()));
    Ok(all)
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Script>> {
    conn.query_row(
        &format!("{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()
}

/// Find one script by title: an exact match (ignoring case) wins, then a
/// unique part of a title.
pub fn lookup(conn: &Connection, title: &str) -> rusqlite::Result<Lookup<Script>> {
    let all = list(conn)?;
    let wanted = key(title);
    if let Some(s) = all.iter().find(|s| key(&s.title) == wanted) {
        return Ok(Lookup::One(Box::new(s.clone())));
    }
    let part = fold(title.trim());
    let mut found: Vec<Script> = all
        .into_iter()
        .filter(|s| !part.is_empty() && fold(&s.title).contains(&part))
        .collect();
    Ok(match found.len() {
        0 => Lookup::None,
        1 => found
            .pop()
            .map_or(Lookup::None, |s| Lookup::One(Box::new(s))),
        _ => Lookup::Many(found.into_iter().map(|s| s.title).collect()),
    })
}

fn refuse_duplicate(conn: &Connection, title: &str, except: Option<i64>) -> Result<(), WriteError> {
    let wanted = key(title);
    let mut stmt = conn.prepare_cached("SELECT id, title FROM script WHERE deleted_at IS NULL")?;
    let other = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .find(|(_, t)| key(t) == wanted);
    match other {
        Some((id, title)) if Some(id) != except => Err(WriteError::Refused(format!(
            "There is already a script called {title:?}."
        ))),
        _ => Ok(()),
    }
}

/// Add a script with no text yet. Returns its id.
pub fn add(conn: &Connection, draft: &ScriptDraft, now: &NaiveDateTime) -> Result<i64, WriteError> {
    let tx = conn.unchecked_transaction()?;
    if let Some(c) = draft.category_id {
        super::must_be_live(&tx, super::Live::Category(c))?;
    }
    refuse_duplicate(&tx, &draft.title, None)?;
    let id = insert(&tx, draft, "", now)?;
    tx.commit()?;
    Ok(id)
}

fn insert(
    conn: &Connection,
    draft: &ScriptDraft,
    text: &str,
    now: &NaiveDateTime,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO script (kind, title, tip, category_id, text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            draft.kind.key(),
            draft.title,
            draft.tip,
            draft.category_id,
            text,
            stamp(now)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Change a script's title, kind, tip and category (not its text).
pub fn update(conn: &Connection, id: i64, draft: &ScriptDraft) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    super::must_be_live(&tx, super::Live::Script(id))?;
    if let Some(c) = draft.category_id {
        super::must_be_live(&tx, super::Live::Category(c))?;
    }
    refuse_duplicate(&tx, &draft.title, Some(id))?;
    tx.execute(
        "UPDATE script SET kind = ?2, title = ?3, tip = ?4, category_id = ?5 WHERE id = ?1",
        params![
            id,
            draft.kind.key(),
            draft.title,
            draft.tip,
            draft.category_id
        ],
    )?;
    tx.commit()?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64, now: &NaiveDateTime) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE script SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, stamp(now)],
    )?;
    Ok(())
}

/// Add the starter scripts, once in the life of a database; one made
/// with the first set gets the second set once (a title already taken is
/// left to the user's script).
pub fn seed(conn: &Connection, now: &NaiveDateTime) -> Result<usize, WriteError> {
    let done = |c: &Connection| -> rusqlite::Result<(bool, bool)> {
        Ok((
            settings::get(c, SEEDED)?.is_some(),
            settings::get(c, SEEDED_2)?.is_some(),
        ))
    };
    if done(conn)? == (true, true) {
        return Ok(0);
    }
    let all: Vec<Starter> = starters().map_err(WriteError::Refused)?;
    let tx = conn.unchecked_transaction()?;
    // Asked again under the write lock: another process may have seeded
    // the same new database a moment ago.
    let (first, second) = done(&tx)?;
    let mut added = 0;
    for s in all.iter().filter(|s| !first || (!second && s.set >= 2)) {
        if refuse_duplicate(&tx, &s.title, None).is_err() {
            continue;
        }
        let draft = ScriptDraft {
            kind: s.kind,
            title: s.title.clone(),
            tip: s.tip.clone(),
            category_id: None,
        };
        let id = insert(&tx, &draft, &s.text, now)?;
        tx.execute(
            "INSERT INTO script_version (script_id, text, how, saved_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.text, SaveKind::Starter.key(), stamp(now)],
        )?;
        tx.execute(
            "UPDATE script SET purpose = ?2 WHERE id = ?1",
            params![id, s.purpose.map(Purpose::key)],
        )?;
        added += 1;
    }
    settings::set(&tx, SEEDED, "1")?;
    settings::set(&tx, SEEDED_2, "1")?;
    tx.commit()?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CategoryDraft, parse_date};
    use crate::store::{category, open_in_memory};

    fn now() -> NaiveDateTime {
        parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(8, 15, 0)
            .expect("time")
    }

    fn draft(title: &str, kind: &str) -> ScriptDraft {
        ScriptDraft::parse(title, kind, "").expect("draft")
    }

    fn titles(conn: &Connection) -> Vec<String> {
        list(conn)
            .expect("list")
            .into_iter()
            .map(|s| s.title)
            .collect()
    }

    #[test]
    fn a_new_database_has_the_starters_once() {
        let conn = open_in_memory(now().date()).expect("open");
        let shipped = starters().expect("starters");
        let all = list(&conn).expect("list");
        assert_eq!(all.len(), shipped.len());
        assert!(all.windows(2).all(|w| w[0].kind <= w[1].kind), "by kind");
        for s in &all {
            let v = versions(&conn, s.id).expect("versions");
            assert_eq!(v.len(), 1);
            assert_eq!(v[0].how, SaveKind::Starter);
            assert_eq!(v[0].text, s.text);
        }
        let first = all[0].id;
        delete(&conn, first, &now()).expect("delete");
        assert_eq!(seed(&conn, &now()).expect("seed again"), 0);
        assert_eq!(list(&conn).expect("list").len(), shipped.len() - 1);
    }

    #[test]
    fn titles_are_unique_ignoring_case() {
        let conn = open_in_memory(now().date()).expect("open");
        let a = add(&conn, &draft("Banker line", "value"), &now()).expect("add");
        let err = add(&conn, &draft("BANKER LINE", "ask"), &now()).expect_err("duplicate");
        assert!(err.to_string().contains("already a script"), "{err}");
        update(&conn, a, &draft("banker line", "ask")).expect("same script may change case");
        let s = get(&conn, a).expect("get").expect("there");
        assert_eq!(
            (s.title.as_str(), s.kind),
            ("banker line", ScriptKind::ReferralAsk)
        );
        use crate::store::testing::{recorded, undo};
        recorded(&conn, || delete(&conn, a, &now()).expect("delete"));
        assert!(get(&conn, a).expect("get").is_none());
        let b = add(&conn, &draft("Banker line", "value"), &now()).expect("free again");
        assert!(undo(&conn).is_err(), "the title is taken again");
        delete(&conn, b, &now()).expect("delete");
        undo(&conn).expect("undo");
        assert!(titles(&conn).contains(&"banker line".to_owned()));
    }

    #[test]
    fn a_script_of_a_deleted_category_stays_and_reads_as_general() {
        let conn = open_in_memory(now().date()).expect("open");
        let bankers = category::add(
            &conn,
            &CategoryDraft::parse("Bankers", "", "").expect("draft"),
            &now(),
        )
        .expect("category");
        let mut d = draft("What a banker can say", "value");
        d.category_id = Some(bankers);
        let id = add(&conn, &d, &now()).expect("add");
        assert_eq!(
            get(&conn, id).expect("get").expect("there").category,
            "Bankers"
        );
        use crate::store::testing::{recorded, undo};
        recorded(&conn, || {
            category::delete(&conn, bankers, &now()).expect("delete category")
        });
        let s = get(&conn, id).expect("get").expect("the script stays");
        assert_eq!((s.category.as_str(), s.category_id), ("", Some(bankers)));
        undo(&conn).expect("undo");
        assert_eq!(
            get(&conn, id).expect("get").expect("there").category,
            "Bankers"
        );
    }

    #[test]
    fn lookup_by_title_or_a_unique_part_of_one() {
        let conn = open_in_memory(now().date()).expect("open");
        add(&conn, &draft("Banker line", "value"), &now()).expect("add");
        add(&conn, &draft("Banker line, long", "value"), &now()).expect("add");
        assert!(
            matches!(lookup(&conn, "banker LINE").expect("l"), Lookup::One(s) if s.title == "Banker line")
        );
        assert!(matches!(lookup(&conn, "long").expect("l"), Lookup::One(_)));
        assert!(matches!(lookup(&conn, "banker").expect("l"), Lookup::Many(v) if v.len() == 2));
        assert_eq!(lookup(&conn, "sonnet").expect("l"), Lookup::None);
        assert_eq!(lookup(&conn, "  ").expect("l"), Lookup::None);
    }
}
