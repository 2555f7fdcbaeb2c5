//! The 25-day program: days, lessons, tasks and the rules that place today in it.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Deserialize;

/// Number of days in the program.
pub const DAYS: u8 = 25;

const PROGRAM_TOML: &str = include_str!("../../assets/program.toml");

/// What a measured task counts in the user's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Categories on the most-wanted list.
    Categories,
    /// Contacts in all categories.
    Contacts,
    /// Categories that hold at least one contact.
    CategoriesWithContacts,
    /// Contacts met in person or on a call (stage met or partner).
    Met,
    /// Partners, by the one rule (`contact::is_partner`).
    Partners,
    /// Clients with a referrer recorded whose referrer was thanked; the
    /// target is all of them (and at least the target written).
    ReferrersThanked,
    /// Groups of referral sources joined (recorded in Events).
    Groups,
    /// Events planned with at least one person invited.
    EventsPlanned,
    /// The journey template set (saved by the user): 1 or 0.
    JourneySet,
    /// Clients whose welcome (the journey's first step) was done.
    Welcomes,
    /// Clients with a referral ask planned; the target is all of them.
    AsksPlanned,
    /// Categories with a line of why; the target is all of them.
    CategoriesWithWhy,
    /// Clients recorded.
    Clients,
    /// Meetings of a group planned or logged (events of a group).
    GroupMeetings,
    /// Your value, as scripts fill in {my_value}, set: 1 or 0.
    ValueSet,
    /// Value propositions written for one category (a value script of a
    /// category).
    CategoryValues,
    /// Touches logged since the round began.
    Touches,
    /// Referrals given since the round began.
    Given,
    /// People recorded as having referred someone to you.
    Referrers,
    /// Thank-yous given by a call since the round began.
    ThanksByCall,
    /// Thank-yous sent as a handwritten card since the round began.
    Cards,
    /// Wows delivered since the round began: a journey step named a wow
    /// done, or a touch noted as one.
    Wows,
    /// Events dated since the round began.
    EventsDated,
    /// Events since the round began with someone on your 25 list invited.
    EventsWithPartner,
    /// The welcome card's script written in your words: 1 or 0.
    WelcomeWritten,
    /// When to ask new clients chosen (`config ask-days`): 1 or 0.
    AskDaysSet,
    /// Asks picked since the round began: planned by hand, moved to a
    /// problem solved, or made.
    AsksPicked,
    /// A referral-ask script written in your words: 1 or 0.
    AskWritten,
    /// Asks made (answered) since the round began.
    AsksMade,
    /// Referrals received in the round before day 22 whose referrer was
    /// thanked; the target is all of them.
    ThankedBefore,
    /// News owed before day 22 that was told; the target is all of it.
    ToldBefore,
    /// People on the 25 list with a follow-up date; the target is all of
    /// them.
    FollowUpsSet,
}

impl Metric {
    /// The unit shown after a measured count, e.g. "4/10 categories".
    pub fn unit(self) -> &'static str {
        match self {
            Metric::Categories => "categories",
            Metric::Contacts => "contacts",
            Metric::CategoriesWithContacts => "categories with people",
            Metric::Met => "met",
            Metric::Partners => "partners",
            Metric::ReferrersThanked => "referrers thanked",
            Metric::Groups => "groups",
            Metric::EventsPlanned => "events with invitees",
            Metric::JourneySet => "journey set",
            Metric::Welcomes => "welcomes sent",
            Metric::AsksPlanned => "clients with an ask planned",
            Metric::CategoriesWithWhy => "categories with why",
            Metric::Clients => "clients",
            Metric::GroupMeetings => "group meetings",
            Metric::ValueSet => "value written",
            Metric::CategoryValues => "category value lines",
            Metric::Touches => "touches",
            Metric::Given => "referrals given",
            Metric::Referrers => "referrers",
            Metric::ThanksByCall => "thanked by a call",
            Metric::Cards => "cards sent",
            Metric::Wows => "wows",
            Metric::EventsDated => "events dated",
            Metric::EventsWithPartner => "events with a partner invited",
            Metric::WelcomeWritten => "welcome card written",
            Metric::AskDaysSet => "ask timing chosen",
            Metric::AsksPicked => "asks picked",
            Metric::AskWritten => "ask written",
            Metric::AsksMade => "asks made",
            Metric::ThankedBefore => "referrers thanked",
            Metric::ToldBefore => "told how it went",
            Metric::FollowUpsSet => "partners with a follow-up",
        }
    }
}

