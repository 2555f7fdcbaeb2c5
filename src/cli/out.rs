//! What the command line prints: buffered, harmless to the terminal it
//! lands on, and quiet when the reader goes away (`| head`).

use std::borrow::Cow;
use std::io::{self, BufWriter, Stdout, Write};

use serde::Serialize;

/// Standard output, buffered: one write for many lines. The first write
/// that fails is kept, so that the command can say it plainly.
pub struct Out {
    w: BufWriter<Stdout>,
    failed: Option<(io::ErrorKind, String)>,
}

impl Default for Out {
    fn default() -> Self {
        Out {
            w: BufWriter::with_capacity(64 * 1024, io::stdout()),
            failed: None,
        }
    }
}

impl Out {
    /// Write `bytes`, keeping the first failure.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        let r = self.w.write_all(bytes);
        if let Err(e) = &r
            && self.failed.is_none()
        {
            self.failed = Some((e.kind(), e.to_string()));
        }
        r
    }

    /// One line of plain text; control characters in it are shown, not sent.
    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        self.put(plain(text.as_ref()).as_bytes())?;
        self.put(b"\n")
    }

    /// Text of several lines as it is; control characters other than line
    /// breaks and tabs are shown, not sent.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.put(plain(text).as_bytes())
    }

    /// Text already made harmless with `plain`, as it is.
    pub fn plain(&mut self, text: &str) -> io::Result<()> {
        self.put(text.as_bytes())
    }

    /// `value` as indented JSON on a line of its own.
    pub fn json<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        self.put(json_safe(&text).as_bytes())?;
        self.put(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        let r = self.w.flush();
        if let Err(e) = &r
            && self.failed.is_none()
        {
            self.failed = Some((e.kind(), e.to_string()));
        }
        r
    }

    /// The first write to standard output that failed, if one did.
    pub fn failed(&self) -> Option<io::Error> {
        self.failed
            .as_ref()
            .map(|(kind, said)| io::Error::new(*kind, said.clone()))
    }
}

/// `text` with every control character but line breaks and tabs replaced by
/// a visible stand-in, so a stored name can never move the cursor, retitle
/// the window or clear the screen: C0 controls become their Unicode
/// pictures (ESC shows as ␛), DEL shows as ␡ and the C1 controls as �.
pub fn plain(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !is_hostile(c) => c,
                '\u{7f}' => '\u{2421}',
                c if crate::domain::text::is_bidi_control(c) => '\u{fffd}',
                c if u32::from(c) < 0x20 => {
                    char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')
                }
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || crate::domain::text::is_bidi_control(c)
}

/// JSON text with DEL and the C1 controls escaped too (serde_json escapes
/// only those below U+0020); they can only occur inside strings, where an
/// escape means the same character.
fn json_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(plain("Ana Lima"), "Ana Lima");
        assert_eq!(
            plain("Ana\u{1b}]0;owned\u{7}\u{7f}\u{9b}2J\tok\n"),
            "Ana\u{241b}]0;owned\u{2407}\u{2421}\u{fffd}2J\tok\n"
        );
        assert_eq!(plain("Zoë 東京 🌸"), "Zoë 東京 🌸");
        assert_eq!(plain("Bo Ch\u{202E}NE"), "Bo Ch\u{fffd}NE", "no override");
    }

    #[test]
    fn json_escapes_every_control_character() {
        let text = serde_json::to_string("a\u{1b}b\u{9b}c\u{7f}").expect("json");
        let safe = json_safe(&text);
        assert!(!safe.chars().any(char::is_control), "{safe}");
        let back: String = serde_json::from_str(&safe).expect("still json");
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{7f}");
    }
}
