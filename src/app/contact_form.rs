//! The forms about one contact: adding and editing, a touch, a follow-up.

use chrono::NaiveDate;

use super::{App, Popup};
use crate::domain::contact::DEFAULT_CADENCE;
use crate::domain::dates::{check, day, parse_for};
use crate::domain::search::Index;
use crate::domain::{Contact, ContactDraft, ContactField, DateUse};
use crate::form::{Form, FormKind};
use crate::store;

/// The contact form's fields, in order: name, company and e-mail first so
/// that typing in the usual three takes two Tabs.
const CONTACT_FIELDS: [(ContactField, &str, &str); 13] = [
    (ContactField::Name, "Name", "full name"),
    (ContactField::Company, "Company", ""),
    (ContactField::Email, "E-mail", "name@example.com"),
    (ContactField::Phone, "Phone", ""),
    (ContactField::Role, "Role", ""),
    (ContactField::City, "City", ""),
    (
        ContactField::Category,
        "Category",
        "a category on your list; empty for a client",
    ),
    (
        ContactField::ClientSince,
        "Client since",
        "YYYY-MM-DD, or empty if not a client",
    ),
    (ContactField::MetHow, "How met", "where or how you met"),
    (
        ContactField::ReferredBy,
        "Referred by",
        "type part of a contact's name",
    ),
    (
        ContactField::Notes,
        "Notes",
        "anything to remember; Alt-Enter starts a new line",
    ),
    (ContactField::Cadence, "Every (days)", ""),
    (ContactField::FollowUp, "Follow up on", "YYYY-MM-DD"),
];

