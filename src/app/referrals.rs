//! The Referrals pane: the ledger newest first, the balance per partner,
//! past referrers never thanked; recording a referral, its status, and
//! the thank-you sent.

use super::{App, Popup, step};
use crate::domain::dates::{day, parse_for};
use crate::domain::search::Index;
use crate::domain::text::{fold, key};
use crate::domain::{Balance, ContactDraft, DateUse, Direction, RefStatus, Referral};
use crate::form::{Form, FormKind};
use crate::pane::Pane;
use crate::store::referral::{Person, ReferralDraft};
use crate::store::thanks::Unthanked;
use crate::store::{self, WriteError};

/// How many referrals the ledger shows, newest first.
pub const LEDGER_SHOWN: u32 = 300;

/// The Referrals pane's own state.
#[derive(Debug, Default)]
pub struct ReferralsPane {
    /// The newest referrals, at most `LEDGER_SHOWN`.
    pub list: Vec<Referral>,
    /// How many the ledger holds in all.
    pub total: u32,
    pub balance: Vec<Balance>,
    /// Clients whose referrer was never thanked, to thank once.
    pub unthanked: Vec<Unthanked>,
    pub cursor: usize,
}

/// One line of the pane's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralRow {
    Referral(usize),
    Unthanked(usize),
}

impl ReferralsPane {
    pub fn rows(&self) -> Vec<ReferralRow> {
        (0..self.list.len())
            .map(ReferralRow::Referral)
            .chain((0..self.unthanked.len()).map(ReferralRow::Unthanked))
            .collect()
    }

    pub fn row(&self) -> Option<ReferralRow> {
        self.rows().get(self.cursor).copied()
    }

    pub fn selected(&self) -> Option<&Referral> {
        match self.row()? {
            ReferralRow::Referral(i) => self.list.get(i),
            ReferralRow::Unthanked(_) => None,
        }
    }
}

/// A referral's new status being picked, one key each.
#[derive(Debug, Clone)]
pub struct StatusPick {
    pub referral: i64,
    pub person: String,
    pub current: RefStatus,
}

/// The fields of the referral form.
const PARTNER: usize = 0;
const PERSON: usize = 1;

/// Whom a typed name means as the person referred.
enum PersonPick {
    Existing(i64, String),
    New(String),
}

impl App {
    /// Read the ledger, the balance and the past referrers again.
    pub(super) fn reload_referrals(&mut self) {
        let conn = &self.conn;
        let loaded = (|| {
            Ok::<_, rusqlite::Error>((
                store::referral::list(conn, LEDGER_SHOWN)?,
                store::referral::count(conn)?,
                store::referral::balance(conn)?,
                store::thanks::unthanked(conn)?,
            ))
        })();
        match loaded {
            Ok((list, total, balance, unthanked)) => {
                let pane = &mut self.referrals;
                (pane.list, pane.total, pane.balance, pane.unthanked) =
                    (list, total, balance, unthanked);
                pane.cursor = pane.cursor.min(pane.rows().len().saturating_sub(1));
            }
            Err(e) => self.error("Could not read the referrals", e),
        }
    }

    pub(super) fn referrals_move(&mut self, by: isize) {
        let len = self.referrals.rows().len();
        self.referrals.cursor = step(self.referrals.cursor, by, len.saturating_sub(1));
    }

    /// Open the form for a referral received or given; from Contacts, the
    /// selected contact is the partner.
    pub(super) fn open_referral_form(&mut self, direction: Direction) {
        self.contacts.names = Index::new(store::contact::names(&self.conn).unwrap_or_default());
        let partner = match self.pane {
            Pane::Contacts => self.contacts.selected.as_ref().map(|c| c.name.clone()),
            _ => None,
        }
        .unwrap_or_default();
        let today = self.today.format("%Y-%m-%d").to_string();
        let (title, who) = match direction {
            Direction::Received => (" A referral received ", "From"),
            Direction::Given => (" A referral given (refer first) ", "To"),
        };
        let mut form = Form::new(
            FormKind::Referral(direction),
            title,
            &[
                (who, &partner, "type part of a contact's name"),
                ("For", "", "the person referred: a contact, or a new name"),
                ("On", &today, "YYYY-MM-DD"),
                ("Note", "", "what they need, in a line"),
            ],
        );
        if !partner.is_empty() {
            form.next();
        }
        self.open_form(form);
        self.referral_note(PARTNER);
    }

