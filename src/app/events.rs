//! The Events pane: events a client can bring a friend to, upcoming and
//! past, and the groups of referral sources. An event opens on its list
//! of people (invited, came, guests brought); a group on its members.

use super::{App, SearchPurpose, step};
use crate::domain::dates::{day, parse_for};
use crate::domain::{DateUse, Event, EventDraft, Group, GroupKind, Guest};
use crate::form::{Form, FormKind};
use crate::store::{self, WriteError};

/// The Events pane's own state.
#[derive(Debug, Default)]
pub struct EventsPane {
    /// Events today or later, the soonest first.
    pub upcoming: Vec<Event>,
    /// Events before today, the latest first.
    pub past: Vec<Event>,
    pub groups: Vec<Group>,
    pub cursor: usize,
    /// The event or group open, if one is.
    pub open: Option<Opened>,
}

/// An event or a group opened on its people.
#[derive(Debug, Clone)]
pub enum Opened {
    Event {
        event: Event,
        guests: Vec<Guest>,
        cursor: usize,
    },
    Group {
        group: Group,
        members: Vec<(i64, String)>,
        cursor: usize,
    },
}

/// One line of the pane's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsRow {
    Upcoming(usize),
    Past(usize),
    Group(usize),
}

impl EventsPane {
    pub fn rows(&self) -> Vec<EventsRow> {
        (0..self.upcoming.len())
            .map(EventsRow::Upcoming)
            .chain((0..self.past.len()).map(EventsRow::Past))
            .chain((0..self.groups.len()).map(EventsRow::Group))
            .collect()
    }

    pub fn row(&self) -> Option<EventsRow> {
        self.rows().get(self.cursor).copied()
    }

    /// The event under the cursor in the list, or the one open.
    pub fn event(&self) -> Option<&Event> {
        match (&self.open, self.row()) {
            (Some(Opened::Event { event, .. }), _) => Some(event),
            (Some(Opened::Group { .. }), _) => None,
            (None, Some(EventsRow::Upcoming(i))) => self.upcoming.get(i),
            (None, Some(EventsRow::Past(i))) => self.past.get(i),
            (None, _) => None,
        }
    }

    /// The group under the cursor in the list, or the one open.
    pub fn group(&self) -> Option<&Group> {
        match (&self.open, self.row()) {
            (Some(Opened::Group { group, .. }), _) => Some(group),
            (Some(Opened::Event { .. }), _) => None,
            (None, Some(EventsRow::Group(i))) => self.groups.get(i),
            (None, _) => None,
        }
    }

    /// The guest under the cursor in the event open.
    pub fn guest(&self) -> Option<&Guest> {
        match &self.open {
            Some(Opened::Event { guests, cursor, .. }) => guests.get(*cursor),
            _ => None,
        }
    }
}

impl App {
    /// Read the events and groups again, and the one open.
    pub(super) fn reload_events(&mut self) {
        let conn = &self.conn;
        let loaded = (|| {
            Ok::<_, rusqlite::Error>((
                store::event::list(conn, self.today)?,
                store::group::list(conn)?,
            ))
        })();
        match loaded {
            Ok(((upcoming, past), groups)) => {
                let pane = &mut self.events;
                (pane.upcoming, pane.past, pane.groups) = (upcoming, past, groups);
                pane.cursor = pane.cursor.min(pane.rows().len().saturating_sub(1));
            }
            Err(e) => return self.error("Could not read the events", e),
        }
        let open = match &self.events.open {
            Some(Opened::Event { event, cursor, .. }) => Some((true, event.id, *cursor)),
            Some(Opened::Group { group, cursor, .. }) => Some((false, group.id, *cursor)),
            None => None,
        };
        if let Some((is_event, id, cursor)) = open {
            self.open_people(is_event, id, cursor);
        }
    }

    /// Open an event (or a group) on its people, the cursor near `cursor`.
    pub(super) fn open_people(&mut self, is_event: bool, id: i64, cursor: usize) {
        let conn = &self.conn;
        let opened = (|| {
            Ok::<_, rusqlite::Error>(if is_event {
                store::event::get(conn, id)?.map(|event| -> rusqlite::Result<Opened> {
                    let guests = store::event::guests(conn, id)?;
                    let cursor = cursor.min(guests.len().saturating_sub(1));
                    Ok(Opened::Event {
                        event,
                        guests,
                        cursor,
                    })
                })
            } else {
                store::group::get(conn, id)?.map(|group| -> rusqlite::Result<Opened> {
                    let members = store::group::members(conn, id)?;
                    let cursor = cursor.min(members.len().saturating_sub(1));
                    Ok(Opened::Group {
                        group,
                        members,
                        cursor,
                    })
                })
            })
        })();
        match opened {
            Ok(Some(Ok(o))) => self.events.open = Some(o),
            Ok(None) => {
                self.events.open = None;
                self.info("Deleted in another window meanwhile.");
            }
            Ok(Some(Err(e))) | Err(e) => self.error("Could not read", e),
        }
    }

    /// Enter: open the event or group under the cursor.
    pub(super) fn open_event(&mut self) {
        if self.events.open.is_some() {
            return self.open_guest_card();
        }
        if let Some(id) = self.events.event().map(|e| e.id) {
            self.open_people(true, id, 0);
        } else if let Some(id) = self.events.group().map(|g| g.id) {
            self.open_people(false, id, 0);
        }
    }

