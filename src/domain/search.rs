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
mod tests {
    use super::*;

    fn index() -> Index {
        Index::new(vec![
            (1, "Ana Lima · Print Co · Printers · met at the fair".into()),
            (2, "Bo Chen · Chen & Co · Accountants".into()),
            (3, "Zoë Adams · Bankers · knows Ana".into()),
            (4, "山田 太郎 · 東京会計 · 会計士".into()),
        ])
    }

    fn ids(index: &mut Index, q: &str, n: usize) -> Vec<i64> {
        index.search(q, n)
    }

    #[test]
    fn a_match_is_marked_whole_when_its_text_holds_every_word() {
        let mut index = index();
        assert_eq!(index.search_marked("print co", 10), vec![(1, true)]);
        assert_eq!(
            index.search_marked("printco", 10),
            vec![(1, false)],
            "letters only"
        );
        assert_eq!(index.search_marked("zoe", 10), vec![(3, true)], "folded");
    }

    #[test]
    fn holding_wants_every_word_whole_in_any_order() {
        let mut notes = Index::default();
        notes.push(7, &["Lunch at Café Zoë;  asked about\ther clients"]);
        notes.push(8, &["coffee downtown"]);
        notes.push(9, &["called about lunch"]);
        assert_eq!(notes.holding("lunch", 10), vec![7, 9], "in the order given");
        assert_eq!(notes.holding("lunch", 1), vec![7]);
        assert_eq!(
            notes.holding("CLIENTS cafe", 10),
            vec![7],
            "any order, folded"
        );
        assert_eq!(notes.holding("zoë", 10), vec![7]);
        assert_eq!(
            notes.holding("about her", 10),
            vec![7],
            "white space made one"
        );
        assert!(
            notes.holding("lnch", 10).is_empty(),
            "not letters far apart"
        );
        assert!(notes.holding("lunch tea", 10).is_empty(), "every word");
        assert!(notes.holding("  ", 10).is_empty());
        notes.remove(7);
        assert_eq!(
            notes.holding("lunch", 10),
            vec![9],
            "what is gone is not found"
        );
    }

    #[test]
    fn finds_by_name_company_category_and_notes() {
        let mut index = index();
        assert_eq!(ids(&mut index, "bo chen", 10).first(), Some(&2));
        assert_eq!(ids(&mut index, "printco", 10).first(), Some(&1));
        assert_eq!(ids(&mut index, "bankers", 10), vec![3]);
        assert_eq!(ids(&mut index, "fair", 10), vec![1]);
        assert_eq!(ids(&mut index, "会計", 10), vec![4]);
        assert_eq!(ids(&mut index, "zoe", 10), vec![3], "accents are folded");
        assert_eq!(ids(&mut index, "zoë", 10), vec![3], "in the query too");
        assert_eq!(ids(&mut index, "Zoe\u{308}", 10), vec![3], "however typed");
    }

    proptest::proptest! {
        /// Folding Latin letters one at a time from the table gives what
        /// folding the whole text gives.
        #[test]
        fn latin_letters_fold_as_the_whole_text_does(
            text in proptest::collection::vec(
                proptest::prop_oneof![0x20u32..0x7f, LATIN_FIRST..=LATIN_LAST],
                0..12,
            )
        ) {
            let text: String = text.into_iter().filter_map(char::from_u32).collect();
            proptest::prop_assert_eq!(fold(&text), fold_slowly(&text));
        }
    }

    #[test]
    fn every_latin_letter_folds_as_it_does_alone_in_a_word() {
        for u in LATIN_FIRST..=LATIN_LAST {
            let c = char::from_u32(u).expect("char");
            let word = format!("A{c}b");
            assert_eq!(fold(&word), fold_slowly(&word), "{c:?}");
        }
        assert_eq!(fold("Zoë Núñez"), "zoe nunez");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn might_match_is_the_quick_check_on_the_parts() {
        let words = |q: &str| plain_words(q);
        let parts = ["Zoë Adams", "Print Co", "", "Lyon"];
        for (q, expected) in [
            ("zoe", true),
            ("ZOË", true),
            ("zadams", true),
            ("adamsprint", true),
            ("lyonzoe", false),
            ("zoe lyon", true),
            ("zoe x", false),
            ("東京", false),
            ("!zoe", true),
        ] {
            assert_eq!(might_match(&words(q), &parts), expected, "{q:?}");
            let mut index = Index::default();
            index.push(1, &parts);
            let found = !index.search(q, 1).is_empty();
            assert!(!found || expected, "{q:?}: found but not a candidate");
        }
        assert!(might_match(&words("東京"), &["山田 · 東京会計"]));
    }

    #[test]
    fn accents_are_ignored_both_ways() {
        let mut index = Index::new(vec![
            (1, "Lucía Pérez".into()),
            (2, "Lucia Perez".into()),
            (3, "Luci\u{301}a Decomposed".into()),
        ]);
        let mut found = ids(&mut index, "Lucia", 10);
        found.sort_unstable();
        assert_eq!(found, vec![1, 2, 3]);
        let mut found = ids(&mut index, "lucía", 10);
        found.sort_unstable();
        assert_eq!(found, vec![1, 2, 3]);
    }

    #[test]
    fn narrowing_finds_exactly_what_a_fresh_search_finds() {
        let mut typing = index();
        for q in ["a", "an", "ana", "anal", "a", "b", "bo", "bo c", "bo ch"] {
            let fresh = ids(&mut index(), q, 10);
            assert_eq!(ids(&mut typing, q, 10), fresh, "{q:?}");
        }
        assert_eq!(ids(&mut typing, "anal", 10), vec![1]);
    }

    #[test]
    fn the_quick_check_never_drops_a_fuzzy_match() {
        let texts = [
            "Zoë Adams · Bankers",
            "山田 太郎 · 東京会計",
            "José Núñez · Abogados",
            "ÅSA Ökvist",
        ];
        for q in [
            "zoe",
            "ZOË",
            "adm",
            "東京",
            "jose nunez",
            "nunez jose",
            "asa ok",
            "x",
        ] {
            let words: Vec<_> = q.split_whitespace().map(fold).collect();
            for t in texts {
                let mut m = Matcher::new(Config::DEFAULT);
                let pattern = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
                let mut buf = Vec::new();
                if pattern.score(Utf32Str::new(t, &mut buf), &mut m).is_some() {
                    assert!(
                        words.iter().all(|w| in_order(w, &fold(t))),
                        "{q:?} in {t:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_lists_search_the_same_on_two_threads() {
        let items: Vec<(i64, String)> = (0..30_000)
            .map(|i| {
                (
                    i,
                    format!("Person {i} · Company {} · Notes {}", i % 97, i % 13),
                )
            })
            .collect();
        let mut index = Index::new(items);
        assert_eq!(index.search("person 2999", 5).first(), Some(&2999));
    }

    #[test]
    fn empty_queries_match_nothing_and_limits_hold() {
        let mut index = index();
        assert!(index.search("  ", 10).is_empty());
        assert_eq!(index.search("a", 2).len(), 2);
        assert!(index.search("qqqq", 10).is_empty());
    }
}
