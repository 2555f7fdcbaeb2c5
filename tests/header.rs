//! The header at every width from the minimum up, in each program state:
//! whole words only, the shown pane's name and the day always there.

mod common;

use common::draw;
use list25::action::Action;
use list25::app::{App, Pane};

/// The header's two lines at `width`, each cell as drawn.
fn header(app: &App, width: u16) -> [String; 2] {
    let terminal = draw(app, width, 24);
    let buffer = terminal.backend().buffer();
    let line = |y: u16| -> String {
        (0..width)
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    };
    [line(0), line(1)]
}

/// The header at 60, 80, 100 and 120 columns, one after the other.
fn at_widths(app: &App) -> String {
    let mut out = String::new();
    for width in [60, 80, 100, 120] {
        let [top, gauges] = header(app, width);
        out.push_str(&format!("{width:>3}|{top}|\n   |{gauges}|\n"));
    }
    out
}

fn on(start: &str, today: &str, pane: Pane) -> App {
    let mut app = common::app(start, today);
    app.update(Action::GoTo(pane));
    app.message = None;
    app
}

#[test]
fn eight_days_before_the_start() {
    insta::assert_snapshot!(at_widths(&on("2026-11-30", "2026-11-22", Pane::Today)));
}

#[test]
fn the_day_before_the_start() {
    insta::assert_snapshot!(at_widths(&on("2026-11-23", "2026-11-22", Pane::Categories)));
}

#[test]
fn on_day_three() {
    insta::assert_snapshot!(at_widths(&on("2026-11-20", "2026-11-22", Pane::Contacts)));
}

#[test]
fn on_day_twenty_five() {
    insta::assert_snapshot!(at_widths(&on("2026-10-29", "2026-11-22", Pane::Referrals)));
}

#[test]
fn after_the_last_day() {
    insta::assert_snapshot!(at_widths(&on("2026-09-01", "2026-11-22", Pane::Scripts)));
}

/// At every width from the minimum up, on every pane and in each state,
/// the top line shows only whole words: each tab is its number, or its
/// number and whole name; the shown pane's name is there, and the day,
/// on the top line or beside the program's gauge.
#[test]
fn every_width_shows_whole_words() {
    let states = [
        ("2026-11-30", "2026-11-22", "Starts in 8 days"),
        ("2026-11-23", "2026-11-22", "Starts tomorrow"),
        ("2026-11-20", "2026-11-22", "Day 3"),
        ("2026-10-29", "2026-11-22", "Day 25"),
    ];
    for (start, today, day) in states {
        for pane in Pane::ALL {
            let app = on(start, today, pane);
            for width in list25::ui::MIN_WIDTH..=140 {
                let [top, gauges] = header(&app, width);
                let at = format!("{start} {pane:?} at {width}: {top:?} {gauges:?}");
                let split = match top.find(&format!("  {day}")) {
                    Some(split) => split,
                    None if gauges.contains(&format!("  {day}")) => top.trim_end().len(),
                    None => panic!("the day is missing or run into: {at}"),
                };
                let mut words = top[..split].split_whitespace().peekable();
                let mut shown = false;
                let mut numbers = 0;
                while let Some(word) = words.next() {
                    if word == "list25" && numbers == 0 {
                        continue;
                    }
                    let n = word.parse::<usize>().ok();
                    let Some(n) = n.filter(|n| (1..=Pane::ALL.len()).contains(n)) else {
                        panic!("a cut word {word:?}: {at}");
                    };
                    assert_eq!(n, numbers + 1, "tabs out of order: {at}");
                    numbers += 1;
                    if words.peek() == Some(&Pane::ALL[n - 1].title()) {
                        words.next();
                        shown |= Pane::ALL[n - 1] == pane;
                    }
                }
                assert_eq!(numbers, Pane::ALL.len(), "a tab is missing: {at}");
                assert!(shown, "the shown pane's name is missing: {at}");
            }
        }
    }
}
