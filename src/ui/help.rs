//! The help screen: every key, from the keymap, and where the data lives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{draw_panel, popup::centered, theme};
use crate::app::App;
use crate::help::{self, KEY_COLUMN, PLACEHOLDER_COLUMN, Part};

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let rect = centered(area, help::WIDTH, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let inner = draw_panel(frame, rect, " Help · Esc closes ", true, true);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for part in help::parts(&app.db_label, app.start) {
        let styled = |style: Style| {
            help::lines(&part, width)
                .into_iter()
                .map(move |l| Line::styled(l, style))
        };
        match &part {
            Part::Key(label, hint) => lines.push(Line::from(vec![
                Span::styled(format!("  {label:<KEY_COLUMN$}"), theme::key()),
                Span::raw(*hint),
            ])),
            Part::Placeholder(key, meaning) => lines.push(Line::from(vec![
                Span::styled(format!("  {key:<PLACEHOLDER_COLUMN$}"), theme::key()),
                Span::raw(*meaning),
            ])),
            Part::Heading(_) => lines.extend(styled(theme::heading())),
            Part::Remark(_) => lines.extend(styled(theme::muted())),
            Part::Blank | Part::Text(_) => lines.extend(styled(Style::new())),
        }
    }
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}
