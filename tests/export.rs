//! `list25 export`: our vCard and CSV read back by `list25 import` give
//! the same people; the JSON backup restores everything; the calendar is
//! parsed back by calcard with the same items.

mod common;

use std::path::{Path, PathBuf};

use common::{cli, fixture, ok};
use list25::store;
use list25::store::export::Exported;

/// A database with demo people, and imported ones with several addresses,
/// notes of several lines, accents, CJK and emoji.
fn filled(dir: &Path) -> PathBuf {
    let db = dir.join("a.db");
    // Accountants, Attorneys, Bankers and Business coaches.
    ok(&cli(
        &db,
        &["demo", "--contacts", "40", "--categories", "4"],
    ));
    ok(&cli(
        &db,
        &[
            "import",
            &fixture("google.csv"),
            &fixture("v30.vcf"),
            &fixture("v40.vcf"),
            &fixture("outlook.csv"),
        ],
    ));
    db
}

/// What a contact is, as an export keeps it: name, company, role, e-mail
/// addresses, phone numbers, city, notes, category and UID.
type Person = (
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
    String,
    String,
    String,
    String,
);

fn people(db: &Path) -> Vec<Person> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut all: Vec<_> = store::export::contacts(&conn)
        .expect("contacts")
        .into_iter()
        .map(
            |Exported {
                 contact: c,
                 uid,
                 emails,
                 phones,
                 ..
             }| {
                (
                    c.name, c.company, c.role, emails, phones, c.city, c.notes, c.category, uid,
                )
            },
        )
        .collect();
    all.sort();
    all
}

fn same_categories(from: &Path, to: &Path) {
    let v: serde_json::Value =
        serde_json::from_str(&ok(&cli(from, &["category", "list", "--json"]))).expect("json");
    for c in v.as_array().expect("list") {
        ok(&cli(
            to,
            &["category", "add", c["name"].as_str().expect("name")],
        ));
    }
}

#[test]
fn our_vcards_read_back_give_the_same_people() {
    for version in ["4", "3"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = filled(dir.path());
        let cards = dir.path().join("all.vcf");
        ok(&cli(
            &a,
            &[
                "export",
                "vcard",
                "--vcard-version",
                version,
                "-o",
                cards.to_str().expect("p"),
            ],
        ));
        let b = dir.path().join("b.db");
        same_categories(&a, &b);
        ok(&cli(&b, &["import", cards.to_str().expect("p")]));
        let (before, after) = (people(&a), people(&b));
        assert!(before.len() > 45, "{}", before.len());
        assert_eq!(after, before, "vCard {version}");
        // A second import of the same cards changes nothing.
        let text = ok(&cli(&b, &["import", cards.to_str().expect("p")]));
        assert!(text.contains("Added 0,"), "{text}");
        assert!(text.contains("(0 with something new)"), "{text}");
    }
}

