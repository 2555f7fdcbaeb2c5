//! The whole database as one JSON document, and back: program progress
//! and notes, categories, contacts with their history, touches, referrals,
//! thank-yous, scripts with their versions and settings. Every row of
//! every table, ids kept, so that a backup restored into a new file and
//! exported again is the same document.

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, params_from_iter};
use serde_json::{Map, Value, json};

use super::latest_version;

/// What the document says it is.
pub const FORMAT: &str = "list25 backup";

/// The tables, each after those it refers to. Counts kept by triggers
/// (`search_changes`) are not data: they follow the rows.
const TABLES: &[&str] = &[
    "setting",
    "task_done",
    "task_skipped",
    "day_note",
    "round",
    "round_task",
    "round_note",
    "category",
    "source_group",
    "contact",
    "contact_detail",
    "group_member",
    "stage_change",
    "list_change",
    "touch",
    "event",
    "event_guest",
    "ask",
    "touchpoint",
    "journey_step",
    "script",
    "script_version",
    "referral",
    "referral_status",
    "thank_you",
];

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    stmt.query_map([], |r| r.get(0))?.collect()
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
    }
}

fn sql_of(v: &Value) -> Result<Sql, String> {
    Ok(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Sql::Integer(i),
            (None, Some(f)) => Sql::Real(f),
            _ => return Err(format!("{n} is not a number SQLite holds")),
        },
        Value::String(s) => Sql::Text(s.clone()),
        other => return Err(format!("{other} is not a value a table holds")),
    })
}

/// Every row of every table.
pub fn dump(conn: &Connection) -> rusqlite::Result<Value> {
    let mut tables = Map::new();
    for table in TABLES {
        let cols = columns(conn, table)?;
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let row: Vec<Value> = (0..cols.len())
                .map(|i| r.get_ref(i).map(json_of))
                .collect::<rusqlite::Result<_>>()?;
            out.push(Value::Array(row));
        }
        tables.insert((*table).to_owned(), json!({ "columns": cols, "rows": out }));
    }
    Ok(json!({
        "format": FORMAT,
        "schema": latest_version(),
        "tables": tables,
    }))
}

/// Whether the text is a list25 backup, from its first bytes.
pub fn looks_like_backup(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.trim_start().starts_with('{') && head.contains(&format!("\"{FORMAT}\""))
}

/// How many rows a restore wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub rows: usize,
    pub contacts: usize,
}

/// Whether the database holds nothing of the user's yet: no category, no
/// contact, no referral (a new file's start date and starter scripts do
/// not count).
pub fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM category) AND NOT EXISTS (SELECT 1 FROM contact)
            AND NOT EXISTS (SELECT 1 FROM referral)",
        [],
        |r| r.get(0),
    )
}

/// Replace everything in the database with the backup `doc`, in one
/// transaction. The database must be empty (see `is_empty`). A document
/// that is not a backup, is of a newer schema, or whose rows do not fit
/// is refused, and nothing changes.
pub fn load(conn: &Connection, doc: &Value) -> Result<Loaded, String> {
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(
            "this JSON is not a list25 backup (it has no \"format\": \"list25 backup\")".into(),
        );
    }
    let schema = doc.get("schema").and_then(Value::as_i64).unwrap_or(0);
    if schema > latest_version() {
        return Err(format!(
            "this backup was written by a newer list25 (schema {schema}, this one knows {}); \
             update list25",
            latest_version()
        ));
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or("this backup has no tables")?;
    let fail = |e: rusqlite::Error| format!("the backup does not fit the database: {e}");
    if !is_empty(conn).map_err(fail)? {
        return Err(
            "the database already holds categories or contacts; restore a JSON backup into \
             a new file (list25 --db NEW.db import BACKUP.json)"
                .into(),
        );
    }
    let tx = conn.unchecked_transaction().map_err(fail)?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")
        .map_err(fail)?;
    for table in TABLES.iter().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])
            .map_err(fail)?;
    }
    let mut loaded = Loaded::default();
    for table in TABLES {
        let Some(t) = tables.get(*table) else {
            continue;
        };
        let have = columns(&tx, table).map_err(fail)?;
        let cols: Vec<String> = t
            .get("columns")
            .and_then(Value::as_array)
            .ok_or(format!("table {table} has no columns"))?
            .iter()
            .map(|c| c.as_str().unwrap_or_default().to_owned())
            .collect();
        if let Some(odd) = cols.iter().find(|c| !have.contains(c)) {
            return Err(format!(
                "table {table} has a column {odd:?} list25 does not know"
            ));
        }
        let rows = t
            .get("rows")
            .and_then(Value::as_array)
            .ok_or(format!("table {table} has no rows"))?;
        let marks = vec!["?"; cols.len()].join(", ");
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                cols.join(", ")
            ))
            .map_err(fail)?;
        for (n, row) in rows.iter().enumerate() {
            let values = row
                .as_array()
                .filter(|v| v.len() == cols.len())
                .ok_or(format!(
                    "row {} of {table} does not match its columns",
                    n + 1
                ))?
                .iter()
                .map(sql_of)
                .collect::<Result<Vec<Sql>, String>>()
                .map_err(|why| format!("row {} of {table}: {why}", n + 1))?;
            insert
                .execute(params_from_iter(values))
                .map_err(|e| format!("row {} of {table} does not fit: {e}", n + 1))?;
            loaded.rows += 1;
            if *table == "contact" {
                loaded.contacts += 1;
            }
        }
    }
    tx.commit().map_err(fail)?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;
    use crate::store::open_in_memory;

    #[test]
    fn a_backup_restored_into_a_new_database_exports_the_same() {
        let today = parse_date("2026-11-24").expect("date");
        let conn = open_in_memory(today).expect("open");
        crate::demo::fill(&conn, 4, 60, today).expect("demo");
        let first = dump(&conn).expect("dump");
        let fresh = open_in_memory(today).expect("open");
        let loaded = load(&fresh, &first).expect("load");
        assert_eq!(loaded.contacts, 60);
        assert_eq!(dump(&fresh).expect("dump"), first);
        // Not into a database that holds someone already.
        assert!(
            load(&fresh, &first)
                .expect_err("not empty")
                .contains("new file")
        );
    }

    #[test]
    fn a_document_that_does_not_fit_changes_nothing() {
        let today = parse_date("2026-11-24").expect("date");
        let conn = open_in_memory(today).expect("open");
        crate::demo::fill(&conn, 2, 5, today).expect("demo");
        let mut doc = dump(&conn).expect("dump");
        let fresh = open_in_memory(today).expect("open");
        let before = dump(&fresh).expect("dump");
        // A contact in a category that is not there.
        doc["tables"]["category"]["rows"] = json!([]);
        let why = load(&fresh, &doc).expect_err("foreign key");
        assert!(why.contains("does not fit"), "{why}");
        assert_eq!(dump(&fresh).expect("dump"), before);
        let why = load(
            &fresh,
            &json!({"format": FORMAT, "schema": 99, "tables": {}}),
        )
        .expect_err("newer");
        assert!(why.contains("newer list25"), "{why}");
        assert!(load(&fresh, &json!([1, 2])).is_err());
    }
}
