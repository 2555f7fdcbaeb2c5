//! Undo: one mechanism for every change a user makes with one key or one
//! command.
//!
//! A connection that records (a window, a command that writes) makes
//! triggers of its own (`install`, TEMP triggers: other connections pay
//! nothing) on every table a user changes. While a change is being made
//! (`begin` … `end`), each row it inserts, updates or deletes is kept in
//! `undo_entry`, in a group named in the user's words. `undo` takes the
//! newest group of one origin back, in one transaction, and refuses, with
//! why, when a later change depends on it: a later group changed the same
//! column of the same row, a value is no longer what the change left (an
//! import or a sync wrote since), or taking it back would reach rows it
//! never touched (a contact it added now has touches logged elsewhere).

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::WriteError;

/// The tables whose rows a user changes.
pub const TABLES: &[&str] = &[
    "setting",
    "task_done",
    "task_skipped",
    "day_note",
    "category",
    "contact",
    "stage_change",
    "touch",
    "script",
    "script_version",
    "referral",
    "referral_status",
    "thank_you",
    "contact_detail",
    "journey_step",
    "ask",
    "touchpoint",
    "source_group",
    "group_member",
    "event",
    "event_guest",
    "round",
    "round_task",
    "round_note",
    "list_change",
];

/// Columns the database keeps for itself (a trigger sets them): a change
/// to them alone is no change, and undo leaves them to their trigger.
const BOOKKEEPING: &[(&str, &str)] = &[("contact", "updated_at")];

/// Changes made from the command line; `list25 undo` takes them back.
pub const COMMAND_LINE: &str = "command line";

/// The origin of the changes an undo itself makes, looked at and dropped.
const PROBE: &str = "undo";

/// How many groups are kept; older ones can no longer be undone.
const KEPT: i64 = 2000;

/// An identifier in double quotes, as SQL wants a name it did not choose.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    stmt.query_map([table], |r| r.get(0))?.collect()
}

/// The statements that open the group of the change being recorded, if
/// this row is its first.
const OPEN_GROUP: &str = "
    INSERT INTO undo_group (origin, label, made_at)
        SELECT origin, label, made_at FROM undo_now WHERE group_id IS NULL;
    UPDATE undo_now SET group_id = last_insert_rowid() WHERE group_id IS NULL;";

/// The three triggers that record a table's changes: the row's values as
/// JSON arrays, short to make (a connection makes all of them in a few
/// milliseconds, once, when it first records a change).
fn triggers(table: &str, cols: &[String]) -> String {
    let t = quoted(table);
    let name = |what: &str| quoted(&format!("undo_{table}_{what}"));
    let row = |of: &str| {
        cols.iter()
            .map(|c| format!("{of}.{}", quoted(c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (old, new) = (row("OLD"), row("NEW"));
    let lit = format!("'{}'", table.replace('\'', "''"));
    format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS {ins} AFTER INSERT ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op)
             SELECT group_id, {lit}, NEW.rowid, 'insert' FROM undo_now;
         END;
         CREATE TEMP TRIGGER IF NOT EXISTS {upd} AFTER UPDATE ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op, old, new)
             SELECT group_id, {lit}, NEW.rowid, 'update', json_array({old}), json_array({new})
             FROM undo_now;
         END;
         CREATE TEMP TRIGGER IF NOT EXISTS {del} AFTER DELETE ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op, old)
             SELECT group_id, {lit}, OLD.rowid, 'delete', json_array({old}) FROM undo_now;
         END;",
        ins = name("insert"),
        upd = name("update"),
        del = name("delete"),
    )
}

