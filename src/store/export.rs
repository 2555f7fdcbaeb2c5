//! Everything an export of contacts needs, read in a few queries: each
//! live contact with its UID, every address and number, and who referred
//! them.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::domain::Contact;
use crate::domain::contact::ContactView;

/// A contact as an export writes it.
#[derive(Debug, Clone)]
pub struct Exported {
    pub contact: Contact,
    pub uid: String,
    /// Every address and number, the contact row's first.
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// The name and UID of who referred them.
    pub referred_by: Option<(String, String)>,
}

/// Every live contact, by name.
pub fn contacts(conn: &Connection) -> rusqlite::Result<Vec<Exported>> {
    let list = super::contact::list(conn, ContactView::All)?;
    let mut uids: HashMap<i64, String> = HashMap::with_capacity(list.len());
    let mut stmt = conn.prepare("SELECT id, uid FROM contact WHERE uid IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        uids.insert(r.get(0)?, r.get(1)?);
    }
    let mut details: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT contact_id, kind, value FROM contact_detail ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        details
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    let names: HashMap<i64, String> = list.iter().map(|c| (c.id, c.name.clone())).collect();
    Ok(list
        .into_iter()
        .map(|contact| {
            let (emails, phones) = super::contact::with_details(
                &contact,
                details.remove(&contact.id).unwrap_or_default(),
            );
            let referred_by = contact
                .referred_by
                .and_then(|r| Some((names.get(&r)?.clone(), uids.get(&r)?.clone())));
            Exported {
                uid: uids.get(&contact.id).cloned().unwrap_or_default(),
                contact,
                emails,
                phones,
                referred_by,
            }
        })
        .collect())
}
