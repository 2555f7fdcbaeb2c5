//! The command line meets the world: closed pipes, control characters in
//! stored names, unexpected errors.

mod common;

use common::ok;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::cli as list25;

/// A database with a category, a contact with a follow-up due, your name
/// set, all holding control characters as if written by another program.
fn hostile_db(db: &Path) {
    ok(&list25(db, &["category", "add", "Bankers"]));
    ok(&list25(
        db,
        &["contact", "add", "Ana Lima", "--category", "Bankers"],
    ));
    ok(&list25(db, &["config", "name", "Jane"]));
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch(
        "UPDATE category SET name = 'Bank\x1b]0;owned\x07ers', why = 'pay\x1b[2Jday';
         UPDATE contact SET name = 'Ana\x1b[31m Lima\u{9b}2J', next_follow_up = '2026-11-20';
         UPDATE setting SET value = 'Jane\x1b]0;x\x07' WHERE key = 'my_name';
         UPDATE script SET title = 'Ask\x1b[1m after' WHERE title = 'Ask after a problem solved';",
    )
    .expect("write control characters");
}

const PRINTING: &[&[&str]] = &[
    &["today"],
    &["today", "--json"],
    &["category", "list"],
    &["category", "list", "--json"],
    &["contact", "list"],
    &["contact", "list", "--json"],
    &["script", "list"],
    &["script", "list", "--json"],
    &["script", "show", "after", "--for", "Ana"],
    &["config", "name"],
];

#[test]
fn stored_control_characters_are_shown_not_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    hostile_db(&db);
    for args in PRINTING {
        let o = list25(&db, args);
        let text = ok(&o);
        let err = String::from_utf8_lossy(&o.stderr);
        for (what, s) in [("stdout", &text[..]), ("stderr", &err[..])] {
            assert!(
                !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{args:?} sent a control character on {what}: {s:?}"
            );
        }
        if args.contains(&"--json") {
            assert!(
                text.contains("\\u001b"),
                "{args:?}: JSON keeps the character, escaped: {text}"
            );
            let _: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        } else {
            assert!(text.contains('\u{241b}'), "{args:?} shows ESC as ␛: {text}");
        }
    }
    let o = list25(&db, &["contact", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v[0]["name"], "Ana\x1b[31m Lima\u{9b}2J",
        "the name as stored"
    );
}

