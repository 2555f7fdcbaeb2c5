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

pub fn date(s: &str) -> NaiveDate {
    parse_date(s).expect("test date")
}

/// An app on a fresh in-memory database whose program started on `start`,
/// seen on `today`.
pub fn app(start: &str, today: &str) -> App {
    let conn = store::open_in_memory(date(start)).expect("in-memory store");
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
