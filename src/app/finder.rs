//! The indexes search reads: the contacts' texts and the touches' notes,
//! kept between searches. Each is read again only when what it holds has
//! changed (counted by the database, see `store::search_changes`), on a
//! thread of its own, so `/` opens at once however long the list, and a
//! stage change or a script saved reads nothing again.

use std::sync::mpsc::{self, Receiver};

use rusqlite::{Connection, OpenFlags};

use super::App;
use crate::domain::search::Index;
use crate::store::{self, SearchChanges};

/// This connection's writes so far (`total_changes`) and the file's
/// version as others write it (`data_version`): until it moves, nothing
/// can have changed.
type Stamp = (u64, i64);

/// The indexes search reads, kept up to date.
#[derive(Default)]
pub struct Finder {
    /// The contacts' index, and the change count it was read at.
    contacts: Option<(Index, i64)>,
    /// The touch notes' index, and the change count it was read at.
    notes: Option<(Index, i64)>,
    /// When the change counts were last compared with the indexes'.
    checked: Option<Stamp>,
    /// Indexes being read on another thread, for these counts.
    reading: Option<(Receiver<rusqlite::Result<Read>>, SearchChanges)>,
    /// How many times an index was read, for tests and benchmarks.
    reads: usize,
}

/// The change counts of the contacts' and the notes' indexes kept.
type Kept = (Option<i64>, Option<i64>);

/// Indexes read afresh, each with the change count it was read at; `None`
/// for one that was up to date.
struct Read {
    contacts: Option<(Index, i64)>,
    notes: Option<(Index, i64)>,
}

impl Read {
    /// Read each index `kept` does not hold as the counts are now. The
    /// counts are read first: a write meanwhile makes the index newer than
    /// its count, read once more later, never older.
    fn stale(conn: &Connection, kept: Kept) -> rusqlite::Result<Read> {
        let now = store::search_changes(conn)?;
        let contacts = if kept.0 == Some(now.contacts) {
            None
        } else {
            Some((store::contact::search_index(conn)?, now.contacts))
        };
        let notes = if kept.1 == Some(now.notes) {
            None
        } else {
            Some((store::touch::note_index(conn)?, now.notes))
        };
        Ok(Read { contacts, notes })
    }
}

impl Finder {
    /// Whether both indexes hold what the counts `now` say.
    fn fresh_for(&self, now: SearchChanges) -> bool {
        self.contacts.as_ref().is_some_and(|k| k.1 == now.contacts)
            && self.notes.as_ref().is_some_and(|k| k.1 == now.notes)
    }

    /// The change counts the indexes kept were read at.
    fn kept(&self) -> Kept {
        (
            self.contacts.as_ref().map(|k| k.1),
            self.notes.as_ref().map(|k| k.1),
        )
    }

    fn keep(&mut self, read: Read) {
        if let Some(c) = read.contacts {
            self.contacts = Some(c);
            self.reads += 1;
        }
        if let Some(n) = read.notes {
            self.notes = Some(n);
            self.reads += 1;
        }
    }

    /// Keep what the other thread has read by now, if anything.
    fn take_read(&mut self) {
        if let Some((rx, _)) = &self.reading {
            match rx.try_recv() {
                Ok(Ok(read)) => {
                    self.keep(read);
                    self.reading = None;
                }
                Ok(Err(_)) | Err(mpsc::TryRecvError::Disconnected) => self.reading = None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
    }

    /// The contacts' index and the touch notes', as last read.
    pub fn indexes(&mut self) -> Option<(&mut Index, &Index)> {
        Some((&mut self.contacts.as_mut()?.0, &self.notes.as_ref()?.0))
    }
}

impl App {
    /// How many times search has read one of its indexes since the app
    /// opened: for tests and benchmarks.
    pub fn search_reads(&self) -> usize {
        self.finder.reads
    }

    /// Make the indexes hold the data as it is now: take the ones being
    /// read (waited for), or read the stale ones here and now.
    pub(super) fn fresh_index(&mut self) -> rusqlite::Result<()> {
        let now = store::search_changes(&self.conn)?;
        if let Some((rx, at)) = self.finder.reading.take()
            && at == now
            && let Ok(Ok(read)) = rx.recv()
        {
            self.finder.keep(read);
        }
        if !self.finder.fresh_for(now) {
            let read = Read::stale(&self.conn, self.finder.kept())?;
            self.finder.keep(read);
        }
        self.finder.checked = Some((self.conn.total_changes(), self.data_version));
        Ok(())
    }

    /// Time passed: take indexes read meanwhile, and when what they hold
    /// has changed, read them again on another thread. A database in
    /// memory has no file another thread can open: its indexes are read
    /// when a search opens.
    pub(super) fn keep_index_fresh(&mut self) {
        self.finder.take_read();
        // The file's version as last looked at (see `look_for_changes`),
        // not asked again on every tick.
        let stamp = (self.conn.total_changes(), self.data_version);
        if self.finder.checked == Some(stamp) {
            return;
        }
        let Ok(now) = store::search_changes(&self.conn) else {
            return;
        };
        self.finder.checked = Some(stamp);
        let in_hand = self.finder.reading.as_ref().map(|(_, at)| *at);
        if self.finder.fresh_for(now) || in_hand == Some(now) {
            return;
        }
        let Some(path) = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
        else {
            return;
        };
        let kept = self.finder.kept();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || {
                let read = || {
                    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                    let conn = Connection::open_with_flags(&path, flags)?;
                    conn.busy_timeout(std::time::Duration::from_secs(5))?;
                    Read::stale(&conn, kept)
                };
                let _ = tx.send(read());
            });
        if spawned.is_ok() {
            self.finder.reading = Some((rx, now));
        }
    }
}
