//! `list25 backup`, the copy made on the first run of each day, and
//! `list25 restore`, run as the real binary.

mod common;

use std::path::Path;

use common::{cli, ok};
use rusqlite::Connection;

fn contacts(db: &Path) -> i64 {
    let conn = Connection::open(db).expect("open");
    conn.query_row(
        "SELECT count(*) FROM contact WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

fn daily_copies(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("backups"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_backup_is_whole_while_another_window_is_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["demo", "--contacts", "50"]));
    // Another window holds a write it has not committed yet.
    let other = Connection::open(&db).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("begin");
    other
        .execute("UPDATE contact SET name = 'Half Written' WHERE id = 1", [])
        .expect("write");
    let copy = dir.path().join("copy.db");
    let text = ok(&cli(&db, &["backup", copy.to_str().expect("path")]));
    assert!(text.contains("copy.db"), "{text}");
    other.execute_batch("ROLLBACK").expect("rollback");
    assert_eq!(contacts(&copy), 50);
    let half: i64 = Connection::open(&copy)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM contact WHERE name = 'Half Written'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(half, 0, "what was not committed is not in the copy");
    // The copy is a list25 database: `restore` takes it.
    ok(&cli(&db, &["restore", copy.to_str().expect("path")]));
    // A file of that name is never overwritten.
    let o = cli(&db, &["backup", copy.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
}

#[test]
fn the_first_run_of_each_day_keeps_a_copy_and_old_ones_go() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    // Reading makes no copy.
    ok(&cli(&db, &["today"]));
    assert!(daily_copies(dir.path()).is_empty());
    // The day's first change: the copy is taken before it.
    ok(&cli(&db, &["category", "add", "Bankers"]));
    assert_eq!(daily_copies(dir.path()), ["l-2026-11-22.db"]);
    let copy = dir.path().join("backups/l-2026-11-22.db");
    let before: i64 = Connection::open(&copy)
        .expect("open")
        .query_row("SELECT count(*) FROM category", [], |r| r.get(0))
        .expect("count");
    assert_eq!(before, 0, "the copy is of the database before the change");
    ok(&cli(&db, &["category", "add", "Florists"]));
    assert_eq!(daily_copies(dir.path()).len(), 1, "one a day");
    // Forty days of use, one run a day.
    let start = common::date("2026-11-23");
    for day in start.iter_days().take(40) {
        let day = day.format("%Y-%m-%d").to_string();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
            .args(["--db", db.to_str().expect("path"), "--today", &day])
            .args(["config", "name", "Jane Roe"])
            .env_remove("LIST25_DB")
            .output()
            .expect("run");
        assert!(o.status.success());
    }
    let copies = daily_copies(dir.path());
    // 26 Dec to 1 Jan daily, then Sundays 20, 13, 6 Dec and 29 Nov.
    assert_eq!(
        copies,
        [
            "l-2026-11-29.db",
            "l-2026-12-06.db",
            "l-2026-12-13.db",
            "l-2026-12-20.db",
            "l-2026-12-26.db",
            "l-2026-12-27.db",
            "l-2026-12-28.db",
            "l-2026-12-29.db",
            "l-2026-12-30.db",
            "l-2026-12-31.db",
            "l-2027-01-01.db",
        ]
    );
    // A copy made by hand is never taken away.
    ok(&cli(&db, &["backup"]));
    let by_hand = daily_copies(dir.path()).len();
    assert_eq!(by_hand, copies.len() + 1);
    // One run told a far-off day moves nothing for the days after it.
    ok(&common::cli_on(
        &db,
        "2030-06-01",
        &["config", "name", "Jane Roe"],
    ));
    ok(&common::cli_on(
        &db,
        "2027-01-02",
        &["config", "name", "Jane Roe"],
    ));
    let after = daily_copies(dir.path());
    assert!(after.contains(&"l-2027-01-02.db".to_owned()), "{after:?}");
    assert!(after.contains(&"l-2026-12-27.db".to_owned()), "{after:?}");
    assert!(after.contains(&"l-2026-11-29.db".to_owned()), "{after:?}");
}

#[test]
fn two_databases_in_one_folder_each_keep_their_own_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (home, work) = (dir.path().join("home.db"), dir.path().join("work.db"));
    ok(&cli(&home, &["category", "add", "Bankers"]));
    ok(&cli(&work, &["category", "add", "Florists"]));
    assert_eq!(
        daily_copies(dir.path()),
        ["home-2026-11-22.db", "work-2026-11-22.db"]
    );
}

#[test]
fn a_copy_with_another_page_size_is_restored_and_two_restores_keep_two_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["demo", "--contacts", "12"]));
    let copy = dir.path().join("copy.db");
    ok(&cli(&db, &["backup", copy.to_str().expect("path")]));
    {
        let c = Connection::open(&copy).expect("open");
        c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 8192; VACUUM;")
            .expect("resized");
        let size: i64 = c
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("size");
        assert_eq!(size, 8192);
    }
    ok(&cli(&db, &["category", "add", "Added after the copy"]));
    ok(&cli(&db, &["restore", copy.to_str().expect("path")]));
    assert_eq!(contacts(&db), 12);
    let list = ok(&cli(&db, &["category", "list"]));
    assert!(!list.contains("Added after the copy"), "{list}");
    ok(&cli(&db, &["restore", copy.to_str().expect("path")]));
    let aside = daily_copies(dir.path())
        .into_iter()
        .filter(|n| n.starts_with("l-before-restore-"))
        .count();
    assert_eq!(aside, 2, "each restore keeps what it replaced");
}

