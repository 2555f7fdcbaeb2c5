//! Suggested most-wanted categories for a profession.

use serde::Deserialize;

const SUGGESTIONS_TOML: &str = include_str!("../../assets/suggestions.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Profession {
    pub name: String,
    /// Words that pick this profession out of what the user typed.
    #[serde(rename = "match")]
    pub words: Vec<String>,
    pub categories: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    profession: Vec<Profession>,
}

/// The suggestions shipped inside the binary.
pub fn builtin() -> Result<Vec<Profession>, String> {
    let file: File = toml::from_str(SUGGESTIONS_TOML)
        .map_err(|e| format!("the suggestions file does not parse: {e}"))?;
    Ok(file.profession)
}

/// The profession whose words best fit what the user called their work.
/// Whole words count more than parts; no fit at all gives `None`.
pub fn for_profession<'a>(all: &'a [Profession], typed: &str) -> Option<&'a Profession> {
    let typed = typed.to_lowercase();
    let words: Vec<&str> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let score = |p: &Profession| -> usize {
        p.words
            .iter()
            .map(|w| {
                if words.iter().any(|t| t == w) || (w.contains(' ') && typed.contains(w.as_str())) {
                    3
                } else if words
                    .iter()
                    .any(|t| t.len() >= 4 && (t.starts_with(w.as_str()) || w.starts_with(t)))
                {
                    1
                } else {
                    0
                }
            })
            .sum()
    };
    all.iter()
        .map(|p| (score(p), p))
        .filter(|(s, _)| *s > 0)
        .max_by_key(|(s, _)| *s)
        .map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_twelve_professions_with_ten_categories_each() {
        let all = builtin().expect("suggestions parse");
        assert!(all.len() >= 12, "{}", all.len());
        for p in &all {
            assert!(
                p.categories.len() >= 10,
                "{} has {}",
                p.name,
                p.categories.len()
            );
            let mut seen = std::collections::HashSet::new();
            for c in &p.categories {
                assert!(seen.insert(c.to_lowercase()), "{} repeats {c}", p.name);
            }
        }
    }

    #[test]
    fn the_graphic_designer_example_from_the_method() {
        let all = builtin().expect("suggestions parse");
        let p = for_profession(&all, "Graphic designer for small start-ups").expect("found");
        for c in [
            "Accountants",
            "Attorneys",
            "Bankers",
            "Business coaches and consultants",
            "Career counselors",
            "Entrepreneurship center staff",
            "Office supply vendors",
            "Printers",
            "Secretarial services",
        ] {
            assert!(p.categories.iter().any(|x| x == c), "missing {c}");
        }
    }

    #[test]
    fn professions_are_recognised_from_plain_words() {
        let all = builtin().expect("suggestions parse");
        let name = |t: &str| for_profession(&all, t).map(|p| p.name.as_str());
        assert_eq!(
            name("estate planning lawyer"),
            Some("Estate planning attorney")
        );
        assert_eq!(name("Realtor"), Some("Real estate agent"));
        assert_eq!(name("CPA"), Some("Bookkeeper or accountant"));
        assert_eq!(name("executive coach"), Some("Business coach"));
        assert_eq!(name("beekeeper"), None);
        assert_eq!(name(""), None);
    }
}
