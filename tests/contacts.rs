//! Contacts: quick entry, touches, stages, the 25 list, search and
//! follow-ups, through the app on a real in-memory store.

mod common;

use common::{fill, typed};

use common::draw;
use list25::action::Action;
use list25::app::{App, Pane, Popup, TodayRow};
use list25::domain::{CategoryDraft, ContactDraft, Stage, TouchKind};
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use rusqlite::Connection;

fn now() -> chrono::NaiveDateTime {
    common::date("2026-11-22")
        .and_hms_opt(8, 0, 0)
        .expect("time")
}

fn category(conn: &Connection, name: &str) -> i64 {
    store::category::add(
        conn,
        &CategoryDraft::parse(name, "", "").expect("draft"),
        &now(),
    )
    .expect("category")
}

/// Printers, with Ana and Bo in it, and Bankers. Returns the Printers id.
fn people(conn: &Connection) -> i64 {
    let printers = category(conn, "Printers");
    category(conn, "Bankers");
    for (name, company) in [("Ana Lima", "Print Co"), ("Bo Chen", "東京印刷 🖨")] {
        let mut d = ContactDraft::named(name).expect("draft");
        d.company = company.into();
        store::contact::add(conn, Some(printers), &d, &now()).expect("contact");
    }
    printers
}

/// An app on the Contacts pane of "Printers", with Ana and Bo in it.
fn with_people() -> App {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |c| {
        people(c);
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app
}

fn names(app: &App) -> Vec<String> {
    app.contacts.rows.iter().map(|c| c.name.clone()).collect()
}

#[test]
fn quick_entry_saves_and_opens_the_next_contact_in_the_same_category() {
    let mut app = with_people();
    app.update(Action::Add);
    fill(&mut app, &["Cy Dorn", "Dorn Print", "cy@dorn.co"]);
    assert!(
        common::form_error(&app).is_none(),
        "{:?}",
        common::form_error(&app)
    );
    match &app.popup {
        Some(Popup::Form(f)) => {
            assert!(f.title.contains("1 added"), "{}", f.title);
            assert_eq!(f.value(0), "", "a blank form for the next person");
            assert_eq!(f.value(6), "Printers", "in the same category");
        }
        _ => panic!("the form is ready for the next contact"),
    }
    fill(&mut app, &["Di Eck"]);
    app.update(Action::Cancel);
    assert_eq!(names(&app), ["Ana Lima", "Bo Chen", "Cy Dorn", "Di Eck"]);
    let cy = store::contact::get(app.connection(), app.contacts.rows[2].id)
        .expect("read")
        .expect("stored");
    assert_eq!(
        (cy.company.as_str(), cy.email.as_str()),
        ("Dorn Print", "cy@dorn.co")
    );
    assert_eq!(cy.category, "Printers");
    assert_eq!(app.checklist.metrics.contacts, 4);
}

#[test]
fn form_errors_sit_beside_their_fields_and_nothing_is_written() {
    let mut app = with_people();
    app.update(Action::Add);
    fill(&mut app, &["", "Acme"]);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("Name"));
    app.update(Action::Cancel);

    app.update(Action::Add);
    fill(
        &mut app,
        &["Cy", "", "cy@", "", "", "", "", "", "", "", "", "", "soon"],
    );
    let (field, why) = common::form_error(&app).expect("error");
    assert_eq!(field, "E-mail");
    assert!(why.contains("not an e-mail address"), "{why}");
    assert_eq!(common::form_focus(&app), Some("E-mail"));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    app.update(Action::Save);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("Follow up on"));
    app.update(Action::Cancel);

    app.update(Action::Add);
    fill(&mut app, &["Cy", "", "", "", "", "", "Nowhere"]);
    let (field, why) = common::form_error(&app).expect("error");
    assert_eq!(field, "Category");
    assert!(why.contains("not on your list"), "{why}");
    app.update(Action::Cancel);
    assert_eq!(names(&app), ["Ana Lima", "Bo Chen"]);
}

#[test]
fn referred_by_is_picked_by_fuzzy_name() {
    let mut app = with_people();
    app.update(Action::Add);
    typed(&mut app, "Cy Dorn");
    for _ in 0..9 {
        app.update(Action::NextField);
    }
    typed(&mut app, "ana");
    match &app.popup {
        Some(Popup::Form(f)) => {
            assert_eq!(f.fields[9].label, "Referred by");
            assert_eq!(f.fields[9].note.as_deref(), Some("→ Ana Lima (Printers)"))
        }
        _ => panic!("form open"),
    }
    app.update(Action::Save);
    app.update(Action::Cancel);
    let cy = app
        .contacts
        .rows
        .iter()
        .find(|c| c.name == "Cy Dorn")
        .expect("saved");
    let ana = app
        .contacts
        .rows
        .iter()
        .find(|c| c.name == "Ana Lima")
        .expect("ana");
    let cy = store::contact::get(app.connection(), cy.id)
        .expect("read")
        .expect("stored");
    assert_eq!(cy.referred_by, Some(ana.id));
}

