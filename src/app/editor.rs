//! The script editor: typing into a script, saving it a second after the
//! last key (or on leaving), and keeping what another window saved.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};

use super::{App, Pane};
use crate::domain::text::{Lines, MAX_TEXT, clean_text};
use crate::domain::{SaveKind, Script};
use crate::field::{self, Typed};
use crate::store;
use crate::store::script::Saved;

/// Save this long after the last key typed.
pub const IDLE: Duration = Duration::from_millis(1000);

/// While typing goes on without a pause, save at least this often.
pub const MAX_UNSAVED: Duration = Duration::from_millis(1500);

/// What reaches the editor: a key, or pasted text.
pub(super) enum Edit<'a> {
    Key(KeyEvent),
    Paste(&'a str),
}

/// The script under the cursor, open in the editor.
pub struct Editor {
    pub script: i64,
    pub text: TextArea<'static>,
    /// When the first key not yet stored was typed.
    dirty_since: Option<Instant>,
    /// When the last key that changed the text was typed.
    last_key: Option<Instant>,
    /// The version that saves made while typing goes on bring up to date;
    /// closed by a pause, the save key, or leaving the editor.
    open_version: Option<i64>,
    /// When the text was last stored by this editor.
    pub saved_at: Option<NaiveDateTime>,
    /// The stored text this editor last saw (opened with, or saved): a
    /// save over anything else was changed elsewhere meanwhile.
    base: String,
    /// Whether the cursor was put in it yet: the first time, it goes to
    /// the end of the text (browsing shows the start).
    entered: bool,
}

/// The editing area for a script's text.
fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_placeholder_text(
        "Write what to say. {first_name}, {company}, {my_name}, {my_value} and the \
         other placeholders are filled in for the contact in the preview (? lists them).",
    );
    area.set_cursor_line_style(Style::new());
    area
}

impl Editor {
    pub(super) fn new(script: &Script) -> Self {
        let mut editor = Editor {
            script: script.id,
            text: text_area(&script.text),
            dirty_since: None,
            last_key: None,
            open_version: None,
            saved_at: None,
            base: script.text.clone(),
            entered: false,
        };
        editor.show_cursor(false);
        editor
    }

    /// Show `text`, stored elsewhere, in place of what is here (which is
    /// stored too: only a clean editor is replaced), the cursor kept as
    /// near its place as the new text allows.
    pub(super) fn replace(&mut self, text: &str) {
        let DataCursor(row, col) = self.text.cursor();
        let mut fresh = text_area(text);
        fresh.set_cursor_style(self.text.cursor_style());
        let row = row.min(fresh.lines().len().saturating_sub(1));
        let col = col.min(fresh.lines().get(row).map_or(0, |l| l.chars().count()));
        fresh.move_cursor(CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        self.text = fresh;
        self.base = text.to_owned();
        self.dirty_since = None;
        self.open_version = None;
    }

    /// The stored text this editor last saw.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The text as it would be stored now.
    pub fn current(&self) -> String {
        clean_text(&self.text.lines().join("\n"))
    }

    /// Whether something typed is not stored yet.
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    fn show_cursor(&mut self, on: bool) {
        self.text.set_cursor_style(if on {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        });
    }

    /// When the next autosave is due, if one is.
    fn due(&self) -> Option<Instant> {
        let dirty = self.dirty_since?;
        let idle = self.last_key.map_or(dirty, |k| k + IDLE);
        Some(idle.min(dirty + MAX_UNSAVED))
    }
}

impl App {
    /// Put the cursor in the editor.
    pub(super) fn start_editing(&mut self) {
        if let Some(editor) = &mut self.scripts.editor {
            if !editor.entered {
                editor.entered = true;
                editor.text.move_cursor(CursorMove::Bottom);
                editor.text.move_cursor(CursorMove::End);
            }
            editor.show_cursor(true);
            self.scripts.editing = true;
        }
    }

    /// Leave the editor, saving what was typed.
    pub(super) fn stop_editing(&mut self) {
        self.flush_script(SaveKind::Saved, true);
        if let Some(editor) = &mut self.scripts.editor {
            editor.show_cursor(false);
        }
        self.scripts.editing = false;
    }

