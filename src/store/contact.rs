//! Contacts, their stage history and their touches.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::{Live, TIMESTAMP_FORMAT, WriteError, must_be_live};
use crate::domain::contact::ContactView;
use crate::domain::{Contact, ContactDraft, ContactRow, Stage, TouchKind};

mod find;
pub mod page;

pub use find::{lookup, name_label, names, same_as, search_candidates, search_index, search_label};

const DATE: &str = "%Y-%m-%d";

const SELECT: &str = "SELECT c.id, c.category_id, coalesce(k.name, ''), c.name, c.company, c.role,
        c.email, c.phone, c.city, c.met_how, c.referred_by, c.notes, c.stage, c.on_list,
        c.cadence_days, c.last_touch, c.next_follow_up, c.client_since
    FROM contact c LEFT JOIN category k ON k.id = c.category_id";

pub(super) fn date(text: Option<String>) -> Option<NaiveDate> {
    text.as_deref().and_then(day)
}

fn day(t: &str) -> Option<NaiveDate> {
    iso_date(t).or_else(|| NaiveDate::parse_from_str(t, DATE).ok())
}

/// A date written as `YYYY-MM-DD`, read without chrono's general parser:
/// a long list has several dates per row.
fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

pub(super) fn date_text(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

fn from_row(row: &Row) -> rusqlite::Result<Contact> {
    let stage: String = row.get(12)?;
    Ok(Contact {
        id: row.get(0)?,
        category_id: row.get(1)?,
        category: row.get(2)?,
        name: row.get(3)?,
        company: row.get(4)?,
        role: row.get(5)?,
        email: row.get(6)?,
        phone: row.get(7)?,
        city: row.get(8)?,
        met_how: row.get(9)?,
        referred_by: row.get(10)?,
        notes: row.get(11)?,
        stage: Stage::parse(&stage).unwrap_or(Stage::Identified),
        on_list: row.get(13)?,
        cadence_days: row.get(14)?,
        last_touch: date(row.get(15)?),
        next_follow_up: date(row.get(16)?),
        client_since: date(row.get(17)?),
    })
}

/// The columns of a `ContactRow`, in the order `row_from` reads them.
pub(super) const ROW_COLUMNS: &str = "id, category_id, name, company, stage, on_list, last_touch,
    next_follow_up, client_since";

pub(super) fn row_from(r: &Row) -> rusqlite::Result<ContactRow> {
    let stage: String = r.get(4)?;
    Ok(ContactRow {
        id: r.get(0)?,
        category_id: r.get(1)?,
        name: r.get(2)?,
        company: r.get(3)?,
        stage: Stage::parse(&stage).unwrap_or(Stage::Identified),
        on_list: r.get(5)?,
        last_touch: date(r.get(6)?),
        next_follow_up: date(r.get(7)?),
        client_since: date(r.get(8)?),
    })
}

/// The rows of the live contacts `view` shows, by name (see `name_order`).
pub fn rows(conn: &Connection, view: ContactView) -> rusqlite::Result<Vec<ContactRow>> {
    let (filter, value) = view_filter(view);
    if view == ContactView::All {
        // Read in the table's own order and sorted here: walking the name
        // index reads the table in random order, several times slower.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM contact NOT INDEXED WHERE deleted_at IS NULL"
        ))?;
        let all: Vec<ContactRow> = stmt.query_map([], row_from)?.collect::<Result<_, _>>()?;
        let order = name_order(all.len(), |i| (&all[i].name, all[i].id));
        return Ok(reorder(all, &order));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM contact WHERE deleted_at IS NULL AND {filter}
         ORDER BY name COLLATE NOCASE, id"
    ))?;
    stmt.query_map([value], row_from)?.collect()
}

/// One listed contact as SQLite holds it, its texts borrowed: for reading
/// a long list without copying each row.
pub struct RowRef<'a> {
    pub id: i64,
    pub category_id: Option<i64>,
    pub name: &'a str,
    pub stage: Stage,
    pub on_list: bool,
    pub next_follow_up: Option<NaiveDate>,
    pub client_since: Option<NaiveDate>,
}

