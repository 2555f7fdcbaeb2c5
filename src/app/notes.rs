//! The day's note: its editor, and saving it without losing what another
//! window wrote meanwhile.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{App, Pane, Popup};
use crate::store;
use crate::store::program::NoteSaved;

impl App {
    /// Open the note of the day in view: today's, or the day selected in
    /// Program.
    pub(super) fn open_note(&mut self) {
        let day = match self.pane {
            Pane::Program => self.program_pane.day,
            _ => self.position().day(),
        };
        // Read afresh: another window may have written it.
        let text = store::program::note(&self.conn, day)
            .unwrap_or_else(|_| self.notes.get(&day).cloned().unwrap_or_default());
        let mut editor = TextArea::new(text.lines().map(str::to_owned).collect());
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_placeholder_text("A note for this day");
        editor.move_cursor(CursorMove::Bottom);
        editor.move_cursor(CursorMove::End);
        self.popup = Some(Popup::Note {
            day,
            editor: Box::new(editor),
            shown: text,
        });
    }

    /// Save the note written in `editor` over `shown`, the note as it was
    /// when the editor opened.
    pub(super) fn save_note(&mut self, day: u8, editor: Box<TextArea<'static>>, shown: String) {
        let text = crate::domain::text::clean_text(&editor.lines().join("\n"));
        self.record(format!("the note of day {day} written"));
        match store::program::save_note(&self.conn, day, &text, &shown, &self.now()) {
            Ok(saved) => {
                let text = match saved {
                    NoteSaved::AsWritten => {
                        self.info(format!("Note for day {day} saved."));
                        text
                    }
                    NoteSaved::Merged(both) => {
                        self.info(format!(
                            "Day {day}'s note was changed in another window too: both \
                             kept, yours first."
                        ));
                        both
                    }
                };
                if text.trim().is_empty() {
                    self.notes.remove(&day);
                } else {
                    self.notes.insert(day, text);
                }
            }
            Err(e) => {
                self.error("Could not save the note", e);
                self.popup = Some(Popup::Note { day, editor, shown });
            }
        }
    }
}
