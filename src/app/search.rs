//! The fuzzy search over all contacts, to jump to one or to pick one. The
//! index it searches is kept between searches, and read again on a thread
//! of its own when the data changes, so `/` opens at once however long
//! the list.

use std::sync::mpsc::{self, Receiver};

use ratatui_textarea::TextArea;
use rusqlite::{Connection, OpenFlags};

use super::{App, Popup};
use crate::domain::search::Index;
use crate::store;

/// When an index was read: this connection's writes so far
/// (`total_changes`) and the file's version as others write it
/// (`data_version`). The same stamp later means the same data.
type Stamp = (u64, i64);

/// The index search reads, kept up to date.
#[derive(Default)]
pub struct Finder {
    /// The index, and when it was read.
    index: Option<(Index, Stamp)>,
    /// An index being read on another thread, and when it began.
    reading: Option<(Receiver<rusqlite::Result<Index>>, Stamp)>,
}

/// What picking a search result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    /// Go to the contact in the Contacts pane.
    Jump,
    /// Fill in the script preview for the contact.
    Preview,
}

/// The fuzzy search over all contacts.
pub struct Search {
    pub purpose: SearchPurpose,
    pub input: TextArea<'static>,
    /// How many contacts there are to search.
    pub searchable: usize,
    /// Matching ids, best first, with their text.
    pub results: Vec<(i64, String)>,
    /// After the contacts (only when going somewhere, not picking):
    /// scripts and days of the program that hold every word searched.
    pub places: Vec<(Place, String)>,
    /// Over the contacts, then the places.
    pub cursor: usize,
}

/// A search result that is not a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Script(i64),
    /// A day of the program: its title, lesson or a task.
    Day(u8),
}

