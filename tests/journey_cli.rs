//! The client journey, events and groups from the command line: asks on a
//! timeline, touchpoints, bring-a-friend events, groups; bad input refused
//! with nothing written.

mod common;

use std::path::Path;

use common::{cli_on, ok};
use serde_json::Value;

fn on(db: &Path, today: &str, args: &[&str]) -> String {
    ok(&cli_on(db, today, args))
}

fn json(db: &Path, today: &str, args: &[&str]) -> Value {
    serde_json::from_str(&on(db, today, args)).expect("json")
}

/// A database with a printer (Ana Lima) and a client since 1 Nov (Bo Chen).
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("l.db");
    let d = "2026-11-01";
    on(&db, d, &["category", "add", "Printers"]);
    on(
        &db,
        d,
        &["contact", "add", "Ana Lima", "--category", "Printers"],
    );
    on(&db, d, &["client", "add", "Bo Chen"]);
    (dir, db)
}

#[test]
fn a_new_client_has_a_welcome_card_due_and_an_ask_planned() {
    let (_dir, db) = setup();
    let today = json(&db, "2026-11-01", &["today", "--json"]);
    let tp = &today["touchpoints"];
    assert_eq!(tp.as_array().map(Vec::len), Some(1), "{tp}");
    assert_eq!(tp[0]["client"], "Bo Chen");
    assert_eq!(tp[0]["how"], "card");
    assert_eq!(tp[0]["due"], "2026-11-01");
    assert_eq!(tp[0]["overdue"], false);
    assert!(
        tp[0]["step"]
            .as_str()
            .is_some_and(|s| s.contains("Welcome"))
    );
    assert_eq!(
        today["asks"],
        Value::Array(vec![]),
        "the ask is a month away"
    );
    let all = json(&db, "2026-11-01", &["touchpoint", "list", "--json"]);
    assert_eq!(all[0], tp[0], "today's objects are the list's");
    assert!(
        all.as_array()
            .is_some_and(|a| a.iter().any(|t| t["due"].is_null()))
    );
    let asks = json(&db, "2026-11-01", &["ask", "list", "--json"]);
    assert_eq!(asks[0]["client"], "Bo Chen");
    assert_eq!(asks[0]["due"], "2026-12-01");
    assert_eq!(asks[0]["overdue"], false);

    let id = tp[0]["id"].to_string();
    let said = on(
        &db,
        "2026-11-02",
        &["touchpoint", "done", &id, "--note", "Sent a card ✉"],
    );
    assert!(said.contains("done on 2026-11-02"), "{said}");
    let today = json(&db, "2026-11-02", &["today", "--json"]);
    assert_eq!(today["touchpoints"], Value::Array(vec![]));
    let task = today["tasks"].as_array().map(Vec::len);
    assert!(task.is_some());
    let contacts = json(
        &db,
        "2026-11-02",
        &["contact", "list", "--clients", "--json"],
    );
    assert_eq!(contacts[0]["last_touch"], "2026-11-02", "done logs a touch");
}

#[test]
fn an_ask_with_two_names_gives_two_referrals_with_thank_yous() {
    let (_dir, db) = setup();
    let due = json(&db, "2026-12-03", &["today", "--json"]);
    assert_eq!(due["asks"][0]["client"], "Bo Chen");
    assert_eq!(due["asks"][0]["overdue"], true);
    let said = on(
        &db,
        "2026-12-03",
        &[
            "ask",
            "done",
            "bo",
            "--outcome",
            "names",
            "--name",
            "Cy Ortega",
            "--name",
            "ana",
        ],
    );
    assert!(said.contains("Bo Chen named Cy Ortega"), "{said}");
    assert!(said.contains("Bo Chen named Ana Lima"), "{said}");
    assert!(
        said.contains("next ask is planned for 2027-03-03"),
        "{said}"
    );
    let owed = json(&db, "2026-12-03", &["thanks", "list", "--json"]);
    let fors: Vec<&str> = owed
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["for"].as_str())
        .collect();
    assert_eq!(fors, ["Cy Ortega and Ana Lima"], "one card for one ask");
    assert_eq!(
        owed[0]["people"],
        serde_json::json!(["Cy Ortega", "Ana Lima"])
    );
    assert!(
        owed.as_array()
            .expect("list")
            .iter()
            .all(|t| t["to"] == "Bo Chen")
    );
    let ledger = json(&db, "2026-12-03", &["referral", "list", "--json"]);
    assert_eq!(ledger.as_array().map(Vec::len), Some(2));
    assert!(
        ledger
            .as_array()
            .expect("l")
            .iter()
            .all(|r| r["direction"] == "received")
    );
    assert_eq!(
        json(&db, "2026-12-03", &["today", "--json"])["asks"],
        Value::Array(vec![])
    );
}

