//! The Today pane: today's tasks, the follow-ups due, and what is behind.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{App, step};
use crate::domain::checklist::{Hidden, recent_behind};
use crate::domain::{Ask, Contact, Item, ThankYou, Touchpoint};
use crate::pane::Pane;
use crate::store;

/// The Today pane's own state.
#[derive(Debug, Default)]
pub struct TodayPane {
    pub cursor: usize,
    /// Contacts whose follow-up is due today or overdue, the most overdue
    /// first, at most `DUE_SHOWN` of them.
    pub due: Vec<Contact>,
    /// How many follow-ups are due in all.
    pub due_total: u32,
    /// Thank-yous (and news) owed to referrers, the most overdue first, at
    /// most `DUE_SHOWN` of them.
    pub thanks: Vec<ThankYou>,
    /// How many are owed in all.
    pub thanks_total: u32,
    /// Referral asks due, the most overdue first, at most `DUE_SHOWN`.
    pub asks: Vec<Ask>,
    pub asks_total: u32,
    /// The journey's touchpoints due, the most overdue first, at most
    /// `DUE_SHOWN`.
    pub touchpoints: Vec<Touchpoint>,
    pub touchpoints_total: u32,
    /// The ask under the cursor, and the ask script filled in for its
    /// client, shown under it: read when the cursor lands on it.
    pub ask_script: Option<(i64, String)>,
}

/// One line of the Today pane's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayRow {
    Task(Item),
    /// A thank-you owed (by index into `TodayPane::thanks`).
    ThankYou(usize),
    /// A referral ask due (by index into `TodayPane::asks`).
    Ask(usize),
    /// A touchpoint due (by index into `TodayPane::touchpoints`).
    Touchpoint(usize),
    /// A contact whose follow-up is due (by index into `TodayPane::due`).
    FollowUp(usize),
    /// The day's note, last, so that the cursor can reach it.
    Note,
}

/// How many days of tasks behind the Today pane lists, the most recent.
pub const BEHIND_DAYS: usize = 3;

/// How many follow-ups due the Today pane lists.
pub const DUE_SHOWN: u32 = 100;

impl TodayPane {
    /// What the pane lists besides the tasks, read from the database.
    pub(super) fn load(conn: &Connection, today: NaiveDate) -> rusqlite::Result<TodayPane> {
        Ok(TodayPane {
            cursor: 0,
            due: store::contact::due(conn, today, DUE_SHOWN)?,
            due_total: store::contact::due_count(conn, today)?,
            thanks: store::thanks::owed(conn, DUE_SHOWN)?,
            thanks_total: store::thanks::owed_count(conn)?,
            asks: store::ask::due(conn, today, DUE_SHOWN)?,
            asks_total: store::ask::due_count(conn, today)?,
            touchpoints: store::journey::due(conn, today, DUE_SHOWN)?,
            touchpoints_total: store::journey::due_count(conn, today)?,
            ask_script: None,
        })
    }
}

impl App {
    /// Today's checklist, as the Today pane lists it.
    pub fn today_items(&self) -> Vec<Item> {
        self.checklist.today(&self.program, self.position())
    }

    /// The Today pane's list: today's tasks, the thank-yous owed, the asks
    /// and touchpoints due, the follow-ups due, the unfinished tasks of
    /// earlier days, and the note.
    pub fn today_rows(&self) -> Vec<TodayRow> {
        let (shown, _) = recent_behind(self.today_items(), BEHIND_DAYS);
        let (behind, today): (Vec<Item>, Vec<Item>) = shown.into_iter().partition(|i| i.behind);
        today
            .into_iter()
            .map(TodayRow::Task)
            .chain((0..self.today_pane.thanks.len()).map(TodayRow::ThankYou))
            .chain((0..self.today_pane.asks.len()).map(TodayRow::Ask))
            .chain((0..self.today_pane.touchpoints.len()).map(TodayRow::Touchpoint))
            .chain((0..self.today_pane.due.len()).map(TodayRow::FollowUp))
            .chain(behind.into_iter().map(TodayRow::Task))
            .chain([TodayRow::Note])
            .collect()
    }

    /// The tasks behind that Today leaves out: those of days before the
    /// `BEHIND_DAYS` most recent days with any.
    pub fn behind_hidden(&self) -> Hidden {
        recent_behind(self.today_items(), BEHIND_DAYS).1
    }

    /// The follow-up under the cursor on the Today pane.
    pub fn selected_follow_up(&self) -> Option<&Contact> {
        if self.pane != Pane::Today {
            return None;
        }
        match self.today_rows().get(self.today_pane.cursor) {
            Some(TodayRow::FollowUp(i)) => self.today_pane.due.get(*i),
            _ => None,
        }
    }

    /// The thank-you under the cursor on the Today pane.
    pub fn selected_thank_you(&self) -> Option<&ThankYou> {
        if self.pane != Pane::Today {
            return None;
        }
        match self.today_rows().get(self.today_pane.cursor) {
            Some(TodayRow::ThankYou(i)) => self.today_pane.thanks.get(*i),
            _ => None,
        }
    }

    /// Whether the cursor is on the day's note, on Today or on Program.
    pub fn on_note(&self) -> bool {
        match self.pane {
            Pane::Today => self.today_rows().get(self.today_pane.cursor) == Some(&TodayRow::Note),
            Pane::Program => {
                self.program_pane.focus == super::ProgramFocus::Tasks
                    && self
                        .program
                        .day(self.program_pane.day)
                        .is_some_and(|d| self.program_pane.task == d.tasks.len())
            }
            _ => false,
        }
    }

    pub(super) fn today_move(&mut self, by: isize) {
        let len = self.today_rows().len();
        self.today_pane.cursor = step(self.today_pane.cursor, by, len.saturating_sub(1));
        self.read_ask_script();
    }

    /// On an ask, read the ask script filled in for its client, to show
    /// under it; elsewhere, forget it.
    pub(super) fn read_ask_script(&mut self) {
        let Some(ask) = self.selected_ask().map(|a| (a.id, a.client_id, a.reason)) else {
            self.today_pane.ask_script = None;
            return;
        };
        if self
            .today_pane
            .ask_script
            .as_ref()
            .is_some_and(|(id, _)| *id == ask.0)
        {
            return;
        }
        let pick = crate::domain::script::Pick::For(super::thanks::ask_purpose(ask.2));
        let text = match self.fill_script(pick, ask.1, None) {
            Ok(Some((_, _, filled))) => filled.text(),
            Ok(None) => "No referral-ask script yet: add one in Scripts (5).".to_owned(),
            Err(_) => String::new(),
        };
        self.today_pane.ask_script = Some((ask.0, text));
    }
}
