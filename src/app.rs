//! Application state and `update`, the one place state changes.

mod card;
mod categories;
mod contact_form;
mod contacts;
mod delete;
mod editor;
mod events;
mod finder;
mod forms;
mod guests;
mod import;
mod journey;
mod navigate;
mod notes;
mod program;
mod referrals;
mod scripts;
mod search;
mod sorting;
mod suggest;
mod sync;
mod thanks;
mod today;
mod typing;
mod undo;

pub use card::{Card, HistoryItem, KindPick};
pub use categories::CategoriesPane;
pub use contacts::{ContactsPane, Shows};
pub use delete::Pending;
pub use editor::{Editor, IDLE, MAX_UNSAVED};
pub use events::{EventsPane, EventsRow, Opened};
pub use finder::Finder;
pub use import::{Importing, Stage as ImportStage, expand};
pub use journey::{OutcomePick, names_typed};
use navigate::step;
pub use program::{ProgramFocus, ProgramPane};
pub use referrals::{LEDGER_SHOWN, ReferralRow, ReferralsPane, StatusPick};
pub use scripts::{Scripts, Versions, fix_for};
pub use search::{Hit, MAX_QUERY, SEARCH_RESULTS, Search, SearchPurpose};
pub use suggest::{Suggest, Suggestion};
pub use thanks::{HowPick, Owed};
pub use today::{BEHIND_DAYS, DUE_SHOWN, TodayPane, TodayRow};

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use crate::action::Action;
use crate::domain::{Checklist, Direction, Position, Program};
use crate::form::Form;
use crate::keymap::Context;
pub use crate::pane::Pane;
use crate::store;

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
    /// Pick the kind of a touch, one key each.
    TouchKind(Box<KindPick>),
    /// Pick how a thank-you was given, one key each.
    ThanksHow(Box<HowPick>),
    /// Pick where a referral stands, one key each.
    Status(Box<StatusPick>),
    Versions(Box<Versions>),
    /// Import people from a file or folder.
    Import(Box<Importing>),
    /// What a client said when asked, one key each.
    Outcome(Box<OutcomePick>),
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

