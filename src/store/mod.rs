//! The repository layer over SQLite: opening, pragmas, migrations, and one
//! module per aggregate.

pub mod category;
pub mod contact;
pub mod metrics;
pub mod program;
pub mod script;
pub mod settings;

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

/// Written into the file header so a list25 database can be told apart
/// from any other SQLite file ("L25!").
pub const APPLICATION_ID: i32 = 0x4C32_3521;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The schema, one step per element; a step once shipped never changes.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_program.sql"),
    include_str!("migrations/002_categories.sql"),
    include_str!("migrations/003_contacts.sql"),
    include_str!("migrations/004_scripts.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Why a database could not be opened. Each says what to do in plain words.
#[derive(Debug)]
pub enum OpenError {
    IsDirectory(PathBuf),
    NotSqlite(PathBuf),
    NotOurs(PathBuf),
    TooNew {
        path: PathBuf,
        version: i64,
    },
    Corrupt {
        path: PathBuf,
        reason: String,
    },
    CannotWrite {
        path: PathBuf,
        reason: String,
    },
    Sqlite(rusqlite::Error),
    Migration(rusqlite_migration::Error),
    /// What ships inside the binary does not load: a bug, not the user's doing.
    Assets(String),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::IsDirectory(p) => write!(
                f,
                "{} is a directory; give the path of a database file, for example {}",
                p.display(),
                p.join("list25.db").display()
            ),
            OpenError::NotSqlite(p) => write!(
                f,
                "{} is not a list25 database (it is not an SQLite file); it was left untouched",
                p.display()
            ),
            OpenError::NotOurs(p) => write!(
                f,
                "{} is an SQLite database of another program, not a list25 database; it was left untouched",
                p.display()
            ),
            OpenError::TooNew { path, version } => write!(
                f,
                "{} was written by a newer list25 (schema {version}, this one knows {}); update list25",
                path.display(),
                latest_version()
            ),
            OpenError::Corrupt { path, reason } => write!(
                f,
                "{} cannot be read ({reason}); it may be damaged and was left untouched",
                path.display()
            ),
            OpenError::CannotWrite { path, reason } => {
                write!(f, "cannot write the database {} ({reason})", path.display())
            }
            OpenError::Sqlite(e) => write!(f, "database error: {e}"),
            OpenError::Migration(e) => write!(f, "cannot upgrade the database: {e}"),
            OpenError::Assets(why) => write!(f, "list25 is damaged: {why}"),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError::Sqlite(e)
    }
}

/// How a name or title typed on the command line matched: one item, none,
/// or several (their names, to say which were meant).
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<T> {
    One(Box<T>),
    None,
    Many(Vec<String>),
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

impl std::error::Error for WriteError {}

impl From<rusqlite::Error> for WriteError {
    fn from(e: rusqlite::Error) -> Self {
        WriteError::Db(e)
    }
}

/// Open (or create) the database at `path`. A new database starts the
/// program on `today`. A file that is not ours is refused and never written.
pub fn open(path: &Path, today: NaiveDate) -> Result<Connection, OpenError> {
    if path.is_dir() {
        return Err(OpenError::IsDirectory(path.to_path_buf()));
    }
    let existing_version = inspect_existing(path)?;
    if let (None, Some(parent)) = (
        existing_version,
        path.parent().filter(|p| !p.as_os_str().is_empty()),
    ) {
        std::fs::create_dir_all(parent).map_err(|e| OpenError::CannotWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    }
    let cannot_write = |e: rusqlite::Error| OpenError::CannotWrite {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut conn = Connection::open(path).map_err(cannot_write)?;
    if conn.is_readonly(rusqlite::MAIN_DB).map_err(cannot_write)? {
        return Err(OpenError::CannotWrite {
            path: path.to_path_buf(),
            reason: "the file is read-only".into(),
        });
    }
    set_pragmas(&mut conn).map_err(cannot_write)?;
    if let Some(v) = existing_version.filter(|&v| v > 0 && v < latest_version()) {
        let aside = backup_path(path, v);
        conn.backup(rusqlite::MAIN_DB, &aside, None)
            .map_err(|e| OpenError::CannotWrite {
                path: aside.clone(),
                reason: format!("backup before upgrade failed: {e}"),
            })?;
    }
    prepare(&mut conn, today)?;
    Ok(conn)
}

/// Where the copy of a version-`v` database is kept before an upgrade.
pub fn backup_path(path: &Path, v: i64) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{v}.bak"));
    PathBuf::from(name)
}

/// An in-memory database with the real migrations, for tests and benches.
pub fn open_in_memory(today: NaiveDate) -> Result<Connection, OpenError> {
    let mut conn = Connection::open_in_memory()?;
    set_pragmas(&mut conn)?;
    prepare(&mut conn, today)?;
    Ok(conn)
}

/// Look at an existing file without writing to it. Returns its schema
/// version, or `None` when there is no database yet (missing or empty file).
fn inspect_existing(path: &Path) -> Result<Option<i64>, OpenError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(OpenError::CannotWrite {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| OpenError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if head.is_empty() {
        return Ok(None);
    }
    if head.as_slice() != SQLITE_MAGIC {
        return Err(OpenError::NotSqlite(path.to_path_buf()));
    }
    let corrupt = |e: rusqlite::Error| OpenError::Corrupt {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupt)?;
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(corrupt)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        if objects == 0 && version == 0 && app_id == 0 {
            return Ok(Some(0));
        }
        return Err(OpenError::NotOurs(path.to_path_buf()));
    }
    if version > latest_version() {
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            version,
        });
    }
    Ok(Some(version))
}

fn set_pragmas(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Every transaction takes the write lock when it begins, so one that
    // reads and then writes waits for another writer (the busy timeout)
    // instead of failing with "database is locked" when it tries to write.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn prepare(conn: &mut Connection, today: NaiveDate) -> Result<(), OpenError> {
    migrations().to_latest(conn).map_err(OpenError::Migration)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    if program::start_date(conn)?.is_none() {
        program::set_start_date(conn, today)?;
    }
    script::seed(conn, &today.and_time(chrono::NaiveTime::MIN)).map_err(|e| match e {
        WriteError::Db(e) => OpenError::Sqlite(e),
        WriteError::Refused(why) => OpenError::Assets(why),
    })?;
    Ok(())
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