#[test]
fn a_touch_moves_last_touch_follow_up_and_stage() {
    let mut app = with_people();
    app.update(Action::LogTouch);
    assert_eq!(app.context(), list25::keymap::Context::TouchKind);
    // A key that names no kind does nothing: the kind is never typed.
    app.update(Action::Input(KeyEvent::from(KeyCode::Char('x'))));
    assert!(matches!(app.popup, Some(Popup::TouchKind(_))));
    app.update(Action::PickKind(Some(TouchKind::Meeting)));
    fill(&mut app, &["coffee"]);
    assert!(app.popup.is_none(), "{:?}", common::form_error(&app));
    let ana = &app.contacts.rows[0];
    assert_eq!(ana.last_touch, Some(common::date("2026-11-22")));
    assert_eq!(ana.next_follow_up, Some(common::date("2026-12-22")));
    assert_eq!(ana.stage, Stage::Met);
    assert_eq!(
        app.contacts.history.iter().map(|h| h.0).collect::<Vec<_>>(),
        [Stage::Identified, Stage::Met]
    );
    let touches = store::contact::touches(app.connection(), ana.id).expect("touches");
    assert_eq!(
        touches,
        [(
            TouchKind::Meeting,
            common::date("2026-11-22"),
            "coffee".into()
        )]
    );
}

