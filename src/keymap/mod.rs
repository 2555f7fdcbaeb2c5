//! The one table of keys. `resolve` turns a key into an action; the footer
//! and the help screen are generated from the same table, so a key shown is
//! a key that works.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::domain;
use crate::pane::Pane;

/// Where the focus is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere outside text fields and popups.
    Global,
    /// Today, whatever row is selected.
    Today,
    /// Today, on a task.
    TodayTask,
    /// Today, on a thank-you owed.
    TodayThanks,
    /// Today, on a referral ask due.
    TodayAsk,
    /// Today, on a touchpoint of the client journey.
    TodayTouchpoint,
    /// Today, on someone whose follow-up is due.
    TodayFollowUp,
    /// Today, on the day's note.
    TodayNote,
    ProgramDays,
    /// Program, in a day's tasks, whatever row is selected.
    ProgramTasks,
    /// Program, on a task.
    ProgramTask,
    /// Program, on the day's note.
    ProgramNote,
    Categories,
    Contacts,
    /// Referrals, whatever row is selected.
    Referrals,
    /// Referrals, on one received.
    ReferralReceived,
    /// Referrals, on one given.
    ReferralGiven,
    /// Referrals, on a past referrer never thanked.
    ReferralUnthanked,
    /// The events and groups.
    Events,
    /// The events and groups, on an event.
    EventsEvent,
    /// The events and groups, on a group.
    EventsGroup,
    /// An event (or a group) open on its people.
    EventOpen,
    /// An event to come, open on its people.
    EventComing,
    /// An event held (today or before), open on its people.
    EventHeld,
    /// A group, open on its members.
    GroupOpen,
    /// A contact's card: their details and whole history.
    Card,
    /// A contact's card, on a touch.
    CardTouch,
    /// A contact's card, on a touchpoint to do.
    CardTouchpoint,
    /// A contact's card, on the ask planned.
    CardAsk,
    /// Picking the kind of a touch, one key each.
    TouchKind,
    /// Picking how a thank-you was given, one key each.
    ThanksHow,
    /// Picking where a referral stands, one key each.
    Status,
    /// Picking what a client said when asked, one key each.
    Outcome,
    /// The search box: typing filters, arrows pick.
    Search,
    /// The search box, picking whom a script preview is for.
    PickContact,
    /// The search box, picking whom to invite or make a member.
    PickPeople,
    /// The suggested categories picker.
    Suggest,
    /// The list of scripts.
    Scripts,
    /// The script editor: every key not bound here is typed.
    ScriptEditor,
    /// The saved versions of a script.
    Versions,
    Help,
    /// A text field or editor: unbound keys are typed into it.
    TextField,
    /// A form of several fields: unbound keys are typed into the field.
    Form,
    /// A yes/no question.
    Confirm,
    /// The import screen: a path typed, then Enter reads it and imports.
    Import,
    /// The terminal is too small to draw in: only quitting works.
    TooSmall,
}

