//! Two-way sync with a vdir: a folder of one vCard per contact, the layout
//! khard, vdirsyncer and pimsync keep. What each side held at the last
//! sync is remembered (`vdir_state`): a side whose card changed since then
//! has news for the other. A file new to list25 is a new contact (merged
//! with one already here, as an import merges); a file changed is read
//! back; a file removed archives its contact. A contact changed in list25
//! is written, over the file's other properties, which stay. When both
//! sides changed, the newer wins and what the other said is added to the
//! contact's notes: nothing is lost silently.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::export::Exported;
use super::{WriteError, export, import};
use crate::interop::vcard_out::{self, Version};
use crate::interop::{FileRead, Person, read_bytes};

/// What a sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Cards written to the folder (new or changed in list25).
    pub written: usize,
    /// Contacts added from files new to list25.
    pub added: usize,
    /// Contacts changed from files changed in the folder.
    pub read: usize,
    /// Contacts archived because their file was removed.
    pub archived: usize,
    /// Files removed because their contact was deleted in list25.
    pub removed: usize,
    /// Both sides changed: who they were, and which side was kept.
    pub conflicts: Vec<String>,
    /// Files left alone, and why.
    pub skipped: Vec<String>,
}

/// A hash of bytes that stays the same from one run to the next (FNV-1a).
fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A card file in the folder.
struct CardFile {
    path: PathBuf,
    bytes: Vec<u8>,
    person: Person,
    modified: Option<NaiveDateTime>,
}

/// What list25 keeps of a person, to compare two cards by.
fn kept(p: &Person) -> (&str, &str, &str, &[String], &[String], &str, &str, &str) {
    (
        &p.name, &p.company, &p.role, &p.emails, &p.phones, &p.city, &p.notes, &p.met_how,
    )
}

/// The longest file name written, in bytes (file systems allow 255).
const NAME_MAX: usize = 200;

/// A name for a card's file: its UID, each byte a file name should not
/// hold written `%XX` (so two UIDs never share a name: `x:1` is `x%3A1`,
/// `x/1` is `x%2F1`); a UID too long for a file name is named by its hash
/// instead (the state remembers which file is whose).
fn file_name(uid: &str) -> String {
    let mut safe = String::new();
    for b in uid.bytes() {
        let c = char::from(b);
        if b.is_ascii_alphanumeric()
            || matches!(c, '-' | '_' | '@')
            || (c == '.' && !safe.is_empty())
        {
            safe.push(c);
        } else {
            safe.push_str(&format!("%{b:02X}"));
        }
    }
    if safe.len() + 4 > NAME_MAX {
        return format!("uid-{}-{}.vcf", hash(uid.as_bytes()), uid.len());
    }
    format!("{safe}.vcf")
}

fn scan(dir: &Path, skipped: &mut Vec<String>) -> Result<HashMap<String, CardFile>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = HashMap::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let vcf = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("vcf"));
        if !vcf || !path.is_file() {
            continue;
        }
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(format!("{name}: {e}"));
                continue;
            }
        };
        let person = match read_bytes(&path, &bytes) {
            Ok(FileRead { mut people, .. }) if people.len() == 1 => people.remove(0),
            Ok(read) => {
                let why = read.skipped.first().map_or_else(
                    || format!("{} cards in one file", read.people.len()),
                    |s| s.reason.clone(),
                );
                skipped.push(format!("{name}: {why}"));
                continue;
            }
            Err(refused) => {
                skipped.push(format!("{name}: {}", refused.why));
                continue;
            }
        };
        let uid = person.uid.clone().unwrap_or_else(|| {
            path.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        });
        if let Some(first) = files.get(&uid).map(|f: &CardFile| f.path.clone()) {
            // Two files, one person: neither is taken for the other.
            skipped.push(format!(
                "{name}: the same UID as {}; left alone (give one of them another UID)",
                first
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            continue;
        }
        let modified = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .map(|t| chrono::DateTime::<Utc>::from(t).naive_utc());
        let mut person = person;
        person.uid = Some(uid.clone());
        files.insert(
            uid,
            CardFile {
                path,
                bytes,
                person,
                modified,
            },
        );
    }
    Ok(files)
}

