//! Pane 7, Events: events a client can bring a friend to, upcoming and
//! past, with invited / came / guests brought, and the groups of referral
//! sources; an event or a group open on its people.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{draw_panel, highlight, scrolled, text, theme, wrapped};
use crate::app::{App, EventsRow, Opened};
use crate::domain::dates::short_day;
use crate::domain::{Event, Group, Guest};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    match &app.events.open {
        Some(Opened::Event {
            event,
            guests,
            cursor,
        }) => return render_event(frame, area, app, event, guests, *cursor),
        Some(Opened::Group {
            group,
            members,
            cursor,
        }) => return render_group(frame, area, group, members, *cursor),
        None => {}
    }
    let pane = &app.events;
    let title = format!(
        " Events · {} upcoming · {} past · {} group{} ",
        pane.upcoming.len(),
        pane.past.len(),
        pane.groups.len(),
        if pane.groups.len() == 1 { "" } else { "s" }
    );
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);
    if pane.rows().is_empty() {
        let hint = "No events or groups yet. a plans an event a client can bring a friend to: \
                    a talk, a workshop, an open house; each guest brought is a referral. \
                    A records a group whose members serve your clients: a networking group, \
                    an association, a chamber, a club.";
        frame.render_widget(Paragraph::new(wrapped(hint, width, theme::muted())), inner);
        return;
    }
    let mut lines = Vec::new();
    let mut selected = (0, 1);
    let mut section = None;
    for (i, row) in pane.rows().into_iter().enumerate() {
        let (here, heading) = match row {
            EventsRow::Upcoming(_) => (0, format!("Upcoming · {}", pane.upcoming.len())),
            EventsRow::Past(_) => (1, format!("Past · {}", pane.past.len())),
            EventsRow::Group(_) => (
                2,
                format!("Groups of referral sources · {}", pane.groups.len()),
            ),
        };
        if section != Some(here) {
            if section.is_some() {
                lines.push(Line::raw(""));
            }
            section = Some(here);
            lines.push(Line::styled(heading, theme::heading()));
        }
        let is_sel = i == pane.cursor;
        let line = match row {
            EventsRow::Upcoming(j) => pane.upcoming.get(j).map(|e| event_line(app, e, width)),
            EventsRow::Past(j) => pane.past.get(j).map(|e| event_line(app, e, width)),
            EventsRow::Group(j) => pane.groups.get(j).map(|g| group_line(g, width)),
        };
        if let Some(line) = line {
            if is_sel {
                selected = (lines.len(), lines.len() + 1);
            }
            lines.push(highlight(line, is_sel));
        }
    }
    scrolled(frame, inner, lines, selected);
}

/// The width of the date before each event ("Thu 3 Dec").
const DATE_W: usize = 9;

fn event_line(app: &App, e: &Event, width: usize) -> Line<'static> {
    let counts = if e.on > app.today {
        format!(" · {} invited · {} coming", e.invited, e.coming)
    } else {
        format!(
            " · {} invited · {} came · {} brought",
            e.invited, e.came, e.brought
        )
    };
    let name = if e.place.is_empty() {
        e.title.clone()
    } else {
        format!("{} · {}", e.title, e.place)
    };
    let room = width.saturating_sub(DATE_W + 1 + text::width(&counts));
    Line::from(vec![
        Span::styled(
            text::pad(&short_day(e.on, app.today), DATE_W),
            theme::muted(),
        ),
        Span::raw(" "),
        Span::raw(text::truncate(&name, room.max(8))),
        Span::styled(counts, theme::muted()),
    ])
}

fn group_line(g: &Group, width: usize) -> Line<'static> {
    let members = format!(
        " · {} · {} member{}",
        g.kind.label(),
        g.members,
        if g.members == 1 { "" } else { "s" }
    );
    // When it meets goes first when the line is short: the name stays.
    let meets = format!(" · meets {}", g.meets);
    let tail = if !g.meets.is_empty()
        && text::width(&g.name) + text::width(&members) + text::width(&meets) <= width
    {
        format!("{members}{meets}")
    } else {
        members
    };
    let room = width.saturating_sub(text::width(&tail)).max(8);
    Line::from(vec![
        Span::raw(text::truncate(&g.name, room)),
        Span::styled(
            text::truncate(&tail, width.saturating_sub(8)),
            theme::muted(),
        ),
    ])
}

fn render_event(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    e: &Event,
    guests: &[Guest],
    cursor: usize,
) {
    let title = format!(" {} · {} · Esc back ", e.title, short_day(e.on, app.today));
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let about = text::join(&[
        &e.place,
        &e.offers,
        &e.group
            .as_ref()
            .map(|(_, g)| format!("a meeting of {g}"))
            .unwrap_or_default(),
    ]);
    if !about.is_empty() {
        lines.extend(wrapped(&about, width, theme::muted()));
    }
    let counted = if e.on > app.today {
        format!("{} invited · {} coming", e.invited, e.coming)
    } else {
        format!(
            "{} invited · {} came · {} guest{} brought",
            e.invited,
            e.came,
            e.brought,
            if e.brought == 1 { "" } else { "s" }
        )
    };
    lines.push(Line::styled(counted, theme::heading()));
    lines.push(Line::raw(""));
    if guests.is_empty() {
        lines.extend(wrapped(
            "Nobody invited yet. i invites clients and partners from a picker; before the \
             day, Space marks who is coming; after it, who came, and b whom each brought.",
            width,
            theme::muted(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let top = lines.len();
    for (i, g) in guests.iter().enumerate() {
        let (mark, what) = match (&g.brought_by, g.came, g.coming) {
            (Some(by), _, _) => ("↳", format!("{} · brought by {by}", g.name)),
            (None, true, _) => ("✓", g.name.clone()),
            (None, false, true) if e.on > app.today => ("→", format!("{} · coming", g.name)),
            (None, false, true) => ("·", format!("{} · said they were coming", g.name)),
            (None, false, false) => ("·", format!("{} · invited", g.name)),
        };
        let client = if g.client { " · client" } else { "" };
        let line = Line::from(vec![
            Span::raw(if i == cursor { " ▶ " } else { "   " }),
            Span::styled(format!("{mark} "), theme::heading()),
            Span::raw(text::truncate(
                &format!("{what}{client}"),
                width.saturating_sub(5),
            )),
        ]);
        lines.push(highlight(line, i == cursor));
    }
    scrolled(frame, inner, lines, (top + cursor, top + cursor + 1));
}

fn render_group(
    frame: &mut Frame,
    area: Rect,
    g: &Group,
    members: &[(i64, String)],
    cursor: usize,
) {
    let title = format!(" {} · {} · Esc back ", g.name, g.kind.label());
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if !g.meets.is_empty() {
        lines.extend(wrapped(
            &format!("Meets {}", g.meets),
            width,
            theme::muted(),
        ));
    }
    lines.push(Line::styled(
        format!("Members · {} · m adds, l logs a meeting", members.len()),
        theme::heading(),
    ));
    if members.is_empty() {
        lines.extend(wrapped(
            "No members yet. m adds the people you know there; each one's \"how we met\" \
             points to the group when it is empty.",
            width,
            theme::muted(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let top = lines.len();
    for (i, (_, name)) in members.iter().enumerate() {
        let line = Line::from(vec![
            Span::raw(if i == cursor { " ▶ " } else { "   " }),
            Span::raw(text::truncate(name, width.saturating_sub(3))),
        ]);
        lines.push(highlight(line, i == cursor));
    }
    scrolled(frame, inner, lines, (top + cursor, top + cursor + 1));
}
