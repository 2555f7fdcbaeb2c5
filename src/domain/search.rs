//! Fuzzy search over contacts, as you type.

use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Lower case without accents, in any form they were typed: what is
/// searched, and what is searched for.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Most names are written in Latin letters: those fold one letter at a
    // time, from a table, the same as the whole text would.
    let table = latin();
    let latin = |c: char| {
        u32::from(c)
            .checked_sub(LATIN_FIRST)
            .and_then(|i| table.get(usize::try_from(i).ok()?))
    };
    if text.chars().all(|c| c.is_ascii() || latin(c).is_some()) {
        let mut folded = String::with_capacity(text.len());
        for c in text.chars() {
            match latin(c) {
                Some(f) => folded.push_str(f),
                None => folded.push(c.to_ascii_lowercase()),
            }
        }
        return folded;
    }
    fold_slowly(text)
}

fn fold_slowly(text: &str) -> String {
    super::text::fold(text)
        .chars()
        .map(|c| normalize(to_lower_case(c)))
        .collect()
}

/// The Latin letters with accents, À to ɏ, that `latin` folds from a table.
const LATIN_FIRST: u32 = 0xC0;
const LATIN_LAST: u32 = 0x24F;

/// How each of the Latin letters from `LATIN_FIRST` to `LATIN_LAST` folds.
fn latin() -> &'static [String] {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (LATIN_FIRST..=LATIN_LAST)
            .map(|u| char::from_u32(u).map_or_else(String::new, |c| fold_slowly(&c.to_string())))
            .collect()
    })
}

/// Whether `needle` appears in `hay` in order, gaps allowed: every fuzzy
/// match passes this, and most non-matches fail it cheaply.
fn in_order(needle: &str, hay: &str) -> bool {
    let mut rest = hay.chars();
    needle.chars().all(|n| rest.any(|h| h == n))
}

/// The words of `query` that a match holds in order, letter by letter
/// (gaps allowed), folded: the plain ones. Words with search syntax
/// (negation, anchors, exact) are left to the matcher.
pub fn plain_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .filter(|w| !w.contains(['!', '^', '$', '\'', '\\']))
        .map(fold)
        .collect()
}

/// Whether a text made of `parts` may match a query whose plain words are
/// `words` (see `plain_words`): each word's letters appear in it in order.
/// The same check a search makes first, on the parts as they are.
pub fn might_match(words: &[String], parts: &[&str]) -> bool {
    words.iter().all(|w| {
        if w.is_ascii() {
            // Byte by byte: the common case, and the quickest.
            let needle = w.as_bytes();
            let mut k = 0;
            for part in parts {
                if part.is_ascii() {
                    for b in part.bytes() {
                        if k < needle.len() && b.to_ascii_lowercase() == needle[k] {
                            k += 1;
                        }
                    }
                } else {
                    for h in fold(part).bytes() {
                        if k < needle.len() && h == needle[k] {
                            k += 1;
                        }
                    }
                }
                if k == needle.len() {
                    return true;
                }
            }
            return k == needle.len();
        }
        let mut needle = w.chars().peekable();
        for part in parts {
            for h in fold(part).chars() {
                needle.next_if_eq(&h);
            }
            if needle.peek().is_none() {
                return true;
            }
        }
        false
    })
}

/// Texts to search, prepared once and kept only in folded form (lower
/// case, no accents), one after another in one string to stay small; each
/// keystroke that extends the last query searches only what matched before.
#[derive(Default)]
pub struct Index {
    ids: Vec<i64>,
    /// Every item's folded text, one after another.
    text: String,
    /// Where each item's text ends in `text`.
    ends: Vec<usize>,
    /// Items replaced or removed since the index was made: never found.
    gone: Vec<bool>,
    /// How many items are gone.
    gone_count: usize,
    /// The last query and every item that matched it.
    last: Option<(String, Vec<usize>)>,
}

impl Index {
    /// An index of `items`: an id and the text to search for it.
    pub fn new(items: Vec<(i64, String)>) -> Self {
        let mut index = Index::default();
        for (id, text) in items {
            index.push(id, &[&text]);
        }
        index
    }

    /// Add an item whose text is `parts`, each with its runs of white space
    /// made one space, the empty ones left out, two spaces between them.
    pub fn push(&mut self, id: i64, parts: &[&str]) {
        let start = self.text.len();
        for part in parts {
            let before = self.text.len();
            if before > start {
                self.text.push_str("  ");
            }
            let words = self.text.len();
            let trimmed = part.trim_ascii();
            let plain_spaces =
                |t: &str| !t.contains("  ") && !t.contains(['\t', '\n', '\r', '\x0b', '\x0c']);
            if trimmed.is_ascii() && plain_spaces(trimmed) {
                // The common case, in one copy. Plain text stays ASCII,
                // which the matcher reads fastest.
                self.text.push_str(trimmed);
                self.text[words..].make_ascii_lowercase();
            } else if part.is_ascii() {
                let mut space = false;
                for b in part.bytes() {
                    if b.is_ascii_whitespace() {
                        space = self.text.len() > words;
                    } else {
                        if space {
                            self.text.push(' ');
                            space = false;
                        }
                        self.text.push(char::from(b.to_ascii_lowercase()));
                    }
                }
            } else {
                for (i, word) in part.split_whitespace().enumerate() {
                    if i > 0 {
                        self.text.push(' ');
                    }
                    self.text.push_str(&fold(word));
                }
            }
            if self.text.len() == words {
                // An empty part: no separator for it either.
                self.text.truncate(before);
            }
        }
        self.ids.push(id);
        self.ends.push(self.text.len());
        self.gone.push(false);
        self.last = None;
    }

