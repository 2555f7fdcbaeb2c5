//! People imported with no category of the user's: the unsorted view of
//! Contacts, and `p` putting one in a category.

mod common;

use common::{draw, fill, typed};
use list25::action::Action;
use list25::app::{App, Pane, Shows};
use list25::domain::ContactDraft;
use list25::store;
use rusqlite::Connection;

/// Attorneys and Bankers, with Ana in Bankers; Bo, Chloé and Dan in no
/// category; Eve a client in none.
fn setup(conn: &Connection) {
    common::category(conn, "Attorneys");
    let bankers = common::category(conn, "Bankers");
    let add = |name: &str, category: Option<i64>| {
        let d = ContactDraft::named(name).expect("draft");
        store::contact::add(conn, category, &d, &common::now()).expect("add")
    };
    add("Ana Lima", Some(bankers));
    for name in ["Bo Chen", "Chloé Adams", "Dan Brown"] {
        add(name, None);
    }
    let eve = add("Eve Park", None);
    store::contact::set_client(conn, eve, Some(common::date("2026-10-01")), &common::now())
        .expect("client");
}

fn unsorted_app() -> App {
    let mut app = common::app_with("2026-11-20", "2026-11-24", setup);
    app.update(Action::GoTo(Pane::Contacts));
    while app.contacts.shows != Shows::Unsorted {
        app.update(Action::NextView);
    }
    app
}

fn names(app: &App) -> Vec<String> {
    app.contacts.rows.iter().map(|c| c.name.clone()).collect()
}

#[test]
fn the_unsorted_view_lists_people_in_no_category_who_are_not_clients() {
    let app = unsorted_app();
    assert_eq!(names(&app), ["Bo Chen", "Chloé Adams", "Dan Brown"]);
    insta::assert_snapshot!("unsorted_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn p_puts_the_selected_person_in_a_category_and_the_cursor_moves_on() {
    let mut app = unsorted_app();
    app.update(Action::PutInCategory);
    typed(&mut app, "ba");
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("→ Bankers"), "{screen}");
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(names(&app), ["Chloé Adams", "Dan Brown"]);
    assert_eq!(
        app.contacts.current().map(|c| c.name.as_str()),
        Some("Chloé Adams")
    );
    let bo = store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
        .expect("list")
        .into_iter()
        .find(|c| c.name == "Bo Chen")
        .expect("Bo");
    assert_eq!(bo.category, "Bankers");
    // A part that means two, or none, is said and nothing moves.
    app.update(Action::PutInCategory);
    fill(&mut app, &["x"]);
    assert!(app.popup.is_some(), "the form stays open");
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("\"x\" is not on your list."), "{screen}");
    app.update(Action::Cancel);
    assert_eq!(names(&app), ["Chloé Adams", "Dan Brown"]);
}

#[test]
fn c_skips_the_unsorted_view_when_everyone_is_in_a_category() {
    let mut app = common::app_with("2026-11-20", "2026-11-24", |conn| {
        let a = common::category(conn, "Attorneys");
        let d = ContactDraft::named("Ana Lima").expect("draft");
        store::contact::add(conn, Some(a), &d, &common::now()).expect("add");
    });
    app.update(Action::GoTo(Pane::Contacts));
    let mut seen = Vec::new();
    for _ in 0..4 {
        app.update(Action::NextView);
        seen.push(app.contacts.shows);
    }
    assert!(!seen.contains(&Shows::Unsorted), "{seen:?}");
}

#[test]
fn p_finds_a_category_by_the_start_of_any_of_its_words() {
    let mut app = common::app_with("2026-11-20", "2026-11-24", |conn| {
        setup(conn);
        common::category(conn, "Business coaches");
    });
    app.update(Action::GoTo(Pane::Contacts));
    while app.contacts.shows != Shows::Unsorted {
        app.update(Action::NextView);
    }
    app.update(Action::PutInCategory);
    typed(&mut app, "coach");
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("→ Business coaches"), "{screen}");
    app.update(Action::Save);
    assert!(app.popup.is_none(), "saved");
    // A part inside a word, when no word starts with it.
    app.update(Action::PutInCategory);
    typed(&mut app, "ttorn");
    app.update(Action::Save);
    assert!(app.popup.is_none(), "saved in Attorneys");
    let listed = store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
        .expect("list");
    let category = |name: &str| {
        listed
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.category.clone())
            .expect("listed")
    };
    assert_eq!(category("Bo Chen"), "Business coaches");
    assert_eq!(category("Chloé Adams"), "Attorneys");
}
