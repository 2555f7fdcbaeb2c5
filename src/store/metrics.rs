//! Counts that measured program tasks read.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};

use crate::domain::Metrics;

/// Read the counts measured tasks depend on. Contacts always belong to a
/// category, so the per-category counts add up to the whole.
pub fn load(conn: &Connection, today: NaiveDate) -> rusqlite::Result<Metrics> {
    from_categories(conn, &super::category::list(conn)?, today)
}

/// The counts, from categories already read and the referrals.
pub fn from_categories(
    conn: &Connection,
    categories: &[crate::domain::Category],
    today: NaiveDate,
) -> rusqlite::Result<Metrics> {
    let mut m = Metrics::from_categories(categories);
    (m.referrers, m.referrers_thanked) = super::thanks::referrers_thanked(conn)?;
    m.groups = super::group::count(conn)?;
    m.events_planned = super::event::planned_with_invitees(conn)?;
    m.journey_set = u32::from(super::journey::template_set(conn)?);
    m.welcomes = super::journey::welcomes_done(conn)?;
    (m.clients, m.asks_planned) = super::ask::clients_planned(conn)?;
    round(conn, &mut m, today)?;
    Ok(m)
}

/// How far an open count is read: past every target a task sets, and no
/// further, so a long history costs nothing.
const CAP: u32 = 25;

