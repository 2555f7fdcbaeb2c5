//! Application state and `update`, the one place state changes.

mod notes;
mod people;
mod scripts;
mod suggest;
mod sync;
mod typing;

pub use scripts::{Editor, IDLE, MAX_UNSAVED, Scripts, Versions, fix_for};

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use crate::action::Action;
use crate::domain::dates::parse_for;
use crate::domain::search::Index;
use crate::domain::{
    Category, Checklist, Contact, ContactRow, DateUse, Item, Position, Program, Stage, Status,
    TaskRef,
};
use crate::form::{Form, FormKind};
use crate::keymap::Context;
use crate::store;

/// The panes that exist. A pane not built yet is absent, not a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Today,
    Program,
    Categories,
    Contacts,
    Scripts,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Today,
        Pane::Program,
        Pane::Categories,
        Pane::Contacts,
        Pane::Scripts,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Program => "Program",
            Pane::Categories => "Categories",
            Pane::Contacts => "Contacts",
            Pane::Scripts => "Scripts",
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

/// A write that waits for a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    DeleteCategory(i64),
    DeleteContact(i64),
    /// Mark a contact as one of "my 25" when 25 are marked already.
    MarkBeyond25(i64),
    DeleteScript(i64),
}

/// What the last delete removed, for `u`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Category(i64),
    Contact(i64),
    Script(i64),
}

/// What picking a search result does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    /// Go to the contact in the Contacts pane.
    Jump,
    /// Fill in the script preview for the contact.
    Preview,
}

/// The fuzzy search over all contacts.
pub struct Search {
    pub purpose: SearchPurpose,
    pub input: TextArea<'static>,
    /// Every live contact: id and searchable text.
    pub index: Index,
    /// Matching ids, best first, with their text.
    pub results: Vec<(i64, String)>,
    pub cursor: usize,
}

/// One suggested category in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    pub picked: bool,
    /// Already on the most-wanted list: shown, not pickable.
    pub on_list: bool,
}

/// Suggested categories for the user's profession, to pick several at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggest {
    pub profession: String,
    pub items: Vec<Suggestion>,
    pub cursor: usize,
}

/// What is drawn over the panes and takes the keys.
pub enum Popup {
    Help {
        scroll: u16,
    },
    Note {
        day: u8,
        editor: Box<TextArea<'static>>,
        /// The note as stored when the editor opened.
        shown: String,
    },
    Form(Box<Form>),
    Confirm {
        pending: Pending,
        question: String,
    },
    Search(Box<Search>),
    Suggest(Box<Suggest>),
    Versions(Box<Versions>),
}

