//! A paste is text, never keys: into forms as one line, into notes and
//! scripts as it is; Ctrl-J is a new line everywhere.

mod common;

use list25::action::Action;
use list25::app::{App, Message, Pane, Popup};
use list25::domain::text::MAX_TEXT;
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PASTE: &str = "Line one\tCo\nLine two\nLine three";

fn app_with_a_category() -> App {
    let mut app = common::app_with("2026-11-22", "2026-11-22", |conn| {
        common::category(conn, "Printers");
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app
}

fn contacts(app: &App) -> Vec<String> {
    store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect()
}

#[test]
fn a_paste_into_the_contact_form_is_one_line_in_one_field_and_saves_nothing() {
    let mut app = app_with_a_category();
    app.update(Action::Add);
    app.update(Action::Paste(PASTE.into()));
    assert!(contacts(&app).is_empty(), "a paste never presses Enter");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("the form stays open");
    };
    assert_eq!(form.focus, 0, "a paste never presses Tab");
    assert_eq!(form.value(0), "Line one Co Line two Line three");
    assert_eq!(form.value(1), "");
    app.update(Action::Save);
    assert_eq!(contacts(&app), ["Line one Co Line two Line three"]);
}

#[test]
fn a_paste_into_a_day_note_keeps_its_lines_and_runs_no_command() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::EditNote);
    app.update(Action::Paste("Call Ana\r\nq\n3\nd".into()));
    assert!(app.running, "q in a paste does not quit");
    assert_eq!(app.pane, Pane::Today, "3 in a paste does not change pane");
    app.update(Action::Save);
    assert_eq!(
        store::program::notes(app.connection())
            .expect("notes")
            .get(&1)
            .map(String::as_str),
        Some("Call Ana\nq\n3\nd")
    );
}

#[test]
fn a_paste_where_there_is_no_field_changes_nothing_and_says_so() {
    let mut app = app_with_a_category();
    app.update(Action::Paste("dy".into()));
    assert!(app.popup.is_none(), "no delete was asked for");
    assert!(
        matches!(&app.message, Some(Message::Info(m)) if m.contains("Nothing to paste into")),
        "{:?}",
        app.message
    );
}

fn scripts_editor() -> App {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::GoTo(Pane::Scripts));
    app.update(Action::Open);
    assert!(app.editing_script());
    app
}

fn editor_text(app: &App) -> String {
    app.scripts
        .editor
        .as_ref()
        .expect("editor")
        .text
        .lines()
        .join("\n")
}

#[test]
fn a_paste_into_the_script_editor_is_inserted_as_it_is() {
    let mut app = scripts_editor();
    let before = editor_text(&app);
    app.update(Action::Paste(
        "\nP.S. Bring a friend\u{1b}[2J\r\nto the workshop.".into(),
    ));
    assert_eq!(
        editor_text(&app),
        format!("{before}\nP.S. Bring a friend[2J\nto the workshop.")
    );
    assert!(app.editing_script(), "still writing");
}

#[test]
fn ctrl_j_starts_a_new_line_in_the_script_editor_and_deletes_nothing() {
    let mut app = scripts_editor();
    let before = editor_text(&app);
    for c in ['a', 'b'] {
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))));
    }
    app.update(Action::Input(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::CONTROL,
    )));
    app.update(Action::Input(KeyEvent::from(KeyCode::Char('c'))));
    assert_eq!(editor_text(&app), format!("{before}ab\nc"));
}

#[test]
fn a_paste_past_the_size_limit_is_refused_and_changes_nothing() {
    let mut app = scripts_editor();
    let before = editor_text(&app);
    app.update(Action::Paste("x".repeat(MAX_TEXT)));
    assert_eq!(editor_text(&app), before);
    assert!(
        matches!(&app.message, Some(Message::Error(m)) if m.contains("limit")),
        "{:?}",
        app.message
    );
}
