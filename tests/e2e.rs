//! End to end: the real binary in a pseudo-terminal, keys typed, screen
//! read, the database checked after a restart.

mod common;

use common::pty::{Session, new_script, stored_script};
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
    s.wait_for("c view");
    s.send("q");
    assert!(s.wait_exit());

    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let people =
        store::contact::list(&conn, list25::domain::contact::ContactView::All).expect("list");
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

#[test]
fn text_typed_in_the_script_editor_survives_kill_9_after_a_short_wait() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let mut s = new_script(&db, "Banker line");
    let text = "{my_name} saves start-ups from ugly logos. Café, 東京, 🌸.";
    s.send(text);
    s.wait_for("🌸.");
    // Wait two seconds, then kill without any chance to save.
    std::thread::sleep(std::time::Duration::from_secs(2));
    s.kill_9();
    assert_eq!(stored_script(&db, "Banker line").as_deref(), Some(text));

    let mut s = Session::start(&db, &["--today", "2026-11-22"], 100, 30);
    s.wait_for("Today's tasks");
    s.send("5");
    s.wait_for("Banker line");
    s.send("j");
    s.wait_for("ugly logos. Café");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn kill_9_in_the_middle_of_typing_loses_at_most_two_seconds() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let mut s = new_script(&db, "Long ask");
    // Type without ever pausing a whole second, for five seconds.
    let text: String = "who else do you know who would want the same? "
        .chars()
        .cycle()
        .take(60)
        .collect();
    let mut sent_at = Vec::new();
    for c in text.chars() {
        s.send(&c.to_string());
        sent_at.push(Instant::now());
        std::thread::sleep(Duration::from_millis(85));
    }
    let killed = Instant::now();
    s.kill_9();
    let stored = stored_script(&db, "Long ask").expect("the script is there");
    assert!(text.starts_with(&stored), "stored {stored:?}");
    let must_have = sent_at
        .iter()
        .filter(|&&at| killed.duration_since(at) > Duration::from_secs(2))
        .count();
    assert!(
        stored.chars().count() >= must_have,
        "{} of {} characters stored; everything typed over two seconds before the kill \
         ({must_have}) should be",
        stored.chars().count(),
        text.chars().count()
    );
    assert!(
        must_have > 20,
        "the test typed long enough to need a save mid-typing"
    );
}

#[test]
fn copy_puts_the_filled_in_script_on_the_clipboard_with_osc_52() {
    use base64::Engine;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    {
        let conn = store::open(&db, common::date("2026-11-22")).expect("create");
        let now = common::date("2026-11-22")
            .and_hms_opt(8, 0, 0)
            .expect("time");
        let cat = store::category::add(
            &conn,
            &list25::domain::CategoryDraft::parse("Accountants", "", "").expect("draft"),
            &now,
        )
        .expect("category");
        let ana = list25::domain::ContactDraft::named("Ana Lima").expect("draft");
        store::contact::add(&conn, Some(cat), &ana, &now).expect("contact");
        store::settings::set_me(
            &conn,
            &list25::domain::Me {
                name: "Jane Roe".into(),
                value: "helps start-ups look established".into(),
                profession: "designer".into(),
            },
        )
        .expect("me");
    }
    let mut s = Session::start(&db, &["--today", "2026-11-22"], 100, 30);
    s.wait_for("Today's tasks");
    s.send("4");
    s.wait_for("Ana Lima");
    s.send("5");
    s.wait_for("Preview for Ana Lima");
    s.send("jy");
    s.wait_for("Copied \"Ask after a problem solved\" for Ana Lima");
    let expected = "Ana, I'm glad we got that sorted out. Most of my new clients come from \
                    people who were happy with the work, so let me ask: who else do you know \
                    who would want the same kind of help? I'll look after them just as carefully.";
    let payload = base64::engine::general_purpose::STANDARD.encode(expected);
    s.wait_for_raw(&format!("\x1b]52;c;{payload}\x07"));
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_referral_typed_in_is_thanked_from_today_and_both_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    {
        let conn = store::open(&db, common::date("2026-11-22")).expect("create");
        let printers = common::category(&conn, "Printers");
        let now = common::date("2026-11-22")
            .and_hms_opt(8, 0, 0)
            .expect("time");
        let ana = list25::domain::ContactDraft::named("Ana Lima").expect("draft");
        store::contact::add(&conn, Some(printers), &ana, &now).expect("ana");
    }
    let args = ["--today", "2026-11-22"];
    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks");
    s.send("6");
    s.wait_for("No referrals yet");
    s.send("r");
    s.wait_for("A referral received");
    s.send("lima");
    s.wait_for("→ Ana Lima (Printers)");
    s.send("\tBruno Alves\t\tneeds a logo\r");
    s.wait_for("Ana Lima sent you Bruno Alves");
    s.wait_for("owed since 22 Nov");
    s.send("1");
    s.wait_for("♥ Thank Ana Lima for Bruno Alves");
    // The thank-you is the first row after day 1's three tasks.
    s.send("jjj ");
    s.wait_for("Thank Ana Lima for Bruno Alves: sent");
    s.send("d");
    s.wait_for("handwritten card");
    s.send("\r");
    s.wait_for("Thanked Ana Lima (card), logged as a touch");
    s.send("q");
    assert!(s.wait_exit());

    let mut s = Session::start(&db, &args, 80, 24);
    s.wait_for("Today's tasks");
    assert!(!s.screen().contains("Thank-yous owed"), "{}", s.screen());
    s.send("6");
    s.wait_for("thanked 22 Nov");
    s.send("q");
    assert!(s.wait_exit());

    let conn = store::open(&db, common::date("2026-11-22")).expect("reopen");
    let ledger = store::referral::list(&conn, 10).expect("ledger");
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].thanked, Some(common::date("2026-11-22")));
    assert_eq!(ledger[0].note, "needs a logo");
    let touches = store::contact::touches(&conn, ledger[0].partner_id).expect("touches");
    assert_eq!(touches.len(), 1);
    assert_eq!(touches[0].0, list25::domain::TouchKind::Card);
    assert!(touches[0].2.contains("Bruno Alves"), "{}", touches[0].2);
}
