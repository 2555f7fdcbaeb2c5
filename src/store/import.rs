//! An import: the people read from files matched against each other and
//! against the database, then written in one transaction, all or nothing.
//!
//! The same person is merged, never doubled: the same UID, or the same
//! e-mail address (case and spaces aside), or, when one side has no
//! address, the same name with the same company and first phone number.

use std::collections::hash_map::Entry as Slot;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

use super::{TIMESTAMP_FORMAT, WriteError, category, contact::date_text};
use crate::domain::contact::DEFAULT_CADENCE;
use crate::domain::text::key;
use crate::domain::{Contact, Stage};
use crate::interop::{FileRead, Person, email_key, phone_key};

/// What became of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new contact; in `category` (a name) or in none.
    Added {
        category: Option<String>,
    },
    /// The same person as one already there or read earlier; `changed`
    /// when the record told something new about them.
    Merged {
        into: Into,
        changed: bool,
    },
    Skipped {
        reason: String,
    },
}

/// Whom a record was merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Into {
    /// A contact in the database.
    Contact { id: i64, name: String },
    /// A record read before it in this import.
    Earlier { file: usize, line: usize },
}

/// One record of one file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Which of the files read (their order).
    pub file: usize,
    pub line: usize,
    pub name: String,
    pub outcome: Outcome,
}

/// A new contact to write.
#[derive(Debug)]
struct New {
    person: Person,
    category: Option<i64>,
    /// The entry that added it, to give it the id written.
    entry: usize,
}

/// What an import will do, worked out before anything is written.
#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
    news: Vec<New>,
    /// Contacts there already, as they will be after the merge.
    changes: HashMap<i64, (Person, Option<i64>, bool)>,
}

impl Plan {
    pub fn count(&self, what: fn(&Outcome) -> bool) -> usize {
        self.entries.iter().filter(|e| what(&e.outcome)).count()
    }
}

/// Where a person already is, in the database or in this import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Contact(i64),
    New(usize),
}

/// A name, company and first phone: who someone with no address is.
type Print = (String, String, String);

fn print_of(name: &str, company: &str, phone: &str) -> Print {
    (key(name), key(company), phone_key(phone))
}

/// What the import matches people by.
#[derive(Default)]
struct Known {
    uid: HashMap<String, Target>,
    email: HashMap<String, Target>,
    /// And whether that someone has an e-mail address.
    print: HashMap<Print, (Target, bool)>,
    /// UIDs of deleted contacts: not to be given again.
    taken_uids: HashSet<String>,
}

impl Known {
    fn read(conn: &Connection) -> rusqlite::Result<Known> {
        let mut known = Known::default();
        let mut stmt = conn.prepare(
            "SELECT id, uid, name, company, phone, email, deleted_at IS NOT NULL FROM contact",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let uid: Option<String> = r.get(1)?;
            if r.get::<_, bool>(6)? {
                known.taken_uids.extend(uid);
                continue;
            }
            if let Some(uid) = uid {
                known.uid.insert(uid, Target::Contact(id));
            }
            let email: String = r.get(5)?;
            if !email.trim().is_empty() {
                known.email.insert(email_key(&email), Target::Contact(id));
            }
            let print = print_of(
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
            );
            known
                .print
                .insert(print, (Target::Contact(id), !email.trim().is_empty()));
        }
        let mut stmt = conn.prepare(
            "SELECT d.contact_id, d.value FROM contact_detail d JOIN contact c ON c.id = d.contact_id
             WHERE d.kind = 'email' AND c.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let value: String = r.get(1)?;
            known
                .email
                .insert(email_key(&value), Target::Contact(r.get(0)?));
        }
        Ok(known)
    }

    fn find(&self, p: &Person) -> Option<Target> {
        if let Some(t) = p.uid.as_ref().and_then(|u| self.uid.get(u)) {
            return Some(*t);
        }
        if let Some(t) = p.emails.iter().find_map(|e| self.email.get(&email_key(e))) {
            return Some(*t);
        }
        let phone = p.phones.first().map_or("", String::as_str);
        match self.print.get(&print_of(&p.name, &p.company, phone)) {
            Some((t, has_email)) if p.emails.is_empty() || !has_email => Some(*t),
            _ => None,
        }
    }

