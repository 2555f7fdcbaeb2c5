//! The Referrals pane and the thank-yous on Today: recording referrals with
//! the keyboard, marking thank-yous sent, the screens at 80x24 and 120x40.

mod common;

use common::{clear, fill, typed};

use common::draw;
use list25::action::Action;
use list25::app::{App, Message, Pane, Popup, ReferralRow, TodayRow};
use list25::domain::{
    CategoryDraft, ContactDraft, Direction, RefStatus, Stage, ThanksHow, TouchKind,
};
use list25::store;
use list25::store::referral::{Person, ReferralDraft};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn now() -> chrono::NaiveDateTime {
    common::date("2026-11-22")
        .and_hms_opt(8, 0, 0)
        .expect("time")
}

/// Printers with Ana Lima (met, on the 25 list) and Marc Dupont; Carla, a
/// client Ana referred long ago, never thanked; a referral from Marc four
/// days ago, and one given to Ana.
fn with_ledger() -> App {
    common::app_with("2026-11-20", "2026-11-22", |c| {
        let printers = store::category::add(
            c,
            &CategoryDraft::parse("Printers", "", "").expect("draft"),
            &now(),
        )
        .expect("category");
        let add = |name: &str| {
            store::contact::add(
                c,
                Some(printers),
                &ContactDraft::named(name).expect("d"),
                &now(),
            )
            .expect("add")
        };
        let ana = add("Ana Lima");
        store::contact::set_stage(c, ana, Stage::Met, now().date()).expect("met");
        store::contact::set_on_list(c, ana, true, now().date()).expect("star");
        let marc = add("Marc Dupont");
        let mut carla = ContactDraft::named("Carla Dias").expect("d");
        carla.client_since = Some(common::date("2025-06-01"));
        carla.referred_by = Some(ana);
        let carla = store::contact::add(c, None, &carla, &now()).expect("carla");
        let draft = |direction, partner, person, on: &str| ReferralDraft {
            direction,
            partner,
            person,
            on: common::date(on),
            note: String::new(),
        };
        let zoe = Person::New(Box::new(ContactDraft::named("Zoé Martin").expect("d")));
        store::referral::add(
            c,
            &draft(Direction::Received, marc, zoe, "2026-11-18"),
            &now(),
        )
        .expect("received");
        store::referral::add(
            c,
            &draft(Direction::Given, ana, Person::Existing(carla), "2026-11-19"),
            &now(),
        )
        .expect("given");
    })
}

