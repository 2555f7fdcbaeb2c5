//! The referral loop at scale: 10,000 contacts and 20,000 referrals.
//!
//! `cargo bench --bench referrals`

mod common;

use std::path::Path;

use common::{demo_file, draw, first_frame, open_app, today};
use criterion::{Criterion, criterion_group, criterion_main};
use list25::action::Action;
use list25::app::Pane;
use list25::domain::Direction;
use list25::store;
use list25::store::referral::{Person, ReferralDraft};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 10,000 demo contacts and 20,000 referrals between them over the last
/// year, half each way; most of those received already thanked.
fn ledger_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("ledger.db");
    let conn = store::open(&path, today()).expect("create");
    list25::demo::fill(&conn, 10, 10_000, today()).expect("fill");
    let ids: Vec<i64> = store::contact::rows(&conn, list25::domain::contact::ContactView::All)
        .expect("rows")
        .iter()
        .map(|c| c.id)
        .collect();
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    for i in 0..20_000usize {
        let partner = ids[i % 500];
        let person = ids[(i * 7 + 501) % ids.len()];
        let back = u64::try_from(i % 365).unwrap_or(0);
        let draft = ReferralDraft {
            direction: if i % 2 == 0 {
                Direction::Received
            } else {
                Direction::Given
            },
            partner,
            person: Person::Existing(person),
            on: today() - chrono::Days::new(back),
            note: String::new(),
        };
        store::referral::add(&conn, &draft, &now).expect("referral");
    }
    conn.execute(
        "UPDATE thank_you SET sent_on = due, how = 'card' WHERE id % 10 <> 0",
        [],
    )
    .expect("thank most");
    path
}

fn referrals(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = ledger_file(dir.path());
    let plain = demo_file(dir.path(), 10_000);
    let mut group = c.benchmark_group("referrals");
    group.sample_size(20);

    group.bench_function(
        "first frame, 10k contacts, no referrals (the same, to compare)",
        |b| b.iter(|| first_frame(&plain)),
    );

    group.bench_function(
        "first frame, 10k contacts, 20k referrals (open, load, draw Today 80x24)",
        |b| b.iter(|| first_frame(&path)),
    );

    let mut app = open_app(&path);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    group.bench_function("open Referrals (6) and draw, 100x30", |b| {
        b.iter(|| {
            app.update(Action::GoTo(Pane::Today));
            app.update(Action::GoTo(Pane::Referrals));
            draw(&mut terminal, &app);
        });
    });
    group.bench_function("a key in Referrals (j) to the next frame, 100x30", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut terminal, &app);
        });
    });
    let conn = store::open(&path, today()).expect("open");
    group.bench_function("the balance per partner (500 partners)", |b| {
        b.iter(|| store::referral::balance(&conn).expect("balance"));
    });
    group.bench_function("thank-yous owed, for Today", |b| {
        b.iter(|| store::thanks::owed(&conn, 100).expect("owed"));
    });
    group.finish();
}

criterion_group!(benches, referrals);
criterion_main!(benches);
