//! `/` finds scripts and lessons as well as contacts: each result says
//! what it is, and Enter goes there.

mod common;

use common::{draw, typed};
use list25::action::Action;
use list25::app::{Pane, Place, Popup};

#[test]
fn search_finds_a_lesson_and_a_script_and_enter_goes_there() {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::Search);
    typed(&mut app, "problem solved");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open");
    };
    assert!(s.results.is_empty(), "no contacts yet");
    let kinds: Vec<&str> = s.places.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        kinds.iter().any(|l| l.starts_with("lesson · day 20 · ")),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|l| l.starts_with("script · ")),
        "{kinds:?}"
    );
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("lesson · day 20"), "{screen}");

    // Enter on the lesson opens that day in Program.
    let at = s
        .places
        .iter()
        .position(|(p, _)| *p == Place::Day(20))
        .expect("day 20");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Program);
    assert_eq!(app.program_pane.day, 20);

    // Enter on a script opens it in Scripts.
    app.update(Action::Search);
    typed(&mut app, "problem solved");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open");
    };
    let (at, id) = s
        .places
        .iter()
        .enumerate()
        .find_map(|(i, (p, _))| match p {
            Place::Script(id) => Some((i, *id)),
            Place::Day(_) => None,
        })
        .expect("a script");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Save);
    assert_eq!(app.pane, Pane::Scripts);
    assert_eq!(app.scripts.selected().map(|s| s.id), Some(id));
}

#[test]
fn accents_and_case_are_ignored_and_pickers_find_only_people() {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::Search);
    typed(&mut app, "HANDWRÍTTEN thank");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("open");
    };
    assert!(
        s.places.iter().any(|(p, _)| matches!(p, Place::Day(14))),
        "{:?}",
        s.places
    );
    app.update(Action::Cancel);
    // Nothing matches: says so, and the three kinds it looked in.
    app.update(Action::Search);
    typed(&mut app, "zzqx");
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("Nothing matches: no contact, script or lesson."),
        "{screen}"
    );
    app.update(Action::Cancel);
    // The contact picker of Scripts lists people only.
    app.update(Action::GoTo(Pane::Scripts));
    app.update(Action::PickContact);
    typed(&mut app, "assume");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("open");
    };
    assert!(s.places.is_empty());
}
