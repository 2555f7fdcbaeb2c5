//! Shared set-up for the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use list25::action::Action;
use list25::app::App;
use list25::domain::{Program, parse_date};
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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
    app_with_connection(conn, today)
}

/// The app on an open database, seen on `today`.
pub fn app_with_connection(conn: rusqlite::Connection, today: &str) -> App {
    App::new(
        conn,
        Program::builtin().expect("program"),
        date(today),
        "/home/ana/.local/share/list25/list25.db".into(),
    )
    .expect("app")
    .with_clock(|| chrono::NaiveTime::from_hms_opt(8, 15, 0).expect("time"))
}
/// Every row of every table a user changes, but when a contact last
/// changed (kept by a trigger).
pub fn stored(app: &App) -> Vec<(String, Vec<Vec<rusqlite::types::Value>>)> {
    let conn = app.connection();
    store::undo::TABLES
        .iter()
        .map(|t| {
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .expect("columns");
            let cols: Vec<String> = stmt
                .query_map([t], |r| r.get::<_, String>(0))
                .expect("columns")
                .map(|c| c.expect("column"))
                .filter(|c| !(*t == "contact" && c == "updated_at"))
                .collect();
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT rowid, {} FROM {t} ORDER BY rowid",
                    cols.join(", ")
                ))
                .expect("select");
            let rows = stmt
                .query_map([], |r| (0..=cols.len()).map(|i| r.get(i)).collect())
                .expect("rows")
                .collect::<rusqlite::Result<Vec<Vec<rusqlite::types::Value>>>>()
                .expect("read");
            ((*t).to_owned(), rows)
        })
        .collect()
}

pub mod day;
pub mod pty;

/// Type `text` into whatever has the keys, one key per character.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))));
    }
}

/// Type `values` into the open form's fields from the focused one on,
/// then Enter.
pub fn fill(app: &mut App, values: &[&str]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            app.update(Action::NextField);
        }
        typed(app, v);
    }
    app.update(Action::Save);
}

/// Empty the focused field (a date or a short value).
pub fn clear(app: &mut App) {
    for _ in 0..40 {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
}

/// The standard output of a command that must have succeeded.
pub fn ok(o: &std::process::Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Run the real binary: `list25 --db DB --today 2026-11-22 ARGS`, with no
/// `LIST25_DB` and no backtrace asked for, standard input empty.
pub fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    cli_on(db, "2026-11-22", args)
}

/// `cli` on another day: `list25 --db DB --today TODAY ARGS`.
pub fn cli_on(db: &std::path::Path, today: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_list25"))
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(args)
        .env_remove("LIST25_DB")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run list25")
}

/// 2026-11-22 at 08:00, when test fixtures are written.
pub fn now() -> chrono::NaiveDateTime {
    date("2026-11-22").and_hms_opt(8, 0, 0).expect("time")
}

/// Add the category `name` to the most-wanted list; its id.
pub fn category(conn: &rusqlite::Connection, name: &str) -> i64 {
    store::category::add(
        conn,
        &list25::domain::CategoryDraft::parse(name, "", "").expect("draft"),
        &now(),
    )
    .expect("category")
}

/// The path of a file in `tests/fixtures/import`.
pub fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}
