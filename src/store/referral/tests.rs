//! Tests of `referral`, on the real migrations.

use super::*;
use crate::domain::ThanksHow;
use crate::domain::{CategoryDraft, Stage, TouchKind, parse_date};
use crate::store::settings;
use crate::store::thanks::*;
use crate::store::{category, contact, open_in_memory};

fn now() -> NaiveDateTime {
    parse_date("2026-11-23")
        .expect("date")
        .and_hms_opt(9, 0, 0)
        .expect("time")
}

fn day(text: &str) -> NaiveDate {
    parse_date(text).expect("date")
}

/// A database with Ana (a printer) and Bo (a client).
fn setup() -> (Connection, i64, i64) {
    let conn = open_in_memory(now().date()).expect("open");
    let printers = category::add(
        &conn,
        &CategoryDraft::parse("Printers", "", "").expect("draft"),
        &now(),
    )
    .expect("category");
    let ana = contact::add(
        &conn,
        Some(printers),
        &ContactDraft::named("Ana Lima").expect("draft"),
        &now(),
    )
    .expect("ana");
    let mut bo = ContactDraft::named("Bo Chen").expect("draft");
    bo.client_since = Some(day("2026-01-10"));
    let bo = contact::add(&conn, None, &bo, &now()).expect("bo");
    (conn, ana, bo)
}

fn received(partner: i64, person: Person, on: &str) -> ReferralDraft {
    ReferralDraft {
        direction: Direction::Received,
        partner,
        person,
        on: day(on),
        note: "needs a logo".into(),
    }
}

#[test]
fn a_referral_received_adds_the_person_and_owes_a_thank_you_until_sent() {
    let (conn, ana, _) = setup();
    let new = Person::New(Box::new(ContactDraft::named("Cy Dorn").expect("draft")));
    let (id, cy) = add(&conn, &received(ana, new, "2026-11-20"), &now()).expect("add");
    let person = contact::get(&conn, cy).expect("read").expect("cy");
    assert_eq!((person.referred_by, person.category_id), (Some(ana), None));
    let owed = owed(&conn, 10).expect("owed");
    assert_eq!(owed.len(), 1);
    assert_eq!(
        (owed[0].kind, owed[0].to_id, owed[0].for_id, owed[0].due),
        (OwedKind::Thanks, ana, cy, day("2026-11-22"))
    );
    assert!(owed[0].is_overdue(now().date()));
    let r = get(&conn, id).expect("read").expect("referral");
    assert_eq!((r.thanked, r.owed_since()), (None, Some(day("2026-11-20"))));

    mark_sent(
        &conn,
        owed[0].id,
        ThanksHow::Card,
        day("2026-11-23"),
        &now(),
    )
    .expect("sent");
    assert!(
        crate::store::thanks::owed(&conn, 10)
            .expect("owed")
            .is_empty()
    );
    let r = get(&conn, id).expect("read").expect("referral");
    assert_eq!((r.thanked, r.owed_since()), (Some(day("2026-11-23")), None));
    let touches = contact::touches(&conn, ana).expect("touches");
    assert_eq!(touches.len(), 1);
    assert_eq!(
        (touches[0].0, touches[0].1),
        (TouchKind::Card, day("2026-11-23"))
    );
    assert!(touches[0].2.contains("Cy Dorn"), "{}", touches[0].2);
    let ana = contact::get(&conn, ana).expect("read").expect("ana");
    assert_eq!(ana.last_touch, Some(day("2026-11-23")));
    assert_eq!(ana.next_follow_up, Some(day("2026-12-23")));
    assert_eq!(
        mark_sent(
            &conn,
            owed[0].id,
            ThanksHow::Call,
            day("2026-11-23"),
            &now()
        )
        .map_err(|e| e.to_string()),
        Err("That thank-you was sent or deleted in another window; nothing was saved.".into())
    );
}

#[test]
fn the_days_to_thank_in_are_a_setting() {
    let (conn, ana, bo) = setup();
    settings::set(&conn, THANKS_DAYS, "5").expect("set");
    add(
        &conn,
        &received(ana, Person::Existing(bo), "2026-11-20"),
        &now(),
    )
    .expect("add");
    assert_eq!(owed(&conn, 1).expect("owed")[0].due, day("2026-11-25"));
}

