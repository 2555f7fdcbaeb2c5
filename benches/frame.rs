//! Start-to-first-frame and key-to-frame, measured on the library.
//!
//! `cargo bench --bench frame`

use criterion::{Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::{App, Pane};
use list25::domain::{Program, parse_date};
use list25::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let today = parse_date("2026-11-22").expect("date");
    drop(store::open(&path, today).expect("create"));
    c.bench_function("open database, load, draw first frame (80x24)", |b| {
        b.iter(|| {
            let conn = store::open(&path, today).expect("open");
            let program = Program::builtin().expect("program");
            let app = App::new(conn, program, today, String::new()).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            terminal
                .draw(|f| list25::ui::render(f, &app))
                .expect("draw");
        });
    });
}

fn key_to_frame(c: &mut Criterion) {
    let today = parse_date("2026-11-22").expect("date");
    let start = parse_date("2026-11-01").expect("date");
    let conn = store::open_in_memory(start).expect("open");
    let mut app = App::new(
        conn,
        Program::builtin().expect("program"),
        today,
        String::new(),
    )
    .expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for (pane, name) in [
        (
            Pane::Today,
            "key j/k and redraw, Today with 60 tasks behind",
        ),
        (Pane::Program, "key j/k and redraw, Program"),
    ] {
        app.update(Action::GoTo(pane));
        c.bench_function(name, |b| {
            let mut down = true;
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                terminal
                    .draw(|f| list25::ui::render(f, &app))
                    .expect("draw");
            });
        });
    }
}

fn toggle_commit(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let today = parse_date("2026-11-22").expect("date");
    let conn = store::open(&path, today).expect("open");
    let mut app = App::new(
        conn,
        Program::builtin().expect("program"),
        today,
        String::new(),
    )
    .expect("app");
    c.bench_function("Space: tick or untick, committed to a file", |b| {
        b.iter(|| app.update(Action::Toggle));
    });
}

criterion_group!(benches, first_frame, key_to_frame, toggle_commit);
criterion_main!(benches);