/// A task whose completion is read from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Measure {
    pub metric: Metric,
    pub target: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Task {
    /// Stable identity within its day; progress is stored against it.
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub measure: Option<Measure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Day {
    pub title: String,
    pub lesson: String,
    #[serde(rename = "task")]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Program {
    #[serde(rename = "day")]
    pub days: Vec<Day>,
}

/// Identifies one task of the program: its day (1-25) and its key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskRef {
    pub day: u8,
    pub key: String,
}

impl Program {
    /// The program shipped inside the binary.
    pub fn builtin() -> Result<Self, String> {
        Self::parse(PROGRAM_TOML)
    }

    /// Parse and check a program file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let program: Program =
            toml::from_str(text).map_err(|e| format!("the program file does not parse: {e}"))?;
        program.check()?;
        Ok(program)
    }

    fn check(&self) -> Result<(), String> {
        if self.days.len() != usize::from(DAYS) {
            return Err(format!(
                "the program has {} days, it needs {DAYS}",
                self.days.len()
            ));
        }
        for (i, day) in self.days.iter().enumerate() {
            let n = i + 1;
            if day.title.trim().is_empty() || day.lesson.trim().is_empty() {
                return Err(format!("day {n} needs a title and a lesson"));
            }
            if !(2..=5).contains(&day.tasks.len()) {
                return Err(format!(
                    "day {n} has {} tasks, it needs 2 to 5",
                    day.tasks.len()
                ));
            }
            let mut keys = HashSet::new();
            for task in &day.tasks {
                if !keys.insert(task.key.as_str()) {
                    return Err(format!("day {n} repeats the task key {:?}", task.key));
                }
            }
        }
        Ok(())
    }

    /// Day `n` (1-25).
    pub fn day(&self, n: u8) -> Option<&Day> {
        self.days.get(usize::from(n).checked_sub(1)?)
    }

    /// Every task with its reference, in program order.
    pub fn tasks(&self) -> impl Iterator<Item = (TaskRef, &Task)> {
        self.days.iter().zip(1u8..).flat_map(|(day, n)| {
            day.tasks.iter().map(move |task| {
                (
                    TaskRef {
                        day: n,
                        key: task.key.clone(),
                    },
                    task,
                )
            })
        })
    }

    pub fn task(&self, r: &TaskRef) -> Option<&Task> {
        self.day(r.day)?.tasks.iter().find(|t| t.key == r.key)
    }
}

/// Where `today` falls in a program that starts on `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The start date is still ahead.
    NotStarted { days_until: i64 },
    /// Day 1-25; after day 25 the program stays on day 25.
    Day(u8),
}

impl Position {
    pub fn of(start: NaiveDate, today: NaiveDate) -> Self {
        let since = (today - start).num_days();
        if since < 0 {
            return Position::NotStarted { days_until: -since };
        }
        let day = since.saturating_add(1).min(i64::from(DAYS));
        Position::Day(u8::try_from(day).unwrap_or(DAYS))
    }

    /// The day whose tasks are today's (day 1 before the start).
    pub fn day(self) -> u8 {
        match self {
            Position::NotStarted { .. } => 1,
            Position::Day(d) => d,
        }
    }

    pub fn started(self) -> bool {
        matches!(self, Position::Day(_))
    }
}