impl Context {
    /// Every context, in the order the help screen lists them.
    pub const ALL: [Context; 46] = [
        Context::Global,
        Context::Today,
        Context::TodayTask,
        Context::TodayThanks,
        Context::TodayAsk,
        Context::TodayTouchpoint,
        Context::TodayFollowUp,
        Context::TodayNote,
        Context::ProgramDays,
        Context::ProgramTasks,
        Context::ProgramTask,
        Context::ProgramNote,
        Context::Categories,
        Context::Contacts,
        Context::Card,
        Context::CardTouch,
        Context::CardTouchpoint,
        Context::CardAsk,
        Context::TouchKind,
        Context::Scripts,
        Context::ScriptEditor,
        Context::Referrals,
        Context::ReferralReceived,
        Context::ReferralGiven,
        Context::ReferralUnthanked,
        Context::ThanksHow,
        Context::Events,
        Context::EventsEvent,
        Context::EventsGroup,
        Context::EventOpen,
        Context::EventComing,
        Context::EventHeld,
        Context::GroupOpen,
        Context::Status,
        Context::Outcome,
        Context::Versions,
        Context::Search,
        Context::PickContact,
        Context::PickPeople,
        Context::Suggest,
        Context::Form,
        Context::Import,
        Context::TextField,
        Context::Confirm,
        Context::Help,
        Context::TooSmall,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Today => "Today: any row",
            Context::TodayTask => "Today: a task",
            Context::TodayThanks => "Today: a thank-you owed",
            Context::TodayAsk => "Today: a referral ask due",
            Context::TodayTouchpoint => "Today: a touchpoint due",
            Context::TodayFollowUp => "Today: a follow-up due",
            Context::TodayNote => "Today: the day's note",
            Context::ProgramDays => "Program: days",
            Context::ProgramTasks => "Program: a day's tasks",
            Context::ProgramTask => "Program: a task",
            Context::ProgramNote => "Program: the day's note",
            Context::Categories => "Categories",
            Context::Contacts => "Contacts",
            Context::Referrals => "Referrals: any row",
            Context::ReferralReceived => "Referrals: one received",
            Context::ReferralGiven => "Referrals: one given",
            Context::ReferralUnthanked => "Referrals: a past referrer never thanked",
            Context::Events => "Events and groups: any row",
            Context::EventsEvent => "Events and groups: an event",
            Context::EventsGroup => "Events and groups: a group",
            Context::EventOpen => "An event or a group, open",
            Context::EventComing => "An event to come, open",
            Context::EventHeld => "An event held, open",
            Context::GroupOpen => "A group, open",
            Context::PickPeople => "Pick people to invite or add",
            Context::Card => "A contact's card: any row",
            Context::CardTouch => "A contact's card: a touch",
            Context::CardTouchpoint => "A contact's card: a touchpoint to do",
            Context::CardAsk => "A contact's card: the ask planned",
            Context::TouchKind => "The kind of a touch",
            Context::ThanksHow => "How a thank-you was given",
            Context::Status => "Where a referral stands",
            Context::Outcome => "What a client said when asked",
            Context::Search => "Search",
            Context::PickContact => "Pick a contact for the preview",
            Context::Suggest => "Suggested categories",
            Context::Scripts => "Scripts",
            Context::ScriptEditor => "Script editor",
            Context::Versions => "Versions of a script",
            Context::Help => "Help",
            Context::TextField => "Notes and dates",
            Context::Form => "Forms",
            Context::Confirm => "Questions",
            Context::Import => "Importing people",
            Context::TooSmall => "A terminal too small to draw in",
        }
    }

    /// The context whose bindings apply here too: a row's pane.
    pub fn parent(self) -> Option<Context> {
        match self {
            Context::TodayTask
            | Context::TodayThanks
            | Context::TodayAsk
            | Context::TodayTouchpoint
            | Context::TodayFollowUp
            | Context::TodayNote => Some(Context::Today),
            Context::ProgramTask | Context::ProgramNote => Some(Context::ProgramTasks),
            Context::ReferralReceived | Context::ReferralGiven | Context::ReferralUnthanked => {
                Some(Context::Referrals)
            }
            Context::EventsEvent | Context::EventsGroup => Some(Context::Events),
            Context::EventComing | Context::EventHeld | Context::GroupOpen => {
                Some(Context::EventOpen)
            }
            Context::CardTouch | Context::CardTouchpoint | Context::CardAsk => Some(Context::Card),
            _ => None,
        }
    }

    /// Whether the global bindings apply here too.
    fn with_globals(self) -> bool {
        let pane = self.parent().unwrap_or(self);
        matches!(
            pane,
            Context::Today
                | Context::ProgramDays
                | Context::ProgramTasks
                | Context::Categories
                | Context::Contacts
                | Context::Card
                | Context::Scripts
                | Context::Referrals
                | Context::Events
                | Context::EventOpen
        )
    }

    /// This context, then its parent's, then the global one where it
    /// applies: where a key is looked for, most specific first.
    fn chain(self) -> impl Iterator<Item = Context> {
        [
            Some(self),
            self.parent(),
            self.with_globals().then_some(Context::Global),
        ]
        .into_iter()
        .flatten()
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub action: Action,
    pub hint: &'static str,
    /// Shown in the footer (everything is shown in help).
    pub footer: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn b(
    context: Context,
    keys: &'static [(KeyCode, KeyModifiers)],
    label: &'static str,
    action: Action,
    hint: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        action,
        hint,
        footer,
    }
}

