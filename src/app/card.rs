//! A contact's card: everything about one person and their whole history
//! (touches, stage changes, referrals both ways, thank-yous), opened from
//! the Contacts pane. Touches are changed and deleted here, with undo.

use chrono::NaiveDate;

use super::{App, Popup, step};
use crate::domain::dates::{day, parse_for};
use crate::domain::{
    Ask, Contact, DateUse, Referral, Stage, ThankNote, Touch, TouchKind, Touchpoint,
};
use crate::form::{Form, FormKind};
use crate::store::{self, WriteError};

/// One event in a contact's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryItem {
    Touch(Touch),
    Stage(Stage, NaiveDate),
    Referral(Referral),
    Thanks(ThankNote),
    Client(NaiveDate),
    /// A referral ask: made (with what they said), or the one planned.
    Ask(Ask),
    /// A step of their journey not done yet, or skipped (one done is a
    /// touch).
    Touchpoint(Touchpoint),
}

impl HistoryItem {
    /// The day it happened (or, for a thank-you owed, is due).
    pub fn on(&self) -> NaiveDate {
        match self {
            HistoryItem::Touch(t) => t.on,
            HistoryItem::Stage(_, d) | HistoryItem::Client(d) => *d,
            HistoryItem::Referral(r) => r.on,
            HistoryItem::Thanks(t) => t.sent.map_or(t.due, |(d, _)| d),
            HistoryItem::Ask(a) => a.asked.map_or(a.due, |(d, _)| d),
            // A milestone not dated yet comes first, above what is planned.
            HistoryItem::Touchpoint(t) => t.skipped.or(t.due).unwrap_or(NaiveDate::MAX),
        }
    }

    /// Whether it is planned, not done: an ask to make, a touchpoint to do.
    pub fn planned(&self) -> bool {
        match self {
            HistoryItem::Ask(a) => a.asked.is_none(),
            HistoryItem::Touchpoint(t) => t.is_open(),
            _ => false,
        }
    }

    /// Whether it has a date to show (a milestone may wait for one).
    pub fn dated(&self) -> bool {
        !matches!(self, HistoryItem::Touchpoint(t) if t.skipped.is_none() && t.due.is_none())
    }
}

/// The card of one contact.
#[derive(Debug, Clone)]
pub struct Card {
    pub contact: Contact,
    /// The name of who referred them.
    pub referred_by: Option<String>,
    /// The group they were met through, if "how we met" points to one.
    pub met_group: Option<String>,
    /// Their history, newest first.
    pub items: Vec<HistoryItem>,
    pub cursor: usize,
    /// Every e-mail address and phone number, the first of each first.
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

/// A kind of touch being picked, one key each, for a new touch with a
/// contact or for changing a touch.
#[derive(Debug, Clone)]
pub struct KindPick {
    pub contact: i64,
    pub name: String,
    pub touch: Option<Touch>,
}

impl Card {
    /// Read the card of contact `id`; `None` if they are gone.
    pub fn load(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<Card>> {
        let Some(contact) = store::contact::get(conn, id)? else {
            return Ok(None);
        };
        let referred_by = match contact.referred_by {
            Some(r) => store::contact::get(conn, r)?.map(|c| c.name),
            None => None,
        };
        let mut items: Vec<HistoryItem> = store::touch::list(conn, id)?
            .into_iter()
            .map(HistoryItem::Touch)
            .collect();
        items.extend(
            store::contact::stage_history(conn, id)?
                .into_iter()
                .map(|(s, d)| HistoryItem::Stage(s, d)),
        );
        items.extend(
            store::referral::of_contact(conn, id)?
                .into_iter()
                .map(HistoryItem::Referral),
        );
        items.extend(
            store::thanks::thanks_of(conn, id)?
                .into_iter()
                .map(HistoryItem::Thanks),
        );
        items.extend(contact.client_since.map(HistoryItem::Client));
        items.extend(
            store::ask::for_client(conn, id)?
                .into_iter()
                .map(HistoryItem::Ask),
        );
        items.extend(
            store::journey::for_client(conn, id)?
                .into_iter()
                .filter(|t| t.done.is_none())
                .map(HistoryItem::Touchpoint),
        );
        // What is planned first, the soonest first (milestones not dated
        // last); then the history, newest first, on one day touches first.
        items.sort_by(|a, b| {
            let key = |i: &HistoryItem| (!i.planned(), !matches!(i, HistoryItem::Touch(_)));
            match (a.planned(), b.planned()) {
                (true, true) => a.on().cmp(&b.on()),
                (false, false) => b.on().cmp(&a.on()).then(key(a).cmp(&key(b))),
                _ => key(a).cmp(&key(b)),
            }
        });
        let (emails, phones) = store::contact::addresses(conn, &contact)?;
        let met_group = store::group::met_through(conn, id)?;
        Ok(Some(Card {
            contact,
            referred_by,
            met_group,
            items,
            cursor: 0,
            emails,
            phones,
        }))
    }

    pub fn selected_touch(&self) -> Option<&Touch> {
        match self.items.get(self.cursor) {
            Some(HistoryItem::Touch(t)) => Some(t),
            _ => None,
        }
    }
}

impl App {
    /// Open the card of the contact under the cursor.
    pub(super) fn open_card(&mut self) {
        if let Some(id) = self.contacts.selected.as_ref().map(|c| c.id) {
            self.load_card(id, 0);
            self.contacts.card_from = None;
        }
    }

    /// Esc on a card: back to the list, or to the pane it was opened from.
    pub(super) fn close_card(&mut self) {
        self.contacts.card = None;
        if let Some(pane) = self.contacts.card_from.take() {
            self.go_to(pane);
        }
    }

