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
    /// End a client: what was planned for them goes.
    EndClient(i64),
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
                    0 => "It holds no one.".to_owned(),
                    1 => "Its 1 person stays, in no category.".to_owned(),
                    n => format!("Its {n} people stay, in no category."),
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
        let mut unsorted = 0;
        if let Pending::EndClient(id) = pending {
            return self.set_client(id, false);
        }
        let (label, result) = match pending {
            Pending::DeleteCategory(id) => {
                let name = self
                    .categories
                    .list
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let label = format!("the category {name:?}");
                self.record(format!("{label} deleted"));
                let result = store::category::delete(&self.conn, id, &now)
                    .map(|people| {
                        unsorted = people;
                    })
                    .map_err(WriteError::from);
                (label, result)
            }
            Pending::DeleteContact(id) => {
                let name = self
                    .contacts
                    .rows
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let label = name;
                self.record(format!("{label} deleted"));
                (
                    label,
                    store::contact::delete(&self.conn, id, &now).map_err(WriteError::from),
                )
            }
            Pending::Mark(id) => {
                let name = self.contacts.selected.as_ref().map(|c| c.name.clone());
                self.record(format!("{} put on the 25 list", name.unwrap_or_default()));
                (
                    String::new(),
                    store::contact::set_on_list(&self.conn, id, true, self.today),
                )
            }
            Pending::DeleteScript(id) => {
                let title = self
                    .scripts
                    .list
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.title.clone())
                    .unwrap_or_default();
                let label = format!("the script {title:?}");
                self.record(format!("{label} deleted"));
                (
                    label,
                    store::script::delete(&self.conn, id, &now).map_err(WriteError::from),
                )
            }
            Pending::DeleteReferral(id) => {
                let person = self
                    .referrals
                    .list
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.person.clone())
                    .unwrap_or_default();
                let label = format!("the referral of {person}");
                self.record(format!("{label} deleted"));
                (label, store::referral::delete(&self.conn, id, &now))
            }
            Pending::DeleteEvent(id) => {
                let title = self
                    .events
                    .event()
                    .map(|e| e.title.clone())
                    .unwrap_or_default();
                let label = format!("the event {title:?}");
                self.record(format!("{label} deleted"));
                (label, store::event::delete(&self.conn, id, &now))
            }
            Pending::EndClient(_) => return,
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
            Pending::EndClient(_) => {}
        }
        if let Pending::Mark(_) = pending {
            if let Some(c) = self.contacts.selected.clone() {
                self.info(self.marked(&c.name, c.stage));
            }
        } else {
            let people = match unsorted {
                0 => String::new(),
                1 => "; its 1 person is in no category now (c in Contacts shows them)".into(),
                n => format!("; its {n} people are in no category now (c in Contacts shows them)"),
            };
            self.info(format!("Deleted {label}{people}. u undoes."));
        }
    }
}
