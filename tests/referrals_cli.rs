//! The referral loop from the command line: clients, the ledger, thank-yous
//! and the balance; bad input refused with nothing written.

mod common;

use common::ok;

use std::path::Path;

use common::cli as list25;
use serde_json::Value;

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(&list25(db, args))).expect("json")
}

/// A database with Printers, Ana Lima and Ana Souza in it.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "Printers"]));
    ok(&list25(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Printers"],
    ));
    ok(&list25(
        &db,
        &["contact", "add", "Ana Souza", "--category", "Printers"],
    ));
    (dir, db)
}

#[test]
fn a_referral_received_is_owed_a_thank_you_until_it_is_sent() {
    let (_dir, db) = setup();
    let said = ok(&list25(
        &db,
        &[
            "referral",
            "received",
            "--from",
            "lima",
            "--for",
            "Bruno Alves",
            "--date",
            "2026-11-20",
            "--note",
            "needs a logo",
        ],
    ));
    assert!(
        said.contains("Referral #1: Ana Lima sent you Bruno Alves"),
        "{said}"
    );
    let list = json(&db, &["referral", "list", "--json"]);
    assert_eq!(list[0]["id"], 1);
    assert_eq!(list[0]["direction"], "received");
    assert_eq!(list[0]["partner"], "Ana Lima");
    assert_eq!(list[0]["person"], "Bruno Alves");
    assert_eq!(list[0]["status"], "new");
    assert_eq!(list[0]["thanked"], Value::Null);
    let owed = json(&db, &["thanks", "list", "--json"]);
    assert_eq!(owed[0]["referral"], 1);
    assert_eq!(owed[0]["to"], "Ana Lima");
    assert_eq!(owed[0]["for"], "Bruno Alves");
    assert_eq!(owed[0]["due"], "2026-11-22");
    assert_eq!(owed[0]["overdue"], false);
    let today = json(&db, &["today", "--json"]);
    assert_eq!(today["thank_yous"], owed);
    // The new person is a contact, referred by Ana.
    let all = json(&db, &["contact", "list", "--json"]);
    let bruno = all
        .as_array()
        .and_then(|a| a.iter().find(|c| c["name"] == "Bruno Alves"))
        .expect("bruno");
    assert_eq!(bruno["referred_by"], "Ana Lima");
    assert_eq!(bruno["category"], Value::Null);

    let said = ok(&list25(&db, &["thanks", "sent", "1", "--how", "card"]));
    assert!(said.contains("Thanked Ana Lima for Bruno Alves"), "{said}");
    assert_eq!(
        json(&db, &["thanks", "list", "--json"]),
        Value::Array(vec![])
    );
    let list = json(&db, &["referral", "list", "--json"]);
    assert_eq!(list[0]["thanked"], "2026-11-22");
    let ana = json(&db, &["contact", "list", "--json"]);
    let ana = ana
        .as_array()
        .and_then(|a| a.iter().find(|c| c["name"] == "Ana Lima"))
        .expect("ana");
    assert_eq!(ana["last_touch"], "2026-11-22", "the thank-you is a touch");
}

#[test]
fn status_client_makes_a_client_and_the_balance_says_refer_first() {
    let (_dir, db) = setup();
    ok(&list25(
        &db,
        &[
            "referral",
            "received",
            "--from",
            "#1",
            "--for",
            "Bruno Alves",
        ],
    ));
    let said = ok(&list25(&db, &["referral", "status", "1", "client"]));
    assert!(
        said.contains("Bruno Alves is a client since 2026-11-22"),
        "{said}"
    );
    let clients = json(&db, &["contact", "list", "--clients", "--json"]);
    assert_eq!(clients.as_array().map(Vec::len), Some(1));
    assert_eq!(clients[0]["client_since"], "2026-11-22");
    let owed = json(&db, &["thanks", "list", "--json"]);
    assert_eq!(
        owed.as_array().map(Vec::len),
        Some(2),
        "thanks and the news"
    );
    let balance = json(&db, &["balance", "--json"]);
    assert_eq!(balance[0]["partner"], "Ana Lima");
    assert_eq!(
        (
            &balance[0]["given"],
            &balance[0]["received"],
            &balance[0]["refer_first"]
        ),
        (&Value::from(0), &Value::from(1), &Value::Bool(true))
    );
    ok(&list25(
        &db,
        &["referral", "given", "--to", "Ana Lima", "--for", "Bruno"],
    ));
    let balance = json(&db, &["balance", "--json"]);
    assert_eq!(balance[0]["refer_first"], false);
    let list = json(&db, &["referral", "list", "--json"]);
    assert_eq!(list[0]["direction"], "given");
    assert_eq!(
        list[0]["person"], "Bruno Alves",
        "a unique part names a contact"
    );
}

