//! Settings: small named values the user sets once (profession, start date).

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Me;

/// What the user does for a living, used to suggest categories.
pub const PROFESSION: &str = "profession";

/// The user's name, for `{my_name}` in scripts.
pub const MY_NAME: &str = "my_name";

/// What the user does for clients, as a phrase that follows their name
/// ("helps start-ups look established"), for `{my_value}` in scripts.
pub const MY_VALUE: &str = "my_value";

/// The user's own details, as scripts fill them in.
pub fn me(conn: &Connection) -> rusqlite::Result<Me> {
    Ok(Me {
        name: get(conn, MY_NAME)?.unwrap_or_default(),
        value: get(conn, MY_VALUE)?.unwrap_or_default(),
        profession: get(conn, PROFESSION)?.unwrap_or_default(),
    })
}

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

/// Store your name, value and profession together.
pub fn set_me(conn: &Connection, me: &Me) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    set(&tx, MY_NAME, &me.name)?;
    set(&tx, MY_VALUE, &me.value)?;
    set(&tx, PROFESSION, &me.profession)?;
    tx.commit()
}

pub fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;
    use crate::store::open_in_memory;

    #[test]
    fn a_setting_is_read_back_and_replaced() {
        let conn = open_in_memory(parse_date("2026-11-22").expect("date")).expect("open");
        assert_eq!(get(&conn, PROFESSION).expect("read"), None);
        set(&conn, PROFESSION, "Graphic designer").expect("write");
        set(&conn, PROFESSION, "Brand designer 🎨").expect("write");
        assert_eq!(
            get(&conn, PROFESSION).expect("read").as_deref(),
            Some("Brand designer 🎨")
        );
    }
}
