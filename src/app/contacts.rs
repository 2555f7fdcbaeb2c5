//! The Contacts pane: the people of one category or all, the one under the
//! cursor, and the one-key changes to them (stage, the 25-list mark).

use chrono::NaiveDate;

use super::{App, Message, Pending, Popup, step};
use crate::domain::contact::{ContactView, LIST_SIZE};
use crate::domain::search::Index;
use crate::domain::{Category, Contact, ContactRow, Stage};
use crate::pane::Pane;
use crate::store;

/// Which contacts the pane lists; `c` goes round them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    /// The people of the category selected in Categories.
    Category,
    All,
    Clients,
    /// People in no category who are not clients (after an import).
    Unsorted,
}

impl Shows {
    /// The view `c` goes to next; the unsorted view only when someone may
    /// be in it.
    pub fn next(self, unsorted: bool) -> Shows {
        match self {
            Shows::Category => Shows::All,
            Shows::All => Shows::Clients,
            Shows::Clients if unsorted => Shows::Unsorted,
            Shows::Clients | Shows::Unsorted => Shows::Category,
        }
    }

    /// What `c` shows next, as its hint says it.
    pub fn name(self) -> &'static str {
        match self {
            Shows::Category => "one category",
            Shows::All => "all",
            Shows::Clients => "clients",
            Shows::Unsorted => "unsorted",
        }
    }
}

/// The Contacts pane's own state. A list may be long: only the rows
/// around the cursor are read, a few screens' worth.
pub struct ContactsPane {
    /// The rows read around the cursor: the `first`-th of the list on.
    pub rows: Vec<ContactRow>,
    /// Where `rows` starts in the list.
    pub first: usize,
    /// How many contacts the list has.
    pub total: usize,
    /// The whole of the contact under the cursor.
    pub selected: Option<Contact>,
    pub cursor: usize,
    /// Which contacts are listed.
    pub shows: Shows,
    /// The stage history of the contact under the cursor.
    pub history: Vec<(Stage, NaiveDate)>,
    /// The card of one contact, when open: their whole history.
    pub card: Option<Box<super::Card>>,
    /// The pane the card was opened from, when not Contacts: Esc goes
    /// back there (to the event it was opened in, say).
    pub card_from: Option<Pane>,
    /// Contact names for the "Referred by" field, loaded when a contact
    /// form opens.
    pub names: Index,
}

impl Default for ContactsPane {
    fn default() -> Self {
        ContactsPane {
            rows: Vec::new(),
            first: 0,
            total: 0,
            selected: None,
            cursor: 0,
            shows: Shows::Category,
            history: Vec::new(),
            card_from: None,
            card: None,
            names: Index::new(Vec::new()),
        }
    }
}

impl ContactsPane {
    /// The `i`-th row of the list, if it has been read.
    pub fn row(&self, i: usize) -> Option<&ContactRow> {
        i.checked_sub(self.first).and_then(|j| self.rows.get(j))
    }

    /// The row under the cursor.
    pub fn current(&self) -> Option<&ContactRow> {
        self.row(self.cursor)
    }
}

/// How many rows are read around the cursor at least: a few screens.
const ROWS_READ: usize = 240;

impl App {
    /// The category the Contacts pane is filtered to, if it is.
    pub fn contact_filter(&self) -> Option<&Category> {
        match self.contacts.shows {
            Shows::Category => self.categories.list.get(self.categories.cursor),
            Shows::All | Shows::Clients | Shows::Unsorted => None,
        }
    }

    /// What the Contacts pane lists: with no category to show, everyone.
    pub fn contact_view(&self) -> ContactView {
        match (self.contacts.shows, self.contact_filter()) {
            (Shows::Clients, _) => ContactView::Clients,
            (Shows::Unsorted, _) => ContactView::Unsorted,
            (_, Some(c)) => ContactView::Category(c.id),
            (_, None) => ContactView::All,
        }
    }

    /// How many rows to read around the cursor: enough that every line the
    /// screen can show is among them.
    fn rows_to_read(&self) -> usize {
        let height = self.screen.map_or(60, |(_, h)| usize::from(h));
        ROWS_READ.max(4 * height)
    }

