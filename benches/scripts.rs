//! The script editor: how long a save takes, and a key typed to the next
//! frame, with an ordinary script and with a very long one.
//!
//! `cargo bench --bench scripts`

mod common;

use std::time::{Duration, Instant};

use common::{app, today};
use criterion::{Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::{IDLE, Pane};
use list25::domain::template::{Me, Values, render};
use list25::domain::{SaveKind, ScriptDraft};
use list25::store;
use list25::store::script::Saved;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn now() -> chrono::NaiveDateTime {
    today().and_hms_opt(8, 0, 0).expect("time")
}

/// Type an "x", then take it back, and so on: every key changes the text
/// and the text stays the same length.
fn next_edit(add: &mut bool) -> Action {
    let key = if *add {
        KeyCode::Char('x')
    } else {
        KeyCode::Backspace
    };
    *add = !*add;
    Action::Input(KeyEvent::from(key))
}

fn saves(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let conn = store::open(&dir.path().join("bench.db"), today()).expect("open");
    let id = store::script::add(
        &conn,
        &ScriptDraft::parse("Bench", "ask", "").expect("draft"),
        &now(),
    )
    .expect("add");
    let base = "Hi {first_name}, I'm glad we got that sorted out. ".repeat(4);
    let mut n = 0u64;
    c.bench_function(
        "save: a changed text kept as a new version (file, WAL)",
        |b| {
            b.iter(|| {
                n += 1;
                let text = format!("{base}{n}");
                store::script::save_text(&conn, id, &text, SaveKind::Saved, None, None, &now())
                    .expect("save")
            });
        },
    );
    let Saved::Version(open) =
        store::script::save_text(&conn, id, "start", SaveKind::Auto, None, None, &now())
            .expect("save")
    else {
        panic!("saved");
    };
    c.bench_function("save: autosave bringing the open version up to date", |b| {
        b.iter(|| {
            n += 1;
            let text = format!("{base}{n}");
            store::script::save_text(&conn, id, &text, SaveKind::Auto, Some(open), None, &now())
                .expect("save")
        });
    });

    // Through the app: a key typed, then the autosave it leads to.
    let conn = store::open(&dir.path().join("app.db"), today()).expect("open");
    let mut app = app(conn);
    app.update(Action::GoTo(Pane::Scripts));
    app.update(Action::Open);
    let mut add = true;
    c.bench_function("app: key typed, then its autosave committed", |b| {
        b.iter(|| {
            app.update(next_edit(&mut add));
            app.update(Action::Tick(
                Instant::now() + IDLE + Duration::from_millis(1),
            ));
        });
    });
}

fn typing(c: &mut Criterion) {
    for (name, words, lines) in [
        ("an ordinary script (60 words)", 1, true),
        ("a long script (6,000 words)", 100, true),
        ("a 100 KB script", 460, true),
        ("a 100 KB script in one paragraph", 460, false),
    ] {
        let conn = store::open_in_memory(today()).expect("open");
        let id = store::script::add(
            &conn,
            &ScriptDraft::parse("Bench", "ask", "").expect("draft"),
            &now(),
        )
        .expect("add");
        let paragraph = "Dear {first_name}, thank you for sending [name] my way. A word from \
                         someone they trust counts for more than anything I could say about \
                         myself, and I will take good care of them. {my_name}\n\n";
        let text = paragraph.repeat(words);
        let text = if lines { text } else { text.replace('\n', " ") };
        store::script::save_text(&conn, id, &text, SaveKind::Saved, None, None, &now())
            .expect("save");
        let mut app = app(conn);
        app.update(Action::GoTo(Pane::Scripts));
        app.update(Action::Bottom);
        app.update(Action::Open);
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        let mut add = true;
        c.bench_function(
            &format!("key typed in the editor and redraw 100x30, {name}"),
            |b| {
                b.iter(|| {
                    app.update(next_edit(&mut add));
                    terminal
                        .draw(|f| list25::ui::render(f, &app))
                        .expect("draw");
                });
            },
        );
    }
    let me = Me::default();
    let long = "Hi {first_name} of {company}, see you on [date]. {{ok}} ".repeat(10_000);
    c.bench_function("fill in placeholders, 100,000 words", |b| {
        b.iter(|| {
            render(
                &long,
                &Values {
                    contact: None,
                    me: &me,
                    referred: None,
                },
            )
        });
    });
}

criterion_group!(benches, saves, typing);
criterion_main!(benches);