#[test]
fn the_ledger_and_the_balance_at_80x24_and_120x40() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    assert_eq!(app.referrals.total, 2);
    assert_eq!(
        app.referrals.rows(),
        [
            ReferralRow::Referral(0),
            ReferralRow::Referral(1),
            ReferralRow::Unthanked(0)
        ]
    );
    insta::assert_snapshot!("referrals_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("referrals_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn today_lists_thank_yous_above_the_follow_ups_at_80x24_and_120x40() {
    let app = with_ledger();
    let rows = app.today_rows();
    let thanks = rows
        .iter()
        .position(|r| matches!(r, TodayRow::ThankYou(_)))
        .expect("a thank-you row");
    let follow = rows.iter().position(|r| matches!(r, TodayRow::FollowUp(_)));
    assert!(follow.is_none_or(|f| thanks < f));
    insta::assert_snapshot!("today_thanks_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("today_thanks_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn a_referral_received_typed_in_is_owed_a_thank_you_until_space_marks_it_sent() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    app.update(Action::ReferralIn);
    fill(&mut app, &["lima", "Bruno Alves", "", "needs a logo"]);
    assert!(app.popup.is_none(), "saved");
    assert_eq!(app.referrals.total, 3);
    let r = app.referrals.selected().expect("the new one").clone();
    assert_eq!(
        (r.partner.as_str(), r.person.as_str()),
        ("Ana Lima", "Bruno Alves")
    );
    assert_eq!(r.owed_since(), Some(common::date("2026-11-22")));
    match &app.message {
        Some(Message::Info(m)) => assert!(m.contains("Thank them by Tue 24 Nov"), "{m}"),
        other => panic!("{other:?}"),
    }
    // On Today, above the follow-ups; Space marks it sent.
    app.update(Action::GoTo(Pane::Today));
    let at = app
        .today_rows()
        .iter()
        .position(|row| {
            matches!(row, TodayRow::ThankYou(i)
                if app.today_pane.thanks[*i].person == "Bruno Alves")
        })
        .expect("on Today");
    app.today_pane.cursor = at;
    app.update(Action::Toggle);
    assert_eq!(app.context(), list25::keymap::Context::ThanksHow);
    // There is no e-mail among the ways to thank: e does nothing.
    let e = KeyEvent::from(KeyCode::Char('e'));
    assert_eq!(list25::keymap::resolve(app.context(), e), None);
    app.update(Action::PickHow(ThanksHow::Card));
    assert_eq!(common::form_focus(&app), Some("Sent on"));
    insta::assert_snapshot!("thanks_sent_on_80x24", draw(&app, 80, 24).backend());
    app.update(Action::Save);
    assert!(app.popup.is_none());
    assert!(
        app.today_pane
            .thanks
            .iter()
            .all(|t| t.person != "Bruno Alves")
    );
    let conn = app.connection();
    let ana = store::contact::lookup(conn, "Ana Lima").expect("lookup");
    let store::Lookup::One(ana) = ana else {
        panic!("Ana")
    };
    let touches = store::contact::touches(conn, ana.id).expect("touches");
    assert_eq!(touches[0].0, TouchKind::Card);
    assert_eq!(ana.next_follow_up, Some(common::date("2026-12-22")));
    let ledger = store::referral::get(conn, r.id).expect("read").expect("r");
    assert_eq!(ledger.thanked, Some(common::date("2026-11-22")));
}

#[test]
fn bad_input_in_the_referral_form_stays_beside_its_field_and_writes_nothing() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    app.update(Action::ReferralIn);
    fill(&mut app, &["nobody at all", "Bruno"]);
    assert_eq!(common::form_error(&app).map(|e| e.0), Some("From"));
    app.update(Action::Cancel);
    app.update(Action::ReferralIn);
    fill(&mut app, &["lima", "Ana Lima"]);
    let (field, why) = common::form_error(&app).expect("error");
    assert_eq!(field, "For");
    assert!(why.contains("themselves"), "{why}");
    app.update(Action::Cancel);
    app.update(Action::ReferralIn);
    typed(&mut app, "lima");
    app.update(Action::NextField);
    typed(&mut app, "Bruno");
    app.update(Action::NextField);
    clear(&mut app);
    fill(&mut app, &["2026-12-01"]);
    let (field, why) = common::form_error(&app).expect("error");
    assert_eq!(field, "On");
    assert!(why.contains("after today"), "{why}");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Cancel);
    assert_eq!(store::referral::count(app.connection()).expect("count"), 2);
    assert!(matches!(
        store::contact::lookup(app.connection(), "Bruno").expect("lookup"),
        store::Lookup::None
    ));
}

#[test]
fn status_client_makes_a_client_and_owes_the_referrer_the_news() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    // Newest first: Ana (given, 19 Nov), then Marc's referral of Zoé.
    app.update(Action::Down);
    assert_eq!(
        app.referrals.selected().map(|r| r.person.as_str()),
        Some("Zoé Martin")
    );
    app.update(Action::SetStatus);
    assert_eq!(app.context(), list25::keymap::Context::Status);
    insta::assert_snapshot!("status_pick_80x24", draw(&app, 80, 24).backend());
    // The status it has already changes nothing.
    app.update(Action::PickStatus(RefStatus::New));
    assert!(app.popup.is_none());
    app.update(Action::SetStatus);
    app.update(Action::PickStatus(RefStatus::Client));
    clear(&mut app);
    fill(&mut app, &["2026-12-01"]);
    assert!(
        common::form_error(&app).is_some_and(|(_, why)| why.contains("after today")),
        "{:?}",
        common::form_error(&app)
    );
    clear(&mut app);
    fill(&mut app, &["2026-11-22"]);
    assert!(app.popup.is_none());
    let r = app.referrals.selected().expect("selected");
    assert_eq!(r.status, RefStatus::Client);
    let zoe = store::contact::get(app.connection(), r.person_id)
        .expect("read")
        .expect("zoé");
    assert_eq!(zoe.client_since, Some(common::date("2026-11-22")));
    assert!(
        app.today_pane
            .thanks
            .iter()
            .any(|t| t.what() == "Tell Marc Dupont how it went with Zoé Martin (a client now)")
    );
}

