//! A script's text: saving it (every change kept as a version), browsing
//! its versions, and bringing one back.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::WriteError;
use super::script::{moment, stamp};
use crate::domain::{SaveKind, Version};

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The text was already stored: nothing written.
    Unchanged,
    /// The text is stored, in this version.
    Version(i64),
    /// The text is stored, in this version, over a text changed elsewhere
    /// (another window) since this one was shown; that text is kept as a
    /// version too.
    OverOther(i64),
    /// The script had been deleted elsewhere: the text is stored, in this
    /// version, and the script is back.
    Revived(i64),
}

impl Saved {
    /// The version the text is in, if it was written.
    pub fn version(self) -> Option<i64> {
        match self {
            Saved::Unchanged => None,
            Saved::Version(v) | Saved::OverOther(v) | Saved::Revived(v) => Some(v),
        }
    }
}

/// Store `text` as the script's text. A change is kept as a version: a new
/// one, or, when `amend` names the script's newest version, that version
/// brought up to date (autosaves while one stretch of typing goes on).
///
/// `shown` is the stored text the writer last saw. If the script holds
/// something else now, it was changed elsewhere: that text is kept as a
/// version (if it is not one already), this one is saved as a new
/// version after it, and the answer says so. A script deleted elsewhere
/// is brought back rather than typed into unseen.
pub fn save_text(
    conn: &Connection,
    id: i64,
    text: &str,
    how: SaveKind,
    amend: Option<i64>,
    shown: Option<&str>,
    now: &NaiveDateTime,
) -> rusqlite::Result<Saved> {
    let tx = conn.unchecked_transaction()?;
    let current: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT text, deleted_at FROM script WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((current, deleted)) = current else {
        return Ok(Saved::Unchanged);
    };
    let revived = deleted.is_some();
    if current == text && !revived {
        return Ok(Saved::Unchanged);
    }
    let at = stamp(now);
    tx.execute(
        "UPDATE script SET text = ?2, updated_at = ?3, deleted_at = NULL WHERE id = ?1",
        params![id, text, at],
    )?;
    let newest: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, text FROM script_version WHERE script_id = ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let other = shown.is_some_and(|s| s != current);
    if other && newest.as_ref().is_none_or(|(_, t)| *t != current) {
        tx.execute(
            "INSERT INTO script_version (script_id, text, how, saved_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, current, SaveKind::Saved.key(), at],
        )?;
    }
    let newest = newest.map(|(v, _)| v).filter(|_| !other);
    let version = match amend.filter(|&v| Some(v) == newest) {
        Some(v) => {
            tx.execute(
                "UPDATE script_version SET text = ?2, saved_at = ?3, how = ?4 WHERE id = ?1",
                params![v, text, at, how.key()],
            )?;
            v
        }
        None => {
            tx.execute(
                "INSERT INTO script_version (script_id, text, how, saved_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![id, text, how.key(), at],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.commit()?;
    Ok(if revived {
        Saved::Revived(version)
    } else if other {
        Saved::OverOther(version)
    } else {
        Saved::Version(version)
    })
}

/// Every saved text of a script, the newest first.
pub fn versions(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Version>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, saved_at, how FROM script_version WHERE script_id = ?1 ORDER BY id DESC",
    )?;
    stmt.query_map([id], |r| {
        let at: String = r.get(2)?;
        let how: String = r.get(3)?;
        Ok(Version {
            id: r.get(0)?,
            text: r.get(1)?,
            saved_at: moment(&at),
            how: SaveKind::from_key(&how),
        })
    })?
    .collect()
}

/// Bring back version `version` as the script's text, itself kept as a new
/// version, so a restore can be undone by restoring again.
pub fn restore_version(
    conn: &Connection,
    id: i64,
    version: i64,
    now: &NaiveDateTime,
) -> Result<Saved, WriteError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT text FROM script_version WHERE id = ?1 AND script_id = ?2",
            params![version, id],
            |r| r.get(0),
        )
        .optional()?;
    let text = text.ok_or_else(|| WriteError::Refused("That version is gone.".into()))?;
    Ok(save_text(
        conn,
        id,
        &text,
        SaveKind::Restored,
        None,
        None,
        now,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ScriptDraft, parse_date};
    use crate::store::open_in_memory;
    use crate::store::script::{add, delete, get, list};

    fn now() -> NaiveDateTime {
        parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(8, 15, 0)
            .expect("time")
    }

    fn later(minutes: i64) -> NaiveDateTime {
        now() + chrono::Duration::minutes(minutes)
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
    fn a_save_over_a_text_changed_elsewhere_keeps_both_and_says_so() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Shared", "ask"), &now()).expect("add");
        save_text(&conn, id, "start", SaveKind::Saved, None, Some(""), &now()).expect("save");
        // Two windows both showed "start"; the second one saves first.
        let b = save_text(
            &conn,
            id,
            "from B",
            SaveKind::Auto,
            None,
            Some("start"),
            &later(1),
        )
        .expect("B");
        assert!(matches!(b, Saved::Version(_)), "{b:?}");
        let a = save_text(
            &conn,
            id,
            "from A",
            SaveKind::Auto,
            None,
            Some("start"),
            &later(2),
        )
        .expect("A");
        assert!(matches!(a, Saved::OverOther(_)), "{a:?}");
        assert_eq!(
            get(&conn, id).expect("get").map(|s| s.text).as_deref(),
            Some("from A")
        );
        let texts: Vec<String> = versions(&conn, id)
            .expect("v")
            .into_iter()
            .map(|v| v.text)
            .collect();
        assert_eq!(texts, ["from A", "from B", "start"]);
        // A's open version is not B's: amending never rewrites B's text.
        let again = save_text(
            &conn,
            id,
            "from A, more",
            SaveKind::Auto,
            b.version(),
            Some("from A"),
            &later(3),
        )
        .expect("again");
        assert_eq!(again, Saved::Version(a.version().expect("v") + 1));
    }

    #[test]
    fn a_save_into_a_script_deleted_elsewhere_brings_it_back() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Gone", "ask"), &now()).expect("add");
        delete(&conn, id, &later(1)).expect("delete");
        let saved = save_text(
            &conn,
            id,
            "typed",
            SaveKind::Auto,
            None,
            Some(""),
            &later(2),
        )
        .expect("save");
        assert!(matches!(saved, Saved::Revived(_)), "{saved:?}");
        assert!(titles(&conn).contains(&"Gone".to_owned()));
    }

    #[test]
    fn each_save_that_changes_the_text_keeps_a_version() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Ask", "ask"), &now()).expect("add");
        assert!(versions(&conn, id).expect("v").is_empty());
        let one = save_text(
            &conn,
            id,
            "Hi {first_name}",
            SaveKind::Saved,
            None,
            None,
            &now(),
        )
        .expect("save");
        assert!(matches!(one, Saved::Version(_)));
        assert_eq!(
            save_text(
                &conn,
                id,
                "Hi {first_name}",
                SaveKind::Saved,
                None,
                None,
                &later(1)
            )
            .expect("same"),
            Saved::Unchanged
        );
        let two = save_text(
            &conn,
            id,
            "Hello {first_name}",
            SaveKind::Auto,
            None,
            None,
            &later(2),
        )
        .expect("save");
        let v = versions(&conn, id).expect("versions");
        let texts: Vec<&str> = v.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, ["Hello {first_name}", "Hi {first_name}"]);
        assert_eq!(v[0].how, SaveKind::Auto);
        assert_eq!(v[0].saved_at, later(2));
        let s = get(&conn, id).expect("get").expect("there");
        assert_eq!(
            (s.text.as_str(), s.updated_at),
            ("Hello {first_name}", later(2))
        );
        assert_ne!(one, two);
    }

    #[test]
    fn autosaves_amend_only_the_newest_version() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Ask", "ask"), &now()).expect("add");
        let Saved::Version(v1) =
            save_text(&conn, id, "a", SaveKind::Auto, None, None, &now()).expect("save")
        else {
            panic!("saved")
        };
        let amended =
            save_text(&conn, id, "ab", SaveKind::Auto, Some(v1), None, &later(1)).expect("amend");
        assert_eq!(amended, Saved::Version(v1));
        assert_eq!(versions(&conn, id).expect("v").len(), 1);

        save_text(&conn, id, "abc", SaveKind::Saved, None, None, &later(2)).expect("save");
        // v1 is no longer the newest: amending it would rewrite history.
        let fresh =
            save_text(&conn, id, "abcd", SaveKind::Auto, Some(v1), None, &later(3)).expect("save");
        assert_ne!(fresh, Saved::Version(v1));
        let texts: Vec<String> = versions(&conn, id)
            .expect("v")
            .into_iter()
            .map(|v| v.text)
            .collect();
        assert_eq!(texts, ["abcd", "abc", "ab"]);
    }

    #[test]
    fn a_save_into_an_open_version_says_how_it_was_last_saved() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Ask", "ask"), &now()).expect("add");
        let Saved::Version(v1) =
            save_text(&conn, id, "a", SaveKind::Auto, None, None, &now()).expect("save")
        else {
            panic!("saved")
        };
        let closed =
            save_text(&conn, id, "ab", SaveKind::Saved, Some(v1), None, &later(1)).expect("save");
        assert_eq!(closed, Saved::Version(v1));
        let v = versions(&conn, id).expect("versions");
        assert_eq!((v.len(), v[0].how), (1, SaveKind::Saved));
    }

    #[test]
    fn restoring_a_version_is_itself_a_version() {
        let conn = open_in_memory(now().date()).expect("open");
        let id = add(&conn, &draft("Ask", "ask"), &now()).expect("add");
        save_text(&conn, id, "first", SaveKind::Saved, None, None, &now()).expect("save");
        save_text(&conn, id, "second", SaveKind::Saved, None, None, &later(1)).expect("save");
        let old = versions(&conn, id).expect("v")[1].id;
        restore_version(&conn, id, old, &later(2)).expect("restore");
        let v = versions(&conn, id).expect("v");
        assert_eq!(v.len(), 3);
        assert_eq!(
            (v[0].text.as_str(), v[0].how),
            ("first", SaveKind::Restored)
        );
        assert_eq!(get(&conn, id).expect("get").expect("there").text, "first");
        let other = add(&conn, &draft("Other", ""), &now()).expect("add");
        assert!(
            restore_version(&conn, other, old, &now()).is_err(),
            "not its version"
        );
    }
}
