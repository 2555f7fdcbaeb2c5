//! Where a move, Enter and Space go: the open popup's list if there is
//! one, else the pane that has the focus.

use super::{App, Pane, Popup, ProgramFocus};

impl App {
    pub(super) fn go_to(&mut self, pane: Pane) {
        if self.pane == Pane::Scripts && pane != Pane::Scripts {
            self.stop_editing();
        }
        self.pane = pane;
        // A card left for another pane no longer goes back on Esc.
        self.contacts.card_from = None;
        match pane {
            Pane::Contacts => self.reload_contacts(),
            Pane::Scripts => self.enter_scripts(),
            Pane::Referrals => self.reload_referrals(),
            Pane::Events => self.reload_events(),
            _ => {}
        }
    }

    pub(super) fn move_by(&mut self, by: isize) {
        match &mut self.popup {
            Some(Popup::Help { scroll }) => {
                let parts = crate::help::parts(&self.db_label, self.start);
                let max = crate::help::max_scroll(&parts, self.screen.unwrap_or((80, 24)));
                *scroll = step(usize::from(*scroll), by, max).try_into().unwrap_or(0);
                return;
            }
            Some(Popup::Search(search)) => {
                search.cursor = step(search.cursor, by, search.len().saturating_sub(1));
                return;
            }
            Some(Popup::Suggest(s)) => {
                s.cursor = step(s.cursor, by, s.items.len().saturating_sub(1));
                return;
            }
            Some(Popup::Versions(v)) => {
                v.cursor = step(v.cursor, by, v.list.len().saturating_sub(1));
                return;
            }
            _ => {}
        }
        match self.pane {
            Pane::Today => self.today_move(by),
            Pane::Program => self.program_move(by),
            Pane::Categories => self.categories.move_by(by),
            Pane::Contacts if self.contacts.card.is_some() => self.card_move(by),
            Pane::Contacts => self.contacts_move(by),
            Pane::Scripts => self.scripts_move(by),
            Pane::Referrals => self.referrals_move(by),
            Pane::Events => self.events_move(by),
        }
    }

    pub(super) fn open(&mut self) {
        if self.on_note() {
            self.open_note();
            return;
        }
        match self.pane {
            Pane::Program if self.program_pane.focus == ProgramFocus::Days => {
                self.program_pane.focus = ProgramFocus::Tasks;
                self.program_pane.task = 0;
            }
            Pane::Today => {
                let id = self
                    .selected_follow_up()
                    .map(|c| c.id)
                    .or_else(|| self.selected_thank_you().map(|t| t.to_id))
                    .or_else(|| self.selected_ask().map(|a| a.client_id))
                    .or_else(|| self.selected_touchpoint().map(|t| t.client_id));
                if let Some(c) = id {
                    self.show_contact(c);
                }
            }
            Pane::Scripts => self.start_editing(),
            Pane::Referrals => self.open_referral_contact(false),
            Pane::Contacts => self.open_card(),
            Pane::Events => self.open_event(),
            _ => {}
        }
    }

    /// `x`: in Events, take back the invitation under the cursor; else
    /// skip the touchpoint under it, or the task.
    pub(super) fn skip_selected(&mut self) {
        if self.pane == Pane::Events {
            return self.uninvite();
        }
        if !self.skip_touchpoint() {
            self.skip_task();
        }
    }

    pub(super) fn toggle_selected(&mut self) {
        if let Some(Popup::Suggest(s)) = &mut self.popup {
            if s.choosing {
                let s = s.clone();
                return self.choose_profession(&s);
            }
            if let Some(item) = s.items.get_mut(s.cursor).filter(|i| !i.on_list) {
                item.picked = !item.picked;
            }
            return;
        }
        if self.on_note() {
            self.open_note();
            return;
        }
        if self.pane == Pane::Events {
            return self.guest_came();
        }
        if self.selected_follow_up().is_some() {
            self.open_touch();
            return;
        }
        if self.selected_thank_you().is_some() {
            self.open_thanks_form();
            return;
        }
        if self.selected_ask().is_some() {
            self.open_outcome();
            return;
        }
        if self.selected_touchpoint().is_some() {
            self.open_touchpoint_done();
            return;
        }
        // On a card, Space is for what is planned; there are no tasks.
        if self.pane != Pane::Contacts {
            self.toggle_task();
        }
    }
}

/// Move `from` by `by`, kept within `0..=max`.
pub(crate) fn step(from: usize, by: isize, max: usize) -> usize {
    from.saturating_add_signed(by).min(max)
}

impl App {
    /// How many rows the list that has the focus holds: where j and k can
    /// move (the footer offers them when there is more than one).
    pub fn rows_in_focus(&self) -> usize {
        match self.pane {
            Pane::Today => self.today_rows().len(),
            Pane::Program => match self.program_pane.focus {
                ProgramFocus::Days => 25,
                ProgramFocus::Tasks => self
                    .program
                    .day(self.program_pane.day)
                    .map_or(0, |d| d.tasks.len() + 1),
            },
            Pane::Categories => self.categories.list.len(),
            Pane::Contacts => match &self.contacts.card {
                Some(card) => card.items.len(),
                None => self.contacts.total,
            },
            Pane::Scripts => self.scripts.list.len(),
            Pane::Referrals => self.referrals.rows().len(),
            Pane::Events => match &self.events.open {
                Some(super::Opened::Event { guests, .. }) => guests.len(),
                Some(super::Opened::Group { members, .. }) => members.len(),
                None => self.events.rows().len(),
            },
        }
    }
}
