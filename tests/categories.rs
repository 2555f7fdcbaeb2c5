//! Categories: update and render through the app, on a real in-memory store.

mod common;

use common::typed;

use common::draw;

use list25::action::Action;
use list25::app::{App, Pane, Popup};
use list25::domain::{Metric, Status};
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Add a category through the form: name, Tab, why, Tab, target, Enter.
fn add(app: &mut App, name: &str, why: &str, target: &str) {
    app.update(Action::Add);
    typed(app, name);
    app.update(Action::NextField);
    typed(app, why);
    app.update(Action::NextField);
    typed(app, target);
    app.update(Action::Save);
}

fn names(app: &App) -> Vec<String> {
    store::category::list(app.connection())
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect()
}

fn app_on_categories() -> App {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::GoTo(Pane::Categories));
    app
}

#[test]
fn the_form_adds_a_category_and_the_measured_task_counts_it() {
    let mut app = app_on_categories();
    add(
        &mut app,
        "Accountants",
        "they see every start-up's books",
        "",
    );
    assert!(app.popup.is_none());
    let stored = store::category::list(app.connection()).expect("list");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].why, "they see every start-up's books");
    assert_eq!(stored[0].target, 3);
    assert_eq!(app.checklist.metrics.value(Metric::Categories), 1);
    let (r, t) = app
        .program
        .tasks()
        .find(|(_, t)| t.measure.is_some_and(|m| m.metric == Metric::Categories))
        .map(|(r, t)| (r, t.clone()))
        .expect("a measured task");
    assert_eq!(
        app.checklist.status(&r, &t),
        Status::Measured {
            value: 1,
            target: 5
        }
    );
}

#[test]
fn errors_stay_beside_their_field_and_nothing_is_written() {
    let mut app = app_on_categories();
    add(&mut app, "", "", "");
    let (field, _) = common::form_error(&app).expect("the form stays open with an error");
    assert_eq!(field, "Name");
    assert_eq!(common::form_focus(&app), Some("Name"));
    app.update(Action::Cancel);
    add(&mut app, "Bankers", "", "99");
    let (field, why) = common::form_error(&app).expect("an error");
    assert_eq!(field, "Target");
    assert!(why.contains("1 to 25"), "{why}");
    assert_eq!(common::form_focus(&app), Some("Target"));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Cancel);
    assert!(names(&app).is_empty());

    add(&mut app, "Printers", "", "");
    add(&mut app, "PRINTERS", "", "");
    let (field, why) = common::form_error(&app).expect("an error");
    assert_eq!(field, "Name");
    assert!(why.contains("already a category"), "{why}");
    assert_eq!(names(&app), ["Printers"]);
}

#[test]
fn edit_reorder_delete_and_undo() {
    let mut app = app_on_categories();
    for n in ["Accountants", "Attorneys", "Bankers"] {
        add(&mut app, n, "", "");
    }
    assert_eq!(app.categories.cursor, 2, "the new one is selected");
    app.update(Action::MoveUp);
    app.update(Action::MoveUp);
    app.update(Action::MoveUp);
    assert_eq!(names(&app), ["Bankers", "Accountants", "Attorneys"]);
    assert_eq!(app.categories.cursor, 0, "the cursor follows the moved one");

    app.update(Action::Edit);
    for _ in 0.."Bankers".len() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    typed(&mut app, "Private bankers");
    app.update(Action::Save);
    assert_eq!(names(&app)[0], "Private bankers");

    app.update(Action::Down);
    app.update(Action::Delete);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    app.update(Action::Cancel);
    assert_eq!(names(&app).len(), 3, "no deletes without a yes");
    app.update(Action::Delete);
    app.update(Action::Confirm);
    assert_eq!(names(&app), ["Private bankers", "Attorneys"]);
    assert_eq!(app.checklist.metrics.value(Metric::Categories), 2);
    app.update(Action::Undo);
    assert_eq!(names(&app), ["Private bankers", "Accountants", "Attorneys"]);
    assert_eq!(
        app.categories.list[app.categories.cursor].name,
        "Accountants"
    );
}