#[test]
fn our_csv_read_back_gives_the_same_people_but_their_uid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = filled(dir.path());
    let csv = dir.path().join("all.csv");
    ok(&cli(&a, &["export", "csv", "-o", csv.to_str().expect("p")]));
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.starts_with("First Name,Last Name,Company,Job Title,E-mail Address,"));
    assert!(
        text.contains("\r\n"),
        "lines end in CRLF, as Outlook writes them"
    );
    let b = dir.path().join("b.db");
    same_categories(&a, &b);
    ok(&cli(&b, &["import", csv.to_str().expect("p")]));
    let strip = |v: Vec<Person>| {
        v.into_iter()
            .map(|mut p| {
                p.8.clear();
                p
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(people(&b)), strip(people(&a)));
}

#[test]
fn the_json_backup_restores_into_a_new_file_and_exports_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = filled(dir.path());
    ok(&cli(
        &a,
        &["referral", "received", "--from", "Olga", "--for", "Lefèvre"],
    ));
    let first = ok(&cli(&a, &["export", "json"]));
    let backup = dir.path().join("backup.json");
    std::fs::write(&backup, &first).expect("write");
    let b = dir.path().join("b.db");
    let text = ok(&cli(&b, &["import", backup.to_str().expect("p")]));
    assert!(text.contains("Restored"), "{text}");
    assert_eq!(ok(&cli(&b, &["export", "json"])), first);
    // Not into a database that holds people.
    let o = cli(&a, &["import", backup.to_str().expect("p")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("new file"));
}

#[test]
fn the_calendar_parses_back_with_the_same_items_and_uids_that_stay() {
    use calcard::icalendar::{ICalendar, ICalendarComponentType, ICalendarProperty};
    let dir = tempfile::tempdir().expect("tempdir");
    let a = filled(dir.path());
    ok(&cli(
        &a,
        &["referral", "received", "--from", "Olga", "--for", "Lefèvre"],
    ));
    ok(&cli(&a, &["client", "add", "Bo Chen"]));
    let items = |text: &str| -> Vec<(String, String)> {
        let cal = ICalendar::parse(text).expect("ics");
        cal.components
            .iter()
            .filter(|c| c.component_type == ICalendarComponentType::VTodo)
            .map(|c| {
                let get = |p: &ICalendarProperty| {
                    c.entries
                        .iter()
                        .find(|e| &e.name == p)
                        .map(|e| format!("{:?}", e.values))
                        .unwrap_or_default()
                };
                (get(&ICalendarProperty::Uid), get(&ICalendarProperty::Due))
            })
            .collect()
    };
    let first = items(&ok(&cli(&a, &["export", "ics"])));
    let conn = rusqlite::Connection::open(&a).expect("open");
    let follow_ups: i64 = conn
        .query_row(
            "SELECT count(*) FROM contact WHERE deleted_at IS NULL AND next_follow_up IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let dated: i64 = conn
        .query_row(
            "SELECT count(*) FROM touchpoint WHERE due IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let asks: i64 = conn
        .query_row("SELECT count(*) FROM ask WHERE asked_on IS NULL", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert!(asks >= 1, "Bo's ask");
    assert!(
        dated >= 4,
        "Bo's welcome card, call, wow and anniversary at least"
    );
    assert_eq!(
        first.len(),
        usize::try_from(follow_ups + dated + asks).expect("count") + 1,
        "the follow-ups, Olga's thank-you, the asks planned and the dated touchpoints"
    );
    assert!(first.iter().any(|(uid, _)| uid.contains("list25-thanks-")));
    assert!(first.iter().any(|(uid, _)| uid.contains("list25-ask-")));
    assert!(
        first
            .iter()
            .any(|(uid, _)| uid.contains("list25-touchpoint-"))
    );
    // Every item has its day; only an anniversary card falls next year.
    assert!(
        first
            .iter()
            .all(|(uid, due)| due.contains("Some(2026)") || uid.contains("touchpoint")),
        "{first:?}"
    );
    assert_eq!(
        items(&ok(&cli(&a, &["export", "ics"]))),
        first,
        "the same UIDs"
    );
}

#[test]
fn the_report_names_the_list_and_escapes_what_markdown_would_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("a.db");
    ok(&cli(&db, &["category", "add", "Bankers | *lenders*"]));
    ok(&cli(
        &db,
        &[
            "contact",
            "add",
            "Ana_Lima",
            "--category",
            "Bankers | *lenders*",
        ],
    ));
    let text = ok(&cli(&db, &["export", "markdown"]));
    assert!(
        text.starts_with("# Your 25 list, 22 November 2026"),
        "{text}"
    );
    assert!(
        text.contains("| 1 | Bankers \\| \\*lenders\\* | 0 of 3 | 1 |"),
        "{text}"
    );
    assert!(
        text.contains("- **Ana\\_Lima** · identified · not touched yet"),
        "{text}"
    );
}
