//! The client journey and events at 100,000 contacts (1,000 of them
//! clients, their touchpoints and asks planned): Today with asks and
//! touchpoints due, a key on it, the Events pane, a touchpoint done.
//!
//! `cargo bench --bench journey`

mod common;

use common::{demo_file, draw, first_frame, open_app, today};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::{Pane, TodayRow};
use list25::domain::ContactDraft;
use list25::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn journey(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path(), 100_000);
    let mut group = c.benchmark_group("journey");
    group.sample_size(20);

    group.bench_function(
        "first frame, 100k contacts, asks and touchpoints due (Today 80x24)",
        |b| b.iter(|| first_frame(&path)),
    );

    let mut app = open_app(&path);
    assert!(!app.today_pane.asks.is_empty() && !app.today_pane.touchpoints.is_empty());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.today_pane.cursor = app
        .today_rows()
        .iter()
        .position(|r| matches!(r, TodayRow::Touchpoint(_)))
        .expect("a touchpoint");
    group.bench_function(
        "key j/k and redraw on Today's touchpoints, 100k (120x40)",
        |b| {
            let mut down = true;
            b.iter(|| {
                app.update(if down { Action::Down } else { Action::Up });
                down = !down;
                draw(&mut terminal, &app);
            });
        },
    );

    group.bench_function("7: open Events and draw, 100k (120x40)", |b| {
        b.iter(|| {
            app.update(Action::GoTo(Pane::Today));
            app.update(Action::GoTo(Pane::Events));
            draw(&mut terminal, &app);
        });
    });

    let conn = store::open(&path, today()).expect("open");
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    // Each round a new client, whose welcome card is then marked done.
    let welcome = || {
        let mut d = ContactDraft::named("Bench Client").expect("draft");
        d.client_since = Some(today());
        let id = store::contact::add(&conn, None, &d, &now).expect("client");
        store::journey::for_client(&conn, id).expect("read")[0].id
    };
    group.bench_function("a touchpoint done, committed (a touch logged), 100k", |b| {
        b.iter_batched(
            welcome,
            |id| store::journey::done(&conn, id, today(), "", &now).expect("done"),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("Today's asks and touchpoints due, read, 100k", |b| {
        b.iter(|| {
            (
                store::ask::due(&conn, today(), 100).expect("asks"),
                store::ask::due_count(&conn, today()).expect("count"),
                store::journey::due(&conn, today(), 100).expect("due"),
                store::journey::due_count(&conn, today()).expect("count"),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, journey);
criterion_main!(benches);
