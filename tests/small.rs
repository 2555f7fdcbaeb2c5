//! The smallest terminal list25 draws in: what matters stays in view.

mod common;

use list25::action::Action;
use list25::app::{MIN_HEIGHT, MIN_WIDTH, Pane};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn screen_text(app: &list25::app::App, w: u16, h: u16) -> String {
    let terminal = common::draw(app, w, h);
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_error_on_the_last_field_of_a_long_form_is_in_view_at_the_smallest_size() {
    let mut app = common::app_with("2026-11-22", "2026-11-22", |conn| {
        common::category(conn, "Printers");
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app.update(Action::Add);
    for c in "Ana".chars() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))));
    }
    // Shift-Tab from the first field goes to the last: "Follow up on".
    app.update(Action::PrevField);
    for c in "soon".chars() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))));
    }
    app.update(Action::Save);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("Follow up on"));
    let screen = screen_text(&app, MIN_WIDTH, MIN_HEIGHT);
    assert!(screen.contains("Follow up on"), "{screen}");
    assert!(screen.contains("is not a date"), "{screen}");
    // The first field scrolled out of view to make room.
    assert!(!screen.contains("Name "), "{screen}");
    assert!(
        screen.contains("↑ more"),
        "says there is more above: {screen}"
    );
    app.update(Action::NextField);
    let screen = screen_text(&app, MIN_WIDTH, MIN_HEIGHT);
    assert!(screen.contains("Name "), "back at the top: {screen}");
}
