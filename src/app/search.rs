//! The search behind `/`: contacts, touch notes, scripts and lessons, to
//! go to one; and the contact picker. What it reads is kept up to date in
//! `finder`.

use ratatui_textarea::TextArea;
use rusqlite::Connection;

use super::{App, Popup};
use crate::domain::contact::ContactView;
use crate::domain::search::Index;
use crate::store;

/// What picking a search result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    /// Go to the contact in the Contacts pane.
    Jump,
    /// Fill in the script preview for the contact.
    Preview,
    /// Invite the contact to the event.
    Invite(i64),
    /// Make the contact a member of the group.
    Member(i64),
}

/// The search over all contacts, touch notes, scripts and lessons, or
/// (picking whom a script is for) over the contacts only.
pub struct Search {
    pub purpose: SearchPurpose,
    pub input: TextArea<'static>,
    /// How many contacts there are to search.
    pub searchable: usize,
    /// What was found, each with how it reads: first the contacts whose
    /// text holds every word typed, best first; then (only when going
    /// somewhere, not picking) the touch notes, scripts and days of the
    /// program that hold every word; last the contacts that hold only the
    /// letters typed, in order.
    pub found: Vec<(Hit, String)>,
    pub cursor: usize,
}

/// A search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Contact(i64),
    /// A touch whose note holds the words searched, on its contact's card.
    Touch {
        contact: i64,
        touch: i64,
    },
    Script(i64),
    /// A day of the program: its title, lesson or a task.
    Day(u8),
}

impl Search {
    /// How many results there are to move over.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How many scripts, and how many days, a search lists at most.
const PLACES_SHOWN: usize = 5;

/// How many touch notes a search lists at most, newest first.
const NOTES_SHOWN: usize = 10;

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
            Ok(()) => {
                let searchable = self.finder.indexes().map_or(0, |(c, _)| c.len());
                let mut input = TextArea::default();
                input.set_placeholder_text(match purpose {
                    SearchPurpose::Jump => "a name, company, city, note, script or lesson",
                    SearchPurpose::Preview => "name, company, category, city or notes",
                    SearchPurpose::Invite(_) | SearchPurpose::Member(_) => {
                        "a client or a partner: name, company, category, city"
                    }
                });
                self.popup = Some(Popup::Search(Box::new(Search {
                    purpose,
                    input,
                    searchable,
                    found: Vec::new(),
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
        let Some((contacts, notes)) = self.finder.indexes() else {
            return;
        };
        let query = s.input.lines().join(" ");
        let conn = &self.conn;
        if query.trim().is_empty() {
            // A picker lists people before anything is typed: the script's
            // category first when it has one, else everyone, by name.
            s.found = match s.purpose {
                SearchPurpose::Jump => Vec::new(),
                SearchPurpose::Preview => {
                    let category = self.scripts.selected().and_then(|x| x.category_id);
                    let views: Vec<ContactView> = category
                        .map(ContactView::Category)
                        .into_iter()
                        .chain([ContactView::All])
                        .collect();
                    first_people(conn, &views).unwrap_or_default()
                }
                // Whom an event is most often for: clients first.
                SearchPurpose::Invite(_) | SearchPurpose::Member(_) => {
                    first_people(conn, &[ContactView::Clients, ContactView::All])
                        .unwrap_or_default()
                }
            };
            s.cursor = 0;
            return;
        }
        let people = |ids: Vec<(i64, bool)>| {
            ids.into_iter().filter_map(|(id, _)| {
                let label = store::contact::search_label(conn, id).ok().flatten()?;
                Some((Hit::Contact(id), label))
            })
        };
        let (whole, near): (Vec<_>, Vec<_>) = contacts
            .search_marked(&query, SEARCH_RESULTS)
            .into_iter()
            .partition(|&(_, whole)| whole);
        s.found = people(whole).collect();
        if s.purpose == SearchPurpose::Jump {
            s.found.extend(touch_notes(conn, notes, &query, self.today));
            s.found.extend(places(conn, &self.program, &query));
        }
        s.found.extend(people(near));
        s.cursor = 0;
    }

    /// Go to what was picked in a search: the contact in Contacts, the
    /// touch on its contact's card, the script in Scripts, the day in
    /// Program.
    pub(super) fn go_to_hit(&mut self, hit: Hit) {
        match hit {
            Hit::Contact(id) => self.show_contact(id),
            Hit::Touch { contact, touch } => {
                self.show_contact(contact);
                self.load_card(contact, 0);
                if let Some(card) = &mut self.contacts.card {
                    let at = card.items.iter().position(
                        |i| matches!(i, super::card::HistoryItem::Touch(t) if t.id == touch),
                    );
                    match at {
                        Some(at) => card.cursor = at,
                        None => self.info("That touch was deleted in another window."),
                    }
                }
            }
            Hit::Script(id) => {
                self.go_to(super::Pane::Scripts);
                self.reload_scripts(Some(id));
            }
            Hit::Day(day) => {
                self.go_to(super::Pane::Program);
                self.program_pane.day = day;
                self.program_pane.focus = super::ProgramFocus::Days;
            }
        }
    }
}

/// The first `SEARCH_RESULTS` people by name of the first of `views`
/// that has anyone, each with its search label.
fn first_people(
    conn: &Connection,
    views: &[crate::domain::contact::ContactView],
) -> rusqlite::Result<Vec<(Hit, String)>> {
    let mut rows = Vec::new();
    for &view in views {
        rows = store::contact::page::page(conn, view, 0, SEARCH_RESULTS)?;
        if !rows.is_empty() {
            break;
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(label) = store::contact::search_label(conn, row.id)? {
            out.push((Hit::Contact(row.id), label));
        }
    }
    Ok(out)
}

/// The touches whose note holds every word of `query`, newest first, each
/// saying whose touch it is, what kind, when, and the note from near the
/// first word found.
fn touch_notes(
    conn: &Connection,
    notes: &Index,
    query: &str,
    today: chrono::NaiveDate,
) -> Vec<(Hit, String)> {
    use crate::domain::{dates::short_day, text::excerpt};
    let first = query.split_whitespace().next().unwrap_or_default();
    notes
        .holding(query, NOTES_SHOWN)
        .into_iter()
        .filter_map(|id| store::touch::get(conn, id).ok().flatten())
        .map(|(t, name)| {
            let label = format!(
                "touch note · {} · {} {} · {}",
                name.split_whitespace().collect::<Vec<_>>().join(" "),
                t.kind.label(),
                short_day(t.on, today),
                excerpt(&t.note, first, EXCERPT_BEFORE)
            );
            let hit = Hit::Touch {
                contact: t.contact_id,
                touch: t.id,
            };
            (hit, label)
        })
        .collect()
}

/// How many words of a note a result shows before the first word found.
const EXCERPT_BEFORE: usize = 3;

/// The scripts, then the days of the program, whose text holds every word
/// of `query` (accents and case ignored), each with what it is.
fn places(conn: &Connection, program: &crate::domain::Program, query: &str) -> Vec<(Hit, String)> {
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
        .map(|s| (Hit::Script(s.id), format!("script · {}", s.title)));
    let found_days = program
        .days
        .iter()
        .zip(1u8..)
        .filter(|(d, _)| {
            let tasks: Vec<&str> = d.tasks.iter().map(|t| t.text.as_str()).collect();
            holds(&format!("{} {} {}", d.title, d.lesson, tasks.join(" ")))
        })
        .take(PLACES_SHOWN)
        .map(|(d, n)| (Hit::Day(n), format!("lesson · day {n} · {}", d.title)));
    found_scripts.chain(found_days).collect()
}
