//! The import screen: the path, what the file holds as it will be stored,
//! the counts, and a progress bar while the import runs.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::popup::{centered, frame_block};
use super::{text, theme, wrapped};
use crate::app::{ImportStage, Importing, Preview};
use crate::store::import::{Counts, Into, Outcome};

/// How the counts read.
fn counts_line(c: &Counts) -> String {
    format!(
        "{} new · {} merged ({} with something new) · {} refused",
        c.added, c.merged, c.news, c.skipped
    )
}

fn preview_lines(p: &Preview, width: usize, rows: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for f in &p.files {
        let name = f.path.file_name().map_or_else(
            || f.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        lines.push(Line::from(text::truncate(
            &format!("{name}: {}, {} people", f.format, f.people.len()),
            width,
        )));
        if lines.len() >= 2 {
            break;
        }
    }
    if p.files.len() > 2 {
        lines.push(Line::styled(
            format!("… and {} more files", p.files.len() - 2),
            theme::muted(),
        ));
    }
    lines.push(Line::styled(
        counts_line(&p.plan.counts()),
        theme::heading(),
    ));
    lines.push(Line::default());
    let name_w = (width / 3).clamp(8, 28);
    let shown = rows.saturating_sub(lines.len());
    for e in p.plan.entries.iter().take(shown) {
        let (label, style, what) = match &e.outcome {
            Outcome::Added { category } => {
                let person = p
                    .files
                    .get(e.file)
                    .and_then(|f| f.people.iter().find(|x| x.line == e.line));
                let details = person.map_or_else(String::new, |x| {
                    text::join(&[
                        &x.company,
                        x.emails.first().map_or("", String::as_str),
                        x.phones.first().map_or("", String::as_str),
                    ])
                });
                let place = category
                    .as_ref()
                    .map_or_else(|| "unsorted".to_owned(), |c| format!("in {c}"));
                (
                    "new  ",
                    Style::new().fg(theme::DONE),
                    text::join(&[&place, &details]),
                )
            }
            Outcome::Merged { into, changed } => {
                let into = match into {
                    Into::Contact { name, .. } => name.clone(),
                    Into::Earlier { line, .. } => format!("line {line} above"),
                };
                let what = if *changed {
                    format!("same as {into}, with something new")
                } else {
                    format!("same as {into}, nothing new")
                };
                ("merge", Style::new(), what)
            }
            Outcome::Skipped { reason } => (
                "skip ",
                Style::new().fg(theme::ERROR),
                format!("line {}: {reason}", e.line),
            ),
        };
        let name = if e.name.is_empty() {
            "—"
        } else {
            e.name.as_str()
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
    let more = p.plan.entries.len().saturating_sub(shown);
    if more > 0 && lines.len() < rows + 1 {
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
        ImportStage::Preview(p) => {
            let c = p.plan.counts();
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
