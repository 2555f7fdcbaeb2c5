//! What the open popup saves, and which form `a` and `e` open in each
//! pane: the one place a form is routed to the pane that owns it.

use super::{App, Hit, Popup, SearchPurpose};
use crate::form::{Form, FormKind};
use crate::pane::Pane;

impl App {
    /// A field of the open form changed: the forms with pickers say whom
    /// the typed name means.
    pub(super) fn form_typed(&mut self) {
        match &self.popup {
            Some(Popup::Form(form)) if matches!(form.kind, FormKind::Contact(_)) => {
                self.contact_form_typed();
            }
            Some(Popup::Form(form)) if matches!(form.kind, FormKind::Referral(_)) => {
                self.referral_form_typed();
            }
            Some(Popup::Form(form)) if matches!(form.kind, FormKind::PutIn(_)) => {
                self.put_in_typed();
            }
            Some(Popup::Form(form)) if matches!(form.kind, FormKind::AskNames(..)) => {
                self.ask_names_typed();
            }
            Some(Popup::Form(form)) if matches!(form.kind, FormKind::Brought(..)) => {
                self.brought_typed();
            }
            _ => {}
        }
    }

    pub(super) fn open_form(&mut self, form: Form) {
        self.popup = Some(Popup::Form(Box::new(form)));
    }

    pub(super) fn save_popup(&mut self) {
        match self.popup.take() {
            Some(Popup::Note { day, editor, shown }) => self.save_note(day, editor, shown),
            Some(Popup::Form(form)) => self.save_form(form),
            Some(Popup::Suggest(s)) => self.add_suggestions(&s),
            Some(Popup::Versions(versions)) => self.restore_version(versions),
            Some(Popup::Import(imp)) => self.import_enter(imp),
            Some(Popup::Search(search)) => {
                match (search.found.get(search.cursor), search.purpose) {
                    (Some(&(Hit::Contact(id), _)), SearchPurpose::Preview) => self.preview_for(id),
                    (
                        Some(&(Hit::Contact(id), _)),
                        purpose @ (SearchPurpose::Invite(_) | SearchPurpose::Member(_)),
                    ) => {
                        self.popup = Some(Popup::Search(search));
                        self.picked_person(purpose, id);
                    }
                    (Some(&(hit, _)), _) => self.go_to_hit(hit),
                    (None, _) => self.popup = Some(Popup::Search(search)),
                }
            }
            other => self.popup = other,
        }
    }

    pub(super) fn save_form(&mut self, form: Box<Form>) {
        match form.kind {
            FormKind::StartDate => self.save_start(form),
            FormKind::Category(id) => self.save_category(form, id),
            FormKind::Contact(id) => self.save_contact(form, id),
            FormKind::Touch(..) | FormKind::EditTouch(..) => self.save_touch(form),
            FormKind::FollowUp(id) => self.save_follow_up(form, id),
            FormKind::Profession(then_suggest) => self.save_profession(form, then_suggest),
            FormKind::Script(id) => self.save_script_form(form, id),
            FormKind::Me => self.save_me_form(form),
            FormKind::Referral(direction) => self.save_referral(form, direction),
            FormKind::RefStatus(id, status) => self.save_status(form, id, status),
            FormKind::ThanksSent(..) | FormKind::ThankOld(..) => self.save_thanks(form),
            FormKind::PutIn(id) => self.save_put_in(form, id),
            FormKind::AskNames(client, ask) => self.save_ask_names(form, client, ask),
            FormKind::AskLater(client, ask) => self.save_ask_later(form, client, ask),
            FormKind::AskPlan(client) => self.save_ask_plan(form, client),
            FormKind::TouchpointDone(id) => self.save_touchpoint_done(form, id),
            FormKind::TouchpointMove(id) => self.save_touchpoint_move(form, id),
            FormKind::Journey => self.save_journey(form),
            FormKind::Event(id) => self.save_event(form, id),
            FormKind::Group => self.save_group(form),
            FormKind::Brought(event, by) => self.save_brought(form, event, by),
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
            Pane::Events => self.open_event_form(false),
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
                if let Some(c) = &self.contacts.selected {
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
            Pane::Events => self.open_event_form(true),
            _ => {}
        }
    }
}
