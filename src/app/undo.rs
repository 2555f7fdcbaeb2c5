//! `u`: take back the last change made in this window, one at a time,
//! whatever it was (store::undo keeps every change as rows). Each write a
//! key makes is named first (`record`), in the user's words, so that `u`
//! can say what it undid.

use std::sync::atomic::{AtomicU64, Ordering};

use super::App;
use crate::pane::Pane;
use crate::store::{self, TIMESTAMP_FORMAT, WriteError};

/// Windows opened by this process so far: each has an origin of its own.
static WINDOWS: AtomicU64 = AtomicU64::new(0);

/// A name for this window's changes, unique among the windows open on a
/// file: the process and a count within it.
pub(super) fn new_origin() -> String {
    let n = WINDOWS.fetch_add(1, Ordering::Relaxed);
    format!("window {}.{n}", std::process::id())
}

impl App {
    /// The writes this key makes are one change, `label`: `u` takes them
    /// back together. Recording ends when the key's update is over.
    pub(super) fn record(&mut self, label: impl Into<String>) {
        let at = self.now().format(TIMESTAMP_FORMAT).to_string();
        match store::undo::begin(&self.conn, &self.origin, &label.into(), &at) {
            Ok(()) => self.recording = true,
            Err(e) => self.error("Could not keep the change for undo", e),
        }
    }

    /// A contact's name, for saying what a change was about.
    pub(super) fn name_of(&self, id: i64) -> String {
        store::contact::get(&self.conn, id)
            .ok()
            .flatten()
            .map(|c| c.name)
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// A touchpoint as a change names it: its step and its client.
    pub(super) fn touchpoint_named(&self, id: i64) -> String {
        store::journey::get(&self.conn, id)
            .ok()
            .flatten()
            .map(|t| format!("{} for {}", t.title, t.client))
            .unwrap_or_else(|| "a touchpoint".into())
    }

    /// The key's update is over: what it wrote is one change.
    pub(super) fn end_record(&mut self) {
        if std::mem::take(&mut self.recording)
            && let Err(e) = store::undo::end(&self.conn)
        {
            self.error("Could not keep the change for undo", e);
        }
    }

    /// `u`: undo the last change made in this window, and say what it was.
    pub(super) fn undo(&mut self) {
        let at = self.now().format(TIMESTAMP_FORMAT).to_string();
        match store::undo::undo(&self.conn, &self.origin, &at) {
            Ok(Some(undone)) => {
                self.read_everything();
                self.show_undone(&undone.rows);
                self.info(format!("Undone: {}.", undone.label));
            }
            Ok(None) => self.info("Nothing to undo: this window has changed nothing yet."),
            Err(WriteError::Refused(why)) => self.info(why),
            Err(e) => self.error("Could not undo", e),
        }
    }

    /// Put the cursor of the pane in view on what the undo brought back.
    fn show_undone(&mut self, rows: &[(String, i64)]) {
        let first = |table: &str| rows.iter().find(|(t, _)| t == table).map(|(_, id)| *id);
        match self.pane {
            Pane::Categories => {
                if let Some(id) = first("category") {
                    self.select_category(id);
                }
            }
            Pane::Contacts if self.contacts.card.is_none() => {
                if let Some(id) = first("contact") {
                    self.select_contact(id);
                }
            }
            Pane::Referrals => {
                if let Some(i) = first("referral")
                    .and_then(|id| self.referrals.list.iter().position(|r| r.id == id))
                {
                    self.referrals.cursor = i;
                }
            }
            Pane::Scripts => {
                if let Some(id) = first("script") {
                    self.reload_scripts(Some(id));
                }
            }
            Pane::Events => {
                if let Some(id) = first("event") {
                    self.select_event(id);
                }
            }
            _ => {}
        }
    }

    /// After an undo, which may have changed anything: every pane reads
    /// what is stored now, each cursor kept on its item.
    fn read_everything(&mut self) {
        self.sync();
        self.reload_scripts(self.scripts.selected().map(|s| s.id));
        self.reload_events();
        self.refresh_measures();
    }
}