/// Call `f` with each live contact `view` shows, in no particular order.
pub fn each_row(
    conn: &Connection,
    view: ContactView,
    mut f: impl FnMut(RowRef<'_>),
) -> rusqlite::Result<()> {
    let (filter, value) = view_filter(view);
    // A plain scan of the table reads it in order; an index is worth it
    // only for one category.
    let table = match view {
        ContactView::Category(_) => "contact",
        ContactView::All | ContactView::Clients => "contact NOT INDEXED",
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, category_id, name, stage, on_list, next_follow_up, client_since
         FROM {table} WHERE deleted_at IS NULL AND {filter}"
    ))?;
    let mut rows = stmt.query([value])?;
    let day = |v: rusqlite::types::ValueRef<'_>| v.as_str().ok().and_then(day);
    while let Some(r) = rows.next()? {
        let name = r.get_ref(2)?.as_str()?;
        let stage = r.get_ref(3)?.as_str()?;
        f(RowRef {
            id: r.get(0)?,
            category_id: r.get(1)?,
            name,
            stage: Stage::parse(stage).unwrap_or(Stage::Identified),
            on_list: r.get(4)?,
            next_follow_up: day(r.get_ref(5)?),
            client_since: day(r.get_ref(6)?),
        });
    }
    Ok(())
}

/// The condition on `contact` (unaliased) that picks what `view` shows,
/// with its one parameter.
pub(super) fn view_filter(view: ContactView) -> (&'static str, Option<i64>) {
    match view {
        ContactView::Category(id) => ("category_id = ?1", Some(id)),
        ContactView::All => ("?1 IS NULL", None),
        ContactView::Clients => ("?1 IS NULL AND client_since IS NOT NULL", None),
    }
}

/// The live contacts `view` shows, by name (see `name_order`).
pub fn list(conn: &Connection, view: ContactView) -> rusqlite::Result<Vec<Contact>> {
    let (filter, value) = view_filter(view);
    let filter = filter
        .replace("category_id", "c.category_id")
        .replace("client_since", "c.client_since");
    if view == ContactView::All {
        // Read in the table's own order and sorted here: walking the name
        // index reads the table in random order, several times slower.
        let mut stmt = conn.prepare_cached(&format!(
            "{} WHERE c.deleted_at IS NULL AND {filter}",
            SELECT.replace("FROM contact c", "FROM contact c NOT INDEXED")
        ))?;
        let all: Vec<Contact> = stmt
            .query_map([value], from_row)?
            .collect::<Result<_, _>>()?;
        let order = name_order(all.len(), |i| (&all[i].name, all[i].id));
        return Ok(reorder(all, &order));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.deleted_at IS NULL AND {filter}
         ORDER BY c.name COLLATE NOCASE, c.id"
    ))?;
    stmt.query_map([value], from_row)?.collect()
}

/// The order contacts are listed in, as SQLite's `ORDER BY name COLLATE
/// NOCASE, id` has it, of `n` items that `key` names by index: names
/// compared byte by byte with their ASCII letters in lower case, then the
/// older contact first. Most names differ in their first 16 bytes, so
/// those are compared as one number.
pub fn name_order<'a>(n: usize, key: impl Fn(usize) -> (&'a str, i64)) -> Vec<usize> {
    fn lower(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().map(|b| b.to_ascii_lowercase())
    }
    let prefix = |s: &str| {
        let mut bytes = [0u8; 16];
        for (to, b) in bytes.iter_mut().zip(lower(s)) {
            *to = b;
        }
        u128::from_be_bytes(bytes)
    };
    let mut order: Vec<(u128, usize)> = (0..n).map(|i| (prefix(key(i).0), i)).collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let ((x, xi), (y, yi)) = (key(a.1), key(b.1));
            lower(x).cmp(lower(y)).then(xi.cmp(&yi))
        })
    });
    order.into_iter().map(|(_, i)| i).collect()
}

