//! Another list25 window, or the command line, writes to the same file.
//! SQLite's `data_version` changes when another connection commits: the
//! app looks at it on the tick and then shows what is there now.

use std::time::{Duration, Instant};

use super::{App, TodayPane};
use crate::domain::SaveKind;
use crate::pane::Pane;
use crate::store;

/// How often to look for changes made elsewhere.
pub const LOOK_EVERY: Duration = Duration::from_millis(500);

impl App {
    /// Time passed: if another program changed the database since the
    /// last look, show what is there now.
    pub(super) fn look_for_changes(&mut self, now: Instant) {
        if self.last_look.is_some_and(|at| now < at + LOOK_EVERY) {
            return;
        }
        self.last_look = Some(now);
        match store::data_version(&self.conn) {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.sync();
            }
            Ok(_) => {}
            Err(e) => self.error("Could not look for changes", e),
        }
    }

    /// Read again what the panes show, keeping each cursor on the same
    /// item. Text being typed is saved first, so that what another window
    /// changed and what is typed here are both kept (see `flush_script`).
    pub(super) fn sync(&mut self) {
        let program = (|| {
            Ok::<_, rusqlite::Error>((
                store::program::start_date(&self.conn)?,
                store::program::done_tasks(&self.conn)?,
                store::program::skipped_tasks(&self.conn)?,
                store::program::notes(&self.conn)?,
            ))
        })();
        match program {
            Ok((start, done, skipped, notes)) => {
                self.start = start.unwrap_or(self.today);
                self.checklist.done = done;
                self.checklist.skipped = skipped;
                self.notes = notes;
            }
            Err(e) => return self.error("Could not read the program", e),
        }
        let category = self
            .categories
            .list
            .get(self.categories.cursor)
            .map(|c| c.id);
        self.refresh_counts();
        if let Some(id) = category {
            self.select_category(id);
        }
        if self.pane == super::Pane::Contacts {
            let contact = self.contacts.current().map(|c| c.id);
            self.reload_contacts_at(contact);
        }
        if let Some(id) = self.contacts.card.as_ref().map(|c| c.contact.id) {
            self.refresh_card(id);
        }
        if self.pane == super::Pane::Referrals {
            let id = self.referrals.selected().map(|r| r.id);
            self.reload_referrals();
            if let Some(i) = id.and_then(|id| self.referrals.list.iter().position(|r| r.id == id)) {
                self.referrals.cursor = i;
            }
        }
        if self.pane == super::Pane::Events {
            self.reload_events();
        }
        if self.scripts.editor.is_some() {
            if self.scripts.editor.as_ref().is_some_and(|e| e.is_dirty()) {
                self.flush_script(SaveKind::Auto, false);
            }
            self.reload_scripts(None);
            self.show_stored_text();
        }
    }

    /// A clean editor whose script was changed elsewhere shows the text
    /// stored now; the text it had is one of the script's versions.
    fn show_stored_text(&mut self) {
        let Some(editor) = &mut self.scripts.editor else {
            return;
        };
        if editor.is_dirty() {
            return;
        }
        let stored = match store::script::get(&self.conn, editor.script) {
            Ok(Some(s)) => s.text,
            Ok(None) => return,
            Err(e) => return self.error("Could not read the script", e),
        };
        if stored != editor.base() {
            let mine = editor.current();
            editor.replace(&stored);
            self.refresh_preview();
            if mine != stored {
                self.info(
                    "Changed in another window: this is the text now; yours is a version (v).",
                );
            }
        }
    }

    /// Read again everything that depends on categories and contacts.
    pub(super) fn refresh(&mut self) {
        self.refresh_counts();
        match self.pane {
            Pane::Contacts => self.reload_contacts(),
            Pane::Referrals => self.reload_referrals(),
            Pane::Events => self.reload_events(),
            _ => {}
        }
    }

    /// Read again the categories with their counts, the follow-ups due
    /// and the thank-yous owed.
    pub(super) fn refresh_counts(&mut self) {
        match store::category::counted(&self.conn) {
            Ok((categories, elsewhere)) => {
                self.categories.list = categories;
                self.categories.elsewhere = elsewhere;
                self.categories.cursor = self
                    .categories
                    .cursor
                    .min(self.categories.list.len().saturating_sub(1));
            }
            Err(e) => return self.error("Could not read the list", e),
        }
        self.refresh_measures();
    }

    /// Read again what counts from the categories' counts as they are
    /// kept (the measured tasks), the follow-ups due and the thank-yous
    /// owed.
    pub(super) fn refresh_measures(&mut self) {
        let loaded = (|| {
            Ok::<_, rusqlite::Error>((
                store::metrics::from_categories(&self.conn, &self.categories.list, self.today)?,
                TodayPane::load(&self.conn, self.today)?,
            ))
        })();
        match loaded {
            Ok((metrics, fresh)) => {
                self.checklist.metrics = metrics;
                self.today_pane = TodayPane {
                    cursor: self.today_pane.cursor,
                    ..fresh
                };
                let rows = self.today_rows().len();
                self.today_pane.cursor = self.today_pane.cursor.min(rows.saturating_sub(1));
                self.read_ask_script();
            }
            Err(e) => self.error("Could not read the list", e),
        }
    }
}
