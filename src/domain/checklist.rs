//! Progress through the program: which tasks are done, by hand or by the data.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::program::{Metric, Position, Program, Task, TaskRef};

/// Counts read from the user's data, used by measured tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Metrics {
    pub categories: u32,
    pub contacts: u32,
    pub categories_with_contacts: u32,
    pub met: u32,
    /// Partners, by the one rule (`contact::is_partner`).
    pub partners: u32,
    /// Contacts marked ★ on the 25 list, met or not.
    pub listed: u32,
    /// Clients with a referrer recorded.
    pub referrers: u32,
    /// Of those, the ones whose referrer was thanked for them.
    pub referrers_thanked: u32,
    pub groups: u32,
    pub events_planned: u32,
    /// 1 once the user saved the journey template.
    pub journey_set: u32,
    pub welcomes: u32,
    pub clients: u32,
    /// Clients with an ask planned.
    pub asks_planned: u32,
    pub categories_with_why: u32,
    pub group_meetings: u32,
    pub value_set: u32,
    pub category_values: u32,
    /// Counts of what was done since the round began, each read only up to
    /// what its task needs (a count past the target changes nothing).
    pub touches: u32,
    pub given: u32,
    pub referrers_ever: u32,
    pub thanks_by_call: u32,
    pub cards: u32,
    pub wows: u32,
    pub events_dated: u32,
    pub events_with_partner: u32,
    pub welcome_written: u32,
    pub ask_days_set: u32,
    pub asks_picked: u32,
    pub ask_written: u32,
    pub asks_made: u32,
    /// Thank-yous owed in the round before day 22: all, and those sent.
    pub owed_before: u32,
    pub thanked_before: u32,
    /// News owed before day 22: all, and told.
    pub news_before: u32,
    pub told_before: u32,
    /// People on the 25 list with a follow-up date.
    pub follow_ups_set: u32,
    /// The day of the round today is (26 and on after it).
    pub round_day: u8,
}

impl Metrics {
    /// The counts, from the most-wanted list with its per-category counts.
    pub fn from_categories(categories: &[super::Category]) -> Self {
        Metrics {
            categories: u32::try_from(categories.len()).unwrap_or(u32::MAX),
            contacts: categories.iter().map(|c| c.contacts).sum(),
            categories_with_contacts: u32::try_from(
                categories.iter().filter(|c| c.contacts > 0).count(),
            )
            .unwrap_or(u32::MAX),
            met: categories.iter().map(|c| c.met).sum(),
            partners: categories.iter().map(|c| c.partners).sum(),
            listed: categories.iter().map(|c| c.on_list).sum(),
            categories_with_why: u32::try_from(
                categories
                    .iter()
                    .filter(|c| !c.why.trim().is_empty())
                    .count(),
            )
            .unwrap_or(u32::MAX),
            ..Metrics::default()
        }
    }

    pub fn value(&self, metric: Metric) -> u32 {
        match metric {
            Metric::Categories => self.categories,
            Metric::Contacts => self.contacts,
            Metric::CategoriesWithContacts => self.categories_with_contacts,
            Metric::Met => self.met,
            Metric::Partners => self.partners,
            Metric::ReferrersThanked => self.referrers_thanked,
            Metric::Groups => self.groups,
            Metric::EventsPlanned => self.events_planned,
            Metric::JourneySet => self.journey_set,
            Metric::Welcomes => self.welcomes,
            Metric::AsksPlanned => self.asks_planned,
            Metric::CategoriesWithWhy => self.categories_with_why,
            Metric::Clients => self.clients,
            Metric::GroupMeetings => self.group_meetings,
            Metric::ValueSet => self.value_set,
            Metric::CategoryValues => self.category_values,
            Metric::Touches => self.touches,
            Metric::Given => self.given,
            Metric::Referrers => self.referrers_ever,
            Metric::ThanksByCall => self.thanks_by_call,
            Metric::Cards => self.cards,
            Metric::Wows => self.wows,
            Metric::EventsDated => self.events_dated,
            Metric::EventsWithPartner => self.events_with_partner,
            Metric::WelcomeWritten => self.welcome_written,
            Metric::AskDaysSet => self.ask_days_set,
            Metric::AsksPicked => self.asks_picked,
            Metric::AskWritten => self.ask_written,
            Metric::AsksMade => self.asks_made,
            Metric::ThankedBefore => self.thanked_before,
            Metric::ToldBefore => self.told_before,
            Metric::FollowUpsSet => self.follow_ups_set,
        }
    }

