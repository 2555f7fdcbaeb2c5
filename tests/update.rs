//! Update tests: actions applied to a real (in-memory) store.

mod common;

use common::typed;

use list25::action::Action;
use list25::app::{Message, Pane, Popup, ProgramFocus, TodayRow};
use list25::domain::Status;
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn space_ticks_a_task_in_today_and_commits_it() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    let task = app.selected_task().expect("a task under the cursor");
    assert_eq!(task.day, 1);
    app.update(Action::Toggle);
    let stored = store::program::done_tasks(app.connection()).expect("read");
    let at = stored.get(&task).expect("tick stored");
    assert_eq!(at.date(), common::date("2026-11-22"));
    assert!(matches!(app.status(&task), Some(Status::Done(_))));
    app.update(Action::Toggle);
    assert!(
        store::program::done_tasks(app.connection())
            .expect("read")
            .is_empty()
    );
}

#[test]
fn ticking_a_behind_task_removes_it_and_keeps_the_cursor_in_range() {
    let mut app = common::app("2026-11-21", "2026-11-22");
    let before = app.today_items();
    let last_behind = before.len() - 1;
    assert!(before[last_behind].behind);
    app.update(Action::Bottom);
    app.update(Action::Up);
    assert_eq!(app.today_pane.cursor, last_behind);
    app.update(Action::Toggle);
    assert_eq!(app.today_items().len(), before.len() - 1);
    assert_eq!(app.today_pane.cursor, before.len() - 2);
}

#[test]
fn measured_tasks_cannot_be_ticked_by_hand() {
    let mut app = common::app("2026-11-18", "2026-11-22");
    app.update(Action::GoTo(Pane::Program));
    assert_eq!(app.program_pane.day, 5);
    app.update(Action::Open);
    assert_eq!(app.program_pane.focus, ProgramFocus::Tasks);
    let task = app.selected_task().expect("task");
    assert!(matches!(
        app.status(&task),
        Some(Status::Measured {
            value: 0,
            target: 10
        })
    ));
    app.update(Action::Toggle);
    assert!(
        store::program::done_tasks(app.connection())
            .expect("read")
            .is_empty()
    );
    match &app.message {
        Some(Message::Info(m)) => assert!(m.contains("0/10 categories"), "{m}"),
        other => panic!("expected a message, got {other:?}"),
    }
}

#[test]
fn panes_cycle_and_jump() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    assert_eq!(app.pane, Pane::Today);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Program);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Categories);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Contacts);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Scripts);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Referrals);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Events);
    app.update(Action::NextPane);
    assert_eq!(app.pane, Pane::Today);
    app.update(Action::PrevPane);
    assert_eq!(app.pane, Pane::Events);
    app.update(Action::GoTo(Pane::Today));
    assert_eq!(app.pane, Pane::Today);
}

#[test]
fn program_days_move_within_1_to_25() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::Up);
    assert_eq!(app.program_pane.day, 1);
    app.update(Action::PageDown);
    assert_eq!(app.program_pane.day, 11);
    app.update(Action::Bottom);
    assert_eq!(app.program_pane.day, 25);
    app.update(Action::Down);
    assert_eq!(app.program_pane.day, 25);
    app.update(Action::Open);
    app.update(Action::Back);
    assert_eq!(app.program_pane.focus, ProgramFocus::Days);
}

#[test]
fn a_note_is_saved_with_enter_and_dropped_with_esc() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::EditNote);
    typed(&mut app, "Call Ana 📞");
    app.update(Action::Save);
    assert!(app.popup.is_none());
    let notes = store::program::notes(app.connection()).expect("read");
    assert_eq!(notes.get(&1).map(String::as_str), Some("Call Ana 📞"));

    app.update(Action::EditNote);
    typed(&mut app, " and Bo");
    app.update(Action::Cancel);
    let notes = store::program::notes(app.connection()).expect("read");
    assert_eq!(notes.get(&1).map(String::as_str), Some("Call Ana 📞"));
    assert_eq!(app.notes.get(&1).map(String::as_str), Some("Call Ana 📞"));
}

#[test]
fn quitting_with_a_note_open_keeps_what_was_typed() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::EditNote);
    typed(&mut app, "half a thought");
    app.update(Action::Quit);
    assert!(!app.running);
    let notes = store::program::notes(app.connection()).expect("read");
    assert_eq!(notes.get(&1).map(String::as_str), Some("half a thought"));
}

