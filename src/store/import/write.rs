//! Writing an import's plan: many rows per statement, the contact
//! indexes made again once for a large import, in one transaction.

use chrono::NaiveDateTime;
use rusqlite::types::ToSql;
use rusqlite::{Connection, params, params_from_iter};

use super::super::contact::write_details;
use super::super::{TIMESTAMP_FORMAT, WriteError, contact::date_text};
use super::Plan;
use crate::domain::contact::DEFAULT_CADENCE;

/// `n` new random UUIDs (version 4), from SQLite's random numbers.
fn new_uids(tx: &Connection, n: usize) -> rusqlite::Result<Vec<String>> {
    let bytes: Vec<u8> = tx.query_row(
        "SELECT randomblob(?1)",
        [i64::try_from(n * 16).unwrap_or(0)],
        |r| r.get(0),
    )?;
    Ok(bytes
        .chunks_exact(16)
        .map(|b| {
            let mut b: [u8; 16] = b.try_into().unwrap_or([0; 16]);
            b[6] = (b[6] & 0x0F) | 0x40;
            b[8] = (b[8] & 0x3F) | 0x80;
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let mut uid = String::with_capacity(36);
            for (i, x) in b.iter().enumerate() {
                if matches!(i, 4 | 6 | 8 | 10) {
                    uid.push('-');
                }
                uid.push(char::from(HEX[usize::from(x >> 4)]));
                uid.push(char::from(HEX[usize::from(x & 0x0F)]));
            }
            uid
        })
        .collect())
}

/// How many new contacts go in one statement.
const BATCH: usize = 64;

/// An empty text, for a contact with no e-mail address or phone.
static EMPTY: String = String::new();

/// Write what the plan says, in one transaction: the ids of the contacts
/// added, in the order of the plan's entries.
pub fn apply(conn: &Connection, plan: &Plan, now: &NaiveDateTime) -> Result<Vec<i64>, WriteError> {
    apply_with(conn, plan, now, &mut |_, _| true, &mut || true)
}

/// Said when an import is stopped before it is written.
pub const STOPPED: &str = "Stopped: nothing was imported.";

/// `apply`, telling `progress` how many of the new people are written, of
/// how many, as it goes, and asking `save` once everything is written,
/// before it is committed. When either answers false the import stops and
/// nothing of it is kept (`STOPPED`).
pub fn apply_with(
    conn: &Connection,
    plan: &Plan,
    now: &NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    save: &mut dyn FnMut() -> bool,
) -> Result<Vec<i64>, WriteError> {
    // A large import touches every index of the contact table; a page
    // cache that holds them saves reading and writing pages again and again.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    let written = write_plan(conn, plan, now, progress, save);
    conn.pragma_update(None, "cache_size", cache)?;
    written
}

/// The page cache an import works with, in KiB.
const IMPORT_CACHE_KIB: i64 = 128 * 1024;

fn write_plan(
    conn: &Connection,
    plan: &Plan,
    now: &NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    save: &mut dyn FnMut() -> bool,
) -> Result<Vec<i64>, WriteError> {
    let tx = conn.unchecked_transaction()?;
    let created = now.format(TIMESTAMP_FORMAT).to_string();
    let mut ids = Vec::with_capacity(plan.news.len());
    // Ids are given here, under the write lock, so that many rows go in
    // one statement: a statement per row costs most of an import's time.
    let mut next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM contact", [], |r| {
        r.get(0)
    })?;
    let changed_on = date_text(now.date());
    // Many new people against few there already: the contact table's
    // indexes are made again once, in order, instead of kept up to date
    // row by row (twice as fast at 100,000). Same definitions, same
    // transaction: another window sees them all before and after.
    let existing = usize::try_from(next - 1).unwrap_or(usize::MAX);
    let rebuilt = if plan.news.len() >= BULK_MIN && plan.news.len() >= existing / 2 {
        drop_indexes(&tx)?
    } else {
        Vec::new()
    };
    for batch in plan.news.chunks(BATCH) {
        let rows = vec![format!("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"); batch.len()];
        let mut insert = tx.prepare_cached(&format!(
            "INSERT INTO contact (id, name, company, role, email, phone, city, met_how, notes,
                 cadence_days, category_id, created_at, uid) VALUES {}",
            rows.join(", ")
        ))?;
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(batch.len() * 13);
        let first_id = next;
        let batch_ids: Vec<i64> = (first_id..first_id + batch.len() as i64).collect();
        let fresh = new_uids(&tx, batch.len())?;
        for ((new, id), fresh) in batch.iter().zip(&batch_ids).zip(&fresh) {
            let p = &new.person;
            values.extend::<[&dyn ToSql; 13]>([
                id,
                &p.name,
                &p.company,
                &p.role,
                p.emails.first().map_or(&EMPTY, |e| e),
                p.phones.first().map_or(&EMPTY, |e| e),
                &p.city,
                &p.met_how,
                &p.notes,
                &DEFAULT_CADENCE,
                &new.category,
                &created,
                p.uid.as_ref().unwrap_or(fresh),
            ]);
        }
        insert.execute(params_from_iter(values))?;
        let stages = vec!["(?, 'identified', ?)"; batch.len()].join(", ");
        let mut stage = tx.prepare_cached(&format!(
            "INSERT INTO stage_change (contact_id, stage, changed_on) VALUES {stages}"
        ))?;
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(batch.len() * 2);
        for id in &batch_ids {
            values.extend::<[&dyn ToSql; 2]>([id, &changed_on]);
        }
        stage.execute(params_from_iter(values))?;
        for (new, id) in batch.iter().zip(&batch_ids) {
            write_details(&tx, *id, &new.person.emails, &new.person.phones)?;
        }
        next += batch.len() as i64;
        ids.extend(batch_ids);
        if !progress(ids.len(), plan.news.len()) {
            // The transaction is dropped, not committed: nothing is kept.
            return Err(WriteError::Refused(STOPPED.into()));
        }
    }
    for sql in &rebuilt {
        tx.execute_batch(sql)?;
    }
    for (id, (p, category, dirty)) in &plan.changes {
        if !dirty {
            continue;
        }
        super::super::must_be_live(&tx, super::super::Live::Contact(*id))?;
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
        write_details(&tx, *id, &p.emails, &p.phones)?;
    }
    if !save() {
        return Err(WriteError::Refused(STOPPED.into()));
    }
    tx.commit()?;
    Ok(ids)
}

/// How many new people make an import rebuild the contact indexes.
pub(super) const BULK_MIN: usize = 5_000;

/// Drop the contact table's indexes; the statements that make them again.
fn drop_indexes(tx: &Connection) -> rusqlite::Result<Vec<String>> {
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'contact' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}
