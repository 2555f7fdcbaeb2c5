//! Made-up data for trying list25 out and for measuring it at scale.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};

const FIRST: &[&str] = &[
    "Ana", "Bo", "Chloé", "Dev", "Eitan", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kemal",
    "Lucía", "Mei", "Nils", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Vikram",
    "Wen", "Ximena", "Yusuf", "Zoë",
];
const LAST: &[&str] = &[
    "Adams",
    "Brandt",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lima",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Rossi",
    "Sato",
    "Takahashi",
    "Usman",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhang",
];
const CATEGORIES: &[&str] = &[
    "Accountants",
    "Attorneys",
    "Bankers",
    "Business coaches",
    "Career counselors",
    "Entrepreneurship center staff",
    "Office supply vendors",
    "Printers",
    "Secretarial services",
    "Web developers",
    "Insurance agents",
    "Financial planners",
];
const STAGES: &[&str] = &[
    "identified",
    "identified",
    "contacted",
    "contacted",
    "met",
    "partner",
];

/// The touches of the demo's people who were touched: a kind and a note.
const TOUCHES: [(&str, &str); 7] = [
    (
        "call",
        "asked who their best clients are; sending two names",
    ),
    ("meeting", "coffee downtown, talked about the spring fair"),
    ("email", "sent the article on succession planning"),
    ("card", "handwritten thank-you for the introduction"),
    ("event", "saw them at the chamber breakfast"),
    ("call", ""),
    ("meeting", "lunch; wants to meet my bookkeeper"),
];

/// Fill an empty database with `categories` categories and `contacts`
/// contacts spread over them, some touched, some due for a follow-up.
/// Refuses a database that already holds categories or contacts.
pub fn fill(
    conn: &Connection,
    categories: usize,
    contacts: usize,
    today: NaiveDate,
) -> Result<(), String> {
    let existing: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM category) + (SELECT count(*) FROM contact)",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if existing > 0 {
        return Err(
            "this database already has categories or contacts; demo data goes only into an empty one (use --db with a new file)"
                .into(),
        );
    }
    let run = || -> rusqlite::Result<Vec<i64>> {
        let tx = conn.unchecked_transaction()?;
        let stamp = format!("{today} 09:00:00");
        let mut ids = Vec::new();
        for i in 0..categories.max(1) {
            let base = CATEGORIES[i % CATEGORIES.len()];
            let name = if i < CATEGORIES.len() {
                base.to_owned()
            } else {
                format!("{base} {}", i / CATEGORIES.len() + 1)
            };
            tx.execute(
                "INSERT INTO category (name, why, target, position, created_at) VALUES (?1, ?2, 3, ?3, ?4)",
                params![name, "they meet my ideal clients every week", i64::try_from(i).unwrap_or(0) + 1, stamp],
            )?;
            ids.push(tx.last_insert_rowid());
        }
        let mut insert = tx.prepare(
            "INSERT INTO contact (category_id, name, company, email, phone, city, notes, stage,
                 on_list, last_touch, next_follow_up, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut history = tx.prepare(
            "INSERT INTO stage_change (contact_id, stage, changed_on) VALUES (?1, ?2, ?3)",
        )?;
        let mut touch = tx.prepare(
            "INSERT INTO touch (contact_id, kind, on_date, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let now = today.and_hms_opt(9, 0, 0).unwrap_or_default();
        let mut clients = Vec::new();
        for i in 0..contacts {
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len()) % LAST.len()];
            let n = i / (FIRST.len() * LAST.len());
            let name = if n == 0 {
                format!("{first} {last}")
            } else {
                format!("{first} {last} {}", n + 1)
            };
            // Partners are few, as in life: the first ones met become them.
            let stage = match STAGES[i % STAGES.len()] {
                "partner" if i >= 150 => "met",
                other => other,
            };
            let touched = i % 3 != 0;
            let back = u64::try_from(i % 90).unwrap_or(0);
            let last_touch = touched.then(|| today - Days::new(back));
            let follow = last_touch.map(|d| d + Days::new(30));
            insert.execute(params![
                ids[i % ids.len()],
                name,
                format!("{last} & Partners"),
                format!(
                    "{}.{}{i}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                format!("+1 555 {:04}", i % 10_000),
                ["Oakland", "Lyon", "Osaka", "Lagos", "Porto"][i % 5],
                if i % 7 == 0 {
                    "met at the spring fair; refers start-ups"
                } else {
                    ""
                },
                stage,
                stage == "partner" && i < 150,
                last_touch.map(|d| d.to_string()),
                follow.map(|d| d.to_string()),
                stamp,
            ])?;
            let id = tx.last_insert_rowid();
            history.execute(params![id, stage, today.to_string()])?;
            if let Some(on) = last_touch {
                let (kind, note) = TOUCHES[i % TOUCHES.len()];
                touch.execute(params![id, kind, on.to_string(), note, stamp])?;
            }
            // One in a hundred is a client too, since some days: their
            // journey and ask are planned as for any new client.
            if i % 100 == 7 {
                let since = today - Days::new(u64::try_from(i % 45).unwrap_or(0));
                tx.execute(
                    "UPDATE contact SET client_since = ?2 WHERE id = ?1",
                    params![id, since.to_string()],
                )?;
                clients.push(id);
                crate::store::journey::client_changed(&tx, id, None, Some(since), &now)?;
            }
        }
        drop(insert);
        drop(history);
        drop(touch);
        tx.commit()?;
        Ok(clients)
    };
    let clients = run().map_err(|e| e.to_string())?;
    events(conn, &clients, today).map_err(|e| e.to_string())
}

