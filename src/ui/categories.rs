//! Pane 3, Categories: the most-wanted list.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{draw_panel, gauge, highlight, ratio, scrolled, text, theme, wrapped};
use crate::app::App;
use crate::domain::category::GOAL;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let inner = draw_panel(frame, area, " Most-wanted list ", false, true);
    let [gauge_area, _, head_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let n = app.categories.list.len();
    frame.render_widget(
        gauge(
            if n <= GOAL {
                format!("{n} of {GOAL} categories")
            } else {
                format!("{n} categories (the goal was {GOAL})")
            },
            ratio(n, GOAL),
        ),
        gauge_area,
    );
    if app.categories.list.is_empty() {
        let hint = "No categories yet. Which occupations meet your ideal clients before, during \
                    or after they need you? Press a to add one, or s for suggestions for your \
                    profession.";
        frame.render_widget(
            Paragraph::new(wrapped(hint, usize::from(list_area.width), theme::muted())),
            list_area,
        );
        return;
    }
    let width = usize::from(inner.width);
    let name_width = (width * 2 / 5).clamp(12, 32);
    let partners_width = 9;
    let why_width = width.saturating_sub(name_width + partners_width + 8);
    frame.render_widget(
        Line::from(format!(
            "{:>3}  {:<name_width$} {:>partners_width$}  {}",
            "#", "Category", "Partners", "Why they serve your clients"
        ))
        .style(theme::muted()),
        head_area,
    );
    let lines: Vec<Line> = app
        .categories
        .list
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = text::truncate(&c.name, name_width);
            let pad = name_width.saturating_sub(name.width());
            let partners = format!("{}/{}", c.partners, c.target);
            let partners_style = if c.partners >= c.target {
                Style::new().fg(theme::DONE)
            } else {
                Style::new()
            };
            let why = if c.why.is_empty() {
                Span::styled(
                    text::truncate("(press e to say why)", why_width),
                    theme::muted(),
                )
            } else {
                Span::raw(text::truncate(&c.why, why_width))
            };
            let line = Line::from(vec![
                Span::raw(format!("{:>3}  ", i + 1)),
                Span::raw(name),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(format!("{partners:>partners_width$}"), partners_style),
                Span::raw("  "),
                why,
            ]);
            highlight(line, i == app.categories.cursor)
        })
        .collect();
    scrolled(
        frame,
        list_area,
        lines,
        (app.categories.cursor, app.categories.cursor + 1),
    );
}