/// Make this connection record its changes while one is open (`begin`).
/// Done once per connection; costs nothing while no change is open.
pub fn install(conn: &Connection) -> rusqlite::Result<()> {
    let made: bool = conn.query_row(
        "SELECT count(*) > 0 FROM temp.sqlite_master WHERE name = 'undo_now'",
        [],
        |r| r.get(0),
    )?;
    if made {
        return Ok(());
    }
    let mut sql = String::from(
        "CREATE TEMP TABLE undo_now (
            one      INTEGER PRIMARY KEY CHECK (one = 1),
            origin   TEXT NOT NULL,
            label    TEXT NOT NULL,
            made_at  TEXT NOT NULL,
            group_id INTEGER
        );",
    );
    for table in TABLES {
        sql.push_str(&triggers(table, &columns(conn, table)?));
    }
    conn.execute_batch(&sql)
}

/// From now on, what this connection changes is one change, `label`, made
/// from `origin` at `made_at`, until `end`.
pub fn begin(conn: &Connection, origin: &str, label: &str, made_at: &str) -> rusqlite::Result<()> {
    install(conn)?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO temp.undo_now (one, origin, label, made_at, group_id)
         VALUES (1, ?1, ?2, ?3, NULL)",
    )?
    .execute(params![origin, label, made_at])?;
    Ok(())
}

/// The change is over: its group, if it changed anything. Rows updated to
/// what they were (or in what the database keeps for itself only) are no
/// change. Old groups are let go of now and then.
pub fn end(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let group: Option<i64> = conn
        .query_row("SELECT group_id FROM temp.undo_now", [], |r| r.get(0))
        .optional()?
        .flatten();
    conn.execute("DELETE FROM temp.undo_now", [])?;
    let Some(id) = group else {
        return Ok(None);
    };
    let tx = conn.unchecked_transaction()?;
    let mut no_change = Vec::new();
    for (entry, e) in entries(&tx, id)? {
        if e.op == "update" && changed(&tx, &e)?.is_empty() {
            no_change.push(entry);
        }
    }
    for entry in no_change {
        tx.execute("DELETE FROM undo_entry WHERE id = ?1", [entry])?;
    }
    let kept = tx.execute(
        "DELETE FROM undo_group WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM undo_entry WHERE group_id = ?1)",
        [id],
    )? == 0;
    if id % 100 == 0 {
        tx.execute("DELETE FROM undo_group WHERE id <= ?1", [id - KEPT])?;
    }
    tx.commit()?;
    Ok(kept.then_some(id))
}

/// A change that can be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    pub label: String,
}

/// The newest change from `origin` not undone yet.
pub fn last(conn: &Connection, origin: &str) -> rusqlite::Result<Option<Change>> {
    conn.prepare_cached(
        "SELECT id, label FROM undo_group WHERE origin = ?1 AND undone_at IS NULL
         ORDER BY id DESC LIMIT 1",
    )?
    .query_row([origin], |r| {
        Ok(Change {
            id: r.get(0)?,
            label: r.get(1)?,
        })
    })
    .optional()
}

/// Where a change was made, as a sentence ends.
fn place(origin: &str) -> &'static str {
    if origin == COMMAND_LINE {
        "from the command line"
    } else {
        "in another window"
    }
}

/// A change taken back: what it was, and the rows it touched (table and
/// id), in the order it first touched them, to show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub label: String,
    pub rows: Vec<(String, i64)>,
}

/// One recorded row change.
struct Entry {
    tbl: String,
    row: i64,
    op: String,
    /// The row's values before and after (JSON arrays, in column order).
    old: Option<String>,
    new: Option<String>,
}

