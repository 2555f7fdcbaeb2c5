//! `list25 ask ...` and `list25 touchpoint ...`: the client journey from
//! the command line.

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::referral::{contact_named, date_or_today, person_named, planned_date};
use super::{refuse, refused};
use crate::domain::dates::parse_date;
use crate::domain::journey::{DEFAULT_AGAIN_DAYS, MAX_DAYS};
use crate::domain::{Ask, Outcome, Touchpoint};
use crate::store;

#[derive(Debug, Subcommand)]
pub enum AskCommand {
    /// The referral asks planned, the soonest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Record an ask: what the client said. Names given become referrals
    /// received from them, each with a thank-you owed.
    Done {
        /// The client: a unique part of the name, or #ID.
        client: String,
        #[arg(long, value_parser = Outcome::parse, value_name = "names|not-now|no")]
        outcome: Outcome,
        /// A person they named (an existing contact, or a new name); once
        /// per person.
        #[arg(long = "name", value_name = "PERSON")]
        names: Vec<String>,
        /// When you asked (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// After not-now: ask again this many days later.
        #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_AGAIN_DAYS,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_DAYS)))]
        again: u32,
    },
    /// You solved a problem for the client: their ask moves to today.
    Solved {
        /// The client: a unique part of the name, or #ID.
        client: String,
    },
    /// Plan (or move) a client's ask to a date.
    Plan {
        /// The client: a unique part of the name, or #ID.
        client: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
pub enum TouchpointCommand {
    /// The touchpoints not done yet, by date (milestones not dated last).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Mark a touchpoint done: a touch of its kind is logged.
    Done {
        /// The touchpoint's number (see `list25 touchpoint list`).
        id: i64,
        /// When (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
        /// What you did (for a wow, write what it was).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Skip a touchpoint for this client.
    Skip { id: i64 },
    /// Move a touchpoint, or date a milestone.
    Move {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: NaiveDate,
    },
}

/// One ask planned, as `ask list --json` and `today --json` print it.
#[derive(Debug, Serialize)]
pub struct AskJson {
    pub id: i64,
    pub client: String,
    pub client_id: i64,
    pub due: String,
    pub overdue: bool,
    /// Why it is due then: planned, solved, again or moved.
    pub reason: &'static str,
}

impl AskJson {
    pub fn new(a: &Ask, today: NaiveDate) -> Self {
        AskJson {
            id: a.id,
            client: a.client.clone(),
            client_id: a.client_id,
            due: a.due.to_string(),
            overdue: a.is_overdue(today),
            reason: a.reason.as_str(),
        }
    }
}

/// One touchpoint, as `touchpoint list --json` and `today --json` print it.
#[derive(Debug, Serialize)]
pub struct TouchpointJson {
    pub id: i64,
    pub client: String,
    pub client_id: i64,
    pub step: String,
    pub how: &'static str,
    /// `null` for a milestone not dated yet.
    pub due: Option<String>,
    pub overdue: bool,
}

impl TouchpointJson {
    pub fn new(t: &Touchpoint, today: NaiveDate) -> Self {
        TouchpointJson {
            id: t.id,
            client: t.client.clone(),
            client_id: t.client_id,
            step: t.title.clone(),
            how: t.how.as_str(),
            due: t.due.map(|d| d.to_string()),
            overdue: t.due.is_some_and(|d| d < today),
        }
    }
}

/// How many a list prints at most.
const LISTED: u32 = 1_000_000;

/// Run `list25 ask ...`.
pub fn ask(
    conn: &Connection,
    out: &mut Out,
    command: AskCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    let client = match &command {
        AskCommand::List { json } => {
            let list = store::ask::planned(conn, LISTED)?;
            if *json {
                let rows: Vec<AskJson> = list.iter().map(|a| AskJson::new(a, today)).collect();
                out.json(&rows)?;
            } else if list.is_empty() {
                out.line("No asks planned. A client gets one when they become a client: list25 client add NAME")?;
            } else {
                for a in &list {
                    let late = if a.is_overdue(today) {
                        " (overdue)"
                    } else {
                        ""
                    };
                    out.line(format!(
                        "{} {}{late} · {}",
                        a.due,
                        a.client,
                        a.reason.as_str()
                    ))?;
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        AskCommand::Done { client, .. }
        | AskCommand::Solved { client }
        | AskCommand::Plan { client, .. } => client.clone(),
    };
    let client = match contact_named(conn, &client, "CLIENT")? {
        Ok(c) => c,
        Err(why) => return Ok(refuse(&why)),
    };
    match command {
        AskCommand::List { .. } => {}
        AskCommand::Solved { .. } => {
            match refused(store::ask::solved(conn, client.id, today, &now))? {
                Ok(name) => out.line(format!(
                    "{name}: ask for referrals today, while the problem solved is fresh."
                ))?,
                Err(why) => return Ok(refuse(&why)),
            }
        }
        AskCommand::Plan { date, .. } => {
            let checked = crate::domain::dates::check(date, today, crate::domain::DateUse::Ask)
                .map_err(|why| format!("--date {why}."));
            let due = match checked {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            match refused(store::ask::plan(conn, client.id, due, &now))? {
                Ok(name) => out.line(format!("{name}: the ask is planned for {due}."))?,
                Err(why) => return Ok(refuse(&why)),
            }
        }
        AskCommand::Done {
            outcome,
            names,
            date,
            again,
            ..
        } => {
            let on = match date_or_today(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let mut people = Vec::new();
            for typed in &names {
                match person_named(conn, typed, false, "--name")? {
                    Ok(p) => people.push(p),
                    Err(why) => return Ok(refuse(&why)),
                }
            }
            let answer = store::ask::Answer {
                outcome,
                names: &people,
                on,
                again,
                ask: None,
            };
            let asked = match refused(store::ask::record(conn, client.id, &answer, &now))? {
                Ok(a) => a,
                Err(why) => return Ok(refuse(&why)),
            };
            for (referral, person) in &asked.referrals {
                let name = store::contact::get(conn, *person)?
                    .map(|c| c.name)
                    .unwrap_or_default();
                out.line(format!(
                    "Referral #{referral}: {} named {name}. Thank them: list25 thanks sent {referral} --how card",
                    asked.client
                ))?;
            }
            out.line(format!(
                "{} {}; the next ask is planned for {}.",
                asked.client,
                outcome.label(),
                asked.next
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `list25 touchpoint ...`.
pub fn touchpoint(
    conn: &Connection,
    out: &mut Out,
    command: TouchpointCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    let (done, verb) = match command {
        TouchpointCommand::List { json } => {
            let list = store::journey::upcoming(conn, LISTED)?;
            if json {
                let rows: Vec<TouchpointJson> =
                    list.iter().map(|t| TouchpointJson::new(t, today)).collect();
                out.json(&rows)?;
            } else if list.is_empty() {
                out.line("No touchpoints to make. A new client gets the journey's: list25 client add NAME")?;
            } else {
                for t in &list {
                    let due = t
                        .due
                        .map_or_else(|| "milestone ".to_owned(), |d| d.to_string());
                    out.line(format!(
                        "#{} {due} {}: {} ({})",
                        t.id,
                        t.client,
                        t.title,
                        t.how.label()
                    ))?;
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
        TouchpointCommand::Done { id, date, note } => {
            let on = match date_or_today(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let note = crate::domain::text::one_line(&note);
            (
                refused(store::journey::done(conn, id, on, &note, &now))?,
                format!("done on {on}"),
            )
        }
        TouchpointCommand::Skip { id } => (
            refused(store::journey::skip(conn, id, today))?,
            "skipped".to_owned(),
        ),
        TouchpointCommand::Move { id, date } => {
            let due = match planned_date(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            (
                refused(store::journey::move_to(conn, id, due))?,
                format!("moved to {due}"),
            )
        }
    };
    match done {
        Ok(t) => out.line(format!(
            "Touchpoint #{} for {}: {}, {verb}.",
            t.id, t.client, t.title
        ))?,
        Err(why) => return Ok(refuse(&why)),
    }
    Ok(ExitCode::SUCCESS)
}