#[test]
fn the_message_after_a_touch_reads_as_english() {
    let mut app = with_people();
    for (kind, said) in [
        (TouchKind::Email, "Logged an e-mail with Ana Lima."),
        (TouchKind::Event, "Logged an event with Ana Lima."),
        (TouchKind::Call, "Logged a call with Ana Lima."),
    ] {
        app.update(Action::LogTouch);
        app.update(Action::PickKind(Some(kind)));
        fill(&mut app, &["", ""]);
        match &app.message {
            Some(list25::app::Message::Info(m)) => assert!(m.starts_with(said), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn one_contact_is_not_contacts() {
    let mut app = with_people();
    let screen = format!("{:?}", common::draw(&app, 80, 24).backend().buffer());
    assert!(screen.contains("Printers · 2 contacts"), "{screen}");
    app.update(Action::Delete);
    app.update(Action::Confirm);
    let screen = format!("{:?}", common::draw(&app, 80, 24).backend().buffer());
    assert!(screen.contains("Printers · 1 contact · "), "{screen}");
}

#[test]
fn stages_step_up_and_down_with_history() {
    let mut app = with_people();
    app.update(Action::StageUp);
    app.update(Action::StageUp);
    app.update(Action::StageDown);
    assert_eq!(app.contacts.rows[0].stage, Stage::Contacted);
    let history =
        store::contact::stage_history(app.connection(), app.contacts.rows[0].id).expect("h");
    assert_eq!(history.len(), 4, "{history:?}");
}

#[test]
fn marking_a_26th_partner_asks_first() {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |c| {
        let printers = people(c);
        for i in 0..25 {
            let d = ContactDraft::named(&format!("Partner {i:02}")).expect("draft");
            let id = store::contact::add(c, Some(printers), &d, &now()).expect("add");
            store::contact::set_stage(c, id, Stage::Met, now().date()).expect("met");
            store::contact::set_on_list(c, id, true, now().date()).expect("mark");
        }
    });
    assert_eq!(app.checklist.metrics.partners, 25);
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    assert_eq!(app.contacts.rows[0].name, "Ana Lima");
    app.update(Action::MarkPartner);
    match &app.popup {
        Some(Popup::Confirm { question, .. }) => {
            assert!(question.contains("already have 25"), "{question}");
            assert!(question.contains("not met Ana Lima yet"), "{question}");
        }
        _ => panic!("asks first"),
    }
    app.update(Action::Cancel);
    assert!(!app.contacts.rows[0].on_list);
    app.update(Action::MarkPartner);
    app.update(Action::Confirm);
    assert!(app.contacts.rows[0].on_list);
    assert_eq!(app.checklist.metrics.listed, 26);
    assert_eq!(
        app.checklist.metrics.partners, 26,
        "the list is the people starred, a 26th too"
    );
    app.update(Action::MarkPartner);
    assert!(!app.contacts.rows[0].on_list, "unmarking never asks");
}

#[test]
fn delete_asks_and_undo_brings_the_contact_back() {
    let mut app = with_people();
    app.update(Action::Delete);
    app.update(Action::Confirm);
    assert_eq!(names(&app), ["Bo Chen"]);
    app.update(Action::Undo);
    assert_eq!(names(&app), ["Ana Lima", "Bo Chen"]);
}

#[test]
fn search_finds_across_categories_and_enter_jumps_there() {
    let mut app = with_people();
    app.update(Action::Search);
    typed(&mut app, "東京");
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Contacts);
    assert_eq!(app.contacts.shows, list25::app::Shows::All);
    assert_eq!(app.contacts.rows[app.contacts.cursor].name, "Bo Chen");
}

#[test]
fn follow_ups_due_appear_on_today_and_space_logs_a_touch() {
    let mut app = with_people();
    assert!(app.today_pane.due.is_empty());
    app.update(Action::SetFollowUp);
    for _ in 0..10 {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    typed(&mut app, "2026-11-01");
    app.update(Action::Save);
    assert_eq!(app.today_pane.due.len(), 1);
    app.update(Action::GoTo(Pane::Today));
    let rows = app.today_rows();
    let at = rows
        .iter()
        .position(|r| matches!(r, TodayRow::FollowUp(_)))
        .expect("a follow-up row");
    assert!(
        matches!(rows[rows.len() - 2], TodayRow::Task(ref i) if i.behind),
        "follow-ups come before what is behind"
    );
    assert_eq!(rows.last(), Some(&TodayRow::Note), "the note comes last");
    for _ in 0..at {
        app.update(Action::Down);
    }
    assert_eq!(
        app.selected_follow_up().map(|c| c.name.as_str()),
        Some("Ana Lima")
    );
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Toggle);
    assert!(
        matches!(app.popup, Some(Popup::TouchKind(_))),
        "Space asks the kind"
    );
    app.update(Action::PickKind(Some(TouchKind::Call)));
    app.update(Action::Save);
    assert!(
        app.today_pane.due.is_empty(),
        "the touch moved the follow-up a month on"
    );
}

#[test]
fn the_pane_at_80x24_and_100x30() {
    let mut app = with_people();
    app.update(Action::LogTouch);
    app.update(Action::PickKind(Some(TouchKind::Meeting)));
    fill(&mut app, &["coffee"]);
    app.update(Action::MarkPartner);
    app.update(Action::Down);
    app.message = None;
    insta::assert_snapshot!("contacts_80x24", draw(&app, 80, 24).backend());
    app.update(Action::NextView);
    insta::assert_snapshot!("contacts_all_100x30", draw(&app, 100, 30).backend());
}

#[test]
fn one_contact_changed_keeps_the_list_as_the_store_orders_it() {
    let mut app = with_people();
    app.update(Action::NextView);
    app.update(Action::Edit);
    for _ in 0.."Ana Lima".chars().count() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    typed(&mut app, "Émile Zola");
    app.update(Action::Save);
    let stored: Vec<String> =
        store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect();
    assert_eq!(names(&app), stored);
    assert_eq!(names(&app), ["Bo Chen", "Émile Zola"]);
}

#[test]
fn a_second_ana_in_printers_or_a_known_e_mail_is_asked_about_first() {
    let mut app = with_people();
    app.update(Action::Add);
    fill(&mut app, &["ana lima"]);
    let (field, why) = common::form_error(&app).expect("asked first");
    assert_eq!(field, "Name");
    assert!(
        why.starts_with("Ana Lima (#1) is already in Printers."),
        "{why}"
    );
    assert_eq!(names(&app), ["Ana Lima", "Bo Chen"], "nothing added yet");
    app.update(Action::Save);
    assert!(common::form_error(&app).is_none(), "a second Enter adds");
    assert_eq!(names(&app), ["Ana Lima", "ana lima", "Bo Chen"]);

    // The same e-mail, anywhere, whatever its case.
    fill(&mut app, &["Cy Dorn", "", "CY@dorn.co"]);
    app.update(Action::Cancel);
    app.update(Action::Add);
    fill(&mut app, &["Someone Else", "", " cy@DORN.co "]);
    let (field, why) = common::form_error(&app).expect("asked first");
    assert_eq!(field, "E-mail");
    assert!(why.starts_with("Cy Dorn (#"), "{why}");
    // Typing in the form meanwhile means it asks again.
    typed(&mut app, "x");
    app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    app.update(Action::Save);
    assert!(common::form_error(&app).is_some(), "asked again");
    app.update(Action::Save);
    assert!(
        common::form_error(&app).is_none(),
        "{:?}",
        common::form_error(&app)
    );
    assert!(names(&app).contains(&"Someone Else".to_owned()));
    // Bo Chen in another category is someone else.
    app.update(Action::Cancel);
    let bankers = store::category::list(app.connection()).expect("list")[1].id;
    let d = ContactDraft::named("Bo Chen").expect("d");
    assert!(
        store::contact::same_as(app.connection(), &d.name, Some(bankers), "")
            .expect("read")
            .is_none()
    );
}
