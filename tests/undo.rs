//! `u` takes back every change made with one key, one at a time, newest
//! first, and says what it undid: after it the database is, row for row,
//! what it was before the key. Keys go through the keymap.

mod common;

use common::day::{busy, info, key, press, row_of};
use common::{clear, stored, typed};
use list25::app::{App, Shows, TodayRow};
use list25::keymap::Context;
use list25::store;
use ratatui::crossterm::event::KeyCode;

/// `change` alters the database; `u` puts every row back as it was and
/// says what it undid, in words that hold `said`.
fn undone(app: &mut App, said: &str, change: impl FnOnce(&mut App)) {
    let before = stored(app);
    change(app);
    assert_ne!(stored(app), before, "the keys changed nothing");
    key(app, 'u');
    let message = info(app);
    assert!(message.starts_with("Undone: "), "{message}");
    assert!(message.contains(said), "{message}");
    assert_eq!(stored(app), before, "not all of it was undone");
}

/// Contacts, all of them, the cursor on `name`.
fn on_contact(app: &mut App, name: &str) {
    key(app, '4');
    while app.contacts.shows != Shows::All {
        key(app, 'c');
    }
    key(app, 'g');
    for _ in 0..app.contacts.total {
        if app
            .contacts
            .selected
            .as_ref()
            .is_some_and(|c| c.name == name)
        {
            break;
        }
        key(app, 'j');
    }
    assert_eq!(
        app.contacts.selected.as_ref().map(|c| c.name.as_str()),
        Some(name)
    );
}

#[test]
fn a_stage_step_and_the_25_list_mark_on_and_off() {
    let mut app = busy();
    on_contact(&mut app, "Zoë Brandt");
    undone(&mut app, "Zoë Brandt moved to contacted", |app| {
        key(app, '>')
    });
    on_contact(&mut app, "Ana Lima");
    undone(&mut app, "Ana Lima put on the 25 list", |app| key(app, 'm'));
    key(&mut app, 'm');
    undone(&mut app, "Ana Lima taken off the 25 list", |app| {
        key(app, 'm')
    });
    key(&mut app, 'u');
    assert!(
        !app.contacts.selected.as_ref().expect("ana").on_list,
        "two undos: off the list again"
    );
}

#[test]
fn a_client_made_and_ended_with_what_was_planned_for_them() {
    let mut app = busy();
    on_contact(&mut app, "Ana Lima");
    undone(&mut app, "Ana Lima made a client", |app| key(app, 'C'));

    on_contact(&mut app, "Bruno Díaz");
    let planned = store::journey::for_client(app.connection(), bruno(&app))
        .expect("touchpoints")
        .iter()
        .filter(|t| t.is_open())
        .count();
    assert!(planned > 0);
    undone(&mut app, "Bruno Díaz no longer a client", |app| {
        key(app, 'C');
        assert_eq!(app.context(), Context::Confirm, "asked first");
        key(app, 'y');
        assert!(
            store::ask::planned_for(app.connection(), bruno(app))
                .expect("ask")
                .is_none()
        );
    });
    assert!(
        store::ask::planned_for(app.connection(), bruno(&app))
            .expect("ask")
            .is_some(),
        "his ask is back"
    );
}

fn bruno(app: &App) -> i64 {
    app.connection()
        .query_row(
            "SELECT id FROM contact WHERE name = 'Bruno Díaz'",
            [],
            |r| r.get(0),
        )
        .expect("bruno")
}

