//! Pane 1, Today: today's lesson and tasks, and what is left from earlier days.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{day_label, draw_panel, highlight, scrolled, task_lines, text, theme, wrapped};
use crate::app::{App, BEHIND_DAYS, TodayRow};
use crate::domain::checklist::Hidden;
use chrono::NaiveDate;

use crate::domain::dates::day;
use crate::domain::{AskReason, Contact, Position, ThankYou};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let position = app.position();
    let day_n = position.day();
    let Some(day) = app.program.day(day_n) else {
        return;
    };
    let title = match position {
        Position::NotStarted { .. } => {
            format!(" Coming up: day 1 · {} ", day.title)
        }
        Position::Day(_) => format!(" {} · {} ", day_label(app), day.title),
    };
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);

    let mut lines = wrapped(&day.lesson, width, Style::new());
    lines.push(Line::raw(""));

    let rows = app.today_rows();
    let (done, total) = app.checklist.day_progress(&app.program, day_n);
    let heading = if position.started() {
        "Today's tasks"
    } else {
        "Day 1 tasks"
    };
    lines.push(Line::styled(
        format!("{heading} · {done}/{total} done"),
        theme::heading(),
    ));
    let behind = rows
        .iter()
        .filter(|r| matches!(r, TodayRow::Task(i) if i.behind))
        .count();
    let mut selected = (0, 0);
    let mut section = Section::Today;
    for (i, row) in rows.iter().enumerate() {
        let here = match row {
            TodayRow::Note => continue,
            TodayRow::Task(item) if item.behind => Section::Behind,
            TodayRow::Task(_) => Section::Today,
            TodayRow::ThankYou(_) => Section::Thanks,
            TodayRow::Ask(_) => Section::Asks,
            TodayRow::Touchpoint(_) => Section::Touchpoints,
            TodayRow::FollowUp(_) => Section::FollowUps,
        };
        if here != section {
            section = here;
            lines.push(Line::raw(""));
            lines.push(match here {
                Section::Thanks => counted_heading(
                    "Thank-yous owed",
                    app.today_pane.thanks.len(),
                    app.today_pane.thanks_total,
                    ("Space: sent", "Space marks one sent, Enter opens"),
                ),
                Section::Asks => counted_heading(
                    "Referral asks due",
                    app.today_pane.asks.len(),
                    app.today_pane.asks_total,
                    (
                        "Space: what they said",
                        "Space: what they said, y copies the ask",
                    ),
                ),
                Section::Touchpoints => counted_heading(
                    "Touchpoints due",
                    app.today_pane.touchpoints.len(),
                    app.today_pane.touchpoints_total,
                    ("Space: done", "Space: done, x skips, w moves"),
                ),
                Section::FollowUps => counted_heading(
                    "Follow-ups due",
                    app.today_pane.due.len(),
                    app.today_pane.due_total,
                    ("Space logs a touch", "Space logs a touch, Enter opens"),
                ),
                _ => behind_heading(behind, app.behind_hidden()),
            });
        }
        let is_sel = i == app.today_pane.cursor;
        let start = lines.len();
        match row {
            TodayRow::Task(item) => {
                let Some(task) = app.program.task(&item.task) else {
                    continue;
                };
                let status = app.checklist.status(&item.task, task);
                let prefix = if item.behind {
                    format!("Day {}: ", item.task.day)
                } else {
                    String::new()
                };
                let unit = task.measure.map_or("", |m| m.metric.unit());
                lines.extend(task_lines(
                    &prefix, &task.text, status, false, unit, width, is_sel,
                ));
            }
            TodayRow::ThankYou(j) => {
                if let Some(t) = app.today_pane.thanks.get(*j) {
                    lines.push(thanks_line(app, t, width, is_sel));
                }
            }
            TodayRow::Ask(j) => {
                if let Some(a) = app.today_pane.asks.get(*j) {
                    let what = match a.reason {
                        AskReason::Solved => format!("Ask {} (a problem solved)", a.client),
                        _ => format!("Ask {} for referrals", a.client),
                    };
                    lines.push(due_line(app, "? ", &what, a.due, width, is_sel));
                    match &app.today_pane.ask_script {
                        Some((id, text)) if is_sel && *id == a.id => {
                            for l in text::wrap(text, width.saturating_sub(6).max(10)) {
                                lines.push(Line::styled(format!("      {l}"), theme::muted()));
                            }
                        }
                        _ => {}
                    }
                }
            }
            TodayRow::Touchpoint(j) => {
                if let Some(t) = app.today_pane.touchpoints.get(*j) {
                    let what = format!("{}: {}", t.client, t.what());
                    let due = t.due.unwrap_or(app.today);
                    lines.push(due_line(app, "○ ", &what, due, width, is_sel));
                }
            }
            TodayRow::FollowUp(j) => {
                if let Some(c) = app.today_pane.due.get(*j) {
                    lines.push(follow_up_line(app, c, width, is_sel));
                }
            }
            TodayRow::Note => {}
        }
        if is_sel {
            // The first row brings the lesson above it into view.
            selected = (if i == 0 { 0 } else { start }, lines.len());
        }
    }
    if behind == 0 && position.started() && total == done {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "All done for today, and nothing left behind. Well done.",
            theme::heading().fg(theme::DONE),
        ));
    }
    lines.push(Line::raw(""));
    let on_note = rows.get(app.today_pane.cursor) == Some(&TodayRow::Note);
    if on_note {
        selected = (lines.len(), usize::MAX);
    }
    super::note_lines(
        &mut lines,
        app.notes.get(&day_n),
        (width, on_note, usize::from(inner.height)),
        "No note for today. Press n to write one.",
    );
    let end = selected.1.min(lines.len());
    scrolled(frame, inner, lines, (selected.0, end));
}

