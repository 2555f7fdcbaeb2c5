//! Your profession, and the categories suggested for it: pick several
//! and add them in one step.

use super::{App, Popup};
use crate::domain::CategoryDraft;
use crate::domain::category::GOAL;
use crate::domain::text::key;
use crate::form::{Form, FormKind};
use crate::store;

/// One suggested category in the picker, or one profession to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    /// Why the category is worth courting; for a profession, the first of
    /// its categories.
    pub why: String,
    pub picked: bool,
    /// Already on the most-wanted list: shown, not pickable.
    pub on_list: bool,
}

/// Suggested categories for the user's profession, to pick several at
/// once; or, when no profession fits what the user typed, the professions
/// known, to choose the nearest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggest {
    /// The profession the suggestions are for; what the user typed while
    /// choosing.
    pub profession: String,
    pub items: Vec<Suggestion>,
    pub cursor: usize,
    /// The items are professions to choose from.
    pub choosing: bool,
}

impl App {
    pub(super) fn open_profession(&mut self, then_suggest: bool) {
        let current = store::settings::get(&self.conn, store::settings::PROFESSION)
            .ok()
            .flatten()
            .unwrap_or_default();
        self.open_form(Form::new(
            FormKind::Profession(then_suggest),
            " What do you do? ",
            &[(
                "Profession",
                &current,
                "e.g. graphic designer for start-ups",
            )],
        ));
    }

    pub(super) fn save_profession(&mut self, mut form: Box<Form>, then_suggest: bool) {
        let typed = crate::domain::text::one_line(&form.value(0));
        if typed.is_empty() {
            form.fail(
                0,
                "Say in a few words what you do, e.g. estate planning attorney.",
            );
            self.popup = Some(Popup::Form(form));
            return;
        }
        self.record("your profession changed");
        if let Err(e) = store::settings::set(&self.conn, store::settings::PROFESSION, &typed) {
            self.error("Could not save", e);
            return;
        }
        if then_suggest {
            self.open_suggestions();
        } else {
            self.info(format!(
                "Profession: {typed}. Press s for suggested categories."
            ));
        }
    }

    /// The suggestions picker for the user's profession; asks the
    /// profession first if it was never given.
    pub(super) fn open_suggestions(&mut self) {
        let profession = match store::settings::get(&self.conn, store::settings::PROFESSION) {
            Ok(Some(p)) => p,
            Ok(None) => return self.open_profession(true),
            Err(e) => return self.error("Could not read the settings", e),
        };
        let all = match crate::domain::suggest::builtin() {
            Ok(all) => all,
            Err(e) => return self.error("Could not read the suggestions", e),
        };
        match all.for_profession(&profession) {
            Some(found) => self.show_suggestions(&all, found, &profession),
            None => {
                let items = all
                    .professions
                    .iter()
                    .map(|p| Suggestion {
                        name: p.name.clone(),
                        why: p
                            .categories
                            .iter()
                            .take(4)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", "),
                        picked: false,
                        on_list: false,
                    })
                    .collect();
                self.popup = Some(Popup::Suggest(Box::new(Suggest {
                    profession,
                    items,
                    cursor: 0,
                    choosing: true,
                })));
            }
        }
    }

    /// The categories suggested for `found`, the profession of a user who
    /// calls their work `typed`.
    fn show_suggestions(
        &mut self,
        all: &crate::domain::suggest::Suggestions,
        found: &crate::domain::suggest::Profession,
        typed: &str,
    ) {
        let on_list = |name: &str| {
            self.categories
                .list
                .iter()
                .any(|c| key(&c.name) == key(name))
        };
        let items = all
            .categories(found, typed)
            .into_iter()
            .map(|s| Suggestion {
                on_list: on_list(&s.name),
                name: s.name,
                why: s.why,
                picked: false,
            })
            .collect();
        self.popup = Some(Popup::Suggest(Box::new(Suggest {
            profession: found.name.clone(),
            items,
            cursor: 0,
            choosing: false,
        })));
    }

    /// While choosing a profession: show the suggestions for the one under
    /// the cursor.
    pub(super) fn choose_profession(&mut self, suggest: &Suggest) {
        let (Ok(all), Some(item)) = (
            crate::domain::suggest::builtin(),
            suggest.items.get(suggest.cursor),
        ) else {
            return;
        };
        if let Some(found) = all.named(&item.name) {
            self.show_suggestions(&all, found, &suggest.profession);
        }
    }

    pub(super) fn add_suggestions(&mut self, suggest: &Suggest) {
        if suggest.choosing {
            return self.choose_profession(suggest);
        }
        let drafts: Vec<CategoryDraft> = suggest
            .items
            .iter()
            .filter(|i| i.picked)
            .filter_map(|i| {
                // The line of why comes along: it is what day 5 asks for.
                CategoryDraft::parse(&i.name, &i.why, "")
                    .or_else(|_| CategoryDraft::parse(&i.name, "", ""))
                    .ok()
            })
            .collect();
        if drafts.is_empty() {
            self.info("Nothing picked: Space picks a suggestion, Enter adds what is picked.");
            self.popup = Some(Popup::Suggest(Box::new(suggest.clone())));
            return;
        }
        self.record(format!("{} suggested categories added", drafts.len()));
        match store::category::add_many(&self.conn, &drafts, &self.now()) {
            Ok(n) => {
                self.refresh();
                self.info(format!(
                    "Added {n} categories, each with why: {} of {GOAL} on your list. e changes one.",
                    self.categories.list.len()
                ));
            }
            Err(e) => self.error("Could not add", e),
        }
    }
}
