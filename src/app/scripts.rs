//! The Scripts pane: the list, the editor with its autosave and versions,
//! the preview for a contact, and copying to the clipboard.

use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, DataCursor, TextArea, WrapMode};

use super::{App, Pane, Popup};
use crate::domain::template::{Values, render};
use crate::domain::text::{Lines, MAX_TEXT, clean_text};
use crate::domain::{
    Contact, Me, Problem, Rendered, SaveKind, Script, ScriptDraft, ScriptField, Version,
};
use crate::field::{self, Typed};
use crate::form::{Form, FormKind};
use crate::store::script::Saved;
use crate::store::{self, WriteError};

/// Save this long after the last key typed.
pub const IDLE: Duration = Duration::from_millis(1000);

/// While typing goes on without a pause, save at least this often.
pub const MAX_UNSAVED: Duration = Duration::from_millis(1500);

/// What to do about a problem in a filled-in script, when the user can do
/// something other than edit it; `picked` says whether a contact is.
pub fn fix_for(problem: &Problem, picked: bool) -> Option<&'static str> {
    match problem {
        Problem::Missing { field, .. } if !field.is_contact() => {
            Some("press s to fill in your details")
        }
        Problem::Missing { .. } if !picked => Some("press p to pick a contact"),
        Problem::Missing { .. } => Some("add it in Contacts, or take it out"),
        _ => None,
    }
}

