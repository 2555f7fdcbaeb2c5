//! Pane 5, Scripts: the list, the editor, and the preview for a contact.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{draw_panel, highlight, scrolled, text, theme, wrapped};
use crate::app::{App, Scripts, fix_for};
use crate::domain::template::{BREATH_WORDS, spoken_label};
use crate::domain::{Piece, Problem, Rendered, ScriptKind};

/// From this width the list stays in view while writing.
const WIDE: u16 = 120;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.scripts;
    let show_list = !s.editing || area.width >= WIDE;
    let list_width = (area.width * 7 / 25).clamp(22, 34);
    let (list_area, editor_area, preview_area) = if show_list {
        let [l, e, p] = Layout::horizontal([
            Constraint::Length(list_width),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        (Some(l), e, p)
    } else {
        let [e, p] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
        (None, e, p)
    };
    if let Some(list_area) = list_area {
        render_list(frame, list_area, s);
    }
    render_editor(frame, editor_area, app);
    render_preview(frame, preview_area, app);
}

fn render_list(frame: &mut Frame, area: Rect, s: &Scripts) {
    let title = format!(" Scripts · {} ", s.list.len());
    let inner = draw_panel(frame, area, &title, !s.editing, false);
    let width = usize::from(inner.width);
    if s.list.is_empty() {
        let hint = "No scripts. Press a to write what a partner should say about you.";
        frame.render_widget(Paragraph::new(wrapped(hint, width, theme::muted())), inner);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut kind: Option<ScriptKind> = None;
    for (i, script) in s.list.iter().enumerate() {
        if kind != Some(script.kind) {
            kind = Some(script.kind);
            lines.push(Line::styled(
                text::truncate(&capitalised(script.kind.label()), width),
                theme::heading().fg(theme::MUTED),
            ));
        }
        if i == s.cursor {
            selected_line = lines.len();
        }
        let mut spans = vec![Span::raw(" ")];
        let room = width.saturating_sub(1);
        if script.category.is_empty() {
            spans.push(Span::raw(text::pad(&script.title, room)));
        } else {
            let category = format!(" · {}", script.category);
            let title_room = room.saturating_sub(text::width(&category).min(room / 2));
            let shown = text::truncate(&script.title, title_room);
            let rest = room.saturating_sub(text::width(&shown));
            spans.push(Span::raw(shown));
            spans.push(Span::styled(text::pad(&category, rest), theme::muted()));
        }
        lines.push(highlight(Line::from(spans), i == s.cursor && !s.editing));
    }
    scrolled(frame, inner, lines, (selected_line, selected_line + 1));
}

fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn render_editor(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.scripts;
    let (Some(script), Some(editor)) = (s.selected(), s.editor.as_ref()) else {
        draw_panel(frame, area, " Editor ", false, true);
        return;
    };
    let title = if script.category.is_empty() {
        format!(" {} · {} ", script.title, script.kind.label())
    } else {
        format!(" {} · for {} ", script.title, script.category)
    };
    let inner = draw_panel(frame, area, &title, s.editing, true);
    let width = usize::from(inner.width);
    // The tip gives way to the text on short screens.
    let mut tip = if script.tip.is_empty() {
        Vec::new()
    } else {
        text::wrap(&script.tip, width)
    };
    let tip_max = usize::from(inner.height / 4);
    if tip.len() > tip_max {
        tip.truncate(tip_max);
        if let Some(last) = tip.last_mut() {
            *last = text::truncate(&format!("{last}…"), width);
        }
    }
    let tip_style = theme::muted().add_modifier(Modifier::ITALIC);
    let tip: Vec<Line> = tip
        .into_iter()
        .map(|l| Line::styled(l, tip_style))
        .collect();
    let tip_height = u16::try_from(tip.len()).unwrap_or(0);
    let gap = u16::from(tip_height > 0);
    let [tip_area, _, text_area, stats_area] = Layout::vertical([
        Constraint::Length(tip_height),
        Constraint::Length(gap),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(tip), tip_area);
    frame.render_widget(&editor.text, text_area);
    frame.render_widget(stats_line(app, width), stats_area);
    if let Some(saved) = saved_label(app) {
        // On the bottom border, right: always in view, however narrow.
        let w = u16::try_from(text::width(&saved)).unwrap_or(0);
        if w + 4 <= area.width {
            let at = Rect::new(area.right() - w - 2, area.bottom() - 1, w, 1);
            frame.render_widget(Line::styled(saved, theme::muted()), at);
        }
    }
}

/// " typing… " while a change is not stored, " saved 08:15 " once it is.
fn saved_label(app: &App) -> Option<String> {
    match app.scripts.editor.as_ref()? {
        e if e.is_dirty() => Some(" typing… ".to_owned()),
        e => e
            .saved_at
            .map(|at| format!(" saved {} ", at.format("%H:%M"))),
    }
}

/// Words, the one-breath check for a value proposition, speaking time.
fn stats_line(app: &App, width: usize) -> Line<'static> {
    let s = &app.scripts;
    let words = s.preview.words();
    // (what it says, how much it matters: the least is dropped first)
    let mut parts = vec![(
        Span::styled(
            format!("{words} word{}", if words == 1 { "" } else { "s" }),
            theme::muted(),
        ),
        0,
    )];
    // A value proposition should fit in one breath.
    if s.selected().map(|x| x.kind) == Some(ScriptKind::ValueProposition) && words > 0 {
        let said = if words <= BREATH_WORDS {
            Span::styled("one breath", Style::new().fg(theme::DONE))
        } else {
            Span::styled("over one breath", Style::new().fg(theme::BEHIND))
        };
        parts.push((said, 1));
    }
    parts.push((
        Span::styled(format!("{} aloud", spoken_label(words)), theme::muted()),
        2,
    ));
    joined(parts, width)
}

/// Parts joined by " · ", in order, dropping the ones that matter least
/// until the rest fit in `width` cells.
fn joined(mut parts: Vec<(Span<'static>, u8)>, width: usize) -> Line<'static> {
    let total = |parts: &[(Span, u8)]| -> usize {
        parts
            .iter()
            .map(|(s, _)| text::width(&s.content))
            .sum::<usize>()
            + 3 * parts.len().saturating_sub(1)
    };
    while total(&parts) > width {
        let Some(least) = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, (_, rank))| *rank)
            .map(|(i, _)| i)
        else {
            break;
        };
        parts.remove(least);
    }
    let mut spans = Vec::new();
    for (i, (span, _)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::muted()));
        }
        spans.push(span);
    }
    Line::from(spans)
}