/// One line of the Today pane's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayRow {
    Task(Item),
    /// A contact whose follow-up is due (by index into `App::due`).
    FollowUp(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// The smallest terminal the panes can be drawn in; below it the screen
/// says so and only quitting works.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// How many rows PageUp and PageDown move.
const PAGE: usize = 10;

/// How many follow-ups due the Today pane lists.
pub const DUE_SHOWN: u32 = 100;

/// How many search results are kept.
pub const SEARCH_RESULTS: usize = 50;

/// The longest search, in bytes.
pub const MAX_QUERY: usize = 200;

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
    /// Contacts shown in the Contacts pane: of the selected category, or all.
    pub contacts: Vec<ContactRow>,
    /// The whole of the contact under the cursor.
    pub selected: Option<Contact>,
    pub contact_cursor: usize,
    pub all_contacts: bool,
    /// The stage history of the contact under the cursor.
    pub contact_history: Vec<(Stage, NaiveDate)>,
    /// Contacts whose follow-up is due today or overdue, the most overdue
    /// first, at most `DUE_SHOWN` of them.
    pub due: Vec<Contact>,
    /// How many follow-ups are due in all.
    pub due_total: u32,
    pub deleted: Option<Deleted>,
    /// Contact names for the "Introduced by" field, loaded when a contact
    /// form opens.
    pub names: Index,
    pub scripts: Scripts,
    /// Text to put on the terminal's clipboard, taken by the terminal loop.
    pub clipboard: Option<String>,
    pub popup: Option<Popup>,
    pub message: Option<Message>,
    pub running: bool,
    /// The terminal's size, once known: below the minimum, keys do nothing.
    pub screen: Option<(u16, u16)>,
    /// A quit was refused because the script could not be saved: the
    /// next one goes ahead.
    quit_unsaved: bool,
    /// The time of day, injected so tests can pin it.
    clock: fn() -> NaiveTime,
    /// The moment a key arrives, for autosave timing; injected for tests.
    instant: fn() -> Instant,
    /// SQLite's count of commits by other connections, when last looked at.
    data_version: i64,
    /// When the app last looked for changes made elsewhere.
    last_look: Option<Instant>,
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
        let due = store::contact::due(&conn, today, DUE_SHOWN)?;
        let due_total = store::contact::due_count(&conn, today)?;
        let day = Position::of(start, today).day();
        let data_version = store::data_version(&conn)?;
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
            contacts: Vec::new(),
            selected: None,
            contact_cursor: 0,
            all_contacts: false,
            contact_history: Vec::new(),
            due,
            due_total,
            deleted: None,
            names: Index::new(Vec::new()),
            scripts: Scripts::default(),
            clipboard: None,
            popup: None,
            message: None,
            running: true,
            screen: None,
            quit_unsaved: false,
            clock: || Local::now().time(),
            instant: Instant::now,
            data_version,
            last_look: None,
        })
    }

    /// Use `clock` for the time of day instead of the system clock.
    pub fn with_clock(mut self, clock: fn() -> NaiveTime) -> Self {
        self.clock = clock;
        self
    }

    /// Use `instant` for the moment a key arrives instead of `Instant::now`.
    pub fn with_instant(mut self, instant: fn() -> Instant) -> Self {
        self.instant = instant;
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

    /// The Today pane's list: today's tasks, the follow-ups due, then the
    /// unfinished tasks of earlier days.
    pub fn today_rows(&self) -> Vec<TodayRow> {
        let (behind, today): (Vec<Item>, Vec<Item>) =
            self.today_items().into_iter().partition(|i| i.behind);
        today
            .into_iter()
            .map(TodayRow::Task)
            .chain((0..self.due.len()).map(TodayRow::FollowUp))
            .chain(behind.into_iter().map(TodayRow::Task))
            .collect()
    }

    pub fn status(&self, r: &TaskRef) -> Option<Status> {
        self.program.task(r).map(|t| self.checklist.status(r, t))
    }

    /// Whether the terminal is too small to draw the panes in.
    pub fn too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        if self.too_small() {
            return Context::TooSmall;
        }
        match &self.popup {
            Some(Popup::Help { .. }) => Context::Help,
            Some(Popup::Note { .. }) => Context::TextField,
            Some(Popup::Form(_)) => Context::Form,
            Some(Popup::Confirm { .. }) => Context::Confirm,
            Some(Popup::Search(s)) if s.purpose == SearchPurpose::Preview => Context::PickContact,
            Some(Popup::Search(_)) => Context::Search,
            Some(Popup::Suggest(_)) => Context::Suggest,
            Some(Popup::Versions(_)) => Context::Versions,
            None => match (self.pane, self.program_focus) {
                (Pane::Today, _) => Context::Today,
                (Pane::Categories, _) => Context::Categories,
                (Pane::Contacts, _) => Context::Contacts,
                (Pane::Scripts, _) if self.scripts.editing => Context::ScriptEditor,
                (Pane::Scripts, _) => Context::Scripts,
                (Pane::Program, ProgramFocus::Days) => Context::ProgramDays,
                (Pane::Program, ProgramFocus::Tasks) => Context::ProgramTasks,
            },
        }
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn error(&mut self, what: &str, e: impl std::fmt::Display) {
        self.message = Some(Message::Error(format!("{what}: {e}")));
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message::Info(text.into()));
    }

    /// Apply one user intent.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Input(_) | Action::Paste(_) | Action::Tick(_)
        ) {
            self.message = None;
        }
        match action {
            Action::Quit => {
                let saved = self.save_typed();
                if saved.is_none() && !self.quit_unsaved {
                    // Stay open once: what was typed is not stored yet.
                    self.quit_unsaved = true;
                    if let Some(Message::Error(e)) = &mut self.message {
                        e.push_str(". Quit again to leave without saving it.");
                    }
                    return;
                }
                self.running = false;
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::NextPane => self.go_to(self.pane.step(1)),
            Action::PrevPane => self.go_to(self.pane.step(-1)),
            Action::GoTo(pane) => self.go_to(pane),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Toggle => self.toggle_selected(),
            Action::Open => self.open(),
            Action::Back => match self.popup {
                Some(Popup::Help { .. } | Popup::Versions(_)) => self.popup = None,
                _ if self.editing_script() => self.stop_editing(),
                _ => self.program_focus = ProgramFocus::Days,
            },
            Action::EditNote => self.open_note(),
            Action::EditStart => {
                let start = self.start.format("%Y-%m-%d").to_string();
                self.open_form(Form::new(
                    FormKind::StartDate,
                    " Program start date ",
                    &[("Day 1 on", &start, "YYYY-MM-DD")],
                ));
            }
            Action::Save if self.editing_script() => self.save_script(),
            Action::Save => self.save_popup(),
            Action::Cancel => self.popup = None,
            Action::Input(key) => self.input(key),
            Action::Paste(text) => self.paste(&text),
            Action::NextField | Action::PrevField => {
                if let Some(Popup::Form(form)) = &mut self.popup {
                    if action == Action::NextField {
                        form.next();
                    } else {
                        form.previous();
                    }
                }
            }
            Action::Confirm => {
                if let Some(Popup::Confirm { pending, .. }) = self.popup.take() {
                    self.confirmed(pending);
                }
            }
            Action::Add => self.add(),
            Action::Edit => self.edit(),
            Action::Delete => self.ask_delete(),
            Action::Undo => self.undo_delete(),
            Action::MoveUp | Action::MoveDown => self.move_category(action == Action::MoveUp),
            Action::ShowContacts => {
                self.all_contacts = false;
                self.go_to(Pane::Contacts);
            }
            Action::ToggleAll => {
                self.all_contacts = !self.all_contacts;
                self.contact_cursor = 0;
                self.reload_contacts();
            }
            Action::LogTouch => self.open_touch(),
            Action::StageUp | Action::StageDown => self.step_stage(action == Action::StageUp),
            Action::MarkPartner => self.toggle_mark(),
            Action::SetFollowUp => self.open_follow_up(),
            Action::Search => self.open_search(),
            Action::Suggest => self.open_suggestions(),
            Action::EditProfession => self.open_profession(false),
            Action::Versions => self.open_versions(),
            Action::Copy => self.copy_script(),
            Action::PickContact => self.open_search_for(SearchPurpose::Preview),
            Action::EditMe => self.open_me_form(),
            Action::Tick(now) => {
                self.tick(now);
                self.look_for_changes(now);
            }
            Action::Resize(w, h) => self.screen = Some((w, h)),
            Action::Shutdown => {
                self.save_typed();
                self.running = false;
            }
        }
    }

    /// Before leaving: store the open note and what the script editor
    /// holds. `None` when the script could not be saved.
    fn save_typed(&mut self) -> Option<bool> {
        if matches!(self.popup, Some(Popup::Note { .. })) {
            self.save_popup();
        }
        self.flush_script(crate::domain::SaveKind::Saved, true)
    }

    fn go_to(&mut self, pane: Pane) {
        if self.pane == Pane::Scripts && pane != Pane::Scripts {
            self.stop_editing();
        }
        self.pane = pane;
        match pane {
            Pane::Contacts => self.reload_contacts(),
            Pane::Scripts => self.enter_scripts(),
            _ => {}
        }
    }

    fn open_form(&mut self, form: Form) {
        self.popup = Some(Popup::Form(Box::new(form)));
    }

    fn move_by(&mut self, by: isize) {
        match &mut self.popup {
            Some(Popup::Help { scroll }) => {
                *scroll = step(usize::from(*scroll), by, usize::from(u16::MAX))
                    .try_into()
                    .unwrap_or(0);
                return;
            }
            Some(Popup::Search(search)) => {
                search.cursor = step(search.cursor, by, search.results.len().saturating_sub(1));
                return;
            }
            Some(Popup::Suggest(s)) => {
                s.cursor = step(s.cursor, by, s.items.len().saturating_sub(1));
                return;
            }
            Some(Popup::Versions(v)) => {
                v.cursor = step(v.cursor, by, v.list.len().saturating_sub(1));
                return;
            }
            _ => {}
        }
        match (self.pane, self.program_focus) {
            (Pane::Today, _) => {
                let len = self.today_rows().len();
                self.today_cursor = step(self.today_cursor, by, len.saturating_sub(1));
            }
            (Pane::Categories, _) => {
                let len = self.categories.len();
                self.category_cursor = step(self.category_cursor, by, len.saturating_sub(1));
            }
            (Pane::Contacts, _) => {
                let len = self.contacts.len();
                self.contact_cursor = step(self.contact_cursor, by, len.saturating_sub(1));
                self.load_selected();
            }
            (Pane::Scripts, _) => {
                let len = self.scripts.list.len();
                self.scripts.cursor = step(self.scripts.cursor, by, len.saturating_sub(1));
                self.load_editor();
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

    fn open(&mut self) {
        match self.pane {
            Pane::Program => {
                self.program_focus = ProgramFocus::Tasks;
                self.program_task = 0;
            }
            Pane::Today => {
                if let Some(c) = self.selected_follow_up().map(|c| c.id) {
                    self.show_contact(c);
                }
            }
            Pane::Scripts => self.start_editing(),
            _ => {}
        }
    }

    /// The task under the cursor in the pane that has the focus.
    pub fn selected_task(&self) -> Option<TaskRef> {
        match (self.pane, self.program_focus) {
            (Pane::Today, _) => match self.today_rows().into_iter().nth(self.today_cursor) {
                Some(TodayRow::Task(item)) => Some(item.task),
                _ => None,
            },
            (Pane::Program, ProgramFocus::Tasks) => {
                let day = self.program.day(self.program_day)?;
                day.tasks.get(self.program_task).map(|t| TaskRef {
                    day: self.program_day,
                    key: t.key.clone(),
                })
            }
            _ => None,
        }
    }

    /// The follow-up under the cursor on the Today pane.
    pub fn selected_follow_up(&self) -> Option<&Contact> {
        if self.pane != Pane::Today {
            return None;
        }
        match self.today_rows().get(self.today_cursor) {
            Some(TodayRow::FollowUp(i)) => self.due.get(*i),
            _ => None,
        }
    }

    fn toggle_selected(&mut self) {
        if let Some(Popup::Suggest(s)) = &mut self.popup {
            if let Some(item) = s.items.get_mut(s.cursor).filter(|i| !i.on_list) {
                item.picked = !item.picked;
            }
            return;
        }
        if self.selected_follow_up().is_some() {
            self.open_touch();
            return;
        }
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

    /// Write first; change what the screen shows only once it is committed.
    fn set_done(&mut self, task: &TaskRef, at: Option<NaiveDateTime>) {
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
        let len = self.today_rows().len();
        self.today_cursor = self.today_cursor.min(len.saturating_sub(1));
    }

    fn save_popup(&mut self) {
        match self.popup.take() {
            Some(Popup::Note { day, editor, shown }) => self.save_note(day, editor, shown),
            Some(Popup::Form(form)) => self.save_form(form),
            Some(Popup::Suggest(s)) => self.add_suggestions(&s),
            Some(Popup::Versions(versions)) => self.restore_version(versions),
            Some(Popup::Search(search)) => {
                if let Some(&(id, _)) = search.results.get(search.cursor) {
                    match search.purpose {
                        SearchPurpose::Jump => self.show_contact(id),
                        SearchPurpose::Preview => self.preview_for(id),
                    }
                } else {
                    self.popup = Some(Popup::Search(search));
                }
            }
            other => self.popup = other,
        }
    }

    fn save_start(&mut self, mut form: Box<Form>) {
        match parse_for(&form.value(0), self.today, DateUse::Start) {
            Ok(date) => match store::program::set_start_date(&self.conn, date) {
                Ok(()) => {
                    self.start = date;
                    self.today_cursor = 0;
                    self.info(format!(
                        "The program now starts on {}.",
                        crate::domain::dates::day(date, self.today)
                    ));
                }
                Err(e) => {
                    form.fail(0, format!("Could not save: {e}"));
                    self.popup = Some(Popup::Form(form));
                }
            },
            Err(why) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
            }
        }
    }
}

/// Move `from` by `by`, kept within `0..=max`.
fn step(from: usize, by: isize, max: usize) -> usize {
    from.saturating_add_signed(by).min(max)
}
