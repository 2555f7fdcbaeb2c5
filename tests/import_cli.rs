//! `list25 import`, run as the real binary on the fixtures in
//! `tests/fixtures/import`.

mod common;

use std::path::{Path, PathBuf};

use common::{cli, fixture, ok};

fn names(db: &Path) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&ok(&cli(db, &["contact", "list", "--json"]))).expect("json");
    v.as_array()
        .expect("list")
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The database file and its companions, byte for byte.
fn files_of(db: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(db.parent().expect("dir"))
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn import_reports_added_merged_and_skipped_and_a_second_run_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Attorneys"]));
    let files = [fixture("linkedin.csv"), fixture("generic.csv")];
    let args = |more: &[&str]| {
        let mut a: Vec<&str> = vec!["import"];
        a.extend(files.iter().map(String::as_str));
        a.extend(more);
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |more: &[&str]| {
        let a = args(more);
        cli(&db, &a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let v: serde_json::Value = serde_json::from_str(&ok(&run(&["--json"]))).expect("json");
    assert_eq!(v["dry_run"], false);
    assert_eq!(v["added"].as_array().expect("added").len(), 5);
    assert!(v["added"][0]["id"].is_i64());
    assert_eq!(v["added"][0]["line"], 5);
    assert_eq!(v["merged"][0]["name"], "Ana Lima");
    assert_eq!(v["merged"][0]["changed"], true);
    assert_eq!(v["skipped"][0]["line"], 8);
    assert!(
        v["skipped"][0]["reason"]
            .as_str()
            .expect("reason")
            .contains("no name")
    );
    assert_eq!(names(&db).len(), 5);

    let text = ok(&run(&[]));
    assert!(
        text.contains("Added 0, merged 6 (0 with something new), skipped 1."),
        "{text}"
    );
    assert_eq!(names(&db).len(), 5);
}

#[test]
fn a_dry_run_says_what_would_happen_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["contact", "list"]));
    let before = files_of(&db);
    let text = ok(&cli(&db, &["import", "--dry-run", &fixture("v40.vcf")]));
    assert!(text.starts_with("Dry run: nothing was written."), "{text}");
    assert!(text.contains("Would add 2, would merge 0"), "{text}");
    assert!(text.contains("KIND:group"), "{text}");
    assert_eq!(files_of(&db), before);
}

#[test]
fn a_file_that_is_not_what_it_claims_changes_nothing_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["import", &fixture("generic.csv")]));
    std::fs::write(
        dir.path().join("photo.vcf"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("png");
    let before = files_of(&db);
    for (bad, says) in [
        (fixture("unterminated.csv"), "line 2: a quote"),
        (fixture("noname.csv"), "line 1: no name column"),
        (fixture("unterminated.vcf"), "no END:VCARD"),
        (fixture("empty.csv"), "empty"),
        (
            dir.path().join("photo.vcf").display().to_string(),
            "PNG image",
        ),
    ] {
        // A good file before the bad one is not imported either.
        let o = cli(&db, &["import", &fixture("linkedin.csv"), &bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{bad}: {err}");
        assert!(err.contains("Nothing was imported."), "{err}");
        assert!(o.stdout.is_empty());
        assert_eq!(files_of(&db), before, "{bad}");
    }
    let o = cli(
        &db,
        &["import", "--category", "Nope", &fixture("linkedin.csv")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no category named \"Nope\""));
    assert_eq!(files_of(&db), before);
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let fifo = dir.path().join("contacts.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for args in [&["import"][..], &["restore"][..]] {
        let mut all = args.to_vec();
        all.push(fifo.to_str().expect("path"));
        let o = cli(&db, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not a regular file"),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn a_refused_import_into_a_new_path_makes_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new.db");
    let o = cli(&db, &["import", &fixture("noname.csv")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!db.exists());
}

#[test]
fn unsorted_people_list_with_a_null_category() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["import", &fixture("v30.vcf")]));
    let v: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["contact", "list", "--json"]))).expect("json");
    let chidi = v
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == "Chidi Okafor")
        .expect("Chidi");
    assert!(chidi["category"].is_null());
    assert_eq!(chidi["email"], "chidi@okaforlane.com");
}

#[test]
fn adding_someone_whose_address_an_import_kept_as_a_second_one_names_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Attorneys"]));
    // Lucía's second address, from Google Contacts.
    ok(&cli(&db, &["import", &fixture("google.csv")]));
    let o = cli(
        &db,
        &[
            "contact",
            "add",
            "L. Fernández",
            "--category",
            "Attorneys",
            "--email",
            "Lucia.F@gmail.com",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Lucía María Fernández"), "{err}");
}

#[test]
fn the_import_screens_worker_previews_without_writing_and_stops_when_nobody_listens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Attorneys"]));
    let before = files_of(&db);
    let preview = ok(&cli(
        &db,
        &["import", "--preview", "1", &fixture("google.csv")],
    ));
    let v: serde_json::Value = serde_json::from_str(preview.trim()).expect("one line of JSON");
    assert_eq!(v["counts"]["added"], 3);
    assert_eq!(v["records"], 3);
    assert_eq!(v["rows"].as_array().expect("rows").len(), 1);
    assert_eq!(
        files_of(&db),
        before,
        "a preview writes nothing, not even a copy"
    );
    // 500 people, more than one batch, for a reader that is gone (the
    // screen closed): the first progress line cannot be written.
    let csv = dir.path().join("many.csv");
    let mut text = String::from("name,email\n");
    for i in 0..500 {
        text.push_str(&format!("Person {i},p{i}@example.com\n"));
    }
    std::fs::write(&csv, text).expect("csv");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
        .args(["--db", db.to_str().expect("p"), "--today", "2026-11-22"])
        .args(["import", "--progress", csv.to_str().expect("p")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let done = child.wait_with_output().expect("wait");
    // A closed pipe ends a command quietly; what it did is said on stderr.
    assert!(String::from_utf8_lossy(&done.stderr).contains("Stopped: nothing was imported."));
    let v: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["contact", "list", "--json"]))).expect("json");
    assert_eq!(
        v.as_array().expect("list").len(),
        0,
        "nothing of it is kept"
    );
}

/// `import --progress`, as the import screen runs it, with `answer` on its
/// standard input.
fn worker(db: &Path, file: &str, answer: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22", "import", "--progress", "--", file])
        .env_remove("LIST25_DB")
        .env_remove("RUST_BACKTRACE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(answer).expect("answer");
    drop(stdin);
    child.wait_with_output().expect("wait")
}

#[test]
fn an_import_for_the_screen_saves_only_once_the_screen_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Attorneys"]));
    // The screen gone (its end of the pipe closed): nothing is kept.
    let gone = worker(&db, &fixture("linkedin.csv"), b"");
    assert_eq!(gone.status.code(), Some(2), "{gone:?}");
    let said = String::from_utf8_lossy(&gone.stdout);
    assert!(said.contains("ready"), "{said}");
    assert!(String::from_utf8_lossy(&gone.stderr).contains("nothing was imported"));
    assert!(names(&db).is_empty(), "{:?}", names(&db));
    // The screen says save: kept.
    let saved = worker(&db, &fixture("linkedin.csv"), b"save\n");
    assert!(saved.status.success(), "{saved:?}");
    assert!(names(&db).contains(&"Ana Lima".to_owned()));
}