#[test]
fn becoming_a_client_makes_a_client_and_owes_the_news_once() {
    let (conn, ana, _) = setup();
    let new = Person::New(Box::new(ContactDraft::named("Cy Dorn").expect("draft")));
    let (id, cy) = add(&conn, &received(ana, new, "2026-11-01"), &now()).expect("add");
    let talk =
        set_status(&conn, id, RefStatus::Talking, day("2026-11-05"), &now()).expect("talking");
    assert_eq!(talk, StatusChange::default());
    let won = set_status(&conn, id, RefStatus::Client, day("2026-11-10"), &now()).expect("client");
    assert!(won.made_client && won.news_owed);
    let cy = contact::get(&conn, cy).expect("read").expect("cy");
    assert_eq!(cy.client_since, Some(day("2026-11-10")));
    let news: Vec<_> = owed(&conn, 10)
        .expect("owed")
        .into_iter()
        .filter(|t| t.kind == OwedKind::News)
        .collect();
    assert_eq!(news.len(), 1);
    assert!(
        news[0].what().contains("(a client now)"),
        "{}",
        news[0].what()
    );
    let lost =
        set_status(&conn, id, RefStatus::NotAFit, day("2026-11-12"), &now()).expect("not a fit");
    assert!(!lost.news_owed, "the news is owed once");
    assert_eq!(
        status_history(&conn, id).expect("history"),
        [
            (RefStatus::New, day("2026-11-01")),
            (RefStatus::Talking, day("2026-11-05")),
            (RefStatus::Client, day("2026-11-10")),
            (RefStatus::NotAFit, day("2026-11-12")),
        ]
    );
}

#[test]
fn a_referral_of_a_person_to_themselves_is_refused_and_writes_nothing() {
    let (conn, ana, _) = setup();
    let err = add(
        &conn,
        &received(ana, Person::Existing(ana), "2026-11-20"),
        &now(),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("themselves"), "{err}");
    assert_eq!(count(&conn).expect("count"), 0);
    assert!(owed(&conn, 10).expect("owed").is_empty());
    let gone = add(
        &conn,
        &received(999, Person::Existing(ana), "2026-11-20"),
        &now(),
    );
    assert!(matches!(gone, Err(WriteError::Refused(_))));
}

#[test]
fn the_balance_says_whom_to_refer_first() {
    let (conn, ana, bo) = setup();
    let printers = category::list(&conn).expect("list")[0].id;
    let dee = contact::add(
        &conn,
        Some(printers),
        &ContactDraft::named("Dee Ford").expect("draft"),
        &now(),
    )
    .expect("dee");
    contact::set_stage(&conn, dee, Stage::Met, now().date()).expect("met");
    contact::set_on_list(&conn, dee, true, now().date()).expect("star");
    let eve = contact::add(
        &conn,
        None,
        &ContactDraft::named("Eve Gray").expect("draft"),
        &now(),
    )
    .expect("eve");
    // Ana sent Bo; you sent Ana nobody yet. Eve got one from you.
    add(
        &conn,
        &received(ana, Person::Existing(bo), "2026-11-20"),
        &now(),
    )
    .expect("in");
    let given = ReferralDraft {
        direction: Direction::Given,
        partner: eve,
        person: Person::Existing(bo),
        on: day("2026-11-21"),
        note: String::new(),
    };
    add(&conn, &given, &now()).expect("out");
    let b = balance(&conn).expect("balance");
    let row = |name: &str| {
        b.iter()
            .find(|x| x.partner == name)
            .map(|x| (x.given, x.received, x.refer_first()))
    };
    assert_eq!(row("Ana Lima"), Some((0, 1, true)));
    assert_eq!(row("Dee Ford"), Some((0, 0, true)), "on the 25 list");
    assert_eq!(row("Eve Gray"), Some((1, 0, false)));
    assert_eq!(row("Bo Chen"), None, "the person referred is not a partner");
    assert!(b[0].refer_first() && b[1].refer_first() && !b[2].refer_first());
}

