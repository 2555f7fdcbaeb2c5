//! Forms: labelled fields, one line each except texts (such as a contact's
//! notes) that keep their line breaks; one focused, with an error beside
//! the field it is about. What a form saves is decided by its `FormKind`.

use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::domain::text::{Lines, MAX_LINE, MAX_TEXT, clean_text};
use crate::field::{self, Typed};

/// What a form edits, and so what saving it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    StartDate,
    /// Add (`None`) or edit a category.
    Category(Option<i64>),
    /// Add (`None`) or edit a contact.
    Contact(Option<i64>),
    /// Log a touch of a kind with a contact.
    Touch(i64, crate::domain::TouchKind),
    /// Change a touch, now of this kind.
    EditTouch(i64, crate::domain::TouchKind),
    /// Set a contact's next follow-up by hand.
    FollowUp(i64),
    /// The user's profession; `true` opens the suggestions once it is saved.
    Profession(bool),
    /// Add (`None`) or edit the details of a script.
    Script(Option<i64>),
    /// Your name, value and profession, for scripts.
    Me,
    /// Record a referral received or given.
    Referral(crate::domain::Direction),
    /// Change a referral's status.
    RefStatus(i64, crate::domain::RefStatus),
    /// Mark a thank-you (or the news) owed sent, this way.
    ThanksSent(i64, crate::domain::ThanksHow),
    /// Thank a past referrer for the client they sent, this way.
    ThankOld(i64, crate::domain::ThanksHow),
    /// Put a contact in a category.
    PutIn(i64),
    /// The names a client gave when asked (the client, the ask shown).
    AskNames(i64, Option<i64>),
    /// A client said not now: when to ask again (the client, the ask shown).
    AskLater(i64, Option<i64>),
    /// When to ask a client for referrals.
    AskPlan(i64),
    /// A touchpoint done: when, and a note.
    TouchpointDone(i64),
    /// When a touchpoint falls.
    TouchpointMove(i64),
    /// The journey template.
    Journey,
    /// Add (`None`) or change an event.
    Event(Option<i64>),
    /// Add a group.
    Group,
    /// A guest brought to an event by a contact.
    Brought(i64, i64),
}

pub struct Field {
    pub label: &'static str,
    pub input: TextArea<'static>,
    /// A line shown beside the field, such as the contact a typed name
    /// matches.
    pub note: Option<String>,
    /// One line, or a text that keeps its line breaks.
    pub lines: Lines,
}

impl Field {
    /// How many bytes the field holds at most.
    fn limit(&self) -> usize {
        match self.lines {
            Lines::One => MAX_LINE,
            Lines::Many => MAX_TEXT,
        }
    }
}

pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The field a problem is in, and the problem.
    pub error: Option<(usize, String)>,
    /// How many were saved in a row before this one (quick entry).
    pub streak: usize,
    /// The stored values an edit form was opened with, to notice a change
    /// made in another window before saving over it.
    pub base: Option<Vec<String>>,
}