    /// How many contacts the list of `view` has: from the categories'
    /// counts where they tell, or counted.
    fn count_contacts(&self, view: ContactView) -> rusqlite::Result<usize> {
        let category = |id| self.categories.list.iter().find(|c| c.id == id);
        match view {
            ContactView::All => Ok(self.categories.everyone()),
            ContactView::Category(id) if category(id).is_some() => {
                Ok(category(id).map_or(0, |c| usize::try_from(c.contacts).unwrap_or(0)))
            }
            _ => store::contact::page::count(&self.conn, view),
        }
    }

    /// Read the list again: how many, and the rows around the cursor.
    pub(super) fn reload_contacts(&mut self) {
        self.reload_contacts_at(None);
    }

    /// Read the list again with the cursor on contact `id` if it is listed,
    /// else where it was.
    pub(super) fn reload_contacts_at(&mut self, id: Option<i64>) {
        let view = self.contact_view();
        match self.count_contacts(view) {
            Ok(total) => {
                self.contacts.total = total;
                self.contacts.cursor = self.contacts.cursor.min(total.saturating_sub(1));
                self.contacts.rows.clear();
                self.contacts.first = 0;
                if let Some(id) = id {
                    self.select_contact(id);
                }
                self.read_rows();
            }
            Err(e) => self.error("Could not read the contacts", e),
        }
        self.load_selected();
    }

    /// Make sure the rows the screen may show around the cursor are read.
    fn read_rows(&mut self) {
        let (cursor, total, want) = (
            self.contacts.cursor,
            self.contacts.total,
            self.rows_to_read(),
        );
        let needed = cursor.saturating_sub(want / 4)..(cursor + want / 4).min(total);
        let read = self.contacts.first..self.contacts.first + self.contacts.rows.len();
        if (read.contains(&needed.start) || needed.is_empty()) && needed.end <= read.end {
            return;
        }
        let first = cursor.saturating_sub(want / 2);
        match store::contact::page::page(&self.conn, self.contact_view(), first, want) {
            Ok(rows) => {
                self.contacts.rows = rows;
                self.contacts.first = first;
            }
            Err(e) => self.error("Could not read the contacts", e),
        }
    }

    /// Read the whole of the contact under the cursor, and its stage history.
    pub(super) fn load_selected(&mut self) {
        let Some(id) = self.contacts.current().map(|c| c.id) else {
            self.contacts.selected = None;
            self.contacts.history.clear();
            return;
        };
        let loaded = store::contact::get(&self.conn, id)
            .and_then(|c| Ok((c, store::contact::stage_history(&self.conn, id)?)));
        match loaded {
            Ok((contact, history)) => {
                self.contacts.selected = contact;
                self.contacts.history = history;
            }
            Err(e) => self.error("Could not read the contact", e),
        }
    }

    /// After a write to one contact: read the counts again, and that one
    /// contact instead of the whole list (which may be long) when it keeps
    /// its place in the list.
    pub(super) fn refresh_contact(&mut self, id: i64) {
        let fresh = match store::contact::get(&self.conn, id) {
            Ok(c) => c,
            Err(e) => return self.error("Could not read the contact", e),
        };
        // The counts follow the one change, when what it was is known.
        let before = self.contacts.rows.iter().find(|c| c.id == id).cloned();
        match (&before, &fresh) {
            (Some(before), Some(after)) => {
                self.categories.tally(before, -1);
                self.categories.tally(&ContactRow::from(after), 1);
                self.refresh_measures();
            }
            _ => self.refresh_counts(),
        }
        let view = self.contact_view();
        let shown = |c: &Contact| match view {
            ContactView::Category(id) => c.category_id == Some(id),
            ContactView::All => true,
            ContactView::Clients => c.client_since.is_some(),
            ContactView::Unsorted => c.category_id.is_none() && c.client_since.is_none(),
        };
        let at = self.contacts.rows.iter().position(|c| c.id == id);
        match (at, fresh.filter(shown)) {
            (Some(at), Some(c)) if self.contacts.rows[at].name == c.name => {
                self.contacts.rows[at] = ContactRow::from(&c);
            }
            (None, None) => {}
            _ => {
                let keep = self.contacts.current().map(|c| c.id);
                self.reload_contacts_at(keep);
            }
        }
        self.load_selected();
        self.refresh_card(id);
    }

