use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::{CategoryDraft, ContactDraft, parse_date};
use crate::interop::{read_all, read_bytes};
use crate::store::{WriteError, contact, open_in_memory};

fn today() -> NaiveDate {
    parse_date("2026-11-24").expect("date")
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).expect("time")
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read(names: &[&str]) -> Vec<FileRead> {
    read_all(&names.iter().map(|n| fixture(n)).collect::<Vec<_>>()).expect("read")
}

fn csv(text: &str) -> Vec<FileRead> {
    vec![read_bytes(Path::new("x.csv"), text.as_bytes()).expect("read")]
}

fn added(p: &Plan) -> usize {
    p.count(|o| matches!(o, Outcome::Added { .. }))
}

fn merged(p: &Plan) -> usize {
    p.count(|o| matches!(o, Outcome::Merged { .. }))
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))
        .expect("count")
}

fn import(conn: &Connection, files: &[FileRead], into: Option<i64>) -> Plan {
    let plan = plan(conn, files, into).expect("plan");
    apply(conn, &plan, &now()).expect("apply");
    plan
}

fn category(conn: &Connection, name: &str) -> i64 {
    category::add(
        conn,
        &CategoryDraft::parse(name, "", "").expect("d"),
        &now(),
    )
    .expect("add")
}

#[test]
fn the_same_email_merges_a_shared_name_alone_does_not() {
    let conn = open_in_memory(today()).expect("open");
    let plan = import(&conn, &read(&["linkedin.csv", "generic.csv"]), None);
    // LinkedIn: Ana, Chidi, Søren (and a record with no name); the CSV:
    // two Bo Chens with different addresses, and Ana again in capitals.
    assert_eq!(added(&plan), 5, "{:#?}", plan.entries);
    assert_eq!(merged(&plan), 1);
    let ana_again = plan
        .entries
        .iter()
        .find(|e| e.file == 1 && e.name == "Ana Lima")
        .expect("Ana");
    assert_eq!(
        ana_again.outcome,
        Outcome::Merged {
            into: Into::Earlier { file: 0, line: 5 },
            changed: true
        },
        "her note is new"
    );
    let bos: i64 = conn
        .query_row(
            "SELECT count(*) FROM contact WHERE name = 'Bo Chen'",
            [],
            |r| r.get(0),
        )
        .expect("bos");
    assert_eq!(bos, 2);
    assert_eq!(count(&conn), 5);
}

#[test]
fn importing_the_same_files_twice_adds_nothing_the_second_time() {
    let conn = open_in_memory(today()).expect("open");
    let files = read(&[
        "linkedin.csv",
        "google.csv",
        "outlook.csv",
        "generic.csv",
        "v21.vcf",
        "v30.vcf",
        "v40.vcf",
        "vdir",
    ]);
    let first = import(&conn, &files, None);
    let n = count(&conn);
    assert!(n >= 14, "{n}");
    let details: i64 = conn
        .query_row("SELECT count(*) FROM contact_detail", [], |r| r.get(0))
        .expect("details");
    let second = import(&conn, &files, None);
    assert_eq!(added(&second), 0, "{:#?}", second.entries);
    assert_eq!(count(&conn), n);
    assert_eq!(
        second.count(|o| matches!(o, Outcome::Merged { changed: true, .. })),
        0,
        "nothing new: {:#?}",
        second.entries
    );
    let again: i64 = conn
        .query_row("SELECT count(*) FROM contact_detail", [], |r| r.get(0))
        .expect("details");
    assert_eq!(again, details);
    assert_eq!(first.entries.len(), second.entries.len());
}

#[test]
fn a_merge_with_the_database_adds_what_is_new_and_keeps_what_was_there() {
    let conn = open_in_memory(today()).expect("open");
    let draft = ContactDraft {
        company: "Lima Consulting".into(),
        ..ContactDraft::named("Ana Lima")
            .and_then(|d| d.with_email("Ana@Lima.co"))
            .expect("draft")
    };
    let ana = contact::add(&conn, None, &draft, &now()).expect("add");
    let plan = import(
        &conn,
        &csv("name,email,phone,company\nAna L.,ana@lima.co ,+55 11 5555,Lima & Co\n"),
        None,
    );
    assert_eq!(added(&plan), 0);
    let c = contact::get(&conn, ana).expect("get").expect("ana");
    assert_eq!(c.name, "Ana Lima", "the name kept");
    assert_eq!(c.company, "Lima Consulting", "a field that was set kept");
    assert_eq!(c.phone, "+55 11 5555", "an empty one filled");
    let plan = import(
        &conn,
        &csv("name,email\nAna Lima,ana@gmail.com ::: ana@lima.co\n"),
        None,
    );
    assert_eq!(merged(&plan), 1);
    let (emails, _) = contact::addresses(&conn, &c).expect("addresses");
    assert_eq!(emails, ["Ana@Lima.co", "ana@gmail.com"]);
    // Found by the second address too.
    let plan = import(&conn, &csv("name,email\nA. Lima,ANA@GMAIL.COM\n"), None);
    assert_eq!(merged(&plan), 1);
    assert_eq!(count(&conn), 1);
}

