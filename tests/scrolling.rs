//! Every line of every pane can be scrolled to at 80x24: `G` (or walking
//! down) brings the last line into view, `g` the first.

mod common;

use common::{category, draw, now};
use list25::action::Action;
use list25::app::{App, Pane, Popup};
use list25::domain::ContactDraft;
use list25::store;

/// The text on the screen of `app` at 80x24.
fn screen(app: &App) -> String {
    draw(app, 80, 24).backend().to_string()
}

/// An app at 80x24 with `setup` written to the store first.
fn at_80x24(start: &str, setup: impl FnOnce(&rusqlite::Connection)) -> App {
    let mut app = common::app_with(start, "2026-11-22", setup);
    app.update(Action::Resize(80, 24));
    app
}

/// A day's note of `lines` lines, the last one "LAST LINE OF THE NOTE".
fn note(lines: usize) -> String {
    let mut text: Vec<String> = (1..lines).map(|i| format!("Note line {i}")).collect();
    text.push("LAST LINE OF THE NOTE".into());
    text.join("\n")
}

/// Thirty people due a follow-up and four behind days: Today is long.
fn busy(conn: &rusqlite::Connection) {
    let c = category(conn, "Accountants");
    for i in 0..30 {
        let mut d = ContactDraft::named(&format!("Due Person {i:02}")).expect("draft");
        d.next_follow_up = Some(common::date("2026-11-20"));
        store::contact::add(conn, Some(c), &d, &now()).expect("add");
    }
    store::program::save_note(conn, 5, &note(4), "", &now()).expect("note");
}

#[test]
fn today_reaches_its_note_below_thirty_follow_ups_and_its_lesson_above() {
    let mut app = at_80x24("2026-11-18", busy);
    assert!(!screen(&app).contains("LAST LINE OF THE NOTE"));
    app.update(Action::Bottom);
    let shown = screen(&app);
    assert!(shown.contains("LAST LINE OF THE NOTE"), "{shown}");
    assert!(shown.contains("Enter write the note"), "{shown}");
    let lesson = app.program.day(5).expect("day 5").lesson.clone();
    let first_words: String = lesson
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!shown.contains(&first_words));
    app.update(Action::Top);
    assert!(screen(&app).contains(&first_words), "{}", screen(&app));
    // Enter on the note opens it to be written.
    app.update(Action::Bottom);
    app.update(Action::Open);
    assert!(matches!(app.popup, Some(Popup::Note { day: 5, .. })));
}

#[test]
fn program_reaches_the_note_below_a_days_tasks() {
    let mut app = at_80x24("2026-11-18", |conn| {
        store::program::save_note(conn, 5, &note(6), "", &now()).expect("note");
    });
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::Open);
    assert!(!screen(&app).contains("LAST LINE OF THE NOTE"));
    app.update(Action::Bottom);
    let shown = screen(&app);
    assert!(shown.contains("LAST LINE OF THE NOTE"), "{shown}");
    assert!(app.selected_task().is_none(), "the note is not a task");
    app.update(Action::Toggle);
    assert!(matches!(app.popup, Some(Popup::Note { day: 5, .. })));
}

#[test]
fn a_note_taller_than_the_pane_says_how_many_lines_the_editor_holds_more() {
    let mut app = at_80x24("2026-11-18", |conn| {
        store::program::save_note(conn, 5, &note(40), "", &now()).expect("note");
    });
    for pane in [Pane::Today, Pane::Program] {
        app.update(Action::GoTo(pane));
        if pane == Pane::Program {
            app.update(Action::Open);
        }
        app.update(Action::Bottom);
        let shown = screen(&app);
        let rows: Vec<&str> = shown.lines().collect();
        let first = rows
            .iter()
            .position(|r| r.contains("Note line 1 "))
            .expect("its start");
        let more = rows
            .iter()
            .position(|r| r.contains("more lines: Space shows the note whole"));
        let more = more.unwrap_or_else(|| panic!("{pane:?}: {shown}"));
        // Every line shown is whole, the count is of the lines not shown,
        // and the row saying so is above the pane's bottom border.
        let last_shown = more - first;
        let said = format!("… {} more lines", 40 - last_shown);
        assert!(rows[more].contains(&said), "{pane:?}: {said:?} in {shown}");
        assert!(rows[more + 1].contains('└'), "{pane:?}: {shown}");
        app.update(Action::Toggle);
        match &app.popup {
            Some(Popup::Note { editor, .. }) => assert_eq!(editor.lines().len(), 40),
            _ => panic!("Space opens the note"),
        }
        app.update(Action::Cancel);
    }
}

