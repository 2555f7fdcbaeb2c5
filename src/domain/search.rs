//! Fuzzy search over contacts, as you type.

use nucleo_matcher::chars::{normalize, to_lower_case};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Lower case without accents, in any form they were typed: what is
/// searched, and what is searched for.
fn fold(text: &str) -> String {
    super::text::fold(text)
        .chars()
        .map(|c| normalize(to_lower_case(c)))
        .collect()
}

/// Whether `needle` appears in `hay` in order, gaps allowed: every fuzzy
/// match passes this, and most non-matches fail it cheaply.
fn in_order(needle: &str, hay: &str) -> bool {
    let mut rest = hay.chars();
    needle.chars().all(|n| rest.any(|h| h == n))
}

/// Texts to search, prepared once and kept only in folded form (lower
/// case, no accents) to stay small; each keystroke that extends the last
/// query searches only what matched before.
pub struct Index {
    ids: Vec<i64>,
    folded: Vec<String>,
    /// The last query and every item that matched it.
    last: Option<(String, Vec<usize>)>,
}

impl Index {
    /// An index of `items`: an id and the text to search for it.
    pub fn new(items: Vec<(i64, String)>) -> Self {
        let (ids, folded) = items
            .into_iter()
            .map(|(id, text)| (id, fold(&text)))
            .unzip();
        Index {
            ids,
            folded,
            last: None,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids of the best `limit` matches of `query`, best first; among
    /// equals, the one given first. An empty query matches nothing.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<i64> {
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
            _ => (0..self.ids.len()).collect(),
        };
        // Plain words must appear in order; words with search syntax
        // (negation, anchors, exact) are left to the matcher.
        let words: Vec<String> = query
            .split_whitespace()
            .filter(|w| !w.contains(['!', '^', '$', '\'', '\\']))
            .map(fold)
            .collect();
        let score = |chunk: &[usize]| -> Vec<(u32, usize)> {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            chunk
                .iter()
                .filter(|&&i| words.iter().all(|w| in_order(w, &self.folded[i])))
                .filter_map(|&i| {
                    pattern
                        .score(Utf32Str::new(&self.folded[i], &mut buf), &mut matcher)
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
        // Best score first; among equals, the earlier item (items come by name).
        let by_rank = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, by_rank);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by_rank);
        scored.into_iter().map(|(_, i)| self.ids[i]).collect()
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
