//! Fuzzy search over contacts, as you type.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The positions in `items` (id and searchable text) of the best `limit`
/// matches of `query`, best first. An empty query matches nothing.
pub fn search(items: &[(i64, String)], query: &str, limit: usize) -> Vec<usize> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, (_, text))| {
            pattern
                .score(Utf32Str::new(text, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    // Best score first; among equals, the earlier item (items come by name).
    let by_rank = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if scored.len() > limit {
        scored.select_nth_unstable_by(limit, by_rank);
        scored.truncate(limit);
    }
    scored.sort_unstable_by(by_rank);
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<(i64, String)> {
        vec![
            (1, "Ana Lima · Print Co · Printers · met at the fair".into()),
            (2, "Bo Chen · Chen & Co · Accountants · ".into()),
            (3, "Zoë Adams · · Bankers · knows Ana".into()),
            (4, "山田 太郎 · 東京会計 · 会計士 · ".into()),
        ]
    }

    #[test]
    fn finds_by_name_company_category_and_notes() {
        let items = items();
        let search = |items: &[(i64, String)], q: &str, n: usize| -> Vec<i64> {
            search(items, q, n)
                .into_iter()
                .map(|i| items[i].0)
                .collect()
        };
        assert_eq!(search(&items, "bo chen", 10).first(), Some(&2));
        assert_eq!(search(&items, "printco", 10).first(), Some(&1));
        assert_eq!(search(&items, "bankers", 10), vec![3]);
        assert_eq!(search(&items, "fair", 10), vec![1]);
        assert_eq!(search(&items, "会計", 10), vec![4]);
        assert_eq!(search(&items, "zoe", 10), vec![3], "accents are folded");
    }

    #[test]
    fn empty_queries_match_nothing_and_limits_hold() {
        let items = items();
        assert!(search(&items, "  ", 10).is_empty());
        assert_eq!(search(&items, "a", 2).len(), 2);
        assert!(search(&items, "qqqq", 10).is_empty());
    }
}
