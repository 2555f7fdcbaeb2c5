//! Pane 2, Program: the 25 days, one day's lesson, tasks and note.

use chrono::Days;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{draw_panel, gauge, ratio, scrolled, task_lines, text, theme, wrapped};
use crate::app::{App, ProgramFocus};
use crate::domain::{Position, TaskRef};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let left_width = (area.width / 3).clamp(30, 40);
    let [days_area, day_area] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
    render_days(frame, days_area, app);
    render_day(frame, day_area, app);
}

fn render_days(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.program_pane.focus == ProgramFocus::Days;
    let inner = draw_panel(frame, area, " 25 days ", focused, false);
    let [list_area, overall_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);

    let position = app.position();
    let width = usize::from(list_area.width);
    let lines: Vec<Line> = app
        .program
        .days
        .iter()
        .zip(1u8..)
        .map(|(day, n)| {
            let (done, total) = app.checklist.day_progress(&app.program, n);
            let (mark, style) = if done == total {
                ("✓", Style::new().fg(theme::DONE))
            } else if app.checklist.is_behind(&app.program, n, position) {
                ("!", Style::new().fg(theme::BEHIND))
            } else if position.started() && n == position.day() {
                ("●", Style::new().fg(theme::ACCENT))
            } else {
                (" ", Style::new())
            };
            let count = format!(" {done}/{total}");
            let title_width = width.saturating_sub(5 + count.chars().count());
            let title = text::truncate(&day.title, title_width);
            let pad =
                title_width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
            let line = Line::from(vec![
                Span::styled(mark, style),
                Span::raw(format!("{n:>3} ")),
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, theme::muted()),
            ]);
            if n == app.program_pane.day {
                line.style(if focused {
                    theme::selected()
                } else {
                    theme::heading()
                })
            } else {
                line
            }
        })
        .collect();
    let sel = usize::from(app.program_pane.day) - 1;
    scrolled(frame, list_area, lines, (sel, sel + 1));
    let (done, total) = app.checklist.overall(&app.program);
    frame.render_widget(
        gauge(format!("All {done}/{total}"), ratio(done, total)),
        overall_area,
    );
}

fn render_day(frame: &mut Frame, area: Rect, app: &App) {
    let n = app.program_pane.day;
    let Some(day) = app.program.day(n) else {
        return;
    };
    let focused = app.program_pane.focus == ProgramFocus::Tasks;
    let date = app
        .start
        .checked_add_days(Days::new(u64::from(n) - 1))
        .unwrap_or(app.start);
    let mut title = format!(" Day {n} · {} ", date.format("%a %-d %b"));
    let position = app.position();
    if app.checklist.is_behind(&app.program, n, position) {
        title.push_str("· behind ");
    } else if position.started() && n == position.day() {
        title.push_str("· today ");
    }
    let inner = draw_panel(frame, area, &title, focused, true);
    let [gauge_area, text_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let (done, total) = app.checklist.day_progress(&app.program, n);
    let skipped = app.checklist.skipped_on(&app.program, n);
    let label = if skipped > 0 {
        format!("{done}/{total} done · {skipped} skipped")
    } else {
        format!("{done}/{total} done")
    };
    frame.render_widget(gauge(label, ratio(done, total)), gauge_area);

    let width = usize::from(text_area.width);
    let mut lines: Vec<Line> = vec![Line::raw("")];
    lines.extend(
        text::wrap(&day.title, width)
            .into_iter()
            .map(|l| Line::styled(l, theme::heading())),
    );
    lines.extend(wrapped(&day.lesson, width, Style::new()));
    lines.push(Line::raw(""));
    let mut selected = (0, 0);
    for (i, task) in day.tasks.iter().enumerate() {
        let r = TaskRef {
            day: n,
            key: task.key.clone(),
        };
        let status = app.checklist.status(&r, task);
        let is_sel = focused && i == app.program_pane.task;
        let start = lines.len();
        let skipped = app.checklist.skipped_at(&r, task);
        lines.extend(task_lines(
            "",
            &task.text,
            status,
            skipped.is_some(),
            task.measure.map_or("", |m| m.metric.unit()),
            width,
            is_sel,
        ));
        let when = match (status, skipped) {
            (crate::domain::Status::Done(at), _) => Some(("done", at)),
            (_, Some(at)) => Some(("skipped", at)),
            _ => None,
        };
        if let Some((what, at)) = when {
            lines.push(Line::styled(
                format!(
                    "       {what} {}, {}",
                    crate::domain::dates::day(at.date(), app.today),
                    at.format("%H:%M")
                ),
                theme::muted(),
            ));
        }
        if is_sel {
            // The first task brings the lesson above it into view.
            selected = (if i == 0 { 0 } else { start }, lines.len());
        }
    }
    lines.push(Line::raw(""));
    let on_note = focused && app.program_pane.task >= day.tasks.len();
    if on_note {
        selected = (lines.len(), usize::MAX);
    }
    super::note_lines(
        &mut lines,
        app.notes.get(&n),
        (width, on_note, usize::from(text_area.height)),
        "No note. Press n to write one.",
    );
    if matches!(position, Position::NotStarted { .. }) && n == 1 {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "The program starts on {}. Press s to change the date.",
                app.start.format("%a %-d %b %Y")
            ),
            theme::muted(),
        ));
    }
    let end = selected.1.min(lines.len());
    scrolled(frame, text_area, lines, (selected.0, end));
}