/// An event coming up with clients invited, one past with who came, and
/// a group with members.
fn events(
    conn: &Connection,
    clients: &[i64],
    today: NaiveDate,
) -> Result<(), crate::store::WriteError> {
    use crate::domain::{EventDraft, GroupKind};
    use crate::store::{event, group};
    let now = today.and_hms_opt(9, 0, 0).unwrap_or_default();
    let draft = |title: &str, on: NaiveDate, place: &str, offers: &str| {
        EventDraft::new(title, on, place, offers).map_err(crate::store::WriteError::Refused)
    };
    let soon = draft(
        "Open house: your questions on taxes",
        today + Days::new(10),
        "Café Lumière",
        "an accountant and an attorney answer anything",
    )?;
    let soon = event::add(conn, &soon, None, &now)?;
    event::invite(conn, soon, &clients[..clients.len().min(6)])?;
    let past = draft("Autumn talk: pricing", today - Days::new(20), "Library", "")?;
    let past = event::add(conn, &past, None, &now)?;
    for &c in clients.iter().take(3) {
        event::came(conn, past, c, &[], &now)?;
    }
    let g = group::add(
        conn,
        "Downtown Business Network",
        GroupKind::Networking,
        "first Tuesday, 7:30",
        &now,
    )?;
    let mut first = conn.prepare("SELECT id FROM contact ORDER BY id LIMIT 8")?;
    let members: Vec<i64> = first
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    group::add_members(conn, g, &members, today)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;
    use crate::store::{self, metrics};

    #[test]
    fn demo_data_fills_an_empty_database_only() {
        let today = parse_date("2026-11-22").expect("date");
        let conn = store::open_in_memory(today).expect("open");
        fill(&conn, 10, 1000, today).expect("fill");
        let m = metrics::load(&conn, today).expect("metrics");
        assert_eq!(
            (m.categories, m.contacts, m.categories_with_contacts),
            (10, 1000, 10)
        );
        assert!(m.partners > 0 && m.partners <= 25, "{}", m.partners);
        assert!(store::contact::due_count(&conn, today).expect("due") > 0);
        // Each person touched has that touch in their history.
        let (touched, agreeing): (i64, i64) = conn
            .query_row(
                "SELECT count(*), count(t.id) FROM contact c
                 LEFT JOIN touch t ON t.contact_id = c.id AND t.on_date = c.last_touch
                 WHERE c.last_touch IS NOT NULL",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("touches");
        assert!(touched > 0);
        assert_eq!(agreeing, touched);
        assert!(
            fill(&conn, 10, 10, today).is_err(),
            "never into a database in use"
        );
    }
}
