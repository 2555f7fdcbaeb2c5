//! `list25 client ...`, `list25 referral ...`, `list25 thanks ...` and
//! `list25 balance`: the referral loop from the command line.

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::{only, refuse, refused};
use crate::domain::dates::{check, parse_date};
use crate::domain::text::one_line;
use crate::domain::{Contact, ContactDraft, DateUse, Direction, RefStatus, Referral};
use crate::store::referral::{Person, ReferralDraft};
use crate::store::{self, WriteError};

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Make someone a client: a contact already here (by name, a part of
    /// it only they have, or #ID), or someone new (a contact who needs no
    /// category). A part of several names is refused, listing them.
    Add {
        /// Their full name, or a contact's name, part of it, or #ID.
        name: String,
        /// The day they became a client (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Who referred them: a unique part of a contact's name, or #ID.
        #[arg(long, value_name = "CONTACT")]
        referred_by: Option<String>,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        company: String,
        /// Add someone new even if a contact's name matches.
        #[arg(long)]
        new: bool,
    },
}

/// What a referral received or given says besides the partner.
#[derive(Debug, clap::Args)]
pub struct About {
    /// The person referred: an existing contact, or a new name (added).
    #[arg(long = "for", value_name = "PERSON")]
    person: String,
    /// When (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    #[arg(long, default_value = "")]
    note: String,
    /// The person is new, even if their name is part of another's.
    #[arg(long)]
    new: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReferralCommand {
    /// Someone sent you a person: the referrer is owed a thank-you.
    Received {
        /// Who referred them: a unique part of a contact's name, or #ID.
        #[arg(long, value_name = "CONTACT")]
        from: String,
        #[command(flatten)]
        about: About,
    },
    /// You sent a person to a partner ("refer first").
    Given {
        /// The partner you referred them to: a unique part of a name, or #ID.
        #[arg(long, value_name = "CONTACT")]
        to: String,
        #[command(flatten)]
        about: About,
    },
    /// Change where a referral stands.
    Status {
        /// The referral's number (see `list25 referral list`).
        id: i64,
        #[arg(value_parser = RefStatus::parse, value_name = "new|talking|client|not-a-fit")]
        status: RefStatus,
        /// When it changed (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Delete a referral recorded by mistake, with what it owes.
    Delete {
        /// The referral's number (see `list25 referral list`).
        id: i64,
    },
    /// The ledger, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// The contact `typed` names, or what to tell the user.
pub(super) fn contact_named(
    conn: &Connection,
    typed: &str,
    flag: &str,
) -> Result<Result<Contact, String>> {
    let found = store::contact::lookup(conn, typed)?;
    Ok(only(
        found,
        typed,
        &format!(
            "{flag}: there is no contact named {typed:?}; see `list25 contact list` (or use #ID)."
        ),
        "name, or its #ID",
    )
    .map(|c| *c))
}

/// The person a referral is for: a contact by `#ID`, by name or by a part
/// of a name only they have; a name nobody has is a new contact, as is any
/// name with `new`. A part of several names is refused, to say which.
pub(super) fn person_named(
    conn: &Connection,
    typed: &str,
    new: bool,
    flag: &str,
) -> Result<Result<Person, String>> {
    use crate::store::Lookup;
    if new {
        return Ok(ContactDraft::named(typed)
            .map(|d| Person::New(Box::new(d)))
            .map_err(|(_, why)| format!("{flag}: {why}")));
    }
    Ok(match store::contact::lookup(conn, typed)? {
        Lookup::One(c) => Ok(Person::Existing(c.id)),
        Lookup::Many(names) => Err(format!(
            "{flag} {typed:?} could be {}; give more of the name or its #ID{}.",
            names.join(", "),
            if flag == "--for" {
                ", or --new for a new person"
            } else {
                ""
            }
        )),
        Lookup::None if typed.trim().starts_with('#') => Err(format!(
            "{flag}: there is no contact {}; see `list25 contact list`.",
            typed.trim()
        )),
        Lookup::None => ContactDraft::named(typed)
            .map(|d| Person::New(Box::new(d)))
            .map_err(|(_, why)| format!("{flag}: {why}")),
    })
}

/// A date something is planned for (an event, an ask, a touchpoint), or
/// what to say about `--date`.
pub(super) fn planned_date(
    date: NaiveDate,
    today: NaiveDate,
) -> std::result::Result<NaiveDate, String> {
    check(date, today, DateUse::Planned).map_err(|why| format!("--date {why}."))
}

pub(super) fn date_or_today(
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> std::result::Result<NaiveDate, String> {
    check(date.unwrap_or(today), today, DateUse::Happened).map_err(|why| format!("--date {why}."))
}

/// `client add` on someone already here: they become a client (their
/// journey planned) since the day given; an e-mail, a company or a
/// referrer given fills what they lack and must not contradict what they
/// have.
fn existing_client(
    conn: &Connection,
    out: &mut Out,
    c: &Contact,
    asked: &ContactDraft,
    by: Option<String>,
    now: &chrono::NaiveDateTime,
) -> Result<ExitCode> {
    if let Some(d) = c.client_since {
        out.line(format!(
            "{} (#{}) is a client already, since {d}; nothing changed.",
            c.name, c.id
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut draft = ContactDraft::from(c);
    let fill = |have: &mut String, given: &str, what: &str| -> std::result::Result<(), String> {
        if given.is_empty() || have.eq_ignore_ascii_case(given) {
            return Ok(());
        }
        if have.is_empty() {
            *have = given.to_owned();
            return Ok(());
        }
        Err(format!(
            "{} (#{}) has the {what} {have:?}, not {given:?}; nothing changed.",
            c.name, c.id
        ))
    };
    let checked = fill(&mut draft.email, &asked.email, "e-mail")
        .and_then(|()| fill(&mut draft.company, &asked.company, "company"));
    if let Err(why) = checked {
        return Ok(refuse(&why));
    }
    match (draft.referred_by, asked.referred_by) {
        (Some(had), Some(given)) if had != given => {
            return Ok(refuse(&format!(
                "{} (#{}) was referred by someone else already; nothing changed.",
                c.name, c.id
            )));
        }
        (None, Some(given)) => draft.referred_by = Some(given),
        _ => {}
    }
    draft.client_since = asked.client_since;
    if let Err(why) = refused(store::contact::update(
        conn,
        c.id,
        c.category_id,
        &draft,
        now,
    ))? {
        return Ok(refuse(&why));
    }
    out.line(format!(
        "{} (#{}) is a client since {}.{}",
        c.name,
        c.id,
        draft
            .client_since
            .map(|d| d.to_string())
            .unwrap_or_default(),
        by.map(|b| format!(" Referred by {b}: thank them (Referrals, 6)."))
            .unwrap_or_default()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn client(
    conn: &Connection,
    out: &mut Out,
    command: ClientCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    let ClientCommand::Add {
        name,
        since,
        referred_by,
        email,
        company,
        new,
    } = command;
    let mut draft = match ContactDraft::named(&name).and_then(|d| d.with_email(&email)) {
        Ok(d) => d,
        Err((_, why)) => return Ok(refuse(&why)),
    };
    draft.company = one_line(&company);
    draft.client_since = match date_or_today(since, today) {
        Ok(d) => Some(d),
        Err(why) => return Ok(refuse(&why.replace("--date", "--since"))),
    };
    let mut by = None;
    if let Some(typed) = referred_by {
        match contact_named(conn, &typed, "--referred-by")? {
            Ok(c) => {
                draft.referred_by = Some(c.id);
                by = Some(c.name);
            }
            Err(why) => return Ok(refuse(&why)),
        }
    }
    if !new {
        match store::contact::lookup(conn, &name)? {
            store::Lookup::One(c) => return existing_client(conn, out, &c, &draft, by, &now),
            store::Lookup::Many(names) => {
                return Ok(refuse(&format!(
                    "{name:?} could be {}; give more of the name or its #ID, or --new to add                      someone new.",
                    names.join(", ")
                )));
            }
            store::Lookup::None if name.trim().starts_with('#') => {
                return Ok(refuse(&format!(
                    "There is no contact {}; see `list25 contact list`.",
                    name.trim()
                )));
            }
            store::Lookup::None => {}
        }
    }
    let id = match store::contact::add(conn, None, &draft, &now) {
        Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
        other => other?,
    };
    out.line(format!(
        "Added {} (#{id}), a client since {}.{}",
        draft.name,
        draft
            .client_since
            .map(|d| d.to_string())
            .unwrap_or_default(),
        by.map(|b| format!(" Referred by {b}: thank them (Referrals, 6)."))
            .unwrap_or_default()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// One referral as `referral list --json` prints it.
#[derive(Debug, Serialize)]
struct ReferralJson<'a> {
    id: i64,
    direction: &'static str,
    date: String,
    partner: &'a str,
    person: &'a str,
    status: &'static str,
    thanked: Option<String>,
    note: &'a str,
}

impl<'a> From<&'a Referral> for ReferralJson<'a> {
    fn from(r: &'a Referral) -> Self {
        ReferralJson {
            id: r.id,
            direction: r.direction.as_str(),
            date: r.on.to_string(),
            partner: &r.partner,
            person: &r.person,
            status: r.status.as_str(),
            thanked: r.thanked.map(|d| d.to_string()),
            note: &r.note,
        }
    }
}

/// How many referrals `referral list` prints at most.
const LISTED: u32 = 1_000_000;

pub fn referral(
    conn: &Connection,
    out: &mut Out,
    command: ReferralCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    let (direction, partner, about) = match command {
        ReferralCommand::Received { from, about } => (Direction::Received, (from, "--from"), about),
        ReferralCommand::Given { to, about } => (Direction::Given, (to, "--to"), about),
        ReferralCommand::Status { id, status, date } => {
            let on = match date_or_today(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let change = match store::referral::set_status(conn, id, status, on, &now) {
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                other => other?,
            };
            let r = store::referral::get(conn, id)?;
            let who = r.map(|r| r.person).unwrap_or_default();
            let mut said = format!("Referral #{id} ({who}): {}.", status.label());
            if change.made_client {
                said.push_str(&format!(" {who} is a client since {on}."));
            }
            if change.news_owed {
                said.push_str(" Tell the referrer how it went: `list25 thanks list`.");
            }
            out.line(said)?;
            return Ok(ExitCode::SUCCESS);
        }
        ReferralCommand::Delete { id } => {
            let Some(r) = store::referral::get(conn, id)? else {
                return Ok(refuse(&format!(
                    "There is no referral #{id}; `list25 referral list` shows their numbers."
                )));
            };
            match store::referral::delete(conn, id, &now) {
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                other => other?,
            }
            out.line(format!(
                "Deleted referral #{id} ({} and {}), with any thank-you it owed.",
                r.partner, r.person
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        ReferralCommand::List { json } => {
            let list = store::referral::list(conn, LISTED)?;
            if json {
                let rows: Vec<ReferralJson> = list.iter().map(ReferralJson::from).collect();
                out.json(&rows)?;
            } else if list.is_empty() {
                out.line(
                    "No referrals yet. Record one: list25 referral received --from \"Ana\" \
                     --for \"Bruno Alves\"",
                )?;
            } else {
                for r in &list {
                    out.line(ledger_line(r))?;
                }
            }
            return Ok(ExitCode::SUCCESS);
        }
    };
    let About {
        person,
        date,
        note,
        new,
    } = about;
    let on = match date_or_today(date, today) {
        Ok(d) => d,
        Err(why) => return Ok(refuse(&why)),
    };
    let partner = match contact_named(conn, &partner.0, partner.1)? {
        Ok(c) => c,
        Err(why) => return Ok(refuse(&why)),
    };
    let person = match person_named(conn, &person, new, "--for")? {
        Ok(p) => p,
        Err(why) => return Ok(refuse(&why)),
    };
    let draft = ReferralDraft {
        direction,
        partner: partner.id,
        person,
        on,
        note: one_line(&note),
    };
    let (id, person) = match store::referral::add(conn, &draft, &now) {
        Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
        other => other?,
    };
    let name = store::contact::get(conn, person)?
        .map(|c| c.name)
        .unwrap_or_default();
    out.line(match direction {
        Direction::Received => {
            let due = store::thanks::owed_for(conn, id)?.map(|t| t.due);
            format!(
                "Referral #{id}: {} sent you {name}. Thank them by {}: list25 thanks sent {id} --how card",
                partner.name,
                due.map(|d| d.to_string()).unwrap_or_default()
            )
        }
        Direction::Given => format!("Referral #{id}: you sent {name} to {}.", partner.name),
    })?;
    Ok(ExitCode::SUCCESS)
}

fn ledger_line(r: &Referral) -> String {
    let thanks = match (r.direction, r.thanked, r.owed_since()) {
        (Direction::Given, _, _) => String::new(),
        (_, Some(d), _) => format!(" · thanked {d}"),
        (_, None, Some(d)) => format!(" · thank-you owed since {d}"),
        (_, None, None) => String::new(),
    };
    let (from, to) = match r.direction {
        Direction::Received => (r.partner.as_str(), "you"),
        Direction::Given => ("you", r.partner.as_str()),
    };
    format!(
        "#{} {} {} {from} → {to}: {} · {}{thanks}",
        r.id,
        r.on,
        r.direction.arrow(),
        r.person,
        r.status.label()
    )
}
