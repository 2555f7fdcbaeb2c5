//! Tests of `journey`, on the real migrations.

use super::*;
use crate::domain::journey::builtin;
use crate::domain::{ContactDraft, TouchKind};
use crate::store::testing::{day, now, person};
use crate::store::{contact, open_in_memory, referral, touch};

#[test]
fn a_new_client_gets_the_templates_touchpoints_and_an_ask() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    assert!(for_client(&conn, ana).expect("read").is_empty());
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    let steps = builtin().expect("template");
    let planned = for_client(&conn, ana).expect("read");
    assert_eq!(planned.len(), steps.len());
    assert_eq!(
        planned[0].due,
        Some(now().date()),
        "the welcome card is due today"
    );
    assert_eq!(planned[0].how, steps[0].how);
    assert!(
        planned.iter().any(|t| t.due.is_none()),
        "a milestone waits for a date"
    );
    let due = due(&conn, now().date(), 10).expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].client, "Ana Lima");
    let ask = crate::store::ask::planned_for(&conn, ana)
        .expect("read")
        .expect("planned");
    assert_eq!(ask.due, day("2026-12-24"), "30 days after, the default");
}

#[test]
fn the_ask_follows_the_setting_and_a_client_added_as_one_is_planned_too() {
    let conn = open_in_memory(now().date()).expect("open");
    settings::set(&conn, ASK_DAYS, "10").expect("setting");
    let mut d = ContactDraft::named("Bo Chen").expect("draft");
    d.client_since = Some(now().date());
    let bo = contact::add(&conn, None, &d, &now()).expect("add");
    let ask = crate::store::ask::planned_for(&conn, bo)
        .expect("read")
        .expect("planned");
    assert_eq!(ask.due, day("2026-12-04"));
    assert!(!for_client(&conn, bo).expect("read").is_empty());
}

#[test]
fn no_longer_a_client_drops_what_is_not_done_and_keeps_what_is() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    let welcome = for_client(&conn, ana).expect("read")[0].id;
    done(&conn, welcome, now().date(), "", &now()).expect("done");
    contact::set_client(&conn, ana, None, &now()).expect("not a client");
    let left = for_client(&conn, ana).expect("read");
    assert_eq!(left.len(), 1, "only the welcome card sent stays");
    assert_eq!(left[0].done, Some(now().date()));
    assert!(
        crate::store::ask::planned_for(&conn, ana)
            .expect("read")
            .is_none()
    );
}

#[test]
fn done_logs_a_touch_of_its_kind_and_cannot_be_done_twice() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    let t = for_client(&conn, ana).expect("read")[0].clone();
    done(
        &conn,
        t.id,
        now().date(),
        "Sent with a pen from Lisbon ✒",
        &now(),
    )
    .expect("done");
    let touches = touch::list(&conn, ana).expect("touches");
    assert_eq!(touches.len(), 1);
    assert_eq!(touches[0].kind, TouchKind::Card);
    assert_eq!(touches[0].note, "Sent with a pen from Lisbon ✒");
    let again = done(&conn, t.id, now().date(), "", &now()).expect_err("twice");
    assert!(
        again.to_string().contains("was done on 2026-11-24"),
        "{again}"
    );
    assert_eq!(
        touch::list(&conn, ana).expect("touches").len(),
        1,
        "nothing more"
    );
    assert_eq!(welcomes_done(&conn).expect("count"), 1);
}

#[test]
fn a_touchpoint_can_be_skipped_or_moved_and_a_milestone_dated() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    let all = for_client(&conn, ana).expect("read");
    let milestone = all.iter().find(|t| t.due.is_none()).expect("milestone").id;
    move_to(&conn, milestone, day("2026-11-20")).expect("dated");
    assert_eq!(due_count(&conn, now().date()).expect("count"), 2);
    skip(&conn, all[0].id, now().date()).expect("skip");
    assert_eq!(due_count(&conn, now().date()).expect("count"), 1);
    assert!(
        skip(&conn, all[0].id, now().date()).is_err(),
        "skipped already"
    );
    assert!(
        done(&conn, 999, now().date(), "", &now()).is_err(),
        "no such touchpoint"
    );
}

#[test]
fn a_referral_that_became_a_client_plans_their_journey() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let bo = person(&conn, "Bo Chen");
    let draft = referral::ReferralDraft {
        direction: crate::domain::Direction::Received,
        partner: ana,
        person: referral::Person::Existing(bo),
        on: now().date(),
        note: String::new(),
    };
    let (r, _) = referral::add(&conn, &draft, &now()).expect("referral");
    referral::set_status(
        &conn,
        r,
        crate::domain::RefStatus::Client,
        now().date(),
        &now(),
    )
    .expect("client");
    assert!(!for_client(&conn, bo).expect("read").is_empty());
    assert!(
        crate::store::ask::planned_for(&conn, bo)
            .expect("read")
            .is_some()
    );
}

#[test]
fn the_template_saved_is_what_new_clients_get() {
    let conn = open_in_memory(now().date()).expect("open");
    assert!(!template_set(&conn).expect("read"));
    assert_eq!(template(&conn).expect("read"), builtin().expect("builtin"));
    let steps = crate::domain::journey::from_text("day 0 call Welcome call\n1 week visit Lunch")
        .expect("steps");
    set_template(&conn, &steps, now().date()).expect("save");
    assert!(template_set(&conn).expect("read"));
    assert_eq!(template(&conn).expect("read"), steps);
    let ana = person(&conn, "Ana Lima");
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    let titles: Vec<String> = for_client(&conn, ana)
        .expect("read")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(titles, ["Welcome call", "Lunch"]);
}

#[test]
fn a_deleted_client_has_nothing_due_until_restored() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    contact::set_client(&conn, ana, Some(now().date()), &now()).expect("client");
    crate::store::ask::solved(&conn, ana, now().date(), &now()).expect("solved");
    let counts = |conn: &Connection| {
        (
            due_count(conn, now().date()).expect("touchpoints"),
            crate::store::ask::due_count(conn, now().date()).expect("asks"),
            crate::store::ask::clients_planned(conn).expect("planned"),
        )
    };
    assert_eq!(counts(&conn), (1, 1, (1, 1)));
    contact::delete(&conn, ana, &now()).expect("delete");
    assert_eq!(counts(&conn), (0, 0, (0, 0)));
    assert!(due(&conn, now().date(), 10).expect("due").is_empty());
    contact::restore(&conn, ana).expect("restore");
    assert_eq!(counts(&conn), (1, 1, (1, 1)));
}
