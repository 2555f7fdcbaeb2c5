//! A long list of contacts read a screen at a time, in the order it is
//! shown (by name, see `name_order`): how many there are, a page from a
//! place in the list, the rows around one contact, and where one stands.
//! Each reads an index of the list's own order, never the whole table.

use rusqlite::{Connection, params};

use super::{ROW_COLUMNS, row_from, view_filter};
use crate::domain::ContactRow;
use crate::domain::contact::ContactView;

/// Where a contact stands in a list ordered by name: its name and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub id: i64,
}

impl From<&ContactRow> for Key {
    fn from(c: &ContactRow) -> Self {
        Key {
            name: c.name.clone(),
            id: c.id,
        }
    }
}

/// How many live contacts `view` shows.
pub fn count(conn: &Connection, view: ContactView) -> rusqlite::Result<usize> {
    let (filter, value) = view_filter(view);
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND {filter}"
    ))?
    .query_row([value], |r| r.get::<_, i64>(0))
    .map(|n| usize::try_from(n).unwrap_or(0))
}

/// Up to `limit` rows of `view` from the `offset`-th on.
pub fn page(
    conn: &Connection,
    view: ContactView,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<Vec<ContactRow>> {
    let (filter, value) = view_filter(view);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM contact WHERE deleted_at IS NULL AND {filter}
         ORDER BY name COLLATE NOCASE, id LIMIT ?2 OFFSET ?3"
    ))?;
    stmt.query_map(params![value, as_sql(limit), as_sql(offset)], row_from)?
        .collect()
}

/// The row of `view` at `key` (if it is still there) with up to `around`
/// rows on each side, in order; and how many of them come before `key`.
pub fn around(
    conn: &Connection,
    view: ContactView,
    key: &Key,
    around: usize,
) -> rusqlite::Result<(Vec<ContactRow>, usize)> {
    let (filter, value) = view_filter(view);
    let mut before: Vec<ContactRow> = conn
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM contact WHERE deleted_at IS NULL AND {filter}
               AND name <= ?2 COLLATE NOCASE AND NOT (name = ?2 COLLATE NOCASE AND id >= ?3)
             ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT ?4"
        ))?
        .query_map(params![value, key.name, key.id, as_sql(around)], row_from)?
        .collect::<Result<_, _>>()?;
    before.reverse();
    let from = before.len();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM contact WHERE deleted_at IS NULL AND {filter}
           AND name >= ?2 COLLATE NOCASE AND NOT (name = ?2 COLLATE NOCASE AND id < ?3)
         ORDER BY name COLLATE NOCASE, id LIMIT ?4"
    ))?;
    let after = stmt.query_map(
        params![value, key.name, key.id, as_sql(around + 1)],
        row_from,
    )?;
    for row in after {
        before.push(row?);
    }
    Ok((before, from))
}

/// How many rows of `view` come before `key`.
pub fn rank(conn: &Connection, view: ContactView, key: &Key) -> rusqlite::Result<usize> {
    let (filter, value) = view_filter(view);
    conn.prepare_cached(&format!(
        "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND {filter}
           AND name <= ?2 COLLATE NOCASE AND NOT (name = ?2 COLLATE NOCASE AND id >= ?3)"
    ))?
    .query_row(params![value, key.name, key.id], |r| r.get::<_, i64>(0))
    .map(|n| usize::try_from(n).unwrap_or(0))
}

fn as_sql(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CategoryDraft, ContactDraft, parse_date};
    use crate::store::{category, contact, open_in_memory};

    fn setup(names: &[&str]) -> (Connection, i64) {
        let now = parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(9, 0, 0)
            .expect("time");
        let conn = open_in_memory(now.date()).expect("open");
        let a =
            category::add(&conn, &CategoryDraft::parse("A", "", "").expect("d"), &now).expect("a");
        let b =
            category::add(&conn, &CategoryDraft::parse("B", "", "").expect("d"), &now).expect("b");
        for (i, name) in names.iter().enumerate() {
            let draft = ContactDraft::named(name).expect("draft");
            let category = if i % 3 == 0 { b } else { a };
            contact::add(&conn, Some(category), &draft, &now).expect("add");
        }
        (conn, a)
    }

    fn names(rows: &[ContactRow]) -> Vec<(String, i64)> {
        rows.iter().map(|r| (r.name.clone(), r.id)).collect()
    }

    #[test]
    fn pages_ranks_and_surroundings_agree_with_the_whole_list() {
        let list = [
            "bo", "Ana", "ana", "Zoë", "carl", "Bo", "dina", "ana", "Éva", "eva", "Bo", "x",
        ];
        let (conn, a) = setup(&list);
        for view in [ContactView::All, ContactView::Category(a)] {
            let whole = contact::rows(&conn, view).expect("rows");
            assert_eq!(count(&conn, view).expect("count"), whole.len());
            for offset in 0..=whole.len() {
                for limit in [0, 1, 3, 100] {
                    let end = (offset + limit).min(whole.len());
                    assert_eq!(
                        names(&page(&conn, view, offset, limit).expect("page")),
                        names(&whole[offset..end]),
                        "{view:?} {offset} {limit}"
                    );
                }
            }
            for (i, row) in whole.iter().enumerate() {
                let key = Key::from(row);
                assert_eq!(rank(&conn, view, &key).expect("rank"), i, "{view:?}");
                for n in [0, 1, 2, 50] {
                    let (rows, at) = around(&conn, view, &key, n).expect("around");
                    let from = i.saturating_sub(n);
                    let to = (i + n + 1).min(whole.len());
                    assert_eq!(names(&rows), names(&whole[from..to]), "{view:?} {i} {n}");
                    assert_eq!(at, i - from);
                }
            }
        }
    }

    #[test]
    fn a_key_no_longer_listed_still_finds_its_place() {
        let (conn, _) = setup(&["Ana", "Bo", "Carl", "Dina"]);
        let gone = Key {
            name: "Bob".into(),
            id: 99,
        };
        assert_eq!(rank(&conn, ContactView::All, &gone).expect("rank"), 2);
        let (rows, at) = around(&conn, ContactView::All, &gone, 1).expect("around");
        assert_eq!(
            rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["Bo", "Carl", "Dina"]
        );
        assert_eq!(at, 1, "Carl takes the place of the key");
    }

    #[test]
    fn each_view_reads_an_index_in_its_own_order() {
        let (conn, a) = setup(&["Ana"]);
        for view in [
            ContactView::All,
            ContactView::Category(a),
            ContactView::Clients,
        ] {
            let (filter, _) = view_filter(view);
            let plan: Vec<String> = conn
                .prepare(&format!(
                    "EXPLAIN QUERY PLAN SELECT {ROW_COLUMNS} FROM contact
                     WHERE deleted_at IS NULL AND {filter}
                     ORDER BY name COLLATE NOCASE, id LIMIT 10 OFFSET 5"
                ))
                .expect("plan")
                .query_map([a], |r| r.get(3))
                .expect("rows")
                .collect::<Result<_, _>>()
                .expect("plan");
            let plan = plan.join(" | ");
            assert!(plan.contains("USING INDEX"), "{view:?}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{view:?}: {plan}");
        }
    }
}