#[test]
fn the_pane_with_accents_cjk_and_emoji() {
    let mut app = app_on_categories();
    add(
        &mut app,
        "Comptables à Montréal",
        "ils tiennent les livres des jeunes pousses",
        "4",
    );
    add(&mut app, "会計士 🧾", "税理士と一緒に創業者に会う", "");
    add(&mut app, "Career counselors 🧭", "", "");
    add(
        &mut app,
        "A very long occupational category name that will not fit",
        "",
        "",
    );
    app.message = None;
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn the_empty_pane_says_what_to_do() {
    let app = app_on_categories();
    let text = draw(&app, 80, 24).backend().to_string();
    assert!(text.contains("0 of 10 categories"), "{text}");
    assert!(
        text.contains("Press a to add one, or s for suggestions"),
        "{text}"
    );
}

#[test]
fn suggestions_ask_the_profession_once_then_add_several_in_one_step() {
    let mut app = app_on_categories();
    add(&mut app, "Printers", "", "");
    app.update(Action::Suggest);
    assert_eq!(common::form_focus(&app), Some("Profession"));
    app.update(Action::Save);
    assert!(common::form_error(&app).is_some(), "a profession is needed");
    typed(&mut app, "Graphic designer for start-ups");
    app.update(Action::Save);
    let Some(Popup::Suggest(s)) = &app.popup else {
        panic!("the picker opens once the profession is saved");
    };
    assert_eq!(s.profession, "Graphic designer serving start-ups");
    let printers = s
        .items
        .iter()
        .find(|i| i.name == "Printers")
        .expect("suggested");
    assert!(printers.on_list, "what is on the list already is marked");
    // Pick the first three, and try to pick Printers again.
    for _ in 0..3 {
        app.update(Action::Toggle);
        app.update(Action::Down);
    }
    for _ in 0..4 {
        app.update(Action::Down);
    }
    app.update(Action::Toggle);
    let Some(Popup::Suggest(s)) = &app.popup else {
        panic!("still picking");
    };
    assert_eq!(s.items[s.cursor].name, "Printers");
    assert!(
        !s.items[s.cursor].picked,
        "what is on the list cannot be picked"
    );
    app.update(Action::Top);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Save);
    assert_eq!(
        names(&app),
        ["Printers", "Accountants", "Attorneys", "Bankers"]
    );
    assert!(app.popup.is_none());
    // Each came with its line of why, as the picker showed it.
    let accountants = &app.categories.list[1];
    assert!(!accountants.why.is_empty(), "the why is kept");
    let suggestions = list25::domain::suggest::builtin().expect("suggestions");
    assert_eq!(
        Some(&accountants.why),
        suggestions.why.get("Accountants"),
        "as suggested"
    );
    // Asked once: the next time goes straight to the picker.
    app.update(Action::Suggest);
    assert!(matches!(app.popup, Some(Popup::Suggest(_))));
}

#[test]
fn more_categories_than_the_goal_are_not_called_eleven_of_ten() {
    let app = common::app_with("2026-11-20", "2026-11-22", |conn| {
        for i in 0..11 {
            common::category(conn, &format!("Category {i}"));
        }
    });
    let mut app = app;
    app.update(Action::GoTo(Pane::Categories));
    let screen = format!("{:?}", draw(&app, 80, 24).backend().buffer());
    assert!(
        screen.contains("11 categories (the goal was 10)"),
        "{screen}"
    );
    assert!(!screen.contains("11 of 10"), "{screen}");
}

/// A profession nobody listed opens the list of professions; choosing the
/// nearest shows its suggestions, each with its line of why.
#[test]
fn a_profession_that_fits_nothing_offers_the_professions_to_choose_from() {
    let mut app = app_on_categories();
    app.update(Action::Suggest);
    typed(&mut app, "beekeeper");
    app.update(Action::Save);
    let Some(Popup::Suggest(s)) = &app.popup else {
        panic!("the professions are offered");
    };
    assert!(s.choosing);
    assert!(s.items.len() >= 30, "{}", s.items.len());
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("No suggestions fit \"beekeeper\" well"),
        "{screen}"
    );
    assert!(screen.contains("Enter choose"), "{screen}");
    let dentist = s
        .items
        .iter()
        .position(|i| i.name == "Dentist")
        .expect("listed");
    for _ in 0..dentist {
        app.update(Action::Down);
    }
    app.update(Action::Save);
    let Some(Popup::Suggest(s)) = &app.popup else {
        panic!("the dentist's suggestions");
    };
    assert!(!s.choosing);
    assert_eq!(s.profession, "Dentist");
    assert!(s.items.iter().any(|i| i.name == "Orthodontists"));
    assert!(
        s.items.iter().all(|i| !i.why.is_empty()),
        "each has its why"
    );
    // Nothing was added by choosing.
    assert!(names(&app).is_empty());
}

#[test]
fn a_mortgage_broker_is_not_told_to_court_mortgage_brokers() {
    let mut app = app_on_categories();
    app.update(Action::Suggest);
    typed(&mut app, "Mortgage broker");
    app.update(Action::Save);
    let Some(Popup::Suggest(s)) = &app.popup else {
        panic!("suggestions");
    };
    assert_eq!(s.profession, "Mortgage broker");
    assert!(s.items.iter().any(|i| i.name == "Real estate agents"));
    assert!(!s.items.iter().any(|i| i.name.contains("Mortgage")));
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("Suggested for: Mortgage broker"),
        "{screen}"
    );
}
