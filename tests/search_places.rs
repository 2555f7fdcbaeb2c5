//! `/` finds touch notes, scripts and lessons as well as contacts: each
//! result says what it is, and Enter goes there.

mod common;

use common::{date, draw, now, typed};
use list25::action::Action;
use list25::app::{App, Hit, Pane, Popup};
use list25::domain::{ContactDraft, TouchKind};
use list25::store;

/// What a search open in `app` found that is not a contact, as it reads.
fn place_labels(app: &App) -> Vec<String> {
    found(app)
        .into_iter()
        .filter(|(hit, _)| !matches!(hit, Hit::Contact(_)))
        .map(|(_, l)| l)
        .collect()
}

/// Everything a search open in `app` found, in order.
fn found(app: &App) -> Vec<(Hit, String)> {
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open");
    };
    s.found.clone()
}

/// Move the search's cursor to the first hit `wanted` says yes to, and
/// press Enter.
fn pick(app: &mut App, wanted: impl Fn(&Hit) -> bool) {
    let at = found(app)
        .iter()
        .position(|(hit, _)| wanted(hit))
        .expect("found");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Save);
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
    let zoes = found(&app)
        .iter()
        .filter(|(h, _)| matches!(h, Hit::Touch { .. }))
        .nth(1)
        .map(|(h, _)| *h)
        .expect("Zoë's touch");
    pick(&mut app, |h| *h == zoes);
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
    let kinds = place_labels(&app);
    assert_eq!(kinds.len(), found(&app).len(), "no contacts yet");
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
    pick(&mut app, |h| *h == Hit::Day(20));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Program);
    assert_eq!(app.program_pane.day, 20);

    // Enter on a script opens it in Scripts.
    app.update(Action::Search);
    typed(&mut app, "problem solved");
    let id = found(&app)
        .iter()
        .find_map(|(h, _)| match h {
            Hit::Script(id) => Some(*id),
            _ => None,
        })
        .expect("a script");
    pick(&mut app, |h| *h == Hit::Script(id));
    assert_eq!(app.pane, Pane::Scripts);
    assert_eq!(app.scripts.selected().map(|s| s.id), Some(id));
}

#[test]
fn accents_and_case_are_ignored_and_pickers_find_only_people() {
    let mut app = common::app("2026-11-20", "2026-11-22");
    app.update(Action::Search);
    typed(&mut app, "HANDWRÍTTEN thank");
    assert!(
        found(&app).iter().any(|(h, _)| *h == Hit::Day(14)),
        "{:?}",
        found(&app)
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
    assert!(place_labels(&app).is_empty());
}

#[test]
fn what_holds_every_word_comes_before_what_holds_only_the_letters() {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |conn| {
        let bankers = common::category(conn, "Bankers");
        let add = |name: &str, company: &str| {
            let mut draft = ContactDraft::named(name).expect("draft");
            draft.company = company.into();
            store::contact::add(conn, Some(bankers), &draft, &now()).expect("add")
        };
        // "chamber" only letter by letter: CHloé Adams, Adams, BankERs.
        add("Chloé Adams", "Adams & Partners");
        add("Hal Reyes", "Chamber of Commerce");
        let bo = add("Bo Chen", "");
        store::contact::log_touch(
            conn,
            bo,
            TouchKind::Event,
            date("2026-11-19"),
            "saw him at the chamber breakfast",
            &now(),
        )
        .expect("touch");
    });
    app.update(Action::Search);
    typed(&mut app, "chamber");
    let order: Vec<String> = found(&app)
        .into_iter()
        .map(|(_, l)| l.split(" · ").take(2).collect::<Vec<_>>().join(" · "))
        .collect();
    assert_eq!(
        order,
        [
            "Hal Reyes · Chamber of Commerce",
            "touch note · Bo Chen",
            "Chloé Adams · Adams & Partners"
        ]
    );
    let screen = draw(&app, 80, 24).backend().to_string();
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    let note = row("touch note · Bo");
    assert!(row("Hal Reyes") < note && note < row("Chloé"), "{screen}");
}
