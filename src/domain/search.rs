//! Fuzzy search over contacts, as you type.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

/// Texts to search, prepared once; each keystroke that extends the last
/// query searches only what matched before.
pub struct Index {
    items: Vec<(i64, String)>,
    haystacks: Vec<Utf32String>,
    matcher: Matcher,
    /// The last query and every item that matched it.
    last: Option<(String, Vec<usize>)>,
}

impl Index {
    /// An index of `items`: an id and the text to search for it.
    pub fn new(items: Vec<(i64, String)>) -> Self {
        let haystacks = items
            .iter()
            .map(|(_, text)| Utf32String::from(text.as_str()))
            .collect();
        Index {
            items,
            haystacks,
            matcher: Matcher::new(Config::DEFAULT),
            last: None,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every item: id and text, in the order given.
    pub fn items(&self) -> &[(i64, String)] {
        &self.items
    }

    /// The id and text of item `i`.
    pub fn get(&self, i: usize) -> Option<&(i64, String)> {
        self.items.get(i)
    }

    /// The positions of the best `limit` matches of `query`, best first.
    /// An empty query matches nothing.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<usize> {
        if query.trim().is_empty() {
            self.last = None;
            return Vec::new();
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        // Adding plain letters to a query can only remove matches.
        let narrowing = self.last.as_ref().is_some_and(|(q, _)| {
            query.starts_with(q.as_str()) && !query.contains(['!', '^', '$', '\'', '\\', ' '])
        });
        let candidates: Box<dyn Iterator<Item = usize>> = match (&self.last, narrowing) {
            (Some((_, previous)), true) => Box::new(previous.clone().into_iter()),
            _ => Box::new(0..self.items.len()),
        };
        let mut scored: Vec<(u32, usize)> = candidates
            .filter_map(|i| {
                pattern
                    .score(self.haystacks[i].slice(..), &mut self.matcher)
                    .map(|s| (s, i))
            })
            .collect();
        self.last = Some((query.to_owned(), scored.iter().map(|&(_, i)| i).collect()));
        // Best score first; among equals, the earlier item (items come by name).
        let by_rank = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            scored.select_nth_unstable_by(limit, by_rank);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by_rank);
        scored.into_iter().map(|(_, i)| i).collect()
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
        index
            .search(q, n)
            .into_iter()
            .filter_map(|i| index.get(i).map(|x| x.0))
            .collect()
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
    fn empty_queries_match_nothing_and_limits_hold() {
        let mut index = index();
        assert!(index.search("  ", 10).is_empty());
        assert_eq!(index.search("a", 2).len(), 2);
        assert!(index.search("qqqq", 10).is_empty());
    }
}
