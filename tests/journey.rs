//! The client journey in the program: asks and touchpoints on Today,
//! recorded with the keys the footer shows; the journey template edited;
//! every new screen at every size. Keys go through the keymap.

mod common;

use common::day::{busy, info, key, press, row_of};
use common::{draw, typed};
use list25::action::Action;
use list25::app::{App, Pane, Popup, TodayRow};
use list25::domain::Outcome;
use list25::keymap::{Context, resolve};
use list25::store;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[test]
fn today_on_a_busy_day_at_80x24_and_120x40() {
    let app = busy();
    let rows = app.today_rows();
    let at = |f: fn(&TodayRow) -> bool| rows.iter().position(f).expect("row");
    // Thank-yous, then asks, then touchpoints, then follow-ups.
    let (thanks, ask, touch, follow) = (
        at(|r| matches!(r, TodayRow::ThankYou(_))),
        at(|r| matches!(r, TodayRow::Ask(_))),
        at(|r| matches!(r, TodayRow::Touchpoint(_))),
        at(|r| matches!(r, TodayRow::FollowUp(_))),
    );
    assert!(thanks < ask && ask < touch && touch < follow, "{rows:?}");
    assert_eq!(app.today_pane.asks[0].client, "Bruno Díaz");
    // Bruno's first three steps (planned when he became a client) and
    // Chloé's welcome card.
    assert_eq!(
        app.today_pane.touchpoints.len(),
        4,
        "{:?}",
        app.today_pane.touchpoints
    );
    insta::assert_snapshot!("today_busy_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("today_busy_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn an_ask_with_two_names_gives_two_referrals_and_thank_yous() {
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    let owed = app.today_pane.thanks_total;
    key(&mut app, ' ');
    assert_eq!(app.context(), Context::Outcome);
    key(&mut app, 'n');
    assert_eq!(app.context(), Context::Form);
    typed(&mut app, "Ana Lima, Élodie Brun");
    match &app.popup {
        Some(Popup::Form(f)) => assert_eq!(
            f.fields[0].note.as_deref(),
            Some("→ Ana Lima (Printers), Élodie Brun (new)")
        ),
        _ => panic!("the names form"),
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.popup.is_none(), "saved");
    assert!(
        info(&app).contains("Bruno Díaz gave 2 names"),
        "{}",
        info(&app)
    );
    assert_eq!(app.today_pane.thanks_total, owed + 1, "one card for both");
    assert!(app.today_pane.asks.is_empty(), "asked: off Today");
    let ledger = store::referral::list(app.connection(), 10).expect("ledger");
    let from_bruno: Vec<&str> = ledger
        .iter()
        .filter(|r| r.partner == "Bruno Díaz")
        .map(|r| r.person.as_str())
        .collect();
    assert_eq!(from_bruno.len(), 2);
    assert!(from_bruno.contains(&"Élodie Brun") && from_bruno.contains(&"Ana Lima"));
}

#[test]
fn not_now_asks_for_the_days_and_a_bad_number_changes_nothing() {
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    key(&mut app, ' ');
    key(&mut app, 'l');
    common::clear(&mut app);
    typed(&mut app, "soon");
    press(&mut app, KeyCode::Enter);
    let (field, why) = common::form_error(&app).expect("refused");
    assert_eq!(field, "Ask again in");
    assert!(why.contains("A number from 1 to"), "{why}");
    assert_eq!(app.today_pane.asks.len(), 1, "nothing recorded");
    common::clear(&mut app);
    typed(&mut app, "14");
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("not now. Ask again Sun 6 Dec"),
        "{}",
        info(&app)
    );
    let bruno = store::ask::planned(app.connection(), 10).expect("planned");
    assert!(
        bruno
            .iter()
            .any(|a| a.client == "Bruno Díaz" && a.due == common::date("2026-12-06"))
    );
}

#[test]
fn not_at_all_is_one_key_and_the_outcome_picker_closes_with_esc() {
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    key(&mut app, ' ');
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert_eq!(app.today_pane.asks.len(), 1, "Esc changes nothing");
    key(&mut app, ' ');
    assert_eq!(
        resolve(Context::Outcome, KeyEvent::from(KeyCode::Char('x'))),
        Some(Action::PickOutcome(Outcome::No))
    );
    key(&mut app, 'x');
    assert!(
        info(&app).contains("not at all. No ask until"),
        "{}",
        info(&app)
    );
    assert!(app.today_pane.asks.is_empty());
}

#[test]
fn a_touchpoint_done_logs_a_touch_and_leaves_today() {
    let mut app = busy();
    let at = row_of(
        &app,
        |r| matches!(r, TodayRow::Touchpoint(i) if app.today_pane.touchpoints[*i].client == "Chloé Adams"),
    );
    app.today_pane.cursor = at;
    let chloe = app
        .today_pane
        .touchpoints
        .iter()
        .find(|t| t.client == "Chloé Adams")
        .expect("t")
        .client_id;
    key(&mut app, ' ');
    assert_eq!(app.context(), Context::Form);
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("Chloé Adams: Welcome card done, logged as a card"),
        "{}",
        info(&app)
    );
    assert!(
        !app.today_pane
            .touchpoints
            .iter()
            .any(|t| t.client == "Chloé Adams")
    );
    let touches = store::touch::list(app.connection(), chloe).expect("touches");
    assert_eq!(touches.len(), 1);
    assert_eq!(touches[0].note, "Welcome card");
}

