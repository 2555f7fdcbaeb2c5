//! The footer: the keys that work where the focus is, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme;
use crate::action::Action;
use crate::app::{App, Popup, TodayRow};
use crate::keymap::{self, Binding, Context};

/// What a key does, as the keymap says for the row under the cursor (the
/// context is the row's kind); the suggestions' list of professions is
/// chosen from.
fn hint(app: &App, b: &Binding) -> &'static str {
    if let Some(Popup::Suggest(s)) = &app.popup
        && s.choosing
        && matches!(b.action, Action::Toggle | Action::Save)
    {
        return "choose";
    }
    b.hint
}

/// Whether a key is worth its room: Tab has no next field in a form of one
/// field; where a referral stands now is not offered as a change; j/k
/// where there is one row or none; on
/// Today, skipping is offered on a task behind (today's own are for doing).
fn applies(app: &App, b: &Binding) -> bool {
    match (&app.popup, &b.action) {
        (Some(Popup::Form(form)), Action::NextField | Action::PrevField) => form.fields.len() > 1,
        (Some(Popup::Status(pick)), Action::PickStatus(s)) => *s != pick.current,
        (None, Action::Down) => app.rows_in_focus() > 1,
        (Some(Popup::Search(search)), Action::Down) => search.len() > 1,
        (_, Action::Skip) if b.context == Context::TodayTask => matches!(
            app.today_rows().get(app.today_pane.cursor),
            Some(TodayRow::Task(item)) if item.behind
        ),
        _ => true,
    }
}

fn width(app: &App, b: &Binding) -> usize {
    b.label.chars().count() + hint(app, b).chars().count() + 3
}

/// The keys the footer shows in `columns`: help and quit always; the
/// other keys fill the room that is left, most specific first.
pub fn shown(app: &App, columns: u16) -> Vec<&'static Binding> {
    let context = app.context();
    let width = |b: &Binding| width(app, b);
    let essential = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
    let reserved: usize = keymap::footer(context).filter(essential).map(width).sum();
    let mut room = usize::from(columns).saturating_sub(1 + reserved);
    let mut shown: Vec<&Binding> = Vec::new();
    for b in keymap::footer(context).filter(|b| applies(app, b)) {
        if essential(&b) {
            shown.push(b);
        } else if width(b) <= room {
            room -= width(b);
            shown.push(b);
        }
    }
    shown
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let mut spans = vec![Span::raw(" ")];
    for b in shown(app, area.width) {
        spans.push(Span::styled(b.label, theme::key()));
        spans.push(Span::raw(format!(" {}  ", hint(app, b))));
    }
    frame.render_widget(Line::from(spans), area);
}
