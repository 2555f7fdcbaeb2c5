//! Application state and `update`, the one place state changes.

use std::collections::BTreeMap;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};
use rusqlite::Connection;

use crate::action::Action;
use crate::domain::category::{DEFAULT_TARGET, GOAL};
use crate::domain::{
    Category, CategoryDraft, CategoryField, Checklist, Item, Position, Program, Status, TaskRef,
    parse_date,
};
use crate::keymap::Context;
use crate::store;

/// The panes that exist. A pane not built yet is absent, not a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Today,
    Program,
    Categories,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Today, Pane::Program, Pane::Categories];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Program => "Program",
            Pane::Categories => "Categories",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.index() as isize + by).rem_euclid(n);
        Pane::ALL[usize::try_from(i).unwrap_or(0)]
    }
}

/// In the Program pane, the list that has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramFocus {
    Days,
    Tasks,
}

/// What is drawn over the panes and takes the keys.
pub enum Popup {
    Help {
        scroll: u16,
    },
    Note {
        day: u8,
        editor: TextArea<'static>,
    },
    StartDate {
        input: TextArea<'static>,
        error: Option<String>,
    },
    Category(Box<CategoryForm>),
    /// Asks before deleting the category `id`.
    ConfirmDelete {
        id: i64,
        question: String,
    },
}

/// The form that adds or edits a category.
pub struct CategoryForm {
    /// The category being edited; `None` when adding.
    pub id: Option<i64>,
    /// Name, why, target.
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    pub error: Option<(CategoryField, String)>,
}

