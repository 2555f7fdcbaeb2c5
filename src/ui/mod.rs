//! Pure render functions: they read `App` and draw; they never write.

mod card;
mod categories;
mod contacts;
mod events;
pub mod footer;
mod form;
mod header;
mod help;
mod import;
mod popup;
mod program;
mod referrals;
mod scripts;
pub mod text;
pub mod theme;
mod today;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Padding, Paragraph};

use crate::app::{App, Message, Pane, Popup};
use crate::domain::Position;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// The goal of the whole program: partners on the 25 list.
const GOAL: u32 = 25;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let message_lines = message_lines(app, area.width);
    let message_height = u16::try_from(message_lines.len().max(1)).unwrap_or(1);
    let [header, body, message, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(message_height),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(frame, header, app);
    match app.pane {
        Pane::Today => today::render(frame, body, app),
        Pane::Program => program::render(frame, body, app),
        Pane::Categories => categories::render(frame, body, app),
        Pane::Contacts => contacts::render(frame, body, app),
        Pane::Scripts => scripts::render(frame, body, app),
        Pane::Referrals => referrals::render(frame, body, app),
        Pane::Events => events::render(frame, body, app),
    }
    frame.render_widget(Paragraph::new(message_lines), message);
    footer::render(frame, footer, app);
    match &app.popup {
        None => {}
        Some(Popup::Help { scroll }) => help::render(frame, area, app, *scroll),
        Some(Popup::Note { day, editor, .. }) => popup::note(frame, area, *day, editor),
        Some(Popup::Form(f)) => form::render(frame, area, f),
        Some(Popup::Search(search)) => popup::search(frame, area, search),
        Some(Popup::Suggest(suggest)) => popup::suggest(frame, area, suggest),
        Some(Popup::Confirm { question, .. }) => popup::confirm(frame, area, question),
        Some(Popup::Versions(versions)) => popup::versions(frame, area, versions, app.today),
        Some(Popup::TouchKind(pick)) => popup::touch_kind(frame, area, pick),
        Some(Popup::ThanksHow(pick)) => popup::thanks_how(frame, area, pick),
        Some(Popup::Status(pick)) => popup::status(frame, area, pick),
        Some(Popup::Import(imp)) => import::render(frame, area, imp),
        Some(Popup::Outcome(pick)) => popup::outcome(frame, area, pick),
    }
}

/// Draw a bordered pane or popup over `area`, its title cut to fit; an
/// accent border marks focus. Returns the area inside.
pub fn draw_panel(frame: &mut Frame, area: Rect, title: &str, focused: bool, padded: bool) -> Rect {
    let title = text::truncate(title, usize::from(area.width.saturating_sub(4)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            Style::new().fg(theme::ACCENT)
        } else {
            theme::muted()
        })
        .title(Line::styled(title, theme::title()));
    let block = if padded {
        block.padding(Padding::horizontal(1))
    } else {
        block
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A list line, shown reversed when it is the one under the cursor.
pub fn highlight(line: Line<'_>, selected: bool) -> Line<'_> {
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}

/// `text` word-wrapped to `width` cells, one line each, in `style`.
pub fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    text::wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "The terminal is {}x{}; list25 needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Make it larger, or press q to quit.",
        area.width, area.height
    );
    let lines = wrapped(&text, usize::from(area.width), Style::new());
    frame.render_widget(Paragraph::new(lines), area);
}

/// How the program's day reads in the header and on the Today pane.
pub fn day_label(app: &App) -> String {
    match app.position() {
        Position::NotStarted { days_until: 1 } => {
            format!("Starts tomorrow ({})", app.start.format("%a %-d %b"))
        }
        Position::NotStarted { days_until } => format!(
            "Starts in {days_until} days ({})",
            app.start.format("%a %-d %b")
        ),
        Position::Day(d) => format!("Day {d} of 25"),
    }
}

/// A one-line gauge with its label on the left.
pub fn gauge(label: String, ratio: f64) -> LineGauge<'static> {
    LineGauge::default()
        .label(label)
        .ratio(ratio.clamp(0.0, 1.0))
        .filled_style(Style::new().fg(theme::ACCENT))
        .unfilled_style(Style::new().fg(theme::MUTED))
}

pub fn ratio(done: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    }
}

/// The status message, wrapped to the width so that it is read whole: at
/// most three lines, the last cut with "…" if it is longer still.
fn message_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    const MOST: usize = 3;
    let (text, style) = match &app.message {
        None => return Vec::new(),
        Some(Message::Info(m)) => (m, Style::new().fg(theme::ACCENT)),
        Some(Message::Error(m)) => (m, Style::new().fg(theme::ERROR)),
    };
    let width = usize::from(width).saturating_sub(2).max(10);
    let mut lines = text::wrap(text, width);
    if lines.len() > MOST {
        lines.truncate(MOST);
        if let Some(last) = lines.last_mut() {
            *last = text::truncate(&format!("{last} …"), width);
        }
    }
    lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect()
}

