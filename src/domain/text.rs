//! Text as list25 keeps it: one-line fields, texts of several lines, and
//! what a paste becomes in each.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// "1 contact", "2 contacts": a count and its noun, plural when it is not
/// one. For nouns made plural with an s.
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Names in a sentence: "Ana", "Ana and Bo", "Ana, Bo and Cy".
pub fn listed(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Characters that turn the direction of the text after them (embeddings,
/// overrides and isolates): in a name they can make "Bo Chen" print as
/// something else. They are never kept; the marks (U+200E, U+200F) are.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room on screen: zero-width spaces and joiners,
/// the soft hyphen, direction marks, the byte-order mark. Inside a name
/// some matter (a joiner in an emoji); at its ends they only hide.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// A one-line field as it is kept: composed (NFC, so "é" typed either way
/// is one character), whitespace collapsed, control characters dropped,
/// and no invisible characters at either end. A name of nothing but
/// invisible characters comes out empty, and is refused as empty.
pub fn one_line(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to compose and nothing invisible: only the spaces, and
        // most often nothing at all to change.
        let tidy = !text.starts_with(' ')
            && !text.ends_with(' ')
            && !text.contains("  ")
            && text.bytes().all(|b| b == b' ' || (b.is_ascii_graphic()));
        if tidy {
            return text.to_owned();
        }
        return text
            .split(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    one_line_any(text)
}

fn one_line_any(text: &str) -> String {
    let composed: String = text.nfc().filter(|&c| !is_bidi_control(c)).collect();
    composed
        .split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.trim_matches(is_invisible))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What two names are compared by: compatibility-composed (NFKC), lower
/// case in every script, invisible characters left out. "Éditeurs" and
/// "éditeurs", composed or not, have the same key; accents still count.
pub fn key(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase().trim().to_owned();
    }
    key_any(text)
}

fn key_any(text: &str) -> String {
    let lower: String = text
        .nfkc()
        .filter(|&c| !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    caseless(&lower)
        .nfkc()
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The case foldings lower case leaves out: ß is ss, a final sigma is σ.
fn caseless(lower: &str) -> String {
    if !lower.contains(['ß', 'ς', '\u{307}']) {
        return lower.to_owned();
    }
    // The capital İ lowers to i and a dot above: the same i as istanbul's.
    lower
        .replace('ß', "ss")
        .replace('ς', "σ")
        .replace("i\u{307}", "i")
}

/// A key that also ignores accents, for finding: "lucia" finds "Lucía"
/// and "lucía" finds "Lucia".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let bare: String = text
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    caseless(&bare).nfc().collect()
}

/// `text` on one line from `before` words ahead of the first word that
/// holds `word` (accents and case ignored), with "…" where words were left
/// out; all of it when no word holds `word`.
pub fn excerpt(text: &str, word: &str, before: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let wanted = fold(word);
    let start = words
        .iter()
        .position(|w| !wanted.is_empty() && fold(w).contains(&wanted))
        .map_or(0, |at| at.saturating_sub(before));
    let shown = words[start..].join(" ");
    if start > 0 {
        format!("…{shown}")
    } else {
        shown
    }
}

/// Text of several lines as it is kept: control characters dropped (so a
/// pasted `\r\n` becomes `\n`), line breaks and tabs kept.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| (!c.is_control() || matches!(c, '\n' | '\t')) && !is_bidi_control(c))
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
    fn an_excerpt_starts_a_few_words_before_the_word_found() {
        let note = "Coffee downtown;\nshe asked about the Café Zoë lunch next week";
        assert_eq!(excerpt(note, "lunch", 2), "…Café Zoë lunch next week");
        assert_eq!(
            excerpt(note, "cafe", 2),
            "…about the Café Zoë lunch next week"
        );
        assert_eq!(
            excerpt(note, "coffee", 2),
            "Coffee downtown; she asked about the Café Zoë lunch next week"
        );
        assert_eq!(excerpt(note, "tea", 2), excerpt(note, "", 2), "all of it");
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(1u32, "contact"), "1 contact");
        assert_eq!(count(0u32, "contact"), "0 contacts");
        assert_eq!(count(12u32, "contact"), "12 contacts");
    }

    #[test]
    fn clean_drops_control_characters_but_keeps_lines() {
        assert_eq!(clean_text("a\r\nb\u{1b}[1m\tc\u{7}"), "a\nb[1m\tc");
    }

    proptest::proptest! {
        #[test]
        fn plain_ascii_takes_a_short_way_to_the_same_result(text in "[ -~\\t\\n\\r\\x00-\\x1f\\x7f]{0,40}") {
            proptest::prop_assert_eq!(one_line(&text), one_line_any(&text));
            proptest::prop_assert_eq!(key(&text), key_any(&text));
        }
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
    fn names_are_composed_and_lose_invisible_ends() {
        assert_eq!(one_line("E\u{301}diteurs"), "Éditeurs");
        assert_eq!(one_line("\u{200B}\u{AD}"), "");
        assert_eq!(one_line("Ana Lima\u{200B}\u{200B}"), "Ana Lima");
        assert_eq!(one_line("\u{FEFF}Ana \u{200D} Lima"), "Ana Lima");
        // A joiner inside an emoji stays.
        assert_eq!(one_line("👩\u{200D}💻 Dev"), "👩\u{200D}💻 Dev");
        assert_eq!(one_line("❤\u{FE0F}"), "❤\u{FE0F}");
    }

    #[test]
    fn keys_ignore_case_and_form_but_not_accents() {
        assert_eq!(key("Éditeurs"), key("éditeurs"));
        assert_eq!(key("E\u{301}DITEURS"), key("éditeurs"));
        assert_eq!(key("Straße"), key("STRASSE"));
        assert_eq!(key("ΟΔΟΣ"), key("οδος"));
        assert_ne!(key("Lucía"), key("Lucia"));
        assert_eq!(key("ＡＢＣ"), key("abc"), "full-width letters");
        assert_eq!(key("Ana\u{200B}"), key("ana"));
        assert_eq!(key("İstanbul"), key("istanbul"), "the capital dotted I");
        assert_eq!(key("İSTANBUL"), key("istanbul"));
    }

    #[test]
    fn fold_ignores_accents_in_every_form() {
        assert_eq!(fold("Lucía"), "lucia");
        assert_eq!(fold("Luci\u{301}a"), "lucia");
        assert_eq!(fold("José Núñez"), "jose nunez");
        assert_eq!(fold("山田 花子"), "山田 花子");
        assert_eq!(fold("Zoë"), fold("ZOE"));
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(20 * 1024), "20 KB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