/// When a contact last changed, in UTC.
fn updated(conn: &Connection, uid: &str) -> rusqlite::Result<Option<NaiveDateTime>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT updated_at FROM contact WHERE uid = ?1",
            [uid],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(at.and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S%.fZ").ok()))
}

/// What `other` says that `mine` does not, field by field, for the notes.
fn differences(mine: &Person, other: &Person) -> String {
    let mut out = Vec::new();
    let mut field = |label: &str, a: String, b: String| {
        if a != b && !b.is_empty() {
            out.push(format!("{label}: {b}"));
        }
    };
    field("name", mine.name.clone(), other.name.clone());
    field("company", mine.company.clone(), other.company.clone());
    field("role", mine.role.clone(), other.role.clone());
    field("e-mail", mine.emails.join(", "), other.emails.join(", "));
    field("phone", mine.phones.join(", "), other.phones.join(", "));
    field("city", mine.city.clone(), other.city.clone());
    field("notes", mine.notes.clone(), other.notes.clone());
    out.join(" · ")
}

/// Where a card new to the folder goes: its name, or, when a file of
/// another card has that name already, the name with `-2`, `-3`...
fn free_path(dir: &Path, uid: &str) -> PathBuf {
    let name = file_name(uid);
    let stem = name.trim_end_matches(".vcf");
    (1..)
        .map(|n| match n {
            1 => dir.join(&name),
            n => dir.join(format!("{stem}-{n}.vcf")),
        })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(name.clone()))
}

/// One sync of a database at a time: a file beside it, held locked while
/// a sync runs (the lock goes with the process, however it ends). A
/// second sync does not wait: it says so. A database in memory has none.
fn lock(conn: &Connection) -> Result<Option<std::fs::File>, String> {
    let Some(db) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let mut name = std::ffi::OsString::from(db);
    name.push(".sync-lock");
    let path = PathBuf::from(name);
    let file = crate::files::open_private(&path)
        .map_err(|e| format!("cannot sync: {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err("another sync of this database is running; try again when it is done".into())
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(format!("cannot sync: {}: {e}", path.display()))
        }
    }
}

