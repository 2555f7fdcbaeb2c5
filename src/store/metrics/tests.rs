//! Each task the program measures ticks itself when the data says so, and
//! unticks when that is taken back (undone).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use crate::domain::{
    CategoryDraft, Checklist, ContactDraft, Direction, Outcome, Program, RefStatus, SaveKind,
    ScriptDraft, ThanksHow, TouchKind,
};
use crate::store::referral::{Person, ReferralDraft};
use crate::store::testing::{day, recorded, undo};
use crate::store::{
    ask, category, contact, event, group, journey, open_in_memory, referral, script, settings,
    thanks,
};

/// The round began on 1 Nov; the writes are on 22 Nov.
fn start() -> NaiveDate {
    day("2026-11-01")
}

fn now() -> NaiveDateTime {
    day("2026-11-22").and_hms_opt(9, 0, 0).expect("time")
}

fn conn() -> Connection {
    open_in_memory(start()).expect("open")
}

/// Whether the task `key` of the program is done, as Today shows it.
fn ticked(conn: &Connection, key: &str) -> bool {
    let program = Program::builtin().expect("program");
    let (r, t) = program
        .tasks()
        .find(|(r, _)| r.key == key)
        .expect("a task of that key");
    assert!(t.measure.is_some(), "{key} is measured");
    let checklist = Checklist {
        metrics: super::load(conn, now().date()).expect("metrics"),
        ..Checklist::default()
    };
    checklist.status(&r, t).is_done()
}

/// `key` is not done; after `write` (one change) it is; undone, it is not.
fn ticks(conn: &Connection, key: &str, write: impl FnOnce(&Connection)) {
    assert!(!ticked(conn, key), "{key} done before");
    recorded(conn, || write(conn));
    assert!(ticked(conn, key), "{key} not done after");
    undo(conn).expect("undo");
    assert!(!ticked(conn, key), "{key} still done once taken back");
}

fn category(conn: &Connection, name: &str) -> i64 {
    category::add(
        conn,
        &CategoryDraft::parse(name, "", "").expect("d"),
        &now(),
    )
    .expect("cat")
}

fn person(conn: &Connection, name: &str) -> i64 {
    contact::add(conn, None, &ContactDraft::named(name).expect("d"), &now()).expect("add")
}

fn client(conn: &Connection, name: &str) -> i64 {
    let mut d = ContactDraft::named(name).expect("d");
    d.client_since = Some(day("2026-10-01"));
    contact::add(conn, None, &d, &now()).expect("client")
}

fn received(conn: &Connection, from: i64, name: &str, on: &str) -> i64 {
    let draft = ReferralDraft {
        direction: Direction::Received,
        partner: from,
        person: Person::New(Box::new(ContactDraft::named(name).expect("d"))),
        on: day(on),
        note: String::new(),
    };
    referral::add(conn, &draft, &now()).expect("referral").0
}

#[test]
fn the_people_and_the_list() {
    let c = conn();
    ticks(&c, "count-clients", |c| {
        client(c, "Bo Chen");
    });
    let printers = category(&c, "Printers");
    for i in 0..4 {
        let d = ContactDraft::named(&format!("Person {i}")).expect("d");
        contact::add(&c, Some(printers), &d, &now()).expect("add");
    }
    ticks(&c, "know-like-trust", |c| {
        let d = ContactDraft::named("Person 5").expect("d");
        contact::add(c, Some(printers), &d, &now()).expect("add");
    });
    ticks(&c, "why-each", |c| {
        let d = CategoryDraft::parse("Printers", "they print for every start-up", "").expect("d");
        category::update(c, printers, &d).expect("why");
    });
    let ana = person(&c, "Ana Lima");
    contact::set_on_list(&c, ana, true, now().date()).expect("star");
    ticks(&c, "follow-up-dates", |c| {
        contact::set_follow_up(c, ana, Some(day("2026-12-01"))).expect("follow-up");
    });
}

#[test]
fn groups_events_and_your_value() {
    let c = conn();
    group::add(&c, "Rotary", crate::domain::GroupKind::Club, "", &now()).expect("one");
    ticks(&c, "find-groups", |c| {
        group::add(c, "BNI", crate::domain::GroupKind::Networking, "", &now()).expect("two");
    });
    let rotary = group::list(&c).expect("groups")[0].id;
    ticks(&c, "attend-one", |c| {
        group::log_meeting(c, rotary, day("2026-11-20"), &now()).expect("meeting");
    });
    ticks(&c, "value-line", |c| {
        let me = crate::domain::template::Me {
            value: "helps start-ups look established".into(),
            ..crate::domain::template::Me::default()
        };
        settings::set_me(c, &me).expect("me");
    });
    let printers = category(&c, "Printers");
    ticks(&c, "value-per-category", |c| {
        let mut d = ScriptDraft::parse("What a printer can say", "value", "").expect("d");
        d.category_id = Some(printers);
        script::add(c, &d, &now()).expect("script");
    });
    let draft = |title: &str| {
        crate::domain::EventDraft::new(title, day("2026-12-03"), "", "").expect("event")
    };
    ticks(&c, "event-date", |c| {
        event::add(c, &draft("Open house"), None, &now()).expect("event");
    });
    let ana = person(&c, "Ana Lima");
    let e = event::add(&c, &draft("Autumn talk"), None, &now()).expect("event");
    event::invite(&c, e, &[ana]).expect("invite");
    ticks(&c, "event-cohost", |c| {
        contact::set_on_list(c, ana, true, now().date()).expect("star");
    });
    ticks(&c, "touchpoint-list", |c| {
        let steps = crate::domain::journey::from_text("day 0 card Welcome card").expect("steps");
        journey::set_template(c, &steps, now().date()).expect("template");
    });
}

