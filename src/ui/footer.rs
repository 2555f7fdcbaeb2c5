//! The footer: the keys that work where the focus is, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::action::Action;
use crate::app::{App, Popup, TodayRow};
use crate::keymap::{self, Binding, Context};

/// What a key does for the row under the cursor, where that differs from
/// what the keymap says in general: on Today, Space ticks a task, marks a
/// thank-you sent, or logs a touch with a contact due a follow-up.
fn hint(app: &App, b: &Binding) -> &'static str {
    if let Some(Popup::Suggest(s)) = &app.popup
        && s.choosing
        && matches!(b.action, Action::Toggle | Action::Save)
    {
        return "choose";
    }
    if matches!(b.action, Action::Toggle | Action::Open) && app.on_note() {
        return "edit the note";
    }
    if b.context == Context::Today && b.action == Action::Toggle {
        match app.today_rows().get(app.today_pane.cursor) {
            Some(TodayRow::ThankYou(_)) => return "thanked",
            Some(TodayRow::FollowUp(_)) => return "log a touch",
            _ => {}
        }
    }
    b.hint
}

/// Whether a key does anything here, or is worth its room: Tab has no
/// next field in a form of one field; on Today, skipping is offered on a
/// task behind, on Program on a task.
fn applies(app: &App, b: &Binding) -> bool {
    match (&app.popup, &b.action) {
        (Some(Popup::Form(form)), Action::NextField | Action::PrevField) => form.fields.len() > 1,
        (_, Action::Skip) if b.context == Context::Today => matches!(
            app.today_rows().get(app.today_pane.cursor),
            Some(TodayRow::Task(item)) if item.behind
        ),
        (_, Action::Skip) => app.selected_task().is_some(),
        _ => true,
    }
}

fn width(app: &App, b: &Binding) -> usize {
    b.label.chars().count() + hint(app, b).chars().count() + 3
}

/// Help and quit always show; the other keys fill the room that is left,
/// most specific first.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let context = app.context();
    let width = |b: &Binding| width(app, b);
    let essential = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
    let reserved: usize = keymap::footer(context).filter(essential).map(width).sum();
    let mut room = usize::from(area.width).saturating_sub(1 + reserved);
    let mut shown: Vec<&Binding> = Vec::new();
    for b in keymap::footer(context).filter(|b| applies(app, b)) {
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
        spans.push(Span::raw(format!(" {}  ", hint(app, b))));
    }
    frame.render_widget(Line::from(spans), area);
}