    /// Read the card of `id` again, the cursor kept near `cursor`.
    pub(super) fn load_card(&mut self, id: i64, cursor: usize) {
        match Card::load(&self.conn, id) {
            Ok(Some(mut card)) => {
                card.cursor = cursor.min(card.items.len().saturating_sub(1));
                self.contacts.card = Some(Box::new(card));
            }
            Ok(None) => self.contacts.card = None,
            Err(e) => self.error("Could not read the contact", e),
        }
    }

    /// After a write about contact `id`: show their card as it is now.
    pub(super) fn refresh_card(&mut self, id: i64) {
        if let Some(cursor) = self
            .contacts
            .card
            .as_ref()
            .filter(|c| c.contact.id == id)
            .map(|c| c.cursor)
        {
            self.load_card(id, cursor);
        }
    }

    pub(super) fn card_move(&mut self, by: isize) {
        if let Some(card) = &mut self.contacts.card {
            card.cursor = step(card.cursor, by, card.items.len().saturating_sub(1));
        }
    }

    /// Pick the kind of a new touch with the contact the next contact
    /// action is about, one key each.
    pub(super) fn open_touch(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        self.popup = Some(Popup::TouchKind(Box::new(KindPick {
            contact: c.id,
            name: c.name.clone(),
            touch: None,
        })));
    }

    /// Change the touch under the card's cursor: its kind first.
    pub(super) fn edit_touch(&mut self) {
        let Some(card) = &self.contacts.card else {
            return;
        };
        let Some(touch) = card.selected_touch().cloned() else {
            return self.info("Only a touch can be changed here: move to one (a call, a card...).");
        };
        self.popup = Some(Popup::TouchKind(Box::new(KindPick {
            contact: card.contact.id,
            name: card.contact.name.clone(),
            touch: Some(touch),
        })));
    }

    /// The kind is picked: the date and the note are asked next.
    pub(super) fn picked_kind(&mut self, kind: Option<TouchKind>) {
        let Some(Popup::TouchKind(pick)) = self.popup.take() else {
            return;
        };
        // Enter keeps the kind of a touch being changed.
        let Some(kind) = kind.or(pick.touch.as_ref().map(|t| t.kind)) else {
            self.popup = Some(Popup::TouchKind(pick));
            return;
        };
        let (form_kind, on, note) = match &pick.touch {
            Some(t) => (FormKind::EditTouch(t.id, kind), t.on, t.note.clone()),
            None => (
                FormKind::Touch(pick.contact, kind),
                self.today,
                String::new(),
            ),
        };
        let on = on.format("%Y-%m-%d").to_string();
        let verb = if pick.touch.is_some() {
            "Change"
        } else {
            "Log"
        };
        let mut form = Form::new(
            form_kind,
            format!(" {verb} a {} with {} ", kind.label(), pick.name),
            &[
                ("Date", &on, "YYYY-MM-DD"),
                ("Note", &note, "what happened, what is next"),
            ],
        );
        // The date is filled in: what is typed at once is the note.
        form.focus_on(1);
        self.open_form(form);
    }

    pub(super) fn save_touch(&mut self, mut form: Box<Form>) {
        let on = match parse_for(&form.value(0), self.today, DateUse::Touch) {
            Ok(d) => d,
            Err(why) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let note = form.value(1).trim().to_owned();
        let (written, contact, kind) = match form.kind {
            FormKind::Touch(id, kind) => {
                let name = store::contact::get(&self.conn, id).ok().flatten();
                self.record(format!(
                    "{} with {} logged",
                    kind.a(),
                    name.map(|c| c.name).unwrap_or_default()
                ));
                (
                    store::contact::log_touch(&self.conn, id, kind, on, &note, &self.now()),
                    Some(id),
                    kind,
                )
            }
            FormKind::EditTouch(touch, kind) => {
                let contact = self.contacts.card.as_ref().map(|c| c.contact.id);
                self.record(format!(
                    "the touch with {} changed",
                    self.contacts
                        .card
                        .as_ref()
                        .map(|c| c.contact.name.as_str())
                        .unwrap_or_default()
                ));
                (
                    store::touch::update(&self.conn, touch, kind, on, &note),
                    contact,
                    kind,
                )
            }
            _ => return,
        };
        if let Err(e) = written {
            return match e {
                WriteError::Refused(why) => self.info(why),
                e => self.error("Could not save the touch", e),
            };
        }
        let Some(id) = contact else {
            return;
        };
        self.refresh_contact(id);
        let next = store::contact::get(&self.conn, id).ok().flatten();
        let done = if matches!(form.kind, FormKind::EditTouch(..)) {
            "Changed"
        } else {
            "Logged"
        };
        self.info(match next {
            Some(c) => format!(
                "{done} {} with {}.{}",
                kind.a(),
                c.name,
                c.next_follow_up
                    .map(|d| format!(" Next follow-up {}.", day(d, self.today)))
                    .unwrap_or_default()
            ),
            None => format!("{done}."),
        });
    }

    /// Delete the touch under the card's cursor at once; `u` undoes.
    pub(super) fn delete_touch(&mut self) {
        let Some(card) = &self.contacts.card else {
            return;
        };
        let Some(touch) = card.selected_touch().cloned() else {
            return self.info("Only a touch can be deleted here: move to one.");
        };
        let what = format!(
            "the {} of {} with {}",
            touch.kind.label(),
            day(touch.on, self.today),
            card.contact.name
        );
        self.record(format!("{what} deleted"));
        match store::touch::delete(&self.conn, touch.id, &self.now()) {
            Ok(()) => {
                self.refresh_contact(touch.contact_id);
                self.info(format!("Deleted {what}. u undoes."));
            }
            Err(WriteError::Refused(why)) => self.info(why),
            Err(e) => self.error("Could not delete", e),
        }
    }
}
