//! Counts that measured program tasks read.

use rusqlite::Connection;

use crate::domain::Metrics;

/// Read the counts measured tasks depend on, in one query.
pub fn load(conn: &Connection) -> rusqlite::Result<Metrics> {
    conn.query_row(
        "WITH live AS (
             SELECT c.* FROM contact c LEFT JOIN category k ON k.id = c.category_id
             WHERE c.deleted_at IS NULL AND (k.id IS NULL OR k.deleted_at IS NULL))
         SELECT
             (SELECT count(*) FROM category WHERE deleted_at IS NULL),
             (SELECT count(*) FROM live),
             (SELECT count(DISTINCT category_id) FROM live),
             (SELECT count(*) FROM live WHERE stage IN ('met', 'partner')),
             (SELECT count(*) FROM live WHERE on_list = 1 AND category_id IS NOT NULL)",
        [],
        |r| {
            Ok(Metrics {
                categories: r.get(0)?,
                contacts: r.get(1)?,
                categories_with_contacts: r.get(2)?,
                met: r.get(3)?,
                partners: r.get(4)?,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CategoryDraft, ContactDraft, Stage, parse_date};
    use crate::store::{category, contact, open_in_memory};

    #[test]
    fn metrics_count_live_data_only() {
        let now = parse_date("2026-11-22")
            .expect("date")
            .and_hms_opt(9, 0, 0)
            .expect("time");
        let conn = open_in_memory(now.date()).expect("open");
        assert_eq!(load(&conn).expect("metrics"), Metrics::default());
        let a =
            category::add(&conn, &CategoryDraft::parse("A", "", "").expect("d"), &now).expect("a");
        category::add(&conn, &CategoryDraft::parse("B", "", "").expect("d"), &now).expect("b");
        let ana = ContactDraft::named("Ana").expect("draft");
        let x = contact::add(&conn, Some(a), &ana, &now).expect("x");
        let y = contact::add(&conn, Some(a), &ana, &now).expect("y");
        contact::set_stage(&conn, x, Stage::Met, now.date()).expect("met");
        contact::set_on_list(&conn, y, true).expect("mark");
        let gone = contact::add(&conn, Some(a), &ana, &now).expect("gone");
        contact::delete(&conn, gone, &now).expect("delete");
        let m = load(&conn).expect("metrics");
        assert_eq!(
            m,
            Metrics {
                categories: 2,
                contacts: 2,
                categories_with_contacts: 1,
                met: 1,
                partners: 1
            }
        );
    }
}
