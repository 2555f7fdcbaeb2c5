//! What is drawn over the panes: forms, the day note, questions, search.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::{highlight, scrolled, text, theme, wrapped};
use crate::app::{
    Hit, HowPick, KindPick, OutcomePick, Search, SearchPurpose, StatusPick, Suggest, Versions,
};
use crate::domain::dates::short_day;
use crate::domain::{Outcome, RefStatus, SaveKind, ThanksHow, TouchKind};

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clear `rect` and draw a focused panel titled `title` over it: the
/// frame of every popup. Returns the area inside.
pub fn frame_block(frame: &mut Frame, rect: Rect, title: String) -> Rect {
    frame.render_widget(Clear, rect);
    super::draw_panel(frame, rect, &title, true, true)
}

pub fn note(frame: &mut Frame, area: Rect, day: u8, editor: &TextArea) {
    let rect = centered(area, 70, 12);
    let inner = frame_block(frame, rect, format!(" Note for day {day} "));
    let [text, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(editor, text);
    frame.render_widget(
        Line::styled(
            "Enter saves · Alt-Enter new line · Esc cancels",
            theme::muted(),
        ),
        hint,
    );
}

/// The fuzzy search box and its results.
pub fn search(frame: &mut Frame, area: Rect, search: &Search) {
    let rect = centered(area, 76, area.height.saturating_sub(4));
    let title = match search.purpose {
        SearchPurpose::Jump => " Search contacts, touch notes, scripts and lessons ",
        SearchPurpose::Preview => " Preview the script for whom? ",
        SearchPurpose::Invite(_) => " Invite whom? Enter invites, Esc when done ",
        SearchPurpose::Member(_) => " Who is a member? Enter adds, Esc when done ",
    };
    let inner = frame_block(frame, rect, title.into());
    let [input_area, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let [prompt, field] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(input_area);
    frame.render_widget(Line::styled("/", theme::key()), prompt);
    frame.render_widget(&search.input, field);
    let width = usize::from(list_area.width);
    let lines: Vec<Line> = if search.input.is_empty() && search.found.is_empty() {
        let also = match search.purpose {
            SearchPurpose::Jump => "; the notes of your touches; and the scripts and lessons",
            SearchPurpose::Preview | SearchPurpose::Invite(_) | SearchPurpose::Member(_) => "",
        };
        wrapped(
            &format!(
                "Type to search {} contacts by name, company, category, city, how you met or notes{also}.",
                search.searchable
            ),
            width,
            theme::muted(),
        )
    } else if search.is_empty() {
        let nothing = match search.purpose {
            SearchPurpose::Jump => "Nothing matches: no contact, touch note, script or lesson.",
            _ => "No contact matches.",
        };
        vec![Line::styled(nothing, theme::muted())]
    } else {
        search
            .found
            .iter()
            .enumerate()
            .map(|(i, (hit, label))| {
                let shown = text::truncate(label, width);
                let line = match hit {
                    Hit::Contact(_) => Line::from(shown),
                    _ => Line::styled(shown, Style::new().fg(theme::ACCENT)),
                };
                highlight(line, i == search.cursor)
            })
            .collect()
    };
    scrolled(frame, list_area, lines, (search.cursor, search.cursor + 1));
}

pub fn confirm(frame: &mut Frame, area: Rect, question: &str) {
    let rect = centered(area, 60, 7);
    let inner = frame_block(frame, rect, " Are you sure? ".into());
    let mut lines = wrapped(question, usize::from(inner.width), Style::new());
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme::key()),
        Span::raw(" yes   "),
        Span::styled("n", theme::key()),
        Span::raw(" no"),
    ]));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The kinds of touch, one key each.