#[test]
#[cfg(unix)]
fn what_list25_writes_is_its_owners_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("data");
    let db = folder.join("list25.db");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let run = |args: &[&str]| {
        // A umask that would leave everything readable by all.
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg("umask 022; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_list25"))
            .args(["--db", db.to_str().expect("path"), "--today", "2026-11-22"])
            .args(args)
            .env_remove("LIST25_DB")
            .output()
            .expect("run");
        assert!(o.status.success(), "{o:?}");
    };
    std::fs::create_dir(&folder).expect("folder");
    run(&["category", "add", "Bankers"]);
    run(&["contact", "add", "Ana Lima", "--category", "Bankers"]);
    assert_eq!(mode(&db), 0o600, "the database");
    let wal = folder.join("list25.db-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "its -wal");
    }
    run(&["category", "add", "Florists"]);
    run(&["backup"]);
    let backups = folder.join("backups");
    assert_eq!(mode(&backups), 0o700, "the backups folder");
    for e in std::fs::read_dir(&backups).expect("backups") {
        let p = e.expect("entry").path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    let out = folder.join("people.vcf");
    run(&["export", "vcard", "-o", out.to_str().expect("path")]);
    assert_eq!(mode(&out), 0o600, "an export");
    let vdir = folder.join("cards");
    std::fs::create_dir(&vdir).expect("vdir");
    run(&["sync", "vdir", vdir.to_str().expect("path")]);
    for e in std::fs::read_dir(&vdir).expect("cards") {
        let p = e.expect("entry").path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
}

#[test]
fn restore_refuses_what_is_not_a_list25_database_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["demo", "--contacts", "20"]));
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("foreign");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").expect("write");
    let truncated = dir.path().join("truncated.db");
    let copy = dir.path().join("copy.db");
    ok(&cli(&db, &["backup", copy.to_str().expect("path")]));
    let whole = std::fs::read(&copy).expect("copy");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).expect("truncate");
    let before = std::fs::read(&db).expect("db");
    for (bad, says) in [
        (&foreign, "another program"),
        (&text, "not an SQLite file"),
        (&truncated, "damaged"),
        (&dir.path().join("missing.db"), "no file"),
    ] {
        let o = cli(&db, &["restore", bad.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(2), "{}", bad.display());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{err}");
        assert!(err.contains("Nothing was restored."), "{err}");
        assert_eq!(std::fs::read(&db).expect("db"), before, "{}", bad.display());
    }
    // A good copy replaces the database; what it replaced is kept.
    ok(&cli(&db, &["category", "add", "Added after the copy"]));
    let out = ok(&cli(&db, &["restore", copy.to_str().expect("path")]));
    assert!(out.contains("(20 contacts)"), "{out}");
    let list = ok(&cli(&db, &["category", "list"]));
    assert!(!list.contains("Added after the copy"), "{list}");
    let aside = daily_copies(dir.path())
        .into_iter()
        .find(|n| n.starts_with("l-before-restore-"))
        .expect("kept aside");
    let kept = dir.path().join("backups").join(aside);
    let kept_list = Connection::open(&kept)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM category WHERE name = 'Added after the copy'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .expect("count");
    assert_eq!(kept_list, 1);
}

#[test]
fn the_full_screen_program_keeps_the_days_copy_without_waiting_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["demo", "--contacts", "30"]));
    assert!(daily_copies(dir.path()).is_empty(), "a demo makes none");
    let mut s = common::pty::Session::start(&db, &["--today", "2026-11-24"], 80, 24);
    s.wait_for("Today's tasks");
    let copy = dir.path().join("backups/l-2026-11-24.db");
    let start = std::time::Instant::now();
    while !copy.exists() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(contacts(&copy), 30);
}
