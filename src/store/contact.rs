//! Contacts, their stage history and their touches.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::{Live, TIMESTAMP_FORMAT, WriteError, must_be_live};
use crate::domain::{Contact, ContactDraft, Stage, TouchKind};

mod find;
mod list;
pub mod page;

pub use find::{lookup, name_label, names, same_as, search_candidates, search_index, search_label};
use list::{ROW_COLUMNS, row_from, view_filter};
pub use list::{RowRef, each_row, list, name_order, rows};

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
    super::journey::client_changed(tx, id, None, draft.client_since, now)?;
    Ok(id)
}

/// Replace the editable fields of a contact.
pub fn update(
    conn: &Connection,
    id: i64,
    category: Option<i64>,
    draft: &ContactDraft,
    now: &NaiveDateTime,
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
    let before = super::journey::client_since(&tx, id)?;
    tx.execute(
        &format!(
            "UPDATE contact SET ({DRAFT_COLUMNS}, category_id)
                 = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             WHERE id = ?14"
        ),
        params_from_iter(draft_values(draft, &category, &id)),
    )?;
    super::journey::client_changed(&tx, id, before, draft.client_since, now)?;
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

/// Mark or unmark a contact as one of "my 25" on `day`; the change is
/// kept with its day, so the list can be told week by week.
pub fn set_on_list(conn: &Connection, id: i64, on: bool, day: NaiveDate) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    let changed = tx.execute(
        "UPDATE contact SET on_list = ?2 WHERE id = ?1 AND on_list <> ?2",
        params![id, on],
    )?;
    if changed > 0 {
        tx.execute(
            "INSERT INTO list_change (contact_id, on_list, changed_on) VALUES (?1, ?2, ?3)",
            params![id, on, date_text(day)],
        )?;
    }
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
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO touch (contact_id, kind, on_date, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, kind.as_str(), date_text(on), note, now.format(TIMESTAMP_FORMAT).to_string()],
    )?;
    let touch = tx.last_insert_rowid();
    if let (Some(reached), Some(current)) = (kind.reaches(), stage_of(tx, id)?)
        && reached > current
    {
        write_stage(tx, id, reached, on)?;
    }
    super::touch::reschedule(tx, id)?;
    Ok(touch)
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

/// Make a contact a client since `since`, or no longer a client. A new
/// client gets the journey's touchpoints and an ask planned (as of
/// `now`); one no longer a client loses what was planned and not done.
pub fn set_client(
    conn: &Connection,
    id: i64,
    since: Option<NaiveDate>,
    now: &NaiveDateTime,
) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    let before = super::journey::client_since(&tx, id)?;
    tx.execute(
        "UPDATE contact SET client_since = ?2 WHERE id = ?1",
        params![id, since.map(date_text)],
    )?;
    super::journey::client_changed(&tx, id, before, since, now)?;
    tx.commit()?;
    Ok(())
}

/// Put a contact in a category.
pub fn set_category(conn: &Connection, id: i64, category: i64) -> Result<(), WriteError> {
    let tx = conn.unchecked_transaction()?;
    must_be_live(&tx, Live::Contact(id))?;
    must_be_live(&tx, Live::Category(category))?;
    tx.execute(
        "UPDATE contact SET category_id = ?2 WHERE id = ?1",
        params![id, category],
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

/// Every e-mail address and phone number of a contact, the one its row
/// holds first, then those an import added (`contact_detail`).
pub fn addresses(conn: &Connection, c: &Contact) -> rusqlite::Result<(Vec<String>, Vec<String>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, value FROM contact_detail WHERE contact_id = ?1 ORDER BY id",
    )?;
    let details = stmt
        .query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(with_details(c, details))
}

/// A contact's first address and number, then each `(kind, value)` of its
/// details not already there.
pub(super) fn with_details(
    c: &Contact,
    details: impl IntoIterator<Item = (String, String)>,
) -> (Vec<String>, Vec<String>) {
    let first = |v: &str| Some(v.to_owned()).filter(|v| !v.is_empty());
    let mut emails: Vec<String> = first(&c.email).into_iter().collect();
    let mut phones: Vec<String> = first(&c.phone).into_iter().collect();
    let mut seen: std::collections::HashSet<(bool, String)> = emails
        .iter()
        .map(|e| (true, e.clone()))
        .chain(phones.iter().map(|p| (false, p.clone())))
        .collect();
    for (kind, value) in details {
        let email = kind == "email";
        if seen.insert((email, value.clone())) {
            if email {
                emails.push(value);
            } else {
                phones.push(value);
            }
        }
    }
    (emails, phones)
}

/// Add the addresses and numbers beyond the first of each (the contact
/// row holds the first) to a contact's details.
pub(super) fn write_details(
    tx: &Connection,
    id: i64,
    emails: &[String],
    phones: &[String],
) -> rusqlite::Result<()> {
    if emails.len() < 2 && phones.len() < 2 {
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO contact_detail (contact_id, kind, value) VALUES (?1, ?2, ?3)",
    )?;
    for e in emails.iter().skip(1) {
        stmt.execute(params![id, "email", e])?;
    }
    for ph in phones.iter().skip(1) {
        stmt.execute(params![id, "phone", ph])?;
    }
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
