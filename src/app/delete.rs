//! Deleting with a question first, and `u` to undo: the same for
//! categories, contacts and scripts.

use super::App;
use super::Popup;
use crate::pane::Pane;
use crate::store::{self, WriteError};

/// A write that waits for a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    DeleteCategory(i64),
    DeleteContact(i64),
    /// Put a contact on the 25 list although it is full, or they have not
    /// been met yet.
    Mark(i64),
    DeleteScript(i64),
    DeleteReferral(i64),
    DeleteEvent(i64),
}

/// What the last delete removed, for `u`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Category(i64),
    Contact(i64),
    Script(i64),
    /// A touch, and the contact it is with.
    Touch(i64, i64),
    Referral(i64),
    Event(i64),
}

impl App {
    pub(super) fn ask_delete(&mut self) {
        if self.pane == Pane::Contacts && self.contacts.card.is_some() {
            return self.delete_touch();
        }
        let (pending, question) = match self.pane {
            Pane::Categories => {
                let Some(c) = self.selected_category() else {
                    return;
                };
                let contacts = match c.contacts {
                    0 => "It holds no contacts.".to_owned(),
                    1 => "Its 1 contact is deleted with it.".to_owned(),
                    n => format!("Its {n} contacts are deleted with it."),
                };
                (
                    Pending::DeleteCategory(c.id),
                    format!("Delete the category {:?}? {contacts} u undoes.", c.name),
                )
            }
            Pane::Contacts => {
                let Some(c) = self.contacts.current() else {
                    return;
                };
                (
                    Pending::DeleteContact(c.id),
                    format!("Delete {} and their touches? u undoes.", c.name),
                )
            }
            Pane::Scripts => {
                let Some(s) = self.scripts.selected() else {
                    return;
                };
                (
                    Pending::DeleteScript(s.id),
                    format!(
                        "Delete the script {:?} and its saved versions? u undoes.",
                        s.title
                    ),
                )
            }
            Pane::Referrals => {
                let Some(r) = self.referrals.selected() else {
                    return;
                };
                let what = match r.direction {
                    crate::domain::Direction::Received => {
                        format!("the referral of {} from {}", r.person, r.partner)
                    }
                    crate::domain::Direction::Given => {
                        format!("the referral of {} to {}", r.person, r.partner)
                    }
                };
                (
                    Pending::DeleteReferral(r.id),
                    format!(
                        "Delete {what}, and any thank-you it owes? {} stays a contact. u undoes.",
                        r.person
                    ),
                )
            }
            Pane::Events if self.events.open.is_none() => {
                let Some(e) = self.events.event() else {
                    return;
                };
                (
                    Pending::DeleteEvent(e.id),
                    format!(
                        "Delete the event {:?} and its list of who came? Guests brought stay \
                         contacts and referrals. u undoes.",
                        e.title
                    ),
                )
            }
            _ => return,
        };
        self.popup = Some(Popup::Confirm { pending, question });
    }

    pub(super) fn confirmed(&mut self, pending: Pending) {
        let now = self.now();
        let (result, deleted, label) = match pending {
            Pending::DeleteCategory(id) => {
                let name = self
                    .categories
                    .list
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone());
                (
                    store::category::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Category(id)),
                    name,
                )
            }
            Pending::DeleteContact(id) => {
                let name = self
                    .contacts
                    .rows
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone());
                (
                    store::contact::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Contact(id)),
                    name,
                )
            }
            Pending::Mark(id) => (
                store::contact::set_on_list(&self.conn, id, true),
                None,
                None,
            ),
            Pending::DeleteScript(id) => {
                let title = self
                    .scripts
                    .list
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| format!("{:?}", s.title));
                (
                    store::script::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Script(id)),
                    title,
                )
            }
            Pending::DeleteReferral(id) => {
                let what = self
                    .referrals
                    .list
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| format!("the referral of {}", r.person));
                (
                    store::referral::delete(&self.conn, id, &now),
                    Some(Deleted::Referral(id)),
                    what,
                )
            }
            Pending::DeleteEvent(id) => {
                let what = self.events.event().map(|e| format!("{:?}", e.title));
                (
                    store::event::delete(&self.conn, id, &now),
                    Some(Deleted::Event(id)),
                    what,
                )
            }
        };
        if let Err(e) = result {
            self.error("Could not save", e);
            return;
        }
        match pending {
            Pending::DeleteCategory(_) => self.refresh(),
            Pending::DeleteContact(id) | Pending::Mark(id) => self.refresh_contact(id),
            Pending::DeleteScript(_) => self.reload_scripts(None),
            Pending::DeleteReferral(_) => self.refresh(),
            Pending::DeleteEvent(_) => {
                self.reload_events();
                self.refresh_measures();
            }
        }
        if let Some(d) = deleted {
            self.deleted = Some(d);
            self.info(format!(
                "Deleted {}. Press u to undo.",
                label.unwrap_or_default()
            ));
        } else if let Some(c) = self.contacts.selected.clone() {
            self.info(self.marked(&c.name, c.stage));
        }
    }

    pub(super) fn undo_delete(&mut self) {
        let Some(deleted) = self.deleted.take() else {
            self.info("Nothing to undo.");
            return;
        };
        let result = match deleted {
            Deleted::Category(id) => store::category::restore(&self.conn, id),
            Deleted::Contact(id) => {
                store::contact::restore(&self.conn, id).map_err(WriteError::from)
            }
            Deleted::Script(id) => store::script::undelete(&self.conn, id),
            Deleted::Touch(id, _) => store::touch::restore(&self.conn, id),
            Deleted::Referral(id) => store::referral::restore(&self.conn, id),
            Deleted::Event(id) => store::event::restore(&self.conn, id).map_err(WriteError::from),
        };
        if let Err(e) = result {
            return self.error("Could not undo", e);
        }
        match deleted {
            Deleted::Script(id) => self.reload_scripts(Some(id)),
            Deleted::Touch(_, contact) => self.refresh_contact(contact),
            Deleted::Referral(id) => {
                self.refresh();
                if let Some(i) = self.referrals.list.iter().position(|r| r.id == id) {
                    self.referrals.cursor = i;
                }
            }
            Deleted::Event(_) => {
                self.reload_events();
                self.refresh_measures();
            }
            Deleted::Category(id) | Deleted::Contact(id) => {
                self.refresh();
                match (deleted, self.pane) {
                    (Deleted::Category(_), Pane::Categories) => self.select_category(id),
                    (Deleted::Contact(_), Pane::Contacts) => self.select_contact(id),
                    _ => {}
                }
            }
        }
        self.info("Restored.");
    }
}
