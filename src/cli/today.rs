//! `list25 today`: today's checklist as text or JSON.

use std::process::ExitCode;

use chrono::NaiveDate;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use crate::domain::{Checklist, Position, Program, Status};
use crate::store;

pub fn run(conn: &Connection, out: &mut Out, today: NaiveDate, json: bool) -> Result<ExitCode> {
    let program = Program::builtin().map_err(|e| color_eyre::eyre::eyre!(e))?;
    let report = Report::load(conn, &program, today)?;
    if json {
        out.json(&report)?;
    } else {
        out.text(&report.text())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's checklist, for `list25 today`.
#[derive(Debug, Serialize)]
pub struct Report {
    pub date: String,
    pub day: u8,
    pub started: bool,
    pub start: String,
    pub title: String,
    pub lesson: String,
    pub tasks: Vec<ReportTask>,
    /// Thank-yous (and news) owed to referrers, the most overdue first.
    pub thank_yous: Vec<super::ThanksJson>,
    /// Referral asks due, the most overdue first.
    pub asks: Vec<super::journey::AskJson>,
    /// The journey's touchpoints due, the most overdue first.
    pub touchpoints: Vec<super::journey::TouchpointJson>,
    pub follow_ups: Vec<FollowUp>,
    pub progress: Progress,
}

/// A contact whose follow-up is due today or overdue.
#[derive(Debug, Serialize)]
pub struct FollowUp {
    pub contact: String,
    pub category: String,
    pub due: String,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct ReportTask {
    pub day: u8,
    pub key: String,
    pub text: String,
    pub done: bool,
    /// From an earlier day and not done yet.
    pub behind: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
}

#[derive(Debug, Serialize)]
pub struct Measured {
    pub value: u32,
    pub target: u32,
    pub unit: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Report {
    pub fn load(conn: &Connection, program: &Program, today: NaiveDate) -> Result<Self> {
        let start = store::program::start_date(conn)?.unwrap_or(today);
        let checklist = Checklist {
            done: store::program::done_tasks(conn)?,
            skipped: store::program::skipped_tasks(conn)?,
            metrics: store::metrics::load(conn, today)?,
        };
        let follow_ups = store::contact::due(conn, today, u32::MAX)?
            .into_iter()
            .map(|c| FollowUp {
                overdue: c.is_overdue(today),
                due: c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
                contact: c.name,
                category: c.category,
            })
            .collect();
        let mut report = Self::new(program, &checklist, start, today);
        report.follow_ups = follow_ups;
        report.thank_yous = store::thanks::owed(conn, u32::MAX)?
            .iter()
            .map(|t| super::ThanksJson::new(t, today))
            .collect();
        report.asks = store::ask::due(conn, today, u32::MAX)?
            .iter()
            .map(|a| super::journey::AskJson::new(a, today))
            .collect();
        report.touchpoints = store::journey::due(conn, today, u32::MAX)?
            .iter()
            .map(|t| super::journey::TouchpointJson::new(t, today))
            .collect();
        Ok(report)
    }

    pub fn new(
        program: &Program,
        checklist: &Checklist,
        start: NaiveDate,
        today: NaiveDate,
    ) -> Self {
        let position = Position::of(start, today);
        let day = program.day(position.day());
        let tasks = checklist
            .today(program, position)
            .into_iter()
            .filter_map(|item| {
                let task = program.task(&item.task)?;
                let status = checklist.status(&item.task, task);
                Some(ReportTask {
                    day: item.task.day,
                    key: item.task.key.clone(),
                    text: task.text.clone(),
                    done: status.is_done(),
                    behind: item.behind,
                    done_at: match status {
                        Status::Done(at) => Some(at.format(store::TIMESTAMP_FORMAT).to_string()),
                        _ => None,
                    },
                    measured: match (status, task.measure) {
                        (Status::Measured { value, target }, Some(m)) => Some(Measured {
                            value,
                            target,
                            unit: m.metric.unit(),
                        }),
                        _ => None,
                    },
                })
            })
            .collect();
        let (done, total) = checklist.overall(program);
        Report {
            date: today.format("%Y-%m-%d").to_string(),
            day: position.day(),
            started: position.started(),
            start: start.format("%Y-%m-%d").to_string(),
            title: day.map(|d| d.title.clone()).unwrap_or_default(),
            lesson: day.map(|d| d.lesson.clone()).unwrap_or_default(),
            tasks,
            thank_yous: Vec::new(),
            asks: Vec::new(),
            touchpoints: Vec::new(),
            follow_ups: Vec::new(),
            progress: Progress { done, total },
        }
    }

    /// The checklist as plain text, lines of at most 78 columns.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let when = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(|d| d.format("%a %-d %b %Y").to_string())
            .unwrap_or_else(|_| self.date.clone());
        if self.started {
            let _ = writeln!(out, "Day {} of 25 · {} · {when}", self.day, self.title);
        } else {
            let _ = writeln!(
                out,
                "The program starts on {}. Day 1 · {} · {when}",
                self.start, self.title
            );
        }
        out.push('\n');
        for line in crate::ui::text::wrap(&self.lesson, 78) {
            let _ = writeln!(out, "{line}");
        }
        let mut behind_heading = false;
        out.push_str("\nToday\n");
        for t in &self.tasks {
            if t.behind && !behind_heading {
                behind_heading = true;
                out.push_str("\nBehind, from earlier days\n");
            }
            let mark = if t.done { "[x]" } else { "[ ]" };
            let mut text = if t.behind {
                format!("Day {}: {}", t.day, t.text)
            } else {
                t.text.clone()
            };
            if let Some(m) = &t.measured {
                let _ = write!(text, " ({}/{} {})", m.value, m.target, m.unit);
            }
            for (i, line) in crate::ui::text::wrap(&text, 72).into_iter().enumerate() {
                let lead = if i == 0 { mark } else { "   " };
                let _ = writeln!(out, "  {lead} {line}");
            }
        }
        if !self.thank_yous.is_empty() {
            out.push_str("\nThank-yous owed\n");
            for t in &self.thank_yous {
                let when = if t.overdue { "overdue since" } else { "due" };
                let what = if t.kind == "news" {
                    format!("Tell {} how it went with {}", t.to, t.person)
                } else {
                    format!("Thank {} for {}", t.to, t.person)
                };
                let _ = writeln!(out, "  {what}, {when} {}", t.due);
            }
        }
        if !self.asks.is_empty() {
            out.push_str("\nReferral asks due\n");
            for a in &self.asks {
                let when = if a.overdue { "overdue since" } else { "due" };
                let _ = writeln!(out, "  Ask {} for referrals, {when} {}", a.client, a.due);
            }
        }
        if !self.touchpoints.is_empty() {
            out.push_str("\nTouchpoints due\n");
            for t in &self.touchpoints {
                let when = if t.overdue { "overdue since" } else { "due" };
                let _ = writeln!(
                    out,
                    "  #{} {}: {} ({}), {when} {}",
                    t.id,
                    t.client,
                    t.step,
                    t.how,
                    t.due.as_deref().unwrap_or_default()
                );
            }
        }
        if !self.follow_ups.is_empty() {
            out.push_str("\nFollow-ups due\n");
            for f in &self.follow_ups {
                let when = if f.overdue { "overdue since" } else { "due" };
                let _ = writeln!(out, "  {} ({}), {when} {}", f.contact, f.category, f.due);
            }
        }
        let _ = writeln!(
            out,
            "\nProgram: {}/{} tasks done",
            self.progress.done, self.progress.total
        );
        out
    }
}