    /// Enter on someone in an open event or group: their card.
    fn open_guest_card(&mut self) {
        let id = match &self.events.open {
            Some(Opened::Event { guests, cursor, .. }) => guests.get(*cursor).map(|g| g.contact_id),
            Some(Opened::Group {
                members, cursor, ..
            }) => members.get(*cursor).map(|m| m.0),
            None => None,
        };
        if let Some(id) = id {
            self.show_contact(id);
            self.load_card(id, 0);
            self.contacts.card_from = Some(crate::pane::Pane::Events);
        }
    }

    pub(super) fn events_move(&mut self, by: isize) {
        match &mut self.events.open {
            Some(Opened::Event { guests, cursor, .. }) => {
                *cursor = step(*cursor, by, guests.len().saturating_sub(1));
            }
            Some(Opened::Group {
                members, cursor, ..
            }) => {
                *cursor = step(*cursor, by, members.len().saturating_sub(1));
            }
            None => {
                let len = self.events.rows().len();
                self.events.cursor = step(self.events.cursor, by, len.saturating_sub(1));
            }
        }
    }

    /// `a`: a new event; `e` on an event: change it.
    pub(super) fn open_event_form(&mut self, edit: bool) {
        let event = if edit {
            self.events.event().cloned()
        } else {
            None
        };
        if edit && event.is_none() {
            return;
        }
        let date = event
            .as_ref()
            .map_or(self.today, |e| e.on)
            .format("%Y-%m-%d")
            .to_string();
        let (title, place, offers) = event.as_ref().map_or(("", "", ""), |e| {
            (e.title.as_str(), e.place.as_str(), e.offers.as_str())
        });
        let form = Form::new(
            FormKind::Event(event.as_ref().map(|e| e.id)),
            if edit {
                " Change the event "
            } else {
                " An event a client can bring a friend to "
            },
            &[
                ("Title", title, "e.g. Open house: your questions on taxes"),
                ("Date", &date, "YYYY-MM-DD"),
                ("Place", place, "where"),
                ("Offers", offers, "what a guest gets from it, in a line"),
            ],
        );
        self.open_form(form);
    }

    pub(super) fn save_event(&mut self, form: Box<Form>, id: Option<i64>) {
        let on = match parse_for(&form.value(1), self.today, DateUse::Planned) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 1, why),
        };
        let draft = match EventDraft::new(&form.value(0), on, &form.value(2), &form.value(3)) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        self.record(match id {
            Some(_) => format!("the event {:?} changed", draft.title),
            None => format!("the event {:?} planned", draft.title),
        });
        let saved = match id {
            Some(id) => store::event::update(&self.conn, id, &draft).map(|()| id),
            None => {
                store::event::add(&self.conn, &draft, None, &self.now()).map_err(WriteError::from)
            }
        };
        match saved {
            Ok(saved) => {
                self.reload_events();
                self.select_event(saved);
                self.info(match id {
                    Some(_) => format!("{} changed.", draft.title),
                    None => format!(
                        "{} planned {}. Enter opens it; i invites clients and partners.",
                        draft.title,
                        day(on, self.today)
                    ),
                });
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    pub(super) fn select_event(&mut self, id: i64) {
        let rows = self.events.rows();
        if let Some(at) = rows.iter().position(|r| match r {
            EventsRow::Upcoming(i) => self.events.upcoming.get(*i).is_some_and(|e| e.id == id),
            EventsRow::Past(i) => self.events.past.get(*i).is_some_and(|e| e.id == id),
            EventsRow::Group(_) => false,
        }) {
            self.events.cursor = at;
        }
    }

    /// `A`: a new group of referral sources.
    pub(super) fn open_group_form(&mut self) {
        self.open_form(Form::new(
            FormKind::Group,
            " A group whose members serve your clients ",
            &[
                ("Name", "", "e.g. Downtown Business Network"),
                (
                    "Kind",
                    "networking",
                    "networking, association, chamber or club",
                ),
                ("Meets", "", "when, in your words: first Tuesday, 7:30"),
            ],
        ));
    }

    pub(super) fn save_group(&mut self, form: Box<Form>) {
        let kind = match GroupKind::parse(&form.value(1)) {
            Ok(k) => k,
            Err(why) => return self.refuse_form(form, 1, why),
        };
        let name = form.value(0);
        self.record(format!("the group {:?} added", name.trim()));
        match store::group::add(&self.conn, &name, kind, &form.value(2), &self.now()) {
            Ok(id) => {
                self.reload_events();
                self.refresh_measures();
                if let Some(at) = self.events.rows().iter().position(
                    |r| matches!(r, EventsRow::Group(i) if self.events.groups.get(*i).is_some_and(|g| g.id == id)),
                ) {
                    self.events.cursor = at;
                }
                self.info("Group added. Enter opens it; m adds the members you know.");
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    /// `i` on an event, `m` on a group: pick people from a fuzzy picker.
    pub(super) fn open_people_picker(&mut self) {
        if let Some(e) = self.events.event() {
            let id = e.id;
            return self.open_search_for(SearchPurpose::Invite(id));
        }
        if let Some(g) = self.events.group() {
            let id = g.id;
            self.open_search_for(SearchPurpose::Member(id));
        }
    }
}
