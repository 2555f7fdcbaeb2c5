//! Shared set-up for the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use list25::app::App;
use list25::domain::{Program, parse_date};
use list25::store;

/// Draw the app once on a `width` x `height` test terminal.
pub fn draw(
    app: &App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal.draw(|f| list25::ui::render(f, app)).expect("draw");
    terminal
}

/// The label of the field the open form's error is beside, and the error.
pub fn form_error(app: &App) -> Option<(&'static str, String)> {
    match &app.popup {
        Some(list25::app::Popup::Form(f)) => f
            .error
            .as_ref()
            .map(|(i, m)| (f.fields[*i].label, m.clone())),
        _ => None,
    }
}

/// The label of the focused field of the open form.
pub fn form_focus(app: &App) -> Option<&'static str> {
    match &app.popup {
        Some(list25::app::Popup::Form(f)) => Some(f.focused_label()),
        _ => None,
    }
}

pub fn date(s: &str) -> NaiveDate {
    parse_date(s).expect("test date")
}

/// An app on a fresh in-memory database whose program started on `start`,
/// seen on `today`.
pub fn app(start: &str, today: &str) -> App {
    app_with(start, today, |_| {})
}

/// Like `app`, with `setup` writing to the database before the app loads it.
pub fn app_with(start: &str, today: &str, setup: impl FnOnce(&rusqlite::Connection)) -> App {
    let conn = store::open_in_memory(date(start)).expect("in-memory store");
    setup(&conn);
    App::new(
        conn,
        Program::builtin().expect("program"),
        date(today),
        "/home/ana/.local/share/list25/list25.db".into(),
    )
    .expect("app")
    .with_clock(|| chrono::NaiveTime::from_hms_opt(8, 15, 0).expect("time"))
}
pub mod pty;
