//! A contact's card: their whole history, scrollable at any size, and
//! touches picked with one key, changed and deleted with undo.

mod common;

use common::typed;

use common::draw;
use list25::action::Action;
use list25::app::{App, HistoryItem, Pane, Popup};
use list25::domain::{CategoryDraft, ContactDraft, Direction, TouchKind};
use list25::keymap::Context;
use list25::store;
use list25::store::referral::{Person, ReferralDraft};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn now() -> chrono::NaiveDateTime {
    common::date("2026-11-22")
        .and_hms_opt(8, 0, 0)
        .expect("time")
}

/// Ana Lima, a printer with touches, a referral each way and a thank-you
/// sent; the Contacts pane open on her.
fn with_ana() -> App {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |c| {
        let printers = store::category::add(
            c,
            &CategoryDraft::parse("Printers", "", "").expect("draft"),
            &now(),
        )
        .expect("category");
        let mut ana = ContactDraft::named("Ana Lima").expect("d");
        ana.email = "ana@lima.co".into();
        ana.notes = "Works with three bakeries.\nPrefers calls to e-mail.".into();
        let ana = store::contact::add(c, Some(printers), &ana, &now()).expect("ana");
        for (kind, on, note) in [
            (TouchKind::Meeting, "2026-11-02", "coffee at the market"),
            (TouchKind::Call, "2026-11-12", "asked about her clients"),
        ] {
            store::contact::log_touch(c, ana, kind, common::date(on), note, &now()).expect("touch");
        }
        let draft = |direction, person| ReferralDraft {
            direction,
            partner: ana,
            person,
            on: common::date("2026-11-15"),
            note: "needs a logo".into(),
        };
        let bruno = Person::New(Box::new(ContactDraft::named("Bruno Alves").expect("d")));
        store::referral::add(c, &draft(Direction::Received, bruno), &now()).expect("in");
        let owed = store::thanks::owed(c, 1).expect("owed");
        store::thanks::mark_sent(
            c,
            owed[0].id,
            list25::domain::ThanksHow::Card,
            common::date("2026-11-16"),
            &now(),
        )
        .expect("sent");
        let carla = Person::New(Box::new(ContactDraft::named("Carla Dias").expect("d")));
        store::referral::add(c, &draft(Direction::Given, carla), &now()).expect("out");
    });
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app
}

fn card_items(app: &App) -> Vec<HistoryItem> {
    app.contacts.card.as_ref().expect("card open").items.clone()
}

#[test]
fn the_card_shows_the_whole_history_newest_first() {
    let mut app = with_ana();
    app.update(Action::Open);
    assert_eq!(app.context(), Context::Card);
    let items = card_items(&app);
    let touches = items
        .iter()
        .filter(|i| matches!(i, HistoryItem::Touch(_)))
        .count();
    assert_eq!(touches, 3, "two touches and the thank-you card");
    assert!(items.iter().any(|i| matches!(i, HistoryItem::Referral(r)
        if r.direction == Direction::Received && r.person == "Bruno Alves")));
    assert!(items.iter().any(|i| matches!(i, HistoryItem::Referral(r)
        if r.direction == Direction::Given && r.person == "Carla Dias")));
    assert!(
        items
            .iter()
            .any(|i| matches!(i, HistoryItem::Thanks(t) if t.sent.is_some()))
    );
    assert!(
        items.windows(2).all(|w| w[0].on() >= w[1].on()),
        "newest first"
    );
    insta::assert_snapshot!("card_80x24", draw(&app, 80, 24).backend());
    // At the smallest size the last item can still be scrolled to.
    app.update(Action::Bottom);
    let screen = format!("{:?}", draw(&app, 60, 16).backend());
    assert!(screen.contains("stage: met"), "{screen}");
    app.update(Action::Back);
    assert_eq!(app.context(), Context::Contacts);
}

#[test]
fn a_touch_is_logged_with_one_key_changed_and_deleted_with_undo() {
    let mut app = with_ana();
    app.update(Action::Open);
    app.update(Action::LogTouch);
    assert_eq!(app.context(), Context::TouchKind);
    app.update(Action::PickKind(Some(TouchKind::Event)));
    // The date is filled in; what is typed at once is the note.
    assert_eq!(common::form_focus(&app), Some("Note"));
    app.update(Action::PrevField);
    typed(&mut app, "x");
    // A date that does not parse is refused.
    app.update(Action::Save);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("Date"));
    app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    app.update(Action::NextField);
    typed(&mut app, "open day");
    app.update(Action::Save);
    assert!(app.popup.is_none(), "{:?}", common::form_error(&app));
    let card = app.contacts.card.as_ref().expect("card");
    let first = card.selected_touch().expect("a touch on top").clone();
    assert_eq!(
        (first.kind, first.note.as_str()),
        (TouchKind::Event, "open day")
    );

    // A date ahead is refused: a touch is logged once it has happened.
    app.update(Action::EditTouch);
    app.update(Action::PickKind(None));
    app.update(Action::PrevField);
    for _ in 0..10 {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    typed(&mut app, "2026-12-01");
    app.update(Action::Save);
    assert!(
        common::form_error(&app).is_some_and(|(_, why)| why.contains("after today")),
        "{:?}",
        common::form_error(&app)
    );
    app.update(Action::Cancel);

    app.update(Action::EditTouch);
    assert!(matches!(app.popup, Some(Popup::TouchKind(_))));
    app.update(Action::PickKind(Some(TouchKind::Meeting)));
    app.update(Action::Save);
    let touches = store::touch::list(app.connection(), first.contact_id).expect("list");
    assert_eq!(touches[0].kind, TouchKind::Meeting);

    app.update(Action::Delete);
    assert!(app.popup.is_none(), "a touch is deleted at once, with undo");
    let left = store::touch::list(app.connection(), first.contact_id).expect("list");
    assert_eq!(left.len(), 3);
    app.update(Action::Undo);
    let back = store::touch::list(app.connection(), first.contact_id).expect("list");
    assert_eq!(back.len(), 4);
    assert_eq!(
        card_items(&app)
            .iter()
            .filter(|i| matches!(i, HistoryItem::Touch(_)))
            .count(),
        4
    );
}

