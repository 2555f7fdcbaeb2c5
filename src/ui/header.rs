//! The two header lines: the tabs and the day on top, the two gauges below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{GOAL, day_label, gauge, ratio, theme};
use crate::app::{App, Pane};
use crate::domain::{Metric, Position};

/// How much the header's top line says. The widest that fits is drawn:
/// whole words are dropped, least important first: the program's name,
/// the year and weekday, today's date, the start date (before the start),
/// the second space between tabs; then the day moves down beside the
/// program's gauge; and last the names of the panes not shown go, the
/// farthest from the shown one first. The keys' numbers, the name of the
/// pane shown and the day always stay.
#[derive(Debug, Clone, Copy)]
struct Fit {
    brand: bool,
    long_date: bool,
    date: bool,
    long_day: bool,
    wide_gaps: bool,
    /// The day is on the top line (else beside the program's gauge).
    day_on_top: bool,
    /// How many of the panes not shown keep their names.
    titled: usize,
}

/// Every fit from the widest to the narrowest.
fn fits() -> impl Iterator<Item = Fit> {
    let others = Pane::ALL.len() - 1;
    let widest = Fit {
        brand: true,
        long_date: true,
        date: true,
        long_day: true,
        wide_gaps: true,
        day_on_top: true,
        titled: others,
    };
    let steps: [fn(&mut Fit); 6] = [
        |f| f.brand = false,
        |f| f.long_date = false,
        |f| f.date = false,
        |f| f.long_day = false,
        |f| f.wide_gaps = false,
        |f| f.day_on_top = false,
    ];
    let mut fit = widest;
    let dropped = steps.into_iter().map(move |step| {
        step(&mut fit);
        fit
    });
    let narrowed = (0..others).rev().map(move |titled| Fit {
        titled,
        ..fit_without_words()
    });
    std::iter::once(widest).chain(dropped).chain(narrowed)
}

/// The fit with every optional word dropped but the panes' names.
fn fit_without_words() -> Fit {
    Fit {
        brand: false,
        long_date: false,
        date: false,
        long_day: false,
        wide_gaps: false,
        day_on_top: false,
        titled: Pane::ALL.len() - 1,
    }
}

/// The panes, other than `shown`, whose names are kept when only
/// `titled` of them can be: the nearest to `shown` first, left before right.
fn titled_panes(shown: Pane, titled: usize) -> Vec<Pane> {
    let at = |p: Pane| Pane::ALL.iter().position(|&q| q == p).unwrap_or(0);
    let here = at(shown);
    let mut others: Vec<Pane> = Pane::ALL.into_iter().filter(|&p| p != shown).collect();
    others.sort_by_key(|&p| (at(p).abs_diff(here), at(p) > here));
    others.truncate(titled);
    others
}

/// The day as the header says it.
fn day(app: &App, fit: Fit) -> String {
    match app.position() {
        _ if fit.long_day => day_label(app),
        Position::NotStarted { days_until: 1 } => "Starts tomorrow".to_string(),
        Position::NotStarted { days_until } => format!("Starts in {days_until} days"),
        Position::Day(d) => format!("Day {d}/25"),
    }
}

/// The tabs and the day, as spans for the left and text for the right.
fn parts(app: &App, fit: Fit) -> (Vec<Span<'static>>, String) {
    let mut tabs = if fit.brand {
        vec![Span::styled(" list25 ", theme::title())]
    } else {
        Vec::new()
    };
    let gap = if fit.wide_gaps { "  " } else { " " };
    let titled = titled_panes(app.pane, fit.titled);
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let here = *pane == app.pane;
        let style = if here {
            theme::selected()
        } else {
            Style::new()
        };
        tabs.push(Span::raw(if fit.brand || i > 0 { gap } else { " " }));
        let label = if here || titled.contains(pane) {
            format!("{} {}", i + 1, pane.title())
        } else {
            (i + 1).to_string()
        };
        tabs.push(Span::styled(label, style));
    }
    let day = day(app, fit);
    let right = match (fit.day_on_top, fit.date, fit.long_date) {
        (false, ..) => String::new(),
        (true, true, true) => format!("{day} · {} ", app.today.format("%a %-d %b %Y")),
        (true, true, false) => format!("{day} · {} ", app.today.format("%-d %b")),
        (true, false, _) => format!("{day} "),
    };
    (tabs, right)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [top, gauges] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = |tabs: &[Span], right: &str| {
        tabs.iter().map(|s| s.content.width()).sum::<usize>() + 2 + right.width()
    };
    let mut chosen = None;
    for fit in fits() {
        let (tabs, right) = parts(app, fit);
        let fits = width(&tabs, &right) <= usize::from(top.width);
        chosen = Some((tabs, right, fit));
        if fits {
            break;
        }
    }
    let Some((tabs, right, fit)) = chosen else {
        return;
    };
    let right_width = right.width();
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(u16::try_from(right_width).unwrap_or(0)),
    ])
    .areas(top);
    frame.render_widget(Line::from(tabs), left_area);
    frame.render_widget(Line::from(right).right_aligned(), right_area);

    let [list_area, _, program_area] = Layout::horizontal([
        Constraint::Percentage(50),
        Constraint::Length(2),
        Constraint::Percentage(50),
    ])
    .areas(gauges);
    let partners = app.checklist.metrics.value(Metric::Partners);
    frame.render_widget(
        gauge(
            format!(" 25 list {partners}/{GOAL}"),
            f64::from(partners) / f64::from(GOAL),
        ),
        list_area,
    );
    let (done, total) = app.checklist.overall(&app.program);
    let label = if fit.day_on_top {
        format!("Program {done}/{total} tasks")
    } else {
        format!("{} · {done}/{total} tasks", day(app, fit))
    };
    frame.render_widget(gauge(label, ratio(done, total)), program_area);
}
