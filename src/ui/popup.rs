//! Forms drawn over the panes: the day note and the start date.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Clear;
use ratatui_textarea::TextArea;

use super::theme;
use crate::app::CategoryForm;

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn frame_block(frame: &mut Frame, rect: Rect, title: String) -> Rect {
    let block = super::panel(title, true, true);
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    inner
}

pub fn note(frame: &mut Frame, area: Rect, day: u8, editor: &TextArea) {
    let rect = centered(area, 70, 12);
    let inner = frame_block(frame, rect, format!(" Note for day {day} "));
    let [text, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(editor, text);
    frame.render_widget(
        Line::styled(
            "Enter saves · Alt-Enter new line · Esc cancels",
            theme::muted(),
        ),
        hint,
    );
}

pub fn start_date(frame: &mut Frame, area: Rect, input: &TextArea, error: Option<&str>) {
    let rect = centered(area, 64, 7);
    let inner = frame_block(frame, rect, " Program start date ".into());
    let [label, field, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(
        Line::raw("Day 1 of the program falls on (YYYY-MM-DD):"),
        label,
    );
    let [field, _] = Layout::horizontal([Constraint::Length(14), Constraint::Min(0)]).areas(field);
    frame.render_widget(input, field);
    let line = match error {
        Some(e) => Line::styled(e.to_owned(), Style::new().fg(theme::ERROR)),
        None => Line::styled("Enter saves · Esc cancels", theme::muted()),
    };
    frame.render_widget(
        ratatui::widgets::Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true }),
        message,
    );
}

pub fn category_form(frame: &mut Frame, area: Rect, form: &CategoryForm) {
    let rect = centered(area, 72, 10);
    let title = if form.id.is_some() {
        " Edit category "
    } else {
        " New category "
    };
    let inner = frame_block(frame, rect, title.into());
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .split(inner);
    for (i, (field, label)) in form.fields.iter().zip(CategoryForm::LABELS).enumerate() {
        let [label_area, field_area] =
            Layout::horizontal([Constraint::Length(8), Constraint::Min(1)]).areas(rows[i * 2]);
        let style = if i == form.focus {
            theme::key()
        } else {
            Style::new()
        };
        frame.render_widget(Line::styled(label, style), label_area);
        frame.render_widget(field, field_area);
        if let Some((f, why)) = &form.error
            && CategoryForm::field_index(*f) == i
        {
            let [_, err_area] = Layout::horizontal([Constraint::Length(8), Constraint::Min(1)])
                .areas(rows[i * 2 + 1]);
            frame.render_widget(
                Line::styled(why.clone(), Style::new().fg(theme::ERROR)),
                err_area,
            );
        }
    }
    frame.render_widget(
        Line::styled("Tab next field · Enter saves · Esc cancels", theme::muted()),
        rows[7],
    );
}

pub fn confirm(frame: &mut Frame, area: Rect, question: &str) {
    let rect = centered(area, 60, 7);
    let inner = frame_block(frame, rect, " Are you sure? ".into());
    let mut lines = super::wrapped(question, usize::from(inner.width), Style::new());
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        ratatui::text::Span::styled("y", theme::key()),
        ratatui::text::Span::raw(" delete   "),
        ratatui::text::Span::styled("n", theme::key()),
        ratatui::text::Span::raw(" keep"),
    ]));
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}