/// `items` put in `order` (a permutation of their indexes).
fn reorder<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Contact>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE c.id = ?1 AND c.deleted_at IS NULL"
    ))?
    .query_row([id], from_row)
    .optional()
}

/// Up to `limit` contacts whose follow-up is due on or before `today`,
/// the most overdue first.
pub fn due(conn: &Connection, today: NaiveDate, limit: u32) -> rusqlite::Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.deleted_at IS NULL AND c.next_follow_up <= ?1
           AND length(c.next_follow_up) = 10
         ORDER BY c.next_follow_up, c.name COLLATE NOCASE LIMIT ?2"
    ))?;
    stmt.query_map(params![date_text(today), limit], from_row)?
        .collect()
}

/// How many contacts have a follow-up due on or before `today`.
pub fn due_count(conn: &Connection, today: NaiveDate) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND next_follow_up <= ?1
           AND length(next_follow_up) = 10",
        [date_text(today)],
        |r| r.get(0),
    )
}

/// The columns a contact form writes, in the order of `draft_values`.
const DRAFT_COLUMNS: &str = "name, company, role, email, phone, city, met_how, referred_by,
    notes, cadence_days, next_follow_up, client_since";

/// The values of a draft for `DRAFT_COLUMNS` (?1 to ?12), then the
/// category (?13), then one more value (?14).
fn draft_values<'a>(
    draft: &'a ContactDraft,
    category: &'a Option<i64>,
    last: &'a dyn ToSql,
) -> [Box<dyn ToSql + 'a>; 14] {
    [
        Box::new(&draft.name),
        Box::new(&draft.company),
        Box::new(&draft.role),
        Box::new(&draft.email),
        Box::new(&draft.phone),
        Box::new(&draft.city),
        Box::new(&draft.met_how),
        Box::new(draft.referred_by),
        Box::new(&draft.notes),
        Box::new(draft.cadence_days),
        Box::new(draft.next_follow_up.map(date_text)),
        Box::new(draft.client_since.map(date_text)),
        Box::new(category),
        Box::new(last),
    ]
}

/// Add a contact; its history starts at "identified" on `now`'s date.
pub fn add(
    conn: &Connection,
    category: Option<i64>,
    draft: &ContactDraft,
    now: &NaiveDateTime,
) -> Result<i64, WriteError> {
    let tx = conn.unchecked_transaction()?;
    if let Some(c) = category {
        must_be_live(&tx, Live::Category(c))?;
    }
    let id = write_new(&tx, category, draft, now)?;
    tx.commit()?;
    Ok(id)
}

/// `add` within a transaction the caller holds.
pub(super) fn write_new(
    tx: &Connection,
    category: Option<i64>,
    draft: &ContactDraft,
    now: &NaiveDateTime,
) -> rusqlite::Result<i64> {
    let created = now.format(TIMESTAMP_FORMAT).to_string();
    tx.execute(
        &format!(
            "INSERT INTO contact ({DRAFT_COLUMNS}, category_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        ),
        params_from_iter(draft_values(draft, &category, &created)),
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO stage_change (contact_id, stage, changed_on) VALUES (?1, ?2, ?3)",
        params![id, Stage::Identified.as_str(), date_text(now.date())],
    )?;
    Ok(id)
}

/// Replace the editable fields of a contact.
pub fn update(
    conn: &Connection,
    id: i64,
    category: Option<i64>,
    draft: &ContactDraft,
) -> Result<(), WriteError> {
    if draft.referred_by == Some(id) {
        return Err(WriteError::Refused(
            "A contact cannot be their own referrer.".into(),
        ));
    }
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    if let Some(c) = category {
        must_be_live(&tx, Live::Category(c))?;
    }
    tx.execute(
        &format!(
            "UPDATE contact SET ({DRAFT_COLUMNS}, category_id)
                 = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             WHERE id = ?14"
        ),
        params_from_iter(draft_values(draft, &category, &id)),
    )?;
    tx.commit()?;
    Ok(())
}

/// Move a contact to `stage`, keeping the change in its history.
pub fn set_stage(
    conn: &Connection,
    id: i64,
    stage: Stage,
    on: NaiveDate,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    write_stage(&tx, id, stage, on)?;
    tx.commit()?;
    Ok(())
}

pub(super) fn write_stage(
    conn: &Connection,
    id: i64,
    stage: Stage,
    on: NaiveDate,
) -> rusqlite::Result<()> {
    let changed = conn.execute(
        "UPDATE contact SET stage = ?2 WHERE id = ?1 AND stage <> ?2",
        params![id, stage.as_str()],
    )?;
    if changed > 0 {
        conn.execute(
            "INSERT INTO stage_change (contact_id, stage, changed_on) VALUES (?1, ?2, ?3)",
            params![id, stage.as_str(), date_text(on)],
        )?;
    }
    Ok(())
}

/// Every stage a contact has been in, oldest first.
pub fn stage_history(conn: &Connection, id: i64) -> rusqlite::Result<Vec<(Stage, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT stage, changed_on FROM stage_change WHERE contact_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (stage, on) = row?;
        if let (Some(stage), Some(on)) = (Stage::parse(&stage), date(Some(on))) {
            out.push((stage, on));
        }
    }
    Ok(out)
}