fn render_preview(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.scripts;
    let who = s.shown_for.as_ref().map(|c| c.name.as_str());
    let title = match who {
        Some(name) => format!(" Preview for {name} "),
        None => " Preview (no contact) ".to_owned(),
    };
    let inner = draw_panel(frame, area, &title, false, true);
    let width = usize::from(inner.width);
    let notes = problem_lines(&s.preview, who, width);
    let notes_height = u16::try_from(notes.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 3);
    let gap = u16::from(notes_height > 0);
    let [text_area, _, notes_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(gap),
        Constraint::Length(notes_height),
    ])
    .areas(inner);
    if s.preview.pieces.is_empty() {
        let hint = if s.list.is_empty() {
            ""
        } else {
            "The script is empty. Press Enter to write it."
        };
        frame.render_widget(
            Paragraph::new(wrapped(hint, width, theme::muted())),
            text_area,
        );
    } else {
        let text = Paragraph::new(preview_lines(&s.preview)).wrap(Wrap { trim: false });
        let beyond = text
            .line_count(text_area.width)
            .saturating_sub(usize::from(text_area.height));
        let offset = match (&s.editor, s.editing) {
            (Some(editor), true) => beyond * writing_at(&editor.text) / 1000,
            _ => 0,
        };
        frame.render_widget(
            text.scroll((u16::try_from(offset).unwrap_or(0), 0)),
            text_area,
        );
    }
    frame.render_widget(Paragraph::new(notes), notes_area);
}

/// How far into the text the cursor is, in thousandths: a preview longer
/// than its pane scrolls along as the writing does, so every line of it
/// can be read.
fn writing_at(editor: &ratatui_textarea::TextArea) -> usize {
    let (row, col) = (editor.cursor().0, editor.cursor().1);
    let lines = editor.lines();
    let count = |l: &String| l.chars().count() + 1;
    let total: usize = lines.iter().map(count).sum();
    let before: usize = lines.iter().take(row).map(count).sum::<usize>() + col;
    (before * 1000)
        .checked_div(total.saturating_sub(1).max(1))
        .unwrap_or(0)
        .min(1000)
}

/// The filled-in text, each piece styled by what it is: values in the
/// accent colour, what is missing or wrong marked so it cannot be missed.
fn preview_lines(r: &Rendered) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    for piece in &r.pieces {
        let style = match piece {
            Piece::Text(_) => Style::new(),
            Piece::Value(..) => Style::new().fg(theme::ACCENT),
            Piece::Missing(..) => Style::new()
                .fg(theme::BEHIND)
                .add_modifier(Modifier::UNDERLINED),
            Piece::Unknown(_) | Piece::Unclosed(_) => Style::new()
                .fg(theme::ERROR)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Piece::Blank(_) => Style::new()
                .fg(theme::BEHIND)
                .add_modifier(Modifier::ITALIC),
            Piece::Newline => {
                lines.push(Line::from(std::mem::take(&mut spans)));
                continue;
            }
        };
        spans.push(Span::styled(piece.text().to_owned(), style));
    }
    lines.push(Line::from(spans));
    lines
}

/// What stops the text from going out as it is, worst first, then the
/// blanks to fill in by hand.
fn problem_lines(r: &Rendered, who: Option<&str>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    // With no contact picked, one line names every placeholder that needs one.
    let (need_contact, problems): (Vec<&Problem>, Vec<&Problem>) =
        r.distinct_problems().into_iter().partition(|p| {
            who.is_none() && matches!(p, Problem::Missing { field, .. } if field.is_contact())
        });
    for p in problems {
        let style = if p.is_error() {
            Style::new().fg(theme::ERROR)
        } else {
            Style::new().fg(theme::BEHIND)
        };
        let fix = fix_for(p, who.is_some())
            .map(|f| format!("; {f}"))
            .unwrap_or_default();
        lines.extend(wrapped(
            &format!("! {}{fix}", p.describe(who)),
            width,
            style,
        ));
    }
    let fields: Vec<String> = need_contact
        .iter()
        .filter_map(|p| match p {
            Problem::Missing { field, .. } => Some(format!("{{{}}}", field.key())),
            _ => None,
        })
        .collect();
    if let Some(first) = need_contact.first() {
        let fix = fix_for(first, false).unwrap_or_default();
        lines.extend(wrapped(
            &format!(
                "! {} need{} a contact; {fix}",
                fields.join(", "),
                if fields.len() == 1 { "s" } else { "" }
            ),
            width,
            Style::new().fg(theme::BEHIND),
        ));
    }
    let blanks = r.distinct_blanks();
    if !blanks.is_empty() {
        lines.extend(wrapped(
            &format!("Fill in by hand: {}", blanks.join(", ")),
            width,
            theme::muted(),
        ));
    }
    lines
}
