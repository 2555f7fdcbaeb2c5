//! The footer: the keys that work where the focus is, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::action::Action;
use crate::keymap::{self, Binding, Context};

fn width(b: &Binding) -> usize {
    b.label.chars().count() + b.hint.chars().count() + 3
}

/// Help and quit always show; the other keys fill the room that is left,
/// most specific first.
pub fn render(frame: &mut Frame, area: Rect, context: Context) {
    let essential = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
    let reserved: usize = keymap::footer(context).filter(essential).map(width).sum();
    let mut room = usize::from(area.width).saturating_sub(1 + reserved);
    let mut shown: Vec<&Binding> = Vec::new();
    for b in keymap::footer(context) {
        if essential(&b) {
            shown.push(b);
        } else if width(b) <= room {
            room -= width(b);
            shown.push(b);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for b in shown {
        spans.push(Span::styled(b.label, theme::key()));
        spans.push(Span::raw(format!(" {}  ", b.hint)));
    }
    frame.render_widget(Line::from(spans), area);
}