    /// The partner field's match and the person field's, shown as typed.
    pub(super) fn referral_form_typed(&mut self) {
        if let Some(Popup::Form(form)) = &self.popup {
            let focus = form.focus;
            self.referral_note(focus);
        }
    }

    /// Say beside field `at` of the referral form whom it means.
    fn referral_note(&mut self, at: usize) {
        let Some(Popup::Form(form)) = &self.popup else {
            return;
        };
        let (focus, typed) = (at, form.value(at));
        let note = match focus {
            PARTNER => self.match_note(&typed),
            PERSON => self.person_note(&typed),
            _ => return,
        };
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.fields[focus].note = note;
        }
    }

    /// The person a typed name means, as a referral, a name given when
    /// asked or a guest brought is written: a contact, or a new one.
    pub(super) fn person_picked(&mut self, typed: &str) -> Result<Person, String> {
        match self.person_for(typed)? {
            PersonPick::Existing(id, _) => Ok(Person::Existing(id)),
            PersonPick::New(name) => ContactDraft::named(&name)
                .map(|d| Person::New(Box::new(d)))
                .map_err(|(_, why)| why),
        }
    }

    /// Whom a typed name means, as a field says it: a contact's label
    /// (false), or the name of someone new (true); or why nobody yet.
    pub(super) fn whom(&mut self, typed: &str) -> Result<(String, bool), String> {
        Ok(match self.person_for(typed)? {
            PersonPick::Existing(_, label) => (label, false),
            PersonPick::New(name) => (name, true),
        })
    }

    /// What a person field says beside itself as it is typed.
    pub(super) fn person_note(&mut self, typed: &str) -> Option<String> {
        if typed.trim().is_empty() {
            return None;
        }
        Some(match self.whom(typed) {
            Ok((label, false)) => format!("→ {label}"),
            Ok((name, true)) => format!("→ a new contact, {name}"),
            Err(why) => why,
        })
    }

    /// The person a typed name means: a contact of that name, or the one
    /// contact whose name holds it; else a new contact. Several are
    /// refused, to say which.
    fn person_for(&mut self, typed: &str) -> Result<PersonPick, String> {
        let name = crate::domain::text::one_line(typed);
        let hits = self.contacts.names.search(&name, 10);
        let found: Vec<(i64, String)> = hits
            .into_iter()
            .filter_map(|id| {
                let c = store::contact::get(&self.conn, id).ok().flatten()?;
                Some((id, c.name))
            })
            .collect();
        let label = |id| {
            store::contact::name_label(&self.conn, id)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        if let Some((id, _)) = found.iter().find(|(_, n)| key(n) == key(&name)) {
            return Ok(PersonPick::Existing(*id, label(*id)));
        }
        let part = fold(&name);
        let holding: Vec<&(i64, String)> = found
            .iter()
            .filter(|(_, n)| fold(n).contains(&part))
            .collect();
        match holding.as_slice() {
            [] => Ok(PersonPick::New(name)),
            [(id, _)] => Ok(PersonPick::Existing(*id, label(*id))),
            many => Err(format!(
                "could be {}: type more of the name",
                many.iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    pub(super) fn save_referral(&mut self, form: Box<Form>, direction: Direction) {
        let partner = match self.contact_match(&form.value(PARTNER)) {
            Ok((id, _)) => id,
            Err(why) => return self.refuse_form(form, PARTNER, why),
        };
        let person = match self.person_picked(&form.value(PERSON)) {
            Ok(p) => p,
            Err(why) => return self.refuse_form(form, PERSON, why),
        };
        let on = match parse_for(&form.value(2), self.today, DateUse::Happened) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 2, why),
        };
        let draft = ReferralDraft {
            direction,
            partner,
            person,
            on,
            note: crate::domain::text::one_line(&form.value(3)),
        };
        self.record(match direction {
            Direction::Received => format!(
                "the referral of {} from {} recorded",
                form.value(PERSON).trim(),
                self.name_of(partner)
            ),
            Direction::Given => format!(
                "the referral of {} to {} recorded",
                form.value(PERSON).trim(),
                self.name_of(partner)
            ),
        });
        let (id, _) = match store::referral::add(&self.conn, &draft, &self.now()) {
            Ok(ok) => ok,
            Err(WriteError::Refused(why)) => return self.refuse_form(form, PERSON, why),
            Err(e) => return self.refuse_form(form, 0, format!("Could not save: {e}")),
        };
        self.refresh();
        self.select_referral(id);
        let r = store::referral::get(&self.conn, id).ok().flatten();
        let owed = store::thanks::owed_for(&self.conn, id).ok().flatten();
        self.info(match (r, owed) {
            (Some(r), Some(t)) => format!(
                "{} sent you {}. Thank them by {} (Space when sent).",
                r.partner,
                r.person,
                day(t.due, self.today)
            ),
            (Some(r), None) => format!("You sent {} to {}.", r.person, r.partner),
            _ => "Saved.".into(),
        });
    }

    /// Put the form back with `why` beside field `at`.
    pub(super) fn refuse_form(&mut self, mut form: Box<Form>, at: usize, why: String) {
        form.fail(at, why);
        self.popup = Some(Popup::Form(form));
    }

    fn select_referral(&mut self, id: i64) {
        if let Some(i) = self.referrals.list.iter().position(|r| r.id == id) {
            self.referrals.cursor = i;
        }
    }

    /// Change the selected referral's status.
    /// Change where the selected referral stands: one key for the
    /// status, then the day it changed.
    pub(super) fn open_status_form(&mut self) {
        let Some(r) = self.referrals.selected() else {
            return;
        };
        self.popup = Some(Popup::Status(Box::new(StatusPick {
            referral: r.id,
            person: r.person.clone(),
            current: r.status,
        })));
    }

    /// The status is picked: the day it changed is asked next.
    pub(super) fn picked_status(&mut self, status: RefStatus) {
        let Some(Popup::Status(pick)) = self.popup.take() else {
            return;
        };
        if status == pick.current {
            return self.info(format!("{}: {} already.", pick.person, status.label()));
        }
        let today = self.today.format("%Y-%m-%d").to_string();
        self.open_form(Form::new(
            FormKind::RefStatus(pick.referral, status),
            format!(" {}: {} ", pick.person, status.label()),
            &[("Since", &today, "YYYY-MM-DD")],
        ));
    }

    pub(super) fn save_status(&mut self, form: Box<Form>, id: i64, status: RefStatus) {
        let on = match parse_for(&form.value(0), self.today, DateUse::Happened) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        let person = store::referral::get(&self.conn, id)
            .ok()
            .flatten()
            .map(|r| r.person)
            .unwrap_or_default();
        self.record(format!("where the referral of {person} stands"));
        match store::referral::set_status(&self.conn, id, status, on, &self.now()) {
            Ok(change) => {
                self.refresh();
                let person = self
                    .referrals
                    .list
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.person.clone())
                    .unwrap_or_default();
                let mut said = if change.made_client {
                    format!("{person} is a client now.")
                } else {
                    format!("{person}: {}.", status.label())
                };
                if change.news_owed {
                    said.push_str(" Tell the referrer how it went (Today).");
                }
                self.info(said);
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.error("Could not save", e),
        }
    }

    /// Open the partner (or with `person`, the person referred) of the
    /// row under the cursor in Contacts.
    pub(super) fn open_referral_contact(&mut self, person: bool) {
        let id = match self.referrals.row() {
            Some(ReferralRow::Referral(i)) => self
                .referrals
                .list
                .get(i)
                .map(|r| if person { r.person_id } else { r.partner_id }),
            Some(ReferralRow::Unthanked(i)) => self
                .referrals
                .unthanked
                .get(i)
                .map(|u| if person { u.client_id } else { u.referrer_id }),
            None => None,
        };
        if let Some(id) = id {
            self.show_contact(id);
        }
    }
}
