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

/// A new database file in `dir` filled by the demo generator.
pub fn demo_file(dir: &Path, contacts: usize) -> std::path::PathBuf {
    let path = dir.join(format!("demo-{contacts}.db"));
    let conn = store::open(&path, today()).expect("create");
    list25::demo::fill(&conn, 10, contacts, today()).expect("fill");
    path
}

/// Open the app on the file at `path` and draw its first frame at 80x24.
pub fn first_frame(path: &Path) {
    let app = open_app(path);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    draw(&mut terminal, &app);
}