impl Form {
    /// A form whose fields are `(label, value, placeholder)`.
    pub fn new(
        kind: FormKind,
        title: impl Into<String>,
        fields: &[(&'static str, &str, &str)],
    ) -> Self {
        let fields = fields
            .iter()
            .map(|&(label, value, placeholder)| {
                let mut input = TextArea::new(vec![value.to_owned()]);
                input.move_cursor(CursorMove::End);
                input.set_cursor_line_style(Style::new());
                if !placeholder.is_empty() {
                    input.set_placeholder_text(placeholder);
                }
                Field {
                    label,
                    input,
                    note: None,
                    lines: Lines::One,
                }
            })
            .collect();
        let mut form = Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            error: None,
            streak: 0,
            base: None,
        };
        form.focus_on(0);
        form
    }

    /// Make field `i` a text of several lines, as its value has them; a
    /// new line is Alt-Enter or Ctrl-J, as in the day's note.
    pub fn with_lines(mut self, i: usize) -> Self {
        if let Some(f) = self.fields.get_mut(i) {
            let value = f.input.lines().join("\n");
            let mut input = TextArea::new(value.split('\n').map(str::to_owned).collect());
            input.set_wrap_mode(WrapMode::WordOrGlyph);
            input.set_cursor_line_style(Style::new());
            let placeholder = f.input.placeholder_text();
            if !placeholder.is_empty() {
                input.set_placeholder_text(placeholder.to_owned());
            }
            input.move_cursor(CursorMove::Bottom);
            input.move_cursor(CursorMove::End);
            f.input = input;
            f.lines = Lines::Many;
        }
        let focus = self.focus;
        self.focus_on(focus);
        self
    }

    /// Move the focus to field `i` (wrapping), showing the cursor only there.
    pub fn focus_on(&mut self, i: usize) {
        self.focus = i % self.fields.len().max(1);
        for (j, field) in self.fields.iter_mut().enumerate() {
            field.input.set_cursor_style(if j == self.focus {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            });
        }
    }

    pub fn next(&mut self) {
        self.focus_on(self.focus + 1);
    }

    pub fn previous(&mut self) {
        self.focus_on(self.focus + self.fields.len().saturating_sub(1));
    }

    /// Type a key into the focused field. Newlines never enter a one-line field.
    pub fn input(&mut self, key: KeyEvent) -> Typed {
        self.error = None;
        match self.fields.get_mut(self.focus) {
            Some(f) => {
                let limit = f.limit();
                field::key(&mut f.input, key, f.lines, limit)
            }
            None => Typed::Unchanged,
        }
    }

    /// Paste text into the focused field: as one line, or in a text with
    /// its line breaks.
    pub fn paste(&mut self, text: &str) -> Typed {
        self.error = None;
        match self.fields.get_mut(self.focus) {
            Some(f) => {
                let limit = f.limit();
                field::paste(&mut f.input, text, f.lines, limit)
            }
            None => Typed::Unchanged,
        }
    }

    /// The text of field `i`, with control characters removed; a text of
    /// several lines keeps its line breaks and tabs.
    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|f| match f.lines {
                // A line break or tab in a value shown on one line is a
                // space, never two words run together.
                Lines::One => f
                    .input
                    .lines()
                    .join(" ")
                    .chars()
                    .map(|c| {
                        if matches!(c, '\n' | '\r' | '\t') {
                            ' '
                        } else {
                            c
                        }
                    })
                    .filter(|c| !c.is_control())
                    .collect(),
                Lines::Many => clean_text(&f.input.lines().join("\n")),
            })
            .unwrap_or_default()
    }

    /// Whether the record this form edits was changed elsewhere, since the
    /// form opened, in a field this form changed too (`stored` is how the
    /// form would show it now). A field changed only elsewhere takes what
    /// is stored now: saving never writes back what this form left alone.
    /// A field changed on both sides says what it holds now, the error says
    /// what to do, and the form takes `stored` as its base: a second Enter
    /// saves over it.
    pub fn changed_elsewhere(&mut self, stored: &[String]) -> bool {
        let Some(base) = self.base.clone() else {
            return false;
        };
        let mut changed = Vec::new();
        for i in 0..self.fields.len() {
            let (was, now) = (base.get(i), stored.get(i));
            if was == now {
                continue;
            }
            let mine = self.value(i);
            if Some(&mine) == was {
                // Left alone here: theirs, as it is now.
                let theirs = now.cloned().unwrap_or_default();
                let mut input = TextArea::new(theirs.lines().map(str::to_owned).collect());
                input.set_cursor_line_style(Style::new());
                input.move_cursor(CursorMove::Bottom);
                input.move_cursor(CursorMove::End);
                self.fields[i].input = input;
            } else {
                changed.push(i);
            }
        }
        self.base = Some(stored.to_vec());
        let focus = self.focus;
        self.focus_on(focus);
        let Some(&first) = changed.first() else {
            return false;
        };
        let labels: Vec<&str> = changed.iter().map(|&i| self.fields[i].label).collect();
        for &i in &changed {
            let now = stored.get(i).map_or("", String::as_str);
            self.fields[i].note = Some(if now.is_empty() {
                "now: (empty)".to_owned()
            } else {
                format!("now: {now}")
            });
        }
        self.fail(
            first,
            format!(
                "Changed in another window since this form opened ({}). Enter saves yours over it; Esc keeps theirs.",
                labels.join(", ")
            ),
        );
        true
    }

    /// Show `message` beside field `i` and put the cursor there.
    pub fn fail(&mut self, i: usize, message: impl Into<String>) {
        self.focus_on(i);
        self.error = Some((i, message.into()));
    }

    pub fn focused_label(&self) -> &'static str {
        self.fields.get(self.focus).map_or("", |f| f.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn focus_wraps_both_ways_and_typing_clears_the_error() {
        let mut f = Form::new(FormKind::StartDate, "t", &[("A", "", ""), ("B", "x", "")]);
        f.previous();
        assert_eq!(f.focus, 1);
        f.next();
        assert_eq!(f.focus, 0);
        f.fail(1, "bad");
        assert_eq!(f.focus, 1);
        f.input(KeyEvent::from(KeyCode::Char('y')));
        assert!(f.error.is_none());
        assert_eq!(f.value(1), "xy");
    }

    #[test]
    fn a_text_keeps_its_lines_and_a_line_never_runs_words_together() {
        let f = Form::new(
            FormKind::StartDate,
            "t",
            &[
                ("Line", "one\ntwo\tthree", ""),
                ("Text", "one\ntwo\tthree", ""),
            ],
        )
        .with_lines(1);
        assert_eq!(f.value(0), "one two three");
        assert_eq!(f.value(1), "one\ntwo\tthree");
        assert_eq!(f.fields[1].input.lines().len(), 2);
    }
}
