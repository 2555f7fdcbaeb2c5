//! `list25 event ...` and `list25 group ...`: events a client can bring a
//! friend to, and groups of referral sources.

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::referral::{contact_named, person_named, planned_date};
use super::{only, refuse, refused};
use crate::domain::dates::parse_date;
use crate::domain::{Event, EventDraft, Group, GroupKind};
use crate::store;

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Plan an event a client can bring a friend to.
    Add {
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        place: String,
        /// What it offers, in a line.
        #[arg(long, default_value = "")]
        offers: String,
    },
    /// Invite contacts (clients, partners) to an event.
    Invite {
        /// The event: a unique part of its title, or #ID.
        event: String,
        /// Each a unique part of a contact's name, or #ID.
        #[arg(required = true, num_args = 1..)]
        contacts: Vec<String>,
    },
    /// Before the day: who said they are coming (--not: no longer).
    Coming {
        event: String,
        /// Who: a unique part of the name, or #ID; several may follow.
        #[arg(required = true, num_args = 1..)]
        contacts: Vec<String>,
        /// They are no longer coming.
        #[arg(long)]
        not: bool,
    },
    /// Record that someone came (once the event has been held), and whom
    /// they brought: each guest brought is a referral received from them,
    /// with a thank-you owed.
    Came {
        event: String,
        /// Who came: a unique part of the name, or #ID.
        contact: String,
        /// A guest they brought (an existing contact, or a new name); once
        /// per guest.
        #[arg(long = "brought", value_name = "NAME")]
        brought: Vec<String>,
    },
    /// Events upcoming (soonest first) and past (latest first).
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Record a group whose members serve the same clients.
    Add {
        name: String,
        #[arg(long, value_parser = GroupKind::parse, default_value = "networking",
              value_name = "networking|association|chamber|club")]
        kind: GroupKind,
        /// When it meets, in your words ("first Tuesday, 7:30").
        #[arg(long, default_value = "")]
        meets: String,
    },
    /// Add contacts to a group's members.
    Member {
        /// The group: a unique part of its name, or #ID.
        group: String,
        #[arg(required = true, num_args = 1..)]
        contacts: Vec<String>,
    },
    /// Log a group's meeting as an event, its members invited.
    Meeting {
        group: String,
        /// When (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// The groups, by name.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// One event, as `event list --json` prints it.
#[derive(Debug, Serialize)]
struct EventJson<'a> {
    id: i64,
    title: &'a str,
    date: String,
    place: &'a str,
    offers: &'a str,
    group: Option<&'a str>,
    upcoming: bool,
    invited: u32,
    coming: u32,
    came: u32,
    brought: u32,
}

fn event_json(e: &Event, upcoming: bool) -> EventJson<'_> {
    EventJson {
        id: e.id,
        title: &e.title,
        date: e.on.to_string(),
        place: &e.place,
        offers: &e.offers,
        group: e.group.as_ref().map(|(_, n)| n.as_str()),
        upcoming,
        invited: e.invited,
        coming: e.coming,
        came: e.came,
        brought: e.brought,
    }
}

/// One group, as `group list --json` prints it.
#[derive(Debug, Serialize)]
struct GroupJson<'a> {
    id: i64,
    name: &'a str,
    kind: &'static str,
    meets: &'a str,
    members: u32,
}

fn event_named(conn: &Connection, typed: &str) -> Result<std::result::Result<Event, String>> {
    let found = store::event::lookup(conn, typed)?;
    Ok(only(
        found,
        typed,
        &format!("There is no event {typed:?}; `list25 event list` shows them (or use #ID)."),
        "title, or its #ID",
    )
    .map(|e| *e))
}

fn group_named(conn: &Connection, typed: &str) -> Result<std::result::Result<Group, String>> {
    let found = store::group::lookup(conn, typed)?;
    Ok(only(
        found,
        typed,
        &format!("There is no group {typed:?}; `list25 group list` shows them (or use #ID)."),
        "name, or its #ID",
    )
    .map(|g| *g))
}

/// The contacts named, each by a unique part of the name or #ID.
fn contacts_named(
    conn: &Connection,
    typed: &[String],
) -> Result<std::result::Result<Vec<(i64, String)>, String>> {
    let mut out = Vec::new();
    for t in typed {
        match contact_named(conn, t, "CONTACT")? {
            Ok(c) => out.push((c.id, c.name)),
            Err(why) => return Ok(Err(why)),
        }
    }
    Ok(Ok(out))
}

