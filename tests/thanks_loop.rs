//! The thank-you loop's edges: the news of how it went has its own script
//! and question, a touchpoint copies the script named like it, the Done
//! form keeps what is typed as the note, and a database made before the
//! second set of starter scripts gets it once. Keys go through the keymap.

mod common;

use common::day::{busy, info, key, press, row_of};
use common::typed;
use list25::app::{Popup, TodayRow};
use list25::store;
use ratatui::crossterm::event::KeyCode;

/// Your details, for the scripts' {my_name}.
fn me(app: &list25::app::App) {
    let me = list25::domain::template::Me {
        name: "Jane Roe".into(),
        value: "helps start-ups look established".into(),
        profession: "designer".into(),
    };
    store::settings::set_me(app.connection(), &me).expect("me");
}

#[test]
fn the_news_of_how_it_went_has_its_own_script_and_question() {
    let mut app = busy();
    me(&app);
    // Ana is thanked for Zoë; Zoë becomes a client: Ana is owed the news.
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::ThankYou(_)));
    key(&mut app, ' ');
    key(&mut app, 'd');
    press(&mut app, KeyCode::Enter);
    key(&mut app, '6');
    key(&mut app, 'g');
    key(&mut app, 'e');
    key(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("Zoë Brandt is a client now"),
        "{}",
        info(&app)
    );
    key(&mut app, '1');
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::ThankYou(_)));
    let t = app.selected_thank_you().expect("the news owed").clone();
    assert!(
        t.what().starts_with("Tell Ana Lima how it went"),
        "{}",
        t.what()
    );
    key(&mut app, 'y');
    let copied = app.clipboard.clone().unwrap_or_default();
    assert!(copied.contains("A short word about Zoë Brandt"), "{copied}");
    assert!(
        info(&app).contains("Tell a referrer how it went"),
        "{}",
        info(&app)
    );
    key(&mut app, ' ');
    let screen = format!("{:?}", common::draw(&app, 80, 24).backend());
    assert!(screen.contains("How did you tell them?"), "{screen}");
    assert!(!screen.contains("How did you thank them?"), "{screen}");
}

#[test]
fn a_touchpoint_copies_the_script_named_like_it_and_its_note_is_what_is_typed() {
    let mut app = busy();
    me(&app);
    let welcome = row_of(
        &app,
        |r| matches!(r, TodayRow::Touchpoint(i) if app.today_pane.touchpoints[*i].title == "Welcome card"),
    );
    app.today_pane.cursor = welcome;
    key(&mut app, 'y');
    let copied = app.clipboard.clone().unwrap_or_default();
    assert!(copied.contains("Welcome! I'm delighted"), "{copied}");
    // A step no script is named like says how to give it one.
    let check_in = row_of(
        &app,
        |r| matches!(r, TodayRow::Touchpoint(i) if app.today_pane.touchpoints[*i].title.starts_with("Check-in")),
    );
    app.today_pane.cursor = check_in;
    app.clipboard = None;
    key(&mut app, 'y');
    assert!(app.clipboard.is_none());
    assert!(
        info(&app).contains("whose title begins with it"),
        "{}",
        info(&app)
    );
    // Done: what is typed is the note, not glued to the step's title.
    app.today_pane.cursor = welcome;
    let client = app
        .selected_touchpoint()
        .expect("the welcome card")
        .client_id;
    key(&mut app, ' ');
    assert_eq!(common::form_focus(&app), Some("Note"));
    typed(&mut app, "Handwritten, with a pen from the studio");
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "{:?}", common::form_error(&app));
    let touches = store::touch::list(app.connection(), client).expect("touches");
    assert_eq!(touches[0].note, "Handwritten, with a pen from the studio");
}

#[test]
fn a_touchpoint_done_with_nothing_typed_is_noted_as_its_step() {
    let mut app = busy();
    app.today_pane.cursor = row_of(
        &app,
        |r| matches!(r, TodayRow::Touchpoint(i) if app.today_pane.touchpoints[*i].title == "Welcome card"),
    );
    let client = app
        .selected_touchpoint()
        .expect("the welcome card")
        .client_id;
    key(&mut app, ' ');
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "{:?}", common::form_error(&app));
    let touches = store::touch::list(app.connection(), client).expect("touches");
    assert_eq!(touches[0].note, "Welcome card");
}

#[test]
fn a_database_made_with_the_first_starters_gets_the_new_ones_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let titles = |db: &std::path::Path| {
        let conn = store::open(db, common::date("2026-11-22")).expect("open");
        store::script::list(&conn)
            .expect("scripts")
            .into_iter()
            .map(|s| s.title)
            .collect::<Vec<_>>()
    };
    let all = titles(&db);
    assert!(
        all.contains(&"Tell a referrer how it went".to_owned()),
        "{all:?}"
    );
    // As a database made before the second set: without them and the mark.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(
            "DELETE FROM script_version WHERE script_id IN (SELECT id FROM script
               WHERE title IN ('Tell a referrer how it went', 'Ask for referrals, as planned'));
             DELETE FROM script
               WHERE title IN ('Tell a referrer how it went', 'Ask for referrals, as planned');
             DELETE FROM setting WHERE key = 'scripts_seeded_2';",
        )
        .expect("older");
    }
    assert_eq!(titles(&db).len(), all.len(), "added on the next open");
    // Deleted by the user: never added again.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute(
            "UPDATE script SET deleted_at = '2026-11-22 09:00:00'
             WHERE title = 'Tell a referrer how it went'",
            [],
        )
        .expect("deleted");
    }
    assert_eq!(titles(&db).len(), all.len() - 1);
}
