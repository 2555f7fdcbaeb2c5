//! The footer tells the truth: in every context the keymap knows, on a
//! row of that kind, each key the footer shows does something there. It
//! changes the screen (a popup, a pane, a cursor, a mark), the data, the
//! clipboard, or ends the program; a key that only explains why it does
//! nothing, or fails, is a lie in the footer.

mod common;

use common::day::{busy_with, key, press, row_of};
use common::{draw, stored, typed};
use list25::action::Action;
use list25::app::{App, EventsRow, HistoryItem, Message, Popup, ReferralRow, TodayRow};
use list25::domain::{ContactDraft, Direction, TouchKind};
use list25::keymap::{Binding, Context, resolve};
use list25::store;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const W: u16 = 120;
const H: u16 = 40;

/// The busy day, with what some contexts need on top: your details (the
/// scripts fill them in), a touch with Zoë, a referral given, a past
/// referrer never thanked, a second category, a profession, and a second
/// version of the first script.
fn world() -> App {
    busy_with(more)
}

fn more(c: &rusqlite::Connection) {
    let now = common::now();
    let me = list25::domain::template::Me {
        name: "Jane Roe".into(),
        value: "helps start-ups look established".into(),
        profession: "accountant".into(),
    };
    store::settings::set_me(c, &me).expect("me");
    store::settings::set(c, store::settings::PROFESSION, "accountant").expect("profession");
    let id = |name: &str| -> i64 {
        c.query_row("SELECT id FROM contact WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .expect("contact")
    };
    let ana = id("Ana Lima");
    let zoe = id("Zoë Brandt");
    store::contact::log_touch(c, zoe, TouchKind::Call, now.date(), "coffee", &now).expect("touch");
    let given = store::referral::ReferralDraft {
        direction: Direction::Given,
        partner: ana,
        person: store::referral::Person::Existing(id("Bruno Díaz")),
        on: now.date(),
        note: String::new(),
    };
    store::referral::add(c, &given, &now).expect("given");
    let mut carla = ContactDraft::named("Carla Dias").expect("draft");
    carla.client_since = Some(common::date("2025-06-01"));
    carla.referred_by = Some(ana);
    store::contact::add(c, None, &carla, &now).expect("carla");
    common::category(c, "Bankers");
    let first = store::script::list(c).expect("scripts")[0].id;
    store::script::save_text(
        c,
        first,
        "{my_name} {my_value}. Call me.",
        list25::domain::SaveKind::Saved,
        None,
        None,
        &now,
    )
    .expect("a second version");
}

/// Move down (from the top) until `done`.
fn down_until(app: &mut App, done: impl Fn(&App) -> bool) {
    key(app, 'g');
    for _ in 0..200 {
        if done(app) {
            return;
        }
        key(app, 'j');
    }
    panic!("never reached: {:?}", app.context());
}

/// The app in `context`, on a row of its kind, or `None` for a context
/// that only gathers the keys of its rows (never the focus itself).
fn at(context: Context) -> Option<App> {
    let mut app = world();
    app.update(Action::Resize(W, H));
    let today_row = |app: &mut App, f: fn(&TodayRow) -> bool| {
        app.today_pane.cursor = row_of(app, f);
    };
    let card_of = |app: &mut App, name: &str| {
        key(app, '4');
        while app.contacts.shows != list25::app::Shows::All {
            key(app, 'c');
        }
        down_until(app, |a| {
            a.contacts.selected.as_ref().is_some_and(|c| c.name == name)
        });
        press(app, KeyCode::Enter);
    };
    let card_row = |app: &mut App, f: fn(&HistoryItem) -> bool| {
        let card = app.contacts.card.as_mut().expect("a card");
        card.cursor = card.items.iter().position(f).expect("a row of that kind");
    };
    let events_row = |app: &mut App, f: fn(&EventsRow) -> bool| {
        key(app, '7');
        app.events.cursor = app.events.rows().iter().position(f).expect("row");
    };
    let referrals_row = |app: &mut App, f: &dyn Fn(&App, ReferralRow) -> bool| {
        key(app, '6');
        down_until(app, |a| a.referrals.row().is_some_and(|r| f(a, r)));
    };
    let received = |a: &App, r: ReferralRow| matches!(r, ReferralRow::Referral(i) if a.referrals.list[i].direction == Direction::Received);
    match context {
        Context::Global | Context::Today | Context::ProgramTasks | Context::EventOpen => {
            return None;
        }
        Context::TodayTask => today_row(&mut app, |r| matches!(r, TodayRow::Task(_))),
        Context::TodayThanks => today_row(&mut app, |r| matches!(r, TodayRow::ThankYou(_))),
        Context::TodayAsk => today_row(&mut app, |r| matches!(r, TodayRow::Ask(_))),
        Context::TodayTouchpoint => today_row(&mut app, |r| matches!(r, TodayRow::Touchpoint(_))),
        Context::TodayFollowUp => today_row(&mut app, |r| matches!(r, TodayRow::FollowUp(_))),
        Context::TodayNote => today_row(&mut app, |r| matches!(r, TodayRow::Note)),
        Context::ProgramDays => key(&mut app, '2'),
        Context::ProgramTask => {
            key(&mut app, '2');
            press(&mut app, KeyCode::Enter);
        }
        Context::ProgramNote => {
            key(&mut app, '2');
            press(&mut app, KeyCode::Enter);
            key(&mut app, 'G');
        }
        Context::Categories => key(&mut app, '3'),
        Context::Contacts => {
            key(&mut app, '4');
            key(&mut app, 'c');
        }
        Context::Card => {
            card_of(&mut app, "Ana Lima");
            card_row(&mut app, |i| matches!(i, HistoryItem::Stage(..)));
        }
        Context::CardTouch => {
            card_of(&mut app, "Zoë Brandt");
            card_row(&mut app, |i| matches!(i, HistoryItem::Touch(_)));
        }
        Context::CardTouchpoint => {
            card_of(&mut app, "Bruno Díaz");
            card_row(&mut app, |i| {
                matches!(i, HistoryItem::Touchpoint(_)) && i.planned()
            });
        }
        Context::CardAsk => {
            card_of(&mut app, "Bruno Díaz");
            card_row(&mut app, |i| {
                matches!(i, HistoryItem::Ask(_)) && i.planned()
            });
        }
        Context::TouchKind => {
            card_of(&mut app, "Ana Lima");
            key(&mut app, 't');
        }
        Context::Scripts => key(&mut app, '5'),
        Context::ScriptEditor => {
            key(&mut app, '5');
            press(&mut app, KeyCode::Enter);
            typed(&mut app, " Today.");
        }
        Context::Versions => {
            key(&mut app, '5');
            key(&mut app, 'v');
            key(&mut app, 'j');
        }
        Context::PickContact => {
            key(&mut app, '5');
            key(&mut app, 'p');
            typed(&mut app, "a");
        }
        Context::Referrals => {
            // An empty ledger.
            let mut empty = common::app("2026-11-20", "2026-11-22");
            empty.update(Action::Resize(W, H));
            key(&mut empty, '6');
            return Some(empty);
        }
        Context::ReferralReceived => referrals_row(&mut app, &received),
        Context::ReferralGiven => referrals_row(
            &mut app,
            &|a, r| matches!(r, ReferralRow::Referral(i) if a.referrals.list[i].direction == Direction::Given),
        ),
        Context::ReferralUnthanked => {
            referrals_row(&mut app, &|_, r| matches!(r, ReferralRow::Unthanked(_)))
        }
        Context::ThanksHow => {
            today_row(&mut app, |r| matches!(r, TodayRow::ThankYou(_)));
            key(&mut app, ' ');
        }
        Context::Status => {
            referrals_row(&mut app, &received);
            key(&mut app, 'e');
        }
        Context::Outcome => {
            today_row(&mut app, |r| matches!(r, TodayRow::Ask(_)));
            key(&mut app, ' ');
        }
        Context::Events => {
            let mut empty = common::app("2026-11-20", "2026-11-22");
            empty.update(Action::Resize(W, H));
            key(&mut empty, '7');
            return Some(empty);
        }
        Context::EventsEvent => events_row(&mut app, |r| matches!(r, EventsRow::Upcoming(_))),
        Context::EventsGroup => events_row(&mut app, |r| matches!(r, EventsRow::Group(_))),
        Context::EventComing => {
            events_row(&mut app, |r| matches!(r, EventsRow::Upcoming(_)));
            press(&mut app, KeyCode::Enter);
        }
        Context::EventHeld => {
            events_row(&mut app, |r| matches!(r, EventsRow::Group(_)));
            key(&mut app, 'l');
        }
        Context::GroupOpen => {
            events_row(&mut app, |r| matches!(r, EventsRow::Group(_)));
            press(&mut app, KeyCode::Enter);
        }
        Context::PickPeople => {
            events_row(&mut app, |r| matches!(r, EventsRow::Upcoming(_)));
            press(&mut app, KeyCode::Enter);
            key(&mut app, 'i');
            typed(&mut app, "a");
        }
        Context::Search => {
            key(&mut app, '/');
            typed(&mut app, "a");
        }
        Context::Suggest => {
            key(&mut app, '3');
            key(&mut app, 's');
            key(&mut app, ' ');
        }
        Context::Form => {
            key(&mut app, '3');
            key(&mut app, 'a');
        }
        Context::Import => {
            key(&mut app, '4');
            key(&mut app, 'I');
        }
        Context::TextField => key(&mut app, 'n'),
        Context::Confirm => {
            key(&mut app, '3');
            key(&mut app, 'd');
        }
        Context::Help => key(&mut app, '?'),
        Context::TooSmall => app.update(Action::Resize(40, 10)),
    }
    Some(app)
}

/// What a key can change, but the message line.
#[derive(Debug, PartialEq)]
struct Seen {
    screen: Buffer,
    data: Vec<(String, Vec<Vec<rusqlite::types::Value>>)>,
    clipboard: Option<String>,
    running: bool,
}

fn seen(app: &mut App) -> Seen {
    let said = app.message.take();
    let screen = draw(app, W, H).backend().buffer().clone();
    app.message = said;
    Seen {
        screen,
        data: stored(app),
        clipboard: app.clipboard.clone(),
        running: app.running,
    }
}

/// Press the binding's first key; the keymap must mean its action.
fn press_binding(app: &mut App, b: &Binding) {
    let (code, mods) = b.keys[0];
    let action = resolve(app.context(), KeyEvent::new(code, mods));
    assert_eq!(
        action,
        Some(b.action.clone()),
        "{:?} {}",
        b.context,
        b.label
    );
    app.update(b.action.clone());
}

/// Whether the key changed something besides the message.
fn did_something(context: Context, b: &Binding) -> bool {
    let mut app = at(context).expect("reachable");
    let before = seen(&mut app);
    press_binding(&mut app, b);
    if let Some(Message::Error(e)) = &app.message {
        panic!("{context:?}: {} {} failed: {e}", b.label, b.hint);
    }
    seen(&mut app) != before
}

#[test]
fn every_key_the_footer_shows_does_something_on_its_row() {
    let mut walked = 0;
    for context in Context::ALL {
        let Some(app) = at(context) else {
            continue;
        };
        assert_eq!(app.context(), context, "the fixture reaches {context:?}");
        let shown = list25::ui::footer::shown(&app, W);
        assert!(!shown.is_empty(), "{context:?} shows no key");
        for b in shown {
            let mut works = did_something(context, b);
            // "j/k move", "K/J reorder", "g/G": at one end, the other key.
            if !works && let Some(other) = pair_of(b) {
                works = did_something(context, other);
            }
            assert!(
                works,
                "{context:?}: the footer shows \"{} {}\" but it does nothing there",
                b.label, b.hint
            );
            walked += 1;
        }
    }
    assert!(walked > 100, "{walked} keys walked");
}

/// The other half of a key shown as a pair ("j/k": Up for Down).
fn pair_of(b: &Binding) -> Option<&'static Binding> {
    let other = match b.action {
        Action::Down => Action::Up,
        Action::MoveUp => Action::MoveDown,
        Action::StageUp => Action::StageDown,
        Action::Top => Action::Bottom,
        _ => return None,
    };
    list25::keymap::BINDINGS
        .iter()
        .find(|o| o.action == other && (o.context == b.context))
}

