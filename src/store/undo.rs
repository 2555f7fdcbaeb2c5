//! Undo: one mechanism for every change a user makes with one key or one
//! command.
//!
//! A connection that records (a window, a command that writes) makes
//! triggers of its own (`install`, TEMP triggers: other connections pay
//! nothing) on every table a user changes. While a change is being made
//! (`begin` … `end`), each row it inserts, updates or deletes is kept in
//! `undo_entry`, in a group named in the user's words. `undo` takes the
//! newest group of one origin back, in one transaction, and refuses, with
//! why, when a later change depends on it: a later group touched the same
//! column of the same row, a value is no longer what the change left (an
//! import or a sync wrote since), or taking it back would reach rows it
//! never touched (a contact it added now has touches logged elsewhere).

use std::collections::HashSet;

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
];

/// Columns the database keeps for itself (a trigger sets them): not
/// recorded when updated, and left to their trigger when a change is
/// undone.
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

/// The three triggers that record a table's changes.
fn triggers(table: &str, cols: &[String]) -> String {
    let t = quoted(table);
    let name = |what: &str| quoted(&format!("undo_{table}_{what}"));
    let kept: Vec<&String> = cols
        .iter()
        .filter(|c| !BOOKKEEPING.contains(&(table, c.as_str())))
        .collect();
    let changed = kept
        .iter()
        .map(|c| format!("OLD.{0} IS NOT NEW.{0}", quoted(c)))
        .collect::<Vec<_>>()
        .join(" OR ");
    let each_changed = kept
        .iter()
        .map(|c| {
            format!(
                "SELECT '{}' AS c, OLD.{1} AS o, NEW.{1} AS n",
                c.replace('\'', "''"),
                quoted(c)
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let each_old = cols
        .iter()
        .map(|c| {
            format!(
                "SELECT '{}' AS c, OLD.{1} AS o",
                c.replace('\'', "''"),
                quoted(c)
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let lit = table.replace('\'', "''");
    format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS {ins} AFTER INSERT ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op)
             SELECT group_id, '{lit}', NEW.rowid, 'insert' FROM undo_now;
         END;
         CREATE TEMP TRIGGER IF NOT EXISTS {upd} AFTER UPDATE ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) AND ({changed}) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op, col, old, new)
             SELECT (SELECT group_id FROM undo_now), '{lit}', NEW.rowid, 'update', c, o, n
             FROM ({each_changed}) WHERE o IS NOT n;
         END;
         CREATE TEMP TRIGGER IF NOT EXISTS {del} AFTER DELETE ON main.{t}
         WHEN EXISTS (SELECT 1 FROM undo_now) BEGIN {OPEN_GROUP}
           INSERT INTO undo_entry (group_id, tbl, row, op, col, old)
             SELECT (SELECT group_id FROM undo_now), '{lit}', OLD.rowid, 'delete', c, o
             FROM ({each_old});
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

/// Whether a change is being recorded.
pub fn recording(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT count(*) > 0 FROM temp.sqlite_master WHERE name = 'undo_now'",
        [],
        |r| r.get::<_, bool>(0),
    )
    .unwrap_or(false)
        && conn
            .query_row("SELECT count(*) FROM temp.undo_now", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok_and(|n| n > 0)
}

/// The change is over: its group, if it changed anything. Old groups are
/// let go of now and then.
pub fn end(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    let group: Option<i64> = conn
        .query_row("SELECT group_id FROM temp.undo_now", [], |r| r.get(0))
        .optional()?
        .flatten();
    conn.execute("DELETE FROM temp.undo_now", [])?;
    if let Some(id) = group
        && id % 100 == 0
    {
        conn.execute("DELETE FROM undo_group WHERE id <= ?1", [id - KEPT])?;
    }
    Ok(group)
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
    col: Option<String>,
    old: Value,
    new: Value,
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
    if let Some((label, by)) = later(&tx, change.id)? {
        return refuse(format!(
            "\"{label}\", made later {}, changed the same since. Undo that first.",
            place(&by)
        ));
    }
    let entries = entries(&tx, change.id)?;
    begin(&tx, PROBE, "undo", now)?;
    if let Err(why) = take_back(&tx, &entries) {
        return refuse(why);
    }
    let probe = end(&tx)?;
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
    for e in entries.iter().rev() {
        if !rows.iter().any(|(t, r)| *t == e.tbl && *r == e.row) {
            rows.push((e.tbl.clone(), e.row));
        }
    }
    Ok(Some(Undone {
        label: change.label,
        rows,
    }))
}

/// A later change, not undone, that touched what group `id` touched: the
/// same column of a row both updated, or a row either inserted or deleted.
fn later(conn: &Connection, id: i64) -> rusqlite::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT g.label, g.origin FROM undo_entry e
           JOIN undo_entry l ON l.tbl = e.tbl AND l.row = e.row AND l.group_id > e.group_id
           JOIN undo_group g ON g.id = l.group_id
         WHERE e.group_id = ?1 AND g.undone_at IS NULL AND g.origin <> ?2
           AND (e.op <> 'update' OR l.op <> 'update' OR e.col = l.col)
         ORDER BY l.group_id LIMIT 1",
        params![id, PROBE],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
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

/// A group's entries, newest first: the order they are taken back in.
fn entries(conn: &Connection, id: i64) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tbl, row, op, col, old, new FROM undo_entry WHERE group_id = ?1 ORDER BY id DESC",
    )?;
    stmt.query_map([id], |r| {
        Ok(Entry {
            tbl: r.get(0)?,
            row: r.get(1)?,
            op: r.get(2)?,
            col: r.get(3)?,
            old: r.get(4)?,
            new: r.get(5)?,
        })
    })?
    .collect()
}

/// The column an entry names, if its table has it.
fn column<'a>(cols: &[String], name: &'a Option<String>, table: &str) -> Result<&'a str, String> {
    name.as_deref()
        .filter(|n| cols.iter().any(|c| c == n))
        .ok_or_else(|| format!("it names a column {table} does not have."))
}

