//! Finding contacts: by name (`#ID`, the same name, or a part only one
//! has), as labels for pickers, and as the texts fuzzy search reads.

use rusqlite::{Connection, OptionalExtension};

use super::get;
use crate::domain::Contact;
use crate::domain::search::{Index, might_match};
use crate::domain::text::{fold, key};
use crate::store::Lookup;

/// Find one contact by `#ID`, or by name: the same name (as names compare,
/// see `text::key`) wins, then a unique part of a name, accents ignored.
/// When several match, each is told apart by its id.
pub fn lookup(conn: &Connection, name: &str) -> rusqlite::Result<Lookup<Contact>> {
    if let Some(id) = name
        .trim()
        .strip_prefix('#')
        .and_then(|n| n.parse::<i64>().ok())
    {
        return Ok(get(conn, id)?.map_or(Lookup::None, |c| Lookup::One(Box::new(c))));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM contact WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
    )?;
    let all: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let wanted = key(name);
    let mut ids: Vec<i64> = all
        .iter()
        .filter(|(_, n)| key(n) == wanted)
        .map(|&(id, _)| id)
        .collect();
    if ids.is_empty() {
        let part = fold(name.trim());
        ids = all
            .iter()
            .filter(|(_, n)| !part.is_empty() && fold(n).contains(&part))
            .map(|&(id, _)| id)
            .take(10)
            .collect();
    }
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.extend(get(conn, id)?);
    }
    Ok(match found.len() {
        0 => Lookup::None,
        1 => found
            .into_iter()
            .next()
            .map_or(Lookup::None, |c| Lookup::One(Box::new(c))),
        _ => Lookup::Many(
            found
                .into_iter()
                .map(|c| {
                    if c.category.is_empty() {
                        format!("{} (#{})", c.name, c.id)
                    } else {
                        format!("{} (#{}, {})", c.name, c.id, c.category)
                    }
                })
                .collect(),
        ),
    })
}

/// A live contact a new one with this name (in `category`) and e-mail
/// would double: the same name, as names compare (see `text::key`), in the
/// same category, or the same e-mail address anywhere, case and spaces
/// around it ignored. The contact, and whether the e-mail is what matched.
pub fn same_as(
    conn: &Connection,
    name: &str,
    category: Option<i64>,
    email: &str,
) -> rusqlite::Result<Option<(Contact, bool)>> {
    let email = email.trim();
    if !email.is_empty() {
        let id: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM (
                     SELECT id FROM contact WHERE deleted_at IS NULL AND email <> ''
                       AND lower(trim(email)) = lower(?1)
                     UNION ALL
                     SELECT d.contact_id FROM contact_detail d
                       JOIN contact c ON c.id = d.contact_id AND c.deleted_at IS NULL
                     WHERE d.kind = 'email' AND lower(trim(d.value)) = lower(?1))
                 ORDER BY id LIMIT 1",
            )?
            .query_row([email], |r| r.get(0))
            .optional()?;
        if let Some(c) = id.map(|id| get(conn, id)).transpose()?.flatten() {
            return Ok(Some((c, true)));
        }
    }
    let Some(category) = category else {
        return Ok(None);
    };
    let wanted = key(name);
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM contact WHERE deleted_at IS NULL AND category_id = ?1",
    )?;
    let mut rows = stmt.query([category])?;
    while let Some(r) = rows.next()? {
        if key(r.get_ref(1)?.as_str()?) == wanted {
            return get(conn, r.get(0)?).map(|c| c.map(|c| (c, false)));
        }
    }
    Ok(None)
}

/// Id and "name (category)" of every live contact, by name, for picking
/// who introduced whom.
pub fn names(conn: &Connection) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name || coalesce(' (' || k.name || ')', '')
         FROM contact c LEFT JOIN category k ON k.id = c.category_id
         WHERE c.deleted_at IS NULL AND (k.id IS NULL OR k.deleted_at IS NULL)
         ORDER BY c.name COLLATE NOCASE",
    )?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// How a search result reads: name, company, category, city and the
/// start of the notes, the empty ones left out.
pub fn search_label(conn: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    Ok(get(conn, id)?.map(|c| {
        let notes: String = c.notes.chars().take(NOTES_SEARCHED).collect();
        [c.name, c.company, c.category, c.city, notes]
            .iter()
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }))
}

/// "Name (Category)", as the "Referred by" field shows a contact.
pub fn name_label(conn: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    Ok(get(conn, id)?.map(|c| {
        if c.category.is_empty() {
            c.name
        } else {
            format!("{} ({})", c.name, c.category)
        }
    }))
}

/// How much of a contact's notes search looks at, in characters: the
/// 200 of the `contact_searched` index (migration 9).
const NOTES_SEARCHED: usize = 200;

/// Every live contact of a live category (or of none), to search: name,
/// company, category, city, how you met and the start of the notes. For
/// searching, not for showing: `search_label` is what a result shows.
pub fn search_index(conn: &Connection) -> rusqlite::Result<Index> {
    searchable(conn, &[])
}

/// `search_index` of only the contacts that might match a query whose
/// plain words (see `search::plain_words`) are `words`: the others are
/// never copied out.
pub fn search_candidates(conn: &Connection, words: &[String]) -> rusqlite::Result<Index> {
    searchable(conn, words)
}

fn searchable(conn: &Connection, words: &[String]) -> rusqlite::Result<Index> {
    let mut categories = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, name, deleted_at IS NULL FROM category")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let live: bool = r.get(2)?;
        categories.insert(
            r.get::<_, i64>(0)?,
            live.then(|| r.get::<_, String>(1)).transpose()?,
        );
    }
    let mut index = Index::default();
    // Read from the index that holds just this (migration 9), in its own
    // order: the search does not need names in order.
    let mut stmt = conn.prepare_cached(
        "SELECT id, category_id, name, company, city, met_how, substr(notes, 1, 200)
         FROM contact INDEXED BY contact_searched WHERE deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let category = match r.get::<_, Option<i64>>(1)? {
            None => "",
            Some(id) => match categories.get(&id) {
                Some(Some(name)) => name.as_str(),
                // A deleted category's people are deleted with it.
                _ => continue,
            },
        };
        let text = |i| r.get_ref(i).and_then(|v| Ok(v.as_str()?));
        let parts = [text(2)?, text(3)?, category, text(4)?, text(6)?, text(5)?];
        if might_match(words, &parts) {
            index.push(r.get(0)?, &parts);
        }
    }
    Ok(index)
}