impl Search {
    /// How many results there are to move over.
    pub fn len(&self) -> usize {
        self.results.len() + self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How many scripts, and how many days, a search lists at most.
const PLACES_SHOWN: usize = 5;

/// How many search results are kept.
pub const SEARCH_RESULTS: usize = 50;

/// The longest search, in bytes.
pub const MAX_QUERY: usize = 200;

impl App {
    pub(super) fn open_search(&mut self) {
        self.open_search_for(SearchPurpose::Jump);
    }

    pub(super) fn open_search_for(&mut self, purpose: SearchPurpose) {
        match self.fresh_index() {
            Ok(index) => {
                let searchable = index.len();
                let mut input = TextArea::default();
                input.set_placeholder_text("name, company, category, city or notes");
                self.popup = Some(Popup::Search(Box::new(Search {
                    purpose,
                    input,
                    searchable,
                    results: Vec::new(),
                    places: Vec::new(),
                    cursor: 0,
                })));
                self.search_typed();
            }
            Err(e) => self.error("Could not search", e),
        }
    }

    /// The search text changed: find again.
    pub(super) fn search_typed(&mut self) {
        let Some(Popup::Search(s)) = &mut self.popup else {
            return;
        };
        let Some((index, _)) = &mut self.finder.index else {
            return;
        };
        let query = s.input.lines().join(" ");
        let conn = &self.conn;
        if query.trim().is_empty() {
            // A picker lists people before anything is typed: the script's
            // category first when it has one, else everyone, by name.
            s.results = match s.purpose {
                SearchPurpose::Jump => Vec::new(),
                SearchPurpose::Preview => {
                    let category = self.scripts.selected().and_then(|x| x.category_id);
                    first_people(conn, category).unwrap_or_default()
                }
            };
            s.cursor = 0;
            return;
        }
        s.results = index
            .search(&query, SEARCH_RESULTS)
            .into_iter()
            .filter_map(|id| {
                let label = store::contact::search_label(conn, id).ok().flatten()?;
                Some((id, label))
            })
            .collect();
        s.places = match s.purpose {
            SearchPurpose::Jump => places(conn, &self.program, &query),
            SearchPurpose::Preview => Vec::new(),
        };
        s.cursor = 0;
    }

    /// Go to the place picked in a search: the script in Scripts, the day
    /// in Program.
    pub(super) fn go_to_place(&mut self, place: Place) {
        match place {
            Place::Script(id) => {
                self.go_to(super::Pane::Scripts);
                self.reload_scripts(Some(id));
            }
            Place::Day(day) => {
                self.go_to(super::Pane::Program);
                self.program_pane.day = day;
                self.program_pane.focus = super::ProgramFocus::Days;
            }
        }
    }

    /// When the data this connection sees was last changed.
    fn stamp(&self) -> rusqlite::Result<Stamp> {
        Ok((self.conn.total_changes(), store::data_version(&self.conn)?))
    }

    /// The index, as the data is now: the one kept, the one being read
    /// (waited for), or one read here and now.
    fn fresh_index(&mut self) -> rusqlite::Result<&mut Index> {
        let now = self.stamp()?;
        if let Some((rx, at)) = self.finder.reading.take()
            && at == now
            && let Ok(Ok(index)) = rx.recv()
        {
            self.finder.index = Some((index, at));
        }
        if self.finder.index.as_ref().is_none_or(|(_, at)| *at != now) {
            let index = store::contact::search_index(&self.conn)?;
            self.finder.index = Some((index, now));
        }
        match &mut self.finder.index {
            Some((index, _)) => Ok(index),
            None => Err(rusqlite::Error::InvalidQuery),
        }
    }

    /// Time passed: take an index read meanwhile, and when the data has
    /// changed since the kept one was read, read it again on another
    /// thread. A database in memory has no file another thread can open:
    /// its index is read when a search opens.
    pub(super) fn keep_index_fresh(&mut self) {
        // The file's version as last looked at (see `look_for_changes`),
        // not asked again on every tick.
        let now = (self.conn.total_changes(), self.data_version);
        if let Some((rx, at)) = &self.finder.reading {
            match rx.try_recv() {
                Ok(Ok(index)) => {
                    self.finder.index = Some((index, *at));
                    self.finder.reading = None;
                }
                Ok(Err(_)) | Err(mpsc::TryRecvError::Disconnected) => self.finder.reading = None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        let kept = self.finder.index.as_ref().map(|(_, at)| *at);
        let reading = self.finder.reading.as_ref().map(|(_, at)| *at);
        if kept == Some(now) || reading == Some(now) {
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
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || {
                let read = || {
                    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                    let conn = Connection::open_with_flags(&path, flags)?;
                    conn.busy_timeout(std::time::Duration::from_secs(5))?;
                    store::contact::search_index(&conn)
                };
                let _ = tx.send(read());
            });
        if spawned.is_ok() {
            self.finder.reading = Some((rx, now));
        }
    }
}

/// The first `SEARCH_RESULTS` people by name, of `category` if it has
/// anyone, else of all, each with its search label.
fn first_people(conn: &Connection, category: Option<i64>) -> rusqlite::Result<Vec<(i64, String)>> {
    use crate::domain::contact::ContactView;
    let mut rows = Vec::new();
    if let Some(c) = category {
        rows = store::contact::page::page(conn, ContactView::Category(c), 0, SEARCH_RESULTS)?;
    }
    if rows.is_empty() {
        rows = store::contact::page::page(conn, ContactView::All, 0, SEARCH_RESULTS)?;
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(label) = store::contact::search_label(conn, row.id)? {
            out.push((row.id, label));
        }
    }
    Ok(out)
}

/// The scripts, then the days of the program, whose text holds every word
/// of `query` (accents and case ignored), each with what it is.
fn places(
    conn: &Connection,
    program: &crate::domain::Program,
    query: &str,
) -> Vec<(Place, String)> {
    use crate::domain::text::fold;
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let holds = |text: &str| {
        let text = fold(text);
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let scripts = store::script::list(conn).unwrap_or_default();
    let found_scripts = scripts
        .iter()
        .filter(|s| holds(&format!("{} {} {}", s.title, s.text, s.tip)))
        .take(PLACES_SHOWN)
        .map(|s| (Place::Script(s.id), format!("script · {}", s.title)));
    let found_days = program
        .days
        .iter()
        .zip(1u8..)
        .filter(|(d, _)| {
            let tasks: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
            holds(&format!("{} {} {}", d.title, d.lesson, tasks.join(" ")))
        })
        .take(PLACES_SHOWN)
        .map(|(d, n)| (Place::Day(n), format!("lesson · day {n} · {}", d.title)));
    found_scripts.chain(found_days).collect()
}