/// Mark or unmark a contact as one of "my 25".
pub fn set_on_list(conn: &Connection, id: i64, on: bool) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    tx.execute(
        "UPDATE contact SET on_list = ?2 WHERE id = ?1",
        params![id, on],
    )?;
    tx.commit()?;
    Ok(())
}

/// Log a touch. The last touch becomes the latest touch date, the next
/// follow-up is the contact's cadence after it, and the stage moves up to
/// what the touch shows (never down).
pub fn log_touch(
    conn: &Connection,
    id: i64,
    kind: TouchKind,
    on: NaiveDate,
    note: &str,
    now: &NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    write_touch(&tx, id, kind, on, note, now)?;
    tx.commit()?;
    Ok(())
}

/// `log_touch` within a transaction the caller holds.
pub(super) fn write_touch(
    tx: &Connection,
    id: i64,
    kind: TouchKind,
    on: NaiveDate,
    note: &str,
    now: &NaiveDateTime,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO touch (contact_id, kind, on_date, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, kind.as_str(), date_text(on), note, now.format(TIMESTAMP_FORMAT).to_string()],
    )?;
    if let (Some(reached), Some(current)) = (kind.reaches(), stage_of(tx, id)?)
        && reached > current
    {
        write_stage(tx, id, reached, on)?;
    }
    super::touch::reschedule(tx, id)
}

fn stage_of(conn: &Connection, id: i64) -> rusqlite::Result<Option<Stage>> {
    let stage: String = conn.query_row("SELECT stage FROM contact WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    Ok(Stage::parse(&stage))
}

/// The touches of a contact, newest first: kind, date, note.
pub fn touches(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Vec<(TouchKind, NaiveDate, String)>> {
    Ok(super::touch::list(conn, id)?
        .into_iter()
        .map(|t| (t.kind, t.on, t.note))
        .collect())
}

/// Make a contact a client since `since`, or no longer a client.
pub fn set_client(conn: &Connection, id: i64, since: Option<NaiveDate>) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    tx.execute(
        "UPDATE contact SET client_since = ?2 WHERE id = ?1",
        params![id, since.map(date_text)],
    )?;
    tx.commit()?;
    Ok(())
}

/// Set or clear the next follow-up by hand.
pub fn set_follow_up(conn: &Connection, id: i64, on: Option<NaiveDate>) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    tx.execute(
        "UPDATE contact SET next_follow_up = ?2 WHERE id = ?1",
        params![id, on.map(date_text)],
    )?;
    tx.commit()?;
    Ok(())
}

/// Delete a contact; `restore` brings it back.
pub fn delete(conn: &Connection, id: i64, now: &NaiveDateTime) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE contact SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, now.format(TIMESTAMP_FORMAT).to_string()],
    )?;
    Ok(())
}

pub fn restore(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE contact SET deleted_at = NULL WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
mod tests;
