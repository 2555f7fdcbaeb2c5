//! Tests of fuzzy search: folding, matching and the kept index.

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
