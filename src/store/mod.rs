//! The repository layer over SQLite: opening, pragmas, migrations, and one
//! module per aggregate.

pub mod ask;
pub mod backup;
pub mod category;
pub mod contact;
pub mod event;
pub mod export;
pub mod group;
pub mod import;
pub mod journey;
pub mod json_backup;
pub mod metrics;
mod open;
mod open_error;
pub mod program;
pub mod referral;
pub mod script;
mod script_text;
pub mod settings;
#[cfg(test)]
mod testing;
pub mod thanks;
pub mod touch;
pub mod undo;
pub mod vdir;

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use rusqlite_migration::{M, Migrations};

pub use open::{Access, Options, Sidecars, backup_path, open_with};
pub use open_error::{OpenError, explain, is_damage};

/// Written into the file header so a list25 database can be told apart
/// from any other SQLite file ("L25!").
pub const APPLICATION_ID: i32 = 0x4C32_3521;

/// The schema, one step per element; a step once shipped never changes.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_program.sql"),
    include_str!("migrations/002_categories.sql"),
    include_str!("migrations/003_contacts.sql"),
    include_str!("migrations/004_scripts.sql"),
    include_str!("migrations/005_referrals.sql"),
    include_str!("migrations/006_speed.sql"),
    include_str!("migrations/007_skip.sql"),
    include_str!("migrations/008_search_changes.sql"),
    include_str!("migrations/009_search_index.sql"),
    include_str!("migrations/010_interop.sql"),
    include_str!("migrations/011_vdir.sql"),
    include_str!("migrations/012_journey.sql"),
    include_str!("migrations/013_undo.sql"),
    include_str!("migrations/014_coming.sql"),
    include_str!("migrations/015_one_thanks_per_occasion.sql"),
    include_str!("migrations/016_script_purpose.sql"),
    include_str!("migrations/017_no_direction_overrides.sql"),
    include_str!("migrations/018_rounds.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// How a name or title typed on the command line matched: one item, none,
/// or several (their names, to say which were meant).
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<T> {
    One(Box<T>),
    None,
    Many(Vec<String>),
}

/// The one of `all` (id, name) that `typed` names: `#ID`, a whole name
/// (case and accents aside), or a part of one name only.
pub(crate) fn pick(all: &[(i64, String)], typed: &str) -> Lookup<i64> {
    use crate::domain::text::{fold, key};
    if let Some(id) = typed
        .trim()
        .strip_prefix('#')
        .and_then(|n| n.parse::<i64>().ok())
    {
        return if all.iter().any(|(i, _)| *i == id) {
            Lookup::One(Box::new(id))
        } else {
            Lookup::None
        };
    }
    let wanted = key(typed);
    let whole: Vec<&(i64, String)> = all.iter().filter(|(_, n)| key(n) == wanted).collect();
    let found = if whole.is_empty() {
        let part = fold(typed.trim());
        all.iter()
            .filter(|(_, n)| !part.is_empty() && fold(n).contains(&part))
            .collect()
    } else {
        whole
    };
    match found.as_slice() {
        [] => Lookup::None,
        [(id, _)] => Lookup::One(Box::new(*id)),
        many => Lookup::Many(many.iter().take(10).map(|(_, n)| n.clone()).collect()),
    }
}

/// Why a write was not made: refused for a reason the user can act on,
/// or a database error.
#[derive(Debug)]
pub enum WriteError {
    Refused(String),
    Db(rusqlite::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Db(e) => write!(f, "database error: {e}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Db(e) => Some(e),
            WriteError::Refused(_) => None,
        }
    }
}

impl From<rusqlite::Error> for WriteError {
    fn from(e: rusqlite::Error) -> Self {
        WriteError::Db(e)
    }
}

/// Open (or create) the database at `path` for reading and writing,
/// creating its folder if need be. A file that is not ours is refused and
/// never written.
pub fn open(path: &Path, today: NaiveDate) -> Result<Connection, OpenError> {
    open_with(
        path,
        today,
        Options {
            access: Access::Write,
            create_folder: true,
        },
    )
}

/// An in-memory database with the real migrations, for tests and benches.
pub fn open_in_memory(today: NaiveDate) -> Result<Connection, OpenError> {
    let mut conn = Connection::open_in_memory()?;
    set_pragmas(&mut conn)?;
    prepare(&mut conn, today)?;
    Ok(conn)
}

pub(crate) fn set_pragmas(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Every transaction takes the write lock when it begins, so one that
    // reads and then writes waits for another writer (the busy timeout)
    // instead of failing with "database is locked" when it tries to write.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Statement journals (every insert that fires a trigger keeps one) and
    // sorts in memory, not in files: an import of many rows otherwise
    // writes each page it touches to a temporary file first.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

fn prepare(conn: &mut Connection, today: NaiveDate) -> Result<(), OpenError> {
    migrations().to_latest(conn).map_err(OpenError::Migration)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    open::fill_in(conn, today)
}

/// A row a write is about, to check it is still there.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Live {
    Category(i64),
    Contact(i64),
    Script(i64),
}

/// Refuse a write about a row that was deleted meanwhile, perhaps in
/// another window, instead of writing where nobody will see it.
pub(crate) fn must_be_live(conn: &Connection, row: Live) -> Result<(), WriteError> {
    let (sql, id, gone) = match row {
        Live::Category(id) => (
            "SELECT deleted_at IS NULL FROM category WHERE id = ?1",
            id,
            "That category was deleted in another window; pick one on your list.",
        ),
        Live::Contact(id) => (
            "SELECT deleted_at IS NULL FROM contact WHERE id = ?1",
            id,
            "Deleted in another window meanwhile; nothing was saved.",
        ),
        Live::Script(id) => (
            "SELECT deleted_at IS NULL FROM script WHERE id = ?1",
            id,
            "This script was deleted in another window; nothing was saved.",
        ),
    };
    let live: Option<bool> = conn.query_row(sql, [id], |r| r.get(0)).optional()?;
    if live == Some(true) {
        Ok(())
    } else {
        Err(WriteError::Refused(gone.into()))
    }
}

/// How many times the texts search reads have changed, kept by triggers
/// (migration 8) on every write, from any window or the command line.
pub fn search_changes(conn: &Connection) -> rusqlite::Result<SearchChanges> {
    conn.prepare_cached(
        "SELECT (SELECT n FROM search_changes WHERE what = 'contacts'),
                (SELECT n FROM search_changes WHERE what = 'notes')",
    )?
    .query_row([], |r| {
        Ok(SearchChanges {
            contacts: r.get(0)?,
            notes: r.get(1)?,
        })
    })
}

/// How many times what search reads has changed (see `search_changes`):
/// the same counts later mean the same texts to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchChanges {
    /// The contacts' names, companies, categories, cities, how they were
    /// met and notes.
    pub contacts: i64,
    /// The touches' notes.
    pub notes: i64,
}