#[test]
fn x_skips_a_touchpoint_and_w_moves_one() {
    let mut app = busy();
    let first = |app: &App| row_of(app, |r| matches!(r, TodayRow::Touchpoint(_)));
    app.today_pane.cursor = first(&app);
    let before = app.today_pane.touchpoints_total;
    key(&mut app, 'x');
    assert!(info(&app).contains("skipped"), "{}", info(&app));
    assert_eq!(app.today_pane.touchpoints_total, before - 1);
    app.today_pane.cursor = first(&app);
    key(&mut app, 'w');
    common::clear(&mut app);
    typed(&mut app, "2026-12-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.today_pane.touchpoints_total, before - 2, "moved on");
}

#[test]
fn problem_solved_on_a_client_puts_the_ask_on_today() {
    let mut app = busy();
    app.update(Action::GoTo(Pane::Contacts));
    while app.contacts.shows != list25::app::Shows::Clients {
        key(&mut app, 'c');
    }
    for _ in 0..5 {
        if app
            .contacts
            .selected
            .as_ref()
            .is_some_and(|c| c.name == "Chloé Adams")
        {
            break;
        }
        key(&mut app, 'j');
    }
    key(&mut app, 'S');
    assert!(
        info(&app).contains("Chloé Adams: ask for referrals today"),
        "{}",
        info(&app)
    );
    assert!(
        app.today_pane
            .asks
            .iter()
            .any(|a| a.client == "Chloé Adams")
    );
    // A plans another date, and the card shows it.
    key(&mut app, 'A');
    common::clear(&mut app);
    typed(&mut app, "2026-12-15");
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("the ask is planned Tue 15 Dec"),
        "{}",
        info(&app)
    );
    press(&mut app, KeyCode::Enter);
    let card = app.contacts.card.as_ref().expect("card");
    assert!(card.items.iter().any(
        |i| matches!(i, list25::app::HistoryItem::Ask(a) if a.due == common::date("2026-12-15"))
    ));
    insta::assert_snapshot!("client_card_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn the_journey_template_is_edited_in_place_and_a_bad_line_is_named() {
    let mut app = busy();
    app.update(Action::GoTo(Pane::Contacts));
    key(&mut app, 'J');
    let Some(Popup::Form(f)) = &app.popup else {
        panic!("the journey form");
    };
    assert!(
        f.value(0).starts_with("day 0      card   Welcome card"),
        "{}",
        f.value(0)
    );
    app.update(Action::Paste("\nsoonish call Coffee".into()));
    press(&mut app, KeyCode::Enter);
    let (_, why) = common::form_error(&app).expect("refused");
    assert!(why.contains("line 7: start with when"), "{why}");
    assert!(
        !store::journey::template_set(app.connection()).expect("read"),
        "nothing saved"
    );
    for _ in 0.."soonish call Coffee".len() + 1 {
        app.update(Action::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    app.update(Action::Paste("\n3 months visit Lunch together\u{7}".into()));
    press(&mut app, KeyCode::Enter);
    assert!(
        info(&app).contains("The journey has 7 steps"),
        "{}",
        info(&app)
    );
    let steps = store::journey::template(app.connection()).expect("read");
    assert_eq!(steps[6].title, "Lunch together");
    assert_eq!(steps[6].after_days, Some(90));
}

/// Every screen of the journey and of events draws at any size without
/// a panic; at the smallest size the panes are drawn in, what matters is
/// in view; below it, the screen says it is too small.
#[test]
fn every_new_screen_draws_at_every_size() {
    let mut states: Vec<(&str, App)> = Vec::new();
    let mut app = busy();
    key(&mut app, '7');
    states.push(("events", app));
    let mut app = busy();
    key(&mut app, '7');
    press(&mut app, KeyCode::Enter);
    states.push(("event open", app));
    let mut app = busy();
    key(&mut app, '7');
    key(&mut app, 'j');
    press(&mut app, KeyCode::Enter);
    states.push(("group open", app));
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    key(&mut app, ' ');
    states.push(("outcome", app));
    let mut app = busy();
    app.today_pane.cursor = row_of(&app, |r| matches!(r, TodayRow::Ask(_)));
    key(&mut app, ' ');
    key(&mut app, 'n');
    app.update(Action::Paste("Zoë 🎤 Brandt\u{1b}[31m, 李小龍".into()));
    states.push(("names", app));
    for (what, app) in &mut states {
        for (w, h) in [(20, 5), (59, 15), (60, 16), (80, 24), (140, 40)] {
            app.update(Action::Resize(w, h));
            let screen = format!("{:?}", draw(app, w, h).backend());
            if w < 60 {
                assert!(
                    screen.contains("list25 needs"),
                    "{what} at {w}x{h}: {screen}"
                );
            }
        }
        app.update(Action::Resize(60, 16));
        let screen = format!("{:?}", draw(app, 60, 16).backend());
        let wanted = match *what {
            "events" => "Open house",
            "event open" => "Ana Lima",
            "group open" => "Members · 1",
            "outcome" => "What did they say?",
            _ => "Zoë 🎤 Brandt[31m (new)",
        };
        assert!(
            screen.contains(wanted),
            "{what} at 60x16 lacks {wanted:?}: {screen}"
        );
    }
}

#[test]
fn on_an_ask_today_shows_the_ask_script_filled_in_for_the_client() {
    let mut app = busy();
    for _ in 0..30 {
        if app.selected_ask().is_some() {
            break;
        }
        key(&mut app, 'j');
    }
    assert_eq!(
        app.selected_ask().map(|a| a.client.as_str()),
        Some("Bruno Díaz")
    );
    // Planned when he became a client: the ask as planned, not the one
    // after a problem solved.
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("Bruno, I've really enjoyed working with you"),
        "{screen}"
    );
    assert!(!screen.contains("sorted out"), "{screen}");
    key(&mut app, 'y');
    assert!(
        app.clipboard
            .as_deref()
            .is_some_and(|c| c.contains("enjoyed working")),
        "{:?}",
        app.clipboard
    );
    key(&mut app, 'j');
    assert!(
        app.today_pane.ask_script.is_none(),
        "off the ask, no script"
    );
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(!screen.contains("enjoyed working"), "{screen}");
}

#[test]
fn after_a_problem_solved_the_ask_is_the_one_for_it() {
    let mut app = busy();
    key(&mut app, '4');
    while app.contacts.shows != list25::app::Shows::Clients {
        key(&mut app, 'c');
    }
    key(&mut app, 'g');
    while app.contacts.selected.as_ref().map(|c| c.name.as_str()) != Some("Bruno Díaz") {
        key(&mut app, 'j');
    }
    key(&mut app, 'S');
    key(&mut app, '1');
    key(&mut app, 'g');
    while app.selected_ask().is_none() {
        key(&mut app, 'j');
    }
    let screen = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        screen.contains("Bruno, I'm glad we got that sorted out"),
        "{screen}"
    );
}
