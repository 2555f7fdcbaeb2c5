//! Every user intent. Keys resolve to these; `App::update` applies them.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use crate::pane::Pane;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
    GoTo(Pane),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Tick or untick the selected task.
    Toggle,
    /// Skip the task under the cursor, or bring a skipped one back.
    Skip,
    /// Open the selection (a day's tasks in the Program pane).
    Open,
    /// Step back out, or close what is open.
    Back,
    /// Edit the note of the selected day.
    EditNote,
    /// Change the program's start date.
    EditStart,
    /// Save the open form or editor.
    Save,
    /// Close the open form or editor without saving.
    Cancel,
    /// Add a new item in the focused pane.
    Add,
    /// Edit the selected item.
    Edit,
    /// Delete the selected item (asks first).
    Delete,
    /// Undo the last delete.
    Undo,
    /// Move the selected item one place up the list.
    MoveUp,
    /// Move the selected item one place down the list.
    MoveDown,
    /// Next field of a form.
    NextField,
    /// Previous field of a form.
    PrevField,
    /// Answer yes to the open question.
    Confirm,
    /// Show the contacts of the selected category.
    ShowContacts,
    /// Switch the Contacts pane between one category, all, and clients.
    NextView,
    /// Make the selected contact a client today, or no longer one.
    MarkClient,
    /// Put the selected contact in a category (after an import, say).
    PutInCategory,
    /// Open the import screen.
    Import,
    /// Record a referral someone sent you.
    ReferralIn,
    /// Record a referral you gave ("refer first").
    ReferralOut,
    /// Change where the selected referral stands.
    SetStatus,
    /// Mark the selected thank-you sent.
    ThankSent,
    /// Open the person the selected referral is for.
    OpenPerson,
    /// The kind of touch picked; `None` keeps the kind of the touch changed.
    PickKind(Option<crate::domain::TouchKind>),
    /// What a client said when asked for referrals, picked.
    PickOutcome(crate::domain::Outcome),
    /// A problem was solved for the selected client: ask them today.
    ProblemSolved,
    /// Plan (or move) the selected client's referral ask.
    PlanAsk,
    /// When the selected touchpoint or ask falls (a milestone is dated so).
    SetWhen,
    /// Edit the journey template every new client gets.
    EditJourney,
    /// Add a group of referral sources.
    AddGroup,
    /// Invite people to the event, or add members to the group.
    AddPeople,
    /// Record a guest brought by the person under the cursor.
    Brought,
    /// Log the group's meeting as an event.
    LogMeeting,
    /// Where the referral stands, picked.
    PickStatus(crate::domain::RefStatus),
    /// How the thank-you was given, picked.
    PickHow(crate::domain::ThanksHow),
    /// Change the touch under the cursor on a contact's card.
    EditTouch,
    /// Edit the details of the contact whose card is open.
    EditContact,
    /// Log a touch with the selected contact.
    LogTouch,
    /// Move the selected contact to the next stage.
    StageUp,
    /// Move the selected contact back a stage.
    StageDown,
    /// Mark or unmark the selected contact as one of "my 25".
    MarkPartner,
    /// Set the selected contact's next follow-up by hand.
    SetFollowUp,
    /// Fuzzy search across all contacts.
    Search,
    /// Suggest categories for the user's profession.
    Suggest,
    /// Say what the user does for a living.
    EditProfession,
    /// Browse the saved versions of the selected script.
    Versions,
    /// Copy the script, filled in for the preview's contact, to the clipboard.
    Copy,
    /// Pick the contact the script preview is for.
    PickContact,
    /// Say your name, value and profession, as scripts fill them in.
    EditMe,
    /// A key typed into the open text field.
    Input(KeyEvent),
    /// Text pasted (bracketed paste): inserted into the open text field as
    /// text, never run as keys.
    Paste(String),
    /// Time passed (not a key): save what is due.
    Tick(Instant),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// A signal asked list25 to end: save what was typed, then leave, even
    /// if a save fails (not a key).
    Shutdown,
}