pub fn touch_kind(frame: &mut Frame, area: Rect, pick: &KindPick) {
    let title = match &pick.touch {
        Some(_) => format!(" Change the touch with {} ", pick.name),
        None => format!(" A touch with {} ", pick.name),
    };
    let keys = [
        ("c", TouchKind::Call),
        ("m", TouchKind::Meeting),
        ("e", TouchKind::Email),
        ("d", TouchKind::Card),
        ("v", TouchKind::Event),
        ("n", TouchKind::Note),
    ]
    .map(|(key, kind)| {
        let current = pick.touch.as_ref().is_some_and(|t| t.kind == kind);
        (key, kind.label(), current)
    });
    let hint = if pick.touch.is_some() {
        "Enter keeps the kind · Esc cancels"
    } else {
        "Esc cancels"
    };
    picker(
        frame,
        area,
        title,
        "What kind of touch was it?",
        &keys,
        hint,
    );
}

/// The ways to thank, one key each: personal ways only.
pub fn thanks_how(frame: &mut Frame, area: Rect, pick: &HowPick) {
    let keys = [
        ("d", ThanksHow::Card),
        ("c", ThanksHow::Call),
        ("g", ThanksHow::Gift),
        ("n", ThanksHow::Note),
    ]
    .map(|(key, how)| (key, how.label(), false));
    picker(
        frame,
        area,
        format!(" {}: sent ", pick.what),
        match pick.kind {
            crate::domain::OwedKind::Thanks => "How did you thank them?",
            crate::domain::OwedKind::News => "How did you tell them?",
        },
        &keys,
        "Esc cancels",
    );
}

/// Where a referral stands, one key each; the current one highlighted.
pub fn status(frame: &mut Frame, area: Rect, pick: &StatusPick) {
    let keys = [
        ("n", RefStatus::New),
        ("t", RefStatus::Talking),
        ("c", RefStatus::Client),
        ("x", RefStatus::NotAFit),
    ]
    .map(|(key, s)| (key, s.label(), s == pick.current));
    picker(
        frame,
        area,
        format!(" The referral of {} ", pick.person),
        "Where does it stand now?",
        &keys,
        "Esc cancels",
    );
}

/// What a client said when asked for referrals, one key each.
pub fn outcome(frame: &mut Frame, area: Rect, pick: &OutcomePick) {
    let keys = [
        ("n", Outcome::Names),
        ("l", Outcome::NotNow),
        ("x", Outcome::No),
    ]
    .map(|(key, o)| (key, o.label(), false));
    picker(
        frame,
        area,
        format!(" You asked {} for referrals ", pick.name),
        "What did they say?",
        &keys,
        "Esc cancels",
    );
}

/// A question answered with one key: each key beside its word, the
/// current answer highlighted.
fn picker(
    frame: &mut Frame,
    area: Rect,
    title: String,
    question: &str,
    keys: &[(&'static str, &'static str, bool)],
    hint: &str,
) {
    let rect = centered(area, 60, 7);
    let inner = frame_block(frame, rect, title);
    let mut spans = Vec::new();
    for &(key, word, current) in keys {
        let style = if current {
            theme::selected()
        } else {
            Style::new()
        };
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::styled(format!(" {word}"), style));
        spans.push(Span::raw("  "));
    }
    let mut lines = vec![Line::raw(question.to_owned()), Line::raw("")];
    lines.extend(
        wrapped_spans(spans, usize::from(inner.width))
            .into_iter()
            .map(Line::from),
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled(hint.to_owned(), theme::muted()));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Key spans laid out in lines of at most `width` cells, a key never
/// parted from its word.
fn wrapped_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Vec<Span<'static>>> {
    let mut lines = vec![Vec::new()];
    let mut used = 0;
    for pair in spans.chunks(3) {
        let w: usize = pair.iter().map(|s| text::width(&s.content)).sum();
        if used + w > width && used > 0 {
            lines.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.extend(pair.iter().cloned());
        }
    }
    lines
}

