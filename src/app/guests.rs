//! The people of an event or a group: someone picked is invited or made
//! a member, who came, whom each brought (a referral received), an
//! invitation taken back, a group's meeting logged as an event.

use super::{App, Popup, SearchPurpose};
use crate::domain::search::Index;
use crate::form::{Form, FormKind};
use crate::store::{self, WriteError};

impl App {
    /// A person picked in the picker: invited, or made a member. The
    /// picker stays open for the next one.
    pub(super) fn picked_person(&mut self, purpose: SearchPurpose, contact: i64) {
        let name = store::contact::get(&self.conn, contact)
            .ok()
            .flatten()
            .map(|c| c.name)
            .unwrap_or_default();
        self.record(match purpose {
            SearchPurpose::Member(_) => format!("{name} made a member"),
            _ => format!("{name} invited"),
        });
        let done = match purpose {
            SearchPurpose::Invite(event) => store::event::invite(&self.conn, event, &[contact])
                .map(|n| {
                    if n == 0 {
                        format!("{name} was invited already.")
                    } else {
                        format!("Invited {name}.")
                    }
                }),
            SearchPurpose::Member(group) => {
                store::group::add_members(&self.conn, group, &[contact], self.today).map(|n| {
                    if n == 0 {
                        format!("{name} is a member already.")
                    } else {
                        format!("{name} is a member.")
                    }
                })
            }
            _ => return,
        };
        match done {
            Ok(said) => {
                self.reload_events();
                self.refresh_measures();
                self.info(format!("{said} Type another name, or Esc when done."));
                if let Some(Popup::Search(s)) = &mut self.popup {
                    s.input = ratatui_textarea::TextArea::default();
                }
                self.search_typed();
            }
            Err(WriteError::Refused(why)) => self.error("Not saved", why),
            Err(e) => self.error("Could not save", e),
        }
    }

    /// Space on someone in an open event: before the day, they are coming
    /// (or no longer); once it is held, they came (a touch of kind event,
    /// dated the day of the event), or, on someone marked, they did not.
    pub(super) fn guest_came(&mut self) {
        let (Some(e), Some(g)) = (self.events.event(), self.events.guest()) else {
            return;
        };
        let (event, contact, name, title) = (e.id, g.contact_id, g.name.clone(), e.title.clone());
        let (held, came, coming) = (e.on <= self.today, g.came, g.coming);
        let written = if !held {
            self.record(if coming {
                format!("{name} no longer coming to {title}")
            } else {
                format!("{name} coming to {title}")
            });
            store::event::coming(&self.conn, event, contact, !coming, self.today).map(|()| {
                if coming {
                    format!("{name} is no longer coming.")
                } else {
                    format!("{name} is coming. Once the day comes, Space marks who came.")
                }
            })
        } else if came {
            self.record(format!("{name} did not come to {title}"));
            store::event::not_came(&self.conn, event, contact, &self.now())
                .map(|()| format!("{name} did not come: the touch it logged is taken back."))
        } else {
            self.record(format!("{name} came to {title}"));
            store::event::came(&self.conn, event, contact, &[], &self.now())
                .map(|_| format!("{name} came. b records a guest they brought."))
        };
        match written {
            Ok(said) => {
                self.reload_events();
                self.refresh_counts();
                self.info(said);
            }
            Err(WriteError::Refused(why)) => self.error("Not saved", why),
            Err(e) => self.error("Could not save", e),
        }
    }

    /// `b` on someone in an open event: whom they brought.
    pub(super) fn open_brought(&mut self) {
        let (Some(e), Some(g)) = (self.events.event(), self.events.guest()) else {
            return self.info("Open an event and move to the person who brought a guest, then b.");
        };
        if g.brought_by.is_some() {
            return self.info(format!(
                "{} was brought; move to who brought a guest.",
                g.name
            ));
        }
        let kind = FormKind::Brought(e.id, g.contact_id);
        let title = format!(" {} brought a guest to {} ", g.name, e.title);
        self.contacts.names = Index::new(store::contact::names(&self.conn).unwrap_or_default());
        self.open_form(Form::new(
            kind,
            title,
            &[("Guest", "", "their name: a contact, or someone new")],
        ));
    }

    /// The guest field says whom the name means.
    pub(super) fn brought_typed(&mut self) {
        let Some(Popup::Form(form)) = &self.popup else {
            return;
        };
        let typed = form.value(0);
        let note = self.person_note(&typed);
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.fields[0].note = note;
        }
    }

    pub(super) fn save_brought(&mut self, form: Box<Form>, event: i64, by: i64) {
        let guest = match self.person_picked(&form.value(0)) {
            Ok(p) => p,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        self.record(format!(
            "a guest brought to an event: {}",
            form.value(0).trim()
        ));
        match store::event::came(&self.conn, event, by, &[guest], &self.now()) {
            Ok(came) => {
                self.reload_events();
                self.refresh_counts();
                let guest = came
                    .brought
                    .first()
                    .and_then(|(_, g)| store::contact::get(&self.conn, *g).ok().flatten())
                    .map(|c| c.name)
                    .unwrap_or_default();
                self.info(format!(
                    "{guest} is a referral received; the thank-you is owed (Today)."
                ));
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    /// `x` on someone invited who has not come: the invitation taken back.
    pub(super) fn uninvite(&mut self) {
        let (Some(e), Some(g)) = (self.events.event(), self.events.guest()) else {
            return;
        };
        let (event, contact, name) = (e.id, g.contact_id, g.name.clone());
        self.record(format!("the invitation of {name} taken back"));
        match store::event::uninvite(&self.conn, event, contact) {
            Ok(()) => {
                self.reload_events();
                self.refresh_measures();
                self.info(format!("{name} is no longer invited."));
            }
            Err(WriteError::Refused(why)) => self.error("Not changed", why),
            Err(e) => self.error("Could not save", e),
        }
    }

    /// `l` on a group: its meeting today, as an event with its members
    /// invited.
    pub(super) fn log_meeting(&mut self) {
        let Some(g) = self.events.group() else {
            return self.info("Move to a group, then l logs its meeting as an event.");
        };
        let id = g.id;
        self.record(format!("a meeting of {} logged", g.name));
        match store::group::log_meeting(&self.conn, id, self.today, &self.now()) {
            Ok(event) => {
                self.events.open = None;
                self.reload_events();
                self.refresh_measures();
                self.open_people(true, event, 0);
                self.info("Meeting logged, its members invited: Space marks who came.");
            }
            Err(WriteError::Refused(why)) => self.error("Not logged", why),
            Err(e) => self.error("Could not save", e),
        }
    }
}
