//! The footer: the keys that work where the focus is, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::keymap::{self, Context};

pub fn render(frame: &mut Frame, area: Rect, context: Context) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for b in keymap::footer(context) {
        let width = b.label.chars().count() + b.hint.chars().count() + 3;
        if used + width > usize::from(area.width) {
            break;
        }
        used += width;
        spans.push(Span::styled(b.label, theme::key()));
        spans.push(Span::raw(format!(" {}  ", b.hint)));
    }
    frame.render_widget(Line::from(spans), area);
}
