//! The form popup: labelled fields, one row each except texts of several
//! lines, an error or a note right under the field it is about, scrolled
//! so the focused field is in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::popup::{centered, frame_block};
use super::{text, theme, wrapped};
use crate::domain::text::Lines;
use crate::form::Form;

/// The most rows a text of several lines takes in a form of several
/// fields; a form that is only that text (the journey template) takes up
/// to `ALONE_ROWS`, as the screen allows.
const TEXT_ROWS: usize = 5;
const ALONE_ROWS: usize = 14;

/// A form: a row per field (a text up to `TEXT_ROWS`), the label on the
/// left; an error or a note sits right under the field it is about.
pub fn render(frame: &mut Frame, area: Rect, form: &Form) {
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let rect_width = area.width.min(76);
    // Borders, padding and the label column.
    let text_width = usize::from(rect_width).saturating_sub(4 + label_width);
    let below = |i: usize| -> Vec<Line<'static>> {
        match (&form.error, &form.fields[i].note) {
            (Some((e, why)), _) if *e == i => {
                wrapped(why, text_width, Style::new().fg(theme::ERROR))
            }
            (_, Some(note)) => wrapped(note, text_width, theme::muted()),
            _ => Vec::new(),
        }
    };
    // A text of several lines shows as many rows as it fills, up to
    // `most` rows; it scrolls inside them. Measured once per frame.
    let most = if form.fields.len() == 1 {
        usize::from(area.height)
            .saturating_sub(8)
            .clamp(TEXT_ROWS, ALONE_ROWS)
    } else {
        TEXT_ROWS
    };
    let heights: Vec<usize> = form
        .fields
        .iter()
        .map(|field| match field.lines {
            Lines::One => 1,
            // Only the first `most` lines are measured: each takes a row
            // at least.
            Lines::Many => field
                .input
                .lines()
                .iter()
                .take(most)
                .map(|l| text::wrap(l, text_width.max(1)).len().max(1))
                .sum::<usize>()
                .clamp(1, most),
        })
        .collect();
    let height_of = |i: usize| heights[i];
    let rows: usize = (0..form.fields.len())
        .map(|i| height_of(i) + below(i).len())
        .sum();
    let height = u16::try_from(rows + 4).unwrap_or(u16::MAX);
    let rect = centered(area, rect_width, height);
    let inner = frame_block(frame, rect, form.title.clone());
    let label_w = u16::try_from(label_width).unwrap_or(12);
    let split =
        |y: u16, h: u16| {
            Layout::horizontal([Constraint::Length(label_w), Constraint::Min(1)])
                .areas::<2>(Rect::new(inner.x, y, inner.width, h))
        };
    let bottom = inner.y + inner.height.saturating_sub(2);
    // Rows in order: each field (a text over several), then the lines under
    // it. When they do not all fit, they scroll so the focused field and
    // its error are in view.
    enum Row {
        Field(usize),
        /// A row further down a text of several lines.
        More(usize),
        Below(usize, Line<'static>),
    }
    let field_of = |row: &Row| match row {
        Row::Field(i) | Row::More(i) | Row::Below(i, _) => *i,
    };
    let mut lines: Vec<Row> = Vec::with_capacity(rows);
    for i in 0..form.fields.len() {
        lines.push(Row::Field(i));
        lines.extend((1..height_of(i)).map(|_| Row::More(i)));
        lines.extend(below(i).into_iter().map(|l| Row::Below(i, l)));
    }
    let room = usize::from(bottom.saturating_sub(inner.y));
    let first = lines
        .iter()
        .position(|r| field_of(r) == form.focus)
        .unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|r| field_of(r) == form.focus)
        .unwrap_or(0);
    let offset = (last + 1).saturating_sub(room).min(first);
    let more = match (offset > 0, offset + room < lines.len()) {
        (true, true) => "↑↓ more · ",
        (true, false) => "↑ more · ",
        (false, true) => "↓ more · ",
        (false, false) => "",
    };
    for (row, y) in lines.into_iter().skip(offset).zip(inner.y..bottom) {
        match row {
            Row::Below(_, line) => frame.render_widget(line, split(y, 1)[1]),
            Row::More(_) => {}
            Row::Field(i) => {
                let field = &form.fields[i];
                let style = if i == form.focus {
                    theme::key()
                } else {
                    Style::new()
                };
                let h = u16::try_from(height_of(i))
                    .unwrap_or(1)
                    .min(bottom.saturating_sub(y))
                    .max(1);
                let [label_area, field_area] = split(y, h);
                frame.render_widget(
                    Line::styled(field.label, style),
                    Rect {
                        height: 1,
                        ..label_area
                    },
                );
                frame.render_widget(&field.input, field_area);
            }
        }
    }
    let keys = if form.fields.len() > 1 {
        "Tab next field · Enter saves · Esc cancels"
    } else {
        "Enter saves · Esc cancels"
    };
    let hint = format!("{more}{keys}");
    frame.render_widget(
        Line::styled(hint, theme::muted()),
        Rect::new(
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            inner.width,
            1,
        ),
    );
}
