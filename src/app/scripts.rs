//! The Scripts pane: the list, each script's details and versions, your
//! details, the preview for a contact, and copying to the clipboard.

use super::editor::Editor;
use super::{App, Popup, step};
use crate::domain::template::{Values, render};
use crate::domain::{
    Contact, Field, Me, Problem, Rendered, SaveKind, Script, ScriptDraft, ScriptField, Version,
};
use crate::form::{Form, FormKind};
use crate::store::script::Saved;
use crate::store::{self, WriteError};

/// What to do about a problem in a filled-in script, when the user can do
/// something other than edit it; `picked` says whether a contact is.
pub fn fix_for(problem: &Problem, picked: bool) -> Option<&'static str> {
    match problem {
        Problem::Missing {
            field: Field::ReferredName,
            ..
        } => Some("copy it with y on a referral in pane 6"),
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

/// Old texts of a script, to browse and bring one back.
pub struct Versions {
    pub script: i64,
    pub title: String,
    pub list: Vec<Version>,
    /// Each version's words as said for the preview's contact: counted as
    /// the editor counts them.
    pub words: Vec<usize>,
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
    /// Whom the preview is for when they fit the script: the contact
    /// selected in Contacts, or the one picked here.
    pub contact: Option<Contact>,
    /// Whether `contact` was picked here (`p`): then the preview is for
    /// them whatever the script's category.
    picked: bool,
    /// Whom the preview is for now: `contact` when picked or of the
    /// script's category, else the first person of that category.
    pub shown_for: Option<Contact>,
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
        self.scripts.shown_for = self.preview_contact();
        self.scripts.preview = render(
            &text,
            &Values {
                contact: self.scripts.shown_for.as_ref(),
                me: &self.scripts.me,
                referred: None,
            },
        );
    }

    /// Whom the script under the cursor is previewed for: a script of a
    /// category is shown for someone of that category (the contact chosen
    /// if they are, else the first by name), unless a contact was picked
    /// for the preview.
    fn preview_contact(&self) -> Option<Contact> {
        let chosen = self.scripts.contact.as_ref();
        let category = self.scripts.selected().and_then(|s| s.category_id);
        let Some(category) = category.filter(|_| !self.scripts.picked) else {
            return chosen.cloned();
        };
        if chosen.is_some_and(|c| c.category_id == Some(category)) {
            return chosen.cloned();
        }
        let view = crate::domain::contact::ContactView::Category(category);
        let first = store::contact::page::page(&self.conn, view, 0, 1).ok()?;
        store::contact::get(&self.conn, first.first()?.id)
            .ok()
            .flatten()
    }

    /// Entering the pane: the preview is for the contact selected in
    /// Contacts, unless one was picked here since; either is read afresh,
    /// as it may have been edited.
    pub(super) fn enter_scripts(&mut self) {
        let in_contacts = self.contacts.selected.as_ref().map(|c| c.id);
        if in_contacts.is_some() && in_contacts != self.scripts.from_contacts {
            self.scripts.from_contacts = in_contacts;
            self.scripts.contact = self.contacts.selected.clone();
            self.scripts.picked = false;
        } else if let Some(id) = self.scripts.contact.as_ref().map(|c| c.id) {
            match store::contact::get(&self.conn, id) {
                Ok(fresh) => self.scripts.contact = fresh,
                Err(e) => self.error("Could not read the contact", e),
            }
        }
        self.reload_scripts(None);
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
        self.record(match id {
            Some(_) => format!("the details of the script {:?} changed", draft.title),
            None => format!("the script {:?} added", draft.title),
        });
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
        self.record("your name, value and profession changed");
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
                let values = Values {
                    contact: self.scripts.shown_for.as_ref(),
                    me: &self.scripts.me,
                    referred: None,
                };
                let words = list
                    .iter()
                    .map(|v| render(&v.text, &values).words())
                    .collect();
                self.popup = Some(Popup::Versions(Box::new(Versions {
                    script: id,
                    title,
                    list,
                    words,
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
        self.record(format!("the text of {:?} brought back", versions.title));
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
        let who = self.scripts.shown_for.as_ref().map(|c| c.name.clone());
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
                self.scripts.picked = true;
                self.refresh_preview();
            }
            Ok(None) => self.info("That contact is gone."),
            Err(e) => self.error("Could not read the contact", e),
        }
    }

    pub(super) fn scripts_move(&mut self, by: isize) {
        let len = self.scripts.list.len();
        self.scripts.cursor = step(self.scripts.cursor, by, len.saturating_sub(1));
        self.load_editor();
    }
}