    /// What a measured task aims for: its target, or for "every referrer
    /// thanked" all the referrers recorded, if more.
    pub fn target(&self, measure: super::program::Measure) -> u32 {
        match measure.metric {
            Metric::ReferrersThanked => measure.target.max(self.referrers),
            Metric::AsksPlanned => measure.target.max(self.clients),
            Metric::CategoriesWithWhy => measure.target.max(self.categories),
            Metric::FollowUpsSet => measure.target.max(self.listed),
            // Nothing owed is nothing left to do, once the day that asks
            // it has come.
            Metric::ThankedBefore if self.owed_before == 0 && self.round_day < 22 => 1,
            Metric::ToldBefore if self.news_before == 0 && self.round_day < 22 => 1,
            Metric::ThankedBefore => self.owed_before,
            Metric::ToldBefore => self.news_before,
            _ => measure.target,
        }
    }
}

/// The state of one task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Ticked by hand at this moment.
    Done(NaiveDateTime),
    /// Not ticked yet.
    Open,
    /// Measured from the data: `value` of `target`.
    Measured { value: u32, target: u32 },
}

impl Status {
    pub fn is_done(self) -> bool {
        match self {
            Status::Done(_) => true,
            Status::Open => false,
            Status::Measured { value, target } => value >= target,
        }
    }
}

/// One line of a checklist: a task, and whether it is from an earlier day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub task: TaskRef,
    pub behind: bool,
}

/// What the user has done: hand ticks and measured counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    pub done: BTreeMap<TaskRef, NaiveDateTime>,
    /// Tasks skipped: off Today, counted as skipped, not done.
    pub skipped: BTreeMap<TaskRef, NaiveDateTime>,
    pub metrics: Metrics,
}

/// What Behind leaves out: the tasks of days before the most recent few.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    pub tasks: usize,
    /// The first and last of those days.
    pub days: Option<(u8, u8)>,
}

impl Checklist {
    pub fn status(&self, r: &TaskRef, task: &Task) -> Status {
        if let Some(m) = task.measure {
            return Status::Measured {
                value: self.metrics.value(m.metric),
                target: self.metrics.target(m),
            };
        }
        self.done
            .get(r)
            .map_or(Status::Open, |&at| Status::Done(at))
    }

    /// When the task was skipped, unless it is done.
    pub fn skipped_at(&self, r: &TaskRef, task: &Task) -> Option<NaiveDateTime> {
        if self.status(r, task).is_done() {
            return None;
        }
        self.skipped.get(r).copied()
    }

    /// Done, or skipped: nothing left to do about it.
    fn settled(&self, r: &TaskRef, task: &Task) -> bool {
        self.status(r, task).is_done() || self.skipped.contains_key(r)
    }

    /// Tasks skipped (and not done since) on day `n`.
    pub fn skipped_on(&self, program: &Program, n: u8) -> usize {
        program
            .tasks()
            .filter(|(r, t)| r.day == n && self.skipped_at(r, t).is_some())
            .count()
    }

    pub fn is_done(&self, program: &Program, r: &TaskRef) -> bool {
        program.task(r).is_some_and(|t| self.status(r, t).is_done())
    }

    /// Tasks done and tasks in all on day `n`.
    pub fn day_progress(&self, program: &Program, n: u8) -> (usize, usize) {
        let total = program.day(n).map_or(0, |d| d.tasks.len());
        let done = program
            .tasks()
            .filter(|(r, t)| r.day == n && self.status(r, t).is_done())
            .count();
        (done, total)
    }

    /// Tasks done and tasks in all over the whole program.
    pub fn overall(&self, program: &Program) -> (usize, usize) {
        program.tasks().fold((0, 0), |(done, total), (r, t)| {
            (done + usize::from(self.status(&r, t).is_done()), total + 1)
        })
    }

    /// An earlier day with something left neither done nor skipped.
    pub fn is_behind(&self, program: &Program, n: u8, position: Position) -> bool {
        position.started()
            && n < position.day()
            && program
                .tasks()
                .any(|(r, t)| r.day == n && !self.settled(&r, t))
    }

