//! list25 at scale: 10,000 and 100,000 contacts made by the demo generator.
//!
//! `cargo bench --bench scale`

mod common;

use std::path::Path;

use common::{draw, open_app, today};
use criterion::{Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::Pane;
use list25::domain::TouchKind;
use list25::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn demo_file(dir: &Path, contacts: usize) -> std::path::PathBuf {
    let path = dir.join(format!("demo-{contacts}.db"));
    let conn = store::open(&path, today()).expect("create");
    list25::demo::fill(&conn, 10, contacts, today()).expect("fill");
    path
}

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ten = demo_file(dir.path(), 10_000);
    let hundred = demo_file(dir.path(), 100_000);
    let mut group = c.benchmark_group("scale");
    group.sample_size(20);

    group.bench_function(
        "first frame, 10k contacts (open, load, draw Today 80x24)",
        |b| {
            b.iter(|| {
                let app = open_app(&ten);
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
                draw(&mut terminal, &app);
            });
        },
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
    assert_eq!(app.contacts.rows.len(), 100_000);
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
    app.update(Action::Top);
    group.bench_function(
        "stage up or down through the app, all 100k contacts shown",
        |b| {
            let mut up = true;
            b.iter(|| {
                app.update(if up {
                    Action::StageUp
                } else {
                    Action::StageDown
                });
                up = !up;
            });
        },
    );
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
