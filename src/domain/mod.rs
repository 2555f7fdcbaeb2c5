//! Plain types and rules: no SQL, no terminal.

pub mod category;
pub mod checklist;
pub mod contact;
pub mod dates;
pub mod event;
pub mod journey;
pub mod program;
pub mod referral;
pub mod script;
pub mod search;
pub mod suggest;
pub mod template;
pub mod text;

pub use category::{Category, CategoryDraft, CategoryField};
pub use checklist::{Checklist, Item, Metrics, Status};
pub use contact::{Contact, ContactDraft, ContactField, ContactRow, Stage, Touch, TouchKind};
pub use dates::DateUse;
pub use event::{Event, EventDraft, Group, GroupKind, Guest};
pub use journey::{Ask, AskReason, How, Outcome, Step, Touchpoint};
pub use program::{Day, Measure, Metric, Position, Program, Task, TaskRef, parse_date};
pub use referral::{
    Balance, Direction, OwedKind, RefStatus, Referral, ThankNote, ThankYou, ThanksHow,
};
pub use script::{SaveKind, Script, ScriptDraft, ScriptField, ScriptKind, Version};
pub use template::{Field, Me, Piece, Problem, Rendered, Values};
