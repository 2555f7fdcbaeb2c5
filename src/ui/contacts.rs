//! Pane 4, Contacts: the people of the selected category, or of all.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{draw_panel, highlight, text, theme, window, wrapped};
use crate::app::{App, Shows};
use crate::domain::Contact;
use crate::domain::dates::short_day;

/// A date in few cells: the year only when it is not this year's.
fn short(d: Option<NaiveDate>, today: NaiveDate) -> String {
    match d {
        None => "—".to_owned(),
        Some(d) => short_day(d, today),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    if let Some(card) = &app.contacts.card {
        return super::card::render(frame, area, app, card);
    }
    let filter = app.contact_filter();
    let n = app.contacts.total;
    let next = app.contacts.shows.next(app.categories.elsewhere > 0).name();
    let title = match (app.contacts.shows, filter) {
        (Shows::Clients, _) => format!(" Clients · {n} · c shows {next} "),
        (Shows::Unsorted, _) => {
            format!(" Unsorted · {n} · p puts one in a category · c shows {next} ")
        }
        (_, Some(c)) => format!(
            " {} · {} · c shows all ",
            c.name,
            crate::domain::text::count(u64::try_from(n).unwrap_or(u64::MAX), "contact")
        ),
        (_, None) => format!(" All contacts · {n} · c shows clients "),
    };
    let inner = draw_panel(frame, area, &title, false, true);
    if app.contacts.total == 0 {
        let hint = if app.contacts.shows == Shows::Unsorted {
            "Everyone is sorted into a category. People imported with no category of \
             yours land here; p puts the one selected in a category."
        } else if app.contacts.shows == Shows::Clients {
            "No clients yet. Press C on a contact to make them a client today, or \
             fill in \"Client since\" in the contact form (a adds, e edits)."
        } else if app.categories.list.is_empty() {
            "No categories yet, so no contacts. Add categories in pane 3 first."
        } else {
            "No contacts here yet. Press a to add someone: name, company and e-mail, \
             Enter, and the form is ready for the next person."
        };
        frame.render_widget(
            Paragraph::new(wrapped(hint, usize::from(inner.width), theme::muted())),
            inner,
        );
        return;
    }
    let detail_height = if inner.height >= 16 { 5 } else { 0 };
    let [head_area, list_area, detail_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(detail_height),
    ])
    .areas(inner);

    let width = usize::from(inner.width);
    // ★ name company-or-category stage last follow-up
    let (stage_w, date_w) = (10, 10);
    let rest = width.saturating_sub(2 + stage_w + 2 * date_w + 4);
    let name_w = (rest * 11 / 20).max(8);
    let second_w = rest.saturating_sub(name_w + 1);
    // One category's people, or the unsorted, share no category to show.
    let by_company = filter.is_some() || app.contacts.shows == Shows::Unsorted;
    let second = if by_company { "Company" } else { "Category" };
    frame.render_widget(
        Line::from(format!(
            "  {} {} {} {} {}",
            text::pad("Name", name_w),
            text::pad(second, second_w),
            text::pad("Stage", stage_w),
            text::pad("Last touch", date_w),
            "Follow-up"
        ))
        .style(theme::muted()),
        head_area,
    );
    let rows = window(
        app.contacts.cursor,
        app.contacts.total,
        usize::from(list_area.height),
    );
    let category_name = |id: Option<i64>| {
        app.categories
            .list
            .iter()
            .find(|k| Some(k.id) == id)
            .map_or("", |k| k.name.as_str())
    };
    let lines: Vec<Line> = rows
        .filter_map(|i| app.contacts.row(i).map(|c| (i, c)))
        .map(|(i, c)| {
            let follow_style = if c.is_overdue(app.today) {
                Style::new().fg(theme::ERROR).add_modifier(Modifier::BOLD)
            } else if c.is_due(app.today) {
                Style::new().fg(theme::BEHIND)
            } else {
                Style::new()
            };
            let follow = match c.next_follow_up {
                Some(_) if c.is_overdue(app.today) => {
                    format!("!{}", short(c.next_follow_up, app.today))
                }
                _ => short(c.next_follow_up, app.today),
            };
            let line = Line::from(vec![
                Span::styled(
                    if c.on_list { "★ " } else { "  " },
                    Style::new().fg(theme::DONE),
                ),
                Span::raw(text::pad(&c.name, name_w)),
                Span::raw(" "),
                Span::raw(text::pad(
                    if by_company {
                        &c.company
                    } else {
                        category_name(c.category_id)
                    },
                    second_w,
                )),
                Span::raw(" "),
                Span::raw(text::pad(
                    if c.client_since.is_some() {
                        "client"
                    } else {
                        c.stage.as_str()
                    },
                    stage_w,
                )),
                Span::raw(" "),
                Span::raw(text::pad(&short(c.last_touch, app.today), date_w)),
                Span::raw(" "),
                Span::styled(follow, follow_style),
            ]);
            highlight(line, i == app.contacts.cursor)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    if detail_height > 0
        && let Some(c) = &app.contacts.selected
    {
        render_detail(frame, detail_area, app, c);
    }
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App, c: &Contact) {
    let width = usize::from(area.width);
    let label = "── Enter: whole history ";
    let rule = if text::width(label) < width {
        format!("{label}{}", "─".repeat(width - text::width(label)))
    } else {
        "─".repeat(width)
    };
    let mut lines = vec![Line::styled(rule, theme::muted())];
    let who = text::join(&[&c.role, &c.company, &c.category, &c.city]);
    lines.push(Line::from(vec![
        Span::styled(text::truncate(&c.name, width / 2), theme::heading()),
        Span::raw(if who.is_empty() {
            String::new()
        } else {
            format!(" · {who}")
        }),
    ]));
    let client = c
        .client_since
        .map(|d| format!("client since {}", short_day(d, app.today)))
        .unwrap_or_default();
    let reach = text::join(&[&client, &c.email, &c.phone]);
    let met = if c.met_how.is_empty() {
        String::new()
    } else {
        format!("met: {}", c.met_how)
    };
    let history = app
        .contacts
        .history
        .iter()
        .map(|(s, d)| format!("{} {}", s.as_str(), short_day(*d, app.today)))
        .collect::<Vec<_>>()
        .join(" → ");
    lines.push(Line::from(text::truncate(
        &text::join(&[&reach, &met]),
        width,
    )));
    lines.push(Line::styled(
        text::truncate(
            &text::join(&[&history, &format!("every {} days", c.cadence_days)]),
            width,
        ),
        theme::muted(),
    ));
    let first_note = c.notes.lines().next().unwrap_or("");
    lines.push(Line::from(text::truncate(first_note, width)));
    frame.render_widget(Paragraph::new(lines), area);
}
