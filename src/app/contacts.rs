//! The Contacts pane: the people of one category or all, the one under the
//! cursor, and the one-key changes to them (stage, the 25-list mark).

use chrono::NaiveDate;

use super::{App, Message, Pending, Popup, step};
use crate::domain::contact::LIST_SIZE;
use crate::domain::search::Index;
use crate::domain::{Category, Contact, ContactRow, Stage};
use crate::pane::Pane;
use crate::store;

/// The Contacts pane's own state.
pub struct ContactsPane {
    /// Contacts shown: of the selected category, or all.
    pub rows: Vec<ContactRow>,
    /// The whole of the contact under the cursor.
    pub selected: Option<Contact>,
    pub cursor: usize,
    /// All contacts, not only the selected category's.
    pub all: bool,
    /// The stage history of the contact under the cursor.
    pub history: Vec<(Stage, NaiveDate)>,
    /// Contact names for the "Introduced by" field, loaded when a contact
    /// form opens.
    pub names: Index,
}

impl Default for ContactsPane {
    fn default() -> Self {
        ContactsPane {
            rows: Vec::new(),
            selected: None,
            cursor: 0,
            all: false,
            history: Vec::new(),
            names: Index::new(Vec::new()),
        }
    }
}

impl App {
    /// The category the Contacts pane is filtered to, if it is.
    pub fn contact_filter(&self) -> Option<&Category> {
        if self.contacts.all {
            None
        } else {
            self.categories.list.get(self.categories.cursor)
        }
    }

    pub(super) fn reload_contacts(&mut self) {
        let filter = self.contact_filter().map(|c| c.id);
        match store::contact::rows(&self.conn, filter) {
            Ok(contacts) => {
                self.contacts.rows = contacts;
                self.contacts.cursor = self
                    .contacts
                    .cursor
                    .min(self.contacts.rows.len().saturating_sub(1));
            }
            Err(e) => self.error("Could not read the contacts", e),
        }
        self.load_selected();
    }

    /// Read the whole of the contact under the cursor, and its stage history.
    pub(super) fn load_selected(&mut self) {
        let Some(id) = self.contacts.rows.get(self.contacts.cursor).map(|c| c.id) else {
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
    /// contact instead of the whole list (which may be long).
    pub(super) fn refresh_contact(&mut self, id: i64) {
        self.refresh_counts();
        let fresh = match store::contact::get(&self.conn, id) {
            Ok(c) => c,
            Err(e) => return self.error("Could not read the contact", e),
        };
        let filter = self.contact_filter().map(|c| c.id);
        if let Some(at) = self.contacts.rows.iter().position(|c| c.id == id) {
            self.contacts.rows.remove(at);
        }
        if let Some(c) = fresh.filter(|c| filter.is_none() || c.category_id == filter) {
            // The order of `store::contact::rows`: name, ASCII case folded.
            let key = |name: &str, id: i64| (name.to_ascii_lowercase(), id);
            let at = self
                .contacts
                .rows
                .partition_point(|x| key(&x.name, x.id) < key(&c.name, c.id));
            self.contacts.rows.insert(at, ContactRow::from(&c));
        }
        self.contacts.cursor = self
            .contacts
            .cursor
            .min(self.contacts.rows.len().saturating_sub(1));
        self.load_selected();
    }

    /// The contact the next contact action is about: the one under the
    /// cursor in Contacts, or the follow-up under the cursor in Today.
    pub(super) fn target_contact(&self) -> Option<&Contact> {
        match self.pane {
            Pane::Contacts => self.contacts.selected.as_ref(),
            Pane::Today => self.selected_follow_up(),
            _ => None,
        }
    }

    /// Jump to a contact in the Contacts pane, showing all contacts.
    pub(super) fn show_contact(&mut self, id: i64) {
        self.popup = None;
        self.contacts.all = true;
        self.pane = Pane::Contacts;
        self.reload_contacts();
        self.select_contact(id);
    }

    /// Put the Contacts cursor on contact `id`, if it is listed.
    pub(super) fn select_contact(&mut self, id: i64) {
        if let Some(i) = self.contacts.rows.iter().position(|c| c.id == id) {
            self.contacts.cursor = i;
            self.load_selected();
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
        match store::contact::set_stage(&self.conn, id, to, self.today) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(format!("{name}: {}.", to.as_str()));
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, on) = (c.id, c.name.clone(), c.on_list);
        if !on && self.checklist.metrics.partners >= LIST_SIZE {
            self.popup = Some(Popup::Confirm {
                pending: Pending::MarkBeyond25(id),
                question: format!(
                    "You already have {} partners on your 25 list. Add {name} as one more?",
                    self.checklist.metrics.partners
                ),
            });
            return;
        }
        match store::contact::set_on_list(&self.conn, id, !on) {
            Ok(()) => {
                self.refresh_contact(id);
                self.message = Some(Message::Info(if on {
                    format!("{name} is off your 25 list.")
                } else {
                    format!(
                        "{name} is on your 25 list: {}/{LIST_SIZE}.",
                        self.checklist.metrics.partners
                    )
                }));
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    pub(super) fn contacts_move(&mut self, by: isize) {
        let len = self.contacts.rows.len();
        self.contacts.cursor = step(self.contacts.cursor, by, len.saturating_sub(1));
        self.load_selected();
    }
}