/// Run `list25 event ...`.
pub fn event(
    conn: &Connection,
    out: &mut Out,
    command: EventCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    match command {
        EventCommand::Add {
            title,
            date,
            place,
            offers,
        } => {
            let on = match planned_date(date, today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let draft = match EventDraft::new(&title, on, &place, &offers) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            let id = store::event::add(conn, &draft, None, &now)?;
            out.line(format!(
                "Event #{id}: {} on {on}. Invite people: list25 event invite \"#{id}\" NAME...",
                draft.title
            ))?;
        }
        EventCommand::Invite { event, contacts } => {
            let e = match event_named(conn, &event)? {
                Ok(e) => e,
                Err(why) => return Ok(refuse(&why)),
            };
            let people = match contacts_named(conn, &contacts)? {
                Ok(p) => p,
                Err(why) => return Ok(refuse(&why)),
            };
            let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
            let added = match refused(store::event::invite(conn, e.id, &ids))? {
                Ok(n) => n,
                Err(why) => return Ok(refuse(&why)),
            };
            let names: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
            out.line(format!(
                "{}: invited {} ({added} new).",
                e.title,
                names.join(", ")
            ))?;
        }
        EventCommand::Coming {
            event,
            contacts,
            not,
        } => {
            let e = match event_named(conn, &event)? {
                Ok(e) => e,
                Err(why) => return Ok(refuse(&why)),
            };
            let mut who = Vec::new();
            for typed in &contacts {
                match contact_named(conn, typed, "CONTACT")? {
                    Ok(c) => who.push(c),
                    Err(why) => return Ok(refuse(&why)),
                }
            }
            // A refusal is about the event (held already): it comes at
            // the first name, before anything is written.
            for c in &who {
                if let Err(why) = refused(store::event::coming(conn, e.id, c.id, !not, today))? {
                    return Ok(refuse(&why));
                }
            }
            let names: Vec<&str> = who.iter().map(|c| c.name.as_str()).collect();
            out.line(format!(
                "{}: {} {}.",
                e.title,
                names.join(", "),
                if not { "no longer coming" } else { "coming" }
            ))?;
        }
        EventCommand::Came {
            event,
            contact,
            brought,
        } => {
            let e = match event_named(conn, &event)? {
                Ok(e) => e,
                Err(why) => return Ok(refuse(&why)),
            };
            let who = match contact_named(conn, &contact, "CONTACT")? {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            let mut guests = Vec::new();
            for typed in &brought {
                match person_named(conn, typed, false, "--brought")? {
                    Ok(p) => guests.push(p),
                    Err(why) => return Ok(refuse(&why)),
                }
            }
            let came = match refused(store::event::came(conn, e.id, who.id, &guests, &now))? {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            out.line(format!(
                "{} came to {}{}.",
                who.name,
                e.title,
                if came.newly { "" } else { " (noted before)" }
            ))?;
            for (referral, guest) in &came.brought {
                let name = store::contact::get(conn, *guest)?
                    .map(|c| c.name)
                    .unwrap_or_default();
                out.line(format!(
                    "Referral #{referral}: {} brought {name}. Thank them: list25 thanks sent {referral} --how card",
                    who.name
                ))?;
            }
        }
        EventCommand::List { json } => {
            let (upcoming, past) = store::event::list(conn, today)?;
            if json {
                let rows: Vec<EventJson> = upcoming
                    .iter()
                    .map(|e| event_json(e, true))
                    .chain(past.iter().map(|e| event_json(e, false)))
                    .collect();
                out.json(&rows)?;
            } else if upcoming.is_empty() && past.is_empty() {
                out.line(
                    "No events yet. Plan one: list25 event add \"Open house\" --date 2026-12-03",
                )?;
            } else {
                for e in upcoming.iter().chain(&past) {
                    let counts = if e.on > today {
                        format!("invited {} · coming {}", e.invited, e.coming)
                    } else {
                        format!(
                            "invited {} · came {} · guests brought {}",
                            e.invited, e.came, e.brought
                        )
                    };
                    out.line(format!(
                        "#{} {} {}{} · {counts}",
                        e.id,
                        e.on,
                        e.title,
                        if e.place.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", e.place)
                        },
                    ))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `list25 group ...`.
pub fn group(
    conn: &Connection,
    out: &mut Out,
    command: GroupCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    match command {
        GroupCommand::Add { name, kind, meets } => {
            match refused(store::group::add(conn, &name, kind, &meets, &now))? {
                Ok(id) => out.line(format!(
                    "Group #{id}: {}, a {}. Add the members you know: list25 group member \"#{id}\" NAME...",
                    crate::domain::text::one_line(&name),
                    kind.label()
                ))?,
                Err(why) => return Ok(refuse(&why)),
            }
        }
        GroupCommand::Member { group, contacts } => {
            let g = match group_named(conn, &group)? {
                Ok(g) => g,
                Err(why) => return Ok(refuse(&why)),
            };
            let people = match contacts_named(conn, &contacts)? {
                Ok(p) => p,
                Err(why) => return Ok(refuse(&why)),
            };
            let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
            let added = match refused(store::group::add_members(conn, g.id, &ids, today))? {
                Ok(n) => n,
                Err(why) => return Ok(refuse(&why)),
            };
            let names: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
            out.line(format!(
                "{}: members now include {} ({added} new).",
                g.name,
                names.join(", ")
            ))?;
        }
        GroupCommand::Meeting { group, date } => {
            let g = match group_named(conn, &group)? {
                Ok(g) => g,
                Err(why) => return Ok(refuse(&why)),
            };
            let on = match planned_date(date.unwrap_or(today), today) {
                Ok(d) => d,
                Err(why) => return Ok(refuse(&why)),
            };
            match refused(store::group::log_meeting(conn, g.id, on, &now))? {
                Ok(id) => out.line(format!(
                    "Event #{id}: {} meeting on {on}; members invited: {}.",
                    g.name, g.members
                ))?,
                Err(why) => return Ok(refuse(&why)),
            }
        }
        GroupCommand::List { json } => {
            let list = store::group::list(conn)?;
            if json {
                let rows: Vec<GroupJson> = list
                    .iter()
                    .map(|g| GroupJson {
                        id: g.id,
                        name: &g.name,
                        kind: g.kind.as_str(),
                        meets: &g.meets,
                        members: g.members,
                    })
                    .collect();
                out.json(&rows)?;
            } else if list.is_empty() {
                out.line("No groups yet. Record one: list25 group add \"Downtown BNI\" --kind networking")?;
            } else {
                for g in &list {
                    out.line(format!(
                        "#{} {} · {} · {} members{}",
                        g.id,
                        g.name,
                        g.kind.label(),
                        g.members,
                        if g.meets.is_empty() {
                            String::new()
                        } else {
                            format!(" · meets {}", g.meets)
                        }
                    ))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