    fn learn(&mut self, p: &Person, at: Target) {
        if let Some(uid) = &p.uid {
            self.uid.entry(uid.clone()).or_insert(at);
        }
        for e in &p.emails {
            self.email.entry(email_key(e)).or_insert(at);
        }
        let phone = p.phones.first().map_or("", String::as_str);
        self.print
            .entry(print_of(&p.name, &p.company, phone))
            .or_insert((at, !p.emails.is_empty()));
    }
}

/// A contact there already, as a person read from a file would be.
fn person_of_contact(conn: &Connection, c: &Contact) -> rusqlite::Result<Person> {
    let (emails, phones) = super::contact::addresses(conn, c)?;
    let uid: Option<String> =
        conn.query_row("SELECT uid FROM contact WHERE id = ?1", [c.id], |r| {
            r.get(0)
        })?;
    Ok(Person {
        line: 0,
        name: c.name.clone(),
        company: c.company.clone(),
        role: c.role.clone(),
        emails,
        phones,
        city: c.city.clone(),
        met_how: c.met_how.clone(),
        notes: c.notes.clone(),
        categories: Vec::new(),
        uid,
    })
}

/// Work out what importing `files` does: each record added, merged or
/// skipped. `into` puts every new person in that category; otherwise a
/// person lands in the first of their categories that is on the list, or
/// in none.
pub fn plan(conn: &Connection, files: &[FileRead], into: Option<i64>) -> rusqlite::Result<Plan> {
    let mut known = Known::read(conn)?;
    let mut categories: HashMap<String, Option<i64>> = HashMap::new();
    let mut category_of = |p: &Person| -> rusqlite::Result<Option<i64>> {
        if into.is_some() {
            return Ok(into);
        }
        for name in &p.categories {
            let k = key(name);
            if !categories.contains_key(&k) {
                let found = category::find_by_name(conn, name)?.map(|c| c.id);
                categories.insert(k.clone(), found);
            }
            if let Some(Some(id)) = categories.get(&k) {
                return Ok(Some(*id));
            }
        }
        Ok(None)
    };
    let mut plan = Plan::default();
    for (file, read) in files.iter().enumerate() {
        let mut records: Vec<Result<&Person, &crate::interop::Skip>> =
            read.people.iter().map(Ok).collect();
        records.extend(read.skipped.iter().map(Err));
        records.sort_by_key(|r| r.map_or_else(|s| s.line, |p| p.line));
        for record in records {
            let p = match record {
                Err(skip) => {
                    plan.entries.push(Entry {
                        file,
                        line: skip.line,
                        name: skip.name.clone(),
                        outcome: Outcome::Skipped {
                            reason: skip.reason.clone(),
                        },
                    });
                    continue;
                }
                Ok(p) => p,
            };
            let outcome = match known.find(p) {
                Some(Target::Contact(id)) => {
                    let wanted = category_of(p)?;
                    let (merged, category, dirty) = match plan.changes.entry(id) {
                        Slot::Occupied(o) => o.into_mut(),
                        Slot::Vacant(v) => {
                            let Some(c) = super::contact::get(conn, id)? else {
                                continue;
                            };
                            v.insert((person_of_contact(conn, &c)?, c.category_id, false))
                        }
                    };
                    let mut changed = merged.absorb(p);
                    if category.is_none() && wanted.is_some() {
                        *category = wanted;
                        changed = true;
                    }
                    *dirty |= changed;
                    let snapshot = merged.clone();
                    known.learn(&snapshot, Target::Contact(id));
                    Outcome::Merged {
                        into: Into::Contact {
                            id,
                            name: snapshot.name,
                        },
                        changed,
                    }
                }
                Some(Target::New(n)) => {
                    let new = &mut plan.news[n];
                    let changed = new.person.absorb(p);
                    if new.category.is_none() {
                        new.category = category_of(p)?;
                    }
                    let (first, line) = (plan.entries[new.entry].file, new.person.line);
                    let snapshot = new.person.clone();
                    known.learn(&snapshot, Target::New(n));
                    Outcome::Merged {
                        into: Into::Earlier { file: first, line },
                        changed,
                    }
                }
                None => {
                    let mut person = p.clone();
                    if person
                        .uid
                        .as_ref()
                        .is_some_and(|u| known.taken_uids.contains(u))
                    {
                        person.uid = None;
                    }
                    let category = category_of(p)?;
                    known.learn(&person, Target::New(plan.news.len()));
                    plan.news.push(New {
                        person,
                        category,
                        entry: plan.entries.len(),
                    });
                    // Named once every category is known (`name_categories`).
                    Outcome::Added { category: None }
                }
            };
            plan.entries.push(Entry {
                file,
                line: p.line,
                name: p.name.clone(),
                outcome,
            });
        }
    }
    name_categories(conn, &mut plan)?;
    Ok(plan)
}

