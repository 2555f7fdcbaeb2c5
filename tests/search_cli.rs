//! `list25 contact search` and `contact list` on the real binary.

mod common;

use common::{category, cli, now, ok};
use list25::domain::ContactDraft;
use list25::store;

/// A database with a few people: accents, a city, a note, no category.
fn people() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let conn = store::open(&db, now().date()).expect("open");
    let printers = category(&conn, "Printers");
    let bankers = category(&conn, "Bankers");
    for (name, city, notes, category) in [
        (
            "Zoë Adams",
            "Lyon",
            "met at the spring fair",
            Some(printers),
        ),
        ("Yusuf Demir", "Zürich", "", Some(bankers)),
        ("Ana Lima", "", "knows Yusuf", Some(printers)),
        ("Bo Red", "", "", Some(bankers)),
        ("Carla Client", "", "", None),
    ] {
        let draft = ContactDraft {
            city: city.into(),
            notes: notes.into(),
            client_since: category.is_none().then(|| now().date()),
            ..ContactDraft::named(name).expect("draft")
        };
        store::contact::add(&conn, category, &draft, &now()).expect("add");
    }
    // Written by another program: list25 itself keeps control characters out.
    conn.execute(
        "UPDATE contact SET name = 'Bo ' || char(27) || '[31mRed' WHERE name LIKE 'Bo %'",
        [],
    )
    .expect("foreign write");
    (dir, db)
}

#[test]
fn search_finds_by_name_city_category_and_notes_accents_ignored() {
    let (_dir, db) = people();
    let zoe = ok(&cli(&db, &["contact", "search", "zoe"]));
    assert_eq!(zoe, "  Zoë Adams · Printers · identified\n");
    let zurich = ok(&cli(&db, &["contact", "search", "ZURICH"]));
    assert_eq!(zurich, "  Yusuf Demir · Bankers · identified\n");
    let yusuf = ok(&cli(&db, &["contact", "search", "yusuf"]));
    let lines: Vec<&str> = yusuf.lines().collect();
    assert_eq!(
        lines,
        [
            "  Ana Lima · Printers · identified",
            "  Yusuf Demir · Bankers · identified"
        ],
        "the name and the note match as well, so by name"
    );
    let two_words = ok(&cli(&db, &["contact", "search", "spring", "lyon"]));
    assert!(two_words.contains("Zoë Adams"), "{two_words}");
    let client = ok(&cli(&db, &["contact", "search", "carla"]));
    assert_eq!(client, "  Carla Client · client since 2026-11-22\n");
    let one = ok(&cli(&db, &["contact", "search", "a", "--limit", "1"]));
    assert_eq!(one.lines().count(), 1, "{one}");
}

#[test]
fn search_json_lists_contacts_with_ids_best_first() {
    let (_dir, db) = people();
    let out = ok(&cli(&db, &["contact", "search", "yusuf", "--json"]));
    let found: serde_json::Value = serde_json::from_str(&out).expect("json");
    let names: Vec<&str> = found
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["Ana Lima", "Yusuf Demir"]);
    assert!(found[0]["id"].as_i64().is_some());
    assert_eq!(found[0]["category"], "Printers");
    assert_eq!(found[1]["category"], "Bankers");
    let none = ok(&cli(&db, &["contact", "search", "qqqq", "--json"]));
    assert_eq!(none.trim(), "[]");
}

#[test]
fn a_search_that_finds_nobody_says_so_and_exits_1() {
    let (_dir, db) = people();
    let o = cli(&db, &["contact", "search", "qqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "No contact matches \"qqqq\"."
    );
    let o = cli(&db, &["contact", "search"]);
    assert_eq!(o.status.code(), Some(2), "the text is required");
}

#[test]
fn names_with_control_characters_are_shown_not_sent() {
    let (_dir, db) = people();
    for args in [&["contact", "list"][..], &["contact", "search", "red"]] {
        let out = ok(&cli(&db, args));
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(out.contains("Bo ␛[31mRed · Bankers"), "{args:?}: {out:?}");
    }
}

#[test]
fn contact_list_is_by_name_with_clients_and_follow_ups() {
    let (_dir, db) = people();
    ok(&cli(
        &db,
        &["contact", "touch", "Ana Lima", "--kind", "call"],
    ));
    let out = ok(&cli(&db, &["contact", "list"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "  Ana Lima · Printers · contacted · follow up 2026-12-22",
            "  Bo ␛[31mRed · Bankers · identified",
            "  Carla Client · client since 2026-11-22",
            "  Yusuf Demir · Bankers · identified",
            "  Zoë Adams · Printers · identified",
        ]
    );
}