/// Take back the newest change made from `origin`. Returns what it was,
/// or `None` when there is nothing to undo. Refused, changing nothing,
/// when a later change depends on it.
pub fn undo(conn: &Connection, origin: &str, now: &str) -> Result<Option<Undone>, WriteError> {
    install(conn)?;
    let tx = conn.unchecked_transaction()?;
    let Some(change) = last(&tx, origin)? else {
        return Ok(None);
    };
    let refuse = |why: String| {
        Err(WriteError::Refused(format!(
            "Can't undo \"{}\": {why}",
            change.label
        )))
    };
    let entries = entries(&tx, change.id)?;
    if let Some((label, by)) = later(&tx, change.id, &entries)? {
        return refuse(format!(
            "\"{label}\", made later {}, changed the same since. Undo that first.",
            place(&by)
        ));
    }
    begin(&tx, PROBE, "undo", now)?;
    if let Err(why) = take_back(&tx, &entries) {
        return refuse(why);
    }
    let probe: Option<i64> = tx
        .query_row("SELECT group_id FROM temp.undo_now", [], |r| r.get(0))
        .optional()?
        .flatten();
    tx.execute("DELETE FROM temp.undo_now", [])?;
    if let Some(probe) = probe {
        let reached: Option<(String, i64)> = tx
            .query_row(
                "SELECT p.tbl, p.row FROM undo_entry p WHERE p.group_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM undo_entry e WHERE e.group_id = ?2
                                     AND e.tbl = p.tbl AND e.row = p.row)
                 LIMIT 1",
                params![probe, change.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((tbl, row)) = reached {
            let by = later_on_row(&tx, &tbl, row, change.id)?;
            return refuse(match by {
                Some((label, origin)) => format!(
                    "\"{label}\", made later {}, depends on it. Undo that first.",
                    place(&origin)
                ),
                None => "something made since depends on it.".into(),
            });
        }
        tx.execute("DELETE FROM undo_group WHERE id = ?1", [probe])?;
    }
    tx.execute(
        "UPDATE undo_group SET undone_at = ?2 WHERE id = ?1",
        params![change.id, now],
    )?;
    tx.commit()?;
    let mut rows: Vec<(String, i64)> = Vec::new();
    for (_, e) in entries.iter().rev() {
        if !rows.iter().any(|(t, r)| *t == e.tbl && *r == e.row) {
            rows.push((e.tbl.clone(), e.row));
        }
    }
    Ok(Some(Undone {
        label: change.label,
        rows,
    }))
}

/// A later change, not undone, that touched what one of `entries` (group
/// `id`'s) touched: the same column of a row both updated, or a row either
/// inserted or deleted.
fn later(
    conn: &Connection,
    id: i64,
    entries: &[(i64, Entry)],
) -> rusqlite::Result<Option<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.op, l.old, l.new, g.label, g.origin FROM undo_entry l
           JOIN undo_group g ON g.id = l.group_id
         WHERE l.tbl = ?1 AND l.row = ?2 AND l.group_id > ?3 AND g.undone_at IS NULL
           AND g.origin <> ?4
         ORDER BY l.group_id",
    )?;
    for (_, e) in entries {
        let mine = if e.op == "update" {
            changed(conn, e)?
        } else {
            Vec::new()
        };
        let found = stmt
            .query_map(params![e.tbl, e.row, id, PROBE], |r| {
                Ok((
                    Entry {
                        tbl: e.tbl.clone(),
                        row: e.row,
                        op: r.get(0)?,
                        old: r.get(1)?,
                        new: r.get(2)?,
                    },
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (l, label, origin) in found {
            let clash = e.op != "update"
                || l.op != "update"
                || changed(conn, &l)?
                    .iter()
                    .any(|(c, _, _)| mine.iter().any(|(m, _, _)| m == c));
            if clash {
                return Ok(Some((label, origin)));
            }
        }
    }
    Ok(None)
}

/// The first change after group `id`, not undone, that touched a row.
fn later_on_row(
    conn: &Connection,
    tbl: &str,
    row: i64,
    id: i64,
) -> rusqlite::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT g.label, g.origin FROM undo_entry l JOIN undo_group g ON g.id = l.group_id
         WHERE l.tbl = ?1 AND l.row = ?2 AND l.group_id > ?3 AND g.undone_at IS NULL
           AND g.origin <> ?4
         ORDER BY l.group_id LIMIT 1",
        params![tbl, row, id, PROBE],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// A group's entries with their ids, newest first: the order they are
/// taken back in.
fn entries(conn: &Connection, id: i64) -> rusqlite::Result<Vec<(i64, Entry)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, tbl, row, op, old, new FROM undo_entry WHERE group_id = ?1 ORDER BY id DESC",
    )?;
    stmt.query_map([id], |r| {
        Ok((
            r.get(0)?,
            Entry {
                tbl: r.get(1)?,
                row: r.get(2)?,
                op: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
            },
        ))
    })?
    .collect()
}

/// A row's values kept as a JSON array.
fn values(text: Option<&str>) -> Vec<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

/// The columns an update changed (but those the database keeps itself),
/// with their values before and after.
fn changed(conn: &Connection, e: &Entry) -> rusqlite::Result<Vec<(String, Value, Value)>> {
    let cols = columns(conn, &e.tbl)?;
    let (old, new) = (values(e.old.as_deref()), values(e.new.as_deref()));
    Ok(cols
        .into_iter()
        .zip(old.iter().zip(&new))
        .filter(|(c, (o, n))| o != n && !BOOKKEEPING.contains(&(e.tbl.as_str(), c.as_str())))
        .map(|(c, (o, n))| (c, sql_value(o), sql_value(n)))
        .collect())
}

/// A value kept as JSON, as SQLite stores it.
fn sql_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Apply the inverse of each entry. `Err` says why it cannot be done.
fn take_back(conn: &Connection, entries: &[(i64, Entry)]) -> Result<(), String> {
    let db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            "it would clash with what was made since.".to_owned()
        }
        _ => format!("database error: {e}"),
    };
    for (_, e) in entries {
        let Some(table) = TABLES.iter().find(|t| **t == e.tbl) else {
            return Err(format!(
                "it names a table list25 does not keep ({}).",
                e.tbl
            ));
        };
        let t = quoted(table);
        match e.op.as_str() {
            "insert" => {
                conn.execute(&format!("DELETE FROM {t} WHERE rowid = ?1"), [e.row])
                    .map_err(db)?;
            }
            "update" => {
                // Every column it changed, set back at once (a row's checks
                // may tie two: sent on a day, and how), and only where each
                // is still what the change left.
                let mut sets = Vec::new();
                let mut wheres = Vec::new();
                let mut values = vec![Value::Integer(e.row)];
                for (c, before, after) in changed(conn, e).map_err(db)? {
                    values.push(before);
                    sets.push(format!("{} = ?{}", quoted(&c), values.len()));
                    values.push(after);
                    wheres.push(format!("{} IS ?{}", quoted(&c), values.len()));
                }
                if sets.is_empty() {
                    continue;
                }
                let n = conn
                    .execute(
                        &format!(
                            "UPDATE {t} SET {} WHERE rowid = ?1 AND {}",
                            sets.join(", "),
                            wheres.join(" AND ")
                        ),
                        params_from_iter(values),
                    )
                    .map_err(db)?;
                if n == 0 {
                    return Err(
                        "it was changed or removed since (by an import, a sync or a restore)."
                            .into(),
                    );
                }
            }
            _ => {
                let cols = columns(conn, table).map_err(db)?;
                let old = values(e.old.as_deref());
                if old.len() != cols.len() {
                    return Err(format!(
                        "the row of {table} it removed was kept by another version of list25."
                    ));
                }
                let names: Vec<String> = cols.iter().map(|c| quoted(c)).collect();
                let mut row = vec![Value::Integer(e.row)];
                row.extend(old.iter().map(sql_value));
                let marks = (2..=row.len())
                    .map(|n| format!("?{n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                conn.execute(
                    &format!(
                        "INSERT INTO {t} (rowid, {}) VALUES (?1, {marks})",
                        names.join(", ")
                    ),
                    params_from_iter(row),
                )
                .map_err(db)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