#[test]
fn people_land_in_the_category_named_or_their_own_or_none() {
    let conn = open_in_memory(today()).expect("open");
    let attorneys = category(&conn, "attorneys");
    let bankers = category(&conn, "Bankers");
    let plan = import(&conn, &read(&["google.csv"]), None);
    let land: Vec<(String, Option<String>)> = plan
        .entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::Added { category } => Some((e.name.clone(), category.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        land,
        [
            ("Lucía María Fernández".into(), Some("attorneys".into())),
            ("Ana Lima".into(), None),
            ("Wei 张".into(), Some("Bankers".into())),
        ]
    );
    let ana: Option<i64> = conn
        .query_row(
            "SELECT category_id FROM contact WHERE name = 'Ana Lima'",
            [],
            |r| r.get(0),
        )
        .expect("ana");
    assert_eq!(ana, None, "unsorted");
    // --category puts the new in it, and the unsorted merged too.
    let plan = import(
        &conn,
        &csv("name,email\nAna Lima,ana@lima.co\nNew Person,new@x.co\n"),
        Some(bankers),
    );
    assert_eq!(added(&plan), 1);
    let in_bankers: i64 = conn
        .query_row(
            "SELECT count(*) FROM contact WHERE category_id = ?1 AND name IN ('Ana Lima', 'New Person')",
            [bankers],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(in_bankers, 2);
    let lucia: Option<i64> = conn
        .query_row(
            "SELECT category_id FROM contact WHERE name LIKE 'Luc%'",
            [],
            |r| r.get(0),
        )
        .expect("lucia");
    assert_eq!(lucia, Some(attorneys));
}

#[test]
fn a_card_keeps_its_uid_and_a_deleted_contacts_uid_is_not_given_again() {
    let conn = open_in_memory(today()).expect("open");
    import(&conn, &read(&["vdir"]), None);
    let uid: String = conn
        .query_row(
            "SELECT uid FROM contact WHERE name = 'Chidi Okafor'",
            [],
            |r| r.get(0),
        )
        .expect("uid");
    assert_eq!(uid, "0b6f3e52-2d55-4d2c-9a8c-5f1f2b7f3a01");
    let id: i64 = conn
        .query_row("SELECT id FROM contact WHERE uid = ?1", [&uid], |r| {
            r.get(0)
        })
        .expect("id");
    contact::delete(&conn, id, &now()).expect("delete");
    let plan = import(&conn, &read(&["vdir"]), None);
    assert_eq!(added(&plan), 1, "Chidi comes back as someone new");
    let fresh: String = conn
        .query_row(
            "SELECT uid FROM contact WHERE name = 'Chidi Okafor' AND deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("uid");
    assert_ne!(fresh, uid);
    assert_eq!(fresh.len(), 36, "a fresh UUID: {fresh}");
}

#[test]
fn an_import_is_all_or_nothing() {
    let conn = open_in_memory(today()).expect("open");
    let ana = contact::add(
        &conn,
        None,
        &ContactDraft::named("Ana Lima")
            .and_then(|d| d.with_email("ana@lima.co"))
            .expect("d"),
        &now(),
    )
    .expect("add");
    let files = csv("name,email,company\nAna Lima,ana@lima.co,Lima & Co\nBo Chen,bo@chen.dev,\n");
    let plan = plan(&conn, &files, None).expect("plan");
    // Ana is deleted in another window between the plan and its writing.
    contact::delete(&conn, ana, &now()).expect("delete");
    let before = count(&conn);
    assert!(matches!(
        apply(&conn, &plan, &now()),
        Err(WriteError::Refused(_))
    ));
    assert_eq!(count(&conn), before, "Bo Chen was not added either");
}

#[test]
fn a_large_import_makes_the_indexes_again_as_they_were() {
    let conn = open_in_memory(today()).expect("open");
    let bankers = category(&conn, "Bankers");
    contact::add(
        &conn,
        Some(bankers),
        &ContactDraft::named("Ana Lima")
            .and_then(|d| d.with_email("ana@lima.co"))
            .expect("d"),
        &now(),
    )
    .expect("add");
    let schema = |conn: &Connection| -> Vec<(String, String)> {
        conn.prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("schema")
    };
    let before = schema(&conn);
    let searched = crate::store::search_changes(&conn).expect("counts");
    let mut text = String::from("name,email,phone,categories\n");
    let n = BULK_MIN + 10;
    for i in 0..n {
        text.push_str(&format!(
            "Person {i},p{i}@example.com,+1 555 {i:06},Bankers\n"
        ));
    }
    // Ana again, by her address: merged, not added.
    text.push_str("Ana L.,ANA@lima.co,,\n");
    let plan = import(&conn, &csv(&text), None);
    assert_eq!(added(&plan), n);
    assert_eq!(merged(&plan), 1);
    assert_eq!(schema(&conn), before, "every index as it was");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(ok, "ok");
    let (uids, well_formed): (i64, i64) = conn
        .query_row(
            "SELECT count(DISTINCT uid), sum(uid GLOB '????????-????-4???-[89ab]???-????????????')
             FROM contact",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("uids");
    assert_eq!(
        (uids, well_formed),
        (i64::try_from(n).expect("n") + 1, uids)
    );
    let in_bankers = contact::page::count(
        &conn,
        crate::domain::contact::ContactView::Category(bankers),
    )
    .expect("count");
    assert_eq!(in_bankers, n + 1);
    assert!(
        crate::store::search_changes(&conn)
            .expect("counts")
            .contacts
            > searched.contacts
    );
    let stages: i64 = conn
        .query_row("SELECT count(*) FROM stage_change", [], |r| r.get(0))
        .expect("stages");
    assert_eq!(stages, i64::try_from(n).expect("n") + 1);
}
