//! Two windows on one file: neither silently overwrites the other, and
//! each notices what the other did.

mod common;

use common::typed;

use std::path::Path;
use std::time::{Duration, Instant};

use list25::action::Action;
use list25::app::{App, Message, Pane, Popup};
use list25::domain::{ContactDraft, Program, Stage};
use list25::store;

/// A database file with Printers (Ana Lima in it) and Bankers.
fn shared_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("l.db");
    let conn = store::open(&db, common::date("2026-11-22")).expect("create");
    let printers = common::category(&conn, "Printers");
    common::category(&conn, "Bankers");
    let ana = ContactDraft::named("Ana Lima").expect("draft");
    store::contact::add(&conn, Some(printers), &ana, &common::now()).expect("ana");
    db
}

/// A window: an app on its own connection to the file.
fn window(db: &Path) -> App {
    let conn = store::open(db, common::date("2026-11-22")).expect("open");
    App::new(
        conn,
        Program::builtin().expect("program"),
        common::date("2026-11-22"),
        db.display().to_string(),
    )
    .expect("app")
    .with_clock(|| chrono::NaiveTime::from_hms_opt(8, 15, 0).expect("time"))
}

/// Let `secs` seconds pass in a window: autosaves run, changes made
/// elsewhere are noticed.
fn later(app: &mut App, secs: u64) {
    app.update(Action::Tick(Instant::now() + Duration::from_secs(secs)));
}

/// The error the window shows; it fits on the message line at 80 columns.
fn error(app: &App) -> String {
    match &app.message {
        Some(Message::Error(e)) => {
            assert!(e.chars().count() <= 78, "too long for 80 columns: {e}");
            e.clone()
        }
        other => panic!("no error: {other:?}"),
    }
}

/// A window in the editor of the first script, the cursor at its end.
fn writing(db: &Path) -> App {
    let mut app = window(db);
    app.update(Action::GoTo(Pane::Scripts));
    app.update(Action::Open);
    assert!(app.editing_script());
    app
}

fn editor_text(app: &App) -> String {
    app.scripts.editor.as_ref().expect("editor").current()
}

#[test]
fn a_script_saved_in_two_windows_keeps_both_texts_and_each_window_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = writing(&db);
    let mut b = writing(&db);
    let start = editor_text(&a);
    let id = a.scripts.editor.as_ref().expect("editor").script;

    typed(&mut b, " (B)");
    b.update(Action::Save);
    typed(&mut a, " (A)");
    later(&mut a, 5);
    assert!(
        error(&a).contains("Changed in another window"),
        "{}",
        error(&a)
    );

    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let stored = store::script::get(&conn, id).expect("get").expect("there");
    assert_eq!(stored.text, format!("{start} (A)"));
    let texts: Vec<String> = store::script::versions(&conn, id)
        .expect("versions")
        .into_iter()
        .map(|v| v.text)
        .collect();
    assert!(texts.contains(&format!("{start} (B)")), "B's text is kept");
    assert!(texts.contains(&format!("{start} (A)")));

    // B, not typing, notices within a second and shows the text now.
    b.update(Action::Back);
    later(&mut b, 5);
    assert_eq!(editor_text(&b), format!("{start} (A)"));
    assert!(
        matches!(&b.message, Some(Message::Info(m)) if m.contains("Changed in another window")),
        "{:?}",
        b.message
    );
}

#[test]
fn a_contact_is_not_saved_into_a_category_another_window_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    a.update(Action::GoTo(Pane::Categories));
    a.update(Action::ShowContacts);
    a.update(Action::Add);
    typed(&mut a, "Bo Chen");

    let mut b = window(&db);
    b.update(Action::GoTo(Pane::Categories));
    b.update(Action::Delete);
    b.update(Action::Confirm);

    a.update(Action::Save);
    let (field, why) = common::form_error(&a).expect("refused");
    assert_eq!(field, "Category");
    assert!(why.contains("deleted"), "{why}");
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let names: Vec<String> = store::contact::list(&conn, list25::domain::contact::ContactView::All)
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        ["Ana Lima"],
        "Bo is not saved; Ana stays, in no category"
    );
}

