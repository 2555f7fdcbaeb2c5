//! The help screen: every key, from the keymap, and where the data lives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{draw_panel, popup::centered, theme, wrapped};
use crate::app::App;
use crate::domain::Field;
use crate::keymap;

pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let rect = centered(area, 72, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let inner = draw_panel(frame, rect, " Help · Esc closes ", true, true);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled("Database", theme::heading()));
    lines.extend(wrapped(&app.db_label, width, Style::new()));
    let about = format!(
        "Program started {}. Back up by copying this file while list25 is closed.",
        app.start.format("%a %-d %b %Y")
    );
    lines.extend(wrapped(&about, width, Style::new()));
    for (context, bindings) in keymap::help() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(context.title(), theme::heading()));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", b.label), theme::key()),
                Span::raw(b.hint),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "In a note, Alt-Enter or Ctrl-J starts a new line.",
        theme::muted(),
    ));
    lines.extend(wrapped(
        "In the script editor Enter starts a new line; Ctrl-U undoes, Ctrl-R redoes. \
         It saves a second after you stop typing, every 1.5 seconds while you keep \
         typing, and when you leave it. Each stretch of writing is kept as a version.",
        width,
        theme::muted(),
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Placeholders in scripts", theme::heading()));
    for field in Field::ALL {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<17}", format!("{{{}}}", field.key())),
                theme::key(),
            ),
            Span::raw(field.meaning()),
        ]));
    }
    lines.extend(wrapped(
        "Write {{ and }} for a brace. [Square brackets] mark a blank to fill in by hand.",
        width,
        theme::muted(),
    ));
    let max = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
}
