//! A busy day to try the journey and events on, and keys pressed the way
//! the terminal sends them: resolved where the focus is.

use list25::app::{App, Message, TodayRow};
use list25::domain::{ContactDraft, EventDraft, GroupKind, Stage};
use list25::keymap::resolve;
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> chrono::NaiveDateTime {
    super::now()
}

/// Press a key as the terminal would: resolved where the focus is.
pub fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = resolve(app.context(), key).unwrap_or_else(|| {
        panic!("{code:?} does nothing in {:?}", app.context());
    });
    app.update(action);
}

pub fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

pub fn info(app: &App) -> String {
    match &app.message {
        Some(Message::Info(m)) => m.clone(),
        other => panic!("no info: {other:?}"),
    }
}

/// A busy day: day 16 of the program, a printer met and a partner, a
/// client since 40 days (Bruno: ask overdue, a touchpoint due), a client
/// since today (Chloé: welcome card due), a thank-you owed, an event
/// planned and a group.
pub fn busy() -> App {
    busy_with(|_| {})
}

/// The busy day, with `more` written to it before the app reads it.
pub fn busy_with(more: impl FnOnce(&rusqlite::Connection)) -> App {
    super::app_with("2026-11-07", "2026-11-22", |c| {
        let printers = super::category(c, "Printers");
        let mut ana = ContactDraft::named("Ana Lima").expect("d");
        ana.next_follow_up = Some(super::date("2026-11-20"));
        let ana = store::contact::add(c, Some(printers), &ana, &now()).expect("ana");
        store::contact::set_stage(c, ana, Stage::Met, now().date()).expect("met");
        let mut bruno = ContactDraft::named("Bruno Díaz").expect("d");
        bruno.client_since = Some(super::date("2026-10-13"));
        let at = super::date("2026-10-13").and_hms_opt(9, 0, 0).expect("t");
        store::contact::add(c, None, &bruno, &at).expect("bruno");
        let mut chloe = ContactDraft::named("Chloé Adams").expect("d");
        chloe.client_since = Some(now().date());
        store::contact::add(c, None, &chloe, &now()).expect("chloé");
        let draft = store::referral::ReferralDraft {
            direction: list25::domain::Direction::Received,
            partner: ana,
            person: store::referral::Person::New(Box::new(
                ContactDraft::named("Zoë Brandt").expect("d"),
            )),
            on: super::date("2026-11-19"),
            note: String::new(),
        };
        store::referral::add(c, &draft, &now()).expect("referral");
        let e = EventDraft::new(
            "Open house: tax questions",
            super::date("2026-12-03"),
            "Café Lumière",
            "ask an accountant anything",
        )
        .expect("event");
        let e = store::event::add(c, &e, None, &now()).expect("event");
        store::event::invite(c, e, &[ana]).expect("invite");
        let g = store::group::add(
            c,
            "Downtown Business Network",
            GroupKind::Networking,
            "first Tuesday, 7:30",
            &now(),
        )
        .expect("group");
        store::group::add_members(c, g, &[ana], now().date()).expect("member");
        more(c);
    })
}

pub fn row_of(app: &App, wanted: impl Fn(&TodayRow) -> bool) -> usize {
    app.today_rows().iter().position(wanted).expect("a row")
}