#[test]
fn a_thank_you_marked_sent() {
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::ThankYou(_)));
    undone(&mut app, "the thank-you to Ana Lima marked sent", |app| {
        key(app, ' ');
        key(app, 'd');
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
}

#[test]
fn a_touchpoint_done_skipped_and_moved() {
    let mut app = busy();
    let on_touchpoint = |app: &mut App| {
        app.today_pane.cursor = row_of(app, |r| matches!(r, TodayRow::Touchpoint(_)))
    };
    on_touchpoint(&mut app);
    undone(&mut app, "done", |app| {
        key(app, ' ');
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
    on_touchpoint(&mut app);
    undone(&mut app, "skipped", |app| key(app, 'x'));
    on_touchpoint(&mut app);
    undone(&mut app, "moved", |app| {
        key(app, 'w');
        clear(app);
        typed(app, "2026-12-01");
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
}

#[test]
fn an_ask_answered_with_the_referrals_it_recorded() {
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    let referrals = store::referral::count(app.connection()).expect("count");
    undone(&mut app, "what Bruno Díaz said when asked", |app| {
        key(app, ' ');
        key(app, 'n');
        typed(app, "Ana Lima, Élodie Brun");
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
        assert_eq!(
            store::referral::count(app.connection()).expect("count"),
            referrals + 2
        );
    });
    assert_eq!(app.today_pane.asks.len(), 1, "the ask is due again");
}

#[test]
fn came_to_a_meeting_logged_today() {
    let mut app = busy();
    key(&mut app, '7');
    let group = app
        .events
        .rows()
        .iter()
        .position(|r| matches!(r, list25::app::EventsRow::Group(_)))
        .expect("the group");
    app.events.cursor = group;
    key(&mut app, 'l');
    assert_eq!(app.context(), Context::EventHeld, "the meeting opens");
    undone(&mut app, "Ana Lima came to", |app| key(app, ' '));
}

#[test]
fn a_follow_up_set_a_person_put_in_a_category_and_the_journey_edited() {
    let mut app = busy();
    on_contact(&mut app, "Zoë Brandt");
    undone(&mut app, "the follow-up with Zoë Brandt set", |app| {
        key(app, 'f');
        clear(app);
        typed(app, "2026-12-24");
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
    undone(&mut app, "Zoë Brandt put in Printers", |app| {
        key(app, 'p');
        typed(app, "print");
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
    undone(&mut app, "the journey template changed", |app| {
        key(app, 'J');
        press(app, KeyCode::End);
        typed(app, " and a ribbon");
        press(app, KeyCode::Enter);
        assert!(app.popup.is_none(), "saved");
    });
}

#[test]
fn undo_goes_back_change_by_change_and_then_says_there_is_nothing() {
    let mut app = busy();
    on_contact(&mut app, "Zoë Brandt");
    let before = stored(&app);
    key(&mut app, '>');
    key(&mut app, '>');
    key(&mut app, 'm');
    for said in ["on the 25 list", "moved to met", "moved to contacted"] {
        key(&mut app, 'u');
        assert!(info(&app).contains(said), "{}", info(&app));
    }
    assert_eq!(stored(&app), before);
    key(&mut app, 'u');
    assert!(info(&app).starts_with("Nothing to undo"), "{}", info(&app));
}

/// Ending a client with `C` in the real program: asked first, confirmed,
/// undone; after a restart the ask and the touchpoints are there.
#[test]
fn c_asks_before_ending_a_client_and_u_brings_back_what_was_planned() {
    use common::pty::Session;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    let client = {
        let conn = store::open(&db, common::date("2026-11-22")).expect("create");
        let mut bo = list25::domain::ContactDraft::named("Bo Chen").expect("draft");
        bo.client_since = Some(common::date("2026-11-01"));
        store::contact::add(&conn, None, &bo, &common::now()).expect("bo")
    };
    let planned = |db: &std::path::Path| {
        let conn = store::open(db, common::date("2026-11-22")).expect("open");
        let ask = store::ask::planned_for(&conn, client)
            .expect("ask")
            .is_some();
        let open = store::journey::for_client(&conn, client)
            .expect("touchpoints")
            .iter()
            .filter(|t| t.is_open())
            .count();
        (ask, open)
    };
    let (ask, open) = planned(&db);
    assert!(ask && open > 0, "{ask} {open}");

    let mut s = Session::start(&db, &["--today", "2026-11-22"], 80, 24);
    s.wait_for("Today");
    s.send("/");
    s.send("bo chen");
    s.wait_for("Bo Chen");
    s.send("\r");
    s.send("C");
    s.wait_for("End Bo Chen as a client?");
    s.wait_for("go with it");
    // n keeps everything.
    s.send("n");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(planned(&db), (ask, open), "nothing changed on no");
    s.send("C");
    s.wait_for("End Bo Chen as a client?");
    s.send("y");
    s.wait_for("Bo Chen is no longer a client");
    assert_eq!(planned(&db), (false, 0), "the plan went");
    s.send("u");
    s.wait_for("Undone: Bo Chen no longer a client");
    s.send("q");
    assert!(s.wait_exit());
    assert_eq!(planned(&db), (ask, open), "all of it came back");

    let mut s = Session::start(&db, &["--today", "2026-11-22"], 80, 24);
    s.wait_for("Touchpoints due");
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn list25_undo_takes_back_the_last_command_and_says_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    common::ok(&common::cli(&db, &["category", "add", "Printers"]));
    common::ok(&common::cli(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Printers"],
    ));
    common::ok(&common::cli(
        &db,
        &[
            "contact",
            "touch",
            "ana",
            "--kind",
            "meeting",
            "--note",
            "a long lunch",
        ],
    ));
    let out = common::ok(&common::cli(&db, &["undo"]));
    assert_eq!(
        out.trim(),
        "Undone: list25 contact touch ana --kind meeting --note \"a long lunch\"."
    );
    let listed = common::ok(&common::cli(&db, &["contact", "list", "--json"]));
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    assert_eq!(listed[0]["stage"], "identified", "the meeting went with it");
    assert_eq!(listed[0]["last_touch"], serde_json::Value::Null);
    let out = common::ok(&common::cli(&db, &["undo"]));
    assert!(out.contains("contact add \"Ana Lima\""), "{out}");
    common::ok(&common::cli(&db, &["undo"]));
    let none = common::cli(&db, &["undo"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("Nothing to undo"),
        "{none:?}"
    );
}

#[test]
fn list25_undo_refuses_what_a_window_changed_since_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    common::ok(&common::cli(&db, &["category", "add", "Printers"]));
    common::ok(&common::cli(
        &db,
        &["contact", "add", "Ana Lima", "--category", "Printers"],
    ));
    // A window moves Ana on.
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let mut app = common::app_with_connection(conn, "2026-11-22");
    on_contact(&mut app, "Ana Lima");
    key(&mut app, '>');
    let before = stored(&app);
    let refused = common::cli(&db, &["undo"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("\"Ana Lima moved to contacted\", made later in another window"),
        "{why}"
    );
    assert_eq!(stored(&app), before, "nothing changed");
}
