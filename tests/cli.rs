//! The non-interactive commands, run as the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn list25(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LIST25_DB")
        .output()
        .expect("run list25")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn today_json_has_date_day_and_tasks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["--today", "2026-11-20", "today"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = list25(&db, &["--today", "2026-11-22", "today", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["date"], "2026-11-22");
    assert_eq!(v["day"], 3);
    let tasks = v["tasks"].as_array().expect("tasks");
    assert!(tasks.iter().any(|t| t["day"] == 3 && t["done"] == false));
    assert!(tasks.iter().any(|t| t["day"] == 1 && t["behind"] == true));
    assert!(
        tasks
            .iter()
            .all(|t| t["text"].is_string() && t["done"].is_boolean())
    );
}

#[test]
fn today_text_lists_the_checklist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["--today", "2026-11-22", "today"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Day 1 of 25 · Referrals that happen on their own"),
        "{text}"
    );
    assert!(
        text.contains("  [ ] Write down how your last three clients found you"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn program_start_moves_the_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(
        &db,
        &["--today", "2026-11-22", "program", "start", "2026-11-01"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("day 22 of 25"), "{}", stdout(&o));
    let o = list25(&db, &["--today", "2026-12-31", "today", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["day"], 25, "capped at 25");
}

#[test]
fn a_bad_date_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["--today", "2026-11-22", "today"]);
    assert!(o.status.success());
    let before = std::fs::read(&db).expect("read");
    for args in [
        &["program", "start", "31/12/2026"][..],
        &["--today", "2026-13-01", "today"][..],
        &["program", "start", "2026-02-30"][..],
    ] {
        let o = list25(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&db).expect("read"), before);
    let o = list25(&db, &["--today", "2026-11-22", "today", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["start"], "2026-11-22");
}

#[test]
fn a_bad_database_path_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = list25(dir.path(), &["today"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));

    let text = dir.path().join("clients.csv");
    std::fs::write(&text, "name,email\nAna,ana@example.com\n").expect("write");
    let o = list25(&text, &["today"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a list25 database"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "name,email\nAna,ana@example.com\n"
    );

    let o = list25(Path::new("/proc/list25-nowhere/l.db"), &["today"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the folder /proc/list25-nowhere does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("env.db");
    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .args(["--today", "2026-11-22", "today"])
        .env("LIST25_DB", &db)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists());
}

#[test]
fn help_names_the_default_database_and_version_works() {
    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--help")
        .env("HOME", "/home/ana")
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("run");
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("/home/ana/.local/share/list25/list25.db"),
        "{text}"
    );
    assert!(text.contains("--today <YYYY-MM-DD>"), "{text}");
    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--version")
        .output()
        .expect("run");
    assert_eq!(
        stdout(&o).trim(),
        format!("list25 {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn category_add_and_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(
        &db,
        &[
            "category",
            "add",
            "Accountants",
            "--why",
            "they see the books",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = list25(&db, &["category", "add", "会計士 🧾", "--target", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = list25(&db, &["category", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "Accountants");
    assert_eq!(rows[0]["why"], "they see the books");
    assert_eq!(rows[0]["target"], 3);
    assert_eq!(rows[1]["name"], "会計士 🧾");
    assert_eq!(rows[1]["target"], 2);
    let o = list25(&db, &["category", "list"]);
    assert!(
        stdout(&o).contains(" 1. Accountants (0/3 partners) · they see the books"),
        "{}",
        stdout(&o)
    );
    let o = list25(&db, &["--today", "2026-11-22", "today", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["day"], 1);
}

#[test]
fn category_bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    assert!(
        list25(&db, &["category", "add", "Printers"])
            .status
            .success()
    );
    for (args, says) in [
        (&["category", "add", "printers"][..], "already a category"),
        (&["category", "add", "  "][..], "needs a name"),
        (
            &["category", "add", "Bankers", "--target", "0"][..],
            "1..=25",
        ),
        (
            &["category", "add", "Bankers", "--target", "lots"][..],
            "invalid value",
        ),
    ] {
        let o = list25(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let o = list25(&db, &["category", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
fn contacts_add_list_touch_and_follow_ups_in_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let day = ["--today", "2026-11-22"];
    let run = |args: &[&str]| list25(&db, &[&day[..], args].concat());
    assert!(run(&["category", "add", "Printers"]).status.success());
    let o = run(&[
        "contact",
        "add",
        "Ana Lima",
        "--category",
        "printers",
        "--email",
        "ana@print.co",
        "--company",
        "Print Co",
        "--phone",
        "+1 555 0100",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        run(&["contact", "add", "Zoë 東京", "--category", "Printers"])
            .status
            .success()
    );

    let o = run(&[
        "contact",
        "touch",
        "lima",
        "--kind",
        "meeting",
        "--date",
        "2026-10-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Next follow-up: 2026-10-31"),
        "{}",
        stdout(&o)
    );

    let o = run(&["contact", "list", "--category", "Printers", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let ana = &v[0];
    assert_eq!(ana["name"], "Ana Lima");
    assert_eq!(ana["category"], "Printers");
    assert_eq!(ana["email"], "ana@print.co");
    assert_eq!(ana["stage"], "met", "a meeting means you have met");
    assert_eq!(v[1]["name"], "Zoë 東京");
    assert_eq!(v[1]["stage"], "identified");

    let o = run(&["today", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["follow_ups"],
        serde_json::json!([{"contact": "Ana Lima", "category": "Printers", "due": "2026-10-31", "overdue": true}])
    );
    let measured: Vec<_> = v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter(|t| t["measured"].is_object())
        .collect();
    assert!(measured.is_empty(), "day 1 has no measured task");
}

#[test]
fn contact_bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    assert!(
        list25(&db, &["category", "add", "Printers"])
            .status
            .success()
    );
    for name in ["Ana Lima", "Ana Souza"] {
        assert!(
            list25(&db, &["contact", "add", name, "--category", "Printers"])
                .status
                .success()
        );
    }
    for (args, says) in [
        (
            &["contact", "add", "Bo", "--category", "Nope"][..],
            "no category named",
        ),
        (
            &[
                "contact",
                "add",
                "Bo",
                "--category",
                "Printers",
                "--email",
                "bo@",
            ][..],
            "not an e-mail",
        ),
        (
            &["contact", "add", " ", "--category", "Printers"][..],
            "needs a name",
        ),
        (
            &["contact", "touch", "ana", "--kind", "call"][..],
            "could be Ana Lima (#1, Printers), Ana Souza (#2, Printers); give more of the name, or its #ID",
        ),
        (
            &["contact", "touch", "Cy", "--kind", "call"][..],
            "no contact named",
        ),
        (
            &["contact", "touch", "lima", "--kind", "fax"][..],
            "not a kind of touch",
        ),
        (
            &[
                "contact",
                "touch",
                "lima",
                "--kind",
                "call",
                "--date",
                "yesterday",
            ][..],
            "YYYY-MM-DD",
        ),
        (
            &["contact", "list", "--category", "Nope"][..],
            "no category named",
        ),
    ] {
        let o = list25(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let o = list25(&db, &["contact", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert!(
        v.as_array()
            .expect("rows")
            .iter()
            .all(|c| c["last_touch"].is_null())
    );
}

#[test]
fn profession_and_suggestions_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["category", "suggest"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Set your profession first"),
        "{}",
        stderr(&o)
    );
    assert!(
        list25(&db, &["config", "profession", "Realtor"])
            .status
            .success()
    );
    assert_eq!(
        stdout(&list25(&db, &["config", "profession"])).trim(),
        "Realtor"
    );
    assert!(
        list25(&db, &["category", "add", "Home inspectors"])
            .status
            .success()
    );
    let o = list25(&db, &["category", "suggest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Suggested for: Real estate agent"),
        "{text}"
    );
    assert!(text.contains("  Home inspectors (on your list)"), "{text}");
    assert!(
        text.contains("  Mortgage brokers · Arrange the loan"),
        "{text}"
    );
    assert_eq!(
        list25(&db, &["config", "profession", " "]).status.code(),
        Some(2)
    );
}

#[test]
fn script_list_json_has_title_kind_and_category() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["script", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = v.as_array().expect("array");
    assert!(rows.len() >= 6, "the starters: {rows:?}");
    assert!(
        rows.iter()
            .all(|r| r["title"].is_string() && r["kind"].is_string() && r["category"].is_null())
    );
    let kinds: Vec<&str> = rows.iter().filter_map(|r| r["kind"].as_str()).collect();
    for kind in [
        "value proposition",
        "referral ask",
        "thank-you note",
        "introduction",
        "event invitation",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let text = stdout(&list25(&db, &["script", "list"]));
    assert!(
        text.contains("value proposition  What a partner can say about me"),
        "{text}"
    );
}

#[test]
fn script_show_prints_the_text_and_fills_it_in_for_a_contact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    for args in [
        &["category", "add", "Accountants"][..],
        &[
            "contact",
            "add",
            "Ana Lima",
            "--category",
            "Accountants",
            "--company",
            "Lima & Co",
        ],
        &["config", "name", "Jane Roe"],
        &[
            "config",
            "value",
            "helps start-ups look established from day one",
        ],
    ] {
        let o = list25(&db, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let o = list25(&db, &["script", "show", "what a partner can say"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{my_name} {my_value}. Call and say I sent you.\n"
    );

    let o = list25(
        &db,
        &[
            "script",
            "show",
            "Ask after a problem solved",
            "--for",
            "lima",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Ana, I'm glad we got that sorted out."),
        "{}",
        stdout(&o)
    );
    assert_eq!(stderr(&o), "", "nothing missing");

    let o = list25(
        &db,
        &["script", "show", "say about me", "--for", "Ana Lima"],
    );
    assert_eq!(
        stdout(&o),
        "Jane Roe helps start-ups look established from day one. Call and say I sent you.\n"
    );
}

#[test]
fn script_show_refuses_an_unknown_title_or_contact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let o = list25(&db, &["script", "show", "Sonnet for bankers"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("There is no script called \"Sonnet for bankers\""),
        "{}",
        stderr(&o)
    );
    let o = list25(&db, &["script", "show", "thank"]);
    assert_eq!(o.status.code(), Some(2), "two thank-you scripts");
    assert!(stderr(&o).contains("could be"), "{}", stderr(&o));
    let o = list25(
        &db,
        &[
            "script",
            "show",
            "Ask after a problem solved",
            "--for",
            "Nobody",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("There is no contact named \"Nobody\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "", "nothing printed");
}

#[test]
fn script_show_warns_about_what_it_cannot_fill_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    list25(&db, &["category", "add", "Printers"]);
    list25(&db, &["contact", "add", "Bo", "--category", "Printers"]);
    let o = list25(
        &db,
        &[
            "script",
            "show",
            "Reach out to a possible partner",
            "--for",
            "Bo",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Hi Bo,"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("Bo has no company"), "{err}");
    assert!(
        err.contains("{my_profession} is not set yet; set it with `list25 config profession`"),
        "{err}"
    );
    assert!(stdout(&o).contains("at {company}"), "kept, not dropped");
}

#[test]
fn config_name_and_value_are_shown_and_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    assert!(stdout(&list25(&db, &["config", "name"])).starts_with("Not set."));
    assert!(
        list25(&db, &["config", "name", "  Jane \n Roe "])
            .status
            .success()
    );
    assert_eq!(stdout(&list25(&db, &["config", "name"])), "Jane Roe\n");
    assert_eq!(list25(&db, &["config", "value", ""]).status.code(), Some(2));
}

/// `contact add` asks first, as the form does: the same name in the same
/// category, or an e-mail someone has, adds nothing without --anyway.
#[test]
fn contact_add_refuses_a_double_unless_told_anyway() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    for args in [
        &["category", "add", "Accountants"][..],
        &["category", "add", "Bankers"],
        &[
            "contact",
            "add",
            "Ana Lima",
            "--category",
            "Accountants",
            "--email",
            "ana@lima.example",
        ],
    ] {
        assert!(list25(&db, args).status.success(), "{args:?}");
    }
    let count = |db: &Path| stdout(&list25(db, &["contact", "list"])).lines().count();
    assert_eq!(count(&db), 1);
    let before = std::fs::read(&db).expect("read");

    let o = list25(
        &db,
        &["contact", "add", "ANA  LIMA", "--category", "Accountants"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Ana Lima (#1) is already in Accountants; nothing added"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--anyway"));
    let o = list25(
        &db,
        &[
            "contact",
            "add",
            "Someone Else",
            "--category",
            "Bankers",
            "--email",
            " ANA@lima.example ",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Ana Lima (#1) has this e-mail"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");

    // The same name in another category is another person.
    assert!(
        list25(
            &db,
            &["contact", "add", "Ana Lima", "--category", "Bankers"]
        )
        .status
        .success()
    );
    let o = list25(
        &db,
        &[
            "contact",
            "add",
            "Ana Lima",
            "--category",
            "Accountants",
            "--anyway",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&db), 3);
}
