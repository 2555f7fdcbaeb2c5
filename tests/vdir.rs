//! `list25 sync vdir DIR`: two-way with a folder of one vCard per contact.

mod common;

use std::path::{Path, PathBuf};

use common::{cli, fixture, ok};
use rusqlite::Connection;

fn sync(db: &Path, dir: &Path) -> String {
    ok(&cli(db, &["sync", "vdir", dir.to_str().expect("path")]))
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

fn file_of(dir: &Path, name: &str) -> PathBuf {
    files(dir)
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains(&format!("FN:{name}")))
        .map(|(f, _)| dir.join(f))
        .unwrap_or_else(|| panic!("no card for {name}"))
}

fn field(db: &Path, name: &str, column: &str) -> Option<String> {
    Connection::open(db)
        .expect("open")
        .query_row(
            &format!("SELECT {column} FROM contact WHERE name = ?1 AND deleted_at IS NULL"),
            [name],
            |r| r.get(0),
        )
        .ok()
}

/// A database with three people from Google Contacts, and a folder with
/// two cards of its own (Chidi's and Marta's), synced once.
fn synced(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("l.db");
    let book = dir.join("book");
    std::fs::create_dir(&book).expect("book");
    ok(&cli(&db, &["category", "add", "Accountants"]));
    ok(&cli(&db, &["import", &fixture("google.csv")]));
    for f in std::fs::read_dir(fixture("vdir"))
        .expect("vdir")
        .filter_map(Result::ok)
    {
        if f.path().extension().is_some_and(|x| x == "vcf") {
            std::fs::copy(f.path(), book.join(f.file_name())).expect("copy");
        }
    }
    let said = sync(&db, &book);
    assert!(said.contains("3 written, 2 added"), "{said}");
    (db, book)
}

#[test]
fn a_second_sync_with_nothing_changed_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    assert_eq!(files(&book).len(), 5);
    let before = files(&book);
    let said = sync(&db, &book);
    assert!(
        said.contains("0 written, 0 added, 0 read back, 0 archived"),
        "{said}"
    );
    assert_eq!(files(&book), before);
    // The folder's own cards were read, not rewritten.
    let marta = std::fs::read_to_string(book.join("3d2c1b0a-9f8e-4d7c-a6b5-4c3d2e1f0a9b.vcf"))
        .expect("marta");
    assert!(
        marta.contains("TEL;VALUE=uri:tel:+52-55-1234-5678"),
        "{marta}"
    );
    assert_eq!(
        field(&db, "Marta Ruiz", "email").as_deref(),
        Some("marta@ruiz.mx")
    );
}

#[test]
fn a_change_in_list25_is_written_and_the_cards_other_lines_stay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    let marta = file_of(&book, "Marta Ruiz");
    // Another program added a birthday: a line list25 does not keep.
    let text = std::fs::read_to_string(&marta).expect("read");
    std::fs::write(
        &marta,
        text.replace("END:VCARD", "BDAY:19800412\nEND:VCARD"),
    )
    .expect("write");
    sync(&db, &book);
    Connection::open(&db)
        .expect("open")
        .execute(
            "UPDATE contact SET company = 'Ruiz Legal' WHERE name = 'Marta Ruiz'",
            [],
        )
        .expect("edit");
    let said = sync(&db, &book);
    assert!(said.contains("1 written"), "{said}");
    let text = std::fs::read_to_string(&marta).expect("read");
    assert!(text.contains("ORG:Ruiz Legal"), "{text}");
    assert!(text.contains("BDAY:19800412"), "the birthday stays: {text}");
}

#[test]
fn a_file_changed_elsewhere_is_read_back_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    let ana = file_of(&book, "Ana Lima");
    let text = std::fs::read_to_string(&ana).expect("read");
    let edited = text.replace("ORG:Lima & Co", "ORG:Lima Partners");
    assert_ne!(edited, text);
    std::fs::write(&ana, &edited).expect("write");
    let said = sync(&db, &book);
    assert!(said.contains("0 written, 0 added, 1 read back"), "{said}");
    assert_eq!(
        field(&db, "Ana Lima", "company").as_deref(),
        Some("Lima Partners")
    );
    assert_eq!(std::fs::read_to_string(&ana).expect("read"), edited);
}

