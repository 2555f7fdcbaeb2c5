//! End to end, the real binary in a pseudo-terminal meeting the world:
//! bracketed pastes, signals, a terminal too small to draw in.

mod common;

use common::pty::Session;
use list25::store;

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

/// A database with the category Printers.
fn with_printers(db: &std::path::Path) {
    let conn = store::open(db, common::date("2026-11-22")).expect("create");
    let now = common::date("2026-11-22")
        .and_hms_opt(8, 0, 0)
        .expect("time");
    store::category::add(
        &conn,
        &list25::domain::CategoryDraft::parse("Printers", "", "").expect("draft"),
        &now,
    )
    .expect("category");
}

fn contact_names(db: &std::path::Path) -> Vec<String> {
    let conn = store::open(db, common::date("2026-11-22")).expect("reopen");
    store::contact::list(&conn, None)
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect()
}

/// `text` as a terminal sends it when it is pasted into a program that
/// asked for bracketed paste.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn a_paste_into_the_contact_form_fills_one_field_and_adds_nobody() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    with_printers(&db);
    let mut s = Session::start(&db, &TODAY, 100, 30);
    s.wait_for("Today's tasks");
    s.send("3");
    s.wait_for("1 of 10 categories");
    s.send("\r");
    s.wait_for("Printers · 0 contacts");
    s.send("a");
    s.wait_for("New contact");
    s.send(&bracketed("Line one\tCo\nLine two\nLine three"));
    s.wait_for("Line one Co Line two");
    s.send("\x1b");
    s.wait_for("c category/all");
    s.send("q");
    assert!(s.wait_exit());
    assert!(contact_names(&db).is_empty(), "{:?}", contact_names(&db));
}

#[test]
fn a_20_kb_paste_into_the_script_editor_lands_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let mut s = Session::start(&db, &TODAY, 100, 30);
    s.wait_for("Today's tasks");
    s.send("5");
    s.wait_for("Scripts · 9");
    s.send("a");
    s.wait_for("New script");
    s.send("Long letter\tvalue\r");
    s.wait_for("Esc done (saves)");
    let text: String = (1..=400)
        .map(|i| format!("Line {i:03}: who else would want the same help? Café 東京\n"))
        .collect::<String>()
        + "The end.";
    assert!(text.len() > 20 * 1024);
    s.send(&bracketed(&text));
    s.wait_for("The end.");
    s.send("\x1b");
    s.wait_for("Enter write");
    s.send("q");
    assert!(s.wait_exit());
    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let stored = store::script::list(&conn)
        .expect("scripts")
        .into_iter()
        .find(|x| x.title == "Long letter")
        .map(|x| x.text);
    assert_eq!(stored.as_deref(), Some(text.as_str()));
}
