//! Pane 6, Referrals: the ledger newest first with what is owed, the
//! balance per partner beside it, and past referrers never thanked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::today::due_words;
use super::{draw_panel, highlight, scrolled, text, theme, wrapped};
use crate::app::{App, ReferralRow};
use crate::domain::dates::short_day;
use crate::domain::{Balance, Direction, Referral};

/// The balance's width when it stands beside the ledger.
const BALANCE_WIDTH: u16 = 34;

/// The panel's inner width from which the balance stands beside the ledger.
const SIDE_BY_SIDE: u16 = 96;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let pane = &app.referrals;
    let owed = app.today_pane.thanks_total;
    let title = format!(
        " Referrals · {} · {owed} thank-you{} owed ",
        pane.total,
        if owed == 1 { "" } else { "s" }
    );
    let inner = draw_panel(frame, area, &title, false, true);
    if pane.list.is_empty() && pane.unthanked.is_empty() && pane.balance.is_empty() {
        let hint = "No referrals yet. Refer first: s records a person you sent to a partner. \
                    When someone sends you a person, r records it, and a thank-you is owed \
                    within days; it waits on Today until Space marks it sent.";
        frame.render_widget(
            Paragraph::new(wrapped(hint, usize::from(inner.width), theme::muted())),
            inner,
        );
        return;
    }
    let (ledger_area, balance_area) = if inner.width >= SIDE_BY_SIDE {
        let [l, _, b] = Layout::horizontal([
            Constraint::Min(1),
            Constraint::Length(2),
            Constraint::Length(BALANCE_WIDTH),
        ])
        .areas(inner);
        (l, b)
    } else {
        let shown = u16::try_from(pane.balance.len().min(4)).unwrap_or(4);
        let height = if pane.balance.is_empty() {
            0
        } else {
            shown + 2
        };
        let [l, b] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(height)]).areas(inner);
        (l, b)
    };
    render_ledger(frame, ledger_area, app);
    if balance_area.height > 0 {
        // The partner of the row under the cursor is the one in view.
        let focus = match pane.row() {
            Some(ReferralRow::Referral(i)) => pane.list.get(i).map(|r| r.partner_id),
            Some(ReferralRow::Unthanked(i)) => pane.unthanked.get(i).map(|u| u.referrer_id),
            None => None,
        };
        render_balance(
            frame,
            balance_area,
            &pane.balance,
            inner.width < SIDE_BY_SIDE,
            focus,
        );
    }
}

fn render_ledger(frame: &mut Frame, area: Rect, app: &App) {
    let pane = &app.referrals;
    let width = usize::from(area.width);
    // date ⇄ partner person status thank-you
    let (date_w, status_w) = (6, 9);
    let rest = width.saturating_sub(date_w + 3 + status_w + 4);
    let thanks_w = (rest / 3).clamp(8, 22);
    let name_w = rest.saturating_sub(thanks_w) / 2;
    let mut lines = vec![Line::styled(
        format!(
            "{} ⇄ {} {} {} {}",
            text::pad("Date", date_w),
            text::pad("Partner", name_w),
            text::pad("Person", name_w),
            text::pad("Status", status_w),
            "Thank-you"
        ),
        theme::muted(),
    )];
    let mut selected = (0, 1);
    let rows = pane.rows();
    let mut in_unthanked = false;
    for (i, row) in rows.iter().enumerate() {
        let is_sel = i == pane.cursor;
        match *row {
            ReferralRow::Referral(j) => {
                let Some(r) = pane.list.get(j) else {
                    continue;
                };
                if is_sel {
                    selected = (lines.len(), lines.len() + 1);
                }
                lines.push(ledger_line(
                    app,
                    r,
                    (date_w, name_w, status_w, thanks_w),
                    is_sel,
                ));
            }
            ReferralRow::Unthanked(j) => {
                let Some(u) = pane.unthanked.get(j) else {
                    continue;
                };
                if !in_unthanked {
                    in_unthanked = true;
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(
                        format!(
                            "Thank old referrers · {} never thanked · Space when thanked",
                            pane.unthanked.len()
                        ),
                        theme::heading(),
                    ));
                }
                if is_sel {
                    selected = (lines.len(), lines.len() + 1);
                }
                let line = Line::from(vec![
                    Span::styled("♥ ", Style::new().fg(theme::BEHIND)),
                    Span::raw(text::truncate(
                        &format!("Thank {} for {}", u.referrer, u.client),
                        width.saturating_sub(2),
                    )),
                ]);
                lines.push(highlight(line, is_sel));
            }
        }
    }
    if pane.list.is_empty() {
        lines.insert(
            1,
            Line::styled(
                "No referrals yet: r records one received, s one you sent.",
                theme::muted(),
            ),
        );
    } else if pane.total as usize > pane.list.len() {
        lines.push(Line::styled(
            format!(
                "… and {} older (list25 referral list shows them all)",
                pane.total as usize - pane.list.len()
            ),
            theme::muted(),
        ));
    }
    scrolled(frame, area, lines, selected);
}

