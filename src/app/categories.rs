//! The Categories pane: the most-wanted list, its form and its order.

use super::{App, Popup, step};
use crate::domain::category::{DEFAULT_TARGET, GOAL};
use crate::domain::text::{fold, key};
use crate::domain::{Category, CategoryDraft, CategoryField};
use crate::form::{Form, FormKind};
use crate::store;

/// The Categories pane's own state.
#[derive(Debug, Default)]
pub struct CategoriesPane {
    /// The most-wanted list, in the user's order, with counts.
    pub list: Vec<Category>,
    pub cursor: usize,
    /// How many live contacts are in no category of the list.
    pub elsewhere: u32,
}

impl CategoriesPane {
    /// Count a contact's row out of the counts (`n` = -1) or in (1).
    pub fn tally(&mut self, row: &crate::domain::ContactRow, n: i64) {
        match self.list.iter_mut().find(|c| Some(c.id) == row.category_id) {
            Some(c) => c.tally(row.stage, row.on_list, n),
            None => {
                self.elsewhere =
                    u32::try_from((i64::from(self.elsewhere) + n).max(0)).unwrap_or(u32::MAX);
            }
        }
    }

    /// How many contacts there are: in the categories and elsewhere.
    pub fn everyone(&self) -> usize {
        let counted: u64 = self.list.iter().map(|c| u64::from(c.contacts)).sum();
        usize::try_from(counted + u64::from(self.elsewhere)).unwrap_or(usize::MAX)
    }
}

/// The category form's values for `c`, as the form shows them.
fn category_values(c: &Category) -> Vec<String> {
    vec![c.name.clone(), c.why.clone(), c.target.to_string()]
}

impl CategoriesPane {
    pub(super) fn move_by(&mut self, by: isize) {
        self.cursor = step(self.cursor, by, self.list.len().saturating_sub(1));
    }
}

impl App {
    pub(super) fn selected_category(&self) -> Option<&Category> {
        self.categories.list.get(self.categories.cursor)
    }

    pub(super) fn select_category(&mut self, id: i64) {
        if let Some(i) = self.categories.list.iter().position(|c| c.id == id) {
            self.categories.cursor = i;
        }
    }

    pub(super) fn open_category_form(&mut self, category: Option<Category>) {
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

    pub(super) fn save_category(&mut self, mut form: Box<Form>, id: Option<i64>) {
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
        self.record(match id {
            Some(_) => format!("the category {:?} changed", draft.name),
            None => format!("the category {:?} added", draft.name),
        });
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
                        self.categories.list.len()
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
    /// category it is the start of, or the start of a word of, or a part of.
    pub(super) fn category_for(&self, typed: &str) -> Result<&Category, String> {
        let t = key(typed);
        if self.categories.list.is_empty() {
            return Err("Add a category first (pane 3), then its people.".into());
        }
        if t.is_empty() {
            return Err("Which category? Type one from your list.".into());
        }
        if let Some(c) = self.categories.list.iter().find(|c| key(&c.name) == t) {
            return Ok(c);
        }
        // The start of a name, else of a word in one ("coach" is "Business
        // coaches"), else any part of one.
        let part = fold(typed.trim());
        let holding = |test: &dyn Fn(&str) -> bool| -> Vec<&Category> {
            self.categories
                .list
                .iter()
                .filter(|c| test(&fold(&c.name)))
                .collect()
        };
        let mut starts = holding(&|n| n.starts_with(&part));
        if starts.is_empty() {
            starts = holding(&|n| {
                n.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(&part))
            });
        }
        if starts.is_empty() {
            starts = holding(&|n| n.contains(&part));
        }
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

    pub(super) fn move_category(&mut self, up: bool) {
        let Some((id, name)) = self.selected_category().map(|c| (c.id, c.name.clone())) else {
            return;
        };
        self.record(format!(
            "{name:?} moved {} the list",
            if up { "up" } else { "down" }
        ));
        match store::category::move_by(&self.conn, id, up) {
            Ok(true) => {
                self.refresh();
                self.select_category(id);
            }
            Ok(false) => {}
            Err(e) => self.error("Could not move", e),
        }
    }
}
