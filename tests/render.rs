//! Render tests: the panes drawn on a fixed-size TestBackend, pinned today.

mod common;

use common::draw;

use list25::action::Action;
use list25::app::{App, Pane};

/// Day 3, with the first task behind (of day 2, the most recent) ticked
/// and a note on day 3.
fn day_three() -> App {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Toggle);
    app.update(Action::Top);
    app.update(Action::EditNote);
    for c in "Ask Bo, the café owner, which accountant he uses".chars() {
        app.update(Action::Input(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(c),
        )));
    }
    app.update(Action::Save);
    app.message = None;
    app
}

#[test]
fn today_at_80x24() {
    insta::assert_snapshot!(draw(&day_three(), 80, 24).backend());
}

#[test]
fn today_at_120x40() {
    insta::assert_snapshot!(draw(&day_three(), 120, 40).backend());
}

#[test]
fn today_before_the_program_starts() {
    let app = common::app("2026-11-25", "2026-11-22");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn program_at_80x24_with_tasks_focused() {
    let mut app = day_three();
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::Open);
    app.update(Action::Toggle);
    app.message = None;
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn program_at_100x30_on_a_behind_day() {
    let mut app = day_three();
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::Up);
    app.update(Action::Up);
    insta::assert_snapshot!(draw(&app, 100, 30).backend());
}

#[test]
fn help_lists_keys_and_the_database() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::Help);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn start_date_form_shows_its_error() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::EditStart);
    app.update(Action::Input(ratatui::crossterm::event::KeyEvent::from(
        ratatui::crossterm::event::KeyCode::Char('x'),
    )));
    app.update(Action::Save);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn a_tiny_terminal_is_told_not_drawn_into() {
    let app = common::app("2026-11-22", "2026-11-22");
    let terminal = draw(&app, 30, 6);
    let text = terminal.backend().to_string();
    assert!(text.contains("The terminal is 30x6"), "{text}");
    assert!(text.contains("60x16"), "{text}");
}

/// A status message longer than the terminal is wide is wrapped and read
/// whole, above the footer; the footer stays.
#[test]
fn a_long_status_message_is_shown_whole_at_80_columns() {
    let mut app = day_three();
    let long = "Could not save: the database file is read-only. Check its \
                permissions, or copy it somewhere you can write, then open \
                that copy with --db.";
    app.message = Some(list25::app::Message::Error(long.into()));
    let screen = draw(&app, 80, 24).backend().to_string();
    let shown: String = screen
        .lines()
        .rev()
        .skip(1)
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(shown, long, "{screen}");
    assert!(screen.lines().last().unwrap_or_default().contains("? help"));
}

/// On Today, a follow-up's "overdue since …" is never cut: the name gives
/// way first.
#[test]
fn a_long_name_gives_way_to_when_a_follow_up_is_due() {
    use list25::domain::ContactDraft;
    let app = common::app_with("2026-11-20", "2026-11-22", |conn| {
        let c = common::category(conn, "Entrepreneurship center staff");
        let mut d = ContactDraft::named("Vikram Eriksen-Lindqvist").expect("draft");
        d.next_follow_up = Some(common::date("2026-11-19"));
        list25::store::contact::add(conn, Some(c), &d, &common::now()).expect("add");
    });
    let screen = draw(&app, 80, 24).backend().to_string();
    let row = screen
        .lines()
        .find(|l| l.contains("Vikram"))
        .expect("the follow-up row");
    assert!(row.contains("· overdue since Thu 19 Nov"), "{row}");
    assert!(row.contains('…'), "the name is cut instead: {row}");
}
