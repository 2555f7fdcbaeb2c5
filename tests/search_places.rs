//! `/` finds touch notes, scripts and lessons as well as contacts: each
//! result says what it is, and Enter goes there.

mod common;

use common::{date, draw, now, typed};
use list25::action::Action;
use list25::app::{App, Pane, Place, Popup};
use list25::domain::{ContactDraft, TouchKind};
use list25::store;

/// The places a search open in `app` lists, as they read.
fn place_labels(app: &App) -> Vec<String> {
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open");
    };
    s.places.iter().map(|(_, l)| l.clone()).collect()
}

#[test]
fn search_finds_a_touch_note_and_enter_opens_it_on_the_card() {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |conn| {
        let bankers = common::category(conn, "Bankers");
        let add = |name: &str| {
            let draft = ContactDraft::named(name).expect("draft");
            store::contact::add(conn, Some(bankers), &draft, &now()).expect("add")
        };
        let (zoe, bo) = (add("Zoë   Lima"), add("Bo Chen"));
        let touch = |who, kind, on: &str, note: &str| {
            store::contact::log_touch(conn, who, kind, date(on), note, &now()).expect("touch");
        };
        touch(
            zoe,
            TouchKind::Call,
            "2026-11-10",
            "Golf at Lakeside with her partner",
        );
        touch(zoe, TouchKind::Email, "2026-11-15", "sent the photos");
        touch(zoe, TouchKind::Meeting, "2026-11-18", "");
        touch(
            bo,
            TouchKind::Meeting,
            "2026-11-12",
            "coffee downtown; he said he plays golf too",
        );
    });
    app.update(Action::Search);
    typed(&mut app, "lakeside GOLF");
    assert_eq!(
        place_labels(&app),
        ["touch note · Zoë Lima · call 10 Nov · Golf at Lakeside with her partner"],
        "every word, in any order, case ignored"
    );
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("touch note · Zoë Lima · call 10 Nov"),
        "{screen}"
    );
    // A long note shows from a little before the word found.
    app.update(Action::Cancel);
    app.update(Action::Search);
    typed(&mut app, "golf");
    assert_eq!(
        place_labels(&app),
        [
            "touch note · Bo Chen · meeting 12 Nov · …said he plays golf too",
            "touch note · Zoë Lima · call 10 Nov · Golf at Lakeside with her partner",
        ],
        "newest first"
    );

    // Enter opens the contact's card with that touch selected.
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("open");
    };
    for _ in 0..s.results.len() + 1 {
        app.update(Action::Down);
    }
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Contacts);
    let card = app.contacts.card.as_ref().expect("the card is open");
    assert_eq!(card.contact.name, "Zoë Lima");
    assert_eq!(
        card.selected_touch().map(|t| t.note.as_str()),
        Some("Golf at Lakeside with her partner")
    );

    // A note written since the last search is found; one deleted is not.
    let zoe = card.contact.id;
    app.update(Action::Cancel);
    let conn = app.connection();
    store::contact::log_touch(
        conn,
        zoe,
        TouchKind::Card,
        date("2026-11-21"),
        "golf balls as thanks",
        &now(),
    )
    .expect("touch");
    let golf = store::touch::list(conn, zoe).expect("list")[3].id;
    store::touch::delete(conn, golf, &now()).expect("delete");
    app.update(Action::Search);
    typed(&mut app, "golf");
    assert_eq!(
        place_labels(&app),
        [
            "touch note · Zoë Lima · card 21 Nov · golf balls as thanks",
            "touch note · Bo Chen · meeting 12 Nov · …said he plays golf too",
        ]
    );
}

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
            _ => None,
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
        screen.contains("Nothing matches: no contact, touch note, script or lesson."),
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