#[test]
fn a_file_removed_archives_its_contact_and_a_contact_deleted_removes_its_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    std::fs::remove_file(file_of(&book, "Wei 张")).expect("remove");
    let said = sync(&db, &book);
    assert!(said.contains("1 archived"), "{said}");
    assert_eq!(field(&db, "Wei 张", "name"), None, "archived, not shown");
    let archived: i64 = Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM contact WHERE name = 'Wei 张' AND deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(archived, 1, "kept in the database");
    // Deleted in list25: its file goes.
    let ana_file = file_of(&book, "Ana Lima");
    Connection::open(&db)
        .expect("open")
        .execute(
            "UPDATE contact SET deleted_at = '2026-11-22 09:00:00' WHERE name = 'Ana Lima'",
            [],
        )
        .expect("delete");
    let said = sync(&db, &book);
    assert!(said.contains("1 files removed"), "{said}");
    assert!(!ana_file.exists());
}

#[test]
fn a_new_file_for_someone_already_here_merges_and_takes_its_uid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    std::fs::write(
        book.join("from-phone.vcf"),
        "BEGIN:VCARD\nVERSION:3.0\nUID:from-phone\nFN:Lucía Fernández\nEMAIL:lucia@fernandez.es\n\
         TEL:+34 699 000 111\nEND:VCARD\n",
    )
    .expect("write");
    std::fs::write(
        book.join("new.vcf"),
        "BEGIN:VCARD\nVERSION:3.0\nUID:new-one\nFN:Nia Brandt\nCATEGORIES:Accountants\nEND:VCARD\n",
    )
    .expect("write");
    let said = sync(&db, &book);
    assert!(said.contains("1 added, 1 read back"), "{said}");
    assert_eq!(field(&db, "Nia Brandt", "uid").as_deref(), Some("new-one"));
    assert_eq!(
        field(&db, "Lucía María Fernández", "uid").as_deref(),
        Some("from-phone"),
        "the contact takes the file's UID"
    );
    let list = ok(&cli(&db, &["contact", "list", "--category", "Accountants"]));
    assert!(list.contains("Nia Brandt"), "{list}");
    // Her card under the UID she had is gone: one card, one person.
    let cards: Vec<String> = files(&book)
        .into_iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains("lucia@fernandez.es"))
        .map(|(f, _)| f)
        .collect();
    assert_eq!(cards, ["from-phone.vcf"]);
    let again = sync(&db, &book);
    assert!(again.contains("0 written, 0 added, 0 read back"), "{again}");
    let lucias: i64 = Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM contact WHERE name LIKE 'Luc%' AND deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(lucias, 1);
}

#[test]
fn when_both_sides_changed_the_newer_wins_and_the_other_is_kept_in_the_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    Connection::open(&db)
        .expect("open")
        .execute(
            "UPDATE contact SET company = 'Chen Print' WHERE name = 'Chidi Okafor'",
            [],
        )
        .expect("edit");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let chidi = file_of(&book, "Chidi Okafor");
    let text = std::fs::read_to_string(&chidi).expect("read");
    std::fs::write(
        &chidi,
        text.replace("END:VCARD", "ORG:Okafor Tax\nEND:VCARD"),
    )
    .expect("write");
    let said = sync(&db, &book);
    assert!(
        said.contains("both changed: Chidi Okafor: the file's kept"),
        "{said}"
    );
    assert_eq!(
        field(&db, "Chidi Okafor", "company").as_deref(),
        Some("Okafor Tax")
    );
    let notes = field(&db, "Chidi Okafor", "notes").expect("notes");
    assert!(notes.contains("company: Chen Print"), "{notes}");
    // The note reached the file too, and the next sync is quiet.
    assert!(
        std::fs::read_to_string(&chidi)
            .expect("read")
            .contains("Chen Print")
    );
    let again = sync(&db, &book);
    assert!(again.contains("0 written, 0 added, 0 read back"), "{again}");
}

#[test]
fn a_missing_folder_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["contact", "list"]));
    let o = cli(
        &db,
        &["sync", "vdir", dir.path().join("nope").to_str().expect("p")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("make the folder first"));
}