/// `SELECT count(*)` of a query, read up to `CAP` rows.
fn capped(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> rusqlite::Result<u32> {
    conn.prepare_cached(&format!("SELECT count(*) FROM ({sql} LIMIT {CAP})"))?
        .query_row(p, |r| r.get(0))
}

/// Whether a query finds a row: 1 or 0.
fn any(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> rusqlite::Result<u32> {
    Ok(u32::from(
        conn.prepare_cached(&format!("SELECT EXISTS ({sql})"))?
            .query_row(p, |r| r.get::<_, bool>(0))?,
    ))
}

/// The counts that read the data since the round began, and the rest that
/// are not per category. Each is one indexed query.
fn round(conn: &Connection, m: &mut Metrics, today: NaiveDate) -> rusqlite::Result<()> {
    let start = super::program::start_date(conn)?.unwrap_or_default();
    let since = super::contact::date_text(start);
    let day22 = super::contact::date_text(start + Days::new(21));
    let me = super::settings::me(conn)?;
    m.value_set = u32::from(!me.value.trim().is_empty());
    m.ask_days_set = u32::from(super::settings::get(conn, super::journey::ASK_DAYS)?.is_some());
    m.group_meetings = capped(
        conn,
        "SELECT 1 FROM event WHERE deleted_at IS NULL AND group_id IS NOT NULL",
        [],
    )?;
    m.category_values = capped(
        conn,
        "SELECT 1 FROM script WHERE deleted_at IS NULL AND kind = 'value'
           AND category_id IS NOT NULL",
        [],
    )?;
    m.touches = capped(
        conn,
        "SELECT 1 FROM touch WHERE deleted_at IS NULL AND on_date >= ?1",
        [&since],
    )?;
    m.given = capped(
        conn,
        "SELECT 1 FROM referral WHERE deleted_at IS NULL AND direction = 'given'
           AND on_date >= ?1",
        [&since],
    )?;
    m.referrers_ever = any(
        conn,
        "SELECT 1 FROM referral r JOIN contact p ON p.id = r.partner_id
           WHERE r.deleted_at IS NULL AND r.direction = 'received' AND p.deleted_at IS NULL
         UNION ALL
         SELECT 1 FROM contact WHERE referred_by IS NOT NULL AND deleted_at IS NULL",
        [],
    )?;
    m.thanks_by_call = capped(
        conn,
        "SELECT 1 FROM thank_you WHERE sent_on >= ?1 AND how = 'call'",
        [&since],
    )?;
    m.cards = capped(
        conn,
        "SELECT 1 FROM thank_you WHERE sent_on >= ?1 AND how = 'card'",
        [&since],
    )?;
    m.wows = capped(
        conn,
        "SELECT 1 FROM touchpoint WHERE done_on >= ?1 AND lower(title) LIKE '%wow%'",
        [&since],
    )?;
    m.events_dated = capped(
        conn,
        "SELECT 1 FROM event WHERE deleted_at IS NULL AND on_date >= ?1",
        [&since],
    )?;
    m.events_with_partner = any(
        conn,
        "SELECT 1 FROM event e JOIN event_guest g ON g.event_id = e.id
           JOIN contact c ON c.id = g.contact_id
         WHERE e.deleted_at IS NULL AND e.on_date >= ?1 AND g.invited = 1
           AND c.on_list = 1 AND c.deleted_at IS NULL",
        [&since],
    )?;
    let written = |purpose: &str, kind: &str| -> rusqlite::Result<u32> {
        any(
            conn,
            "SELECT 1 FROM script s JOIN script_version v ON v.script_id = s.id
             WHERE s.deleted_at IS NULL AND v.how <> 'starter'
               AND (s.purpose = ?1 OR (?1 = '' AND s.kind = ?2))",
            params![purpose, kind],
        )
    };
    m.welcome_written = written("welcome", "")?;
    m.ask_written = written("", "ask")?;
    m.asks_picked = any(
        conn,
        "SELECT 1 FROM ask WHERE asked_on >= ?1
         UNION ALL
         SELECT 1 FROM ask WHERE asked_on IS NULL AND reason IN ('moved', 'solved')
           AND created_at >= ?1",
        [&since],
    )?;
    m.asks_made = capped(conn, "SELECT 1 FROM ask WHERE asked_on >= ?1", [&since])?;
    let owed = |kind: &str| -> rusqlite::Result<(u32, u32)> {
        conn.prepare_cached(
            "SELECT count(*), count(t.sent_on) FROM thank_you t
               JOIN referral r ON r.id = t.referral_id
             WHERE t.kind = ?1 AND r.deleted_at IS NULL AND r.on_date >= ?2
               AND r.on_date < ?3",
        )?
        .query_row(params![kind, since, day22], |r| Ok((r.get(0)?, r.get(1)?)))
    };
    (m.owed_before, m.thanked_before) = owed("thanks")?;
    (m.news_before, m.told_before) = owed("news")?;
    m.round_day =
        u8::try_from((today - start).num_days().saturating_add(1).max(0)).unwrap_or(u8::MAX);
    m.follow_ups_set = conn
        .prepare_cached(
            "SELECT count(*) FROM contact WHERE on_list = 1 AND deleted_at IS NULL
               AND next_follow_up IS NOT NULL",
        )?
        .query_row([], |r| r.get(0))?;
    Ok(())
}

#[cfg(test)]
mod counts {
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
        let empty = Metrics {
            round_day: 1,
            ..Metrics::default()
        };
        assert_eq!(load(&conn, now.date()).expect("metrics"), empty);
        let a =
            category::add(&conn, &CategoryDraft::parse("A", "", "").expect("d"), &now).expect("a");
        category::add(&conn, &CategoryDraft::parse("B", "", "").expect("d"), &now).expect("b");
        let gone_category =
            category::add(&conn, &CategoryDraft::parse("C", "", "").expect("d"), &now).expect("c");
        let ana = ContactDraft::named("Ana").expect("draft");
        let x = contact::add(&conn, Some(a), &ana, &now).expect("x");
        let y = contact::add(&conn, Some(a), &ana, &now).expect("y");
        contact::set_stage(&conn, x, Stage::Met, now.date()).expect("met");
        contact::set_on_list(&conn, y, true, now.date()).expect("mark");
        let gone = contact::add(&conn, Some(a), &ana, &now).expect("gone");
        contact::delete(&conn, gone, &now).expect("delete");
        contact::add(&conn, Some(gone_category), &ana, &now).expect("in c");
        category::delete(&conn, gone_category, &now).expect("delete c");
        let m = load(&conn, now.date()).expect("metrics");
        assert_eq!(
            m,
            Metrics {
                categories: 2,
                contacts: 2,
                categories_with_contacts: 1,
                met: 1,
                partners: 1,
                listed: 1,
                ..empty
            }
        );
    }
}

#[cfg(test)]
mod tests;