#[test]
fn an_old_referrer_is_thanked_once_and_the_day_13_task_counts_it() {
    let mut app = common::app_with("2026-11-10", "2026-11-22", |c| {
        let ana = store::contact::add(
            c,
            None,
            &ContactDraft::named("Ana Lima").expect("d"),
            &now(),
        )
        .expect("ana");
        let mut carla = ContactDraft::named("Carla Dias").expect("d");
        carla.client_since = Some(common::date("2025-06-01"));
        carla.referred_by = Some(ana);
        store::contact::add(c, None, &carla, &now()).expect("carla");
    });
    assert_eq!(app.position().day(), 13);
    let metric = list25::domain::Metric::ReferrersThanked;
    assert_eq!(app.checklist.metrics.value(metric), 0);
    app.update(Action::GoTo(Pane::Referrals));
    assert_eq!(app.referrals.row(), Some(ReferralRow::Unthanked(0)));
    app.update(Action::ThankSent);
    app.update(Action::PickHow(ThanksHow::Call));
    app.update(Action::Save);
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert!(app.referrals.unthanked.is_empty());
    assert_eq!(app.checklist.metrics.value(metric), 1);
    let task = app
        .today_items()
        .into_iter()
        .find(|i| i.task.key == "thank-past-referrers")
        .expect("day 13 task");
    assert!(app.status(&task.task).is_some_and(|s| s.is_done()));
}

#[test]
fn a_star_on_someone_not_met_asks_and_says_why() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    let marc = app
        .contacts
        .rows
        .iter()
        .position(|c| c.name == "Marc Dupont")
        .expect("marc");
    // Moved onto, so the pane reads the whole contact.
    app.contacts.cursor = marc;
    app.update(Action::Up);
    app.update(Action::Down);
    app.update(Action::MarkPartner);
    match &app.popup {
        Some(Popup::Confirm { question, .. }) => {
            assert!(question.contains("not met Marc Dupont yet"), "{question}")
        }
        _ => panic!("asks"),
    }
    app.update(Action::Confirm);
    assert_eq!(
        (app.checklist.metrics.listed, app.checklist.metrics.partners),
        (2, 2),
        "a star puts them on the list: the list is the people starred"
    );
}

#[test]
fn y_copies_the_thank_you_filled_in_for_the_referrer_and_the_person() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    app.update(Action::Down);
    assert_eq!(
        app.referrals.selected().map(|r| r.person.as_str()),
        Some("Zoé Martin")
    );
    app.update(Action::Copy);
    assert!(app.clipboard.is_none(), "your name is not set yet");
    match &app.message {
        Some(Message::Error(m)) => assert!(m.contains("my_name"), "{m}"),
        other => panic!("{other:?}"),
    }
    store::settings::set(app.connection(), store::settings::MY_NAME, "Jane Roe").expect("set");
    app.update(Action::Copy);
    let copied = app.clipboard.take().expect("copied");
    assert!(copied.starts_with("Dear Marc,"), "{copied}");
    assert!(
        copied.contains("Thank you for sending Zoé Martin my way."),
        "{copied}"
    );
    assert!(copied.contains("Jane Roe"), "{copied}");
    // A referral given owes no thank-you: nothing to copy.
    app.update(Action::Up);
    app.update(Action::Copy);
    assert!(app.clipboard.is_none());
}