impl CategoryForm {
    pub const LABELS: [&'static str; 3] = ["Name", "Why", "Target"];

    fn new(id: Option<i64>, values: [String; 3]) -> Self {
        let [name, why, target] = values;
        let mut form = CategoryForm {
            id,
            fields: [single_line(&name), single_line(&why), single_line(&target)],
            focus: 0,
            error: None,
        };
        form.fields[1].set_placeholder_text("why its members already serve your ideal clients");
        form.fields[2].set_placeholder_text(format!("{DEFAULT_TARGET}"));
        form.focus_on(0);
        form
    }

    fn focus_on(&mut self, i: usize) {
        self.focus = i % self.fields.len();
        for (j, field) in self.fields.iter_mut().enumerate() {
            field.set_cursor_style(if j == self.focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
        }
    }

    pub fn field_index(kind: CategoryField) -> usize {
        match kind {
            CategoryField::Name => 0,
            CategoryField::Why => 1,
            CategoryField::Target => 2,
        }
    }

    fn text(&self, i: usize) -> String {
        self.fields[i].lines().join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// How many rows PageUp and PageDown move.
const PAGE: usize = 10;

pub struct App {
    pub today: NaiveDate,
    pub program: Program,
    /// Where the database lives, for the help screen.
    pub db_label: String,
    conn: Connection,
    pub start: NaiveDate,
    pub checklist: Checklist,
    pub notes: BTreeMap<u8, String>,
    pub pane: Pane,
    pub today_cursor: usize,
    pub program_day: u8,
    pub program_task: usize,
    pub program_focus: ProgramFocus,
    pub categories: Vec<Category>,
    pub category_cursor: usize,
    /// The last deleted category, which `u` brings back.
    pub deleted_category: Option<i64>,
    pub popup: Option<Popup>,
    pub message: Option<Message>,
    pub running: bool,
    /// The time of day, injected so tests can pin it.
    clock: fn() -> NaiveTime,
}

impl App {
    /// Load what the panes show from an open database.
    pub fn new(
        conn: Connection,
        program: Program,
        today: NaiveDate,
        db_label: String,
    ) -> rusqlite::Result<Self> {
        let start = store::program::start_date(&conn)?.unwrap_or(today);
        let checklist = Checklist {
            done: store::program::done_tasks(&conn)?,
            metrics: store::metrics::load(&conn)?,
        };
        let notes = store::program::notes(&conn)?;
        let categories = store::category::list(&conn)?;
        let day = Position::of(start, today).day();
        Ok(App {
            today,
            program,
            db_label,
            conn,
            start,
            checklist,
            notes,
            pane: Pane::Today,
            today_cursor: 0,
            program_day: day,
            program_task: 0,
            program_focus: ProgramFocus::Days,
            categories,
            category_cursor: 0,
            deleted_category: None,
            popup: None,
            message: None,
            running: true,
            clock: || Local::now().time(),
        })
    }

    /// Use `clock` for the time of day instead of the system clock.
    pub fn with_clock(mut self, clock: fn() -> NaiveTime) -> Self {
        self.clock = clock;
        self
    }

    /// The moment an edit happens: the (possibly pinned) date at the clock's time.
    fn now(&self) -> NaiveDateTime {
        self.today.and_time((self.clock)())
    }

    pub fn position(&self) -> Position {
        Position::of(self.start, self.today)
    }

    /// Today's checklist, as the Today pane lists it.
    pub fn today_items(&self) -> Vec<Item> {
        self.checklist.today(&self.program, self.position())
    }

    pub fn status(&self, r: &TaskRef) -> Option<Status> {
        self.program.task(r).map(|t| self.checklist.status(r, t))
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match &self.popup {
            Some(Popup::Help { .. }) => Context::Help,
            Some(Popup::Note { .. } | Popup::StartDate { .. }) => Context::TextField,
            Some(Popup::Category(_)) => Context::Form,
            Some(Popup::ConfirmDelete { .. }) => Context::Confirm,
            None => match (self.pane, self.program_focus) {
                (Pane::Today, _) => Context::Today,
                (Pane::Categories, _) => Context::Categories,
                (Pane::Program, ProgramFocus::Days) => Context::ProgramDays,
                (Pane::Program, ProgramFocus::Tasks) => Context::ProgramTasks,
            },
        }
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Apply one user intent.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Input(_)) {
            self.message = None;
        }
        match action {
            Action::Quit => {
                if matches!(self.popup, Some(Popup::Note { .. })) {
                    self.save_popup();
                }
                self.running = false;
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::NextPane => self.pane = self.pane.step(1),
            Action::PrevPane => self.pane = self.pane.step(-1),
            Action::GoTo(pane) => self.pane = pane,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Toggle => self.toggle_selected(),
            Action::Open => {
                if self.pane == Pane::Program {
                    self.program_focus = ProgramFocus::Tasks;
                    self.program_task = 0;
                }
            }
            Action::Back => match self.popup {
                Some(Popup::Help { .. }) => self.popup = None,
                _ => self.program_focus = ProgramFocus::Days,
            },
            Action::EditNote => self.open_note(),
            Action::EditStart => {
                let mut input = single_line(&self.start.format("%Y-%m-%d").to_string());
                input.set_placeholder_text("YYYY-MM-DD");
                self.popup = Some(Popup::StartDate { input, error: None });
            }
            Action::Save => self.save_popup(),
            Action::Cancel => self.popup = None,
            Action::Input(key) => self.input(key),
            Action::Add => {
                self.popup = Some(Popup::Category(Box::new(CategoryForm::new(
                    None,
                    Default::default(),
                ))))
            }
            Action::Edit => {
                if let Some(c) = self.categories.get(self.category_cursor) {
                    self.popup = Some(Popup::Category(Box::new(CategoryForm::new(
                        Some(c.id),
                        [c.name.clone(), c.why.clone(), c.target.to_string()],
                    ))));
                }
            }
            Action::Delete => {
                if let Some(c) = self.categories.get(self.category_cursor) {
                    let contacts = match c.contacts {
                        0 => "It holds no contacts.".to_owned(),
                        1 => "Its 1 contact goes with it.".to_owned(),
                        n => format!("Its {n} contacts go with it."),
                    };
                    self.popup = Some(Popup::ConfirmDelete {
                        id: c.id,
                        question: format!(
                            "Delete the category {:?}? {contacts} You can undo with u.",
                            c.name
                        ),
                    });
                }
            }
            Action::Confirm => {
                if let Some(Popup::ConfirmDelete { id, .. }) = self.popup.take() {
                    self.delete_category(id);
                }
            }
            Action::Undo => self.undo_delete(),
            Action::MoveUp | Action::MoveDown => self.move_category(action == Action::MoveUp),
            Action::NextField | Action::PrevField => {
                if let Some(Popup::Category(form)) = &mut self.popup {
                    let by = if action == Action::NextField {
                        1
                    } else {
                        form.fields.len() - 1
                    };
                    form.focus_on(form.focus + by);
                }
            }
        }
    }

    /// Read the categories and the counts that depend on them again, after
    /// a write.
    fn reload_categories(&mut self) {
        let loaded = store::category::list(&self.conn)
            .and_then(|c| Ok((c, store::metrics::load(&self.conn)?)));
        match loaded {
            Ok((categories, metrics)) => {
                self.categories = categories;
                self.checklist.metrics = metrics;
                self.category_cursor = self
                    .category_cursor
                    .min(self.categories.len().saturating_sub(1));
            }
            Err(e) => {
                self.message = Some(Message::Error(format!(
                    "Could not read the categories: {e}"
                )))
            }
        }
    }

    fn select_category(&mut self, id: i64) {
        if let Some(i) = self.categories.iter().position(|c| c.id == id) {
            self.category_cursor = i;
        }
    }

    fn save_category(&mut self, mut form: Box<CategoryForm>) {
        let draft = CategoryDraft::parse(&form.text(0), &form.text(1), &form.text(2));
        let result = match &draft {
            Err((field, why)) => Err((*field, why.clone())),
            Ok(draft) => {
                let now = self.now();
                let written = match form.id {
                    Some(id) => store::category::update(&self.conn, id, draft).map(|()| id),
                    None => store::category::add(&self.conn, draft, &now),
                };
                written.map_err(|e| (CategoryField::Name, e.to_string()))
            }
        };
        match result {
            Ok(id) => {
                self.reload_categories();
                self.select_category(id);
                let name = draft.map(|d| d.name).unwrap_or_default();
                self.message = Some(Message::Info(match form.id {
                    Some(_) => format!("Saved {name:?}."),
                    None => format!(
                        "Added {name:?}: {} of {GOAL} categories.",
                        self.categories.len()
                    ),
                }));
            }
            Err((field, why)) => {
                form.focus_on(CategoryForm::field_index(field));
                form.error = Some((field, why));
                self.popup = Some(Popup::Category(form));
            }
        }
    }

    fn delete_category(&mut self, id: i64) {
        let name = self
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone());
        match store::category::delete(&self.conn, id, &self.now()) {
            Ok(()) => {
                self.deleted_category = Some(id);
                self.reload_categories();
                self.message = Some(Message::Info(format!(
                    "Deleted {:?}. Press u to undo.",
                    name.unwrap_or_default()
                )));
            }
            Err(e) => self.message = Some(Message::Error(format!("Could not delete: {e}"))),
        }
    }

    fn undo_delete(&mut self) {
        let Some(id) = self.deleted_category.take() else {
            self.message = Some(Message::Info("Nothing to undo.".into()));
            return;
        };
        match store::category::restore(&self.conn, id) {
            Ok(()) => {
                self.reload_categories();
                self.select_category(id);
                self.message = Some(Message::Info("Restored.".into()));
            }
            Err(e) => self.message = Some(Message::Error(format!("Could not undo: {e}"))),
        }
    }

    fn move_category(&mut self, up: bool) {
        let Some(id) = self.categories.get(self.category_cursor).map(|c| c.id) else {
            return;
        };
        match store::category::move_by(&self.conn, id, up) {
            Ok(true) => {
                self.reload_categories();
                self.select_category(id);
            }
            Ok(false) => {}
            Err(e) => self.message = Some(Message::Error(format!("Could not move: {e}"))),
        }
    }

    fn move_by(&mut self, by: isize) {
        if let Some(Popup::Help { scroll }) = &mut self.popup {
            *scroll = step(usize::from(*scroll), by, usize::from(u16::MAX))
                .try_into()
                .unwrap_or(0);
            return;
        }
        match (self.pane, self.program_focus) {
            (Pane::Today, _) => {
                let len = self.today_items().len();
                self.today_cursor = step(self.today_cursor, by, len.saturating_sub(1));
            }
            (Pane::Categories, _) => {
                let len = self.categories.len();
                self.category_cursor = step(self.category_cursor, by, len.saturating_sub(1));
            }
            (Pane::Program, ProgramFocus::Days) => {
                let d = step(usize::from(self.program_day) - 1, by, 24);
                self.program_day = u8::try_from(d + 1).unwrap_or(1);
            }
            (Pane::Program, ProgramFocus::Tasks) => {
                let len = self
                    .program
                    .day(self.program_day)
                    .map_or(0, |d| d.tasks.len());
                self.program_task = step(self.program_task, by, len.saturating_sub(1));
            }
        }
    }

    /// The task under the cursor in the pane that has the focus.
    pub fn selected_task(&self) -> Option<TaskRef> {
        match (self.pane, self.program_focus) {
            (Pane::Today, _) => self
                .today_items()
                .into_iter()
                .nth(self.today_cursor)
                .map(|i| i.task),
            (Pane::Program, ProgramFocus::Tasks) => {
                let day = self.program.day(self.program_day)?;
                day.tasks.get(self.program_task).map(|t| TaskRef {
                    day: self.program_day,
                    key: t.key.clone(),
                })
            }
            (Pane::Program, ProgramFocus::Days) | (Pane::Categories, _) => None,
        }
    }

    fn toggle_selected(&mut self) {
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
                self.message = Some(Message::Info(format!(
                    "This task is measured from your data ({value}/{target} {unit}); it ticks itself."
                )));
            }
            Some(Status::Done(_)) => self.set_done(&task, None),
            Some(Status::Open) => {
                self.set_done(&task, Some(self.now()));
            }
            None => {}
        }
    }

    /// Write first; change what the screen shows only once it is committed.
    fn set_done(&mut self, task: &TaskRef, at: Option<NaiveDateTime>) {
        if let Err(e) = store::program::set_done(&self.conn, task, at) {
            self.message = Some(Message::Error(format!("Could not save: {e}")));
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
        let len = self.today_items().len();
        self.today_cursor = self.today_cursor.min(len.saturating_sub(1));
    }

    fn open_note(&mut self) {
        let day = match self.pane {
            Pane::Program => self.program_day,
            _ => self.position().day(),
        };
        let text = self.notes.get(&day).cloned().unwrap_or_default();
        let mut editor = TextArea::new(text.lines().map(str::to_owned).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_placeholder_text("A note for this day");
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.popup = Some(Popup::Note { day, editor });
    }

    fn input(&mut self, key: KeyEvent) {
        match &mut self.popup {
            Some(Popup::Note { editor, .. }) => {
                // Alt-Enter or Ctrl-J starts a new line; Enter alone saves.
                let newline = (key.code == KeyCode::Enter
                    && key.modifiers.contains(KeyModifiers::ALT))
                    || (key.code == KeyCode::Char('j') && key.modifiers == KeyModifiers::CONTROL);
                if newline {
                    editor.insert_newline();
                } else {
                    editor.input(key);
                }
            }
            Some(Popup::StartDate { input, error }) => {
                *error = None;
                if !matches!(key.code, KeyCode::Enter) {
                    input.input(key);
                }
            }
            Some(Popup::Category(form)) => {
                form.error = None;
                let focus = form.focus;
                form.fields[focus].input(key);
            }
            _ => {}
        }
    }

    fn save_popup(&mut self) {
        match self.popup.take() {
            Some(Popup::Note { day, editor }) => {
                let text = clean_text(&editor.lines().join("\n"));
                match store::program::set_note(&self.conn, day, &text, &self.now()) {
                    Ok(()) => {
                        if text.trim().is_empty() {
                            self.notes.remove(&day);
                        } else {
                            self.notes.insert(day, text);
                        }
                        self.message = Some(Message::Info(format!("Note for day {day} saved.")));
                    }
                    Err(e) => {
                        self.message =
                            Some(Message::Error(format!("Could not save the note: {e}")));
                        self.popup = Some(Popup::Note { day, editor });
                    }
                }
            }
            Some(Popup::StartDate { input, .. }) => {
                let typed = input.lines().join("");
                match parse_date(&typed) {
                    Ok(date) => match store::program::set_start_date(&self.conn, date) {
                        Ok(()) => {
                            self.start = date;
                            self.today_cursor = 0;
                            self.message = Some(Message::Info(format!(
                                "The program now starts on {}.",
                                date.format("%a %-d %b %Y")
                            )));
                        }
                        Err(e) => {
                            self.popup = Some(Popup::StartDate {
                                input,
                                error: Some(format!("Could not save: {e}")),
                            });
                        }
                    },
                    Err(error) => {
                        self.popup = Some(Popup::StartDate {
                            input,
                            error: Some(error),
                        });
                    }
                }
            }
            Some(Popup::Category(form)) => self.save_category(form),
            other => self.popup = other,
        }
    }
}

/// Move `from` by `by`, kept within `0..=max`.
fn step(from: usize, by: isize, max: usize) -> usize {
    from.saturating_add_signed(by).min(max)
}

fn single_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_owned()]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input
}

/// Drop control characters from typed or pasted text, keeping newlines
/// and tabs.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}