#[test]
fn what_was_done_since_the_round_began() {
    let c = conn();
    let ana = person(&c, "Ana Lima");
    // Touches before the round do not count.
    contact::log_touch(&c, ana, TouchKind::Call, day("2026-10-20"), "", &now()).expect("old");
    for d in ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"] {
        contact::log_touch(&c, ana, TouchKind::Call, day(d), "", &now()).expect("touch");
    }
    ticks(&c, "reach-five", |c| {
        contact::log_touch(c, ana, TouchKind::Email, day("2026-11-06"), "", &now()).expect("fifth");
    });
    let bo = person(&c, "Bo Chen");
    ticks(&c, "one-introduction", |c| {
        let draft = ReferralDraft {
            direction: Direction::Given,
            partner: ana,
            person: Person::Existing(bo),
            on: day("2026-11-10"),
            note: String::new(),
        };
        referral::add(c, &draft, &now()).expect("given");
    });
    ticks(&c, "who-referred", |c| {
        received(c, bo, "Cy Ortega", "2026-11-12");
    });
    let r = received(&c, bo, "Dee Park", "2026-11-12");
    let owed = thanks::owed_for(&c, r).expect("read").expect("owed").id;
    ticks(&c, "thank-one-call", |c| {
        thanks::mark_sent(c, owed, ThanksHow::Call, day("2026-11-13"), &now()).expect("call");
    });
    let cards: Vec<i64> = ["Eve", "Fay", "Gus"]
        .iter()
        .map(|n| received(&c, ana, n, "2026-11-14"))
        .collect();
    for r in &cards[..2] {
        let t = thanks::owed_for(&c, *r).expect("read").expect("owed").id;
        thanks::mark_sent(&c, t, ThanksHow::Card, day("2026-11-15"), &now()).expect("card");
    }
    let third = thanks::owed_for(&c, cards[2])
        .expect("read")
        .expect("owed")
        .id;
    ticks(&c, "three-cards", |c| {
        thanks::mark_sent(c, third, ThanksHow::Card, day("2026-11-15"), &now()).expect("card");
    });
}

#[test]
fn the_client_journey_and_the_ask() {
    let c = conn();
    // A client since last week: the journey's steps are all planned.
    let mut d = ContactDraft::named("Bo Chen").expect("d");
    d.client_since = Some(day("2026-11-15"));
    let bo = contact::add(&c, None, &d, &now()).expect("client");
    let wow = journey::for_client(&c, bo)
        .expect("touchpoints")
        .into_iter()
        .find(|t| t.title.to_lowercase().contains("wow"))
        .expect("a wow step")
        .id;
    ticks(&c, "wow-deliver", |c| {
        journey::done(c, wow, day("2026-11-20"), "a book on pricing", &now()).expect("done");
    });
    let welcome = script::list(&c)
        .expect("scripts")
        .into_iter()
        .find(|s| s.purpose == Some(crate::domain::script::Purpose::Welcome))
        .expect("the welcome card")
        .id;
    ticks(&c, "welcome-card", |c| {
        script::save_text(
            c,
            welcome,
            "Dear {first_name}, welcome aboard.",
            SaveKind::Saved,
            None,
            None,
            &now(),
        )
        .expect("written");
    });
    ticks(&c, "ask-moment", |c| {
        settings::set(c, journey::ASK_DAYS, "21").expect("ask days");
    });
    ticks(&c, "pick-ask", |c| {
        ask::solved(c, bo, now().date(), &now()).expect("solved");
    });
    let ask_script = script::list(&c)
        .expect("scripts")
        .into_iter()
        .find(|s| s.kind == crate::domain::ScriptKind::ReferralAsk)
        .expect("an ask")
        .id;
    ticks(&c, "write-ask", |c| {
        script::save_text(
            c,
            ask_script,
            "{first_name}, who else should I help?",
            SaveKind::Saved,
            None,
            None,
            &now(),
        )
        .expect("written");
    });
    ticks(&c, "use-ask", |c| {
        let answer = ask::Answer {
            outcome: Outcome::NotNow,
            names: &[],
            on: now().date(),
            again: 30,
            ask: None,
        };
        ask::record(c, bo, &answer, &now()).expect("asked");
    });
}

#[test]
fn thanking_everyone_and_closing_the_loops_before_day_22() {
    let c = conn();
    let ana = person(&c, "Ana Lima");
    // Nothing owed: nothing left to do.
    assert!(ticked(&c, "thank-all") && ticked(&c, "close-loops"));
    let r = received(&c, ana, "Bo Chen", "2026-11-10");
    // One received on day 22 or later is for later.
    received(&c, ana, "Cy Ortega", "2026-11-22");
    let owed = thanks::owed_for(&c, r).expect("read").expect("owed").id;
    ticks(&c, "thank-all", |c| {
        thanks::mark_sent(c, owed, ThanksHow::Card, day("2026-11-12"), &now()).expect("sent");
    });
    thanks::mark_sent(&c, owed, ThanksHow::Card, day("2026-11-12"), &now()).expect("sent");
    referral::set_status(&c, r, RefStatus::Client, day("2026-11-15"), &now()).expect("client");
    let news = thanks::owed_for(&c, r).expect("read").expect("news").id;
    ticks(&c, "close-loops", |c| {
        thanks::mark_sent(c, news, ThanksHow::Call, day("2026-11-16"), &now()).expect("told");
    });
}

#[test]
fn at_least_thirty_tasks_of_seventy_are_measured() {
    let program = Program::builtin().expect("program");
    let measured = program.tasks().filter(|(_, t)| t.measure.is_some()).count();
    assert!(measured >= 30, "{measured} measured");
    assert_eq!(program.tasks().count(), 70);
}