/// A day's note under its heading, or how to write one; the heading
/// reversed when the cursor is on it (Today and Program).
pub fn note_lines(
    lines: &mut Vec<Line<'static>>,
    note: Option<&String>,
    (width, selected, room): (usize, bool, usize),
    empty: &'static str,
) {
    match note {
        Some(note) => {
            lines.push(highlight(Line::styled("Note", theme::heading()), selected));
            let room = room.saturating_sub(1);
            lines.extend(capped(note, width, room, "Space shows the note whole"));
        }
        None => lines.push(highlight(Line::styled(empty, theme::muted()), selected)),
    }
}

/// `text` wrapped to `width` in at most `room` rows. Taller, it shows its
/// first lines whole, then a last row saying how many lines are left and
/// `hint` (where to read them all): every row of a pane can be reached.
pub fn capped(text: &str, width: usize, room: usize, hint: &str) -> Vec<Line<'static>> {
    let paragraphs: Vec<Vec<Line<'static>>> = text
        .split('\n')
        .map(|p| wrapped(p, width, Style::new()))
        .collect();
    let total: usize = paragraphs.iter().map(Vec::len).sum();
    if total <= room {
        return paragraphs.into_iter().flatten().collect();
    }
    let fit = room.saturating_sub(1).max(1);
    let mut out: Vec<Line<'static>> = Vec::with_capacity(room);
    let mut whole = 0;
    for p in &paragraphs {
        if out.len() + p.len() > fit {
            break;
        }
        out.extend(p.iter().cloned());
        whole += 1;
    }
    if whole == 0 {
        // One line taller than the room: its start.
        out.extend(paragraphs[0].iter().take(fit).cloned());
    }
    let left = u64::try_from(paragraphs.len() - whole).unwrap_or(u64::MAX);
    out.extend(wrapped(
        &format!(
            "… {}: {hint}",
            crate::domain::text::count(left, "more line")
        ),
        width,
        theme::muted(),
    ));
    out
}

/// A checkbox line for a task, wrapped to `width`, as list lines.
pub fn task_lines(
    prefix: &str,
    text: &str,
    status: crate::domain::Status,
    skipped: bool,
    unit: &str,
    width: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    use crate::domain::Status;
    let (mark, mark_style) = if status.is_done() {
        ("[x]", Style::new().fg(theme::DONE))
    } else if skipped {
        ("[-]", theme::muted())
    } else {
        ("[ ]", Style::new())
    };
    let mut body = format!("{prefix}{text}");
    if let Status::Measured { value, target } = status {
        body.push_str(&format!("  ({value}/{target} {unit})"));
    }
    // " ▶ [x] " before the text.
    let indent = 7;
    let lines = text::wrap(&body, width.saturating_sub(indent).max(10));
    let row_style = if selected {
        theme::selected()
    } else {
        Style::new()
    };
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                vec![
                    Span::raw(if selected { " ▶ " } else { "   " }),
                    Span::styled(mark, mark_style),
                    Span::raw(" "),
                ]
            } else {
                vec![Span::raw(" ".repeat(indent))]
            };
            let mut spans = lead;
            let text_style = if status.is_done() || skipped {
                theme::muted()
            } else {
                Style::new()
            };
            spans.push(Span::styled(l, text_style));
            Line::from(spans).style(row_style)
        })
        .collect()
}

/// The rows of a `len`-row list that fit in `height` rows with the row
/// `cursor` visible: build only these, however long the list is.
pub fn window(cursor: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    let first = (cursor + 1).saturating_sub(height).min(cursor);
    first..(first + height).min(len)
}

/// Draw `lines` in `area`, scrolled just enough that the selected lines
/// (`selected`, a range of line numbers) are visible.
pub fn scrolled(frame: &mut Frame, area: Rect, lines: Vec<Line>, selected: (usize, usize)) {
    let offset = selected
        .1
        .saturating_sub(usize::from(area.height))
        .min(selected.0);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(offset).unwrap_or(0), 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_keeps_the_cursor_in_view() {
        assert_eq!(window(0, 100, 10), 0..10);
        assert_eq!(window(9, 100, 10), 0..10);
        assert_eq!(window(10, 100, 10), 1..11);
        assert_eq!(window(99, 100, 10), 90..100);
        assert_eq!(window(2, 3, 10), 0..3);
        assert_eq!(window(0, 0, 10), 0..0);
    }
}
