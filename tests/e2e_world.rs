//! End to end, the real binary in a pseudo-terminal meeting the world:
//! bracketed pastes, signals, a terminal too small to draw in.

mod common;

use common::pty::{Session, new_script, stored_script};
use list25::store;

const TODAY: [&str; 2] = ["--today", "2026-11-22"];

/// A database with the category Printers.
fn with_printers(db: &std::path::Path) {
    let conn = store::open(db, common::date("2026-11-22")).expect("create");
    common::category(&conn, "Printers");
}

fn contact_names(db: &std::path::Path) -> Vec<String> {
    let conn = store::open(db, common::date("2026-11-22")).expect("reopen");
    store::contact::list(&conn, list25::domain::contact::ContactView::All)
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
    s.wait_for("c view");
    s.send("q");
    assert!(s.wait_exit());
    assert!(contact_names(&db).is_empty(), "{:?}", contact_names(&db));
}

#[test]
fn a_20_kb_paste_into_the_script_editor_lands_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let mut s = new_script(&db, "Long letter");
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

#[test]
fn term_hup_int_and_quit_save_what_was_typed_restore_the_terminal_and_exit_0() {
    for signal in ["TERM", "HUP", "INT", "QUIT"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("l.db");
        let mut s = new_script(&db, "Signal test");
        let text = format!("Typed just before a {signal}: Café 東京 🌸.");
        s.send(&text);
        s.wait_for("🌸.");
        // At once: the autosave, a second after the last key, has not run.
        s.signal(signal);
        assert!(s.wait_exit(), "kill -{signal} ends list25 with success");
        assert_eq!(
            stored_script(&db, "Signal test").as_deref(),
            Some(text.as_str()),
            "kill -{signal}"
        );
        let raw = s.raw();
        for (on, off, what) in [
            ("\x1b[?2004h", "\x1b[?2004l", "bracketed paste turned off"),
            ("\x1b[?1049h", "\x1b[?1049l", "the main screen back"),
        ] {
            let (on, off) = (raw.rfind(on), raw.rfind(off));
            assert!(on.is_some() && off > on, "{signal}: {what}");
        }
    }
}

#[test]
fn a_closed_terminal_saves_what_was_typed_and_ends_list25() {
    // The hang-up may be seen as a signal or as a failed write first; which
    // comes first varies, so the closing is tried several times.
    for round in 0..6 {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("l.db");
        let mut s = new_script(&db, "Closed window");
        s.send("Typed just before the window closed.");
        s.wait_for("window closed.");
        s.hang_up();
        // It ends on its own (the harness fails the test after 20 seconds),
        // rather than reading the dead terminal for ever, and with success.
        assert!(
            s.wait_exit(),
            "round {round}: a closed terminal ends list25 cleanly"
        );
        // (The test terminal sends a last line feed as it closes.)
        assert_eq!(
            stored_script(&db, "Closed window")
                .as_deref()
                .map(str::trim_end),
            Some("Typed just before the window closed.")
        );
    }
}

#[test]
fn a_terminal_too_small_to_draw_in_takes_no_key_but_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    with_printers(&db);
    let mut s = Session::start(&db, &TODAY, 40, 10);
    s.wait_for("The terminal is 40x10");
    // Unseen: go to Categories, delete, yes. The keys are given time to be
    // read before the resize, which the terminal library may report first.
    s.send("3dy");
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.resize(100, 30);
    s.wait_for("Today's tasks");
    s.send("3");
    s.wait_for("Printers");
    s.resize(20, 5);
    s.wait_for("The terminal");
    s.send("dy");
    std::thread::sleep(std::time::Duration::from_millis(500));
    s.resize(80, 24);
    s.wait_for("Printers");
    s.send("q");
    assert!(s.wait_exit());
    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let names: Vec<String> = store::category::list(&conn)
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Printers"]);
}