#[test]
fn a_client_is_added_without_a_category_with_who_referred_them() {
    let (_dir, db) = setup();
    let said = ok(&list25(
        &db,
        &[
            "client",
            "add",
            "Cy Dorn",
            "--since",
            "2026-03-01",
            "--referred-by",
            "souza",
            "--company",
            "Dorn Print",
        ],
    ));
    assert!(
        said.contains("Added Cy Dorn (#3), a client since 2026-03-01"),
        "{said}"
    );
    let clients = json(&db, &["contact", "list", "--clients", "--json"]);
    assert_eq!(clients[0]["id"], 3);
    assert_eq!(clients[0]["referred_by"], "Ana Souza");
    assert_eq!(clients[0]["company"], "Dorn Print");
    let text = ok(&list25(&db, &["contact", "list", "--clients"]));
    assert!(text.contains("Cy Dorn · client since 2026-03-01"), "{text}");
}

#[test]
fn client_add_on_someone_here_makes_them_a_client_instead_of_doubling_them() {
    let (_dir, db) = setup();
    let said = ok(&list25(&db, &["client", "add", "Ana Lima"]));
    assert!(
        said.contains("Ana Lima (#1) is a client since 2026-11-22"),
        "{said}"
    );
    let said = ok(&list25(
        &db,
        &["client", "add", "lima", "--company", "Lima Print"],
    ));
    assert!(said.contains("is a client already"), "{said}");
    let all = json(&db, &["contact", "list", "--json"]);
    assert_eq!(
        all.as_array().map(Vec::len),
        Some(2),
        "nobody was added: {all}"
    );
    assert_eq!(all[0]["client_since"], "2026-11-22");
    assert_eq!(all[0]["category"], "Printers", "she stays in her category");
    let asks = json(&db, &["ask", "list", "--json"]);
    assert_eq!(
        asks.as_array().map(Vec::len),
        Some(1),
        "one journey: {asks}"
    );

    // A part of one name makes that person a client.
    let said = ok(&list25(
        &db,
        &["client", "add", "souza", "--company", "Souza Co"],
    ));
    assert!(said.contains("Ana Souza (#2) is a client"), "{said}");
    let souza = &json(&db, &["contact", "list", "--json"])[1];
    assert_eq!(souza["company"], "Souza Co", "what she lacked is filled in");

    // --new adds another person of the same name.
    let said = ok(&list25(&db, &["client", "add", "Ana Lima", "--new"]));
    assert!(said.contains("Added Ana Lima (#3)"), "{said}");
}

