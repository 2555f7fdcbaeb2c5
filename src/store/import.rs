//! An import: the people read from files matched against each other and
//! against the database, then written in one transaction, all or nothing.
//!
//! The same person is merged, never doubled: the same UID, or the same
//! e-mail address (case and spaces aside), or, when one side has no
//! address, the same name with the same company and first phone number.

use std::collections::hash_map::Entry as Slot;
use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::category;
use crate::domain::Contact;
use crate::domain::text::key;
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

    /// How many are added, merged (and of those, with something new), and
    /// skipped.
    pub fn counts(&self) -> Counts {
        Counts {
            added: self.count(|o| matches!(o, Outcome::Added { .. })),
            merged: self.count(|o| matches!(o, Outcome::Merged { .. })),
            news: self.count(|o| matches!(o, Outcome::Merged { changed: true, .. })),
            skipped: self.count(|o| matches!(o, Outcome::Skipped { .. })),
            unsorted: self.count(|o| matches!(o, Outcome::Added { category: None })),
        }
    }
}

/// What an import does, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub added: usize,
    pub merged: usize,
    /// Merged with something new about them.
    pub news: usize,
    pub skipped: usize,
    /// Added in no category.
    pub unsorted: usize,
}

/// Where a person already is, in the database or in this import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Contact(i64),
    New(usize),
}

/// A name, company and first phone, as one text: who someone with no
/// address is.
type Print = String;

fn print_of(name: &str, company: &str, phone: &str) -> Print {
    let mut print = String::with_capacity(name.len() + company.len() + phone.len() + 2);
    for part in [name, company] {
        if part.is_ascii() {
            // What `key` gives for plain ASCII, without a copy per part.
            print.push_str(part.trim());
            print.make_ascii_lowercase();
        } else {
            print.push_str(&key(part));
        }
        print.push('\u{1f}');
    }
    print.push_str(&phone_key(phone));
    print
}

fn print_of_person(p: &Person) -> Print {
    print_of(
        &p.name,
        &p.company,
        p.phones.first().map_or("", String::as_str),
    )
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

    /// Whom `p` is already, if anyone; and `p`'s print, to learn it by.
    fn find(&self, p: &Person) -> (Option<Target>, Print) {
        let print = print_of_person(p);
        if let Some(t) = p.uid.as_ref().and_then(|u| self.uid.get(u)) {
            return (Some(*t), print);
        }
        if let Some(t) = p.emails.iter().find_map(|e| self.email.get(&email_key(e))) {
            return (Some(*t), print);
        }
        let found = match self.print.get(&print) {
            Some((t, has_email)) if p.emails.is_empty() || !has_email => Some(*t),
            _ => None,
        };
        (found, print)
    }

    /// Remember that `p` (whose print is `print`) is at `at`.
    fn learn(&mut self, p: &Person, at: Target, print: Print) {
        if let Some(uid) = &p.uid {
            self.uid.entry(uid.clone()).or_insert(at);
        }
        for e in &p.emails {
            self.email.entry(email_key(e)).or_insert(at);
        }
        self.print
            .entry(print)
            .or_insert((at, !p.emails.is_empty()));
    }
}

/// An exported contact as a person read from its card would be.
pub(super) fn person_of_exported(e: &super::export::Exported) -> Person {
    let c = &e.contact;
    Person {
        line: 0,
        name: c.name.clone(),
        company: c.company.clone(),
        role: c.role.clone(),
        emails: e.emails.clone(),
        phones: e.phones.clone(),
        city: c.city.clone(),
        met_how: c.met_how.clone(),
        notes: c.notes.clone(),
        categories: Some(c.category.clone())
            .filter(|n| !n.is_empty())
            .into_iter()
            .collect(),
        uid: Some(e.uid.clone()),
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
            let (found, print) = known.find(p);
            let outcome = match found {
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
                    known.learn(&snapshot, Target::Contact(id), print_of_person(&snapshot));
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
                    known.learn(&snapshot, Target::New(n), print_of_person(&snapshot));
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
                    known.learn(&person, Target::New(plan.news.len()), print);
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

mod preview;
mod write;

pub use preview::{Preview, PreviewRow};

#[cfg(test)]
use write::BULK_MIN;
pub use write::{STOPPED, apply, apply_with};

#[cfg(test)]
mod tests;
