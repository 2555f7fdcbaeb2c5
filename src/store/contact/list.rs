//! Reading lists of contacts in the order they are shown, by name: whole,
//! or row by row without copying each one.

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use super::{SELECT, date, day, from_row};
use crate::domain::contact::ContactView;
use crate::domain::{Contact, ContactRow, Stage};

/// The columns of a `ContactRow`, in the order `row_from` reads them.
pub(in crate::store) const ROW_COLUMNS: &str =
    "id, category_id, name, company, stage, on_list, last_touch,
    next_follow_up, client_since";

pub(in crate::store) fn row_from(r: &Row) -> rusqlite::Result<ContactRow> {
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

/// The rows of the live contacts `view` shows, in SQLite's order by name:
/// the whole list at once, for checking what is read a page at a time
/// (see `page`) against.
pub fn rows(conn: &Connection, view: ContactView) -> rusqlite::Result<Vec<ContactRow>> {
    let (filter, value) = view_filter(view);
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
        ContactView::Category(_) | ContactView::Unsorted => "contact",
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
pub(in crate::store) fn view_filter(view: ContactView) -> (&'static str, Option<i64>) {
    match view {
        ContactView::Category(id) => ("category_id = ?1", Some(id)),
        ContactView::All => ("?1 IS NULL", None),
        ContactView::Clients => ("?1 IS NULL AND client_since IS NOT NULL", None),
        ContactView::Unsorted => (
            "?1 IS NULL AND category_id IS NULL AND client_since IS NULL",
            None,
        ),
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
