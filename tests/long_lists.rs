//! A long list of contacts in the Contacts pane: only the rows around the
//! cursor are read, yet every row can be reached and shows what the
//! database holds; counts kept after each change equal counts read again.

mod common;

use common::{category, draw, now, typed};
use list25::action::Action;
use list25::app::{App, Hit, Pane, Popup, Shows};
use list25::domain::ContactDraft;
use list25::domain::contact::ContactView;
use list25::store;

const PEOPLE: usize = 1500;

/// `PEOPLE` contacts over two categories, some clients with no category.
fn app() -> App {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |conn| {
        let a = category(conn, "Accountants");
        let b = category(conn, "Bankers");
        for i in 0..PEOPLE {
            let mut d =
                ContactDraft::named(&format!("Person {:04} {}", (i * 7919) % PEOPLE, i % 3))
                    .expect("draft");
            let category = match i % 5 {
                0 => None,
                1 | 2 => Some(a),
                _ => Some(b),
            };
            if category.is_none() {
                d.client_since = Some(now().date());
            }
            store::contact::add(conn, category, &d, &now()).expect("add");
        }
    });
    app.update(Action::Resize(80, 24));
    app
}

/// What the database lists for the pane's view, in order.
fn listed(app: &App) -> Vec<i64> {
    store::contact::rows(app.connection(), app.contact_view())
        .expect("rows")
        .iter()
        .map(|c| c.id)
        .collect()
}

#[test]
fn every_row_is_reached_and_is_the_one_the_database_lists_there() {
    let mut app = app();
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, Shows::All);
    let all = listed(&app);
    assert_eq!(app.contacts.total, PEOPLE);
    assert!(app.contacts.rows.len() < PEOPLE, "only some rows are read");
    for (i, &id) in all.iter().enumerate() {
        assert_eq!(app.contacts.cursor, i);
        assert_eq!(app.contacts.current().map(|c| c.id), Some(id), "row {i}");
        if i % 97 == 0 {
            let terminal = draw(&app, 80, 24);
            let screen = format!("{:?}", terminal.backend().buffer());
            let name = &app.contacts.current().expect("row").name;
            assert!(screen.contains(name.as_str()), "row {i} is drawn");
        }
        app.update(Action::Down);
    }
    app.update(Action::Top);
    assert_eq!(app.contacts.current().map(|c| c.id), Some(all[0]));
    app.update(Action::Bottom);
    assert_eq!(app.contacts.cursor, PEOPLE - 1);
    assert_eq!(app.contacts.current().map(|c| c.id), Some(all[PEOPLE - 1]));
    for _ in 0..30 {
        app.update(Action::PageUp);
    }
    assert_eq!(
        app.contacts.current().map(|c| c.id),
        Some(all[PEOPLE - 301])
    );
}

#[test]
fn a_search_hit_far_down_the_list_is_where_the_cursor_lands() {
    let mut app = app();
    let all = store::contact::rows(app.connection(), ContactView::All).expect("rows");
    let far = &all[PEOPLE - 3];
    app.update(Action::Search);
    typed(&mut app, &far.name);
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("search is open");
    };
    let at = s
        .found
        .iter()
        .position(|(hit, _)| *hit == Hit::Contact(far.id))
        .expect("found");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Save);
    assert_eq!(app.pane, Pane::Contacts);
    assert_eq!(app.contacts.cursor, PEOPLE - 3);
    assert_eq!(app.contacts.current().map(|c| c.id), Some(far.id));
    assert_eq!(app.contacts.selected.as_ref().map(|c| c.id), Some(far.id));
}

#[test]
fn counts_kept_after_each_change_equal_counts_read_again() {
    let mut app = app();
    app.update(Action::GoTo(Pane::Contacts));
    let check = |app: &App, what: &str| {
        let (categories, elsewhere) = store::category::counted(app.connection()).expect("counts");
        assert_eq!(app.categories.list, categories, "{what}");
        assert_eq!(app.categories.elsewhere, elsewhere, "{what}");
        let metrics = store::metrics::load(app.connection(), app.today).expect("metrics");
        assert_eq!(app.checklist.metrics, metrics, "{what}");
        assert_eq!(app.contacts.total, listed(app).len(), "{what}");
    };
    check(&app, "start");
    for view in 0..3 {
        for step in 0..4 {
            app.update(Action::StageUp);
            check(&app, &format!("stage up {view} {step}"));
        }
        app.update(Action::MarkPartner);
        if matches!(app.popup, Some(Popup::Confirm { .. })) {
            app.update(Action::Confirm);
        }
        check(&app, &format!("mark {view}"));
        app.update(Action::StageDown);
        check(&app, &format!("stage down {view}"));
        app.update(Action::MarkClient);
        check(&app, &format!("client {view}"));
        app.update(Action::Down);
        app.update(Action::Delete);
        app.update(Action::Confirm);
        check(&app, &format!("delete {view}"));
        app.update(Action::Undo);
        check(&app, &format!("undo {view}"));
        app.update(Action::NextView);
    }
    assert!(
        app.checklist.metrics.met > 0,
        "the changes were made: {:?}",
        app.checklist.metrics
    );
}

