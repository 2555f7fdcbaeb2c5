//! list25 at scale: 10,000 and 100,000 contacts made by the demo generator.
//!
//! `cargo bench --bench scale`

mod common;

use common::{demo_file, draw, first_frame, open_app, today};
use criterion::{Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::{Pane, Shows};
use list25::domain::TouchKind;
use list25::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ten = demo_file(dir.path(), 10_000);
    let hundred = demo_file(dir.path(), 100_000);
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);

    group.bench_function(
        "first frame, 10k contacts (open, load, draw Today 80x24)",
        |b| b.iter(|| first_frame(&ten)),
    );

    let ten_app = open_app(&ten);
    let mut ten_index = store::contact::search_index(ten_app.connection()).expect("index");
    group.bench_function("fuzzy search, a 4-letter query over all 10k", |b| {
        b.iter(|| {
            ten_index.search("yusu", 50);
            ten_index.search("adam", 50)
        });
    });
    drop(ten_app);

    let mut app = open_app(&hundred);
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::NextView);
    assert_eq!(app.contacts.total, 100_000);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    group.bench_function("key j/k and redraw, all 100k contacts (120x40)", |b| {
        let mut down = true;
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            draw(&mut terminal, &app);
        });
    });

    let mut index = store::contact::search_index(app.connection()).expect("index");
    for (name, queries) in [
        ("fuzzy search, a 1-letter query over all 100k", ["y", "z"]),
        (
            "fuzzy search, a 4-letter query over all 100k",
            ["yusu", "adam"],
        ),
        (
            "fuzzy search, 'yus' over all 100k then 'yusu' typed on",
            ["yus", "yusu"],
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                index.search(queries[0], 50);
                index.search(queries[1], 50)
            });
        });
    }

    let id = app.contacts.rows[0].id;
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    group.bench_function("log a touch, committed, 100k contacts", |b| {
        b.iter(|| {
            store::contact::log_touch(app.connection(), id, TouchKind::Call, today(), "", &now)
                .expect("touch")
        });
    });
    group.finish();
}

/// Time `step` alone, after `setup` each time.
fn timed(
    b: &mut criterion::Bencher,
    app: &mut list25::app::App,
    setup: impl Fn(&mut list25::app::App),
    step: impl Fn(&mut list25::app::App),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            setup(app);
            let start = Instant::now();
            step(app);
            total += start.elapsed();
        }
        total
    });
}

/// Each step a user takes through a long list, at 100,000 contacts: each
/// must fit in a frame (16 ms).
fn steps(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let hundred = demo_file(dir.path(), 100_000);
    let mut app = open_app(&hundred);
    app.update(Action::Resize(120, 40));
    let mut group = c.benchmark_group("steps at 100k");
    group.sample_size(20);
    group.bench_function("open Contacts on a category of 10k", |b| {
        timed(
            b,
            &mut app,
            |app| app.update(Action::GoTo(Pane::Categories)),
            |app| app.update(Action::ShowContacts),
        );
    });
    group.bench_function("c: from a category to all 100k", |b| {
        timed(
            b,
            &mut app,
            |app| app.contacts.shows = Shows::Category,
            |app| app.update(Action::NextView),
        );
    });
    group.bench_function("G: the last of all 100k", |b| {
        timed(
            b,
            &mut app,
            |app| app.update(Action::Top),
            |app| app.update(Action::Bottom),
        );
    });
    group.bench_function("/: open the search", |b| {
        timed(
            b,
            &mut app,
            |app| app.update(Action::Cancel),
            |app| app.update(Action::Search),
        );
    });
    // Two words in turn: the same word again would only narrow what the
    // last search found.
    let turn = std::cell::Cell::new(false);
    group.bench_function("/ and a word typed: chamber or lunch, 100k", |b| {
        timed(
            b,
            &mut app,
            |app| {
                app.update(Action::Cancel);
                app.update(Action::Search);
            },
            |app| {
                turn.set(!turn.get());
                let word = if turn.get() { "chamber" } else { "lunch" };
                app.update(Action::Paste(word.into()));
            },
        );
    });
    // The stage changes indeed: the step below comes after a write.
    app.update(Action::Cancel);
    app.update(Action::GoTo(Pane::Contacts));
    let stage = |app: &list25::app::App| app.contacts.current().map(|c| c.stage);
    let before = stage(&app);
    app.update(Action::StageUp);
    assert_ne!(stage(&app), before, "a stage changed");
    let up = std::cell::Cell::new(false);
    group.bench_function(
        "/ after a stage change (nothing to read again), 100k",
        |b| {
            timed(
                b,
                &mut app,
                |app| {
                    app.update(Action::Cancel);
                    up.set(!up.get());
                    app.update(if up.get() {
                        Action::StageUp
                    } else {
                        Action::StageDown
                    });
                },
                |app| app.update(Action::Search),
            );
        },
    );
    group.bench_function("the search read again after a write, 100k", |b| {
        b.iter(|| {
            let conn = app.connection();
            let contacts = store::contact::search_index(conn).expect("index");
            (contacts, store::touch::note_index(conn).expect("notes"))
        });
    });
    app.update(Action::Cancel);
    // The last contact of all: the longest way to count to its place.
    let last = store::contact::page::page(
        app.connection(),
        list25::domain::contact::ContactView::All,
        99_999,
        1,
    )
    .expect("page")
    .remove(0);
    let search_last = |app: &mut list25::app::App| {
        app.update(Action::GoTo(Pane::Categories));
        app.update(Action::Search);
        app.update(Action::Paste(last.name.clone()));
    };
    // Enter goes to that contact indeed.
    search_last(&mut app);
    app.update(Action::Save);
    assert_eq!(app.contacts.current().map(|c| c.id), Some(last.id));
    group.bench_function("Enter on a hit: the last of 100k", |b| {
        timed(b, &mut app, search_last, |app| app.update(Action::Save));
    });
    group.bench_function("> and <: a stage change, all 100k shown", |b| {
        let mut up = true;
        b.iter(|| {
            app.update(if up {
                Action::StageUp
            } else {
                Action::StageDown
            });
            up = !up;
        });
    });
    group.finish();
}

criterion_group!(benches, scale, steps);
criterion_main!(benches);