#[test]
fn categories_and_contacts_reach_their_last_rows() {
    let mut app = at_80x24("2026-11-18", |conn| {
        for i in 0..40 {
            category(conn, &format!("Category {i:02}"));
        }
        let c = category(conn, "Bankers");
        for i in 0..60 {
            let d = ContactDraft::named(&format!("Banker {i:02}")).expect("draft");
            store::contact::add(conn, Some(c), &d, &now()).expect("add");
        }
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::Bottom);
    assert!(screen(&app).contains("Category 39"), "{}", screen(&app));
    app.update(Action::Top);
    assert!(screen(&app).contains("Category 00"));

    app.update(Action::Bottom);
    app.update(Action::ShowContacts);
    app.update(Action::Bottom);
    assert!(screen(&app).contains("Banker 59"), "{}", screen(&app));
    app.update(Action::Top);
    assert!(screen(&app).contains("Banker 00"));
}

#[test]
fn a_contacts_history_reaches_its_oldest_touch() {
    let mut app = at_80x24("2026-11-18", |conn| {
        let c = category(conn, "Bankers");
        let d = ContactDraft::named("Ana Lima").expect("draft");
        let id = store::contact::add(conn, Some(c), &d, &now()).expect("add");
        for day in 1..=30 {
            let on = common::date(&format!("2026-10-{day:02}"));
            let note = if day == 1 {
                "THE OLDEST TOUCH"
            } else {
                "a call"
            };
            store::contact::log_touch(conn, id, list25::domain::TouchKind::Call, on, note, &now())
                .expect("touch");
        }
    });
    app.update(Action::GoTo(Pane::Contacts));
    app.update(Action::Open);
    assert!(!screen(&app).contains("THE OLDEST TOUCH"));
    app.update(Action::Bottom);
    assert!(
        screen(&app).contains("THE OLDEST TOUCH"),
        "{}",
        screen(&app)
    );
}

#[test]
fn help_reaches_its_last_line_with_g_and_comes_back_up_at_once() {
    let mut app = at_80x24("2026-11-18", |_| {});
    app.update(Action::Help);
    let last = "by hand.";
    assert!(!screen(&app).contains(last));
    app.update(Action::Bottom);
    let bottom = screen(&app);
    assert!(bottom.contains(last), "{bottom}");
    // One line up from the end is one line up on the screen, not a
    // scroll position past the end that k has to walk back first.
    app.update(Action::Up);
    let up = screen(&app);
    assert_ne!(up, bottom, "k at the end moves at once");
    assert!(!up.contains(last));
    app.update(Action::Down);
    assert_eq!(screen(&app), bottom);
    app.update(Action::Down);
    assert_eq!(screen(&app), bottom, "nothing below the end");
    app.update(Action::Top);
    assert!(screen(&app).contains("Database"));
}

#[test]
fn referrals_and_scripts_reach_their_last_rows() {
    use list25::domain::{Direction, ScriptDraft, ScriptKind};
    use list25::store::referral::{Person, ReferralDraft};
    let mut app = at_80x24("2026-11-18", |conn| {
        let c = category(conn, "Bankers");
        let d = ContactDraft::named("Marc Partner").expect("draft");
        let marc = store::contact::add(conn, Some(c), &d, &now()).expect("add");
        for i in 0..40 {
            let person = ContactDraft::named(&format!("Referred {i:02}")).expect("draft");
            let draft = ReferralDraft {
                direction: Direction::Received,
                partner: marc,
                person: Person::New(Box::new(person)),
                on: common::date(&format!("2026-10-{:02}", i % 28 + 1)),
                note: String::new(),
            };
            store::referral::add(conn, &draft, &now()).expect("referral");
        }
        for i in 0..30 {
            let draft = ScriptDraft {
                kind: ScriptKind::parse("other").expect("kind"),
                title: format!("Zz script {i:02}"),
                tip: String::new(),
                category_id: None,
            };
            store::script::add(conn, &draft, &now()).expect("script");
        }
    });
    app.update(Action::GoTo(Pane::Referrals));
    let first = screen(&app);
    app.update(Action::Bottom);
    let last = screen(&app);
    // The oldest referral, first recorded, and the balance below it.
    assert!(!first.contains("Referred 00"));
    assert!(
        last.contains("Referred 00") && last.contains("refer first"),
        "{last}"
    );
    app.update(Action::Down);
    assert_eq!(screen(&app), last, "nothing below the last row");

    app.update(Action::GoTo(Pane::Scripts));
    assert!(!screen(&app).contains("Zz script 29"));
    app.update(Action::Bottom);
    assert!(screen(&app).contains("Zz script 29"), "{}", screen(&app));
}