/// Sync the folder `dir` with the contacts of `category` (all when none).
pub fn sync(
    conn: &Connection,
    dir: &Path,
    category: Option<i64>,
    now: &NaiveDateTime,
) -> Result<Synced, WriteError> {
    let refuse = |why: String| WriteError::Refused(why);
    let dir = dir.canonicalize().map_err(|e| {
        refuse(format!(
            "{}: {e}; make the folder first (mkdir -p)",
            dir.display()
        ))
    })?;
    if !dir.is_dir() {
        return Err(refuse(format!("{} is not a folder", dir.display())));
    }
    let key = dir.display().to_string();
    let _lock = lock(conn).map_err(refuse)?;
    // A folder that cannot be written is said before anything changes.
    crate::files::temp_beside(&dir.join("probe"))
        .and_then(|(_, p)| std::fs::remove_file(p))
        .map_err(|e| {
            refuse(format!(
                "cannot write in {}: {e}; nothing was synced",
                dir.display()
            ))
        })?;
    let mut out = Synced::default();
    let files = scan(&dir, &mut out.skipped).map_err(refuse)?;
    let last: HashMap<String, (String, String)> = conn
        .prepare("SELECT uid, file_hash, card_hash FROM vdir_state WHERE dir = ?1")?
        .query_map([&key], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    // A card's file that is there but could not be read (left alone, and
    // said) is neither removed nor written over.
    let unreadable: HashSet<String> = conn
        .prepare("SELECT uid, file FROM vdir_state WHERE dir = ?1")?
        .query_map([&key], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(Result::ok)
        .filter(|(uid, file)| !files.contains_key(uid) && Path::new(file).exists())
        .map(|(uid, _)| uid)
        .collect();
    let in_scope = |e: &Exported| category.is_none_or(|c| e.contact.category_id == Some(c));
    let cards: HashMap<String, Exported> = export::contacts(conn)?
        .into_iter()
        .filter(in_scope)
        .map(|e| (e.uid.clone(), e))
        .collect();
    let live: HashSet<String> = conn
        .prepare("SELECT uid FROM contact WHERE deleted_at IS NULL AND uid IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let deleted: HashMap<String, i64> = conn
        .prepare("SELECT uid, id FROM contact WHERE deleted_at IS NOT NULL AND uid IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let card_hash = |e: &Exported| hash(vcard_out::card_text(e, Version::V4).as_bytes());

    let mut new_files: Vec<&CardFile> = Vec::new();
    let mut to_remove: Vec<PathBuf> = Vec::new();
    let tx = conn.unchecked_transaction()?;
    let day = now.date().format("%-d %b %Y");
    for (uid, file) in &files {
        let was = last.get(uid);
        let file_changed = was.is_none_or(|(f, _)| *f != hash(&file.bytes));
        match cards.get(uid) {
            Some(_) if !file_changed => {}
            Some(e) => {
                let mine = super::import::person_of_exported(e);
                if kept(&mine) == kept(&file.person) {
                    continue;
                }
                if was.is_some_and(|(_, c)| *c == card_hash(e)) {
                    write_person(&tx, e.contact.id, &file.person)?;
                    out.read += 1;
                    continue;
                }
                // Both changed: the newer is kept; the other goes to notes.
                let file_newer = match (file.modified, updated(&tx, uid)?) {
                    (Some(f), Some(c)) => f > c,
                    (Some(_), None) => true,
                    _ => false,
                };
                let (mut winner, loser, kept_side) = if file_newer {
                    (file.person.clone(), mine, "the file's")
                } else {
                    (mine, file.person.clone(), "list25's")
                };
                let said = differences(&winner, &loser);
                if !said.is_empty() {
                    crate::interop::add_note_line(
                        &mut winner.notes,
                        &format!(
                            "Sync {day} with {}: both changed, {kept_side} kept; the other said {said}",
                            file.path
                                .file_name()
                                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                        ),
                    );
                }
                write_person(&tx, e.contact.id, &winner)?;
                out.conflicts
                    .push(format!("{}: {kept_side} kept", winner.name));
            }
            None if live.contains(uid) => {}
            None => match deleted.get(uid) {
                Some(_) if was.is_some() && !file_changed => to_remove.push(file.path.clone()),
                Some(&id) => {
                    // Deleted here but changed there: brought back, nothing lost.
                    super::contact::restore(&tx, id)?;
                    write_person(&tx, id, &file.person)?;
                    out.read += 1;
                }
                None => new_files.push(file),
            },
        }
    }
    for (uid, e) in &cards {
        if !files.contains_key(uid)
            && !unreadable.contains(uid)
            && let Some((_, c)) = last.get(uid)
        {
            if *c == card_hash(e) {
                super::contact::delete(&tx, e.contact.id, now)?;
                out.archived += 1;
            } else {
                out.conflicts.push(format!(
                    "{}: its file was removed, but it changed in list25: written again",
                    e.contact.name
                ));
            }
        }
    }
    tx.commit()?;
    // Files new to list25: as an import, merged with whom they are already.
    if !new_files.is_empty() {
        let reads: Vec<FileRead> = new_files
            .iter()
            .map(|f| FileRead {
                path: f.path.clone(),
                format: String::new(),
                people: vec![f.person.clone()],
                skipped: Vec::new(),
            })
            .collect();
        let plan = import::plan(conn, &reads, category)?;
        import::apply(conn, &plan, now)?;
        for e in &plan.entries {
            let uid = reads[e.file].people[0].uid.clone();
            match &e.outcome {
                import::Outcome::Added { .. } => out.added += 1,
                // The contact already here takes the file's UID, so that
                // the file is theirs from now on.
                import::Outcome::Merged {
                    into: import::Into::Contact { id, .. },
                    ..
                } => {
                    let before: Option<String> =
                        conn.query_row("SELECT uid FROM contact WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })?;
                    let taken = conn.execute(
                        "UPDATE contact SET uid = ?2 WHERE id = ?1
                           AND NOT EXISTS (SELECT 1 FROM contact WHERE uid = ?2)",
                        params![id, uid],
                    )?;
                    // Their card under the old UID is theirs no more.
                    if let Some(old) = before.filter(|_| taken > 0)
                        && let Some(file) = files.get(&old)
                    {
                        to_remove.push(file.path.clone());
                    }
                    out.read += 1;
                }
                _ => {}
            }
        }
    }
    for path in &to_remove {
        std::fs::remove_file(path)
            .map_err(|e| refuse(format!("cannot remove {}: {e}", path.display())))?;
        out.removed += 1;
    }
    // Write what list25 knows that the files do not, and remember both.
    let now_cards: Vec<Exported> = export::contacts(conn)?
        .into_iter()
        .filter(in_scope)
        .collect();
    let tx = conn.unchecked_transaction()?;
    tx.execute(
        "DELETE FROM vdir_state WHERE dir = ?1 AND uid NOT IN (SELECT value FROM json_each(?2))",
        params![
            key,
            serde_json::to_string(&unreadable.iter().collect::<Vec<_>>()).unwrap_or_default()
        ],
    )?;
    for e in now_cards.iter().filter(|e| !unreadable.contains(&e.uid)) {
        let ours = vcard_out::card_text(e, Version::V4);
        let file = files.get(&e.uid);
        let path = match file {
            Some(f) => f.path.clone(),
            None => free_path(&dir, &e.uid),
        };
        let same = file.is_some_and(|f| {
            let mine = super::import::person_of_exported(e);
            kept(&mine) == kept(&f.person)
        });
        let bytes = if same {
            file.map(|f| f.bytes.clone()).unwrap_or_default()
        } else {
            let text = vcard_out::merge_into(
                &file
                    .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                    .unwrap_or_default(),
                e,
                Version::V4,
            );
            crate::interop::write_whole(&path, text.as_bytes()).map_err(refuse)?;
            out.written += 1;
            text.into_bytes()
        };
        tx.execute(
            "INSERT INTO vdir_state (dir, uid, file, file_hash, card_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key, e.uid, path.display().to_string(), hash(&bytes), hash(ours.as_bytes())],
        )?;
    }
    tx.commit()?;
    Ok(out)
}

/// A contact's fields as a card says them: list25's fields replaced,
/// every address and number; its category from the card's, when it names
/// one on the list.
fn write_person(tx: &Connection, id: i64, p: &Person) -> rusqlite::Result<()> {
    let category = p
        .categories
        .iter()
        .find_map(|name| super::category::find_by_name(tx, name).ok().flatten())
        .map(|c| c.id);
    tx.execute(
        "UPDATE contact SET name = ?2, company = ?3, role = ?4, email = ?5, phone = ?6, city = ?7,
             met_how = ?8, notes = ?9, category_id = coalesce(?10, category_id)
         WHERE id = ?1",
        params![
            id,
            p.name,
            p.company,
            p.role,
            p.emails.first().map_or("", String::as_str),
            p.phones.first().map_or("", String::as_str),
            p.city,
            p.met_how,
            p.notes,
            category,
        ],
    )?;
    tx.execute("DELETE FROM contact_detail WHERE contact_id = ?1", [id])?;
    super::contact::write_details(tx, id, &p.emails, &p.phones)
}