/// Where `field` is in the contact form.
fn contact_field(field: ContactField) -> usize {
    CONTACT_FIELDS
        .iter()
        .position(|(f, _, _)| *f == field)
        .unwrap_or(0)
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl App {
    /// The contact form's values for `c` (empty for a new contact) in
    /// `category`, as the form shows them.
    fn contact_values(&self, c: Option<&Contact>, category: &str) -> Vec<String> {
        let text = |f: fn(&Contact) -> &str| c.map(f).unwrap_or("").to_owned();
        let introduced = c
            .and_then(|c| c.referred_by)
            .and_then(|i| store::contact::name_label(&self.conn, i).ok().flatten())
            .unwrap_or_default();
        let cadence = c.map_or(String::new(), |c| c.cadence_days.to_string());
        CONTACT_FIELDS
            .iter()
            .map(|(field, _, _)| match field {
                ContactField::Name => text(|c| &c.name),
                ContactField::Company => text(|c| &c.company),
                ContactField::Email => text(|c| &c.email),
                ContactField::Phone => text(|c| &c.phone),
                ContactField::Role => text(|c| &c.role),
                ContactField::City => text(|c| &c.city),
                ContactField::Category => category.to_owned(),
                ContactField::ClientSince => date_text(c.and_then(|c| c.client_since)),
                ContactField::MetHow => text(|c| &c.met_how),
                ContactField::ReferredBy => introduced.clone(),
                ContactField::Notes => text(|c| &c.notes),
                ContactField::Cadence => cadence.clone(),
                ContactField::FollowUp => date_text(c.and_then(|c| c.next_follow_up)),
            })
            .collect()
    }

    /// Open the contact form: empty in `category` when adding, filled in when
    /// editing `id`. `added` counts contacts added in a row so far.
    pub(super) fn open_contact_form(&mut self, id: Option<i64>, category: &str, added: usize) {
        self.contacts.names = Index::new(store::contact::names(&self.conn).unwrap_or_default());
        let existing = id.and_then(|id| store::contact::get(&self.conn, id).ok().flatten());
        let values = self.contact_values(existing.as_ref(), category);
        let default_cadence = DEFAULT_CADENCE.to_string();
        let fields: Vec<(&'static str, &str, &str)> = CONTACT_FIELDS
            .iter()
            .zip(&values)
            .map(|((field, label, placeholder), value)| {
                let placeholder = match field {
                    ContactField::Cadence => default_cadence.as_str(),
                    _ => placeholder,
                };
                (*label, value.as_str(), placeholder)
            })
            .collect();
        let title = match (id, added) {
            (Some(_), _) => " Edit contact ".to_owned(),
            (None, 0) => " New contact ".to_owned(),
            (None, n) => format!(" Next contact · {n} added · Esc when done "),
        };
        let mut form = Form::new(FormKind::Contact(id), title, &fields)
            .with_lines(contact_field(ContactField::Notes));
        form.streak = added;
        if existing.is_some() {
            form.base = Some(values);
        }
        self.open_form(form);
    }

    /// Keep the "Referred by" field's match up to date as it is typed.
    pub(super) fn contact_form_typed(&mut self) {
        let at = contact_field(ContactField::ReferredBy);
        let typed = match &self.popup {
            Some(Popup::Form(form)) if form.focus == at => form.value(at),
            _ => return,
        };
        let note = self.match_note(&typed);
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.fields[at].note = note;
        }
    }

    fn contact_draft(
        &mut self,
        form: &Form,
    ) -> Result<(ContactDraft, Option<i64>), (usize, String)> {
        let at = |(f, why): (ContactField, String)| (contact_field(f), why);
        let value = |f: ContactField| form.value(contact_field(f));
        let mut draft = ContactDraft::named(&value(ContactField::Name))
            .and_then(|d| d.with_email(&value(ContactField::Email)))
            .and_then(|d| d.with_cadence(&value(ContactField::Cadence)))
            .and_then(|d| d.with_follow_up(&value(ContactField::FollowUp)))
            .and_then(|d| d.with_client_since(&value(ContactField::ClientSince)))
            .map_err(at)?;
        if let Some(d) = draft.next_follow_up {
            check(d, self.today, DateUse::FollowUp)
                .map_err(|why| (contact_field(ContactField::FollowUp), why))?;
        }
        if let Some(d) = draft.client_since {
            check(d, self.today, DateUse::Happened)
                .map_err(|why| (contact_field(ContactField::ClientSince), why))?;
        }
        let one = |f| crate::domain::text::one_line(&value(f));
        draft.company = one(ContactField::Company);
        draft.phone = one(ContactField::Phone);
        draft.role = one(ContactField::Role);
        draft.city = one(ContactField::City);
        draft.met_how = one(ContactField::MetHow);
        draft.notes = value(ContactField::Notes).trim().to_owned();
        // A client needs no category; anyone else is in one.
        let typed = value(ContactField::Category);
        let category = if typed.trim().is_empty() && draft.client_since.is_some() {
            None
        } else {
            Some(
                self.category_for(&typed)
                    .map_err(|why| (contact_field(ContactField::Category), why))?
                    .id,
            )
        };
        let typed = form.value(contact_field(ContactField::ReferredBy));
        if !typed.trim().is_empty() {
            let (id, _) = self
                .contact_match(&typed)
                .map_err(|why| (contact_field(ContactField::ReferredBy), why))?;
            draft.referred_by = Some(id);
        }
        Ok((draft, category))
    }

    pub(super) fn save_contact(&mut self, mut form: Box<Form>, id: Option<i64>) {
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
        // A new contact who seems to be someone already here: say who, and
        // add them only on a second Enter with nothing changed.
        if id.is_none()
            && let Ok(Some((same, by_email))) =
                store::contact::same_as(&self.conn, &draft.name, category, &draft.email)
        {
            let (field, warning) = if by_email {
                (
                    contact_field(ContactField::Email),
                    format!(
                        "{} (#{}) has this e-mail. Enter adds another anyway.",
                        same.name, same.id
                    ),
                )
            } else {
                (
                    0,
                    format!(
                        "{} (#{}) is already in {}. Enter adds another anyway.",
                        same.name, same.id, same.category
                    ),
                )
            };
            if form.error.as_ref() != Some(&(field, warning.clone())) {
                form.fail(field, warning);
                self.popup = Some(Popup::Form(form));
                return;
            }
        }
        self.record(match id {
            Some(_) => format!("the details of {} changed", draft.name),
            None => format!("{} added", draft.name),
        });
        let written = match id {
            Some(id) => {
                store::contact::update(&self.conn, id, category, &draft, &self.now()).map(|()| id)
            }
            None => store::contact::add(&self.conn, category, &draft, &self.now()),
        };
        let saved = match written {
            Ok(saved) => saved,
            Err(e) => {
                // Perhaps deleted in another window: show the lists as
                // they are, and the problem beside the field it is about.
                self.refresh();
                let field =
                    if category.is_none_or(|k| self.categories.list.iter().any(|c| c.id == k)) {
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
        let category_name = form.value(contact_field(ContactField::Category));
        self.open_contact_form(None, &category_name, form.streak + 1);
        self.info(format!(
            "Saved {}. Type the next one, or Esc when done.",
            draft.name
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

    pub(super) fn save_follow_up(&mut self, mut form: Box<Form>, id: i64) {
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
        let name = store::contact::get(&self.conn, id)
            .ok()
            .flatten()
            .map(|c| c.name);
        self.record(format!(
            "the follow-up with {} set",
            name.unwrap_or_default()
        ));
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
}