/// Run `args` with standard output closed before anything is read.
fn into_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .args(args)
        .env_remove("LIST25_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "Bankers"]));
    ok(&list25(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Bankers"],
    ));
    // Enough people that `contact list` overflows a pipe's buffer.
    ok(&list25(
        &dir.path().join("big.db"),
        &["demo", "--contacts", "3000"],
    ));
    let mut runs: Vec<(std::path::PathBuf, Vec<&str>)> =
        PRINTING.iter().map(|a| (db.clone(), a.to_vec())).collect();
    runs.push((dir.path().join("big.db"), vec!["contact", "list"]));
    runs.push((dir.path().join("big.db"), vec!["contact", "list", "--json"]));
    runs.push((db.clone(), vec!["category", "add", "Printers"]));
    for (db, args) in &runs {
        let o = into_closed_pipe(db, args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            matches!(o.status.code(), Some(0 | 141)),
            "{args:?} exit {:?}: {err}",
            o.status.code()
        );
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
    // The write went through all the same.
    let o = list25(&db, &["category", "list", "--json"]);
    assert!(ok(&o).contains("Printers"));
}

#[test]
fn an_unexpected_error_is_one_plain_line_and_a_backtrace_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["today"]));
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; DROP TABLE touch; DROP TABLE stage_change; DROP TABLE contact;",
        )
            .expect("break it");
    }
    let o = list25(&db, &["contact", "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.starts_with("list25: "), "{err}");
    assert!(err.contains("contact"), "says what failed: {err}");
    assert!(
        !err.contains('\x1b'),
        "no colour when stderr is not a terminal: {err:?}"
    );
    assert!(!err.to_lowercase().contains("backtrace"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let o = Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(&db)
        .args(["contact", "list"])
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.to_lowercase().contains("backtrace"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
}

#[test]
fn names_compare_after_normalisation_and_invisible_names_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "Éditeurs"]));
    for same in ["éditeurs", "E\u{301}DITEURS", "e\u{301}diteurs\u{200b}"] {
        let o = list25(&db, &["category", "add", same]);
        assert_eq!(o.status.code(), Some(2), "{same:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("already a category named \"Éditeurs\""),
            "{same:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    for invisible in ["\u{200b}", "\u{ad}\u{200b} \u{feff}"] {
        let o = list25(&db, &["category", "add", invisible]);
        assert_eq!(o.status.code(), Some(2), "{invisible:?}");
        let o = list25(
            &db,
            &["contact", "add", invisible, "--category", "Éditeurs"],
        );
        assert_eq!(o.status.code(), Some(2), "{invisible:?}");
    }
    ok(&list25(
        &db,
        &[
            "contact",
            "add",
            "Luci\u{301}a Pe\u{301}rez\u{200b}",
            "--category",
            "e\u{301}diteurs",
        ],
    ));
    let o = list25(&db, &["contact", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v[0]["name"], "Lucía Pérez",
        "stored composed, invisible end trimmed"
    );
    assert_eq!(v[0]["category"], "Éditeurs");
    let o = list25(&db, &["contact", "touch", "lucia", "--kind", "call"]);
    assert!(ok(&o).contains("with Lucía Pérez"));
    let o = list25(&db, &["category", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_on_standard_output_is_said_plainly_with_whether_the_change_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let to_full = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
            .arg("--db")
            .arg(&db)
            .args(["--today", "2026-11-22"])
            .args(args)
            .env_remove("LIST25_DB")
            .env("RUST_BACKTRACE", "1")
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
            .output()
            .expect("run")
    };
    let o = to_full(&["category", "add", "Printers"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the change was saved, but the output could not be written"),
        "{err}"
    );
    assert!(!err.contains("BACKTRACE"), "{err}");
    assert!(
        ok(&common::cli(&db, &["category", "list"])).contains("Printers"),
        "saved"
    );
    let o = to_full(&["category", "list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("list25: the output could not be written"),
        "{err}"
    );
}

#[test]
fn names_that_read_alike_are_one_and_nothing_turns_text_around() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&list25(&db, &["category", "add", "İstanbul lawyers"]));
    let o = list25(&db, &["category", "add", "istanbul lawyers"]);
    assert_eq!(o.status.code(), Some(2), "İ and i read alike");
    ok(&list25(&db, &["group", "add", "İzmir Club"]));
    assert_eq!(
        list25(&db, &["group", "add", "izmir club"]).status.code(),
        Some(2)
    );
    // A direction override typed into a name is not kept.
    ok(&list25(
        &db,
        &[
            "contact",
            "add",
            "Bo Ch\u{202E}NE",
            "--category",
            "istanbul lawyers",
        ],
    ));
    let listed = ok(&list25(&db, &["contact", "list"]));
    assert!(listed.contains("Bo ChNE"), "{listed}");
    assert!(!listed.contains('\u{202E}'), "{listed}");
}

#[test]
fn long_titles_and_asks_planned_in_the_past_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let before = || std::fs::read(&db).ok();
    ok(&list25(&db, &["client", "add", "Bo Chen"]));
    let was = before();
    let long = "x".repeat(121);
    for args in [
        vec!["event", "add", long.as_str(), "--date", "2026-12-03"],
        vec!["group", "add", long.as_str()],
        vec!["ask", "plan", "bo", "--date", "2023-01-01"],
    ] {
        let o = list25(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        assert_eq!(before(), was, "{args:?} wrote");
    }
    let o = list25(&db, &["ask", "plan", "bo", "--date", "2026-11-21"]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("before today"),
        "{o:?}"
    );
    ok(&list25(&db, &["ask", "plan", "bo", "--date", "2026-11-22"]));
}
