//! Counts that measured program tasks read.

use rusqlite::Connection;

use crate::domain::Metrics;

/// Read the counts measured tasks depend on. Contacts always belong to a
/// category, so the per-category counts add up to the whole.
pub fn load(conn: &Connection) -> rusqlite::Result<Metrics> {
    from_categories(conn, &super::category::list(conn)?)
}

/// The counts, from categories already read and the referrals.
pub fn from_categories(
    conn: &Connection,
    categories: &[crate::domain::Category],
) -> rusqlite::Result<Metrics> {
    let mut m = Metrics::from_categories(categories);
    (m.referrers, m.referrers_thanked) = super::thanks::referrers_thanked(conn)?;
    m.groups = super::group::count(conn)?;
    m.events_planned = super::event::planned_with_invitees(conn)?;
    m.journey_set = u32::from(super::journey::template_set(conn)?);
    m.welcomes = super::journey::welcomes_done(conn)?;
    (m.clients, m.asks_planned) = super::ask::clients_planned(conn)?;
    Ok(m)
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
        let gone_category =
            category::add(&conn, &CategoryDraft::parse("C", "", "").expect("d"), &now).expect("c");
        let ana = ContactDraft::named("Ana").expect("draft");
        let x = contact::add(&conn, Some(a), &ana, &now).expect("x");
        let y = contact::add(&conn, Some(a), &ana, &now).expect("y");
        contact::set_stage(&conn, x, Stage::Met, now.date()).expect("met");
        contact::set_on_list(&conn, y, true).expect("mark");
        let gone = contact::add(&conn, Some(a), &ana, &now).expect("gone");
        contact::delete(&conn, gone, &now).expect("delete");
        contact::add(&conn, Some(gone_category), &ana, &now).expect("in c");
        category::delete(&conn, gone_category, &now).expect("delete c");
        let m = load(&conn).expect("metrics");
        assert_eq!(
            m,
            Metrics {
                categories: 2,
                contacts: 2,
                categories_with_contacts: 1,
                met: 1,
                partners: 1,
                listed: 1,
                ..Metrics::default()
            }
        );
    }
}