/// The parts of the Today list, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Today,
    Thanks,
    Asks,
    Touchpoints,
    FollowUps,
    Behind,
}

/// "Behind" with how many tasks it lists, and how many it leaves out.
fn behind_heading(shown: usize, hidden: Hidden) -> Line<'static> {
    let text = match hidden.days {
        Some((first, last)) if hidden.tasks > 0 => {
            let days = if first == last {
                format!("day {first}")
            } else {
                format!("days {first}-{last}")
            };
            format!(
                "Behind · {shown} from the last {BEHIND_DAYS} days · {} older, {days}, on Program",
                hidden.tasks
            )
        }
        _ => format!("Behind · {shown} from earlier days, still worth doing"),
    };
    Line::styled(text, theme::heading().fg(theme::BEHIND))
}

/// When something owed is due, as the screen says it, and its colour.
pub fn due_words(due: NaiveDate, today: NaiveDate) -> (String, Style) {
    if due < today {
        (
            format!("overdue since {}", day(due, today)),
            Style::new().fg(theme::ERROR),
        )
    } else if due == today {
        ("due today".to_owned(), Style::new().fg(theme::BEHIND))
    } else {
        (format!("due {}", day(due, today)), theme::muted())
    }
}

/// The cells left for a row's name once its lead (" ▶ • ") and its
/// " · when" are placed, so that the when is never cut.
fn room(width: usize, when: &str) -> usize {
    width.saturating_sub(5 + 3 + text::width(when))
}

fn thanks_line(app: &App, t: &ThankYou, width: usize, selected: bool) -> Line<'static> {
    due_line(app, "♥ ", &t.what(), t.due, width, selected)
}

/// A row of something due: its mark, what, and when, coloured by how late.
fn due_line(
    app: &App,
    mark: &'static str,
    what: &str,
    due: NaiveDate,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let (when, style) = due_words(due, app.today);
    let line = Line::from(vec![
        Span::raw(if selected { " ▶ " } else { "   " }),
        Span::styled(mark, style),
        Span::raw(text::truncate(what, room(width, &when))),
        Span::styled(format!(" · {when}"), style),
    ]);
    highlight(line, selected)
}

/// A section's heading: its name, how many (and how many shown, when
/// not all are), and its keys: the few when the heading says how many are
/// shown, else all of them.
fn counted_heading(
    name: &str,
    shown: usize,
    total: u32,
    (few, all): (&str, &str),
) -> Line<'static> {
    let text = if shown < usize::try_from(total).unwrap_or(usize::MAX) {
        format!("{name} · {total} (the {shown} most overdue shown) · {few}")
    } else {
        format!("{name} · {total} · {all}")
    };
    Line::styled(text, theme::heading())
}

fn follow_up_line(app: &App, c: &Contact, width: usize, selected: bool) -> Line<'static> {
    let who = if c.category.is_empty() {
        c.name.clone()
    } else {
        format!("{} ({})", c.name, c.category)
    };
    let due = c.next_follow_up.unwrap_or(app.today);
    due_line(app, "• ", &who, due, width, selected)
}