/// The names the open search lists.
fn found(app: &App) -> Vec<String> {
    match &app.popup {
        Some(Popup::Search(s)) => s
            .found
            .iter()
            .filter(|(hit, _)| matches!(hit, Hit::Contact(_)))
            .map(|(_, l)| l.clone())
            .collect(),
        _ => panic!("search is open"),
    }
}

/// A database file holding Printers and Ana Lima in it, and the app on
/// it: the folder (kept while it is used), the file, Printers' and Ana's
/// ids.
fn ana_on_file() -> (tempfile::TempDir, std::path::PathBuf, App, i64, i64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.db");
    let conn = store::open(&db, now().date()).expect("open");
    let printers = category(&conn, "Printers");
    let ana = store::contact::add(
        &conn,
        Some(printers),
        &ContactDraft::named("Ana Lima").expect("d"),
        &now(),
    )
    .expect("add");
    let app = common::app_with_connection(conn, "2026-11-22");
    (dir, db, app, printers, ana)
}

#[test]
fn the_kept_search_index_follows_every_change() {
    let (_dir, db, mut app, printers, _) = ana_on_file();
    // Read on another thread while nothing is asked of the app.
    app.update(Action::Tick(std::time::Instant::now()));
    std::thread::sleep(std::time::Duration::from_millis(200));
    app.update(Action::Tick(std::time::Instant::now()));
    app.update(Action::Search);
    typed(&mut app, "ana");
    assert_eq!(found(&app), ["Ana Lima · Printers"]);
    app.update(Action::Cancel);
    // A change made here, then one made by another program.
    store::contact::add(
        app.connection(),
        Some(printers),
        &ContactDraft::named("Anabel Ortiz").expect("d"),
        &now(),
    )
    .expect("add");
    app.update(Action::Search);
    typed(&mut app, "ana");
    assert_eq!(found(&app).len(), 2, "{:?}", found(&app));
    app.update(Action::Cancel);
    let other = store::open(&db, now().date()).expect("other window");
    store::contact::add(
        &other,
        Some(printers),
        &ContactDraft::named("Anatole Weiss").expect("d"),
        &now(),
    )
    .expect("add");
    app.update(Action::Tick(std::time::Instant::now()));
    app.update(Action::Search);
    typed(&mut app, "anatole");
    assert_eq!(
        found(&app),
        ["Anatole Weiss · Printers"],
        "written elsewhere"
    );
}

#[test]
fn search_reads_again_only_what_a_write_changed() {
    let (_dir, _db, mut app, _, ana) = ana_on_file();
    // Ticks until the other thread has read what it was asked to.
    let settle = |app: &mut App| {
        for _ in 0..50 {
            app.update(Action::Tick(std::time::Instant::now()));
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    settle(&mut app);
    assert_eq!(app.search_reads(), 2, "the contacts and the touch notes");
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::StageUp);
    let stage = store::contact::get(app.connection(), ana)
        .expect("get")
        .expect("ana");
    assert_eq!(
        stage.stage,
        list25::domain::Stage::Contacted,
        "the stage changed"
    );
    settle(&mut app);
    app.update(Action::Search);
    assert_eq!(
        app.search_reads(),
        2,
        "a stage is not searched: nothing read again"
    );
    app.update(Action::Cancel);
    store::contact::log_touch(
        app.connection(),
        ana,
        list25::domain::TouchKind::Call,
        now().date(),
        "lunch at the fair",
        &now(),
    )
    .expect("touch");
    settle(&mut app);
    assert_eq!(app.search_reads(), 3, "the touch notes only");
    app.update(Action::Search);
    typed(&mut app, "fair lunch");
    match &app.popup {
        Some(Popup::Search(s)) => {
            let notes = s
                .found
                .iter()
                .filter(|(h, _)| matches!(h, Hit::Touch { .. }));
            assert_eq!(notes.count(), 1, "{:?}", s.found);
        }
        _ => panic!("search is open"),
    }
    assert_eq!(app.search_reads(), 3, "what was read is what is searched");
}

#[test]
fn a_hit_that_is_not_a_client_is_shown_among_all_contacts() {
    let mut app = app();
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::NextView);
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, Shows::Clients);
    let all = store::contact::rows(app.connection(), ContactView::All).expect("rows");
    let (client, other) = (
        all.iter()
            .find(|c| c.client_since.is_some())
            .expect("client"),
        all.iter()
            .find(|c| c.client_since.is_none())
            .expect("other"),
    );
    for (who, shows) in [(client, Shows::Clients), (other, Shows::All)] {
        app.update(Action::Search);
        typed(&mut app, &who.name);
        app.update(Action::Save);
        assert_eq!(app.contacts.shows, shows, "{}", who.name);
        assert_eq!(app.contacts.current().map(|c| c.id), Some(who.id));
    }
}
