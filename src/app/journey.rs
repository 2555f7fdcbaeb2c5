//! The client journey in the program: an ask due recorded with what the
//! client said (names, not now, not at all), a touchpoint done, skipped or
//! moved, a problem solved, an ask planned by hand, the journey template
//! edited. From Today, and from a client's card or row in Contacts.

use super::{App, HistoryItem, Popup, TodayRow};
use crate::domain::dates::{day, parse_for};
use crate::domain::journey::{self, DEFAULT_AGAIN_DAYS, MAX_DAYS, Outcome};
use crate::domain::search::Index;
use crate::domain::{Ask, DateUse, Touchpoint};
use crate::form::{Form, FormKind};
use crate::pane::Pane;
use crate::store::{self, WriteError};

/// What a client said being picked, one key each.
#[derive(Debug, Clone)]
pub struct OutcomePick {
    pub client: i64,
    pub name: String,
    /// The planned ask shown, if one was.
    pub ask: Option<i64>,
}

/// The names typed into the names-given field: split at commas,
/// semicolons and new lines, each trimmed.
pub fn names_typed(typed: &str) -> Vec<String> {
    typed
        .split([',', ';', '\n'])
        .map(crate::domain::text::one_line)
        .filter(|n| !n.is_empty())
        .collect()
}

impl App {
    /// The ask under the cursor on Today, or on a client's card.
    pub fn selected_ask(&self) -> Option<&Ask> {
        match self.pane {
            Pane::Today => match self.today_rows().get(self.today_pane.cursor) {
                Some(TodayRow::Ask(i)) => self.today_pane.asks.get(*i),
                _ => None,
            },
            Pane::Contacts => match self.contacts.card.as_ref()?.items.get(self.card_cursor()) {
                Some(HistoryItem::Ask(a)) if a.asked.is_none() => Some(a),
                _ => None,
            },
            _ => None,
        }
    }

    /// The touchpoint under the cursor on Today, or on a client's card.
    pub fn selected_touchpoint(&self) -> Option<&Touchpoint> {
        match self.pane {
            Pane::Today => match self.today_rows().get(self.today_pane.cursor) {
                Some(TodayRow::Touchpoint(i)) => self.today_pane.touchpoints.get(*i),
                _ => None,
            },
            Pane::Contacts => match self.contacts.card.as_ref()?.items.get(self.card_cursor()) {
                Some(HistoryItem::Touchpoint(t)) if t.is_open() => Some(t),
                _ => None,
            },
            _ => None,
        }
    }

    fn card_cursor(&self) -> usize {
        self.contacts.card.as_ref().map_or(0, |c| c.cursor)
    }

    /// The client the next ask action is about: the ask under the cursor,
    /// the card open, or the contact under the cursor in Contacts.
    fn ask_client(&self) -> Option<(i64, String)> {
        if let Some(a) = self.selected_ask() {
            return Some((a.client_id, a.client.clone()));
        }
        if self.pane == Pane::Contacts {
            return self.target_contact().map(|c| (c.id, c.name.clone()));
        }
        None
    }

    /// Space on an ask: what did the client say? One key each.
    pub(super) fn open_outcome(&mut self) {
        let ask = self.selected_ask().map(|a| a.id);
        if let Some((client, name)) = self.ask_client() {
            let pick = OutcomePick { client, name, ask };
            self.popup = Some(Popup::Outcome(Box::new(pick)));
        }
    }

    /// The outcome is picked: names and "not now" ask one more thing;
    /// "not at all" is recorded at once.
    pub(super) fn picked_outcome(&mut self, outcome: Outcome) {
        let Some(Popup::Outcome(pick)) = self.popup.take() else {
            return;
        };
        let today = self.today.format("%Y-%m-%d").to_string();
        match outcome {
            Outcome::Names => {
                self.contacts.names =
                    Index::new(store::contact::names(&self.conn).unwrap_or_default());
                self.open_form(Form::new(
                    FormKind::AskNames(pick.client, pick.ask),
                    format!(" {} gave names ", pick.name),
                    &[
                        ("Names", "", "contacts or new names, commas between"),
                        ("Asked on", &today, "YYYY-MM-DD"),
                    ],
                ));
            }
            Outcome::NotNow => {
                let again = DEFAULT_AGAIN_DAYS.to_string();
                self.open_form(Form::new(
                    FormKind::AskLater(pick.client, pick.ask),
                    format!(" {}: not now ", pick.name),
                    &[
                        ("Ask again in", &again, "days"),
                        ("Asked on", &today, "YYYY-MM-DD"),
                    ],
                ));
            }
            Outcome::No => {
                let answer = store::ask::Answer {
                    outcome: Outcome::No,
                    names: &[],
                    on: self.today,
                    again: 0,
                    ask: pick.ask,
                };
                self.record_ask(None, pick.client, &answer);
            }
        }
    }

