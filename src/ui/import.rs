//! The import screen: the path, what the file holds as it will be stored,
//! the counts, and a progress bar while the import runs.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::popup::{centered, frame_block};
use super::{text, theme, wrapped};
use crate::app::{ImportStage, Importing};
use crate::store::import::{Counts, Preview, PreviewRow};

/// How the counts read.
fn counts_line(c: &Counts) -> String {
    format!(
        "{} new · {} merged ({} with something new) · {} refused",
        c.added, c.merged, c.news, c.skipped
    )
}

fn preview_lines(p: &Preview, width: usize, rows: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (name, format, people) in p.files.iter().take(2) {
        lines.push(Line::from(text::truncate(
            &format!("{name}: {format}, {people} people"),
            width,
        )));
    }
    if p.files.len() > 2 {
        lines.push(Line::styled(
            format!("… and {} more files", p.files.len() - 2),
            theme::muted(),
        ));
    }
    lines.push(Line::styled(counts_line(&p.counts), theme::heading()));
    lines.push(Line::default());
    let name_w = (width / 3).clamp(8, 28);
    let shown = rows.saturating_sub(lines.len() + 1);
    for row in p.rows.iter().take(shown) {
        let (label, style, name, what) = match row {
            PreviewRow::New {
                name,
                category,
                details,
            } => {
                let place = category
                    .as_ref()
                    .map_or_else(|| "unsorted".to_owned(), |c| format!("in {c}"));
                (
                    "new  ",
                    Style::new().fg(theme::DONE),
                    name,
                    text::join(&[&place, details]),
                )
            }
            PreviewRow::Merge {
                name,
                into,
                changed,
            } => {
                let what = if *changed {
                    format!("same as {into}, with something new")
                } else {
                    format!("same as {into}, nothing new")
                };
                ("merge", Style::new(), name, what)
            }
            PreviewRow::Skip { name, line, reason } => (
                "skip ",
                Style::new().fg(theme::ERROR),
                name,
                format!("line {line}: {reason}"),
            ),
        };
        let name = if name.is_empty() {
            "—"
        } else {
            name.as_str()
        };
        let rest = width.saturating_sub(name_w + 8);
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::raw("  "),
            Span::raw(text::pad(name, name_w)),
            Span::raw(" "),
            Span::styled(text::truncate(&what, rest), theme::muted()),
        ]));
    }
    let more = p.records.saturating_sub(shown.min(p.rows.len()));
    if more > 0 {
        lines.push(Line::styled(format!("… {more} more"), theme::muted()));
    }
    lines
}

pub fn render(frame: &mut Frame, area: ratatui::layout::Rect, imp: &Importing) {
    // The message line and the footer stay in sight below it.
    let rect = centered(area, 96, area.height.saturating_sub(4));
    let inner = frame_block(
        frame,
        rect,
        " Import people · CSV, vCard, a folder of .vcf ".into(),
    );
    let width = usize::from(inner.width);
    let [label, field, _, body, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Line::styled(
            "File or folder (LinkedIn, Google Contacts or Outlook CSV, vCards; ~ is home):",
            theme::muted(),
        ),
        label,
    );
    frame.render_widget(&imp.path, field);
    let rows = usize::from(body.height);
    let (lines, hint_text): (Vec<Line>, String) = match &imp.stage {
        ImportStage::Typing { refused: None } => (
            wrapped(
                "Type or paste the path, then Enter: what the file holds is shown \
                 before anything is written.",
                width,
                theme::muted(),
            ),
            "Enter reads it · Esc closes".into(),
        ),
        ImportStage::Typing { refused: Some(why) } => (
            wrapped(why, width, Style::new().fg(theme::ERROR)),
            "Enter reads it · Esc closes".into(),
        ),
        ImportStage::Reading { .. } => (
            vec![Line::styled("Reading the file…", theme::muted())],
            "Esc closes".into(),
        ),
        ImportStage::Preview { preview: p, .. } => {
            let c = p.counts;
            let hint = if c.added + c.merged == 0 {
                "Nothing to import · Esc closes".to_owned()
            } else {
                format!(
                    "Enter imports: {} new, {} merged · Esc closes, nothing written",
                    c.added, c.merged
                )
            };
            (preview_lines(p, width, rows), hint)
        }
        ImportStage::Running {
            done,
            total,
            counts,
            ..
        } => {
            let [said, gauge, _] = Layout::vertical([
                Constraint::Length(2),
                Constraint::Length(1),
                Constraint::Min(0),
            ])
            .areas(body);
            frame.render_widget(
                Paragraph::new(wrapped(
                    &format!("Importing… {}", counts_line(counts)),
                    width,
                    Style::new(),
                )),
                said,
            );
            let ratio = if *total == 0 {
                0.0
            } else {
                (*done as f64 / *total as f64).clamp(0.0, 1.0)
            };
            frame.render_widget(
                Gauge::default()
                    .gauge_style(Style::new().fg(theme::ACCENT))
                    .ratio(ratio)
                    .label(if done >= total && *total > 0 {
                        format!("all {total} written · saving")
                    } else {
                        format!("{done} of {total} written")
                    }),
                gauge,
            );
            let hint = if *total > 0 && done >= total {
                "Saving: a moment"
            } else {
                "Esc stops it: nothing is kept"
            };
            (Vec::new(), hint.into())
        }
        ImportStage::Over { said, unsorted } => (
            wrapped(said, width, theme::heading()),
            if *unsorted > 0 {
                "Enter shows the unsorted · Esc closes".into()
            } else {
                "Enter or Esc closes".into()
            },
        ),
    };
    if !lines.is_empty() {
        frame.render_widget(Paragraph::new(lines), body);
    }
    frame.render_widget(
        Line::styled(text::truncate(&hint_text, width), theme::muted()),
        hint,
    );
}
