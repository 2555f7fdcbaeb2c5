//! A contact's card in the Contacts pane: who they are, and their whole
//! history newest first, scrolled to keep the cursor in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{capped, draw_panel, highlight, scrolled, text, theme, wrapped};
use crate::app::{App, Card, HistoryItem};
use crate::domain::dates::short_day;
use crate::domain::{AskReason, Direction, OwedKind};

/// The width of the date before each history item ("22 Nov 25").
const DATE_W: usize = 9;

pub fn render(frame: &mut Frame, area: Rect, app: &App, card: &Card) {
    let c = &card.contact;
    let title = format!(" {} · history · Esc back to the list ", c.name);
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let who = text::join(&[&c.role, &c.company, &c.category, &c.city]);
    if !who.is_empty() {
        lines.extend(wrapped(&who, width, theme::heading()));
    }
    // Addresses, then numbers: together they may not fit one line, and a
    // number cut in two reads as two.
    let one = card
        .emails
        .iter()
        .chain(&card.phones)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ");
    let reach = if text::width(&one) <= width {
        vec![one]
    } else {
        vec![card.emails.join(" · "), card.phones.join(" · ")]
    };
    for line in reach.iter().filter(|l| !l.is_empty()) {
        lines.extend(wrapped(line, width, Style::new()));
    }
    let planned = card
        .items
        .iter()
        .any(|i| matches!(i, HistoryItem::Ask(a) if a.asked.is_none()));
    let client = c
        .client_since
        .map(|d| {
            let plan = if planned {
                ""
            } else {
                " (no ask planned: A plans one)"
            };
            format!("client since {}{plan}", short_day(d, app.today))
        })
        .unwrap_or_default();
    let referred = card
        .referred_by
        .as_ref()
        .map(|r| format!("referred by {r}"))
        .unwrap_or_default();
    let met = match (&card.met_group, c.met_how.is_empty()) {
        (Some(g), true) => format!("met through {g}"),
        (_, true) => String::new(),
        (_, false) => format!("met: {}", c.met_how),
    };
    let stage = format!(
        "{}{} · every {} days",
        if c.on_list { "★ " } else { "" },
        c.stage.as_str(),
        c.cadence_days
    );
    let follow = c
        .next_follow_up
        .map(|d| format!("follow up {}", short_day(d, app.today)))
        .unwrap_or_default();
    lines.extend(wrapped(
        &text::join(&[&stage, &follow, &client, &referred, &met]),
        width,
        theme::muted(),
    ));
    // The history, built first: the notes make room for its first item.
    let head = lines.len() + 2;
    let mut history = Vec::new();
    let mut selected = (0, 0);
    let mut first_item = 1;
    if card.items.is_empty() {
        history.push(Line::styled(
            "Nothing yet. t logs a touch: a call, a meeting, a card.",
            theme::muted(),
        ));
    }
    let planned = card.items.iter().filter(|i| i.planned()).count();
    let past = card.items.len() - planned;
    for (i, item) in card.items.iter().enumerate() {
        if i == planned && planned > 0 && past > 0 {
            history.push(Line::raw(""));
            history.push(Line::styled(format!("History · {past}"), theme::heading()));
        }
        let is_sel = i == card.cursor;
        let start = history.len();
        let when = if item.dated() {
            short_day(item.on(), app.today)
        } else {
            "undated".to_owned()
        };
        let when = text::pad(&when, DATE_W);
        let (mark, what, note) = describe(item, &c.name);
        let first = format!("{mark} {what}");
        let body = text::wrap(&first, width.saturating_sub(DATE_W + 2).max(10));
        for (j, part) in body.into_iter().enumerate() {
            let lead = if j == 0 {
                when.clone()
            } else {
                " ".repeat(DATE_W)
            };
            let line = Line::from(vec![
                Span::styled(lead, theme::muted()),
                Span::raw("  "),
                Span::raw(part),
            ]);
            history.push(highlight(line, is_sel));
        }
        if let Some(note) = note.filter(|n| !n.is_empty()) {
            for part in text::wrap(&note, width.saturating_sub(DATE_W + 4).max(10)) {
                let line = Line::from(vec![
                    Span::raw(" ".repeat(DATE_W + 4)),
                    Span::styled(part, theme::muted()),
                ]);
                history.push(highlight(line, is_sel));
            }
        }
        if i == 0 {
            first_item = history.len();
        }
        if is_sel {
            selected = (start, history.len());
        }
    }
    // Notes taller than the room left show their start and say how many
    // lines are left out: the card stays a summary whose every line can be
    // reached, and `E` opens the notes whole.
    if !c.notes.is_empty() {
        let room = usize::from(inner.height)
            .saturating_sub(head + first_item.min(3))
            .max(2);
        lines.extend(capped(&c.notes, width, room, "E shows the notes whole"));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        if planned > 0 {
            format!("Planned · {planned} · Space done, x skip, w when, S/A the ask")
        } else {
            format!("History · {}", card.items.len())
        },
        theme::heading(),
    ));
    let above = lines.len();
    lines.extend(history);
    let selected = if card.items.is_empty() {
        (0, lines.len())
    } else {
        (above + selected.0, above + selected.1)
    };
    scrolled(frame, inner, lines, selected);
}

/// A history item's mark, what it says, and its note.
fn describe(item: &HistoryItem, name: &str) -> (&'static str, String, Option<String>) {
    match item {
        HistoryItem::Touch(t) => ("•", t.kind.label().to_owned(), Some(t.note.clone())),
        HistoryItem::Stage(s, _) => ("·", format!("stage: {}", s.as_str()), None),
        HistoryItem::Client(_) => ("◆", "became a client".to_owned(), None),
        HistoryItem::Referral(r) => {
            let what = match (r.direction, r.partner == name) {
                (Direction::Received, true) => format!("← sent you {}", r.person),
                (Direction::Received, false) => format!("← referred to you by {}", r.partner),
                (Direction::Given, true) => format!("→ you sent them {}", r.person),
                (Direction::Given, false) => format!("→ you referred them to {}", r.partner),
            };
            (
                "⇄",
                format!("{what} · {}", r.status.label()),
                Some(r.note.clone()),
            )
        }
        HistoryItem::Thanks(t) => {
            let what = match (t.kind, t.sent) {
                (OwedKind::Thanks, Some((_, how))) => {
                    format!("thanked {} for {} ({})", t.to, t.person, how.label())
                }
                (OwedKind::Thanks, None) => {
                    format!("thank-you owed to {} for {}", t.to, t.person)
                }
                (OwedKind::News, Some((_, how))) => {
                    format!(
                        "told {} how it went with {} ({})",
                        t.to,
                        t.person,
                        how.label()
                    )
                }
                (OwedKind::News, None) => {
                    format!("to do: tell {} how it went with {}", t.to, t.person)
                }
            };
            ("♥", what, None)
        }
        HistoryItem::Ask(a) => match a.asked {
            Some((_, outcome)) => (
                "?",
                format!("asked for referrals: {}", outcome.label()),
                None,
            ),
            None => {
                let why = match a.reason {
                    AskReason::Solved => " (a problem solved)",
                    AskReason::Again => " (again)",
                    _ => "",
                };
                ("?", format!("to do: ask for referrals{why}"), None)
            }
        },
        HistoryItem::Touchpoint(t) => {
            let what = match (t.skipped, t.due) {
                (Some(_), _) => format!("skipped: {}", t.what()),
                (None, None) => format!("milestone: {} · w dates it", t.what()),
                (None, Some(_)) => format!("to do: {}", t.what()),
            };
            ("○", what, None)
        }
    }
}