    /// The contact the next contact action is about: the one under the
    /// cursor in Contacts, or the follow-up under the cursor in Today.
    pub(super) fn target_contact(&self) -> Option<&Contact> {
        if let Some(card) = self
            .contacts
            .card
            .as_ref()
            .filter(|_| self.pane == Pane::Contacts)
        {
            return Some(&card.contact);
        }
        match self.pane {
            Pane::Contacts => self.contacts.selected.as_ref(),
            Pane::Today => self.selected_follow_up(),
            _ => None,
        }
    }

    /// Jump to a contact in the Contacts pane: in the list shown, if they
    /// are in it, else among all contacts.
    pub(super) fn show_contact(&mut self, id: i64) {
        self.popup = None;
        self.contacts.card = None;
        self.pane = Pane::Contacts;
        let listed = match (self.contacts.shows, store::contact::get(&self.conn, id)) {
            (Shows::Clients, Ok(Some(c))) => c.client_since.is_some(),
            (Shows::All, _) => true,
            (Shows::Unsorted, Ok(Some(c))) => c.category_id.is_none() && c.client_since.is_none(),
            _ => false,
        };
        if !listed {
            self.contacts.shows = Shows::All;
        }
        self.reload_contacts_at(Some(id));
    }

    /// Put the Contacts cursor on contact `id`, if it is listed.
    pub(super) fn select_contact(&mut self, id: i64) {
        if let Some(i) = self.contacts.rows.iter().position(|c| c.id == id) {
            self.contacts.cursor = self.contacts.first + i;
            self.read_rows();
            self.load_selected();
            return;
        }
        let view = self.contact_view();
        let found = (|| {
            let Some(c) = store::contact::get(&self.conn, id)? else {
                return Ok(None);
            };
            let key = store::contact::page::Key {
                name: c.name,
                id: c.id,
            };
            let rank = store::contact::page::rank(&self.conn, view, &key)?;
            let (rows, at) =
                store::contact::page::around(&self.conn, view, &key, self.rows_to_read() / 2)?;
            Ok::<_, rusqlite::Error>(Some((rank, rows, at)))
        })();
        match found {
            Ok(Some((rank, rows, at))) if rows.get(at).is_some_and(|c| c.id == id) => {
                self.contacts.cursor = rank;
                self.contacts.first = rank - at;
                self.contacts.rows = rows;
                self.load_selected();
            }
            Ok(_) => {}
            Err(e) => self.error("Could not read the contacts", e),
        }
    }

