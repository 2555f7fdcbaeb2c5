//! The Program pane: the 25 days, each day's tasks, ticking them, and the
//! start date.

use chrono::NaiveDateTime;

use super::{App, Popup, TodayRow, step};
use crate::domain::dates::parse_for;
use crate::domain::{DateUse, Status, TaskRef};
use crate::form::{Form, FormKind};
use crate::pane::Pane;
use crate::store;

/// The Program pane's own state.
#[derive(Debug)]
pub struct ProgramPane {
    /// The day shown, 1 to 25.
    pub day: u8,
    /// The task under the cursor when the tasks have the focus.
    pub task: usize,
    pub focus: ProgramFocus,
}

/// In the Program pane, the list that has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramFocus {
    Days,
    Tasks,
}

impl App {
    pub fn status(&self, r: &TaskRef) -> Option<Status> {
        self.program.task(r).map(|t| self.checklist.status(r, t))
    }

    /// The task under the cursor in the pane that has the focus.
    pub fn selected_task(&self) -> Option<TaskRef> {
        match (self.pane, self.program_pane.focus) {
            (Pane::Today, _) => match self.today_rows().into_iter().nth(self.today_pane.cursor) {
                Some(TodayRow::Task(item)) => Some(item.task),
                _ => None,
            },
            (Pane::Program, ProgramFocus::Tasks) => {
                let day = self.program.day(self.program_pane.day)?;
                day.tasks.get(self.program_pane.task).map(|t| TaskRef {
                    day: self.program_pane.day,
                    key: t.key.clone(),
                })
            }
            _ => None,
        }
    }

    /// A task as a change names it: its day and its first words.
    fn task_named(&self, task: &TaskRef) -> String {
        format!("day {}: “{}”", task.day, self.task_words(task))
    }

    /// A task's first words.
    fn task_words(&self, task: &TaskRef) -> String {
        let words = self
            .program
            .task(task)
            .map(|t| crate::domain::text::one_line(&t.text))
            .unwrap_or_default();
        let mut what: String = words.chars().take(38).collect();
        if what.len() < words.len() {
            what.push('…');
        }
        what
    }

    /// Write first; change what the screen shows only once it is committed.
    pub(super) fn set_done(&mut self, task: &TaskRef, at: Option<NaiveDateTime>) {
        let what = self.task_named(task);
        self.record(match at {
            Some(_) => format!("{what} ticked"),
            None => format!("{what} unticked"),
        });
        if let Err(e) = store::program::set_done(&self.conn, task, at) {
            self.error("Could not save", e);
            return;
        }
        match at {
            Some(at) => {
                self.checklist.done.insert(task.clone(), at);
            }
            None => {
                self.checklist.done.remove(task);
            }
        }
        self.keep_today_cursor_on_a_task();
    }

    /// A task that leaves Today (ticked when behind, or skipped) leaves
    /// the cursor on a row above the note, the last row.
    fn keep_today_cursor_on_a_task(&mut self) {
        let len = self.today_rows().len();
        self.today_pane.cursor = self.today_pane.cursor.min(len.saturating_sub(2));
    }

    pub(super) fn save_start(&mut self, mut form: Box<Form>) {
        let date = match parse_for(&form.value(0), self.today, DateUse::Start) {
            Ok(date) => date,
            Err(why) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        self.record("the program's start date changed");
        match store::program::set_start_date(&self.conn, date) {
            Ok(()) => {
                self.start = date;
                self.today_pane.cursor = 0;
                self.info(format!(
                    "The program now starts on {}.",
                    crate::domain::dates::day(date, self.today)
                ));
            }
            Err(e) => {
                form.fail(0, format!("Could not save: {e}"));
                self.popup = Some(Popup::Form(form));
            }
        }
    }

    /// Tick or untick the task under the cursor; a measured task says why
    /// it cannot be ticked by hand.
    pub(super) fn toggle_task(&mut self) {
        let Some(task) = self.selected_task() else {
            return;
        };
        match self.status(&task) {
            Some(Status::Measured { value, target }) => {
                let unit = self
                    .program
                    .task(&task)
                    .and_then(|t| t.measure)
                    .map_or("", |m| m.metric.unit());
                self.info(format!(
                    "This task is measured from your data ({value}/{target} {unit}); it ticks itself."
                ));
            }
            Some(Status::Done(_)) => self.set_done(&task, None),
            Some(Status::Open) => self.set_done(&task, Some(self.now())),
            None => {}
        }
    }

    /// Skip the task under the cursor: it leaves Today and counts as
    /// skipped, not done. On one skipped already, bring it back.
    pub(super) fn skip_task(&mut self) {
        let Some(task) = self.selected_task() else {
            return;
        };
        let Some(t) = self.program.task(&task) else {
            return;
        };
        if self.checklist.status(&task, t).is_done() {
            self.info("This task is done; nothing to skip.");
            return;
        }
        let skipping = self.checklist.skipped_at(&task, t).is_none();
        let at = skipping.then(|| self.now());
        let named = self.task_named(&task);
        self.record(if skipping {
            format!("{named} skipped")
        } else {
            format!("{named} brought back")
        });
        if let Err(e) = store::program::set_skipped(&self.conn, &task, at) {
            self.error("Could not save", e);
            return;
        }
        let what = self.task_words(&task);
        match at {
            Some(at) => {
                self.checklist.skipped.insert(task, at);
                self.info(format!("Skipped “{what}”. x on Program brings it back."));
            }
            None => {
                self.checklist.skipped.remove(&task);
                self.info(format!("“{what}” is back on the list."));
            }
        }
        self.keep_today_cursor_on_a_task();
    }

    pub(super) fn open_start_form(&mut self) {
        let start = self.start.format("%Y-%m-%d").to_string();
        self.open_form(Form::new(
            FormKind::StartDate,
            " Program start date ",
            &[("Day 1 on", &start, "YYYY-MM-DD")],
        ));
    }

    pub(super) fn program_move(&mut self, by: isize) {
        match self.program_pane.focus {
            ProgramFocus::Days => {
                let d = step(usize::from(self.program_pane.day) - 1, by, 24);
                self.program_pane.day = u8::try_from(d + 1).unwrap_or(1);
            }
            ProgramFocus::Tasks => {
                let len = self
                    .program
                    .day(self.program_pane.day)
                    .map_or(0, |d| d.tasks.len());
                // One past the last task is the day's note.
                self.program_pane.task = step(self.program_pane.task, by, len);
            }
        }
    }
}
