//! `list25 category ...` and `list25 contact ...`.

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use color_eyre::Result;
use color_eyre::eyre::eyre;
use rusqlite::Connection;
use serde::Serialize;

use super::out::{Out, plain};
use super::{CategoryCommand, ContactCommand, only, refuse};
use crate::domain::contact::ContactView;
use crate::domain::dates::check;
use crate::domain::text::one_line;
use crate::domain::{Category, CategoryDraft, Contact, ContactDraft, DateUse, Stage};
use crate::store::{self, WriteError};

/// The live category named `name` (any case), or a message saying there is none.
fn category_named(conn: &Connection, name: &str) -> Result<Result<Category, String>> {
    Ok(store::category::find_by_name(conn, name)?
        .ok_or_else(|| format!("There is no category named {name:?}; see `list25 category list`.")))
}

#[derive(Debug, Serialize)]
struct ContactRow<'a> {
    id: i64,
    name: &'a str,
    /// Null for a contact in no category (a client).
    category: Option<&'a str>,
    company: &'a str,
    email: &'a str,
    phone: &'a str,
    stage: &'static str,
    on_list: bool,
    last_touch: Option<String>,
    next_follow_up: Option<String>,
    client_since: Option<String>,
    referred_by: Option<String>,
}

pub fn contact(
    conn: &Connection,
    out: &mut Out,
    command: ContactCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    match command {
        ContactCommand::Add {
            name,
            category,
            email,
            phone,
            company,
            anyway,
        } => {
            let draft = match ContactDraft::named(&name).and_then(|d| d.with_email(&email)) {
                Ok(mut d) => {
                    d.phone = one_line(&phone);
                    d.company = one_line(&company);
                    d
                }
                Err((_, why)) => return Ok(refuse(&why)),
            };
            let category = match category_named(conn, &category)? {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            if !anyway
                && let Some((same, by_email)) =
                    store::contact::same_as(conn, &draft.name, Some(category.id), &draft.email)?
            {
                let what = if by_email {
                    format!("{} (#{}) has this e-mail", same.name, same.id)
                } else {
                    format!(
                        "{} (#{}) is already in {}",
                        same.name, same.id, same.category
                    )
                };
                return Ok(refuse(&format!(
                    "{what}; nothing added. To add another anyway, add --anyway."
                )));
            }
            match store::contact::add(conn, Some(category.id), &draft, &now) {
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                other => other?,
            };
            out.line(format!("Added {} to {}.", draft.name, category.name))?;
        }
        ContactCommand::List {
            category,
            clients,
            json,
        } => {
            let view = match category {
                None if clients => ContactView::Clients,
                None => ContactView::All,
                Some(name) => match category_named(conn, &name)? {
                    Ok(c) => ContactView::Category(c.id),
                    Err(why) => return Ok(refuse(&why)),
                },
            };
            if json {
                let contacts = store::contact::list(conn, view)?;
                out.json(&json_rows(conn, &contacts)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            if print_list(conn, out, view)? == 0 {
                out.line(if clients {
                    "No clients yet. Add one: list25 client add \"Ana Lima\" --since 2026-01-15"
                } else {
                    "No contacts yet. Add one: list25 contact add \"Ana Lima\" --category Printers"
                })?;
            }
        }
        ContactCommand::Search { text, limit, json } => {
            let query = text.join(" ");
            let words = crate::domain::search::plain_words(&query);
            let mut index = store::contact::search_candidates(conn, &words)?;
            let limit = if limit == 0 { usize::MAX } else { limit };
            let mut found = Vec::new();
            for id in index.search(&query, limit) {
                found.extend(store::contact::get(conn, id)?);
            }
            if json {
                out.json(&json_rows(conn, &found)?)?;
            } else if found.is_empty() {
                eprintln!("No contact matches {query:?}.");
                return Ok(ExitCode::from(1));
            } else {
                let mut line = String::new();
                for c in &found {
                    line.clear();
                    list_line(
                        &mut line,
                        c.on_list,
                        &c.name,
                        c.category_id.map(|_| c.category.as_str()),
                        c.stage,
                        c.client_since,
                        c.next_follow_up,
                    )?;
                    out.line(&line)?;
                }
            }
        }
        ContactCommand::Touch {
            name,
            kind,
            note,
            date,
        } => {
            let found = match only(
                store::contact::lookup(conn, &name)?,
                &name,
                &format!("There is no contact named {name:?}."),
                "name, or its #ID",
            ) {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            let on = match check(date.unwrap_or(today), today, DateUse::Touch) {
                Ok(on) => on,
                Err(why) => return Ok(refuse(&format!("--date {why}."))),
            };
            match store::contact::log_touch(conn, found.id, kind, on, &one_line(&note), &now) {
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                other => other?,
            }
            let next = store::contact::get(conn, found.id)?.and_then(|c| c.next_follow_up);
            out.line(format!(
                "Logged {} with {} on {on}.{}",
                kind.a(),
                found.name,
                next.map(|d| format!(" Next follow-up: {d}."))
                    .unwrap_or_default()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct CategoryRow<'a> {
    name: &'a str,
    why: &'a str,
    target: u32,
    partners: u32,
    contacts: u32,
}

pub fn category(
    conn: &Connection,
    out: &mut Out,
    command: CategoryCommand,
    today: NaiveDate,
) -> Result<ExitCode> {
    match command {
        CategoryCommand::Add { name, why, target } => {
            let draft = match CategoryDraft::parse(&name, &why, &target.to_string()) {
                Ok(d) => d,
                Err((_, why)) => return Ok(refuse(&why)),
            };
            let now = today.and_time(Local::now().time());
            match store::category::add(conn, &draft, &now) {
                Ok(_) => {
                    let n = store::category::count(conn)?;
                    out.line(format!(
                        "Added {:?} (target {} partners). {n} of {} categories on your most-wanted list.",
                        draft.name,
                        draft.target,
                        crate::domain::category::GOAL
                    ))?;
                }
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                Err(e) => return Err(e.into()),
            }
        }
        CategoryCommand::Suggest => {
            let Some(profession) = store::settings::get(conn, store::settings::PROFESSION)? else {
                return Ok(refuse(
                    "Set your profession first: list25 config profession \"graphic designer\"",
                ));
            };
            let all = crate::domain::suggest::builtin().map_err(|e| eyre!(e))?;
            let Some(found) = all.for_profession(&profession) else {
                out.line("Known professions:")?;
                for p in &all.professions {
                    out.line(format!("  {}", p.name))?;
                }
                return Ok(refuse(&format!(
                    "No suggestions fit {profession:?}. Give one of the professions above: \
                     list25 config profession \"{}\"",
                    all.professions.first().map_or("", |p| p.name.as_str())
                )));
            };
            out.line(format!("Suggested for: {}", found.name))?;
            for c in all.categories(found, &profession) {
                let on = if store::category::find_by_name(conn, &c.name)?.is_some() {
                    " (on your list)"
                } else {
                    ""
                };
                out.line(format!("  {}{on} · {}", c.name, c.why))?;
            }
        }
        CategoryCommand::List { json } => {
            let categories = store::category::list(conn)?;
            if json {
                let rows: Vec<CategoryRow> = categories
                    .iter()
                    .map(|c| CategoryRow {
                        name: &c.name,
                        why: &c.why,
                        target: c.target,
                        partners: c.partners,
                        contacts: c.contacts,
                    })
                    .collect();
                out.json(&rows)?;
            } else if categories.is_empty() {
                out.line("No categories yet. Add one: list25 category add \"Accountants\"")?;
            } else {
                for (i, c) in categories.iter().enumerate() {
                    let why = if c.why.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", c.why)
                    };
                    out.line(format!(
                        "{:>2}. {} ({}/{} partners){why}",
                        i + 1,
                        c.name,
                        c.partners,
                        c.target
                    ))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Contacts as `--json` prints them: their referrer by name.
fn json_rows<'a>(conn: &Connection, contacts: &'a [Contact]) -> Result<Vec<ContactRow<'a>>> {
    // Referrers by id: few, so each is read once.
    let mut names = std::collections::HashMap::new();
    for id in contacts.iter().filter_map(|c| c.referred_by) {
        if let std::collections::hash_map::Entry::Vacant(e) = names.entry(id) {
            e.insert(store::contact::get(conn, id)?.map(|c| c.name));
        }
    }
    Ok(contacts
        .iter()
        .map(|c| ContactRow {
            id: c.id,
            name: &c.name,
            category: c.category_id.map(|_| c.category.as_str()),
            company: &c.company,
            email: &c.email,
            phone: &c.phone,
            stage: c.stage.as_str(),
            on_list: c.on_list,
            last_touch: c.last_touch.map(|d| d.to_string()),
            next_follow_up: c.next_follow_up.map(|d| d.to_string()),
            client_since: c.client_since.map(|d| d.to_string()),
            referred_by: c
                .referred_by
                .and_then(|id| names.get(&id).cloned().flatten()),
        })
        .collect())
}

/// One contact as a line of `contact list`: "★ name · category · stage
/// · follow up date", a client's "client since date" for the stage.
fn list_line(
    line: &mut String,
    on_list: bool,
    name: &str,
    category: Option<&str>,
    stage: Stage,
    client_since: Option<NaiveDate>,
    next_follow_up: Option<NaiveDate>,
) -> std::fmt::Result {
    use std::fmt::Write as _;
    line.push_str(if on_list { "★ " } else { "  " });
    line.push_str(name);
    line.push_str(" · ");
    if let Some(category) = category {
        line.push_str(category);
        line.push_str(" · ");
    }
    match client_since {
        Some(d) => write!(line, "client since {d}")?,
        None => line.push_str(stage.as_str()),
    }
    if let Some(d) = next_follow_up {
        write!(line, " · follow up {d}")?;
    }
    Ok(())
}

/// Print the contacts `view` shows, one line each, by name; how many.
/// A long list is read in one pass into one text, sorted, and written in
/// one go: no copy of each row.
fn print_list(conn: &Connection, out: &mut Out, view: ContactView) -> Result<usize> {
    use std::ops::Range;
    struct Listed {
        id: i64,
        name: Range<usize>,
        line: Range<usize>,
    }
    let categories: std::collections::HashMap<i64, String> = store::category::names_by_id(conn)?
        .into_iter()
        .map(|(id, name)| (id, plain(&name).into_owned()))
        .collect();
    let mut text = String::new();
    let mut listed = Vec::new();
    let mut failed = None;
    store::contact::each_row(conn, view, |c| {
        let start = text.len();
        let category = c.category_id.and_then(|id| categories.get(&id));
        let name = plain(c.name);
        let written = list_line(
            &mut text,
            c.on_list,
            &name,
            category.map(String::as_str),
            c.stage,
            c.client_since,
            c.next_follow_up,
        );
        if let Err(e) = written {
            failed = Some(e);
        }
        text.push('\n');
        // The name is right after the two-cell mark.
        let name_start = start + if c.on_list { "★ ".len() } else { 2 };
        listed.push(Listed {
            id: c.id,
            name: name_start..name_start + name.len(),
            line: start..text.len(),
        });
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let order = store::contact::name_order(listed.len(), |i| {
        (&text[listed[i].name.clone()], listed[i].id)
    });
    for i in order {
        out.plain(&text[listed[i].line.clone()])?;
    }
    Ok(listed.len())
}