    /// Put `parts` in the place of item `id`'s text, or add it.
    pub fn replace(&mut self, id: i64, parts: &[&str]) {
        self.remove(id);
        self.push(id, parts);
    }

    /// Take item `id` out: it is no longer found.
    pub fn remove(&mut self, id: i64) {
        for i in 0..self.ids.len() {
            if self.ids[i] == id && !self.gone[i] {
                self.gone[i] = true;
                self.gone_count += 1;
            }
        }
        self.last = None;
        if self.gone_count > 1024 && self.gone_count > self.ids.len() / 2 {
            self.compact();
        }
    }

    /// Drop what is gone, to keep the index small.
    fn compact(&mut self) {
        let old = std::mem::take(self);
        for i in 0..old.ids.len() {
            if !old.gone[i] {
                let text = old.item(i);
                self.text.push_str(text);
                self.ids.push(old.ids[i]);
                self.ends.push(self.text.len());
                self.gone.push(false);
            }
        }
    }

    /// The folded text of item `i`.
    fn item(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// How many items are found.
    pub fn len(&self) -> usize {
        self.ids.len() - self.gone_count
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ids of the first `limit` items, in the order given, whose text
    /// holds every word of `query` as it is written (accents and case
    /// ignored), in any order: for long texts such as notes, where letters
    /// far apart say nothing. An empty query matches nothing.
    pub fn holding(&self, query: &str, limit: usize) -> Vec<i64> {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return Vec::new();
        }
        (0..self.ids.len())
            .filter(|&i| !self.gone[i])
            .filter(|&i| {
                let text = self.item(i);
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .take(limit)
            .map(|i| self.ids[i])
            .collect()
    }

    /// The ids of the best `limit` matches of `query`, best first; among
    /// equals, the one given first. An empty query matches nothing.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<i64> {
        self.search_marked(query, limit)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// `search`, each id marked with whether its text holds every plain
    /// word of `query` whole (see `plain_words`), not only its letters in
    /// order: "chamber" in "the chamber breakfast", not in "Chloé Adams
    /// · Bankers".
    pub fn search_marked(&mut self, query: &str, limit: usize) -> Vec<(i64, bool)> {
        if query.trim().is_empty() {
            self.last = None;
            return Vec::new();
        }
        let folded = fold(query);
        let pattern = Pattern::parse(&folded, CaseMatching::Ignore, Normalization::Smart);
        // Adding plain letters to a query can only remove matches.
        let narrowing = self.last.as_ref().is_some_and(|(q, _)| {
            query.starts_with(q.as_str()) && !query.contains(['!', '^', '$', '\'', '\\', ' '])
        });
        let candidates: Vec<usize> = match (&self.last, narrowing) {
            (Some((_, previous)), true) => previous.clone(),
            _ => (0..self.ids.len()).filter(|&i| !self.gone[i]).collect(),
        };
        let words = plain_words(query);
        let score = |chunk: &[usize]| -> Vec<(u32, usize)> {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            chunk
                .iter()
                .filter(|&&i| words.iter().all(|w| in_order(w, self.item(i))))
                .filter_map(|&i| {
                    pattern
                        .score(Utf32Str::new(self.item(i), &mut buf), &mut matcher)
                        .map(|s| (s, i))
                })
                .collect()
        };
        // Two halves on two threads once the list is long enough to pay.
        let mut scored: Vec<(u32, usize)> = if candidates.len() < 20_000 {
            score(&candidates)
        } else {
            let (a, b) = candidates.split_at(candidates.len() / 2);
            std::thread::scope(|scope| {
                let other = scope.spawn(|| score(b));
                let mut first = score(a);
                first.extend(other.join().unwrap_or_default());
                first
            })
        };
        self.last = Some((query.to_owned(), scored.iter().map(|&(_, i)| i).collect()));
        // Best score first; among equals, by text (which starts with the
        // name), then the item added first.
        let by_rank = |a: &(u32, usize), b: &(u32, usize)| {
            b.0.cmp(&a.0)
                .then_with(|| self.item(a.1).cmp(self.item(b.1)))
                .then(a.1.cmp(&b.1))
        };
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, by_rank);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by_rank);
        scored
            .into_iter()
            .map(|(_, i)| {
                let item = self.item(i);
                (self.ids[i], words.iter().all(|w| item.contains(w.as_str())))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
