//! `list25 config ...`: the settings asked once.

use std::process::ExitCode;

use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;

use super::out::Out;
use super::refuse;
use crate::domain::text::one_line;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show or set what you do, e.g. "estate planning attorney"; it picks
    /// the suggested categories and fills {my_profession} in scripts.
    Profession { text: Option<String> },
    /// Show or set your name, for {my_name} in scripts.
    Name { text: Option<String> },
    /// Show or set what you do for clients, as a phrase that follows your
    /// name ("helps start-ups look established from day one"), for
    /// {my_value} in scripts.
    Value { text: Option<String> },
    /// Show or set within how many days a referral is to be thanked
    /// (0 to 60; 2 unless set).
    ThanksDays { days: Option<String> },
    /// Show or set how many days after becoming a client the referral ask
    /// is planned (0 to 3660; 30 unless set). Clients planned already keep
    /// their date.
    AskDays { days: Option<String> },
}

impl ConfigCommand {
    /// Whether the setting is only shown, not set.
    pub(super) fn is_query(&self) -> bool {
        match self {
            ConfigCommand::Profession { text }
            | ConfigCommand::Name { text }
            | ConfigCommand::Value { text }
            | ConfigCommand::ThanksDays { days: text }
            | ConfigCommand::AskDays { days: text } => text.is_none(),
        }
    }

    /// The setting, what was typed, what it is called and an example.
    fn parts(self) -> (&'static str, Option<String>, &'static str, &'static str) {
        match self {
            ConfigCommand::Profession { text } => (
                store::settings::PROFESSION,
                text,
                "Profession",
                "profession \"graphic designer\"",
            ),
            ConfigCommand::Name { text } => (
                store::settings::MY_NAME,
                text,
                "Your name",
                "name \"Jane Roe\"",
            ),
            ConfigCommand::Value { text } => (
                store::settings::MY_VALUE,
                text,
                "Your value",
                "value \"helps start-ups look established from day one\"",
            ),
            ConfigCommand::ThanksDays { days } => (
                store::thanks::THANKS_DAYS,
                days,
                "Thank referrers within (days)",
                "thanks-days 2",
            ),
            ConfigCommand::AskDays { days } => (
                store::journey::ASK_DAYS,
                days,
                "Ask a new client for referrals after (days)",
                "ask-days 30",
            ),
        }
    }
}

/// The most days a setting counted in days takes, if it is one.
fn most_days(key: &str) -> Option<u32> {
    match key {
        store::thanks::THANKS_DAYS => Some(store::thanks::MAX_THANKS_DAYS),
        store::journey::ASK_DAYS => Some(crate::domain::journey::MAX_DAYS),
        _ => None,
    }
}

pub fn run(conn: &Connection, out: &mut Out, command: ConfigCommand) -> Result<ExitCode> {
    let (key, text, label, example) = command.parts();
    match text.map(|t| one_line(&t)) {
        Some(t) if t.is_empty() => {
            return Ok(refuse(&format!(
                "{label} cannot be empty; for example: list25 config {example}"
            )));
        }
        Some(t)
            if most_days(key).is_some_and(|most| !t.parse::<u32>().is_ok_and(|n| n <= most)) =>
        {
            return Ok(refuse(&format!(
                "{t:?} is not a number of days from 0 to {}; for example: list25 config {example}",
                most_days(key).unwrap_or_default()
            )));
        }
        Some(t) => {
            store::settings::set(conn, key, &t)?;
            out.line(format!("{label}: {t}."))?;
        }
        None if key == store::thanks::THANKS_DAYS => {
            out.line(store::thanks::thanks_days(conn)?.to_string())?;
        }
        None if key == store::journey::ASK_DAYS => {
            out.line(store::journey::ask_days(conn)?.to_string())?;
        }
        None => match store::settings::get(conn, key)? {
            Some(t) => out.line(t)?,
            None => out.line(format!("Not set. Set it: list25 config {example}"))?,
        },
    }
    Ok(ExitCode::SUCCESS)
}
