//! Opening the database file: what it is is decided before SQLite touches
//! it, reading never writes, and nothing is written to a file that is not
//! ours, is damaged, or cannot take the write.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::open_error::{Folder, folder_of, probe_folder};
use super::{
    APPLICATION_ID, OpenError, WriteError, explain, latest_version, migrations, program, script,
};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the caller will do with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only read: the file is opened read-only and never written (a missing
    /// file is still created, and an old one upgraded).
    Read,
    /// Read and write.
    Write,
}

/// How to open: what for, and whether a missing folder may be created
/// (yes for the default location, no for a path the user typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub access: Access,
    pub create_folder: bool,
}

/// Where the copy of a version-`v` database is kept before an upgrade.
pub fn backup_path(path: &Path, v: i64) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{v}.bak"));
    PathBuf::from(name)
}

/// What the 100-byte SQLite header says, read without SQLite.
#[derive(Debug, Clone, Copy)]
struct Header {
    application_id: i32,
    user_version: i64,
}

impl Header {
    /// Ours, and of the schema this build writes.
    fn is_current(self) -> bool {
        self.application_id == APPLICATION_ID && self.user_version == latest_version()
    }
}

/// What is at the path before anything opens it.
enum Found {
    Nothing,
    /// A file of zero bytes: made into a database.
    Empty,
    Database(Header),
}