#[test]
fn a_window_notices_writes_from_the_command_line_within_a_second() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    a.update(Action::GoTo(Pane::Categories));
    later(&mut a, 1);
    assert_eq!(a.categories.list.len(), 2);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(&db)
        .args(["category", "add", "Florists"])
        .output()
        .expect("run");
    assert!(o.status.success());
    later(&mut a, 2);
    let names: Vec<&str> = a.categories.list.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Printers", "Bankers", "Florists"]);
}

#[test]
fn an_edit_over_a_change_made_elsewhere_asks_first_and_says_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    a.update(Action::GoTo(Pane::Categories));
    a.update(Action::ShowContacts);
    a.update(Action::Edit);

    let mut b = window(&db);
    b.update(Action::GoTo(Pane::Categories));
    b.update(Action::ShowContacts);
    b.update(Action::Edit);
    b.update(Action::NextField);
    typed(&mut b, "Lima & Co");
    b.update(Action::Save);
    assert!(b.popup.is_none(), "{:?}", common::form_error(&b));

    // A changed only the company as well: asked first, with what it holds.
    a.update(Action::NextField);
    typed(&mut a, "Lima Print");
    a.update(Action::NextField);
    typed(&mut a, "ana@lima.co");
    a.update(Action::Save);
    let (field, why) = common::form_error(&a).expect("asked first");
    assert_eq!(field, "Company");
    assert!(why.contains("Changed in another window"), "{why}");
    let Some(Popup::Form(form)) = &a.popup else {
        panic!("form open");
    };
    assert_eq!(form.fields[1].note.as_deref(), Some("now: Lima & Co"));
    // Enter again: yours is saved over it.
    a.update(Action::Save);
    assert!(a.popup.is_none(), "{:?}", common::form_error(&a));
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let ana =
        &store::contact::list(&conn, list25::domain::contact::ContactView::All).expect("list")[0];
    assert_eq!(
        (ana.company.as_str(), ana.email.as_str()),
        ("Lima Print", "ana@lima.co")
    );
}

#[test]
fn an_edit_never_writes_back_a_field_another_window_changed_and_it_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    a.update(Action::GoTo(Pane::Categories));
    a.update(Action::ShowContacts);
    a.update(Action::Edit);

    let mut b = window(&db);
    b.update(Action::GoTo(Pane::Categories));
    b.update(Action::ShowContacts);
    b.update(Action::Edit);
    b.update(Action::NextField);
    typed(&mut b, "Lima & Co");
    b.update(Action::Save);
    assert!(b.popup.is_none(), "{:?}", common::form_error(&b));

    // A changes the e-mail only: saved at once, the company as B left it.
    a.update(Action::NextField);
    a.update(Action::NextField);
    typed(&mut a, "ana@lima.co");
    a.update(Action::Save);
    assert!(a.popup.is_none(), "{:?}", common::form_error(&a));
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let ana =
        &store::contact::list(&conn, list25::domain::contact::ContactView::All).expect("list")[0];
    assert_eq!(
        (ana.company.as_str(), ana.email.as_str()),
        ("Lima & Co", "ana@lima.co")
    );
}

#[test]
fn a_stage_change_for_someone_deleted_elsewhere_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    a.update(Action::GoTo(Pane::Categories));
    a.update(Action::ShowContacts);
    let mut b = window(&db);
    b.update(Action::GoTo(Pane::Categories));
    b.update(Action::ShowContacts);
    b.update(Action::Delete);
    b.update(Action::Confirm);
    a.update(Action::StageUp);
    assert!(
        error(&a).contains("Deleted in another window"),
        "{}",
        error(&a)
    );
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let id = conn
        .query_row("SELECT id FROM contact", [], |r| r.get::<_, i64>(0))
        .expect("id");
    let history = store::contact::stage_history(&conn, id).expect("history");
    assert_eq!(
        history.iter().map(|h| h.0).collect::<Vec<_>>(),
        [Stage::Identified]
    );
    later(&mut a, 1);
    assert!(a.contacts.rows.is_empty(), "the window shows she is gone");
}