/// Each added entry says the name of the category it lands in.
fn name_categories(conn: &Connection, plan: &mut Plan) -> rusqlite::Result<()> {
    let names: HashMap<i64, String> = category::list(conn)?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    for new in &plan.news {
        if let Some(Entry {
            outcome: Outcome::Added { category },
            ..
        }) = plan.entries.get_mut(new.entry)
        {
            *category = new.category.and_then(|id| names.get(&id).cloned());
        }
    }
    Ok(())
}

/// Write what the plan says, in one transaction: the ids of the contacts
/// added, in the order of the plan's entries.
pub fn apply(conn: &Connection, plan: &Plan, now: &NaiveDateTime) -> Result<Vec<i64>, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let created = now.format(TIMESTAMP_FORMAT).to_string();
    let mut ids = Vec::with_capacity(plan.news.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO contact (name, company, role, email, phone, city, met_how, notes,
                 cadence_days, category_id, created_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut stage = tx.prepare_cached(
            "INSERT INTO stage_change (contact_id, stage, changed_on) VALUES (?1, ?2, ?3)",
        )?;
        for new in &plan.news {
            let p = &new.person;
            insert.execute(params![
                p.name,
                p.company,
                p.role,
                p.emails.first().map_or("", String::as_str),
                p.phones.first().map_or("", String::as_str),
                p.city,
                p.met_how,
                p.notes,
                DEFAULT_CADENCE,
                new.category,
                created,
                p.uid,
            ])?;
            let id = tx.last_insert_rowid();
            stage.execute(params![
                id,
                Stage::Identified.as_str(),
                date_text(now.date())
            ])?;
            write_details(&tx, id, p)?;
            ids.push(id);
        }
    }
    for (id, (p, category, dirty)) in &plan.changes {
        if !dirty {
            continue;
        }
        super::must_be_live(&tx, super::Live::Contact(*id))?;
        tx.execute(
            "UPDATE contact SET company = ?2, role = ?3, email = ?4, phone = ?5, city = ?6,
                 met_how = ?7, notes = ?8, category_id = ?9, uid = coalesce(uid, ?10)
             WHERE id = ?1",
            params![
                id,
                p.company,
                p.role,
                p.emails.first().map_or("", String::as_str),
                p.phones.first().map_or("", String::as_str),
                p.city,
                p.met_how,
                p.notes,
                category,
                p.uid,
            ],
        )?;
        write_details(&tx, *id, p)?;
    }
    tx.commit()?;
    Ok(ids)
}

/// The addresses and numbers beyond the first of each.
fn write_details(tx: &Connection, id: i64, p: &Person) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO contact_detail (contact_id, kind, value) VALUES (?1, ?2, ?3)",
    )?;
    for e in p.emails.iter().skip(1) {
        stmt.execute(params![id, "email", e])?;
    }
    for ph in p.phones.iter().skip(1) {
        stmt.execute(params![id, "phone", ph])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
