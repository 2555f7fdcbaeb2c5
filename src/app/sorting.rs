//! Sorting people into categories, one key each: `p` on a contact asks
//! which category, by a part of its name, and puts them in it. In the
//! unsorted view they then leave the list, and the cursor is on the next.

use super::{App, Popup};
use crate::form::{Form, FormKind};
use crate::store;

impl App {
    pub(super) fn open_put_in(&mut self) {
        let Some(c) = self.target_contact() else {
            return;
        };
        let (id, name) = (c.id, c.name.clone());
        if self.categories.list.is_empty() {
            self.info("Add a category first (pane 3), then put people in it.".to_owned());
            return;
        }
        let names: Vec<&str> = self
            .categories
            .list
            .iter()
            .take(3)
            .map(|c| c.name.as_str())
            .collect();
        let more = if self.categories.list.len() > 3 {
            ", …"
        } else {
            ""
        };
        let hint = format!("part of a name: {}{more}", names.join(", "));
        self.open_form(Form::new(
            FormKind::PutIn(id),
            format!(" Put {name} in a category "),
            &[("Category", "", &hint)],
        ));
    }

    /// As the category is typed, say which one it means.
    pub(super) fn put_in_typed(&mut self) {
        let typed = match &self.popup {
            Some(Popup::Form(form)) => form.value(0),
            _ => return,
        };
        let note = if typed.trim().is_empty() {
            None
        } else {
            Some(match self.category_for(&typed) {
                Ok(c) => format!("→ {}", c.name),
                Err(why) => why,
            })
        };
        if let Some(Popup::Form(form)) = &mut self.popup {
            form.fields[0].note = note;
        }
    }

    pub(super) fn save_put_in(&mut self, mut form: Box<Form>, id: i64) {
        let (category, label) = match self.category_for(&form.value(0)) {
            Ok(c) => (c.id, c.name.clone()),
            Err(why) => {
                form.fail(0, why);
                self.popup = Some(Popup::Form(form));
                return;
            }
        };
        let name = self.target_contact().map(|c| c.name.clone());
        self.record(format!(
            "{} put in {label}",
            name.clone().unwrap_or_default()
        ));
        match store::contact::set_category(&self.conn, id, category) {
            Ok(()) => {
                self.refresh_contact(id);
                self.info(format!("{} is in {label}.", name.unwrap_or_default()));
            }
            Err(e) => {
                self.refresh();
                form.fail(0, e.to_string());
                self.popup = Some(Popup::Form(form));
            }
        }
    }
}