    /// A key typed, or text pasted, into the editor.
    pub(super) fn script_typed(&mut self, edit: Edit, now: Instant) {
        let Some(editor) = &mut self.scripts.editor else {
            return;
        };
        let typed = match edit {
            Edit::Key(key) => field::key(&mut editor.text, key, Lines::Many, MAX_TEXT),
            Edit::Paste(text) => field::paste(&mut editor.text, text, Lines::Many, MAX_TEXT),
        };
        match typed {
            Typed::Changed => {
                editor.dirty_since.get_or_insert(now);
                editor.last_key = Some(now);
                self.refresh_preview();
            }
            Typed::Refused(why) => self.message = Some(super::Message::Error(why)),
            Typed::Unchanged => {}
        }
    }

    /// Time passed: save what is due.
    pub(super) fn tick(&mut self, now: Instant) {
        let Some(editor) = &mut self.scripts.editor else {
            return;
        };
        let paused = editor.last_key.is_none_or(|k| now >= k + IDLE);
        if editor.is_dirty() {
            if paused {
                self.flush_script(SaveKind::Auto, true);
            } else if editor.due().is_some_and(|due| now >= due) {
                self.flush_script(SaveKind::Auto, false);
            }
        } else if paused {
            // A pause closes the version that typing kept up to date.
            editor.open_version = None;
        }
    }

    /// How long until `tick` has something to do, if it will.
    pub fn next_tick(&self, now: Instant) -> Option<Duration> {
        let editor = self.scripts.editor.as_ref()?;
        let at = editor
            .due()
            .or_else(|| editor.open_version.and(editor.last_key).map(|k| k + IDLE))?;
        Some(at.saturating_duration_since(now))
    }

    /// Store the editor's text if it differs from what it was opened with
    /// or last stored. `close` ends the version kept up to date while
    /// typing, so the next change starts a new one. `None` when the write
    /// failed; else whether anything was written. A text changed or the
    /// script deleted in another window meanwhile is not lost: the store
    /// keeps both texts, and the user is told.
    pub(super) fn flush_script(&mut self, how: SaveKind, close: bool) -> Option<bool> {
        let at = self.now();
        let scripts = &mut self.scripts;
        let list = &mut scripts.list;
        let Some(editor) = &mut scripts.editor else {
            return Some(false);
        };
        let text = editor.current();
        let result = if text == editor.base {
            Ok(None)
        } else {
            store::script::save_text(
                &self.conn,
                editor.script,
                &text,
                how,
                editor.open_version,
                Some(&editor.base),
                &at,
            )
            .map(|saved| {
                editor.open_version = saved.version();
                editor.saved_at = Some(at);
                if let Some(script) = list.iter_mut().find(|s| s.id == editor.script) {
                    script.text.clone_from(&text);
                    script.updated_at = at;
                }
                editor.base = text;
                Some(saved)
            })
        };
        match result {
            Ok(saved) => {
                editor.dirty_since = None;
                if close {
                    editor.open_version = None;
                }
                match saved {
                    Some(Saved::OverOther(_)) => self.error(
                        "Changed in another window too",
                        "yours is saved, theirs kept as a version (v)",
                    ),
                    Some(Saved::Revived(_)) => self.error(
                        "Deleted in another window",
                        "what you typed is saved and the script is back",
                    ),
                    _ => {}
                }
                Some(saved.is_some_and(|s| s != Saved::Unchanged))
            }
            Err(e) => {
                // Try again a little later rather than at every tick.
                editor.dirty_since = Some(Instant::now());
                self.error("Could not save the script", e);
                None
            }
        }
    }

    /// The save key: store now and close the version.
    pub(super) fn save_script(&mut self) {
        let was_open = self
            .scripts
            .editor
            .as_ref()
            .is_some_and(|e| e.open_version.is_some());
        match self.flush_script(SaveKind::Saved, true) {
            Some(wrote) if wrote || was_open => {
                self.info("Saved; this text is kept as a version (v lists them).");
            }
            Some(_) => self.info("Nothing new to save."),
            None => {}
        }
    }

    /// Whether the keys go to the script editor.
    pub fn editing_script(&self) -> bool {
        self.pane == Pane::Scripts && self.scripts.editing && self.popup.is_none()
    }
}