#[test]
fn each_context_is_reached_by_its_fixture_or_only_gathers_its_rows_keys() {
    for context in Context::ALL {
        match at(context) {
            Some(app) => assert_eq!(app.context(), context),
            None => assert!(
                list25::keymap::BINDINGS
                    .iter()
                    .all(|b| b.context != context || !b.footer)
                    || Context::ALL.iter().any(|c| c.parent() == Some(context))
                    || context == Context::Global,
                "{context:?} has keys of its own but is never reached"
            ),
        }
    }
    let _ = (Popup::Help { scroll: 0 }, KeyModifiers::NONE);
}

/// The footer line of a screen: the last one that is not empty.
fn footer_line(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// In the real program: the footer changes with the row under the cursor
/// on Today, and the keys it shows do what it says.
#[test]
fn in_a_terminal_the_footer_follows_the_row_and_its_keys_work() {
    use common::pty::Session;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("list25.db");
    {
        let conn = store::open(&db, common::date("2026-11-07")).expect("create");
        let printers = common::category(&conn, "Printers");
        let mut ana = ContactDraft::named("Ana Lima").expect("draft");
        ana.next_follow_up = Some(common::date("2026-11-20"));
        let ana = store::contact::add(&conn, Some(printers), &ana, &common::now()).expect("ana");
        let mut bruno = ContactDraft::named("Bruno Díaz").expect("draft");
        bruno.client_since = Some(common::date("2026-10-13"));
        let at = common::date("2026-10-13").and_hms_opt(9, 0, 0).expect("t");
        store::contact::add(&conn, None, &bruno, &at).expect("bruno");
        let referral = store::referral::ReferralDraft {
            direction: Direction::Received,
            partner: ana,
            person: store::referral::Person::New(Box::new(
                ContactDraft::named("Maya Okafor").expect("draft"),
            )),
            on: common::date("2026-11-19"),
            note: String::new(),
        };
        store::referral::add(&conn, &referral, &common::now()).expect("referral");
    }
    let mut s = Session::start(&db, &["--today", "2026-11-22"], 120, 40);
    s.wait_for("Today's tasks");
    // Down the rows: each kind shows its own keys.
    let mut seen = Vec::new();
    for _ in 0..40 {
        let screen = s.screen();
        let footer = footer_line(&screen);
        let row = screen
            .lines()
            .find(|l| l.contains('▶'))
            .unwrap_or_default()
            .to_owned();
        let kind = if row.contains("Thank Ana Lima") {
            assert!(
                footer.contains("Space sent: how") && footer.contains("y copy the card"),
                "{footer}"
            );
            "thanks"
        } else if row.contains("Ask Bruno") {
            assert!(
                footer.contains("Space what they said") && footer.contains("y copy the ask"),
                "{footer}"
            );
            assert!(!footer.contains("done/undo"), "{footer}");
            "ask"
        } else if row.contains("Bruno Díaz:") {
            assert!(
                footer.contains("Space done") && footer.contains("w move"),
                "{footer}"
            );
            "touchpoint"
        } else if row.contains("Ana Lima") {
            assert!(footer.contains("Space log a touch"), "{footer}");
            "follow-up"
        } else if row.contains("[ ]") {
            assert!(footer.contains("Space done/undo"), "{footer}");
            "task"
        } else {
            "other"
        };
        if !seen.contains(&kind) {
            seen.push(kind);
        }
        if kind == "ask" {
            // What the footer says Space does there, it does.
            s.send(" ");
            s.wait_for("What did they say?");
            s.send("\x1b");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        s.send("j");
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    for kind in ["task", "thanks", "ask", "touchpoint", "follow-up"] {
        assert!(seen.contains(&kind), "never on a {kind} row: {seen:?}");
    }
    s.send("q");
    assert!(s.wait_exit());
}
