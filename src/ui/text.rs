//! Text helpers that measure in terminal cells, not bytes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Word-wrap `text` to lines of at most `width` cells. Words wider than a
/// line are broken between characters. Newlines start new lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = word.width();
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= width {
                line.push_str(word);
                used = w;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// How many cells `text` takes.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Cut `text` to at most `width` cells, ending with "…" when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Exactly `width` cells: cut with "…" or padded with spaces.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// The parts that are not empty, joined with " · ".
pub fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_keeps_within_width() {
        let lines = wrap("Tell them exactly what to say when they refer", 12);
        assert_eq!(lines[0], "Tell them");
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Tell them exactly what to say when they refer"
        );
    }

    #[test]
    fn wide_characters_count_as_two_cells() {
        let lines = wrap("東京の会計士 さん", 6);
        assert!(lines.iter().all(|l| l.width() <= 6), "{lines:?}");
        assert_eq!(truncate("東京の会計士", 5), "東京…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(pad("東京の会計士", 5), "東京…");
        assert_eq!(pad("東京の会計士", 6), "東京… ");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn newlines_start_lines_and_empty_text_is_one_empty_line() {
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
    }
}