#[test]
fn past_referrers_are_listed_until_thanked_once() {
    let (conn, ana, bo) = setup();
    assert_eq!(referrers_thanked(&conn).expect("count"), (0, 0));
    let mut d = ContactDraft::named("Bo Chen").expect("draft");
    d.client_since = Some(day("2026-01-10"));
    d.referred_by = Some(ana);
    contact::update(&conn, bo, None, &d, &now()).expect("update");
    let list = unthanked(&conn).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].client_id, list[0].referrer_id), (bo, ana));
    assert_eq!(referrers_thanked(&conn).expect("count"), (1, 0));
    thank_old(&conn, bo, ThanksHow::Call, day("2026-11-23"), &now()).expect("thank");
    assert!(unthanked(&conn).expect("list").is_empty());
    assert_eq!(referrers_thanked(&conn).expect("count"), (1, 1));
    assert_eq!(
        contact::touches(&conn, ana).expect("t")[0].0,
        TouchKind::Call
    );
    // A referral received for a client is thanked through the ledger,
    // not listed as a past one.
    let new = Person::New(Box::new(ContactDraft::named("Cy Dorn").expect("draft")));
    let (id, _) = add(&conn, &received(ana, new, "2026-11-20"), &now()).expect("add");
    set_status(&conn, id, RefStatus::Client, day("2026-11-21"), &now()).expect("won");
    assert!(unthanked(&conn).expect("list").is_empty());
}

#[test]
fn a_deleted_person_leaves_the_ledger_and_what_is_owed() {
    let (conn, ana, bo) = setup();
    add(
        &conn,
        &received(ana, Person::Existing(bo), "2026-11-20"),
        &now(),
    )
    .expect("add");
    let got = |c: &Connection| {
        balance(c)
            .expect("balance")
            .iter()
            .find(|b| b.partner_id == ana)
            .map(|b| b.received)
    };
    assert_eq!(got(&conn), Some(1));
    contact::delete(&conn, bo, &now()).expect("delete");
    assert_eq!(count(&conn).expect("count"), 0);
    assert_eq!(owed_count(&conn).expect("owed"), 0);
    assert_eq!(
        got(&conn),
        None,
        "nothing left with Ana, who is not starred"
    );
    contact::restore(&conn, bo).expect("undo");
    assert_eq!(count(&conn).expect("count"), 1);
    assert_eq!(owed_count(&conn).expect("owed"), 1);
    assert_eq!(got(&conn), Some(1));
    // Both sides deleted: counted out once, not twice.
    let eve =
        contact::add(&conn, None, &ContactDraft::named("Eve").expect("d"), &now()).expect("eve");
    add(
        &conn,
        &received(ana, Person::Existing(eve), "2026-11-21"),
        &now(),
    )
    .expect("add");
    let dee =
        contact::add(&conn, None, &ContactDraft::named("Dee").expect("d"), &now()).expect("dee");
    add(
        &conn,
        &received(dee, Person::Existing(bo), "2026-11-21"),
        &now(),
    )
    .expect("add");
    contact::delete(&conn, eve, &now()).expect("delete eve");
    contact::delete(&conn, ana, &now()).expect("delete ana");
    assert_eq!(
        count(&conn).expect("count"),
        1,
        "Dee's referral is still shown"
    );
    contact::restore(&conn, ana).expect("undo ana");
    assert_eq!(count(&conn).expect("count"), 2);
    assert_eq!(got(&conn), Some(1));
}

#[test]
fn a_referral_deleted_by_hand_takes_what_it_owes_and_undo_brings_both_back() {
    let (conn, ana, bo) = setup();
    let (id, _) = add(
        &conn,
        &received(ana, Person::Existing(bo), "2026-11-20"),
        &now(),
    )
    .expect("add");
    crate::store::testing::recorded(&conn, || delete(&conn, id, &now()).expect("delete"));
    assert_eq!(count(&conn).expect("count"), 0);
    assert!(list(&conn, 10).expect("list").is_empty());
    assert_eq!(owed_count(&conn).expect("owed"), 0);
    assert!(balance(&conn).expect("balance").is_empty());
    assert!(matches!(
        set_status(&conn, id, RefStatus::Client, day("2026-11-21"), &now()),
        Err(WriteError::Refused(_))
    ));
    assert!(matches!(
        delete(&conn, id, &now()),
        Err(WriteError::Refused(_))
    ));
    crate::store::testing::undo(&conn).expect("undo");
    assert_eq!(count(&conn).expect("count"), 1);
    assert_eq!(owed_count(&conn).expect("owed"), 1);
    assert_eq!(balance(&conn).expect("balance")[0].received, 1);
}
