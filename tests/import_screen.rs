//! The import screen (`I` in Contacts): a path, a preview of what will be
//! stored, then the import; on an app in memory (written here and now) and
//! in a pseudo-terminal on a file (written on another thread), with the
//! people there after a restart.

mod common;

use common::pty::Session;
use common::{cli, draw, fixture, ok, typed};
use list25::action::Action;
use list25::app::{App, ImportStage, Pane, Popup, Shows};

fn screen(app: &App) -> String {
    draw(app, 80, 24).backend().to_string()
}

fn stage(app: &App) -> &ImportStage {
    match &app.popup {
        Some(Popup::Import(imp)) => &imp.stage,
        _ => panic!("the import screen is not open"),
    }
}

fn with_attorneys() -> App {
    let mut app = common::app_with("2026-11-20", "2026-11-24", |conn| {
        common::category(conn, "Attorneys");
    });
    app.update(Action::GoTo(Pane::Contacts));
    app
}

#[test]
fn a_path_shows_what_will_be_stored_then_enter_imports_it() {
    let mut app = with_attorneys();
    app.update(Action::Import);
    // Relative to where the tests run (the crate), so the screen is the
    // same wherever the code is checked out.
    app.update(Action::Paste("tests/fixtures/import/google.csv".into()));
    app.update(Action::Save);
    assert!(matches!(stage(&app), ImportStage::Preview { .. }));
    let shown = screen(&app);
    for part in [
        "google.csv: Google Contacts CSV, 3 people",
        "3 new · 0 merged (0 with something new) · 0 refused",
        "Lucía María Fernández",
        "in Attorneys",
        "unsorted · Lima & Co · ana@lima.co",
        "Enter imports: 3 new, 0 merged",
    ] {
        assert!(shown.contains(part), "{part}:\n{shown}");
    }
    insta::assert_snapshot!("import_preview_80x24", draw(&app, 80, 24).backend());
    // Nothing is written before the second Enter.
    assert_eq!(app.categories.everyone(), 0);
    app.update(Action::Save);
    let shown = screen(&app);
    assert!(
        shown.contains("Imported: 3 added, 0 merged (0 with something new), 0"),
        "{shown}"
    );
    assert_eq!(app.categories.everyone(), 3);
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(app.contacts.shows, Shows::Unsorted);
    let names: Vec<&str> = app.contacts.rows.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Wei 张"]);
}

#[test]
fn a_file_refused_says_why_and_changes_nothing() {
    let mut app = with_attorneys();
    app.update(Action::Import);
    app.update(Action::Save);
    assert!(screen(&app).contains("Type or paste the path of a file or folder first."));
    typed(&mut app, &fixture("unterminated.csv"));
    app.update(Action::Save);
    let shown = screen(&app);
    assert!(shown.contains("line 2: a quote"), "{shown}");
    assert!(matches!(
        stage(&app),
        ImportStage::Typing { refused: Some(_) }
    ));
    // Typing again clears what was said; Esc closes with nothing written.
    typed(&mut app, "x");
    assert!(matches!(stage(&app), ImportStage::Typing { refused: None }));
    app.update(Action::Cancel);
    assert!(app.popup.is_none());
    assert_eq!(app.categories.everyone(), 0);
}

#[test]
fn a_path_changed_after_its_preview_is_read_again_before_importing() {
    let mut app = with_attorneys();
    app.update(Action::Import);
    typed(&mut app, &fixture("v40.vcf"));
    app.update(Action::Save);
    assert!(screen(&app).contains("v40.vcf: vCard 4.0, 2 people"));
    // The path now names another file: Enter shows that one, writes nothing.
    for _ in 0.."v40.vcf".len() {
        app.update(Action::Input(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Backspace,
        )));
    }
    typed(&mut app, "v30.vcf");
    app.update(Action::Save);
    assert!(screen(&app).contains("v30.vcf: vCard 3.0, 2 people"));
    assert_eq!(app.categories.everyone(), 0);
}

#[test]
fn imported_through_the_screen_in_a_terminal_and_there_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    ok(&cli(&db, &["category", "add", "Attorneys"]));
    let args = ["--today", "2026-11-22"];
    let mut s = Session::start(&db, &args, 100, 30);
    s.wait_for("Today's tasks");
    s.send("4");
    s.wait_for("c shows all");
    s.send("I");
    s.wait_for("File or folder");
    s.send(&format!("\x1b[200~{}\x1b[201~", fixture("linkedin.csv")));
    s.send("\r");
    s.wait_for("LinkedIn connections, 3 people");
    s.send("\r");
    s.wait_for("Imported: 3 added");
    s.send("\r");
    s.wait_for("Unsorted · 3");
    s.send("q");
    assert!(s.wait_exit());

    let v: serde_json::Value =
        serde_json::from_str(&ok(&cli(&db, &["contact", "list", "--json"]))).expect("json");
    let mut names: Vec<&str> = v
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Ana Lima", "Chidi Okafor", "Søren Ødegård"]);
    // And in the program again, in the unsorted view.
    let mut s = Session::start(&db, &args, 100, 30);
    s.wait_for("Today's tasks");
    s.send("4ccc");
    s.wait_for("Unsorted · 3");
    assert!(s.screen().contains("Søren Ødegård"), "{}", s.screen());
    s.send("q");
    assert!(s.wait_exit());
}

#[test]
fn a_card_lists_every_address_and_number_and_cuts_no_number_in_two() {
    let mut app = with_attorneys();
    app.update(Action::Import);
    app.update(Action::Paste("tests/fixtures/import/v30.vcf".into()));
    app.update(Action::Save);
    app.update(Action::Save);
    app.update(Action::Save);
    // In the unsorted view, by name.
    let at = app
        .contacts
        .rows
        .iter()
        .position(|c| c.name == "Chidi Okafor")
        .expect("Chidi");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    let shown = screen(&app);
    assert!(
        shown.contains("chidi@okaforlane.com · Chidi.Okafor@Gmail.com"),
        "{shown}"
    );
    assert!(
        shown.contains("+1 (415) 555-0101 · +1 415 555 0199"),
        "{shown}"
    );
}