#[test]
fn client_add_on_a_part_of_several_names_lists_them_and_changes_nothing() {
    let (_dir, db) = setup();
    let o = list25(&db, &["client", "add", "ana"]);
    assert_eq!(o.status.code(), Some(2));
    let why = String::from_utf8_lossy(&o.stderr);
    assert!(
        why.contains("Ana Lima (#1, Printers)") && why.contains("Ana Souza (#2, Printers)"),
        "{why}"
    );
    let o = list25(&db, &["client", "add", "#9"]);
    assert_eq!(o.status.code(), Some(2));
    // Someone here with another e-mail: not overwritten.
    ok(&list25(
        &db,
        &["client", "add", "Bo Chen", "--email", "bo@chen.example"],
    ));
    let o = list25(&db, &["client", "add", "#3", "--email", "b@other.example"]);
    assert_eq!(o.status.code(), Some(0), "a client already: nothing to do");
    ok(&list25(
        &db,
        &[
            "contact",
            "add",
            "Cy Dorn",
            "--category",
            "Printers",
            "--email",
            "cy@dorn.example",
        ],
    ));
    let o = list25(
        &db,
        &["client", "add", "Cy Dorn", "--email", "cy@other.example"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("has the e-mail"),
        "{o:?}"
    );
    let after = json(&db, &["contact", "list", "--json"]);
    assert_eq!(
        after[3]["client_since"],
        serde_json::Value::Null,
        "Cy is not a client"
    );
    assert_eq!(after[3]["email"], "cy@dorn.example");
    assert_eq!(after[0]["client_since"], serde_json::Value::Null, "nor Ana");
}

#[test]
fn bad_input_names_the_choices_exits_2_and_writes_nothing() {
    let (_dir, db) = setup();
    ok(&list25(
        &db,
        &[
            "referral",
            "received",
            "--from",
            "Ana Lima",
            "--for",
            "Bruno Alves",
        ],
    ));
    let before = std::fs::read(&db).expect("read");
    for (args, says) in [
        (
            &["referral", "received", "--from", "ana", "--for", "Cy"][..],
            "could be Ana Lima (#1, Printers), Ana Souza (#2, Printers)",
        ),
        (
            &["referral", "received", "--from", "Zed", "--for", "Cy"][..],
            "no contact named \"Zed\"",
        ),
        (
            &["referral", "received", "--from", "#1", "--for", "#1"][..],
            "themselves",
        ),
        (
            &["referral", "received", "--from", "#1", "--for", "Ana"][..],
            "--new for a new person",
        ),
        (
            &["referral", "received", "--from", "#1", "--for", "#99"][..],
            "no contact #99",
        ),
        (
            &[
                "referral",
                "given",
                "--to",
                "#1",
                "--for",
                "Cy",
                "--date",
                "2026-11-23",
            ][..],
            "after today",
        ),
        (
            &[
                "referral", "given", "--to", "#1", "--for", "Cy", "--date", "tomorrow",
            ][..],
            "YYYY-MM-DD",
        ),
        (
            &["referral", "status", "1", "won"][..],
            "new, talking, client or not-a-fit",
        ),
        (&["referral", "status", "7", "client"][..], "no referral #7"),
        (
            &["thanks", "sent", "1", "--how", "email"][..],
            "card, call, gift or note",
        ),
        (
            &[
                "thanks",
                "sent",
                "1",
                "--how",
                "card",
                "--date",
                "2026-12-01",
            ][..],
            "after today",
        ),
        (
            &["thanks", "sent", "9", "--how", "card"][..],
            "no referral #9",
        ),
        (
            &["client", "add", "Cy", "--referred-by", "nobody"][..],
            "no contact named",
        ),
        (
            &["client", "add", "Cy", "--since", "2027-01-01"][..],
            "after today",
        ),
        (&["client", "add", " "][..], "needs a name"),
    ] {
        let o = list25(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(std::fs::read(&db).expect("read"), before, "{args:?} wrote");
    }
}

#[test]
fn the_25_list_is_the_people_starred_in_every_count_and_export() {
    let (_dir, db) = setup();
    // Ana Lima is at stage partner without a star: not on the list. Ana
    // Souza, starred: on it.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "UPDATE contact SET stage = 'partner' WHERE name = 'Ana Lima';
         UPDATE contact SET on_list = 1 WHERE name = 'Ana Souza';",
    )
    .expect("write");
    drop(conn);
    let categories = json(&db, &["category", "list", "--json"]);
    assert_eq!(categories[0]["partners"], 1);
    let report = ok(&list25(&db, &["export", "markdown"]));
    assert!(report.contains("The 25 list (1 of 25)"), "{report}");
    let program = list25::domain::Program::builtin().expect("program");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let metrics = list25::store::metrics::load(&conn, common::date("2026-11-22")).expect("metrics");
    assert_eq!((metrics.partners, metrics.listed), (1, 1));
    let app = list25::app::App::new(conn, program, common::date("2026-11-22"), String::new())
        .expect("app");
    assert_eq!(
        app.checklist
            .metrics
            .value(list25::domain::Metric::Partners),
        1,
        "the header's 25 list gauge"
    );
}

#[test]
fn the_days_to_thank_in_are_set_once_and_checked() {
    let (_dir, db) = setup();
    assert_eq!(ok(&list25(&db, &["config", "thanks-days"])).trim(), "2");
    for bad in ["61", "two", "-1"] {
        let o = list25(&db, &["config", "thanks-days", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    assert_eq!(ok(&list25(&db, &["config", "thanks-days"])).trim(), "2");
    ok(&list25(&db, &["config", "thanks-days", "7"]));
    ok(&list25(
        &db,
        &[
            "referral",
            "received",
            "--from",
            "#1",
            "--for",
            "Bruno Alves",
        ],
    ));
    let owed = json(&db, &["thanks", "list", "--json"]);
    assert_eq!(owed[0]["due"], "2026-11-29");
}

#[test]
fn a_referral_recorded_by_mistake_is_deleted_with_what_it_owes() {
    let (_dir, db) = setup();
    ok(&list25(
        &db,
        &[
            "referral",
            "received",
            "--from",
            "#1",
            "--for",
            "Bruno Alves",
        ],
    ));
    let said = ok(&list25(&db, &["referral", "delete", "1"]));
    assert!(
        said.contains("Deleted referral #1 (Ana Lima and Bruno Alves)"),
        "{said}"
    );
    assert_eq!(
        json(&db, &["referral", "list", "--json"]),
        Value::Array(vec![])
    );
    assert_eq!(
        json(&db, &["thanks", "list", "--json"]),
        Value::Array(vec![])
    );
    let o = list25(&db, &["referral", "delete", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no referral #1"));
}
