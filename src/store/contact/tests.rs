//! Tests of `contact`, on the real migrations.

use super::*;
use crate::domain::{CategoryDraft, parse_date};
use crate::store::{Lookup, category, open_in_memory};

fn now() -> NaiveDateTime {
    parse_date("2026-11-22")
        .expect("date")
        .and_hms_opt(9, 0, 0)
        .expect("time")
}

fn setup() -> (Connection, i64) {
    let conn = open_in_memory(now().date()).expect("open");
    let cat = category::add(
        &conn,
        &CategoryDraft::parse("Printers", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    (conn, cat)
}

fn person(name: &str) -> ContactDraft {
    ContactDraft::named(name).expect("draft")
}

#[test]
fn contacts_are_listed_by_name_within_their_category() {
    let (conn, cat) = setup();
    add(&conn, Some(cat), &person("Zoë Adams"), &now()).expect("add");
    add(&conn, Some(cat), &person("ana Lima"), &now()).expect("add");
    add(&conn, None, &person("Bo"), &now()).expect("add");
    let names: Vec<_> = list(&conn, ContactView::Category(cat))
        .expect("list")
        .into_iter()
        .map(|c| (c.name, c.category))
        .collect();
    assert_eq!(
        names,
        [
            ("ana Lima".into(), "Printers".into()),
            ("Zoë Adams".into(), "Printers".into())
        ]
    );
    assert_eq!(list(&conn, ContactView::All).expect("all").len(), 3);
}

#[test]
fn stage_changes_keep_their_dates() {
    let (conn, cat) = setup();
    let id = add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    let later = parse_date("2026-11-30").expect("date");
    set_stage(&conn, id, Stage::Contacted, later).expect("stage");
    set_stage(&conn, id, Stage::Contacted, later).expect("same stage again");
    assert_eq!(
        stage_history(&conn, id).expect("history"),
        [(Stage::Identified, now().date()), (Stage::Contacted, later)]
    );
    assert_eq!(
        get(&conn, id).expect("get").expect("some").stage,
        Stage::Contacted
    );
}

#[test]
fn a_touch_sets_last_touch_and_the_next_follow_up_from_the_cadence() {
    let (conn, cat) = setup();
    let draft = person("Ana").with_cadence("14").expect("cadence");
    let id = add(&conn, Some(cat), &draft, &now()).expect("add");
    let on = parse_date("2026-11-20").expect("date");
    log_touch(&conn, id, TouchKind::Call, on, "coffee next week", &now()).expect("touch");
    let c = get(&conn, id).expect("get").expect("some");
    assert_eq!(c.last_touch, Some(on));
    assert_eq!(
        c.next_follow_up,
        Some(parse_date("2026-12-04").expect("date"))
    );
    assert_eq!(c.stage, Stage::Contacted, "a call means you are in touch");
    // An older touch logged late does not move "last touch" back.
    let older = parse_date("2026-11-01").expect("date");
    log_touch(&conn, id, TouchKind::Card, older, "", &now()).expect("touch");
    let c = get(&conn, id).expect("get").expect("some");
    assert_eq!(c.last_touch, Some(on));
    assert_eq!(touches(&conn, id).expect("touches").len(), 2);
    log_touch(&conn, id, TouchKind::Meeting, on, "", &now()).expect("touch");
    set_stage(&conn, id, Stage::Partner, on).expect("partner");
    log_touch(&conn, id, TouchKind::Call, on, "", &now()).expect("touch");
    let c = get(&conn, id).expect("get").expect("some");
    assert_eq!(c.stage, Stage::Partner, "a touch never lowers the stage");
    let stages: Vec<_> = stage_history(&conn, id)
        .expect("history")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(stages, Stage::ALL);
    set_follow_up(&conn, id, Some(older)).expect("by hand");
    assert_eq!(due(&conn, now().date(), 10).expect("due").len(), 1);
    assert_eq!(due_count(&conn, now().date()).expect("count"), 1);
    assert!(due(&conn, now().date(), 0).expect("due").is_empty());
}

#[test]
fn lookup_prefers_exact_names_and_reports_ambiguity() {
    let (conn, cat) = setup();
    add(&conn, Some(cat), &person("Ana Lima"), &now()).expect("add");
    add(&conn, Some(cat), &person("Ana Souza"), &now()).expect("add");
    add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    assert!(matches!(lookup(&conn, "ana").expect("lookup"), Lookup::One(c) if c.name == "Ana"));
    assert!(
        matches!(lookup(&conn, "souza").expect("lookup"), Lookup::One(c) if c.name == "Ana Souza")
    );
    assert!(matches!(
        lookup(&conn, "ana ").expect("lookup"),
        Lookup::One(_)
    ));
    match lookup(&conn, "Ana ").expect("lookup") {
        Lookup::One(c) => assert_eq!(c.name, "Ana"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        lookup(&conn, "li").expect("lookup"),
        Lookup::One(_)
    ));
    assert!(matches!(lookup(&conn, "a").expect("lookup"), Lookup::Many(v) if v.len() == 3));
    assert_eq!(lookup(&conn, "Bo").expect("lookup"), Lookup::None);
}

#[test]
fn deleted_contacts_disappear_and_come_back() {
    let (conn, cat) = setup();
    let id = add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    set_stage(&conn, id, Stage::Met, now().date()).expect("met");
    set_on_list(&conn, id, true).expect("mark");
    let partners = |c: &Connection| crate::store::metrics::load(c).expect("metrics").partners;
    assert_eq!(partners(&conn), 1);
    delete(&conn, id, &now()).expect("delete");
    assert!(list(&conn, ContactView::All).expect("list").is_empty());
    assert_eq!(partners(&conn), 0);
    restore(&conn, id).expect("restore");
    assert_eq!(partners(&conn), 1);
}

#[test]
fn every_form_field_is_written_by_add_and_by_update() {
    let (conn, cat) = setup();
    let other = category::add(
        &conn,
        &CategoryDraft::parse("Bankers", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    let ana = add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    let mut d = person("Bo Chen")
        .with_email("bo@chen.co")
        .and_then(|d| d.with_cadence("14"))
        .and_then(|d| d.with_follow_up("2026-12-01"))
        .expect("draft");
    d.company = "Chen & Co".into();
    d.role = "Partner".into();
    d.phone = "+1 555 0101".into();
    d.city = "Osaka 大阪".into();
    d.met_how = "spring fair".into();
    d.referred_by = Some(ana);
    d.notes = "likes 🍵".into();
    let check = |id: i64, category: i64| {
        let c = get(&conn, id).expect("get").expect("some");
        assert_eq!(
            (
                c.name.as_str(),
                c.company.as_str(),
                c.role.as_str(),
                c.email.as_str()
            ),
            ("Bo Chen", "Chen & Co", "Partner", "bo@chen.co")
        );
        assert_eq!(
            (
                c.phone.as_str(),
                c.city.as_str(),
                c.met_how.as_str(),
                c.notes.as_str()
            ),
            ("+1 555 0101", "Osaka 大阪", "spring fair", "likes 🍵")
        );
        assert_eq!(c.referred_by, Some(ana));
        assert_eq!(c.cadence_days, 14);
        assert_eq!(
            c.next_follow_up,
            Some(parse_date("2026-12-01").expect("date"))
        );
        assert_eq!(c.category_id, Some(category));
    };
    let bo = add(&conn, Some(cat), &d, &now()).expect("add");
    check(bo, cat);
    let plain = add(&conn, Some(cat), &person("Cy"), &now()).expect("add");
    update(&conn, plain, Some(other), &d).expect("update");
    check(plain, other);
}

#[test]
fn a_contact_cannot_introduce_themselves() {
    let (conn, cat) = setup();
    let id = add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    let mut draft = person("Ana");
    draft.referred_by = Some(id);
    assert!(update(&conn, id, Some(cat), &draft).is_err());
}