use Context::{
    Card, CardAsk, CardTouch, CardTouchpoint, Categories, Confirm, Contacts, EventComing,
    EventHeld, EventOpen, Events, EventsEvent, EventsGroup, Form, Global, GroupOpen, Help, Import,
    Outcome, PickContact, PickPeople, ProgramDays, ProgramNote, ProgramTask, ProgramTasks,
    ReferralGiven, ReferralReceived, ReferralUnthanked, Referrals, ScriptEditor, Scripts, Search,
    Status, Suggest, TextField, ThanksHow, Today, TodayAsk, TodayFollowUp, TodayNote, TodayTask,
    TodayThanks, TodayTouchpoint, TooSmall, TouchKind, Versions,
};
use KeyCode::{
    BackTab, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(TodayTask, &[(Char(' '), NONE)], "Space", Action::Toggle, "done/undo", true),
    b(TodayTask, &[(Char('x'), NONE)], "x", Action::Skip, "skip", true),
    b(TodayThanks, &[(Char(' '), NONE)], "Space", Action::Toggle, "sent: how", true),
    b(TodayThanks, &[(Char('y'), NONE)], "y", Action::Copy, "copy the card", true),
    b(TodayThanks, &[(Enter, NONE)], "Enter", Action::Open, "their card", false),
    b(TodayAsk, &[(Char(' '), NONE)], "Space", Action::Toggle, "what they said", true),
    b(TodayAsk, &[(Char('y'), NONE)], "y", Action::Copy, "copy the ask", true),
    b(TodayAsk, &[(Char('w'), NONE)], "w", Action::SetWhen, "when to ask", false),
    b(TodayAsk, &[(Enter, NONE)], "Enter", Action::Open, "their card", false),
    b(TodayTouchpoint, &[(Char(' '), NONE)], "Space", Action::Toggle, "done", true),
    b(TodayTouchpoint, &[(Char('x'), NONE)], "x", Action::Skip, "skip", true),
    b(TodayTouchpoint, &[(Char('w'), NONE)], "w", Action::SetWhen, "move", true),
    b(TodayTouchpoint, &[(Char('y'), NONE)], "y", Action::Copy, "copy its script", false),
    b(TodayTouchpoint, &[(Enter, NONE)], "Enter", Action::Open, "their card", false),
    b(TodayFollowUp, &[(Char(' '), NONE)], "Space", Action::Toggle, "log a touch", true),
    b(TodayFollowUp, &[(Char('t'), NONE)], "t", Action::LogTouch, "log a touch", false),
    b(TodayFollowUp, &[(Enter, NONE)], "Enter", Action::Open, "their card", true),
    b(TodayNote, &[(Enter, NONE), (Char(' '), NONE)], "Enter", Action::Open, "write the note", true),
    b(Today, &[(Char('n'), NONE)], "n", Action::EditNote, "note", true),
    b(ProgramDays, &[(Enter, NONE), (Right, NONE), (Char('l'), NONE)], "Enter", Action::Open, "tasks", true),
    b(ProgramDays, &[(Char('n'), NONE)], "n", Action::EditNote, "note", true),
    b(ProgramDays, &[(Char('s'), NONE)], "s", Action::EditStart, "start date", true),
    b(ProgramTask, &[(Char(' '), NONE)], "Space", Action::Toggle, "done/undo", true),
    b(ProgramTask, &[(Char('x'), NONE)], "x", Action::Skip, "skip/unskip", true),
    b(ProgramNote, &[(Enter, NONE), (Char(' '), NONE)], "Enter", Action::Open, "write the note", true),
    b(ProgramTasks, &[(Esc, NONE), (Left, NONE), (Char('h'), NONE)], "Esc", Action::Back, "days", true),
    b(ProgramTasks, &[(Char('n'), NONE)], "n", Action::EditNote, "note", true),
    b(ProgramTasks, &[(Char('s'), NONE)], "s", Action::EditStart, "start date", false),
    b(Categories, &[(Char('a'), NONE)], "a", Action::Add, "add", true),
    b(Categories, &[(Enter, NONE)], "Enter", Action::ShowContacts, "contacts", true),
    b(Categories, &[(Char('e'), NONE)], "e", Action::Edit, "edit", true),
    b(Categories, &[(Char('s'), NONE)], "s", Action::Suggest, "suggest", true),
    b(Categories, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete", false),
    b(Categories, &[(Char('K'), NONE), (Char('K'), SHIFT), (Up, SHIFT)], "K/J", Action::MoveUp, "reorder", true),
    b(Categories, &[(Char('J'), NONE), (Char('J'), SHIFT), (Down, SHIFT)], "", Action::MoveDown, "", false),
    b(Categories, &[(Char('p'), NONE)], "p", Action::EditProfession, "your profession", false),
    b(Contacts, &[(Char('a'), NONE)], "a", Action::Add, "add", true),
    b(Contacts, &[(Char('t'), NONE)], "t", Action::LogTouch, "touch", true),
    b(Contacts, &[(Char('>'), NONE), (Char('>'), SHIFT), (Char('.'), NONE)], ">/<", Action::StageUp, "stage", true),
    b(Contacts, &[(Char('<'), NONE), (Char('<'), SHIFT), (Char(','), NONE)], "", Action::StageDown, "", false),
    b(Contacts, &[(Char('m'), NONE)], "m", Action::MarkPartner, "my 25", true),
    b(Contacts, &[(Enter, NONE)], "Enter", Action::Open, "history", false),
    b(Contacts, &[(Char('e'), NONE)], "e", Action::Edit, "edit", true),
    b(Contacts, &[(Char('f'), NONE)], "f", Action::SetFollowUp, "follow-up", false),
    b(Contacts, &[(Char('c'), NONE)], "c", Action::NextView, "view", true),
    b(Contacts, &[(Char('C'), NONE), (Char('C'), SHIFT)], "C", Action::MarkClient, "client", false),
    b(Contacts, &[(Char('p'), NONE)], "p", Action::PutInCategory, "put in a category", false),
    b(Contacts, &[(Char('S'), NONE), (Char('S'), SHIFT)], "S", Action::ProblemSolved, "problem solved: ask today", false),
    b(Contacts, &[(Char('A'), NONE), (Char('A'), SHIFT)], "A", Action::PlanAsk, "when to ask for referrals", false),
    b(Contacts, &[(Char('J'), NONE), (Char('J'), SHIFT)], "J", Action::EditJourney, "the journey new clients get", false),
    b(Contacts, &[(Char('I'), NONE), (Char('I'), SHIFT)], "I", Action::Import, "import people", false),
    b(Contacts, &[(Char('r'), NONE)], "r", Action::ReferralIn, "referral from them", false),
    b(Contacts, &[(Char('s'), NONE)], "s", Action::ReferralOut, "a referral sent to them", false),
    b(Contacts, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete", false),
    b(Scripts, &[(Enter, NONE), (Char('i'), NONE)], "Enter", Action::Open, "write", true),
    b(Scripts, &[(Char('y'), NONE)], "y", Action::Copy, "copy", true),
    b(Scripts, &[(Char('p'), NONE)], "p", Action::PickContact, "preview for", true),
    b(Scripts, &[(Char('a'), NONE)], "a", Action::Add, "add", true),
    b(Scripts, &[(Char('v'), NONE)], "v", Action::Versions, "versions", true),
    b(Scripts, &[(Char('e'), NONE)], "e", Action::Edit, "details", false),
    b(Scripts, &[(Char('s'), NONE)], "s", Action::EditMe, "your name and value", false),
    b(Scripts, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete", false),
    b(Card, &[(Esc, NONE)], "Esc", Action::Back, "close", true),
    b(Card, &[(Char('t'), NONE)], "t", Action::LogTouch, "touch", true),
    b(CardTouch, &[(Char('e'), NONE)], "e", Action::EditTouch, "change touch", true),
    b(CardTouch, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete touch", true),
    b(CardTouchpoint, &[(Char(' '), NONE)], "Space", Action::Toggle, "done", true),
    b(CardTouchpoint, &[(Char('x'), NONE)], "x", Action::Skip, "skip", true),
    b(CardTouchpoint, &[(Char('w'), NONE)], "w", Action::SetWhen, "move", true),
    b(CardAsk, &[(Char(' '), NONE)], "Space", Action::Toggle, "what they said", true),
    b(CardAsk, &[(Char('w'), NONE)], "w", Action::SetWhen, "when to ask", true),
    b(Card, &[(Char('E'), NONE), (Char('E'), SHIFT)], "E", Action::EditContact, "edit details", false),
    b(Card, &[(Char('f'), NONE)], "f", Action::SetFollowUp, "follow-up", false),
    b(Card, &[(Char('S'), NONE), (Char('S'), SHIFT)], "S", Action::ProblemSolved, "problem solved: ask today", false),
    b(Card, &[(Char('A'), NONE), (Char('A'), SHIFT)], "A", Action::PlanAsk, "when to ask for referrals", false),
    b(TouchKind, &[(Char('c'), NONE)], "c", Action::PickKind(Some(domain::TouchKind::Call)), "call", true),
    b(TouchKind, &[(Char('m'), NONE)], "m", Action::PickKind(Some(domain::TouchKind::Meeting)), "meeting", true),
    b(TouchKind, &[(Char('e'), NONE)], "e", Action::PickKind(Some(domain::TouchKind::Email)), "e-mail", true),
    b(TouchKind, &[(Char('d'), NONE)], "d", Action::PickKind(Some(domain::TouchKind::Card)), "card", true),
    b(TouchKind, &[(Char('v'), NONE)], "v", Action::PickKind(Some(domain::TouchKind::Event)), "event", true),
    b(TouchKind, &[(Char('n'), NONE)], "n", Action::PickKind(Some(domain::TouchKind::Note)), "note", true),
    b(TouchKind, &[(Enter, NONE)], "Enter", Action::PickKind(None), "keep the kind", false),
    b(TouchKind, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(TouchKind, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(ThanksHow, &[(Char('d'), NONE)], "d", Action::PickHow(domain::ThanksHow::Card), "handwritten card", true),
    b(ThanksHow, &[(Char('c'), NONE)], "c", Action::PickHow(domain::ThanksHow::Call), "call", true),
    b(ThanksHow, &[(Char('g'), NONE)], "g", Action::PickHow(domain::ThanksHow::Gift), "gift", true),
    b(ThanksHow, &[(Char('n'), NONE)], "n", Action::PickHow(domain::ThanksHow::Note), "note", true),
    b(ThanksHow, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(ThanksHow, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Status, &[(Char('n'), NONE)], "n", Action::PickStatus(domain::RefStatus::New), "new", true),
    b(Status, &[(Char('t'), NONE)], "t", Action::PickStatus(domain::RefStatus::Talking), "talking", true),
    b(Status, &[(Char('c'), NONE)], "c", Action::PickStatus(domain::RefStatus::Client), "became a client", true),
    b(Status, &[(Char('x'), NONE)], "x", Action::PickStatus(domain::RefStatus::NotAFit), "not a fit", true),
    b(Status, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(Status, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Outcome, &[(Char('n'), NONE)], "n", Action::PickOutcome(domain::Outcome::Names), "gave names", true),
    b(Outcome, &[(Char('l'), NONE)], "l", Action::PickOutcome(domain::Outcome::NotNow), "not now (later)", true),
    b(Outcome, &[(Char('x'), NONE)], "x", Action::PickOutcome(domain::Outcome::No), "not at all", true),
    b(Outcome, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(Outcome, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Referrals, &[(Char('r'), NONE)], "r", Action::ReferralIn, "received", true),
    b(Referrals, &[(Char('s'), NONE)], "s", Action::ReferralOut, "sent", true),
    b(ReferralReceived, &[(Char(' '), NONE)], "Space", Action::ThankSent, "thanked", true),
    b(ReferralReceived, &[(Char('e'), NONE)], "e", Action::SetStatus, "status", true),
    b(ReferralReceived, &[(Char('y'), NONE)], "y", Action::Copy, "copy thank-you", false),
    b(ReferralReceived, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete", false),
    b(ReferralReceived, &[(Enter, NONE)], "Enter", Action::Open, "open partner", false),
    b(ReferralReceived, &[(Char('o'), NONE)], "o", Action::OpenPerson, "open person", false),
    b(ReferralGiven, &[(Char('e'), NONE)], "e", Action::SetStatus, "status", true),
    b(ReferralGiven, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete", false),
    b(ReferralGiven, &[(Enter, NONE)], "Enter", Action::Open, "open partner", false),
    b(ReferralGiven, &[(Char('o'), NONE)], "o", Action::OpenPerson, "open person", false),
    b(ReferralUnthanked, &[(Char(' '), NONE)], "Space", Action::ThankSent, "thanked", true),
    b(ReferralUnthanked, &[(Char('y'), NONE)], "y", Action::Copy, "copy thank-you", false),
    b(ReferralUnthanked, &[(Enter, NONE)], "Enter", Action::Open, "open referrer", false),
    b(Events, &[(Char('a'), NONE)], "a", Action::Add, "add event", true),
    b(Events, &[(Char('A'), NONE), (Char('A'), SHIFT)], "A", Action::AddGroup, "add group", true),
    b(EventsEvent, &[(Enter, NONE)], "Enter", Action::Open, "open", true),
    b(EventsEvent, &[(Char('e'), NONE)], "e", Action::Edit, "edit event", false),
    b(EventsEvent, &[(Char('i'), NONE)], "i", Action::AddPeople, "invite", false),
    b(EventsEvent, &[(Char('d'), NONE), (Delete, NONE)], "d", Action::Delete, "delete event", false),
    b(EventsGroup, &[(Enter, NONE)], "Enter", Action::Open, "open", true),
    b(EventsGroup, &[(Char('m'), NONE)], "m", Action::AddPeople, "add members", false),
    b(EventsGroup, &[(Char('l'), NONE)], "l", Action::LogMeeting, "log its meeting", false),
    b(EventOpen, &[(Esc, NONE)], "Esc", Action::Back, "back", true),
    b(EventOpen, &[(Enter, NONE)], "Enter", Action::Open, "their card", false),
    b(EventComing, &[(Char('i'), NONE)], "i", Action::AddPeople, "invite", true),
    b(EventComing, &[(Char(' '), NONE)], "Space", Action::Toggle, "coming/not", true),
    b(EventComing, &[(Char('x'), NONE)], "x", Action::Skip, "take back an invitation", false),
    b(EventComing, &[(Char('e'), NONE)], "e", Action::Edit, "edit the event", false),
    b(EventHeld, &[(Char(' '), NONE)], "Space", Action::Toggle, "came/did not", true),
    b(EventHeld, &[(Char('b'), NONE)], "b", Action::Brought, "brought a guest", true),
    b(EventHeld, &[(Char('i'), NONE)], "i", Action::AddPeople, "add someone", false),
    b(EventHeld, &[(Char('x'), NONE)], "x", Action::Skip, "take back an invitation", false),
    b(EventHeld, &[(Char('e'), NONE)], "e", Action::Edit, "edit the event", false),
    b(GroupOpen, &[(Char('m'), NONE)], "m", Action::AddPeople, "add members", true),
    b(GroupOpen, &[(Char('l'), NONE)], "l", Action::LogMeeting, "log a meeting", true),
    b(ScriptEditor, &[(Esc, NONE)], "Esc", Action::Back, "done (saves)", true),
    b(ScriptEditor, &[(Char('s'), CTRL)], "Ctrl-S", Action::Save, "save a version", true),
    b(ScriptEditor, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "save and quit", true),
    b(Versions, &[(Enter, NONE)], "Enter", Action::Save, "bring back", true),
    b(Versions, &[(Char('j'), NONE), (Down, NONE)], "j/k", Action::Down, "move", true),
    b(Versions, &[(Char('k'), NONE), (Up, NONE)], "", Action::Up, "", false),
    b(Versions, &[(Esc, NONE), (Char('q'), NONE)], "Esc", Action::Back, "close", true),
    b(Versions, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Global, &[(Char('j'), NONE), (Down, NONE)], "j/k", Action::Down, "move", true),
    b(Global, &[(Char('k'), NONE), (Up, NONE)], "", Action::Up, "", false),
    b(Global, &[(Char('g'), NONE), (Home, NONE)], "g/G", Action::Top, "first/last", false),
    b(Global, &[(Char('G'), NONE), (Char('G'), SHIFT), (End, NONE)], "", Action::Bottom, "", false),
    b(Global, &[(PageDown, NONE)], "PgDn/PgUp", Action::PageDown, "page", false),
    b(Global, &[(PageUp, NONE)], "", Action::PageUp, "", false),
    b(Global, &[(Tab, NONE)], "Tab", Action::NextPane, "next pane", true),
    b(Global, &[(BackTab, NONE), (BackTab, SHIFT)], "Shift-Tab", Action::PrevPane, "previous pane", false),
    b(Global, &[(Char('1'), NONE)], "1", Action::GoTo(Pane::Today), "Today", false),
    b(Global, &[(Char('2'), NONE)], "2", Action::GoTo(Pane::Program), "Program", false),
    b(Global, &[(Char('3'), NONE)], "3", Action::GoTo(Pane::Categories), "Categories", false),
    b(Global, &[(Char('4'), NONE)], "4", Action::GoTo(Pane::Contacts), "Contacts", false),
    b(Global, &[(Char('5'), NONE)], "5", Action::GoTo(Pane::Scripts), "Scripts", false),
    b(Global, &[(Char('6'), NONE)], "6", Action::GoTo(Pane::Referrals), "Referrals", false),
    b(Global, &[(Char('7'), NONE)], "7", Action::GoTo(Pane::Events), "Events", false),
    b(Global, &[(Char('u'), NONE)], "u", Action::Undo, "undo the last change", false),
    b(Global, &[(Char('/'), NONE)], "/", Action::Search, "search", true),
    b(Global, &[(Char('?'), NONE), (Char('?'), SHIFT)], "?", Action::Help, "help", true),
    b(Global, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", true),
    b(Help, &[(Char('j'), NONE), (Down, NONE)], "j/k", Action::Down, "scroll", true),
    b(Help, &[(Char('k'), NONE), (Up, NONE)], "", Action::Up, "", false),
    b(Help, &[(PageDown, NONE), (Char(' '), NONE)], "PgDn/PgUp", Action::PageDown, "page", true),
    b(Help, &[(PageUp, NONE)], "", Action::PageUp, "", false),
    b(Help, &[(Char('g'), NONE), (Home, NONE)], "g/G", Action::Top, "top/end", true),
    b(Help, &[(Char('G'), NONE), (Char('G'), SHIFT), (End, NONE)], "", Action::Bottom, "", false),
    b(Help, &[(Esc, NONE), (Char('?'), NONE), (Char('?'), SHIFT), (Char('q'), NONE)], "Esc", Action::Back, "close", true),
    b(Help, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(TextField, &[(Enter, NONE)], "Enter", Action::Save, "save", true),
    b(TextField, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(TextField, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "save and quit", false),
    b(Form, &[(Enter, NONE)], "Enter", Action::Save, "save", true),
    b(Form, &[(Tab, NONE)], "Tab", Action::NextField, "next field", true),
    b(Form, &[(BackTab, NONE), (BackTab, SHIFT)], "Shift-Tab", Action::PrevField, "previous field", false),
    b(Form, &[(Esc, NONE)], "Esc", Action::Cancel, "cancel", true),
    b(Form, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Search, &[(Enter, NONE)], "Enter", Action::Save, "go there", true),
    b(Search, &[(Down, NONE), (Char('n'), CTRL)], "↓/↑", Action::Down, "pick", true),
    b(Search, &[(Up, NONE), (Char('p'), CTRL)], "", Action::Up, "", false),
    b(Search, &[(Esc, NONE)], "Esc", Action::Cancel, "close", true),
    b(Search, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(PickContact, &[(Enter, NONE)], "Enter", Action::Save, "preview for them", true),
    b(PickContact, &[(Down, NONE), (Char('n'), CTRL)], "↓/↑", Action::Down, "pick", true),
    b(PickContact, &[(Up, NONE), (Char('p'), CTRL)], "", Action::Up, "", false),
    b(PickContact, &[(Esc, NONE)], "Esc", Action::Cancel, "close", true),
    b(PickContact, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(PickPeople, &[(Enter, NONE)], "Enter", Action::Save, "pick, then another", true),
    b(PickPeople, &[(Down, NONE), (Char('n'), CTRL)], "↓/↑", Action::Down, "pick", true),
    b(PickPeople, &[(Up, NONE), (Char('p'), CTRL)], "", Action::Up, "", false),
    b(PickPeople, &[(Esc, NONE)], "Esc", Action::Cancel, "done", true),
    b(PickPeople, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Suggest, &[(Char(' '), NONE)], "Space", Action::Toggle, "pick", true),
    b(Suggest, &[(Enter, NONE)], "Enter", Action::Save, "add picked", true),
    b(Suggest, &[(Char('j'), NONE), (Down, NONE)], "j/k", Action::Down, "move", true),
    b(Suggest, &[(Char('k'), NONE), (Up, NONE)], "", Action::Up, "", false),
    b(Suggest, &[(Esc, NONE)], "Esc", Action::Cancel, "close", true),
    b(Suggest, &[(Char('c'), CTRL), (Char('q'), NONE)], "q", Action::Quit, "quit", false),
    b(Import, &[(Enter, NONE)], "Enter", Action::Save, "read the file, then import", true),
    b(Import, &[(Esc, NONE)], "Esc", Action::Cancel, "close (stops an import: nothing kept)", true),
    b(Import, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(Confirm, &[(Char('y'), NONE), (Enter, NONE)], "y", Action::Confirm, "yes", true),
    b(Confirm, &[(Char('n'), NONE), (Esc, NONE)], "n/Esc", Action::Cancel, "no", true),
    b(Confirm, &[(Char('c'), CTRL)], "Ctrl-C", Action::Quit, "quit", false),
    b(TooSmall, &[(Char('q'), NONE), (Char('c'), CTRL)], "q", Action::Quit, "quit", true),
];

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    binding
        .keys
        .iter()
        .any(|&(code, mods)| code == key.code && mods == key.modifiers)
}

/// The action a key means where the focus is, if any.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    let found = context
        .chain()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.context == c))
        .find(|b| matches(b, &key))
        .map(|b| b.action.clone());
    match (found, context) {
        (None, TextField | Form | Search | PickContact | PickPeople | ScriptEditor | Import) => {
            Some(Action::Input(key))
        }
        (found, _) => found,
    }
}

/// The bindings shown in the footer for a context, most specific first.
pub fn footer(context: Context) -> impl Iterator<Item = &'static Binding> {
    context
        .chain()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.footer && b.context == c))
}

/// Every binding with a label, grouped by context, for the help screen.
pub fn help() -> Vec<(Context, Vec<&'static Binding>)> {
    Context::ALL
        .into_iter()
        .map(|c| {
            (
                c,
                BINDINGS
                    .iter()
                    .filter(|b| b.context == c && !b.label.is_empty())
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