/// The suggested categories, to pick several and add them in one step.
pub fn suggest(frame: &mut Frame, area: Rect, suggest: &Suggest) {
    // Two lines an item (its name, then why), a line of intro when
    // choosing, the hint below.
    let intro = u16::from(suggest.choosing) * 2;
    let height = u16::try_from(suggest.items.len() * 2 + 4)
        .unwrap_or(u16::MAX)
        .saturating_add(intro);
    // The footer below stays in view.
    let rect = centered(area, 72, height.min(area.height.saturating_sub(2)));
    let title = if suggest.choosing {
        " Suggested categories: which profession is nearest? ".to_owned()
    } else {
        format!(" Suggested for: {} ", suggest.profession)
    };
    let inner = frame_block(frame, rect, title);
    let [intro_area, list_area, _, hint_area] = Layout::vertical([
        Constraint::Length(intro),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let width = usize::from(list_area.width);
    if suggest.choosing {
        let text = format!(
            "No suggestions fit {:?} well. Choose the profession nearest yours:",
            suggest.profession
        );
        frame.render_widget(
            Paragraph::new(wrapped(&text, width, Style::new())),
            intro_area,
        );
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in suggest.items.iter().enumerate() {
        let (mark, style) = match (suggest.choosing, item.on_list, item.picked) {
            (true, _, _) => ("", Style::new()),
            (false, true, _) => ("✓", theme::muted()),
            (false, false, true) => ("[x]", Style::new().fg(theme::DONE)),
            (false, false, false) => ("[ ]", Style::new()),
        };
        let name = if item.on_list {
            format!("{} (on your list)", item.name)
        } else {
            item.name.clone()
        };
        let here = i == suggest.cursor;
        lines.push(highlight(
            Line::from(vec![
                Span::styled(format!("{mark:>3} "), style),
                Span::styled(text::truncate(&name, width.saturating_sub(4)), style),
            ]),
            here,
        ));
        lines.push(highlight(
            Line::styled(
                format!("    {}", text::truncate(&item.why, width.saturating_sub(4))),
                theme::muted(),
            ),
            here,
        ));
    }
    scrolled(
        frame,
        list_area,
        lines,
        (suggest.cursor * 2, suggest.cursor * 2 + 2),
    );
    let hint = if suggest.choosing {
        "Enter shows its suggestions · Esc closes".to_owned()
    } else {
        let picked = suggest.items.iter().filter(|i| i.picked).count();
        format!("{picked} picked · Space picks · Enter adds them · Esc closes")
    };
    frame.render_widget(Line::styled(hint, theme::muted()), hint_area);
}

/// The saved versions of a script: when and how each was saved on the
/// left, the selected one's text on the right.
pub fn versions(frame: &mut Frame, area: Rect, versions: &Versions, today: NaiveDate) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    let inner = frame_block(
        frame,
        rect,
        format!(
            " Versions of {} · {} · newest first ",
            versions.title,
            versions.list.len()
        ),
    );
    let [body, _, hint_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let [list_area, _, text_area] = Layout::horizontal([
        Constraint::Length(36),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(body);
    let width = usize::from(list_area.width);
    let lines: Vec<Line> = versions
        .list
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let words = versions.words.get(i).copied().unwrap_or(0);
            let label = match v.how {
                SaveKind::Starter => format!("{} · {words} words", v.how.label()),
                how => format!(
                    "{} {} · {} · {words} w",
                    short_day(v.saved_at.date(), today),
                    v.saved_at.format("%H:%M:%S"),
                    how.label()
                ),
            };
            highlight(Line::from(text::pad(&label, width)), i == versions.cursor)
        })
        .collect();
    scrolled(
        frame,
        list_area,
        lines,
        (versions.cursor, versions.cursor + 1),
    );
    if let Some(v) = versions.list.get(versions.cursor) {
        let shown = if v.text.trim().is_empty() {
            Paragraph::new(Line::styled("(empty)", theme::muted()))
        } else {
            Paragraph::new(v.text.clone()).wrap(ratatui::widgets::Wrap { trim: false })
        };
        frame.render_widget(shown, text_area);
    }
    frame.render_widget(
        Line::styled(
            "Enter brings the selected text back (the current one is kept) · Esc closes",
            theme::muted(),
        ),
        hint_area,
    );
}