/// A script's details as its form shows them.
fn details(s: &Script) -> Vec<String> {
    vec![
        s.title.clone(),
        s.kind.label().to_owned(),
        s.category.clone(),
        s.tip.clone(),
    ]
}

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
    fn new(script: &Script) -> Self {
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

/// Old texts of a script, to browse and bring one back.
pub struct Versions {
    pub script: i64,
    pub title: String,
    pub list: Vec<Version>,
    pub cursor: usize,
}

/// What the Scripts pane shows.
#[derive(Default)]
pub struct Scripts {
    pub list: Vec<Script>,
    pub cursor: usize,
    pub editor: Option<Editor>,
    /// The keys go to the editor.
    pub editing: bool,
    /// Whom the preview is for.
    pub contact: Option<Contact>,
    /// The contact selected in Contacts when this pane last took it, so a
    /// new selection there is followed and a pick here is kept till then.
    from_contacts: Option<i64>,
    pub me: Me,
    /// The script under the cursor filled in for `contact`.
    pub preview: Rendered,
}

impl Scripts {
    pub fn selected(&self) -> Option<&Script> {
        self.list.get(self.cursor)
    }
}

impl App {
    /// Read the scripts and your details again, keeping the cursor on the
    /// script `keep` when given. Done on entering the pane, not at start.
    pub(super) fn reload_scripts(&mut self, keep: Option<i64>) {
        let loaded = store::script::list(&self.conn)
            .and_then(|list| Ok((list, store::settings::me(&self.conn)?)));
        match loaded {
            Ok((list, me)) => {
                self.scripts.list = list;
                self.scripts.me = me;
            }
            Err(e) => return self.error("Could not read the scripts", e),
        }
        let keep = keep.or_else(|| self.scripts.selected().map(|s| s.id));
        if let Some(i) = keep.and_then(|id| self.scripts.list.iter().position(|s| s.id == id)) {
            self.scripts.cursor = i;
        }
        self.scripts.cursor = self
            .scripts
            .cursor
            .min(self.scripts.list.len().saturating_sub(1));
        self.load_editor();
    }

    /// Open the script under the cursor in the editor, unless it is open.
    pub(super) fn load_editor(&mut self) {
        let wanted = self.scripts.selected().map(|s| s.id);
        if self.scripts.editor.as_ref().map(|e| e.script) != wanted {
            self.flush_script(SaveKind::Saved, true);
            self.scripts.editing = false;
            self.scripts.editor = self.scripts.selected().map(Editor::new);
        }
        self.refresh_preview();
    }

    /// Fill in the script in the editor for the preview's contact.
    pub(super) fn refresh_preview(&mut self) {
        let text = self
            .scripts
            .editor
            .as_ref()
            .map(Editor::current)
            .unwrap_or_default();
        self.scripts.preview = render(
            &text,
            &Values {
                contact: self.scripts.contact.as_ref(),
                me: &self.scripts.me,
            },
        );
    }

    /// Entering the pane: the preview is for the contact selected in
    /// Contacts, unless one was picked here since; either is read afresh,
    /// as it may have been edited.
    pub(super) fn enter_scripts(&mut self) {
        let in_contacts = self.selected.as_ref().map(|c| c.id);
        if in_contacts.is_some() && in_contacts != self.scripts.from_contacts {
            self.scripts.from_contacts = in_contacts;
            self.scripts.contact = self.selected.clone();
        } else if let Some(id) = self.scripts.contact.as_ref().map(|c| c.id) {
            match store::contact::get(&self.conn, id) {
                Ok(fresh) => self.scripts.contact = fresh,
                Err(e) => self.error("Could not read the contact", e),
            }
        }
        self.reload_scripts(None);
    }

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
        let Scripts { editor, list, .. } = &mut self.scripts;
        let Some(editor) = editor else {
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

    pub(super) fn open_script_form(&mut self, script: Option<Script>) {
        let (id, title, kind, category, tip) = match &script {
            Some(s) => (
                Some(s.id),
                s.title.as_str(),
                s.kind.label(),
                s.category.as_str(),
                s.tip.as_str(),
            ),
            None => (None, "", "", "", ""),
        };
        let heading = if id.is_some() {
            " Script details "
        } else {
            " New script "
        };
        let mut form = Form::new(
            FormKind::Script(id),
            heading,
            &[
                ("Title", title, "e.g. What a banker can say about me"),
                (
                    "Kind",
                    kind,
                    "value, ask, thank-you, intro, invitation; empty: other",
                ),
                ("Category", category, "empty for every category, or one"),
                ("When to use", tip, "a line of advice to yourself"),
            ],
        );
        form.base = script.as_ref().map(details);
        self.open_form(form);
    }

    pub(super) fn save_script_form(&mut self, mut form: Box<Form>, id: Option<i64>) {
        if let Some(id) = id
            && let Ok(Some(now)) = store::script::get(&self.conn, id)
            && form.changed_elsewhere(&details(&now))
        {
            self.popup = Some(Popup::Form(form));
            return;
        }
        let field = |f: ScriptField| match f {
            ScriptField::Title => 0,
            ScriptField::Kind => 1,
        };
        let mut draft = match ScriptDraft::parse(&form.value(0), &form.value(1), &form.value(3)) {
            Ok(d) => d,
            Err((f, why)) => {
                form.fail(field(f), why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let category = form.value(2);
        if !category.trim().is_empty() {
            match self.category_for(&category) {
                Ok(c) => draft.category_id = Some(c.id),
                Err(why) => {
                    form.fail(2, why);
                    self.popup = Some(Popup::Form(form));
                    return;
                }
            }
        }
        let written = match id {
            Some(id) => store::script::update(&self.conn, id, &draft).map(|()| id),
            None => store::script::add(&self.conn, &draft, &self.now()),
        };
        match written {
            Ok(saved) => {
                self.reload_scripts(Some(saved));
                if id.is_some() {
                    self.info(format!("Saved {:?}.", draft.title));
                } else {
                    self.start_editing();
                    self.info("Added. Write it here; it saves as you type. Esc when done.");
                }
            }
            Err(WriteError::Refused(why)) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
            }
            Err(e) => {
                form.fail(0, e.to_string());
                self.popup = Some(Popup::Form(form));
            }
        }
    }

    pub(super) fn open_me_form(&mut self) {
        let me = self.scripts.me.clone();
        self.open_form(Form::new(
            FormKind::Me,
            " You, as scripts say it ",
            &[
                ("Your name", &me.name, "for {my_name}: Jane Roe"),
                (
                    "Your value",
                    &me.value,
                    "for {my_value}: helps start-ups look established",
                ),
                (
                    "Profession",
                    &me.profession,
                    "for {my_profession}: graphic designer",
                ),
            ],
        ));
    }

    pub(super) fn save_me_form(&mut self, form: Box<Form>) {
        let one = |i| crate::domain::text::one_line(&form.value(i));
        let me = Me {
            name: one(0),
            value: one(1),
            profession: one(2),
        };
        match store::settings::set_me(&self.conn, &me) {
            Ok(()) => {
                self.scripts.me = me;
                self.refresh_preview();
                self.info("Saved: the preview now uses your details.");
            }
            Err(e) => {
                self.error("Could not save", e);
                self.popup = Some(Popup::Form(form));
            }
        }
    }

    pub(super) fn open_versions(&mut self) {
        self.flush_script(SaveKind::Saved, true);
        let Some(s) = self.scripts.selected() else {
            return;
        };
        let (id, title) = (s.id, s.title.clone());
        match store::script::versions(&self.conn, id) {
            Ok(list) if list.is_empty() => self.info("No versions yet: nothing was saved."),
            Ok(list) => {
                self.popup = Some(Popup::Versions(Box::new(Versions {
                    script: id,
                    title,
                    list,
                    cursor: 0,
                })));
            }
            Err(e) => self.error("Could not read the versions", e),
        }
    }

    pub(super) fn restore_version(&mut self, versions: Box<Versions>) {
        let Some(v) = versions.list.get(versions.cursor) else {
            return;
        };
        let (script, version, when) = (versions.script, v.id, v.saved_at);
        match store::script::restore_version(&self.conn, script, version, &self.now()) {
            Ok(Saved::Unchanged) => self.info("That version is the text already."),
            Ok(_) => {
                // Open the script afresh with the restored text.
                self.scripts.editor = None;
                self.reload_scripts(Some(script));
                self.info(format!(
                    "Brought back the text of {} {}; the one before is kept as a version.",
                    crate::domain::dates::day(when.date(), self.today),
                    when.format("%H:%M")
                ));
            }
            Err(e) => {
                self.error("Could not restore", e);
                self.popup = Some(Popup::Versions(versions));
            }
        }
    }

    /// Send the script, filled in for the preview's contact, to the
    /// terminal's clipboard; refuse while anything in it is not filled in.
    pub(super) fn copy_script(&mut self) {
        self.flush_script(SaveKind::Saved, true);
        let Some(script) = self.scripts.selected() else {
            return;
        };
        let title = script.title.clone();
        let preview = &self.scripts.preview;
        let who = self.scripts.contact.as_ref().map(|c| c.name.clone());
        if preview.text().trim().is_empty() {
            return self.info("Nothing to copy: the script is empty.");
        }
        if let Some(p) = preview.distinct_problems().first() {
            let why = p.describe(who.as_deref());
            let stop = if why.ends_with('?') { "" } else { "." };
            let fix = fix_for(p, who.is_some())
                .map(|f| format!(" {}{}.", f[..1].to_uppercase(), &f[1..]))
                .unwrap_or_default();
            return self.error("Not copied", format!("{why}{stop}{fix}"));
        }
        let (words, text) = (preview.words(), preview.text());
        let blanks = preview.distinct_blanks().join(", ");
        self.clipboard = Some(text);
        let mut said = match &who {
            Some(name) => format!("Copied {title:?} for {name}: {words} words."),
            None => format!("Copied {title:?}: {words} words."),
        };
        if !blanks.is_empty() {
            said.push_str(&format!(" Fill in by hand: {blanks}."));
        }
        self.info(said);
    }

    /// Pick whom the preview is for.
    pub(super) fn preview_for(&mut self, id: i64) {
        self.popup = None;
        match store::contact::get(&self.conn, id) {
            Ok(Some(c)) => {
                self.info(format!("The preview is for {} now.", c.name));
                self.scripts.contact = Some(c);
                self.refresh_preview();
            }
            Ok(None) => self.info("That contact is gone."),
            Err(e) => self.error("Could not read the contact", e),
        }
    }

    /// Whether the keys go to the script editor.
    pub fn editing_script(&self) -> bool {
        self.pane == Pane::Scripts && self.scripts.editing && self.popup.is_none()
    }
}
