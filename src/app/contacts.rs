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
}

impl Shows {
    pub fn next(self) -> Shows {
        match self {
            Shows::Category => Shows::All,
            Shows::All => Shows::Clients,
            Shows::Clients => Shows::Category,
        }
    }
}

/// The Contacts pane's own state.
pub struct ContactsPane {
    /// Contacts shown: of the selected category, or all.
    pub rows: Vec<ContactRow>,
    /// The whole of the contact under the cursor.
    pub selected: Option<Contact>,
    pub cursor: usize,
    /// Which contacts are listed.
    pub shows: Shows,
    /// The stage history of the contact under the cursor.
    pub history: Vec<(Stage, NaiveDate)>,
    /// The card of one contact, when open: their whole history.
    pub card: Option<Box<super::Card>>,
    /// Contact names for the "Referred by" field, loaded when a contact
    /// form opens.
    pub names: Index,
}

impl Default for ContactsPane {
    fn default() -> Self {
        ContactsPane {
            rows: Vec::new(),
            selected: None,
            cursor: 0,
            shows: Shows::Category,
            history: Vec::new(),
            card: None,
            names: Index::new(Vec::new()),
        }
    }
}

impl App {
    /// The category the Contacts pane is filtered to, if it is.
    pub fn contact_filter(&self) -> Option<&Category> {
        match self.contacts.shows {
            Shows::Category => self.categories.list.get(self.categories.cursor),
            Shows::All | Shows::Clients => None,
        }
    }

    /// What the Contacts pane lists: with no category to show, everyone.
    pub fn contact_view(&self) -> ContactView {
        match (self.contacts.shows, self.contact_filter()) {
            (Shows::Clients, _) => ContactView::Clients,
            (_, Some(c)) => ContactView::Category(c.id),
            (_, None) => ContactView::All,
        }
    }

    pub(super) fn reload_contacts(&mut self) {
        match store::contact::rows(&self.conn, self.contact_view()) {
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
        let view = self.contact_view();
        if let Some(at) = self.contacts.rows.iter().position(|c| c.id == id) {
            self.contacts.rows.remove(at);
        }
        let shown = |c: &Contact| match view {
            ContactView::Category(id) => c.category_id == Some(id),
            ContactView::All => true,
            ContactView::Clients => c.client_since.is_some(),
        };
        if let Some(c) = fresh.filter(shown) {
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

    /// Jump to a contact in the Contacts pane, showing all contacts.
    pub(super) fn show_contact(&mut self, id: i64) {
        self.popup = None;
        self.contacts.card = None;
        if self.contacts.shows == Shows::Category {
            self.contacts.shows = Shows::All;
        }
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
                    "You have not met {name} yet: they count as a partner once you have."
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
        match store::contact::set_on_list(&self.conn, id, !on) {
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
        let partner = if stage >= Stage::Met {
            format!("{} partners of {LIST_SIZE}", m.partners)
        } else {
            "a partner once you have met".to_owned()
        };
        format!(
            "{name} is on your 25 list ({} marked): {partner}.",
            m.listed
        )
    }

    pub(super) fn contacts_move(&mut self, by: isize) {
        let len = self.contacts.rows.len();
        self.contacts.cursor = step(self.contacts.cursor, by, len.saturating_sub(1));
        self.load_selected();
    }

    /// Make the selected contact a client today, or no longer one.
    pub(super) fn toggle_client(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, since) = (c.id, c.name.clone(), c.client_since);
        let to = if since.is_some() {
            None
        } else {
            Some(self.today)
        };
        match store::contact::set_client(&self.conn, id, to) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(match since {
                    Some(d) => format!(
                        "{name} is no longer a client (was since {}).",
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