pub struct App {
    pub today: NaiveDate,
    pub program: Program,
    /// Where the database lives, for the help screen.
    pub db_label: String,
    conn: Connection,
    /// The index `/` searches, kept up to date.
    finder: Finder,
    pub start: NaiveDate,
    pub checklist: Checklist,
    pub notes: BTreeMap<u8, String>,
    pub pane: Pane,
    pub today_pane: TodayPane,
    pub program_pane: ProgramPane,
    pub categories: CategoriesPane,
    pub contacts: ContactsPane,
    pub referrals: ReferralsPane,
    pub events: EventsPane,
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
    /// What work done on other threads has to say (a backup not made).
    notices: Option<std::sync::mpsc::Receiver<String>>,
    /// The time of day, injected so tests can pin it.
    clock: fn() -> NaiveTime,
    /// The moment a key arrives, for autosave timing; injected for tests.
    instant: fn() -> Instant,
    /// SQLite's count of commits by other connections, when last looked at.
    data_version: i64,
    /// Whose changes `u` takes back: this window's.
    origin: String,
    /// A change is being recorded for undo until the key's update ends.
    recording: bool,
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
        // The categories with their counts, read once: the measured tasks
        // count from them too.
        let (categories, elsewhere) = store::category::counted(&conn)?;
        let checklist = Checklist {
            done: store::program::done_tasks(&conn)?,
            skipped: store::program::skipped_tasks(&conn)?,
            metrics: store::metrics::from_categories(&conn, &categories, today)?,
        };
        let notes = store::program::notes(&conn)?;
        let today_pane = TodayPane::load(&conn, today)?;
        let day = Position::of(start, today).day();
        let data_version = store::data_version(&conn)?;
        Ok(App {
            today,
            program,
            db_label,
            conn,
            finder: Finder::default(),
            start,
            checklist,
            notes,
            pane: Pane::Today,
            today_pane,
            program_pane: ProgramPane {
                day,
                task: 0,
                focus: ProgramFocus::Days,
            },
            categories: CategoriesPane {
                list: categories,
                cursor: 0,
                elsewhere,
            },
            contacts: ContactsPane::default(),
            referrals: ReferralsPane::default(),
            events: EventsPane::default(),
            scripts: Scripts::default(),
            clipboard: None,
            popup: None,
            message: None,
            running: true,
            screen: None,
            quit_unsaved: false,
            notices: None,
            clock: || Local::now().time(),
            instant: Instant::now,
            data_version,
            origin: undo::new_origin(),
            recording: false,
            last_look: None,
        })
    }

    /// Use `clock` for the time of day instead of the system clock.
    /// Say on screen what arrives from `notices` (work on other threads).
    pub fn with_notices(mut self, notices: std::sync::mpsc::Receiver<String>) -> Self {
        self.notices = Some(notices);
        self
    }

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
            Some(Popup::Search(s)) if s.purpose != SearchPurpose::Jump => Context::PickPeople,
            Some(Popup::Search(_)) => Context::Search,
            Some(Popup::Suggest(_)) => Context::Suggest,
            Some(Popup::Versions(_)) => Context::Versions,
            Some(Popup::TouchKind(_)) => Context::TouchKind,
            Some(Popup::ThanksHow(_)) => Context::ThanksHow,
            Some(Popup::Status(_)) => Context::Status,
            Some(Popup::Import(_)) => Context::Import,
            Some(Popup::Outcome(_)) => Context::Outcome,
            None => match (self.pane, self.program_pane.focus) {
                (Pane::Today, _) => self.today_context(),
                (Pane::Categories, _) => Context::Categories,
                (Pane::Contacts, _) if self.contacts.card.is_some() => self.card_context(),
                (Pane::Contacts, _) => Context::Contacts,
                (Pane::Scripts, _) if self.scripts.editing => Context::ScriptEditor,
                (Pane::Scripts, _) => Context::Scripts,
                (Pane::Referrals, _) => self.referrals_context(),
                (Pane::Events, _) => self.events_context(),
                (Pane::Program, ProgramFocus::Days) => Context::ProgramDays,
                (Pane::Program, ProgramFocus::Tasks) if self.on_note() => Context::ProgramNote,
                (Pane::Program, ProgramFocus::Tasks) if self.selected_task().is_some() => {
                    Context::ProgramTask
                }
                (Pane::Program, ProgramFocus::Tasks) => Context::ProgramTasks,
            },
        }
    }

    /// Where the keys go on Today: the kind of row under the cursor.
    fn today_context(&self) -> Context {
        match self.today_rows().get(self.today_pane.cursor) {
            Some(TodayRow::Task(_)) => Context::TodayTask,
            Some(TodayRow::ThankYou(_)) => Context::TodayThanks,
            Some(TodayRow::Ask(_)) => Context::TodayAsk,
            Some(TodayRow::Touchpoint(_)) => Context::TodayTouchpoint,
            Some(TodayRow::FollowUp(_)) => Context::TodayFollowUp,
            Some(TodayRow::Note) => Context::TodayNote,
            None => Context::Today,
        }
    }

    /// Where the keys go on a card: a touch, something planned, or else.
    fn card_context(&self) -> Context {
        let item = self
            .contacts
            .card
            .as_ref()
            .and_then(|c| c.items.get(c.cursor));
        match item {
            Some(HistoryItem::Touch(_)) => Context::CardTouch,
            Some(i @ HistoryItem::Touchpoint(_)) if i.planned() => Context::CardTouchpoint,
            Some(i @ HistoryItem::Ask(_)) if i.planned() => Context::CardAsk,
            _ => Context::Card,
        }
    }

    /// Where the keys go in Referrals: one received, one given, or a past
    /// referrer never thanked.
    fn referrals_context(&self) -> Context {
        match self.referrals.row() {
            Some(ReferralRow::Referral(i)) => match self.referrals.list.get(i).map(|r| r.direction)
            {
                Some(Direction::Received) => Context::ReferralReceived,
                Some(Direction::Given) => Context::ReferralGiven,
                None => Context::Referrals,
            },
            Some(ReferralRow::Unthanked(_)) => Context::ReferralUnthanked,
            None => Context::Referrals,
        }
    }

    /// Where the keys go in Events: an event or a group, in the list or
    /// open (an event to come, or one held).
    fn events_context(&self) -> Context {
        match &self.events.open {
            Some(Opened::Event { event, .. }) if event.on > self.today => Context::EventComing,
            Some(Opened::Event { .. }) => Context::EventHeld,
            Some(Opened::Group { .. }) => Context::GroupOpen,
            None => match self.events.rows().get(self.events.cursor) {
                Some(EventsRow::Upcoming(_) | EventsRow::Past(_)) => Context::EventsEvent,
                Some(EventsRow::Group(_)) => Context::EventsGroup,
                None => Context::Events,
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

    /// Apply one user intent. What it writes is one change, for `u`.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.end_record();
    }

    fn apply(&mut self, action: Action) {
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
            Action::Skip => self.skip_selected(),
            Action::Open => self.open(),
            Action::Back => match self.popup {
                Some(Popup::Help { .. } | Popup::Versions(_)) => self.popup = None,
                _ if self.editing_script() => self.stop_editing(),
                None if self.pane == Pane::Contacts && self.contacts.card.is_some() => {
                    self.close_card();
                }
                None if self.pane == Pane::Events => self.events.open = None,
                _ => self.program_pane.focus = ProgramFocus::Days,
            },
            Action::EditNote => self.open_note(),
            Action::EditStart => self.open_start_form(),
            Action::Save if self.editing_script() => self.save_script(),
            Action::Save => self.save_popup(),
            Action::Cancel => {
                if let Some(Popup::Import(imp)) = self.popup.take() {
                    self.import_escape(imp);
                }
            }
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
            Action::Undo => self.undo(),
            Action::MoveUp | Action::MoveDown => self.move_category(action == Action::MoveUp),
            Action::ShowContacts => {
                self.contacts.shows = Shows::Category;
                self.go_to(Pane::Contacts);
            }
            Action::NextView => {
                self.contacts.shows = self.contacts.shows.next(self.categories.elsewhere > 0);
                self.contacts.cursor = 0;
                self.reload_contacts();
            }
            Action::LogTouch => self.open_touch(),
            Action::MarkClient => self.toggle_client(),
            Action::PutInCategory => self.open_put_in(),
            Action::Import => self.open_import(),
            Action::ReferralIn => self.open_referral_form(Direction::Received),
            Action::ReferralOut => self.open_referral_form(Direction::Given),
            Action::SetStatus => self.open_status_form(),
            Action::ThankSent => self.open_thanks_form(),
            Action::OpenPerson => self.open_referral_contact(true),
            Action::PickKind(kind) => self.picked_kind(kind),
            Action::PickHow(how) => self.picked_how(how),
            Action::PickStatus(status) => self.picked_status(status),
            Action::PickOutcome(outcome) => self.picked_outcome(outcome),
            Action::ProblemSolved => self.problem_solved(),
            Action::PlanAsk => self.open_plan_ask(),
            Action::SetWhen => {
                if !self.open_when() {
                    self.info("w moves a touchpoint or an ask: move to one first.");
                }
            }
            Action::EditJourney => self.open_journey(),
            Action::AddGroup => self.open_group_form(),
            Action::AddPeople => self.open_people_picker(),
            Action::Brought => self.open_brought(),
            Action::LogMeeting => self.log_meeting(),
            Action::EditTouch => self.edit_touch(),
            Action::EditContact => {
                if let Some(c) = self.contacts.card.as_ref().map(|c| c.contact.clone()) {
                    self.open_contact_form(Some(c.id), &c.category, 0);
                }
            }
            Action::StageUp | Action::StageDown => self.step_stage(action == Action::StageUp),
            Action::MarkPartner => self.toggle_mark(),
            Action::SetFollowUp => self.open_follow_up(),
            Action::Search => self.open_search(),
            Action::Suggest => self.open_suggestions(),
            Action::EditProfession => self.open_profession(false),
            Action::Versions => self.open_versions(),
            Action::Copy if matches!(self.pane, Pane::Referrals | Pane::Today) => {
                self.copy_thanks();
            }
            Action::Copy => self.copy_script(),
            Action::PickContact => self.open_search_for(SearchPurpose::Preview),
            Action::EditMe => self.open_me_form(),
            Action::Tick(now) => {
                self.tick(now);
                self.look_for_changes(now);
                self.keep_index_fresh();
                self.import_progress();
                if let Some(notice) = self.notices.as_ref().and_then(|rx| rx.try_recv().ok()) {
                    self.message = Some(Message::Error(notice));
                }
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
}
