//! What the benchmarks share: the pinned day, an app on a database, a
//! frame drawn on a test terminal.
#![allow(dead_code)]

use std::path::Path;

use list25::app::App;
use list25::domain::{Program, parse_date};
use list25::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn today() -> chrono::NaiveDate {
    parse_date("2026-11-22").expect("date")
}

/// The app on an open database, seen on `today()`.
pub fn app(conn: rusqlite::Connection) -> App {
    App::new(
        conn,
        Program::builtin().expect("program"),
        today(),
        String::new(),
    )
    .expect("app")
}

/// The app on the database file at `path`, opened as the program opens it.
pub fn open_app(path: &Path) -> App {
    app(store::open(path, today()).expect("open"))
}

pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| list25::ui::render(f, app)).expect("draw");
}
