//! Tests of `contact`, on the real migrations.

use super::*;
use crate::domain::contact::ContactView;
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
    set_on_list(&conn, id, true, now().date()).expect("mark");
    let partners = |c: &Connection| {
        crate::store::metrics::load(c, now().date())
            .expect("metrics")
            .partners
    };
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
    update(&conn, plain, Some(other), &d, &now()).expect("update");
    check(plain, other);
}

#[test]
fn a_contact_cannot_introduce_themselves() {
    let (conn, cat) = setup();
    let id = add(&conn, Some(cat), &person("Ana"), &now()).expect("add");
    let mut draft = person("Ana");
    draft.referred_by = Some(id);
    assert!(update(&conn, id, Some(cat), &draft, &now()).is_err());
}

proptest::proptest! {
    /// Every list is in the order SQLite gives `ORDER BY name COLLATE
    /// NOCASE, id`, however long the shared start of the names, whatever
    /// their case or accents.
    #[test]
    fn lists_sorted_here_keep_sqlites_order(
        names in proptest::collection::vec("[aAbBéÉ]{1,3}[a-zA-Z0-9 ]{0,20}", 1..40)
    ) {
        let (conn, cat) = setup();
        for name in &names {
            let draft = ContactDraft {
                name: name.clone(),
                ..person("x")
            };
            add(&conn, Some(cat), &draft, &now()).expect("add");
        }
        let mut stmt = conn
            .prepare("SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id")
            .expect("prepare");
        let sqlite: Vec<i64> = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("ids");
        let all: Vec<i64> = rows(&conn, ContactView::All).expect("rows").iter().map(|c| c.id).collect();
        let listed: Vec<i64> = list(&conn, ContactView::All).expect("list").iter().map(|c| c.id).collect();
        let in_category: Vec<i64> = rows(&conn, ContactView::Category(cat)).expect("rows").iter().map(|c| c.id).collect();
        proptest::prop_assert_eq!(&all, &sqlite);
        proptest::prop_assert_eq!(&listed, &sqlite);
        proptest::prop_assert_eq!(&in_category, &sqlite);
    }
}

#[test]
fn names_sharing_a_long_start_are_ordered_by_the_rest_then_age() {
    let names = [
        "Christopher Abernathy 2",
        "christopher abernathy 10",
        "Christopher Abernathy",
        "Christopher Abernathy 10",
    ];
    let order = name_order(names.len(), |i| (names[i], i64::try_from(i).expect("id")));
    let sorted: Vec<&str> = order.iter().map(|&i| names[i]).collect();
    assert_eq!(
        sorted,
        [
            "Christopher Abernathy",
            "christopher abernathy 10",
            "Christopher Abernathy 10",
            "Christopher Abernathy 2",
        ]
    );
}

#[test]
fn searching_only_candidates_finds_what_searching_everyone_finds() {
    let (conn, cat) = setup();
    let other = category::add(
        &conn,
        &CategoryDraft::parse("Bankers", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    for (name, company, city, notes, category) in [
        (
            "Zoë Adams",
            "Print Co",
            "Lyon",
            "met at the fair",
            Some(cat),
        ),
        ("Yusuf Demir", "", "Zürich", "", Some(other)),
        ("Ana Lima", "Lima & Co", "", "knows Yusuf", Some(cat)),
        ("山田 太郎", "東京会計", "東京", "", None),
        ("Bo Chen", "", "", "100% referrals_only", Some(other)),
    ] {
        let draft = ContactDraft {
            name: name.into(),
            company: company.into(),
            city: city.into(),
            notes: notes.into(),
            ..person("x")
        };
        add(&conn, category, &draft, &now()).expect("add");
    }
    for q in [
        "zoe", "ZOË", "yusuf", "zurich", "bankers", "lyon zoe", "東京", "100%", "_only", "!ana",
        "^bo", "lima$", "x", "a",
    ] {
        let words = crate::domain::search::plain_words(q);
        let mut all = search_index(&conn).expect("index");
        let mut some = search_candidates(&conn, &words).expect("candidates");
        assert_eq!(some.search(q, 50), all.search(q, 50), "{q:?}");
    }
    let mut all = search_index(&conn).expect("index");
    assert_eq!(all.search("zurich", 5).len(), 1, "the city is searched");
    assert_eq!(all.search("bankers", 5).len(), 2, "so is the category");
}

#[test]
fn finding_the_same_e_mail_reads_its_index() {
    let (conn, _) = setup();
    let plan: Vec<String> = conn
        .prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE deleted_at IS NULL AND email <> ''
               AND lower(trim(email)) = lower('A@b.co') ORDER BY id LIMIT 1",
        )
        .expect("plan")
        .query_map([], |r| r.get(3))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("plan");
    assert!(plan.join(" ").contains("contact_email"), "{plan:?}");
}