    /// The names field of the names-given form says whom each name means.
    pub(super) fn ask_names_typed(&mut self) {
        let Some(Popup::Form(form)) = &self.popup else {
            return;
        };
        if form.focus != 0 {
            return;
        }
        let names = names_typed(&form.value(0));
        let said: Vec<String> = names
            .iter()
            .map(|n| match self.whom(n) {
                Ok((label, false)) => label,
                Ok((name, true)) => format!("{name} (new)"),
                Err(why) => format!("{n}: {why}"),
            })
            .collect();
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.fields[0].note = (!said.is_empty()).then(|| format!("→ {}", said.join(", ")));
        }
    }

    pub(super) fn save_ask_names(&mut self, form: Box<Form>, client: i64, ask: Option<i64>) {
        let names = names_typed(&form.value(0));
        if names.is_empty() {
            return self.refuse_form(
                form,
                0,
                "Who did they name? Type each name, commas between.".into(),
            );
        }
        let mut people = Vec::new();
        for n in &names {
            match self.person_picked(n) {
                Ok(p) => people.push(p),
                Err(why) => return self.refuse_form(form, 0, format!("{n}: {why}")),
            }
        }
        let on = match parse_for(&form.value(1), self.today, DateUse::Happened) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 1, why),
        };
        let answer = store::ask::Answer {
            outcome: Outcome::Names,
            names: &people,
            on,
            again: 0,
            ask,
        };
        self.record_ask(Some(form), client, &answer);
    }

    pub(super) fn save_ask_later(&mut self, form: Box<Form>, client: i64, ask: Option<i64>) {
        let again = match form.value(0).trim().parse::<u32>() {
            Ok(n) if (1..=MAX_DAYS).contains(&n) => n,
            _ => {
                return self.refuse_form(
                    form,
                    0,
                    format!("Ask again in how many days? A number from 1 to {MAX_DAYS}."),
                );
            }
        };
        let on = match parse_for(&form.value(1), self.today, DateUse::Happened) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 1, why),
        };
        let answer = store::ask::Answer {
            outcome: Outcome::NotNow,
            names: &[],
            on,
            again,
            ask,
        };
        self.record_ask(Some(form), client, &answer);
    }

    /// Record what the client said; a refusal goes back to the form it
    /// came from, if one, with the reason.
    fn record_ask(&mut self, form: Option<Box<Form>>, client: i64, answer: &store::ask::Answer) {
        self.record(format!("what {} said when asked", self.name_of(client)));
        let refused = match store::ask::record(&self.conn, client, answer, &self.now()) {
            Ok(asked) => return self.asked(&asked, answer.outcome, client),
            Err(WriteError::Refused(why)) => why,
            Err(e) => format!("Could not save: {e}"),
        };
        match form {
            Some(form) => self.refuse_form(form, 0, refused),
            None => self.error("Not recorded", refused),
        }
    }

    /// Say what recording an ask did, and show it.
    fn asked(&mut self, asked: &store::ask::Asked, outcome: Outcome, client: i64) {
        self.refresh_contact(client);
        self.refresh_measures();
        let next = day(asked.next, self.today);
        self.info(match outcome {
            Outcome::Names => format!(
                "{} gave {} name{}: thank them (Today). Next ask {next}.",
                asked.client,
                asked.referrals.len(),
                if asked.referrals.len() == 1 { "" } else { "s" }
            ),
            Outcome::NotNow => format!("{}: not now. Ask again {next}.", asked.client),
            Outcome::No => format!("{}: not at all. No ask until {next}.", asked.client),
        });
    }

    /// Space on a touchpoint: when it was done, and a note (for a wow,
    /// what it was).
    pub(super) fn open_touchpoint_done(&mut self) {
        let Some(t) = self.selected_touchpoint() else {
            return;
        };
        let today = self.today.format("%Y-%m-%d").to_string();
        let mut form = Form::new(
            FormKind::TouchpointDone(t.id),
            format!(" {} · {} ({}) ", t.client, t.title, t.how.label()),
            &[
                ("Done on", &today, "YYYY-MM-DD"),
                ("Note", "", &format!("what you did (empty: {})", t.title)),
            ],
        );
        // The day is filled in: what is typed at once is the note.
        form.focus_on(1);
        self.open_form(form);
    }

    pub(super) fn save_touchpoint_done(&mut self, form: Box<Form>, id: i64) {
        let on = match parse_for(&form.value(0), self.today, DateUse::Touch) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        let mut note = crate::domain::text::one_line(&form.value(1));
        if note.is_empty() {
            note = store::journey::get(&self.conn, id)
                .ok()
                .flatten()
                .map(|t| t.title)
                .unwrap_or_default();
        }
        self.record(format!("{} done", self.touchpoint_named(id)));
        match store::journey::done(&self.conn, id, on, &note, &self.now()) {
            Ok(t) => {
                self.refresh_contact(t.client_id);
                self.refresh_measures();
                self.info(format!(
                    "{}: {} done, logged as {}.",
                    t.client,
                    t.title,
                    t.how.touch().a()
                ));
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    /// `x` on a touchpoint: skipped for this client. Returns whether the
    /// cursor was on one.
    pub(super) fn skip_touchpoint(&mut self) -> bool {
        let Some(id) = self.selected_touchpoint().map(|t| t.id) else {
            return false;
        };
        self.record(format!("{} skipped", self.touchpoint_named(id)));
        match store::journey::skip(&self.conn, id, self.today) {
            Ok(t) => {
                self.refresh_contact(t.client_id);
                self.refresh_measures();
                self.info(format!(
                    "{}: {} skipped (it stays on their card).",
                    t.client, t.title
                ));
            }
            Err(WriteError::Refused(why)) => self.error("Not skipped", why),
            Err(e) => self.error("Could not save", e),
        }
        true
    }

    /// `w` on a touchpoint or an ask: when it falls (a milestone is dated
    /// this way). Returns whether the cursor was on one.
    pub(super) fn open_when(&mut self) -> bool {
        if let Some(t) = self.selected_touchpoint() {
            let due = t
                .due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let form = Form::new(
                FormKind::TouchpointMove(t.id),
                format!(" {} · {} ", t.client, t.title),
                &[("Due", &due, "YYYY-MM-DD")],
            );
            self.open_form(form);
            return true;
        }
        if self.selected_ask().is_some() {
            self.open_plan_ask();
            return true;
        }
        false
    }

    pub(super) fn save_touchpoint_move(&mut self, form: Box<Form>, id: i64) {
        let due = match parse_for(&form.value(0), self.today, DateUse::Planned) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        self.record(format!("{} moved", self.touchpoint_named(id)));
        match store::journey::move_to(&self.conn, id, due) {
            Ok(t) => {
                self.refresh_measures();
                self.refresh_card(t.client_id);
                self.info(format!(
                    "{}: {} {}.",
                    t.client,
                    t.title,
                    day(due, self.today)
                ));
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    /// `S`: a problem was solved for the client; their ask moves to today.
    pub(super) fn problem_solved(&mut self) {
        let Some((client, _)) = self.ask_client() else {
            return;
        };
        self.record(format!("a problem solved for {}", self.name_of(client)));
        match store::ask::solved(&self.conn, client, self.today, &self.now()) {
            Ok(name) => {
                self.refresh_measures();
                self.refresh_card(client);
                self.info(format!(
                    "{name}: ask for referrals today, while it is fresh (Today, y copies the ask)."
                ));
            }
            Err(WriteError::Refused(why)) => self.error("Not planned", why),
            Err(e) => self.error("Could not save", e),
        }
    }

    /// `A`: plan (or move) the client's ask to a date.
    pub(super) fn open_plan_ask(&mut self) {
        let Some((client, name)) = self.ask_client() else {
            return;
        };
        let planned = store::ask::planned_for(&self.conn, client).ok().flatten();
        let due = planned
            .map(|a| a.due)
            .unwrap_or_else(|| {
                journey::after(
                    self.today,
                    store::journey::ask_days(&self.conn).unwrap_or(30),
                )
            })
            .format("%Y-%m-%d")
            .to_string();
        self.open_form(Form::new(
            FormKind::AskPlan(client),
            format!(" When to ask {name} for referrals "),
            &[("Ask on", &due, "YYYY-MM-DD")],
        ));
    }

    pub(super) fn save_ask_plan(&mut self, form: Box<Form>, client: i64) {
        let due = match parse_for(&form.value(0), self.today, DateUse::Ask) {
            Ok(d) => d,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        self.record(format!("the ask of {} planned", self.name_of(client)));
        match store::ask::plan(&self.conn, client, due, &self.now()) {
            Ok(name) => {
                self.refresh_measures();
                self.refresh_card(client);
                self.info(format!(
                    "{name}: the ask is planned {}.",
                    day(due, self.today)
                ));
            }
            Err(WriteError::Refused(why)) => self.refuse_form(form, 0, why),
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }

    /// `J`: the journey template, one step a line, to edit.
    pub(super) fn open_journey(&mut self) {
        let steps = match store::journey::template(&self.conn) {
            Ok(s) => s,
            Err(e) => return self.error("Could not read the journey", e),
        };
        let text = journey::to_text(&steps);
        let mut form = Form::new(
            FormKind::Journey,
            " The journey every new client gets · one step a line: when, how, what ",
            &[("Steps", &text, "day 0 card Welcome card")],
        )
        .with_lines(0);
        form.fields[0].note = Some(
            "Alt-Enter or Ctrl-J starts a new step. When: day 0, 3 days, 2 weeks, 1 month, \
             1 year, milestone (dated by hand). How: card, call, gift, visit, email."
                .into(),
        );
        self.open_form(form);
    }

    pub(super) fn save_journey(&mut self, form: Box<Form>) {
        let steps = match journey::from_text(&form.value(0)) {
            Ok(s) => s,
            Err(why) => return self.refuse_form(form, 0, why),
        };
        self.record("the journey template changed");
        match store::journey::set_template(&self.conn, &steps, self.today) {
            Ok(()) => {
                self.refresh_measures();
                self.info(format!(
                    "The journey has {} steps; each new client gets them.",
                    steps.len()
                ));
            }
            Err(e) => self.refuse_form(form, 0, format!("Could not save: {e}")),
        }
    }
}
