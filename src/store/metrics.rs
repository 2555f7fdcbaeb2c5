//! Counts that measured program tasks read.

use rusqlite::Connection;

use crate::domain::Metrics;

/// Read the counts measured tasks depend on. Contacts are not stored yet,
/// so the counts that depend on them are honestly zero.
pub fn load(conn: &Connection) -> rusqlite::Result<Metrics> {
    Ok(Metrics {
        categories: super::category::count(conn)?,
        ..Metrics::default()
    })
}