    pub(super) fn step_stage(&mut self, up: bool) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, stage) = (c.id, c.name.clone(), c.stage);
        let Some(to) = (if up { stage.next() } else { stage.previous() }) else {
            return;
        };
        self.record(format!("{name} moved to {}", to.as_str()));
        match store::contact::set_stage(&self.conn, id, to, self.today) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(format!("{name}: {}.", to.as_str()));
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    /// Put the selected contact on the 25 list, or take them off. Asks
    /// first when the list is full, or when they have not been met yet (a
    /// partner is someone you have met).
    pub(super) fn toggle_mark(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, on, stage) = (c.id, c.name.clone(), c.on_list, c.stage);
        let listed = self.checklist.metrics.listed;
        if !on {
            let mut why = Vec::new();
            if listed >= LIST_SIZE {
                why.push(format!("You already have {listed} on your 25 list."));
            }
            if stage < Stage::Met {
                why.push(format!(
                    "You have not met {name} yet: a partner is someone you know."
                ));
            }
            if !why.is_empty() {
                self.popup = Some(Popup::Confirm {
                    pending: Pending::Mark(id),
                    question: format!("{} Put {name} on it?", why.join(" ")),
                });
                return;
            }
        }
        self.record(if on {
            format!("{name} taken off the 25 list")
        } else {
            format!("{name} put on the 25 list")
        });
        match store::contact::set_on_list(&self.conn, id, !on, self.today) {
            Ok(()) => {
                self.refresh_contact(id);
                self.message = Some(Message::Info(if on {
                    format!("{name} is off your 25 list.")
                } else {
                    self.marked(&name, stage)
                }));
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    /// What marking `name` on the 25 list did.
    pub(super) fn marked(&self, name: &str, stage: Stage) -> String {
        let m = self.checklist.metrics;
        let met = if stage >= Stage::Met {
            ""
        } else {
            " Meet them soon: a partner is someone you know."
        };
        format!(
            "{name} is on your 25 list: {} of {LIST_SIZE}.{met}",
            m.partners
        )
    }

    pub(super) fn contacts_move(&mut self, by: isize) {
        let last = self.contacts.total.saturating_sub(1);
        self.contacts.cursor = step(self.contacts.cursor, by, last);
        self.read_rows();
        self.load_selected();
    }

    /// Make the selected contact a client today, or no longer one.
    pub(super) fn toggle_client(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, since) = (c.id, c.name.clone(), c.client_since);
        if since.is_some() {
            // Ending a client drops what was planned for them: ask first.
            let planned = store::journey::for_client(&self.conn, id)
                .map(|t| t.iter().filter(|t| t.is_open()).count())
                .unwrap_or(0);
            let ask = store::ask::planned_for(&self.conn, id).ok().flatten();
            let mut goes = Vec::new();
            if let Some(a) = ask {
                goes.push(format!(
                    "the referral ask planned {}",
                    crate::domain::dates::day(a.due, self.today)
                ));
            }
            if planned > 0 {
                goes.push(format!(
                    "{planned} touchpoint{} to do",
                    if planned == 1 { "" } else { "s" }
                ));
            }
            let goes = if goes.is_empty() {
                String::new()
            } else {
                format!(" {} go with it; what was done stays.", goes.join(" and "))
            };
            self.popup = Some(Popup::Confirm {
                pending: Pending::EndClient(id),
                question: format!("End {name} as a client?{goes} u undoes."),
            });
            return;
        }
        self.set_client(id, true);
    }

    /// Make a contact a client today, or (`client` false) no longer one.
    pub(super) fn set_client(&mut self, id: i64, client: bool) {
        let Some(c) = store::contact::get(&self.conn, id).ok().flatten() else {
            return self.info("Deleted in another window meanwhile; nothing was saved.");
        };
        let (name, since) = (c.name, c.client_since);
        let to = client.then_some(self.today);
        if to.is_some() == since.is_some() {
            return;
        }
        self.record(if to.is_some() {
            format!("{name} made a client")
        } else {
            format!("{name} no longer a client")
        });
        match store::contact::set_client(&self.conn, id, to, &self.now()) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(match since {
                    Some(d) => format!(
                        "{name} is no longer a client (was since {}). u undoes.",
                        crate::domain::dates::day(d, self.today)
                    ),
                    None => format!("{name} is a client since today."),
                });
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    /// The contact a typed name means in a picker field (Referred by, a
    /// referral's partner): the best fuzzy match among `contacts.names`,
    /// with its label, or why there is none.
    pub(super) fn contact_match(&mut self, typed: &str) -> Result<(i64, String), String> {
        if typed.trim().is_empty() {
            return Err("Who? Type part of a contact's name.".into());
        }
        let id = self.contacts.names.search(typed, 1).first().copied();
        let label = id.and_then(|id| store::contact::name_label(&self.conn, id).ok().flatten());
        match (id, label) {
            (Some(id), Some(label)) => Ok((id, label)),
            _ => Err(format!("No contact matches {:?}.", typed.trim())),
        }
    }

    /// What a picker field says beside itself as it is typed.
    pub(super) fn match_note(&mut self, typed: &str) -> Option<String> {
        if typed.trim().is_empty() {
            return None;
        }
        Some(match self.contact_match(typed) {
            Ok((_, label)) => format!("→ {label}"),
            Err(why) => why,
        })
    }
}