    /// Today's checklist: the tasks of today's day not skipped, then every
    /// task of an earlier day neither done nor skipped (behind, not lost).
    pub fn today(&self, program: &Program, position: Position) -> Vec<Item> {
        let today = position.day();
        let mut items: Vec<Item> = program
            .tasks()
            .filter(|(r, t)| r.day == today && self.skipped_at(r, t).is_none())
            .map(|(task, _)| Item {
                task,
                behind: false,
            })
            .collect();
        if position.started() {
            items.extend(
                program
                    .tasks()
                    .filter(|(r, t)| r.day < today && !self.settled(r, t))
                    .map(|(task, _)| Item { task, behind: true }),
            );
        }
        items
    }
}

/// Of `items`, the behind ones of the `days` most recent days with any,
/// the most recent day first; what is left out is counted.
pub fn recent_behind(items: Vec<Item>, days: usize) -> (Vec<Item>, Hidden) {
    let mut behind_days: Vec<u8> = items
        .iter()
        .filter(|i| i.behind)
        .map(|i| i.task.day)
        .collect();
    behind_days.dedup();
    behind_days.sort_unstable_by(|a, b| b.cmp(a));
    behind_days.dedup();
    let kept: Vec<u8> = behind_days.iter().take(days).copied().collect();
    let left_out: Vec<u8> = behind_days.iter().skip(days).copied().collect();
    let mut hidden = Hidden {
        tasks: 0,
        days: left_out.last().zip(left_out.first()).map(|(a, b)| (*a, *b)),
    };
    let mut shown: Vec<Item> = Vec::new();
    for item in items {
        if !item.behind || kept.contains(&item.task.day) {
            shown.push(item);
        } else {
            hidden.tasks += 1;
        }
    }
    // The most recent day first: what was missed yesterday is the most
    // likely still worth doing.
    shown.sort_by_key(|i| (i.behind, std::cmp::Reverse(i.task.day)));
    (shown, hidden)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::program::parse_date;

    fn program() -> Program {
        Program::builtin().expect("builtin program")
    }

    fn at() -> NaiveDateTime {
        parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(9, 0, 0)
            .expect("time")
    }

    fn first_hand_task(p: &Program, day: u8) -> TaskRef {
        p.tasks()
            .find(|(r, t)| r.day == day && t.measure.is_none())
            .map(|(r, _)| r)
            .expect("a hand task")
    }

    #[test]
    fn today_lists_todays_tasks_then_unfinished_earlier_ones() {
        let p = program();
        let mut c = Checklist::default();
        for (r, _) in p.tasks().filter(|(r, _)| r.day == 1) {
            c.done.insert(r, at());
        }
        let items = c.today(&p, Position::Day(3));
        let today: Vec<_> = items.iter().filter(|i| !i.behind).collect();
        assert_eq!(today.len(), p.day(3).expect("day 3").tasks.len());
        assert!(today.iter().all(|i| i.task.day == 3));
        let behind: Vec<_> = items.iter().filter(|i| i.behind).collect();
        assert_eq!(behind.len(), p.day(2).expect("day 2").tasks.len());
        assert!(behind.iter().all(|i| i.task.day == 2));
        assert!(!c.is_behind(&p, 1, Position::Day(3)));
        assert!(c.is_behind(&p, 2, Position::Day(3)));
        assert!(!c.is_behind(&p, 3, Position::Day(3)), "today is not behind");
    }

    #[test]
    fn before_the_start_nothing_is_behind() {
        let p = program();
        let c = Checklist::default();
        let items = c.today(&p, Position::NotStarted { days_until: 3 });
        assert!(items.iter().all(|i| i.task.day == 1 && !i.behind));
    }

    #[test]
    fn measured_tasks_follow_the_data_not_the_ticks() {
        let p = program();
        let (r, t) = p
            .tasks()
            .find(|(_, t)| {
                t.measure
                    .is_some_and(|m| m.metric == Metric::Categories && m.target == 10)
            })
            .expect("ten categories task");
        let mut c = Checklist::default();
        c.done.insert(r.clone(), at());
        assert_eq!(
            c.status(&r, t),
            Status::Measured {
                value: 0,
                target: 10
            }
        );
        assert!(
            !c.is_done(&p, &r),
            "a stray tick does not finish a measured task"
        );
        c.metrics.categories = 10;
        assert!(c.is_done(&p, &r));
    }

    #[test]
    fn progress_counts_per_day_and_overall() {
        let p = program();
        let mut c = Checklist::default();
        let total: usize = p.days.iter().map(|d| d.tasks.len()).sum();
        assert_eq!(c.overall(&p), (0, total));
        c.done.insert(first_hand_task(&p, 4), at());
        assert_eq!(c.day_progress(&p, 4).0, 1);
        assert_eq!(c.overall(&p), (1, total));
    }
}
