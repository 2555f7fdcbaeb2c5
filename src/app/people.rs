//! Categories and contacts: the forms, the writes, and keeping what the
//! panes show in step with the database.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::{
    App, DUE_SHOWN, Deleted, Message, Pane, Pending, Popup, SEARCH_RESULTS, Search, SearchPurpose,
};
use crate::domain::category::{DEFAULT_TARGET, GOAL};
use crate::domain::contact::{DEFAULT_CADENCE, LIST_SIZE};
use crate::domain::dates::{check, day, parse_for};
use crate::domain::search::Index;
use crate::domain::text::{fold, key};
use crate::domain::{
    Category, CategoryDraft, CategoryField, Contact, ContactDraft, ContactField, ContactRow,
    DateUse, TouchKind,
};
use crate::form::{Form, FormKind};
use crate::store::{self, WriteError};

/// The contact form's fields, in order: name, company and e-mail first so
/// that typing in the usual three takes two Tabs.
const CONTACT_FIELDS: [&str; 12] = [
    "Name",
    "Company",
    "E-mail",
    "Phone",
    "Role",
    "City",
    "Category",
    "How met",
    "Introduced by",
    "Notes",
    "Every (days)",
    "Follow up on",
];

fn contact_field(field: ContactField) -> usize {
    match field {
        ContactField::Name => 0,
        ContactField::Company => 1,
        ContactField::Email => 2,
        ContactField::Phone => 3,
        ContactField::Role => 4,
        ContactField::City => 5,
        ContactField::Category => 6,
        ContactField::MetHow => 7,
        ContactField::IntroducedBy => 8,
        ContactField::Notes => 9,
        ContactField::Cadence => 10,
        ContactField::FollowUp => 11,
    }
}

const INTRODUCED_BY: usize = 8;