/// A number that changes whenever another connection (another list25
/// window, the command line) commits to the database.
pub fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
}

/// How moments are written: local time to the second.
pub const TIMESTAMP_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        crate::domain::parse_date("2026-11-22").expect("date")
    }

    #[test]
    fn search_changes_count_only_what_search_reads() {
        use crate::domain::{CategoryDraft, ContactDraft, Stage, TouchKind};
        let now = today().and_hms_opt(9, 0, 0).expect("time");
        let conn = open_in_memory(today()).expect("open");
        let counts = || {
            let c = search_changes(&conn).expect("counts");
            (c.contacts, c.notes)
        };
        let moved = |before: (i64, i64)| {
            let after = counts();
            (after.0 > before.0, after.1 > before.1)
        };
        let at = counts();
        let bankers = category::add(
            &conn,
            &CategoryDraft::parse("Bankers", "", "").expect("d"),
            &now,
        )
        .expect("category");
        assert_eq!(moved(at), (false, false), "a new category holds no one");
        let at = counts();
        let mut draft = ContactDraft::named("Ana Lima").expect("d");
        let ana = contact::add(&conn, Some(bankers), &draft, &now).expect("ana");
        assert_eq!(moved(at), (true, false), "a contact added");

        let at = counts();
        contact::set_stage(&conn, ana, Stage::Met, today()).expect("stage");
        draft.phone = "+1 555 0100".into();
        contact::update(&conn, ana, Some(bankers), &draft, &now).expect("phone");
        contact::set_follow_up(&conn, ana, None).expect("follow-up");
        let script = script::add(
            &conn,
            &crate::domain::ScriptDraft::parse("Hello", "", "hi").expect("d"),
            &now,
        )
        .expect("script");
        script::update(
            &conn,
            script,
            &crate::domain::ScriptDraft::parse("Hello", "", "hello").expect("d"),
        )
        .expect("script saved");
        assert_eq!(moved(at), (false, false), "nothing search reads changed");

        let at = counts();
        draft.city = "Lyon".into();
        contact::update(&conn, ana, Some(bankers), &draft, &now).expect("city");
        assert_eq!(moved(at), (true, false), "a city changed");

        let at = counts();
        contact::log_touch(&conn, ana, TouchKind::Call, today(), "lunch", &now).expect("touch");
        assert_eq!(moved(at), (false, true), "a touch logged");
        let touch = touch::list(&conn, ana).expect("touches")[0].id;
        let at = counts();
        touch::update(&conn, touch, TouchKind::Meeting, today(), "lunch").expect("kind");
        assert_eq!(moved(at), (false, false), "only the kind changed");
        touch::update(&conn, touch, TouchKind::Meeting, today(), "golf").expect("note");
        assert_eq!(moved(at), (false, true), "the note changed");

        let at = counts();
        contact::delete(&conn, ana, &now).expect("delete");
        assert_eq!(moved(at), (true, true), "a contact deleted");
        let at = counts();
        contact::restore(&conn, ana).expect("restore");
        assert_eq!(moved(at), (true, true), "a contact brought back");
        let at = counts();
        category::delete(&conn, bankers, &now).expect("delete category");
        assert_eq!(moved(at), (true, true), "a category deleted");
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("migrations validate");
        let conn = open_in_memory(today()).expect("open");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, latest_version());
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("fk");
        assert_eq!(fk, 1);
    }

    #[test]
    fn a_new_file_is_created_in_wal_mode_with_our_id() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("list25.db");
        let conn = open(&path, today()).expect("open");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        let id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .expect("id");
        assert_eq!(id, APPLICATION_ID);
        drop(conn);
        let again = open(&path, today()).expect("reopen");
        assert_eq!(program::start_date(&again).expect("start"), Some(today()));
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = open(dir.path(), today()).expect_err("directory");
        assert!(matches!(err, OpenError::IsDirectory(_)));
        assert!(err.to_string().contains("is a directory"));
    }

    #[test]
    fn a_text_file_is_refused_and_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, b"my shopping list\n").expect("write");
        let err = open(&path, today()).expect_err("not sqlite");
        assert!(matches!(err, OpenError::NotSqlite(_)), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), b"my shopping list\n");
    }

    #[test]
    fn another_programs_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path).expect("create");
            c.execute_batch("CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES('x');")
                .expect("fill");
        }
        let before = std::fs::read(&path).expect("read");
        let err = open(&path, today()).expect_err("not ours");
        assert!(matches!(err, OpenError::NotOurs(_)), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn a_database_from_a_newer_list25_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.db");
        drop(open(&path, today()).expect("create"));
        {
            let c = Connection::open(&path).expect("open");
            c.pragma_update(None, "user_version", latest_version() + 1)
                .expect("bump");
        }
        let err = open(&path, today()).expect_err("too new");
        assert!(matches!(err, OpenError::TooNew { .. }), "{err}");
    }

    #[test]
    fn an_older_database_is_copied_aside_before_it_is_upgraded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.db");
        {
            let mut c = Connection::open(&path).expect("create");
            Migrations::new(vec![M::up(MIGRATIONS[0])])
                .to_latest(&mut c)
                .expect("version 1");
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .expect("id");
            program::set_start_date(&c, today()).expect("start");
        }
        let conn = open(&path, today()).expect("upgrade");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, latest_version());
        let aside = Connection::open(backup_path(&path, 1)).expect("backup opens");
        let old: i64 = aside
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(old, 1);
        let start: String = aside
            .query_row(
                "SELECT value FROM setting WHERE key = 'program_start'",
                [],
                |r| r.get(0),
            )
            .expect("start kept");
        assert_eq!(start, "2026-11-22");
        let starters = crate::domain::script::starters().expect("starters");
        assert_eq!(script::list(&conn).expect("scripts").len(), starters.len());
    }

    #[test]
    fn direction_overrides_are_taken_out_of_what_was_kept_before() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.db");
        {
            let mut c = Connection::open(&path).expect("create");
            Migrations::new(MIGRATIONS[..16].iter().map(|m| M::up(m)).collect())
                .to_latest(&mut c)
                .expect("version 16");
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .expect("id");
            c.execute_batch(
                "INSERT INTO category (name, position, created_at) VALUES
                    ('Printers', 1, '2026-11-22 08:00:00'),
                    ('Print\u{202E}ers', 2, '2026-11-22 08:00:00'),
                    ('Bank\u{2066}ers', 3, '2026-11-22 08:00:00');
                 INSERT INTO contact (name, notes, created_at) VALUES
                    ('Bo Ch\u{202E}NE', 'a \u{202D}note', '2026-11-22 08:00:00');",
            )
            .expect("old rows");
        }
        let conn = open(&path, today()).expect("upgrade");
        let name: String = conn
            .query_row("SELECT name || ' / ' || notes FROM contact", [], |r| {
                r.get(0)
            })
            .expect("contact");
        assert_eq!(name, "Bo ChNE / a note");
        let categories: Vec<String> = category::list(&conn)
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            categories,
            ["Printers", "Print\u{202E}ers", "Bankers"],
            "a name that would be another's is left as it was"
        );
        assert_eq!(
            crate::domain::text::one_line("Ana L\u{202E}ima"),
            "Ana Lima"
        );
    }

    #[test]
    fn an_empty_file_becomes_a_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").expect("touch");
        let conn = open(&path, today()).expect("open empty");
        assert_eq!(program::start_date(&conn).expect("start"), Some(today()));
    }

    #[test]
    fn an_unwritable_place_is_a_clear_error() {
        let err = open(Path::new("/proc/list25-test/list25.db"), today()).expect_err("proc");
        assert!(matches!(err, OpenError::CannotWrite { .. }), "{err}");
        assert!(err.to_string().starts_with("cannot write the database"));
    }
}
