//! The Events pane: events a client can bring a friend to and groups of
//! referral sources, at 80x24 and 120x40, driven with the keys.

mod common;

use common::day::{busy, info, key, press};
use common::{draw, typed};
use list25::app::{Opened, Pane};
use list25::keymap::Context;
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_events_pane_at_80x24_and_120x40() {
    let mut app = busy();
    key(&mut app, '7');
    assert_eq!(app.pane, Pane::Events);
    insta::assert_snapshot!("events_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("events_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn a_guest_brought_to_an_event_is_a_referral_with_a_thank_you() {
    let mut app = busy();
    key(&mut app, '7');
    key(&mut app, 'a');
    common::fill(
        &mut app,
        &["Year-end talk", "", "Library", "taxes in plain words"],
    );
    assert!(
        info(&app).contains("Year-end talk planned"),
        "{}",
        info(&app)
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::EventHeld, "planned for today");
    key(&mut app, 'i');
    assert_eq!(app.context(), Context::PickPeople);
    typed(&mut app, "bruno");
    press(&mut app, KeyCode::Enter);
    assert!(info(&app).contains("Invited Bruno Díaz"), "{}", info(&app));
    assert_eq!(app.context(), Context::PickPeople, "open for the next one");
    press(&mut app, KeyCode::Esc);
    key(&mut app, ' ');
    assert!(info(&app).contains("Bruno Díaz came"), "{}", info(&app));
    let owed = app.today_pane.thanks_total;
    key(&mut app, 'b');
    typed(&mut app, "Maya Okafor");
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("Maya Okafor is a referral received"),
        "{}",
        info(&app)
    );
    assert_eq!(app.today_pane.thanks_total, owed + 1);
    let Some(Opened::Event { event, guests, .. }) = &app.events.open else {
        panic!("the event stays open");
    };
    assert_eq!((event.invited, event.came, event.brought), (1, 2, 1));
    assert_eq!(guests[1].brought_by.as_deref(), Some("Bruno Díaz"));
    insta::assert_snapshot!("event_open_80x24", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::EventsEvent);
}

#[test]
fn a_group_gets_members_from_the_picker_and_logs_a_meeting() {
    let mut app = busy();
    key(&mut app, '7');
    key(&mut app, 'A');
    common::fill(&mut app, &["Rotary Lisboa", "cl", "Thursdays"]);
    let (field, why) = common::form_error(&app).expect("refused");
    assert_eq!(field, "Kind");
    assert!(
        why.contains("networking, association, chamber or club"),
        "{why}"
    );
    common::clear(&mut app);
    typed(&mut app, "club");
    press(&mut app, KeyCode::Enter);
    assert!(info(&app).contains("Group added"), "{}", info(&app));
    press(&mut app, KeyCode::Enter);
    key(&mut app, 'm');
    typed(&mut app, "chloé");
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("Chloé Adams is a member"),
        "{}",
        info(&app)
    );
    press(&mut app, KeyCode::Esc);
    key(&mut app, 'l');
    let Some(Opened::Event { event, guests, .. }) = &app.events.open else {
        panic!("the meeting opens");
    };
    assert_eq!(event.title, "Rotary Lisboa meeting");
    assert_eq!(guests.len(), 1);
}

#[test]
fn an_event_deleted_comes_back_with_u_and_a_member_was_met_through_the_group() {
    let mut app = busy();
    key(&mut app, '7');
    key(&mut app, 'd');
    assert_eq!(app.context(), Context::Confirm);
    key(&mut app, 'y');
    assert!(
        info(&app).contains("Deleted the event \"Open house: tax questions\""),
        "{}",
        info(&app)
    );
    assert!(app.events.upcoming.is_empty());
    key(&mut app, 'u');
    assert_eq!(app.events.upcoming.len(), 1);
    assert_eq!(app.events.upcoming[0].invited, 1, "its list came back too");
    // Ana joined the group with no "how we met": her card says where.
    key(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let card = app.contacts.card.as_ref().expect("Ana's card");
    assert_eq!(card.met_group.as_deref(), Some("Downtown Business Network"));
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("met through Downtown Business"), "{screen}");
}

#[test]
fn x_elsewhere_never_takes_back_an_invitation_of_the_event_left_open() {
    let mut app = busy();
    key(&mut app, '7');
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.events.open, Some(Opened::Event { .. })));
    key(&mut app, '1');
    key(&mut app, 'x');
    assert!(info(&app).contains("Skipped"), "{}", info(&app));
    key(&mut app, '7');
    let Some(Opened::Event { event, .. }) = &app.events.open else {
        panic!("still open");
    };
    assert_eq!(event.invited, 1, "Ana is still invited");
}

#[test]
fn before_the_day_space_marks_who_is_coming_and_after_it_who_came_or_did_not() {
    let mut app = busy();
    key(&mut app, '7');
    press(&mut app, KeyCode::Enter);
    key(&mut app, ' ');
    assert!(info(&app).contains("Ana Lima is coming"), "{}", info(&app));
    let Some(Opened::Event { event, guests, .. }) = &app.events.open else {
        panic!("open");
    };
    assert_eq!((event.coming, event.came), (1, 0), "coming, not came");
    assert!(guests[0].coming && !guests[0].came);
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(screen.contains("→ Ana Lima · coming"), "{screen}");
    // Nobody can have brought a guest yet: b is not a key here.
    assert_eq!(app.context(), Context::EventComing);
    let b = ratatui::crossterm::event::KeyEvent::from(KeyCode::Char('b'));
    assert_eq!(list25::keymap::resolve(app.context(), b), None);

    // A meeting held today: Space marks who came, and again, who did not.
    press(&mut app, KeyCode::Esc);
    let group = app
        .events
        .rows()
        .iter()
        .position(|r| matches!(r, list25::app::EventsRow::Group(_)))
        .expect("the group");
    app.events.cursor = group;
    key(&mut app, 'l');
    let last_touch = |app: &list25::app::App| {
        list25::store::contact::get(app.connection(), 1)
            .expect("read")
            .expect("ana")
            .last_touch
    };
    let before = last_touch(&app);
    key(&mut app, ' ');
    assert!(info(&app).contains("Ana Lima came"), "{}", info(&app));
    assert_eq!(last_touch(&app), Some(common::date("2026-11-22")));
    key(&mut app, ' ');
    assert!(
        info(&app).contains("Ana Lima did not come"),
        "{}",
        info(&app)
    );
    assert_eq!(last_touch(&app), before, "the touch went with it");
}

#[test]
fn esc_on_a_card_opened_in_an_event_goes_back_to_the_event() {
    let mut app = busy();
    key(&mut app, '7');
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::EventComing);
    press(&mut app, KeyCode::Enter);
    assert!(app.contacts.card.is_some(), "Ana's card");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::EventComing, "back in the event");
    // A card opened in Contacts goes back to the list.
    key(&mut app, '4');
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Contacts);
}