#[test]
fn clients_are_a_view_of_contacts_and_c_makes_one() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    let names =
        |app: &App| -> Vec<String> { app.contacts.rows.iter().map(|c| c.name.clone()).collect() };
    assert_eq!(names(&app), ["Ana Lima", "Marc Dupont"]);
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, list25::app::Shows::All);
    assert_eq!(names(&app).len(), 4, "Carla and Zoé are in no category");
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, list25::app::Shows::Clients);
    assert_eq!(names(&app), ["Carla Dias"]);
    insta::assert_snapshot!("clients_80x24", draw(&app, 80, 24).backend());
    // Zoé is in no category and no client: sorted next.
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, list25::app::Shows::Unsorted);
    assert_eq!(names(&app), ["Zoé Martin"]);
    app.update(Action::NextView);
    assert_eq!(app.contacts.shows, list25::app::Shows::Category);
    // C on Marc: a client since today, listed with the clients.
    app.update(Action::Down);
    app.update(Action::MarkClient);
    match &app.message {
        Some(Message::Info(m)) => assert_eq!(m, "Marc Dupont is a client since today."),
        other => panic!("{other:?}"),
    }
    app.update(Action::NextView);
    app.update(Action::NextView);
    assert_eq!(names(&app), ["Carla Dias", "Marc Dupont"]);
}

#[test]
fn a_referral_from_contacts_has_the_selected_person_as_the_partner() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Categories));
    app.update(Action::ShowContacts);
    app.update(Action::Down);
    app.update(Action::ReferralOut);
    match &app.popup {
        Some(Popup::Form(f)) => {
            assert_eq!(f.value(0), "Marc Dupont");
            assert_eq!(f.focused_label(), "For", "straight to the person");
            assert_eq!(
                f.fields[0].note.as_deref(),
                Some("→ Marc Dupont (Printers)")
            );
        }
        _ => panic!("the form"),
    }
    fill(&mut app, &["Carla"]);
    assert!(app.popup.is_none(), "{:?}", common::form_error(&app));
    let newest = &store::referral::list(app.connection(), 1).expect("list")[0];
    assert_eq!(
        (
            newest.direction,
            newest.partner.as_str(),
            newest.person.as_str()
        ),
        (Direction::Given, "Marc Dupont", "Carla Dias")
    );
}

#[test]
fn a_referral_recorded_by_mistake_is_deleted_after_a_question_and_undone() {
    let mut app = with_ledger();
    app.update(Action::GoTo(Pane::Referrals));
    app.update(Action::Down);
    app.update(Action::Delete);
    match &app.popup {
        Some(Popup::Confirm { question, .. }) => assert!(
            question.contains("the referral of Zoé Martin from Marc Dupont"),
            "{question}"
        ),
        _ => panic!("asks first"),
    }
    app.update(Action::Confirm);
    assert_eq!(app.referrals.total, 1);
    assert!(
        app.today_pane.thanks.is_empty(),
        "its thank-you went with it"
    );
    app.update(Action::Undo);
    assert_eq!(app.referrals.total, 2);
    assert_eq!(
        app.referrals.selected().map(|r| r.person.as_str()),
        Some("Zoé Martin")
    );
    assert_eq!(app.today_pane.thanks.len(), 1);
}

#[test]
fn at_80_columns_the_balance_follows_the_referral_under_the_cursor() {
    let mut app = common::app_with("2026-11-20", "2026-11-22", |c| {
        for i in 0..9 {
            let partner = store::contact::add(
                c,
                None,
                &ContactDraft::named(&format!("Partner {i}")).expect("d"),
                &now(),
            )
            .expect("partner");
            let draft = ReferralDraft {
                direction: Direction::Received,
                partner,
                person: Person::New(Box::new(
                    ContactDraft::named(&format!("Person {i}")).expect("d"),
                )),
                on: common::date("2026-11-20"),
                note: String::new(),
            };
            store::referral::add(c, &draft, &now()).expect("referral");
        }
    });
    app.update(Action::GoTo(Pane::Referrals));
    let screen = |app: &App| format!("{:?}", draw(app, 80, 24).backend());
    assert!(
        screen(&app).contains("Balance · 9 partners"),
        "{}",
        screen(&app)
    );
    for _ in 0..9 {
        app.update(Action::Down);
        let Some(ReferralRow::Referral(i)) = app.referrals.row() else {
            continue;
        };
        let partner = app.referrals.list[i].partner.clone();
        let shown = screen(&app);
        let in_balance = shown.lines().filter(|l| l.contains(&partner)).count();
        assert!(
            in_balance >= 2,
            "{partner} in the ledger and the balance: {shown}"
        );
    }
}
