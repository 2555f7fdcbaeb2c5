//! Why a database could not be opened, said so the user knows what to
//! do; and how an SQLite error met on the way is turned into that.

use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::latest_version;
use super::open::backup_path;

/// Why a database could not be opened. Each says what to do in plain words.
#[derive(Debug)]
pub enum OpenError {
    IsDirectory(PathBuf),
    /// A FIFO, a device or a socket: `what` says which.
    NotAFile {
        path: PathBuf,
        what: &'static str,
    },
    /// The folder a new database would go in does not exist.
    NoFolder(PathBuf),
    NotSqlite(PathBuf),
    NotOurs(PathBuf),
    TooNew {
        path: PathBuf,
        version: i64,
    },
    Damaged {
        path: PathBuf,
        reason: String,
    },
    ReadOnlyFile(PathBuf),
    ReadOnlyFolder(PathBuf),
    DiskFull(PathBuf),
    CannotWrite {
        path: PathBuf,
        reason: String,
    },
    Sqlite(rusqlite::Error),
    Migration(rusqlite_migration::Error),
    /// What ships inside the binary does not load: a bug, not the user's doing.
    Assets(String),
}

pub(super) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
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
            OpenError::NotAFile { path, what } => write!(
                f,
                "{} is {what}, not a database file; give the path of a file with --db",
                path.display()
            ),
            OpenError::NoFolder(p) => write!(
                f,
                "the folder {} does not exist, so there is no database at {}; check the path \
                 given with --db or LIST25_DB, or create the folder first (mkdir -p {})",
                folder_of(p).display(),
                p.display(),
                folder_of(p).display()
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
            OpenError::Damaged { path, reason } => {
                write!(
                    f,
                    "{} is damaged: {reason}; list25 has not changed it. Restore a backup \
                     (cp BACKUP {}), ",
                    path.display(),
                    path.display()
                )?;
                if let Some(aside) = newest_backup(path) {
                    write!(f, "for example the newest copy, {}, ", aside.display())?;
                }
                write!(
                    f,
                    "or save what is readable: sqlite3 {} .recover | sqlite3 recovered.db",
                    path.display()
                )
            }
            OpenError::ReadOnlyFile(p) => write!(
                f,
                "{} is read-only, so list25 cannot save to it; make it writable (chmod u+w {})",
                p.display(),
                p.display()
            ),
            OpenError::ReadOnlyFolder(p) => write!(
                f,
                "the folder {} is read-only; list25 keeps a journal beside {} while it writes, \
                 so make the folder writable or move the database",
                folder_of(p).display(),
                p.display()
            ),
            OpenError::DiskFull(p) => write!(
                f,
                "the disk that holds {} is full; free some space and try again (nothing was changed)",
                p.display()
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

/// The newest `.vN.bak` copy beside `path`, if there is one.
/// The newest copy of the database: a daily or hand-made one in the
/// backups folder, else the one made before the last upgrade.
fn newest_backup(path: &Path) -> Option<PathBuf> {
    let copies = std::fs::read_dir(super::backup::folder(path))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("list25-") && name.ends_with(".db")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max();
    copies.map(|(_, p)| p).or_else(|| {
        (1..latest_version())
            .rev()
            .map(|v| backup_path(path, v))
            .find(|p| p.is_file())
    })
}

/// Whether an error means the file is damaged: SQLite says so, or a value
/// read back is not of a kind list25 ever writes there (its tables are
/// STRICT, so a text that is not UTF-8 or a number where a text belongs
/// can only come from damage).
pub fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    ) || matches!(
        e,
        rusqlite::Error::Utf8Error(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
    )
}

/// Turn an SQLite error met while opening or first reading `path` into
/// what to tell the user.
pub fn explain(path: &Path, e: &rusqlite::Error) -> OpenError {
    let path = path.to_path_buf();
    let other = |path| OpenError::CannotWrite {
        path,
        reason: e.to_string(),
    };
    if is_damage(e) {
        let reason = if e.sqlite_error_code().is_some() {
            e.to_string()
        } else {
            format!("a stored value is not one list25 wrote ({e})")
        };
        return OpenError::Damaged { path, reason };
    }
    match e.sqlite_error_code() {
        Some(
            ErrorCode::DiskFull
            | ErrorCode::SystemIoFailure
            | ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied,
        ) => {
            if path.exists() && std::fs::OpenOptions::new().write(true).open(&path).is_err() {
                return OpenError::ReadOnlyFile(path);
            }
            match probe_folder(&path) {
                Folder::Full => OpenError::DiskFull(path),
                Folder::ReadOnly => OpenError::ReadOnlyFolder(path),
                Folder::Writable if e.sqlite_error_code() == Some(ErrorCode::DiskFull) => {
                    OpenError::DiskFull(path)
                }
                Folder::Writable => other(path),
            }
        }
        _ => other(path),
    }
}

/// What writing in a database's folder meets.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Folder {
    Writable,
    ReadOnly,
    Full,
}

/// Try to write a little file in the folder of `path`: only done once
/// SQLite has already failed there, to say why in plain words.
pub(super) fn probe_folder(path: &Path) -> Folder {
    use std::io::{ErrorKind, Write};
    let probe = folder_of(path).join(format!(".list25-probe-{}", std::process::id()));
    let result = File::create(&probe).and_then(|mut f| {
        f.write_all(&[0u8; 64 * 1024])?;
        f.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    match result {
        Ok(()) => Folder::Writable,
        Err(e) if matches!(e.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => {
            Folder::Full
        }
        Err(_) => Folder::ReadOnly,
    }
}
