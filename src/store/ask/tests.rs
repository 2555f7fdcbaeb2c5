//! Tests of `ask`, on the real migrations.

use super::*;
use crate::domain::ContactDraft;
use crate::store::testing::{day, now};
use crate::store::{contact, open_in_memory, thanks};

fn client(conn: &Connection, name: &str) -> i64 {
    let mut d = ContactDraft::named(name).expect("draft");
    d.client_since = Some(day("2026-10-01"));
    contact::add(conn, None, &d, &now()).expect("add")
}

/// What the client said, today, for whatever ask is planned.
fn answer(outcome: Outcome, names: &[Person], again: u32) -> Answer<'_> {
    Answer {
        outcome,
        names,
        on: now().date(),
        again,
        ask: None,
    }
}

fn new(name: &str) -> Person {
    Person::New(Box::new(ContactDraft::named(name).expect("draft")))
}

#[test]
fn the_names_given_at_one_ask_are_one_thank_you_sent_for_all_of_them() {
    use crate::domain::ThanksHow;
    let conn = open_in_memory(now().date()).expect("open");
    let ana = client(&conn, "Ana Lima");
    let names = [new("Bruno Díaz"), new("Chloé Adams"), new("Cy Ortega")];
    let asked = record(&conn, ana, &answer(Outcome::Names, &names, 30), &now()).expect("asked");
    let owed = thanks::owed(&conn, 10).expect("owed");
    assert_eq!(owed.len(), 1, "one card for the occasion: {owed:?}");
    assert_eq!(thanks::owed_count(&conn).expect("count"), 1);
    assert_eq!(owed[0].person, "Bruno Díaz, Chloé Adams and Cy Ortega");
    assert_eq!(owed[0].people.len(), 3);
    // From any of its referrals, the same thank-you.
    let second = thanks::owed_for(&conn, asked.referrals[1].0).expect("read");
    assert_eq!(second.map(|t| t.id), Some(owed[0].id));
    // The first referral deleted: the others are still owed, together.
    crate::store::referral::delete(&conn, asked.referrals[0].0, &now()).expect("delete");
    let owed = thanks::owed(&conn, 10).expect("owed");
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].person, "Chloé Adams and Cy Ortega");
    thanks::mark_sent(&conn, owed[0].id, ThanksHow::Card, now().date(), &now()).expect("sent");
    assert_eq!(thanks::owed_count(&conn).expect("count"), 0, "all of them");
    let touches = crate::store::touch::list(&conn, ana).expect("touches");
    assert_eq!(touches.len(), 1, "one card, one touch");
    assert!(
        touches[0].note.contains("Chloé Adams and Cy Ortega"),
        "{:?}",
        touches[0]
    );
    // Each person's own history says they were thanked for.
    let cy = thanks::thanks_of(&conn, asked.referrals[2].1).expect("history");
    assert!(cy.iter().any(|t| t.sent.is_some()), "{cy:?}");
}

#[test]
fn names_given_become_referrals_received_with_thank_yous_owed() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = client(&conn, "Ana Lima");
    assert_eq!(
        due_count(&conn, now().date()).expect("count"),
        1,
        "planned Oct 31, overdue"
    );
    let names = [new("Bruno Díaz"), new("Chloé Adams")];
    let asked = record(&conn, ana, &answer(Outcome::Names, &names, 30), &now()).expect("asked");
    assert_eq!(asked.referrals.len(), 2);
    assert_eq!(asked.next, day("2027-02-22"), "the next ask in 90 days");
    let owed = thanks::owed(&conn, 10).expect("owed");
    assert_eq!(owed.len(), 1, "one thank-you for the names of one ask");
    assert_eq!(owed[0].to, "Ana Lima");
    let history = for_client(&conn, ana).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].asked, Some((now().date(), Outcome::Names)));
    assert_eq!(history[1].asked, None);
    assert_eq!(due_count(&conn, now().date()).expect("count"), 0);
    let bruno = contact::lookup(&conn, "Bruno").expect("lookup");
    let crate::store::Lookup::One(bruno) = bruno else {
        panic!("Bruno was added once");
    };
    assert_eq!(bruno.referred_by, Some(ana));
}

