//! End to end: the real binary in a pseudo-terminal, keys typed, screen
//! read, the database checked after a restart.

mod common;

use common::pty::Session;
use list25::domain::TaskRef;
use list25::store;

#[test]
fn a_task_ticked_stays_ticked_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let args = ["--today", "2026-11-22"];

    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks · 0/3 done");
    s.send(" ");
    s.wait_for("Today's tasks · 1/3 done");
    s.send("q");
    assert!(s.wait_exit(), "list25 exits cleanly on q");

    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let done = store::program::done_tasks(&conn).expect("read");
    let task = TaskRef {
        day: 1,
        key: "last-three".into(),
    };
    assert!(done.contains_key(&task), "stored: {done:?}");
    drop(conn);

    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks · 1/3 done");
    assert!(
        s.screen()
            .contains("[x] Write down how your last three clients"),
        "{}",
        s.screen()
    );
    s.send("2");
    s.wait_for("25 days");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_small_terminal_gets_a_message_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let mut s = Session::start(&db, &["--today", "2026-11-22"], 40, 10);
    s.wait_for("The terminal is 40x10; list25 needs at");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn categories_typed_in_are_there_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let args = ["--today", "2026-11-22"];
    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks");
    s.send("3");
    s.wait_for("0 of 10 categories");
    s.send("aPrinters\tthey print for every new business\t4\r");
    s.wait_for("1 of 10 categories");
    s.send("aComptables à Montréal\r");
    s.wait_for("2 of 10 categories");
    s.send("K");
    s.send("q");
    assert!(s.wait_exit());

    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let stored = store::category::list(&conn).expect("list");
    let names: Vec<_> = stored.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Comptables à Montréal", "Printers"]);
    assert_eq!(stored[1].target, 4);
    assert_eq!(stored[1].why, "they print for every new business");
    drop(conn);

    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks");
    s.send("3");
    s.wait_for("2 of 10 categories");
    assert!(
        s.screen().contains("1  Comptables à Montréal"),
        "{}",
        s.screen()
    );
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_category_and_three_contacts_typed_in_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let args = ["--today", "2026-11-22"];
    let mut s = Session::start(&db, &args, 100, 30);
    s.wait_for("Today's tasks");
    s.send("3");
    s.wait_for("0 of 10 categories");
    s.send("aAccountants\tthey see every start-up's books\r");
    s.wait_for("1 of 10 categories");
    s.send("\r");
    s.wait_for("Accountants · 0 contacts");
    s.send("a");
    s.wait_for("New contact");
    s.send("Ana Lima\tLima & Co\tana@lima.co\r");
    s.wait_for("1 added");
    s.send("José Núñez\t\tjose@nunez.es\r");
    s.wait_for("2 added");
    s.send("山田 花子 🌸\tYamada KK\r");
    s.wait_for("3 added");
    s.send("\x1b");
    // The footer changes only once the form is closed.
    s.wait_for("c category/all");
    s.send("q");
    assert!(s.wait_exit());

    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let people = store::contact::list(&conn, None).expect("list");
    let rows: Vec<_> = people
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.company.as_str(),
                c.email.as_str(),
                c.category.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ana Lima", "Lima & Co", "ana@lima.co", "Accountants"),
            ("José Núñez", "", "jose@nunez.es", "Accountants"),
            ("山田 花子 🌸", "Yamada KK", "", "Accountants"),
        ]
    );
    drop(conn);

    let mut s = Session::start(&db, &args, 100, 30);
    s.wait_for("Today's tasks");
    s.send("4");
    s.wait_for("Accountants · 3 contacts");
    let screen = s.screen();
    for name in ["Ana Lima", "José Núñez", "山田 花子"] {
        assert!(screen.contains(name), "{name} missing:\n{screen}");
    }
    s.send("/nunez");
    s.wait_for("José Núñez · Accountants");
    s.send("\r");
    s.wait_for("All contacts · 3");
    s.send("q");
    assert!(s.wait_exit());
}
