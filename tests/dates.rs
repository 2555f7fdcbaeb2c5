//! Dates: far and future ones refused for what they are, compared as
//! dates, and shown with their year when it is not this year.

mod common;

use common::{clear, typed};

use list25::action::Action;
use list25::app::{App, Pane};
use list25::domain::ContactDraft;
use list25::store;

use common::cli as list25;

#[test]
fn the_command_line_refuses_a_touch_in_the_future_and_a_far_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    assert!(
        list25(&db, &["category", "add", "Bankers"])
            .status
            .success()
    );
    assert!(
        list25(
            &db,
            &["contact", "add", "Ana Lima", "--category", "Bankers"]
        )
        .status
        .success()
    );
    for date in ["9999-12-31", "2026-11-23"] {
        let o = list25(
            &db,
            &["contact", "touch", "Ana", "--kind", "call", "--date", date],
        );
        assert_eq!(o.status.code(), Some(2), "{date}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("after today"), "{err}");
    }
    let o = list25(&db, &["program", "start", "9999-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    let o = list25(&db, &["contact", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v[0]["last_touch"],
        serde_json::Value::Null,
        "nothing logged"
    );
    let o = list25(&db, &["today", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["start"], "2026-11-22", "the start did not move");
}

fn with_ana() -> App {
    let mut app = common::app_with("2026-11-22", "2026-11-22", |conn| {
        let cat = common::category(conn, "Bankers");
        let ana = ContactDraft::named("Ana Lima").expect("draft");
        store::contact::add(conn, Some(cat), &ana, &common::now()).expect("ana");
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app
}

#[test]
fn far_dates_are_refused_beside_their_field_and_nothing_is_written() {
    let mut app = with_ana();
    app.update(Action::LogTouch);
    app.update(Action::PickKind(Some(list25::domain::TouchKind::Call)));
    app.update(Action::PrevField);
    clear(&mut app);
    typed(&mut app, "9999-12-31");
    app.update(Action::Save);
    let (field, why) = common::form_error(&app).expect("refused");
    assert_eq!(field, "Date");
    assert!(why.contains("after today"), "{why}");
    app.update(Action::Cancel);

    app.update(Action::SetFollowUp);
    typed(&mut app, "9999-12-31");
    app.update(Action::Save);
    let (field, why) = common::form_error(&app).expect("refused");
    assert_eq!(field, "On");
    assert!(why.contains("five years"), "{why}");
    app.update(Action::Cancel);

    app.update(Action::Edit);
    app.update(Action::PrevField);
    typed(&mut app, "9999-12-31");
    app.update(Action::Save);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("Follow up on"));
    app.update(Action::Cancel);

    let ana = &store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
        .expect("list")[0];
    assert_eq!((ana.last_touch, ana.next_follow_up), (None, None));
}

#[test]
fn a_follow_up_stored_past_year_9999_is_never_due() {
    let conn = store::open_in_memory(common::date("2026-11-22")).expect("open");
    let cat = common::category(&conn, "Bankers");
    let ana = ContactDraft::named("Ana Lima").expect("draft");
    store::contact::add(&conn, Some(cat), &ana, &common::now()).expect("ana");
    // Written by an older list25 that let a touch on 9999-12-31 through.
    conn.execute("UPDATE contact SET next_follow_up = '+10000-01-30'", [])
        .expect("far date");
    let today = common::date("2026-11-22");
    assert!(
        store::contact::due(&conn, today, 10)
            .expect("due")
            .is_empty()
    );
    assert_eq!(store::contact::due_count(&conn, today).expect("count"), 0);
}

#[test]
fn a_follow_up_overdue_since_last_year_shows_its_year() {
    let mut app = common::app_with("2026-11-22", "2027-01-04", |conn| {
        let cat = common::category(conn, "Bankers");
        let mut ana = ContactDraft::named("Ana Lima").expect("draft");
        ana.next_follow_up = Some(common::date("2026-12-01"));
        store::contact::add(conn, Some(cat), &ana, &common::now()).expect("ana");
    });
    app.update(Action::GoTo(Pane::Today));
    let terminal = common::draw(&app, 100, 30);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("overdue since Tue 1 Dec 2026"), "{screen}");
}
