//! Tests of `event` and `group`, on the real migrations.

use super::*;
use crate::domain::{ContactDraft, GroupKind};
use crate::store::testing::{day, now, person};
use crate::store::{contact, group, open_in_memory, thanks, touch};

fn event(conn: &Connection, title: &str, on: &str) -> i64 {
    add(
        conn,
        &EventDraft::new(title, day(on), "Café Lumière", "").expect("draft"),
        None,
        &now(),
    )
    .expect("event")
}

#[test]
fn events_list_upcoming_soonest_first_and_past_latest_first() {
    let conn = open_in_memory(now().date()).expect("open");
    event(&conn, "Autumn talk", "2026-10-01");
    event(&conn, "Summer picnic", "2026-07-01");
    event(&conn, "Open house", "2026-12-03");
    event(&conn, "Today's breakfast", "2026-11-24");
    let (upcoming, past) = list(&conn, now().date()).expect("list");
    let titles = |v: &[Event]| v.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&upcoming), ["Today's breakfast", "Open house"]);
    assert_eq!(titles(&past), ["Autumn talk", "Summer picnic"]);
}

#[test]
fn a_guest_brought_is_a_referral_received_with_a_thank_you_owed() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let bo = person(&conn, "Bo Chen");
    let e = event(&conn, "Open house", "2026-11-20");
    assert_eq!(invite(&conn, e, &[ana, bo]).expect("invite"), 2);
    assert_eq!(invite(&conn, e, &[ana]).expect("again"), 0, "invited once");
    assert_eq!(planned_with_invitees(&conn).expect("count"), 1);
    let guest = Person::New(Box::new(ContactDraft::named("Zoë Brandt").expect("draft")));
    let came = came(&conn, e, ana, &[guest], &now()).expect("came");
    assert!(came.newly);
    assert_eq!(came.brought.len(), 1);
    let zoe = came.brought[0].1;
    let z = contact::get(&conn, zoe).expect("read").expect("zoë");
    assert_eq!(z.referred_by, Some(ana));
    let owed = thanks::owed(&conn, 10).expect("owed");
    assert_eq!(owed.len(), 1);
    assert_eq!(
        (owed[0].to.as_str(), owed[0].person.as_str()),
        ("Ana Lima", "Zoë Brandt")
    );
    let r = crate::store::referral::get(&conn, came.brought[0].0)
        .expect("read")
        .expect("ref");
    assert_eq!(r.direction, Direction::Received);
    let e = get(&conn, e).expect("read").expect("event");
    assert_eq!((e.invited, e.came, e.brought), (2, 2, 1));
    let list = guests(&conn, e.id).expect("guests");
    let names: Vec<(&str, bool, Option<&str>)> = list
        .iter()
        .map(|g| (g.name.as_str(), g.came, g.brought_by.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ana Lima", true, None),
            ("Zoë Brandt", true, Some("Ana Lima")),
            ("Bo Chen", false, None)
        ]
    );
}

#[test]
fn coming_twice_logs_one_touch_and_a_guest_is_brought_once() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let bo = person(&conn, "Bo Chen");
    let e = event(&conn, "Open house", "2026-11-20");
    came(&conn, e, ana, &[], &now()).expect("came");
    let again = came(&conn, e, ana, &[], &now()).expect("again");
    assert!(!again.newly);
    let touches = touch::list(&conn, ana).expect("touches");
    assert_eq!(touches.len(), 1);
    assert_eq!(touches[0].kind, TouchKind::Event);
    assert_eq!(touches[0].on, day("2026-11-20"));
    came(&conn, e, bo, &[], &now()).expect("bo came");
    let before = crate::store::json_backup::dump(&conn).expect("dump");
    let why = came(&conn, e, ana, &[Person::Existing(bo)], &now()).expect_err("bo is on it");
    assert!(why.to_string().contains("on the list already"), "{why}");
    assert_eq!(
        crate::store::json_backup::dump(&conn).expect("dump"),
        before
    );
    assert!(came(&conn, 999, ana, &[], &now()).is_err(), "no such event");
}

#[test]
fn an_invitation_is_taken_back_only_before_they_came() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let e = event(&conn, "Open house", "2026-11-20");
    invite(&conn, e, &[ana]).expect("invite");
    uninvite(&conn, e, ana).expect("taken back");
    came(&conn, e, ana, &[], &now()).expect("came anyway");
    assert!(uninvite(&conn, e, ana).is_err());
}

#[test]
fn before_the_day_a_guest_is_coming_and_nobody_has_come() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let e = event(&conn, "Open house", "2026-12-09");
    invite(&conn, e, &[ana]).expect("invite");
    let why = came(&conn, e, ana, &[], &now()).expect_err("not held yet");
    assert!(why.to_string().contains("nobody has come yet"), "{why}");
    assert!(
        touch::list(&conn, ana).expect("touches").is_empty(),
        "no touch in the future"
    );
    coming(&conn, e, ana, true, now().date()).expect("coming");
    let ev = get(&conn, e).expect("read").expect("event");
    assert_eq!((ev.invited, ev.coming, ev.came), (1, 1, 0));
    assert!(guests(&conn, e).expect("guests")[0].coming);
    coming(&conn, e, ana, false, now().date()).expect("no longer");
    assert_eq!(get(&conn, e).expect("read").expect("event").coming, 0);
    // On the day it is held: who came, not who is coming.
    let why = coming(&conn, e, ana, true, day("2026-12-09")).expect_err("held");
    assert!(why.to_string().contains("mark who came"), "{why}");
}

