//! The client journey end to end: the real binary in a pseudo-terminal,
//! keys typed, the screen read, the database checked after a restart.

mod common;

use common::pty::Session;
use list25::store;

/// Move the cursor down on Today until the selected row holds `text`.
fn select_row(s: &mut Session, text: &str) {
    for _ in 0..60 {
        if s.screen()
            .lines()
            .any(|l| l.contains('▶') && l.contains(text))
        {
            return;
        }
        s.send("j");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    panic!("no row with {text:?}:\n{}", s.screen());
}

#[test]
fn a_new_clients_welcome_card_then_an_ask_with_two_names_survive_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    {
        let conn = store::open(&db, common::date("2026-11-22")).expect("create");
        let printers = common::category(&conn, "Printers");
        let ana = list25::domain::ContactDraft::named("Ana Lima").expect("draft");
        store::contact::add(&conn, Some(printers), &ana, &common::now()).expect("ana");
    }
    // Ana becomes a client: her welcome card is due today.
    let mut s = Session::start(&db, &["--today", "2026-11-22"], 80, 24);
    s.wait_for("Today's tasks");
    s.send("4");
    s.wait_for("Ana Lima");
    s.send("C");
    s.wait_for("Ana Lima is a client since today");
    s.send("1");
    s.wait_for("Touchpoints due · 1");
    s.wait_for("Ana Lima: Welcome card · due today");
    select_row(&mut s, "Welcome card");
    s.send(" ");
    s.wait_for("Done on");
    s.send("\r");
    s.wait_for("Ana Lima: Welcome card done, logged as a card");
    assert!(!s.screen().contains("Touchpoints due"), "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit());

    // A month on, the ask is due; she gives two names.
    let later = ["--today", "2026-12-23"];
    let mut s = Session::start(&db, &later, 80, 24);
    s.wait_for("Referral asks due · 1");
    select_row(&mut s, "Ask Ana Lima for referrals");
    s.send(" ");
    s.wait_for("What did they say?");
    s.send("n");
    s.wait_for("Ana Lima gave names");
    s.send("Cy Ortega, Bruno Alves");
    s.wait_for("→ Cy Ortega (new), Bruno Alves (new)");
    s.send("\r");
    s.wait_for("Ana Lima gave 2 names: thank them (Today)");
    s.send("q");
    assert!(s.wait_exit());

    // After a restart: two referrals received, one thank-you owed for both.
    let mut s = Session::start(&db, &later, 80, 24);
    s.wait_for("Thank-yous owed · 1");
    s.wait_for("Thank Ana Lima for Cy Ortega and Bruno Alves");
    assert!(!s.screen().contains("Referral asks due"), "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit());

    let conn = store::open(&db, common::date("2026-12-23")).expect("reopen");
    let ledger = store::referral::list(&conn, 10).expect("ledger");
    let mut people: Vec<(&str, &str)> = ledger
        .iter()
        .map(|r| (r.partner.as_str(), r.person.as_str()))
        .collect();
    people.sort_unstable();
    assert_eq!(
        people,
        [("Ana Lima", "Bruno Alves"), ("Ana Lima", "Cy Ortega")]
    );
    assert!(
        ledger
            .iter()
            .all(|r| r.direction == list25::domain::Direction::Received)
    );
    assert_eq!(
        store::thanks::owed_count(&conn).expect("owed"),
        1,
        "one card for the names of one ask"
    );
    let ana = ledger[0].partner_id;
    let touches = store::contact::touches(&conn, ana).expect("touches");
    assert_eq!(touches.len(), 1, "the welcome card, logged");
    assert_eq!(touches[0].0, list25::domain::TouchKind::Card);
    let asks = store::ask::for_client(&conn, ana).expect("asks");
    assert_eq!(
        asks[0].asked.map(|(d, o)| (d.to_string(), o)),
        Some(("2026-12-23".into(), list25::domain::Outcome::Names))
    );
    assert_eq!(
        asks[1].due,
        common::date("2027-03-23"),
        "the next ask, planned"
    );
}
