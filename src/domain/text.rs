//! Text as list25 keeps it: one-line fields, texts of several lines, and
//! what a paste becomes in each.

/// Collapse whitespace and drop control characters: names and one-line
/// fields never hold newlines or escapes, whatever was pasted.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text of several lines as it is kept: control characters dropped (so a
/// pasted `\r\n` becomes `\n`), line breaks and tabs kept.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// What a field holds: one line, or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Pasted text as it goes into a field: line ends of every kind become
/// `\n`; in a one-line field line breaks and tabs become spaces; other
/// control characters are dropped. Nothing in a paste is ever a key.
pub fn pasted(text: &str, lines: Lines) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match lines {
        Lines::Many => clean_text(&text),
        Lines::One => text
            .chars()
            .filter_map(|c| match c {
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    }
}

/// The most a text of several lines (a script, a note) may hold, in bytes.
pub const MAX_TEXT: usize = 256 * 1024;

/// The most a one-line field may hold, in bytes.
pub const MAX_LINE: usize = 4 * 1024;

/// Bytes, said the way a person reads them: "812 bytes", "20 KB", "1.5 MB".
pub fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_control_characters_but_keeps_lines() {
        assert_eq!(clean_text("a\r\nb\u{1b}[1m\tc\u{7}"), "a\nb[1m\tc");
    }

    #[test]
    fn one_line_strips_controls_and_keeps_unicode() {
        assert_eq!(one_line("Café\u{1b}[31m  会計士 🧾"), "Café [31m 会計士 🧾");
    }

    #[test]
    fn a_paste_keeps_its_lines_in_a_text_and_becomes_one_line_in_a_field() {
        let paste = "Line one\tCo\r\nLine two\rLine three\u{1b}[2J\n";
        assert_eq!(
            pasted(paste, Lines::Many),
            "Line one\tCo\nLine two\nLine three[2J\n"
        );
        assert_eq!(
            pasted(paste, Lines::One),
            "Line one Co Line two Line three[2J "
        );
        assert_eq!(pasted("Zoë 東京 🌸", Lines::One), "Zoë 東京 🌸");
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(20 * 1024), "20 KB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