#[test]
fn a_bad_start_date_is_refused_beside_the_field() {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::GoTo(Pane::Program));
    app.update(Action::EditStart);
    for _ in 0..10 {
        app.update(Action::Input(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    typed(&mut app, "20/11/2026");
    app.update(Action::Save);
    let (field, why) = common::form_error(&app).expect("the form stays open with an error");
    assert_eq!(field, "Day 1 on");
    assert!(why.contains("YYYY-MM-DD"), "{why}");
    assert_eq!(app.start, common::date("2026-11-20"));
    assert_eq!(
        store::program::start_date(app.connection()).expect("read"),
        Some(common::date("2026-11-20"))
    );
}

#[test]
fn a_good_start_date_moves_today() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::EditStart);
    for _ in 0..10 {
        app.update(Action::Input(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    typed(&mut app, "2026-11-13");
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(app.position().day(), 10);
    assert_eq!(
        store::program::start_date(app.connection()).expect("read"),
        Some(common::date("2026-11-13"))
    );
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = common::app("2026-11-22", "2026-11-22");
    app.update(Action::Help);
    app.update(Action::Down);
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 1 })));
    app.update(Action::Back);
    assert!(app.popup.is_none());
}

#[test]
fn a_skipped_task_leaves_today_counts_as_skipped_and_comes_back_on_program() {
    let mut app = common::app("2026-11-21", "2026-11-22");
    let items = app.today_items();
    let at = items.iter().position(|i| i.behind).expect("a task behind");
    let task = items[at].task.clone();
    for _ in 0..at {
        app.update(Action::Down);
    }
    let (done_before, _) = app.checklist.overall(&app.program);
    app.update(Action::Skip);
    assert!(
        !app.today_items().iter().any(|i| i.task == task),
        "off Today"
    );
    assert_eq!(
        app.checklist.overall(&app.program).0,
        done_before,
        "not done"
    );
    let stored = store::program::skipped_tasks(app.connection()).expect("read");
    assert!(stored.contains_key(&task), "kept in the file");
    assert!(matches!(&app.message, Some(Message::Info(m)) if m.starts_with("Skipped")));
    assert_eq!(app.checklist.skipped_on(&app.program, task.day), 1);

    // On Program, the task is there, marked, and x brings it back.
    app.update(Action::GoTo(Pane::Program));
    while app.program_pane.day > task.day {
        app.update(Action::Up);
    }
    app.update(Action::Open);
    while app.selected_task().as_ref() != Some(&task) {
        app.update(Action::Down);
    }
    let screen = common::draw(&app, 100, 30).backend().to_string();
    assert!(
        screen.contains("[-]") && screen.contains("1 skipped"),
        "{screen}"
    );
    app.update(Action::Skip);
    assert!(app.today_items().iter().any(|i| i.task == task), "back");
    assert!(
        store::program::skipped_tasks(app.connection())
            .expect("read")
            .is_empty()
    );
}

#[test]
fn behind_lists_the_three_most_recent_days_and_counts_the_rest() {
    // Day 25: every task of days 1-24 is behind.
    let app = common::app("2026-10-29", "2026-11-22");
    let all_behind = app.today_items().iter().filter(|i| i.behind).count();
    let rows = app.today_rows();
    let listed: Vec<u8> = rows
        .iter()
        .filter_map(|r| match r {
            TodayRow::Task(i) if i.behind => Some(i.task.day),
            _ => None,
        })
        .collect();
    assert_eq!(
        listed
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        [21, 23, 24].into(),
        "the most recent three days with tasks left (day 22's are done: nobody is owed a thank-you)"
    );
    assert_eq!(listed.first(), Some(&24), "the most recent first");
    let hidden = app.behind_hidden();
    assert_eq!(hidden.tasks + listed.len(), all_behind);
    assert_eq!(hidden.days, Some((1, 20)));
    let screen = common::draw(&app, 80, 24).backend().to_string();
    let heading = format!(
        "Behind · {} from the last 3 days · {} older, days 1-20, on Program",
        listed.len(),
        hidden.tasks
    );
    assert!(screen.contains(&heading), "{screen}");
}