fn look(path: &Path) -> Result<Found, OpenError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => {
            return Err(OpenError::CannotWrite {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    if meta.is_dir() {
        return Err(OpenError::IsDirectory(path.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(OpenError::NotAFile {
            path: path.to_path_buf(),
            what: special_kind(&meta),
        });
    }
    if meta.len() == 0 {
        return Ok(Found::Empty);
    }
    let mut head = Vec::with_capacity(100);
    File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut head))
        .map_err(|e| OpenError::CannotWrite {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if !head.starts_with(SQLITE_MAGIC) {
        return Err(OpenError::NotSqlite(path.to_path_buf()));
    }
    if head.len() < 100 {
        return Err(OpenError::Damaged {
            path: path.to_path_buf(),
            reason: format!("it ends after {} bytes, inside its header", head.len()),
        });
    }
    let word = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    Ok(Found::Database(Header {
        user_version: i64::from(word(60)),
        application_id: word(68),
    }))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "not a regular file"
}

/// The `-wal` and `-shm` files SQLite keeps beside a database, and whether
/// they were there before list25 looked, so that those it made beside a
/// file it then refused can be taken away again.
#[derive(Debug)]
pub struct Sidecars {
    wal: PathBuf,
    shm: PathBuf,
    had_wal: bool,
    had_shm: bool,
}

impl Sidecars {
    pub fn note(path: &Path) -> Self {
        let beside = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        let (wal, shm) = (beside("-wal"), beside("-shm"));
        Sidecars {
            had_wal: wal.exists(),
            had_shm: shm.exists(),
            wal,
            shm,
        }
    }

    /// Remove the sidecars list25 made, once its connections are closed,
    /// if they hold nothing.
    pub fn tidy(&self) {
        let empty = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() == 0);
        if !self.had_wal && empty(&self.wal) {
            let _ = std::fs::remove_file(&self.wal);
        }
        if !self.had_shm && !self.wal.exists() {
            let _ = std::fs::remove_file(&self.shm);
        }
    }
}

/// Open (or create) the database at `path`. A new database starts the
/// program on `today`. A file that is not ours, is damaged or cannot be
/// written is refused before anything is written to it.
pub fn open_with(path: &Path, today: NaiveDate, options: Options) -> Result<Connection, OpenError> {
    match look(path)? {
        Found::Nothing => {
            let folder = folder_of(path);
            if !folder.is_dir() {
                if !options.create_folder {
                    return Err(OpenError::NoFolder(path.to_path_buf()));
                }
                crate::files::private_dir(&folder).map_err(|e| OpenError::CannotWrite {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })?;
            }
            create(path, today)
        }
        Found::Empty => create(path, today),
        Found::Database(header) => {
            let sidecars = Sidecars::note(path);
            let header = if header.is_current() {
                header
            } else {
                through_wal(path, header).inspect_err(|_| sidecars.tidy())?
            };
            open_existing(path, today, header, options.access, &sidecars)
        }
    }
}

/// The header as SQLite sees it when a `-wal` beside the file holds
/// writes not yet copied into it (after a crash, or while another list25
/// runs): a new database's id and an upgrade's version may be there only.
fn through_wal(path: &Path, header: Header) -> Result<Header, OpenError> {
    let wal = {
        let mut name = path.as_os_str().to_owned();
        name.push("-wal");
        PathBuf::from(name)
    };
    if std::fs::metadata(&wal).map_or(true, |m| m.len() == 0) {
        return Ok(header);
    }
    let conn =
        Connection::open_with_flags(path, read_only_flags()).map_err(|e| explain(path, &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let read = |pragma: &str| {
        conn.query_row(pragma, [], |r| r.get::<_, i64>(0))
            .map_err(|e| explain(path, &e))
    };
    Ok(Header {
        application_id: i32::try_from(read("PRAGMA application_id")?).unwrap_or(0),
        user_version: read("PRAGMA user_version")?,
    })
}

fn open_existing(
    path: &Path,
    today: NaiveDate,
    header: Header,
    access: Access,
    sidecars: &Sidecars,
) -> Result<Connection, OpenError> {
    let refuse = |e: OpenError| {
        sidecars.tidy();
        e
    };
    if header.application_id != APPLICATION_ID {
        if header.application_id == 0
            && header.user_version == 0
            && is_empty_schema(path).map_err(refuse)?
        {
            sidecars.tidy();
            return create(path, today);
        }
        return Err(OpenError::NotOurs(path.to_path_buf()));
    }
    if header.user_version > latest_version() {
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            version: header.user_version,
        });
    }
    let current = header.user_version == latest_version();
    if access == Access::Read && current {
        return open_read_only(path).map_err(refuse);
    }
    verify(path).map_err(refuse)?;
    let mut conn = open_read_write(path, false).map_err(refuse)?;
    // An older file is copied aside before it is upgraded.
    if !current && header.user_version > 0 {
        let aside = backup_path(path, header.user_version);
        conn.backup(rusqlite::MAIN_DB, &aside, None)
            .map_err(|e| OpenError::CannotWrite {
                path: aside.clone(),
                reason: format!("backup before upgrade failed: {e}"),
            })?;
    }
    up_to_date(&mut conn, path, today, !current)?;
    Ok(conn)
}

/// Run the migrations this file lacks (when `migrate`), then fill in what a
/// database holds from its first day.
fn up_to_date(
    conn: &mut Connection,
    path: &Path,
    today: NaiveDate,
    migrate: bool,
) -> Result<(), OpenError> {
    if migrate {
        migrations().to_latest(conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => explain(path, &err),
            e => OpenError::Migration(e),
        })?;
    }
    fill_in(conn, today).map_err(|e| match e {
        OpenError::Sqlite(e) => explain(path, &e),
        e => e,
    })
}

/// Whether an SQLite file with no id and no version holds no table.
fn is_empty_schema(path: &Path) -> Result<bool, OpenError> {
    let conn =
        Connection::open_with_flags(path, read_only_flags()).map_err(|e| explain(path, &e))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| explain(path, &e))?;
    Ok(objects == 0)
}

fn read_only_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI
}