#[test]
fn only_touches_are_changed_or_deleted_on_a_card() {
    let mut app = with_ana();
    app.update(Action::Open);
    app.update(Action::Bottom);
    let before = card_items(&app);
    app.update(Action::EditTouch);
    assert!(app.popup.is_none());
    app.update(Action::Delete);
    assert!(app.popup.is_none());
    assert_eq!(card_items(&app), before);
    assert_eq!(
        store::contact::list(app.connection(), list25::domain::contact::ContactView::All)
            .expect("list")
            .len(),
        3,
        "d on a card never deletes the contact"
    );
}

/// The notes field of the contact form, focused.
fn to_notes(app: &mut App) {
    for _ in 0..20 {
        if common::form_focus(app) == Some("Notes") {
            return;
        }
        app.update(Action::NextField);
    }
    panic!("no Notes field");
}

#[test]
fn editing_a_contact_keeps_the_line_breaks_of_its_notes() {
    let mut app = with_ana();
    let ana = app.contacts.current().map(|c| c.id).expect("ana");
    let notes = |app: &App| {
        store::contact::get(app.connection(), ana)
            .expect("read")
            .expect("ana")
            .notes
    };
    app.update(Action::Open);
    // Saved as it was opened: nothing run together.
    app.update(Action::EditContact);
    app.update(Action::Save);
    assert!(app.popup.is_none(), "saved");
    assert_eq!(
        notes(&app),
        "Works with three bakeries.\nPrefers calls to e-mail."
    );
    // Ctrl-J starts a new line in the notes; a paste keeps its lines.
    app.update(Action::EditContact);
    to_notes(&mut app);
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("Works with three bakeries.")
            && screen.contains("Prefers calls to e-mail."),
        "both lines are shown: {screen}"
    );
    app.update(Action::Input(KeyEvent::new(
        KeyCode::Char('j'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    )));
    typed(&mut app, "Has a van.");
    app.update(Action::Paste("\nOpen Sat\r\nand Sun".into()));
    app.update(Action::Save);
    assert_eq!(
        notes(&app),
        "Works with three bakeries.\nPrefers calls to e-mail.\nHas a van.\nOpen Sat\nand Sun"
    );
    // A one-line field still takes a paste as one line.
    app.update(Action::EditContact);
    app.update(Action::Paste(" and\nSons".into()));
    app.update(Action::Save);
    let name = store::contact::get(app.connection(), ana)
        .expect("read")
        .expect("ana")
        .name;
    assert_eq!(name, "Ana Lima and Sons");
}

#[test]
fn notes_taller_than_the_card_leave_room_for_its_history() {
    let mut app = with_ana();
    let ana = app.contacts.current().map(|c| c.id).expect("ana");
    let conn = app.connection();
    let mut draft = ContactDraft::named("Ana Lima").expect("d");
    draft.company = "Lima Print".into();
    draft.notes = (1..=40)
        .map(|i| format!("note line {i}"))
        .collect::<Vec<_>>()
        .join("\n");
    let category = store::contact::get(conn, ana)
        .expect("read")
        .and_then(|c| c.category_id);
    store::contact::update(conn, ana, category, &draft, &common::now()).expect("notes");
    app.update(Action::Open);
    let screen = draw(&app, 80, 24).backend().to_string();
    for shown in [
        "Lima Print",
        "note line 1 ",
        "History · ",
        "more lines: E shows the notes whole",
    ] {
        assert!(screen.contains(shown), "{shown:?} in {screen}");
    }
    insta::assert_snapshot!("card_long_notes_80x24", draw(&app, 80, 24).backend());
    // Every line is reached: the last item, and back to the top.
    app.update(Action::Bottom);
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("stage: met"), "{screen}");
    app.update(Action::Top);
    let screen = draw(&app, 60, 16).backend().to_string();
    assert!(
        screen.contains("Lima Print") && screen.contains("History · "),
        "{screen}"
    );
}