#[test]
fn came_is_taken_back_with_the_touch_it_logged() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    contact::set_follow_up(&conn, ana, Some(day("2026-11-21"))).expect("follow-up");
    let e = event(&conn, "Open house", "2026-11-20");
    invite(&conn, e, &[ana]).expect("invite");
    came(&conn, e, ana, &[], &now()).expect("came");
    let c = contact::get(&conn, ana).expect("read").expect("ana");
    assert_eq!(c.last_touch, Some(day("2026-11-20")));
    not_came(&conn, e, ana, &now()).expect("did not come");
    let c = contact::get(&conn, ana).expect("read").expect("ana");
    assert_eq!(c.last_touch, None, "the touch went");
    assert!(touch::list(&conn, ana).expect("touches").is_empty());
    let list = guests(&conn, e).expect("guests");
    assert_eq!(
        (list.len(), list[0].came, list[0].invited),
        (1, false, true)
    );
    assert!(not_came(&conn, e, ana, &now()).is_err(), "not marked");
    // Someone who brought a guest stays marked.
    let bo = person(&conn, "Bo Chen");
    let zoe = Person::New(Box::new(ContactDraft::named("Zoë Brandt").expect("draft")));
    came(&conn, e, bo, &[zoe], &now()).expect("bo came with Zoë");
    let why = not_came(&conn, e, bo, &now()).expect_err("brought someone");
    assert!(why.to_string().contains("Zoë Brandt"), "{why}");
    // Someone who came uninvited leaves the list.
    let cy = person(&conn, "Cy Ortega");
    came(&conn, e, cy, &[], &now()).expect("cy came");
    not_came(&conn, e, cy, &now()).expect("cy did not");
    assert!(
        guests(&conn, e)
            .expect("guests")
            .iter()
            .all(|g| g.contact_id != cy)
    );
}

#[test]
fn groups_have_unique_names_members_and_meetings_as_events() {
    let conn = open_in_memory(now().date()).expect("open");
    let g = group::add(
        &conn,
        "Downtown BNI",
        GroupKind::Networking,
        "Tuesdays 7:00",
        &now(),
    )
    .expect("group");
    assert!(group::add(&conn, "downtown bni", GroupKind::Club, "", &now()).is_err());
    assert!(group::add(&conn, " \n", GroupKind::Club, "", &now()).is_err());
    let ana = person(&conn, "Ana Lima");
    assert_eq!(
        group::add_members(&conn, g, &[ana], now().date()).expect("member"),
        1
    );
    assert_eq!(
        group::add_members(&conn, g, &[ana], now().date()).expect("again"),
        0
    );
    assert_eq!(
        group::met_through(&conn, ana).expect("read").as_deref(),
        Some("Downtown BNI")
    );
    assert_eq!(group::list(&conn).expect("list")[0].members, 1);
    let meeting = group::log_meeting(&conn, g, day("2026-12-01"), &now()).expect("meeting");
    let e = get(&conn, meeting).expect("read").expect("event");
    assert_eq!(e.title, "Downtown BNI meeting");
    assert_eq!(e.place, "Tuesdays 7:00");
    assert_eq!(e.group, Some((g, "Downtown BNI".to_owned())));
    assert_eq!(e.invited, 1);
    assert_eq!(group::count(&conn).expect("count"), 1);
    assert!(matches!(
        group::lookup(&conn, "bni").expect("lookup"),
        Lookup::One(_)
    ));
    assert!(matches!(
        lookup(&conn, "meeting").expect("lookup"),
        Lookup::One(_)
    ));
    assert!(matches!(
        lookup(&conn, "#999").expect("lookup"),
        Lookup::None
    ));
}

#[test]
fn the_guests_one_person_brings_to_one_event_are_one_thank_you() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = person(&conn, "Ana Lima");
    let e = event(&conn, "Open house", "2026-11-20");
    let other = event(&conn, "Autumn talk", "2026-11-10");
    let guest = |name: &str| Person::New(Box::new(ContactDraft::named(name).expect("draft")));
    came(&conn, e, ana, &[guest("Zoë Brandt")], &now()).expect("one");
    came(&conn, e, ana, &[guest("Maya Okafor")], &now()).expect("another, later");
    came(&conn, other, ana, &[guest("Cy Ortega")], &now()).expect("another event");
    let owed = thanks::owed(&conn, 10).expect("owed");
    let people: Vec<&str> = owed.iter().map(|t| t.person.as_str()).collect();
    assert_eq!(
        people,
        ["Cy Ortega", "Zoë Brandt and Maya Okafor"],
        "one card an event"
    );
}
