//! Keys and pastes that go into the open text field: the same rules for
//! every field (see `field`), then what each popup does with the change.

use ratatui::crossterm::event::KeyEvent;

use super::editor::Edit;
use super::{App, ImportStage as Stage, MAX_QUERY, Message, Popup};
use crate::domain::text::{Lines, MAX_LINE, MAX_TEXT};
use crate::field::{self, Typed};

impl App {
    /// A key typed into the open field.
    pub(super) fn input(&mut self, key: KeyEvent) {
        if self.editing_script() {
            return self.script_typed(Edit::Key(key), (self.instant)());
        }
        let typed = match &mut self.popup {
            // Enter alone saves a note (it never gets here); Alt-Enter and
            // Ctrl-J start a new line.
            Some(Popup::Note { editor, .. }) => field::key(editor, key, Lines::Many, MAX_TEXT),
            Some(Popup::Form(form)) => form.input(key),
            Some(Popup::Search(s)) => field::key(&mut s.input, key, Lines::One, MAX_QUERY),
            Some(Popup::Import(imp)) if !imp.busy() => {
                field::key(&mut imp.path, key, Lines::One, MAX_LINE)
            }
            _ => Typed::Unchanged,
        };
        self.typed(typed);
    }

    /// Text pasted: into the open field as text, never as keys.
    pub(super) fn paste(&mut self, text: &str) {
        if self.editing_script() {
            return self.script_typed(Edit::Paste(text), (self.instant)());
        }
        let typed = match &mut self.popup {
            Some(Popup::Note { editor, .. }) => field::paste(editor, text, Lines::Many, MAX_TEXT),
            Some(Popup::Form(form)) => form.paste(text),
            Some(Popup::Search(s)) => field::paste(&mut s.input, text, Lines::One, MAX_QUERY),
            Some(Popup::Import(imp)) if !imp.busy() => {
                field::paste(&mut imp.path, text, Lines::One, MAX_LINE)
            }
            Some(Popup::Import(_)) => Typed::Unchanged,
            _ => {
                return self.info(
                    "Nothing to paste into: open a field first (a adds, e edits, n a note).",
                );
            }
        };
        self.typed(typed);
    }

    /// After a key or a paste went to the open popup's field.
    fn typed(&mut self, typed: Typed) {
        match typed {
            Typed::Refused(why) => self.message = Some(Message::Error(why)),
            Typed::Changed => match &mut self.popup {
                Some(Popup::Form(_)) => self.form_typed(),
                Some(Popup::Search(_)) => self.search_typed(),
                // What was read for the old path no longer holds.
                Some(Popup::Import(imp)) => imp.stage = Stage::Typing { refused: None },
                _ => {}
            },
            Typed::Unchanged => {}
        }
    }
}