#[test]
fn not_now_and_no_plan_the_next_ask_and_refuse_names() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = client(&conn, "Ana Lima");
    let later = record(&conn, ana, &answer(Outcome::NotNow, &[], 14), &now()).expect("later");
    assert_eq!(later.next, day("2026-12-08"));
    let no = record(&conn, ana, &answer(Outcome::No, &[], 14), &now()).expect("no");
    assert_eq!(no.next, day("2027-05-25"), "six months");
    let before = crate::store::json_backup::dump(&conn).expect("dump");
    for (outcome, names) in [
        (Outcome::Names, vec![]),
        (Outcome::No, vec![new("Dan")]),
        (
            Outcome::Names,
            vec![new("Ana Lima Jr"), Person::Existing(ana)],
        ),
        (Outcome::Names, vec![new("Eve"), new("Eve")]),
    ] {
        assert!(
            record(&conn, ana, &answer(outcome, &names, 30), &now()).is_err(),
            "{outcome:?} with {} names",
            names.len()
        );
    }
    assert_eq!(
        crate::store::json_backup::dump(&conn).expect("dump"),
        before,
        "nothing written"
    );
}

#[test]
fn solved_moves_the_ask_to_today_and_plan_sets_a_date() {
    let conn = open_in_memory(now().date()).expect("open");
    let mut d = ContactDraft::named("Ana Lima").expect("draft");
    d.client_since = Some(now().date());
    let ana = contact::add(&conn, None, &d, &now()).expect("add");
    assert_eq!(
        planned_for(&conn, ana).expect("read").map(|a| a.due),
        Some(day("2026-12-24"))
    );
    solved(&conn, ana, now().date(), &now()).expect("solved");
    let a = planned_for(&conn, ana).expect("read").expect("planned");
    assert_eq!((a.due, a.reason), (now().date(), AskReason::Solved));
    plan(&conn, ana, day("2027-01-05"), &now()).expect("planned");
    assert_eq!(
        planned_for(&conn, ana).expect("read").map(|a| a.due),
        Some(day("2027-01-05"))
    );
    assert_eq!(
        for_client(&conn, ana).expect("all").len(),
        1,
        "one plan, moved"
    );
    let bo = contact::add(&conn, None, &ContactDraft::named("Bo").expect("d"), &now()).expect("bo");
    let why = solved(&conn, bo, now().date(), &now()).expect_err("not a client");
    assert!(why.to_string().contains("Bo is not a client"), "{why}");
    assert_eq!(clients_planned(&conn).expect("count"), (1, 1));
}

#[test]
fn a_client_of_before_the_journey_has_no_plan_until_one_is_made() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = client(&conn, "Ana Lima");
    conn.execute("DELETE FROM ask", [])
        .expect("as before the journey");
    assert_eq!(clients_planned(&conn).expect("count"), (1, 0));
    plan(&conn, ana, day("2026-12-01"), &now()).expect("plan");
    assert_eq!(clients_planned(&conn).expect("count"), (1, 1));
}

#[test]
fn an_answer_to_an_ask_another_window_recorded_changes_nothing() {
    let conn = open_in_memory(now().date()).expect("open");
    let ana = client(&conn, "Ana Lima");
    let shown = planned_for(&conn, ana).expect("read").expect("planned").id;
    let mut first = answer(Outcome::NotNow, &[], 14);
    first.ask = Some(shown);
    record(&conn, ana, &first, &now()).expect("the first window");
    let before = crate::store::json_backup::dump(&conn).expect("dump");
    let mut second = answer(Outcome::No, &[], 14);
    second.ask = Some(shown);
    let why = record(&conn, ana, &second, &now()).expect_err("answered already");
    assert!(why.to_string().contains("another window"), "{why}");
    assert_eq!(
        crate::store::json_backup::dump(&conn).expect("dump"),
        before
    );
}