/// The category form's values for `c`, as the form shows them.
fn category_values(c: &Category) -> Vec<String> {
    vec![c.name.clone(), c.why.clone(), c.target.to_string()]
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl App {
    /// Read again everything that depends on categories and contacts.
    pub(super) fn refresh(&mut self) {
        self.refresh_counts();
        if self.pane == Pane::Contacts {
            self.reload_contacts();
        }
    }

    /// Read again the categories with their counts, and the follow-ups due.
    pub(super) fn refresh_counts(&mut self) {
        let loaded = (|| {
            Ok::<_, rusqlite::Error>((
                store::category::list(&self.conn)?,
                store::contact::due(&self.conn, self.today, DUE_SHOWN)?,
                store::contact::due_count(&self.conn, self.today)?,
            ))
        })();
        match loaded {
            Ok((categories, due, due_total)) => {
                self.due_total = due_total;
                self.checklist.metrics = crate::domain::Metrics::from_categories(&categories);
                self.categories = categories;
                self.due = due;
                self.category_cursor = self
                    .category_cursor
                    .min(self.categories.len().saturating_sub(1));
                let rows = self.today_rows().len();
                self.today_cursor = self.today_cursor.min(rows.saturating_sub(1));
            }
            Err(e) => self.error("Could not read the list", e),
        }
    }

    /// After a write to one contact: read the counts again, and that one
    /// contact instead of the whole list (which may be long).
    pub(super) fn refresh_contact(&mut self, id: i64) {
        self.refresh_counts();
        let fresh = match store::contact::get(&self.conn, id) {
            Ok(c) => c,
            Err(e) => return self.error("Could not read the contact", e),
        };
        let filter = self.contact_filter().map(|c| c.id);
        if let Some(at) = self.contacts.iter().position(|c| c.id == id) {
            self.contacts.remove(at);
        }
        if let Some(c) = fresh.filter(|c| filter.is_none() || c.category_id == filter) {
            // The order of `store::contact::rows`: name, ASCII case folded.
            let key = |name: &str, id: i64| (name.to_ascii_lowercase(), id);
            let at = self
                .contacts
                .partition_point(|x| key(&x.name, x.id) < key(&c.name, c.id));
            self.contacts.insert(at, ContactRow::from(&c));
        }
        self.contact_cursor = self
            .contact_cursor
            .min(self.contacts.len().saturating_sub(1));
        self.load_selected();
    }

    /// The category the Contacts pane is filtered to, if it is.
    pub fn contact_filter(&self) -> Option<&Category> {
        if self.all_contacts {
            None
        } else {
            self.categories.get(self.category_cursor)
        }
    }

    pub(super) fn reload_contacts(&mut self) {
        let filter = self.contact_filter().map(|c| c.id);
        match store::contact::rows(&self.conn, filter) {
            Ok(contacts) => {
                self.contacts = contacts;
                self.contact_cursor = self
                    .contact_cursor
                    .min(self.contacts.len().saturating_sub(1));
            }
            Err(e) => self.error("Could not read the contacts", e),
        }
        self.load_selected();
    }

    /// Read the whole of the contact under the cursor, and its stage history.
    pub(super) fn load_selected(&mut self) {
        let Some(id) = self.contacts.get(self.contact_cursor).map(|c| c.id) else {
            self.selected = None;
            self.contact_history.clear();
            return;
        };
        let loaded = store::contact::get(&self.conn, id)
            .and_then(|c| Ok((c, store::contact::stage_history(&self.conn, id)?)));
        match loaded {
            Ok((contact, history)) => {
                self.selected = contact;
                self.contact_history = history;
            }
            Err(e) => self.error("Could not read the contact", e),
        }
    }

    fn selected_category(&self) -> Option<&Category> {
        self.categories.get(self.category_cursor)
    }

    pub(super) fn select_category(&mut self, id: i64) {
        if let Some(i) = self.categories.iter().position(|c| c.id == id) {
            self.category_cursor = i;
        }
    }

    /// The contact the next contact action is about: the one under the
    /// cursor in Contacts, or the follow-up under the cursor in Today.
    fn target_contact(&self) -> Option<&Contact> {
        match self.pane {
            Pane::Contacts => self.selected.as_ref(),
            Pane::Today => self.selected_follow_up(),
            _ => None,
        }
    }

    /// Jump to a contact in the Contacts pane, showing all contacts.
    pub(super) fn show_contact(&mut self, id: i64) {
        self.popup = None;
        self.all_contacts = true;
        self.pane = Pane::Contacts;
        self.reload_contacts();
        self.select_contact(id);
    }

    /// Put the Contacts cursor on contact `id`, if it is listed.
    pub(super) fn select_contact(&mut self, id: i64) {
        if let Some(i) = self.contacts.iter().position(|c| c.id == id) {
            self.contact_cursor = i;
            self.load_selected();
        }
    }

    pub(super) fn add(&mut self) {
        match self.pane {
            Pane::Categories => self.open_category_form(None),
            Pane::Contacts => {
                let category = self
                    .contact_filter()
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.open_contact_form(None, &category, 0);
            }
            Pane::Scripts => self.open_script_form(None),
            _ => {}
        }
    }

    pub(super) fn edit(&mut self) {
        match self.pane {
            Pane::Categories => {
                if let Some(c) = self.selected_category() {
                    self.open_category_form(Some(c.clone()));
                }
            }
            Pane::Contacts => {
                if let Some(c) = &self.selected {
                    let id = c.id;
                    let category = c.category.clone();
                    self.open_contact_form(Some(id), &category, 0);
                }
            }
            Pane::Scripts => {
                let script = self.scripts.selected().cloned();
                if script.is_some() {
                    self.open_script_form(script);
                }
            }
            _ => {}
        }
    }

    fn open_category_form(&mut self, category: Option<Category>) {
        let (id, name, why, target) = match &category {
            Some(c) => (
                Some(c.id),
                c.name.as_str(),
                c.why.as_str(),
                c.target.to_string(),
            ),
            None => (None, "", "", String::new()),
        };
        let title = if id.is_some() {
            " Edit category "
        } else {
            " New category "
        };
        let default_target = DEFAULT_TARGET.to_string();
        let mut form = Form::new(
            FormKind::Category(id),
            title,
            &[
                ("Name", name, "an occupation, e.g. Accountants"),
                (
                    "Why",
                    why,
                    "why its members already serve your ideal clients",
                ),
                ("Target", &target, &default_target),
            ],
        );
        form.base = category.as_ref().map(category_values);
        self.open_form(form);
    }

    /// The contact form's values for `c` (empty for a new contact) in
    /// `category`, as the form shows them.
    fn contact_values(&self, c: Option<&Contact>, category: &str) -> [String; 12] {
        let text = |f: fn(&Contact) -> &str| c.map(f).unwrap_or("").to_owned();
        let introduced = c
            .and_then(|c| c.introduced_by)
            .and_then(|i| store::contact::name_label(&self.conn, i).ok().flatten())
            .unwrap_or_default();
        let cadence = c.map_or(String::new(), |c| c.cadence_days.to_string());
        let follow = date_text(c.and_then(|c| c.next_follow_up));
        [
            text(|c| &c.name),
            text(|c| &c.company),
            text(|c| &c.email),
            text(|c| &c.phone),
            text(|c| &c.role),
            text(|c| &c.city),
            category.to_owned(),
            text(|c| &c.met_how),
            introduced,
            text(|c| &c.notes),
            cadence,
            follow,
        ]
    }

    /// Open the contact form: empty in `category` when adding, filled in when
    /// editing `id`. `added` counts contacts added in a row so far.
    fn open_contact_form(&mut self, id: Option<i64>, category: &str, added: usize) {
        self.names = Index::new(store::contact::names(&self.conn).unwrap_or_default());
        let existing = id.and_then(|id| store::contact::get(&self.conn, id).ok().flatten());
        let values = self.contact_values(existing.as_ref(), category);
        let default_cadence = DEFAULT_CADENCE.to_string();
        let placeholders = [
            "full name",
            "",
            "name@example.com",
            "",
            "",
            "",
            "a category on your list",
            "where or how you met",
            "type part of a contact's name",
            "",
            default_cadence.as_str(),
            "YYYY-MM-DD",
        ];
        let fields: Vec<(&'static str, &str, &str)> = CONTACT_FIELDS
            .iter()
            .zip(&values)
            .zip(placeholders)
            .map(|((&label, value), placeholder)| (label, value.as_str(), placeholder))
            .collect();
        let title = match (id, added) {
            (Some(_), _) => " Edit contact ".to_owned(),
            (None, 0) => " New contact ".to_owned(),
            (None, n) => format!(" Next contact · {n} added · Esc when done "),
        };
        let mut form = Form::new(FormKind::Contact(id), title, &fields);
        form.streak = added;
        if existing.is_some() {
            form.base = Some(values.to_vec());
        }
        self.open_form(form);
    }

    pub(super) fn open_touch(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name) = (c.id, c.name.clone());
        let today = date_text(Some(self.today));
        self.open_form(Form::new(
            FormKind::Touch(id),
            format!(" Touch with {name} "),
            &[
                ("Kind", "", "call, meeting, email, card, event or note"),
                ("Date", &today, "YYYY-MM-DD"),
                ("Note", "", "what happened, what is next"),
            ],
        ));
    }

    pub(super) fn open_follow_up(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, date) = (c.id, c.name.clone(), date_text(c.next_follow_up));
        self.open_form(Form::new(
            FormKind::FollowUp(id),
            format!(" Follow up with {name} "),
            &[("On", &date, "YYYY-MM-DD, or empty for none")],
        ));
    }

    pub(super) fn open_search(&mut self) {
        self.open_search_for(SearchPurpose::Jump);
    }

    pub(super) fn open_search_for(&mut self, purpose: SearchPurpose) {
        match store::contact::search_index(&self.conn) {
            Ok(index) => {
                let mut input = TextArea::default();
                input.set_placeholder_text("name, company, category or notes");
                self.popup = Some(Popup::Search(Box::new(Search {
                    purpose,
                    input,
                    index: Index::new(index),
                    results: Vec::new(),
                    cursor: 0,
                })));
            }
            Err(e) => self.error("Could not search", e),
        }
    }

    /// The search text changed: find again.
    pub(super) fn search_typed(&mut self) {
        if let Some(Popup::Search(s)) = &mut self.popup {
            let query = s.input.lines().join(" ");
            let conn = &self.conn;
            s.results = s
                .index
                .search(&query, SEARCH_RESULTS)
                .into_iter()
                .filter_map(|id| {
                    let label = store::contact::search_label(conn, id).ok().flatten()?;
                    Some((id, label))
                })
                .collect();
            s.cursor = 0;
        }
    }

    /// Keep the "Introduced by" field's match up to date as it is typed.
    pub(super) fn form_typed(&mut self) {
        let Some(Popup::Form(form)) = &mut self.popup else {
            return;
        };
        if !matches!(form.kind, FormKind::Contact(_)) || form.focus != INTRODUCED_BY {
            return;
        }
        let typed = form.value(INTRODUCED_BY);
        let best = self.names.search(&typed, 1).first().copied();
        let label = best.and_then(|id| store::contact::name_label(&self.conn, id).ok().flatten());
        form.fields[INTRODUCED_BY].note = match (typed.trim().is_empty(), label) {
            (true, _) => None,
            (false, Some(name)) => Some(format!("→ {name}")),
            (false, None) => Some("no contact matches".into()),
        };
    }

    pub(super) fn save_form(&mut self, form: Box<Form>) {
        match form.kind {
            FormKind::StartDate => self.save_start(form),
            FormKind::Category(id) => self.save_category(form, id),
            FormKind::Contact(id) => self.save_contact(form, id),
            FormKind::Touch(id) => self.save_touch(form, id),
            FormKind::FollowUp(id) => self.save_follow_up(form, id),
            FormKind::Profession(then_suggest) => self.save_profession(form, then_suggest),
            FormKind::Script(id) => self.save_script_form(form, id),
            FormKind::Me => self.save_me_form(form),
        }
    }

    fn save_category(&mut self, mut form: Box<Form>, id: Option<i64>) {
        if let Some(id) = id
            && let Ok(list) = store::category::list(&self.conn)
            && let Some(now) = list.iter().find(|c| c.id == id)
            && form.changed_elsewhere(&category_values(now))
        {
            self.popup = Some(Popup::Form(form));
            return;
        }
        let field = |f: CategoryField| match f {
            CategoryField::Name => 0,
            CategoryField::Why => 1,
            CategoryField::Target => 2,
        };
        let draft = match CategoryDraft::parse(&form.value(0), &form.value(1), &form.value(2)) {
            Ok(d) => d,
            Err((f, why)) => {
                form.fail(field(f), why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let written = match id {
            Some(id) => store::category::update(&self.conn, id, &draft).map(|()| id),
            None => store::category::add(&self.conn, &draft, &self.now()),
        };
        match written {
            Ok(saved) => {
                self.refresh();
                self.select_category(saved);
                self.info(match id {
                    Some(_) => format!("Saved {:?}.", draft.name),
                    None => format!(
                        "Added {:?}: {} of {GOAL} categories.",
                        draft.name,
                        self.categories.len()
                    ),
                });
            }
            Err(e) => {
                form.fail(0, e.to_string());
                self.popup = Some(Popup::Form(form));
            }
        }
    }

    /// The category a typed name means: exact (any case), else the one
    /// category it is the start of.
    pub(super) fn category_for(&self, typed: &str) -> Result<&Category, String> {
        let t = key(typed);
        if self.categories.is_empty() {
            return Err("Add a category first (pane 3), then its people.".into());
        }
        if t.is_empty() {
            return Err("Which category? Type one from your list.".into());
        }
        if let Some(c) = self.categories.iter().find(|c| key(&c.name) == t) {
            return Ok(c);
        }
        let part = fold(typed.trim());
        let starts: Vec<&Category> = self
            .categories
            .iter()
            .filter(|c| fold(&c.name).starts_with(&part))
            .collect();
        match starts.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("{:?} is not on your list.", typed.trim())),
            many => Err(format!(
                "{:?} could be {}.",
                typed.trim(),
                many.iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn contact_draft(&mut self, form: &Form) -> Result<(ContactDraft, i64), (usize, String)> {
        let at = |(f, why): (ContactField, String)| (contact_field(f), why);
        let mut draft = ContactDraft::named(&form.value(0))
            .and_then(|d| d.with_email(&form.value(2)))
            .and_then(|d| d.with_cadence(&form.value(10)))
            .and_then(|d| d.with_follow_up(&form.value(11)))
            .map_err(at)?;
        if let Some(d) = draft.next_follow_up {
            check(d, self.today, DateUse::FollowUp)
                .map_err(|why| (contact_field(ContactField::FollowUp), why))?;
        }
        let one = |i| crate::domain::text::one_line(&form.value(i));
        draft.company = one(1);
        draft.phone = one(3);
        draft.role = one(4);
        draft.city = one(5);
        draft.met_how = one(7);
        draft.notes = form.value(9).trim().to_owned();
        let category = self
            .category_for(&form.value(6))
            .map_err(|why| (contact_field(ContactField::Category), why))?
            .id;
        let typed = form.value(INTRODUCED_BY);
        if !typed.trim().is_empty() {
            let id = self.names.search(&typed, 1).first().copied();
            draft.introduced_by = Some(id.ok_or_else(|| {
                (
                    INTRODUCED_BY,
                    format!("No contact matches {:?}.", typed.trim()),
                )
            })?);
        }
        Ok((draft, category))
    }

    fn save_contact(&mut self, mut form: Box<Form>, id: Option<i64>) {
        if let Some(id) = id
            && let Ok(Some(now)) = store::contact::get(&self.conn, id)
        {
            let values = self.contact_values(Some(&now), &now.category);
            if form.changed_elsewhere(&values) {
                self.popup = Some(Popup::Form(form));
                return;
            }
        }
        let (draft, category) = match self.contact_draft(&form) {
            Ok(ok) => ok,
            Err((i, why)) => {
                form.fail(i, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let written = match id {
            Some(id) => store::contact::update(&self.conn, id, Some(category), &draft).map(|()| id),
            None => store::contact::add(&self.conn, Some(category), &draft, &self.now()),
        };
        let saved = match written {
            Ok(saved) => saved,
            Err(e) => {
                // Perhaps deleted in another window: show the lists as
                // they are, and the problem beside the field it is about.
                self.refresh();
                let field = if self.categories.iter().any(|c| c.id == category) {
                    0
                } else {
                    contact_field(ContactField::Category)
                };
                form.fail(field, e.to_string());
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        self.refresh_contact(saved);
        self.select_contact(saved);
        if id.is_some() {
            self.info(format!("Saved {}.", draft.name));
            return;
        }
        // Straight on to the next person in the same category.
        let category_name = form.value(6);
        self.open_contact_form(None, &category_name, form.streak + 1);
        self.info(format!(
            "Saved {}. Type the next one, or Esc when done.",
            draft.name
        ));
    }

    fn save_touch(&mut self, mut form: Box<Form>, id: i64) {
        let kind = match TouchKind::parse(&form.value(0)) {
            Ok(k) => k,
            Err(why) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let on = match parse_for(&form.value(1), self.today, DateUse::Touch) {
            Ok(d) => d,
            Err(why) => {
                form.fail(1, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let note = form.value(2).trim().to_owned();
        if let Err(e) = store::contact::log_touch(&self.conn, id, kind, on, &note, &self.now()) {
            self.error("Could not log the touch", e);
            return;
        }
        self.refresh_contact(id);
        let next = store::contact::get(&self.conn, id).ok().flatten();
        self.info(match next {
            Some(c) => format!(
                "Logged a {} with {}.{}",
                kind.as_str(),
                c.name,
                c.next_follow_up
                    .map(|d| format!(" Next follow-up {}.", day(d, self.today)))
                    .unwrap_or_default()
            ),
            None => "Logged.".into(),
        });
    }

    fn save_follow_up(&mut self, mut form: Box<Form>, id: i64) {
        let typed = form.value(0);
        let on = if typed.trim().is_empty() {
            None
        } else {
            match parse_for(&typed, self.today, DateUse::FollowUp) {
                Ok(d) => Some(d),
                Err(why) => {
                    form.fail(0, why);
                    self.popup = Some(Popup::Form(form));
                    return;
                }
            }
        };
        match store::contact::set_follow_up(&self.conn, id, on) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(match on {
                    Some(d) => format!("Follow up on {}.", day(d, self.today)),
                    None => "No follow-up set.".into(),
                });
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let (pending, question) = match self.pane {
            Pane::Categories => {
                let Some(c) = self.selected_category() else {
                    return;
                };
                let contacts = match c.contacts {
                    0 => "It holds no contacts.".to_owned(),
                    1 => "Its 1 contact is deleted with it.".to_owned(),
                    n => format!("Its {n} contacts are deleted with it."),
                };
                (
                    Pending::DeleteCategory(c.id),
                    format!("Delete the category {:?}? {contacts} u undoes.", c.name),
                )
            }
            Pane::Contacts => {
                let Some(c) = self.contacts.get(self.contact_cursor) else {
                    return;
                };
                (
                    Pending::DeleteContact(c.id),
                    format!("Delete {} and their touches? u undoes.", c.name),
                )
            }
            Pane::Scripts => {
                let Some(s) = self.scripts.selected() else {
                    return;
                };
                (
                    Pending::DeleteScript(s.id),
                    format!(
                        "Delete the script {:?} and its saved versions? u undoes.",
                        s.title
                    ),
                )
            }
            _ => return,
        };
        self.popup = Some(Popup::Confirm { pending, question });
    }

    pub(super) fn confirmed(&mut self, pending: Pending) {
        let now = self.now();
        let (result, deleted, label) = match pending {
            Pending::DeleteCategory(id) => {
                let name = self
                    .categories
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone());
                (
                    store::category::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Category(id)),
                    name,
                )
            }
            Pending::DeleteContact(id) => {
                let name = self
                    .contacts
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone());
                (
                    store::contact::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Contact(id)),
                    name,
                )
            }
            Pending::MarkBeyond25(id) => (
                store::contact::set_on_list(&self.conn, id, true),
                None,
                None,
            ),
            Pending::DeleteScript(id) => {
                let title = self
                    .scripts
                    .list
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| format!("{:?}", s.title));
                (
                    store::script::delete(&self.conn, id, &now).map_err(WriteError::from),
                    Some(Deleted::Script(id)),
                    title,
                )
            }
        };
        if let Err(e) = result {
            self.error("Could not save", e);
            return;
        }
        match pending {
            Pending::DeleteCategory(_) => self.refresh(),
            Pending::DeleteContact(id) | Pending::MarkBeyond25(id) => self.refresh_contact(id),
            Pending::DeleteScript(_) => self.reload_scripts(None),
        }
        if let Some(d) = deleted {
            self.deleted = Some(d);
            self.info(format!(
                "Deleted {}. Press u to undo.",
                label.unwrap_or_default()
            ));
        } else {
            self.info(format!(
                "Marked: {} on your list, more than {LIST_SIZE}.",
                self.checklist.metrics.partners
            ));
        }
    }

    pub(super) fn undo_delete(&mut self) {
        let Some(deleted) = self.deleted.take() else {
            self.info("Nothing to undo.");
            return;
        };
        let result = match deleted {
            Deleted::Category(id) => store::category::restore(&self.conn, id),
            Deleted::Contact(id) => {
                store::contact::restore(&self.conn, id).map_err(WriteError::from)
            }
            Deleted::Script(id) => store::script::undelete(&self.conn, id),
        };
        if let Err(e) = result {
            return self.error("Could not undo", e);
        }
        match deleted {
            Deleted::Script(id) => self.reload_scripts(Some(id)),
            Deleted::Category(id) | Deleted::Contact(id) => {
                self.refresh();
                match (deleted, self.pane) {
                    (Deleted::Category(_), Pane::Categories) => self.select_category(id),
                    (Deleted::Contact(_), Pane::Contacts) => self.select_contact(id),
                    _ => {}
                }
            }
        }
        self.info("Restored.");
    }

    pub(super) fn move_category(&mut self, up: bool) {
        let Some(id) = self.selected_category().map(|c| c.id) else {
            return;
        };
        match store::category::move_by(&self.conn, id, up) {
            Ok(true) => {
                self.refresh();
                self.select_category(id);
            }
            Ok(false) => {}
            Err(e) => self.error("Could not move", e),
        }
    }

    pub(super) fn step_stage(&mut self, up: bool) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, stage) = (c.id, c.name.clone(), c.stage);
        let Some(to) = (if up { stage.next() } else { stage.previous() }) else {
            return;
        };
        match store::contact::set_stage(&self.conn, id, to, self.today) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(format!("{name}: {}.", to.as_str()));
            }
            Err(e) => self.error("Could not save", e),
        }
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name, on) = (c.id, c.name.clone(), c.on_list);
        if !on && self.checklist.metrics.partners >= LIST_SIZE {
            self.popup = Some(Popup::Confirm {
                pending: Pending::MarkBeyond25(id),
                question: format!(
                    "You already have {} partners on your 25 list. Add {name} as one more?",
                    self.checklist.metrics.partners
                ),
            });
            return;
        }
        match store::contact::set_on_list(&self.conn, id, !on) {
            Ok(()) => {
                self.refresh_contact(id);
                self.message = Some(Message::Info(if on {
                    format!("{name} is off your 25 list.")
                } else {
                    format!(
                        "{name} is on your 25 list: {}/{LIST_SIZE}.",
                        self.checklist.metrics.partners
                    )
                }));
            }
            Err(e) => self.error("Could not save", e),
        }
    }
}
