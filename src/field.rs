//! Typing and pasting into a text field, the same in every field: Ctrl-J
//! (what a terminal sends for a line feed) starts a new line, as Alt-Enter
//! does, and does nothing in a one-line field; a paste is text, never keys;
//! a text that would pass its size limit is refused with a message.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use crate::domain::text::{Lines, pasted, size};

/// What a key or a paste did to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Unchanged,
    Changed,
    /// Not done, and why.
    Refused(String),
}

/// How many bytes the field holds, line breaks counted.
pub fn bytes(area: &TextArea<'_>) -> usize {
    let lines = area.lines();
    lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1)
}

fn full(limit: usize) -> Typed {
    Typed::Refused(format!(
        "Not added: this text is at its {} limit; cut something or split it.",
        size(limit)
    ))
}

/// A key typed into `area`, a field of `lines` holding at most `limit` bytes.
pub fn key(area: &mut TextArea<'static>, key: KeyEvent, lines: Lines, limit: usize) -> Typed {
    let ctrl = key.modifiers == KeyModifiers::CONTROL;
    let newline =
        matches!(key.code, KeyCode::Char('j' | 'm')) && ctrl || key.code == KeyCode::Enter;
    if newline {
        if lines == Lines::One {
            return Typed::Unchanged;
        }
        if bytes(area) + 1 > limit {
            return full(limit);
        }
        area.insert_newline();
        return Typed::Changed;
    }
    if lines == Lines::One && key.code == KeyCode::Tab {
        return Typed::Unchanged;
    }
    // In a one-line field Ctrl-U clears what is before the cursor, as in a
    // shell; in a text it undoes.
    if lines == Lines::One && ctrl && key.code == KeyCode::Char('u') {
        return if area.delete_line_by_head() {
            Typed::Changed
        } else {
            Typed::Unchanged
        };
    }
    if let KeyCode::Char(c) = key.code
        && !ctrl
        && bytes(area) + c.len_utf8() > limit
    {
        return full(limit);
    }
    if area.input(key) {
        Typed::Changed
    } else {
        Typed::Unchanged
    }
}

/// Text pasted into `area`: inserted at the cursor as text, made one line
/// in a one-line field; refused whole if it would pass `limit` bytes.
pub fn paste(area: &mut TextArea<'static>, text: &str, lines: Lines, limit: usize) -> Typed {
    let text = pasted(text, lines);
    if text.is_empty() {
        return Typed::Unchanged;
    }
    let now = bytes(area);
    if now + text.len() > limit {
        return Typed::Refused(format!(
            "Not pasted: {} would make this text {}, past its {} limit.",
            size(text.len()),
            size(now + text.len()),
            size(limit)
        ));
    }
    if area.insert_str(&text) {
        Typed::Changed
    } else {
        Typed::Unchanged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn ctrl_u_clears_a_field_before_the_cursor_and_undoes_in_a_text() {
        let mut field = TextArea::new(vec!["Ana Lima".into()]);
        field.move_cursor(ratatui_textarea::CursorMove::End);
        field.move_cursor(ratatui_textarea::CursorMove::WordBack);
        assert_eq!(key(&mut field, ctrl('u'), Lines::One, 100), Typed::Changed);
        assert_eq!(field.lines(), ["Lima"]);
        assert_eq!(
            key(&mut field, ctrl('u'), Lines::One, 100),
            Typed::Unchanged
        );
        let mut text = TextArea::default();
        key(
            &mut text,
            KeyEvent::from(KeyCode::Char('a')),
            Lines::Many,
            100,
        );
        assert_eq!(text.lines(), ["a"]);
        key(&mut text, ctrl('u'), Lines::Many, 100);
        assert_eq!(text.lines(), [""], "undone");
    }

    #[test]
    fn ctrl_j_is_a_new_line_in_a_text_and_nothing_in_a_field() {
        let mut text = TextArea::new(vec!["Dear Ana,".into()]);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        assert_eq!(key(&mut text, ctrl('j'), Lines::Many, 100), Typed::Changed);
        assert_eq!(text.lines(), ["Dear Ana,", ""]);
        let mut field = TextArea::new(vec!["Ana Lima".into()]);
        field.move_cursor(ratatui_textarea::CursorMove::End);
        assert_eq!(
            key(&mut field, ctrl('j'), Lines::One, 100),
            Typed::Unchanged
        );
        assert_eq!(field.lines(), ["Ana Lima"]);
    }

    #[test]
    fn a_paste_is_text_and_a_field_gets_one_line() {
        let mut field = TextArea::default();
        let pasted = paste(&mut field, "Line one\tCo\nLine two\n", Lines::One, 100);
        assert_eq!(pasted, Typed::Changed);
        assert_eq!(field.lines(), ["Line one Co Line two "]);
        let mut text = TextArea::default();
        paste(&mut text, "a\r\nb\nc", Lines::Many, 100);
        assert_eq!(text.lines(), ["a", "b", "c"]);
    }

    #[test]
    fn nothing_passes_the_limit_and_the_text_is_unchanged() {
        let mut text = TextArea::new(vec!["12345678".into()]);
        assert!(matches!(
            paste(&mut text, "abc", Lines::Many, 10),
            Typed::Refused(_)
        ));
        assert_eq!(text.lines(), ["12345678"]);
        assert_eq!(
            key(
                &mut text,
                KeyEvent::from(KeyCode::Char('9')),
                Lines::Many,
                10
            ),
            Typed::Changed
        );
        assert!(matches!(
            key(
                &mut text,
                KeyEvent::from(KeyCode::Char('é')),
                Lines::Many,
                10
            ),
            Typed::Refused(_)
        ));
        assert_eq!(
            key(
                &mut text,
                KeyEvent::from(KeyCode::Backspace),
                Lines::Many,
                10
            ),
            Typed::Changed
        );
    }
}