/// Apply the inverse of each entry. `Err` says why it cannot be done.
fn take_back(conn: &Connection, entries: &[Entry]) -> Result<(), String> {
    let db = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            "it would clash with what was made since.".to_owned()
        }
        _ => format!("database error: {e}"),
    };
    let mut known: Vec<(&str, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        let Some(table) = TABLES.iter().find(|t| **t == e.tbl) else {
            return Err(format!(
                "it names a table list25 does not keep ({}).",
                e.tbl
            ));
        };
        if !known.iter().any(|(t, _)| t == table) {
            known.push((table, columns(conn, table).map_err(db)?));
        }
        let cols = known
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, c)| c.as_slice())
            .unwrap_or_default();
        let t = quoted(table);
        match e.op.as_str() {
            "insert" => {
                conn.execute(&format!("DELETE FROM {t} WHERE rowid = ?1"), [e.row])
                    .map_err(db)?;
                i += 1;
            }
            "update" => {
                // The columns one update changed, set back together: a
                // row's checks may tie them (sent on a day, and how).
                let mut sets = Vec::new();
                let mut wheres = Vec::new();
                let mut values = vec![Value::Integer(e.row)];
                while let Some(u) = entries.get(i)
                    && u.op == "update"
                    && u.tbl == e.tbl
                    && u.row == e.row
                    && !sets
                        .iter()
                        .any(|(c, _): &(&str, usize)| Some(*c) == u.col.as_deref())
                {
                    let c = column(cols, &u.col, table)?;
                    values.push(u.old.clone());
                    values.push(u.new.clone());
                    sets.push((c, values.len() - 1));
                    wheres.push(format!("{} IS ?{}", quoted(c), values.len()));
                    i += 1;
                }
                let set = sets
                    .iter()
                    .map(|(c, n)| format!("{} = ?{n}", quoted(c)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = conn
                    .execute(
                        &format!(
                            "UPDATE {t} SET {set} WHERE rowid = ?1 AND {}",
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
                // A row deleted: its columns are the entries that follow.
                let mut names = Vec::new();
                let mut values = vec![Value::Integer(e.row)];
                let mut seen = HashSet::new();
                while let Some(d) = entries.get(i)
                    && d.op == "delete"
                    && d.tbl == e.tbl
                    && d.row == e.row
                {
                    let name = column(cols, &d.col, table)?;
                    if seen.insert(name.to_owned()) {
                        names.push(quoted(name));
                        values.push(d.old.clone());
                    }
                    i += 1;
                }
                let marks = (2..=values.len())
                    .map(|n| format!("?{n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                conn.execute(
                    &format!(
                        "INSERT INTO {t} (rowid, {}) VALUES (?1, {marks})",
                        names.join(", ")
                    ),
                    params_from_iter(values),
                )
                .map_err(db)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
