//! `list25 thanks ...` and `list25 balance`: what is owed to referrers,
//! marking it sent, and whom to refer first.

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::referral::date_or_today;
use super::refuse;
use crate::domain::dates::parse_date;
use crate::domain::{Direction, OwedKind, ThankYou, ThanksHow};
use crate::store::{self, WriteError};

#[derive(Debug, Subcommand)]
pub enum ThanksCommand {
    /// Thank-yous owed, the most overdue first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Mark the thank-you for a referral sent; it is logged as a touch.
    Sent {
        /// The referral's number (see `list25 referral list`).
        referral: i64,
        #[arg(long, value_parser = ThanksHow::parse, value_name = "card|call|gift|note")]
        how: ThanksHow,
        /// When it was sent (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

/// One thank-you owed, as `thanks list --json` and `today --json` print it.
#[derive(Debug, Serialize)]
pub struct ThanksJson {
    pub referral: Option<i64>,
    pub kind: &'static str,
    pub to: String,
    /// Whom it is for, in words ("Cy Ortega and Ana Lima").
    #[serde(rename = "for")]
    pub person: String,
    /// Each of them: one thank-you covers the names given at one ask and
    /// the guests brought to one event.
    pub people: Vec<String>,
    pub due: String,
    pub overdue: bool,
}

impl ThanksJson {
    pub fn new(t: &ThankYou, today: NaiveDate) -> Self {
        ThanksJson {
            referral: t.referral,
            kind: t.kind.as_str(),
            to: t.to.clone(),
            person: t.person.clone(),
            people: t.people.clone(),
            due: t.due.to_string(),
            overdue: t.is_overdue(today),
        }
    }
}

/// How many thank-yous `thanks list` prints at most.
const OWED: u32 = 100_000;

pub fn thanks(
    conn: &Connection,
    out: &mut Out,
    command: ThanksCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    match command {
        ThanksCommand::List { json } => {
            let owed = store::thanks::owed(conn, OWED)?;
            if json {
                let rows: Vec<ThanksJson> =
                    owed.iter().map(|t| ThanksJson::new(t, today)).collect();
                out.json(&rows)?;
            } else if owed.is_empty() {
                out.line("No thank-yous owed.")?;
            } else {
                for t in &owed {
                    let late = if t.is_overdue(today) {
                        " (overdue)"
                    } else {
                        ""
                    };
                    let id = t.referral.map(|r| format!("#{r} ")).unwrap_or_default();
                    out.line(format!("{id}{} · due {}{late}", t.what(), t.due))?;
                }
            }
        }
        ThanksCommand::Sent {
            referral,
            how,
            date,
        } => {
            let on = match date_or_today(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let Some(owed) = store::thanks::owed_for(conn, referral)? else {
                let why = match store::referral::get(conn, referral)? {
                    None => format!(
                        "There is no referral #{referral}; `list25 referral list` shows their numbers."
                    ),
                    Some(r) if r.direction == Direction::Given => format!(
                        "Referral #{referral} is one you gave: nobody is owed a thank-you for it."
                    ),
                    Some(_) => format!("Nothing is owed for referral #{referral}: it was thanked."),
                };
                return Ok(refuse(&why));
            };
            let now = today.and_time(Local::now().time());
            match store::thanks::mark_sent(conn, owed.id, how, on, &now) {
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                other => other?,
            }
            let next = store::contact::get(conn, owed.to_id)?.and_then(|c| c.next_follow_up);
            let what = match owed.kind {
                OwedKind::Thanks => format!("Thanked {} for {}", owed.to, owed.person),
                OwedKind::News => format!("Told {} how it went with {}", owed.to, owed.person),
            };
            out.line(format!(
                "{what} ({}, {on}); logged as a touch.{}",
                how.label(),
                next.map(|d| format!(" Next follow-up: {d}."))
                    .unwrap_or_default()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct BalanceJson<'a> {
    partner: &'a str,
    id: i64,
    given: u32,
    received: u32,
    refer_first: bool,
}

pub fn balance(conn: &Connection, out: &mut Out, json: bool) -> Result<ExitCode> {
    let list = store::referral::balance(conn)?;
    if json {
        let rows: Vec<BalanceJson> = list
            .iter()
            .map(|b| BalanceJson {
                partner: &b.partner,
                id: b.partner_id,
                given: b.given,
                received: b.received,
                refer_first: b.refer_first(),
            })
            .collect();
        out.json(&rows)?;
    } else if list.is_empty() {
        out.line("No referrals yet, and nobody on your 25 list.")?;
    } else {
        for b in &list {
            let mark = if b.refer_first() {
                " · refer first"
            } else {
                ""
            };
            out.line(format!(
                "{} · gave {} · received {}{mark}",
                b.partner, b.given, b.received
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