#[test]
fn a_card_that_cannot_be_read_is_left_alone_and_its_contact_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, book) = synced(dir.path());
    let ana = file_of(&book, "Ana Lima");
    // Another program is halfway through writing it.
    let half = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nORG:Lima Par";
    std::fs::write(&ana, half).expect("write");
    Connection::open(&db)
        .expect("open")
        .execute(
            "UPDATE contact SET role = 'Founder' WHERE name = 'Ana Lima'",
            [],
        )
        .expect("edit");
    let said = sync(&db, &book);
    assert!(said.contains("0 archived"), "{said}");
    assert!(said.contains("left alone:"), "{said}");
    assert!(said.contains("never ends"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&ana).expect("read"),
        half,
        "not written over"
    );
    assert_eq!(field(&db, "Ana Lima", "role").as_deref(), Some("Founder"));
    // Once the other program is done, the next sync sees both sides.
    std::fs::write(
        &ana,
        "BEGIN:VCARD\nVERSION:3.0\nUID:whatever\nFN:Ana Lima\nEMAIL:ana@lima.co\nORG:Lima Partners\nEND:VCARD\n",
    )
    .expect("write");
    let said = sync(&db, &book);
    assert!(!said.contains("left alone"), "{said}");
    assert_eq!(field(&db, "Ana Lima", "name").as_deref(), Some("Ana Lima"));
}

/// A folder with one card of each UID given, named `N.vcf`.
fn cards(dir: &Path, uids: &[&str]) -> PathBuf {
    let book = dir.join("book");
    std::fs::create_dir(&book).expect("book");
    for (i, uid) in uids.iter().enumerate() {
        std::fs::write(
            book.join(format!("{i}.vcf")),
            format!("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{uid}\r\nFN:Person {i}\r\nEND:VCARD\r\n"),
        )
        .expect("card");
    }
    book
}

#[test]
fn uids_that_differ_only_in_what_a_file_name_cannot_hold_get_files_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let long = "u".repeat(300);
    let uids = ["x:1", "x/1", "x?1", long.as_str()];
    // Into a new database, from one folder; then out to an empty one.
    let from = cards(dir.path(), &uids);
    let said = sync(&db, &from);
    assert!(said.contains("4 added"), "{said}");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    sync(&db, &out);
    let names: Vec<String> = files(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().all(|n| n.len() < 210), "{names:?}");
    // A later sync still works, and removing one file archives one person.
    sync(&db, &out);
    let x1 = file_of(&out, "Person 0");
    std::fs::remove_file(&x1).expect("remove");
    let said = sync(&db, &out);
    assert!(said.contains("1 archived"), "{said}");
    let live: i64 = Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(live, 3);
}

#[test]
fn two_files_with_one_uid_are_both_left_alone_and_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let book = cards(dir.path(), &["same", "same"]);
    let said = sync(&db, &book);
    assert!(said.contains("the same UID as"), "{said}");
    assert!(said.contains("1 added"), "{said}");
}

#[test]
fn two_syncs_at_once_never_fail_with_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    ok(&cli(&db, &["category", "add", "Printers"]));
    for round in 0..6 {
        let book = dir.path().join(format!("book{round}"));
        std::fs::create_dir(&book).expect("book");
        for i in 0..40 {
            std::fs::write(
                book.join(format!("{i}.vcf")),
                format!(
                    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:r{round}-{i}\r\nFN:Person {round} {i}\r\nEND:VCARD\r\n"
                ),
            )
            .expect("card");
        }
        let run = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
                .args(["--db", db.to_str().expect("p"), "--today", "2026-11-22"])
                .args(["sync", "vdir", book.to_str().expect("p")])
                .env_remove("LIST25_DB")
                .env_remove("RUST_BACKTRACE")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (a, b) = (run(), run());
        for child in [a, b] {
            let o = child.wait_with_output().expect("wait");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                o.status.success() || (o.status.code() == Some(2) && err.contains("another sync")),
                "{o:?}"
            );
            assert!(!err.contains("UNIQUE"), "{err}");
        }
    }
    let count: i64 = Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(count, 240, "every card once");
}