#[test]
fn solved_moves_the_ask_to_today_and_not_now_asks_again_later() {
    let (_dir, db) = setup();
    let said = on(&db, "2026-11-10", &["ask", "solved", "Bo"]);
    assert!(said.contains("ask for referrals today"), "{said}");
    let asks = json(&db, "2026-11-10", &["today", "--json"])["asks"].clone();
    assert_eq!(asks[0]["due"], "2026-11-10");
    assert_eq!(asks[0]["reason"], "solved");
    let said = on(
        &db,
        "2026-11-10",
        &["ask", "done", "#2", "--outcome", "not-now", "--again", "14"],
    );
    assert!(said.contains("planned for 2026-11-24"), "{said}");
    let said = on(&db, "2026-11-24", &["ask", "done", "bo", "--outcome", "no"]);
    assert!(said.contains("planned for 2027-05-25"), "{said}");
}

#[test]
fn an_event_with_a_guest_brought_counts_a_referral_received() {
    let (_dir, db) = setup();
    let said = on(
        &db,
        "2026-11-20",
        &[
            "event",
            "add",
            "Open house",
            "--date",
            "2026-12-03",
            "--place",
            "Café Lumière",
        ],
    );
    assert!(said.contains("Event #1"), "{said}");
    on(&db, "2026-11-20", &["event", "invite", "open", "bo", "ana"]);
    let said = on(
        &db,
        "2026-12-03",
        &["event", "came", "#1", "Bo", "--brought", "Zoë Brandt"],
    );
    assert!(said.contains("Bo Chen brought Zoë Brandt"), "{said}");
    let events = json(&db, "2026-12-04", &["event", "list", "--json"]);
    assert_eq!(events[0]["title"], "Open house");
    assert_eq!(events[0]["upcoming"], false);
    assert_eq!(
        (events[0]["invited"].as_u64(), events[0]["came"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(events[0]["brought"], 1);
    let owed = json(&db, "2026-12-04", &["thanks", "list", "--json"]);
    assert_eq!(
        (owed[0]["to"].as_str(), owed[0]["for"].as_str()),
        (Some("Bo Chen"), Some("Zoë Brandt"))
    );
    let all = json(&db, "2026-12-04", &["contact", "list", "--json"]);
    let zoe = all
        .as_array()
        .and_then(|a| a.iter().find(|c| c["name"] == "Zoë Brandt"))
        .expect("zoë");
    assert_eq!(zoe["referred_by"], "Bo Chen");
}

#[test]
fn groups_and_the_days_that_teach_them_are_measured() {
    let (_dir, db) = setup();
    on(&db, "2026-11-01", &["program", "start", "2026-10-25"]);
    let measured = |today: &str, key: &str| -> Value {
        let report = json(&db, today, &["today", "--json"]);
        report["tasks"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["key"] == key).cloned())
            .map(|t| t["measured"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(measured("2026-11-01", "join-group")["value"], 0);
    on(
        &db,
        "2026-11-01",
        &[
            "group",
            "add",
            "Downtown BNI",
            "--kind",
            "net",
            "--meets",
            "Tuesdays 7:00",
        ],
    );
    on(&db, "2026-11-01", &["group", "member", "bni", "ana"]);
    assert_eq!(measured("2026-11-01", "join-group")["value"], 1);
    let groups = json(&db, "2026-11-01", &["group", "list", "--json"]);
    assert_eq!(groups[0]["kind"], "networking");
    assert_eq!(groups[0]["members"], 1);
    on(
        &db,
        "2026-11-01",
        &["group", "meeting", "bni", "--date", "2026-11-03"],
    );
    // Day 19 (13 Nov): an ask planned for every client; Bo has one.
    let asks = measured("2026-11-12", "ask-planned");
    assert_eq!(
        (asks["value"].as_u64(), asks["target"].as_u64()),
        (Some(1), Some(1)),
        "{asks}"
    );
    // Day 16: the group's meeting has its members invited.
    assert_eq!(measured("2026-11-09", "event-planned")["value"], 1);
}

#[test]
fn bad_input_is_refused_with_exit_2_and_nothing_written() {
    let (_dir, db) = setup();
    on(
        &db,
        "2026-11-01",
        &["event", "add", "Open house", "--date", "2026-12-03"],
    );
    on(
        &db,
        "2026-11-01",
        &["event", "add", "Open studio", "--date", "2026-12-10"],
    );
    on(
        &db,
        "2026-11-01",
        &["group", "add", "Chamber of Commerce", "--kind", "chamber"],
    );
    let before = std::fs::read(&db).expect("read");
    for (args, says) in [
        (
            &["ask", "done", "Ana", "--outcome", "no"][..],
            "Ana Lima is not a client",
        ),
        (
            &["ask", "done", "Bo", "--outcome", "names"][..],
            "none named",
        ),
        (
            &["ask", "done", "Bo", "--outcome", "no", "--name", "Cy"][..],
            "only with the outcome names",
        ),
        (
            &["ask", "done", "Bo", "--outcome", "maybe"][..],
            "names, not-now or no",
        ),
        (
            &["ask", "done", "Bo", "--outcome", "names", "--name", "Bo"][..],
            "themselves",
        ),
        (
            &["ask", "done", "Zed", "--outcome", "no"][..],
            "no contact named \"Zed\"",
        ),
        (&["ask", "solved", "Ana"][..], "not a client"),
        (
            &["ask", "plan", "Bo", "--date", "2040-01-01"][..],
            "more than five years",
        ),
        (&["touchpoint", "done", "99"][..], "no touchpoint #99"),
        (&["touchpoint", "skip", "abc"][..], "invalid digit"),
        (
            &["touchpoint", "done", "1", "--date", "2026-12-01"][..],
            "after today",
        ),
        (
            &["event", "add", " \u{7}", "--date", "2026-12-01"][..],
            "needs a title",
        ),
        (
            &["event", "add", "Talk", "--date", "soon"][..],
            "YYYY-MM-DD",
        ),
        (
            &["event", "invite", "open", "bo"][..],
            "could be Open studio, Open house",
        ),
        (&["event", "invite", "house", "Zed"][..], "no contact named"),
        (&["event", "came", "#9", "bo"][..], "no event \"#9\""),
        (&["group", "add", "chamber of commerce"][..], "already"),
        (
            &["group", "add", "Rotary", "--kind", "guild"][..],
            "networking, association",
        ),
        (
            &["group", "member", "Rotary", "bo"][..],
            "no group \"Rotary\"",
        ),
    ] {
        let o = cli_on(&db, "2026-11-20", args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?} said {err:?}, not {says:?}");
        assert_eq!(std::fs::read(&db).expect("read"), before, "{args:?} wrote");
    }
}

#[test]
fn ask_days_is_a_setting_for_new_clients() {
    let (_dir, db) = setup();
    assert_eq!(on(&db, "2026-11-01", &["config", "ask-days"]).trim(), "30");
    on(&db, "2026-11-01", &["config", "ask-days", "45"]);
    assert_eq!(on(&db, "2026-11-01", &["config", "ask-days"]).trim(), "45");
    on(&db, "2026-11-01", &["client", "add", "Cy Ortega"]);
    let asks = json(&db, "2026-11-01", &["ask", "list", "--json"]);
    let cy = asks
        .as_array()
        .and_then(|a| a.iter().find(|x| x["client"] == "Cy Ortega"))
        .expect("Cy's ask");
    assert_eq!(cy["due"], "2026-12-16");
    let before = std::fs::read(&db).expect("read");
    let o = cli_on(&db, "2026-11-01", &["config", "ask-days", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("from 0 to 3660"));
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn before_an_event_who_is_coming_and_nobody_came_yet() {
    let (_dir, db) = setup();
    on(
        &db,
        "2026-11-20",
        &["event", "add", "Open house", "--date", "2026-12-03"],
    );
    let said = on(&db, "2026-11-20", &["event", "coming", "open", "bo", "ana"]);
    assert!(
        said.contains("Open house: Bo Chen, Ana Lima coming"),
        "{said}"
    );
    let events = json(&db, "2026-11-20", &["event", "list", "--json"]);
    assert_eq!(events[0]["coming"], 2);
    let early = cli_on(&db, "2026-11-20", &["event", "came", "open", "bo"]);
    assert_eq!(early.status.code(), Some(2));
    let why = String::from_utf8_lossy(&early.stderr);
    assert!(why.contains("nobody has come yet"), "{why}");
    let bo = json(
        &db,
        "2026-11-20",
        &["contact", "list", "--clients", "--json"],
    );
    assert_eq!(bo[0]["last_touch"], Value::Null, "no touch in the future");
    // On the day: who came, not who is coming.
    let late = cli_on(
        &db,
        "2026-12-03",
        &["event", "coming", "open", "bo", "--not"],
    );
    assert_eq!(late.status.code(), Some(2));
    on(&db, "2026-12-03", &["event", "came", "open", "bo"]);
    let text = on(&db, "2026-12-04", &["event", "list"]);
    assert!(text.contains("invited 0 · came 1"), "{text}");
}