#[test]
fn a_thank_you_sent_in_another_window_is_not_sent_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(&db)
        .args(["--today", "2026-11-22"])
        .args([
            "referral",
            "received",
            "--from",
            "Ana",
            "--for",
            "Bruno Alves",
        ])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut a = window(&db);
    let mut b = window(&db);
    for w in [&mut a, &mut b] {
        w.update(Action::GoTo(Pane::Referrals));
        assert_eq!(
            w.referrals.list[0].owed_since(),
            Some(common::date("2026-11-22"))
        );
        w.update(Action::ThankSent);
        w.update(Action::PickHow(list25::domain::ThanksHow::Card));
        assert!(matches!(w.popup, Some(Popup::Form(_))));
    }
    a.update(Action::Save);
    assert!(a.popup.is_none());
    b.update(Action::Save);
    assert!(b.popup.is_none());
    match &b.message {
        Some(Message::Info(m)) => assert!(m.contains("another window"), "{m}"),
        other => panic!("{other:?}"),
    }
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let ana = store::contact::list(&conn, list25::domain::contact::ContactView::All)
        .expect("list")
        .into_iter()
        .find(|c| c.name == "Ana Lima")
        .expect("ana");
    assert_eq!(
        store::contact::touches(&conn, ana.id)
            .expect("touches")
            .len(),
        1,
        "one thank-you, one touch"
    );
    // The other window shows it thanked once it looks again.
    later(&mut b, 1);
    assert_eq!(
        b.referrals.list[0].thanked,
        Some(common::date("2026-11-22"))
    );
}

#[test]
fn an_event_open_in_one_window_shows_who_came_in_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    let mut a = window(&db);
    let b = window(&db);
    let draft = list25::domain::EventDraft::new("Open house", common::date("2026-11-20"), "", "")
        .expect("draft");
    let event = store::event::add(b.connection(), &draft, None, &common::now()).expect("event");
    a.update(Action::GoTo(Pane::Events));
    later(&mut a, 5);
    assert_eq!(
        a.events.past.len(),
        1,
        "the event added elsewhere is listed"
    );
    a.update(Action::Open);
    let ana = store::contact::lookup(b.connection(), "Ana").expect("lookup");
    let store::Lookup::One(ana) = ana else {
        panic!("Ana");
    };
    store::event::came(b.connection(), event, ana.id, &[], &common::now()).expect("came");
    later(&mut a, 10);
    let Some(list25::app::Opened::Event { event, guests, .. }) = &a.events.open else {
        panic!("still open");
    };
    assert_eq!(event.came, 1);
    assert_eq!(guests[0].name, "Ana Lima");
    // Deleted in the other window: the open event closes, and says so.
    store::event::delete(b.connection(), event.id, &common::now()).expect("delete");
    later(&mut a, 15);
    assert!(a.events.open.is_none());
    assert!(a.events.past.is_empty());
}

#[test]
fn an_ask_answered_in_one_window_is_not_answered_again_in_the_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shared_file(dir.path());
    {
        let conn = store::open(&db, common::date("2026-11-22")).expect("open");
        let mut bo = ContactDraft::named("Bo Chen").expect("draft");
        bo.client_since = Some(common::date("2026-10-01"));
        store::contact::add(&conn, None, &bo, &common::now()).expect("bo");
    }
    let mut a = window(&db);
    let mut b = window(&db);
    for app in [&mut a, &mut b] {
        let at = app
            .today_rows()
            .iter()
            .position(|r| matches!(r, list25::app::TodayRow::Ask(_)))
            .expect("Bo's ask is due");
        app.today_pane.cursor = at;
        app.update(Action::Toggle);
    }
    b.update(Action::PickOutcome(list25::domain::Outcome::No));
    assert!(matches!(&b.message, Some(Message::Info(m)) if m.contains("not at all")));
    a.update(Action::PickOutcome(list25::domain::Outcome::No));
    assert!(
        error(&a).contains("Answered in another window"),
        "{}",
        error(&a)
    );
    let conn = store::open(&db, common::date("2026-11-22")).expect("open");
    let bo = match store::contact::lookup(&conn, "Bo").expect("lookup") {
        store::Lookup::One(c) => c.id,
        other => panic!("{other:?}"),
    };
    let asks = store::ask::for_client(&conn, bo).expect("asks");
    assert_eq!(
        asks.len(),
        2,
        "one answer and the next ask, not two answers"
    );
}