/// A connection that does not write. It is opened for writing with
/// writes turned off (`query_only`), so that closing it takes away the
/// files SQLite keeps beside the database, as a writer's would; a
/// read-only file is opened read-only. In a read-only folder, where SQLite
/// cannot make those files, nobody can be writing: the file is read as it is.
fn open_read_only(path: &Path) -> Result<Connection, OpenError> {
    let first_read = |conn: &Connection| -> rusqlite::Result<()> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", true)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(())
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| explain(path, &e))?;
    match first_read(&conn) {
        Ok(()) => Ok(conn),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
            ) && probe_folder(path) == Folder::ReadOnly
                && !Sidecars::note(path).had_wal =>
        {
            drop(conn);
            let conn = Connection::open_with_flags(immutable_uri(path), read_only_flags())
                .map_err(|e| explain(path, &e))?;
            first_read(&conn).map_err(|e| explain(path, &e))?;
            Ok(conn)
        }
        Err(e) => Err(explain(path, &e)),
    }
}

/// `file:PATH?immutable=1`, the path escaped as a URI wants.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(char::from(b)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether the file at `path` is a whole list25 database of a schema this
/// build can read (a copy to restore): refused, with why, if not. Nothing
/// is written to it.
pub(super) fn check_ours(path: &Path) -> Result<(), OpenError> {
    let header = match look(path)? {
        Found::Nothing | Found::Empty => return Err(OpenError::NotSqlite(path.to_path_buf())),
        Found::Database(header) => header,
    };
    if header.application_id != APPLICATION_ID {
        return Err(OpenError::NotOurs(path.to_path_buf()));
    }
    if header.user_version > latest_version() {
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            version: header.user_version,
        });
    }
    verify(path)
}

/// Check the file's structure with a read-only connection before the
/// first write: a damaged file is refused untouched.
fn verify(path: &Path) -> Result<(), OpenError> {
    let conn =
        Connection::open_with_flags(path, read_only_flags()).map_err(|e| explain(path, &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mut stmt = conn
        .prepare("PRAGMA quick_check(3)")
        .map_err(|e| explain(path, &e))?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| explain(path, &e))?;
    if found.len() == 1 && found[0] == "ok" {
        return Ok(());
    }
    // SQLite's report starts with a heading line; the findings follow.
    let reason = found
        .iter()
        .flat_map(|f| f.lines())
        .filter(|l| !l.starts_with("***"))
        .collect::<Vec<_>>()
        .join("; ");
    Err(OpenError::Damaged {
        path: path.to_path_buf(),
        reason,
    })
}

fn open_read_write(path: &Path, create: bool) -> Result<Connection, OpenError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| explain(path, &e))?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(OpenError::ReadOnlyFile(path.to_path_buf()));
    }
    super::set_pragmas(&mut conn).map_err(|e| explain(path, &e))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .map_err(|e| explain(path, &e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| explain(path, &e))?;
    }
    Ok(conn)
}

/// Make a new database at `path` (missing, empty, or an SQLite file with
/// nothing in it). The id goes in first, so a file left half made by a
/// crash is still known as ours and finished on the next open.
fn create(path: &Path, today: NaiveDate) -> Result<Connection, OpenError> {
    // Made here first, its owner's only whatever the umask: SQLite gives
    // the -wal and -shm beside it the same mode.
    match crate::files::new_private(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => {
            return Err(OpenError::CannotWrite {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    }
    let mut conn = open_read_write(path, true)?;
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| explain(path, &e))?;
    }
    up_to_date(&mut conn, path, today, true)?;
    Ok(conn)
}

/// What a database holds from its first day: the program's start, and the
/// starter scripts. Each is written only when it is missing.
pub(super) fn fill_in(conn: &Connection, today: NaiveDate) -> Result<(), OpenError> {
    if program::start_date(conn)?.is_none() {
        program::set_start_date_if_unset(conn, today)?;
    }
    script::seed(conn, &today.and_time(chrono::NaiveTime::MIN)).map_err(|e| match e {
        WriteError::Db(e) => OpenError::Sqlite(e),
        WriteError::Refused(why) => OpenError::Assets(why),
    })?;
    Ok(())
}