fn ledger_line(
    app: &App,
    r: &Referral,
    (date_w, name_w, status_w, thanks_w): (usize, usize, usize, usize),
    selected: bool,
) -> Line<'static> {
    let roomy = thanks_w >= 17;
    let (thanks, style) = match (r.direction, r.thanked, r.owed_since()) {
        (Direction::Given, _, _) => ("—".to_owned(), theme::muted()),
        (_, Some(d), _) => (
            format!(
                "{} {}",
                if roomy { "thanked" } else { "✓" },
                short_day(d, app.today)
            ),
            Style::new().fg(theme::DONE),
        ),
        (_, None, Some(since)) => {
            let (_, style) = due_words(r.owed_due.unwrap_or(since), app.today);
            let owed = if roomy { "owed since" } else { "owed" };
            (format!("{owed} {}", short_day(since, app.today)), style)
        }
        (_, None, None) => (String::new(), Style::new()),
    };
    let thanks = text::truncate(&thanks, thanks_w);
    let line = Line::from(vec![
        Span::raw(text::pad(&short_day(r.on, app.today), date_w)),
        Span::raw(" "),
        Span::styled(r.direction.arrow(), Style::new().fg(theme::ACCENT)),
        Span::raw(" "),
        Span::raw(text::pad(&r.partner, name_w)),
        Span::raw(" "),
        Span::raw(text::pad(&r.person, name_w)),
        Span::raw(" "),
        Span::raw(text::pad(status_word(r), status_w)),
        Span::raw(" "),
        Span::styled(thanks, style),
    ]);
    highlight(line, selected)
}

fn status_word(r: &Referral) -> &'static str {
    match r.status {
        crate::domain::RefStatus::New => "new",
        crate::domain::RefStatus::Talking => "talking",
        crate::domain::RefStatus::Client => "client",
        crate::domain::RefStatus::NotAFit => "not a fit",
    }
}

/// The balance per partner: under the ledger when the pane is narrow (a
/// few rows), beside it when there is room. The partner of the referral
/// under the cursor (`focus`) is marked, and the list scrolls to keep them
/// in view; the heading says how many there are.
fn render_balance(
    frame: &mut Frame,
    area: Rect,
    balance: &[Balance],
    below: bool,
    focus: Option<i64>,
) {
    let width = usize::from(area.width);
    let refer_first = balance.iter().filter(|b| b.refer_first()).count();
    let legend = if below {
        " · → you sent ← they sent"
    } else {
        ""
    };
    let heading = Line::styled(
        text::truncate(
            &format!(
                "Balance · {} partner{}{legend} · {refer_first} to refer first",
                balance.len(),
                if balance.len() == 1 { "" } else { "s" }
            ),
            width,
        ),
        theme::heading(),
    );
    // The heading stays; the partners scroll under it.
    let top = u16::from(below) + 1;
    let [head, rows] = Layout::vertical([Constraint::Length(top), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(if below {
            vec![Line::raw(""), heading]
        } else {
            vec![heading]
        }),
        head,
    );
    let name_w = width.saturating_sub(if below { 26 } else { 14 });
    let mut lines = Vec::new();
    let mut selected = (0, 1);
    for b in balance {
        let mut spans = vec![
            Span::raw(text::pad(&b.partner, name_w)),
            Span::raw(format!(" →{:<3}←{:<3}", b.given, b.received)),
        ];
        if b.refer_first() {
            spans.push(Span::styled(
                if below { " refer first" } else { "◆" },
                Style::new().fg(theme::BEHIND),
            ));
        }
        let line = Line::from(spans);
        if Some(b.partner_id) == focus {
            selected = (lines.len(), lines.len() + 1);
            lines.push(line.style(theme::heading()));
        } else {
            lines.push(line);
        }
    }
    if !below {
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            "→ you sent them, ← they sent you. ◆ refer first: they sent you more \
             than you sent them, or they are on your 25 list and you have sent \
             them nobody yet.",
            width,
            theme::muted(),
        ));
    }
    scrolled(frame, rows, lines, selected);
}