pub use super::dates::parse_date;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("test date")
    }

    #[test]
    fn builtin_program_has_25_days_with_2_to_5_tasks() {
        let p = Program::builtin().expect("builtin program parses");
        assert_eq!(p.days.len(), 25);
        for day in &p.days {
            assert!((2..=5).contains(&day.tasks.len()), "{}", day.title);
        }
    }

    #[test]
    fn lessons_are_two_to_five_sentences() {
        let p = Program::builtin().expect("builtin program parses");
        for (n, day) in p.days.iter().enumerate() {
            let text = day.lesson.trim();
            let chars: Vec<char> = text.chars().collect();
            let ends = chars
                .iter()
                .enumerate()
                .filter(|&(i, c)| {
                    matches!(c, '.' | '?' | '!') && {
                        let next = chars.get(i + 1).copied();
                        let after = chars.get(i + 2).copied();
                        match next {
                            None => true,
                            Some(' ') => true,
                            Some('\'') => after.is_none() || after == Some(' '),
                            _ => false,
                        }
                    }
                })
                .count();
            assert!(
                (2..=5).contains(&ends),
                "day {} has {ends} sentences",
                n + 1
            );
        }
    }

    #[test]
    fn measured_tasks_build_to_25_partners_by_day_25() {
        let p = Program::builtin().expect("builtin program parses");
        let last = p.day(25).expect("day 25");
        assert!(last.tasks.iter().any(|t| t.measure
            == Some(Measure {
                metric: Metric::Partners,
                target: 25
            })));
        let mut previous = 0;
        for (r, t) in p.tasks() {
            if let Some(m) = t.measure.filter(|m| m.metric == Metric::Partners) {
                assert!(m.target > previous, "partner targets grow (day {})", r.day);
                previous = m.target;
            }
        }
        let ten = p.tasks().any(|(_, t)| {
            t.measure
                .is_some_and(|m| m.metric == Metric::Categories && m.target == 10)
        });
        assert!(ten, "a task asks for ten categories");
    }

    #[test]
    fn every_seed_idea_is_taught() {
        let p = Program::builtin().expect("builtin program parses");
        let all: String = p
            .days
            .iter()
            .flat_map(|d| {
                std::iter::once(d.title.as_str())
                    .chain(std::iter::once(d.lesson.as_str()))
                    .chain(d.tasks.iter().map(|t| t.text.as_str()))
            })
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        for idea in [
            "most-wanted list",
            "not your only source",
            "circle",
            "groups",
            "exactly what to say",
            "wow",
            "bring a friend",
            "center of influence",
            "handwritten",
            "refer them first",
            "before you take on a client",
            "assume",
            "solved a problem",
            "referable",
            "welcome card",
            "organic",
        ] {
            assert!(all.contains(idea), "the program never teaches {idea:?}");
        }
    }

    #[test]
    fn a_broken_program_is_refused_with_the_reason() {
        let one_day = "[[day]]\ntitle='x'\nlesson='y'\n[[day.task]]\nkey='a'\ntext='A'\n[[day.task]]\nkey='b'\ntext='B'\n";
        let err = Program::parse(one_day).expect_err("too short");
        assert!(err.contains("1 days"), "{err}");
        let err = Program::parse("[[day]]\ntitle='x'\n").expect_err("no lesson");
        assert!(err.contains("does not parse"), "{err}");
    }

    #[test]
    fn position_counts_days_since_start_and_caps_at_25() {
        let start = d("2026-11-01");
        assert_eq!(Position::of(start, d("2026-11-01")), Position::Day(1));
        assert_eq!(Position::of(start, d("2026-11-03")), Position::Day(3));
        assert_eq!(Position::of(start, d("2026-11-25")), Position::Day(25));
        assert_eq!(Position::of(start, d("2027-03-01")), Position::Day(25));
        assert_eq!(
            Position::of(start, d("2026-10-30")),
            Position::NotStarted { days_until: 2 }
        );
        assert_eq!(Position::of(start, d("2026-10-30")).day(), 1);
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(parse_date(" 2026-02-28 "), Ok(d("2026-02-28")));
        for bad in ["2026-02-30", "22/11/2026", "2026-1-2", "", "tomorrow"] {
            let err = parse_date(bad).expect_err(bad);
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }
}
