//! Suggested most-wanted categories for a profession, each with a line of
//! why, recognised from the words the user gave for their work.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::text::fold;

const SUGGESTIONS_TOML: &str = include_str!("../../assets/suggestions.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Profession {
    pub name: String,
    /// The names a user may give the profession.
    #[serde(rename = "match")]
    pub names: Vec<String>,
    pub categories: Vec<String>,
}

/// Every profession known, and why each category is worth courting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Suggestions {
    #[serde(rename = "profession")]
    pub professions: Vec<Profession>,
    pub why: BTreeMap<String, String>,
}

/// One category suggested, with its line of why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    pub name: String,
    pub why: String,
}

/// The suggestions shipped inside the binary.
pub fn builtin() -> Result<Suggestions, String> {
    toml::from_str(SUGGESTIONS_TOML)
        .map_err(|e| format!("the suggestions file does not parse: {e}"))
}

/// The words of `text`, folded (case and accents), a plural `s` dropped.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => w.to_owned(),
        })
        .collect()
}

/// Whether every word of `name` is among `typed`.
fn all_in(name: &[String], typed: &[String]) -> bool {
    !name.is_empty() && name.iter().all(|w| typed.contains(w))
}

impl Suggestions {
    /// The profession the user's words name: one of its names has all its
    /// words in what was typed, the longest such name wins (so "wedding
    /// planner" is not "financial planner"), and on a tie the profession
    /// listed first. `None` when no name fits.
    pub fn for_profession(&self, typed: &str) -> Option<&Profession> {
        let typed = words(typed);
        self.professions
            .iter()
            .filter_map(|p| {
                let best = p
                    .names
                    .iter()
                    .map(|n| words(n))
                    .filter(|n| all_in(n, &typed))
                    .map(|n| n.len())
                    .max()?;
                Some((best, p))
            })
            .rev()
            .max_by_key(|(len, _)| *len)
            .map(|(_, p)| p)
    }

    /// The profession named exactly `name`, as listed.
    pub fn named(&self, name: &str) -> Option<&Profession> {
        self.professions.iter().find(|p| p.name == name)
    }

    /// The categories suggested to a user of `profession` who described
    /// their work as `typed`, with why; never their own trade: a category
    /// whose words are all in what they typed, or that holds every word
    /// of the profession's name they used.
    pub fn categories(&self, profession: &Profession, typed: &str) -> Vec<Suggested> {
        let typed = words(typed);
        let own: Vec<Vec<String>> = profession
            .names
            .iter()
            .map(|n| words(n))
            .filter(|n| all_in(n, &typed))
            .collect();
        profession
            .categories
            .iter()
            .filter(|c| {
                let cw = words(c);
                !all_in(&cw, &typed) && !own.iter().any(|n| all_in(n, &cw))
            })
            .map(|c| Suggested {
                name: c.clone(),
                why: self.why.get(c).cloned().unwrap_or_default(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Suggestions {
        builtin().expect("suggestions parse")
    }

    #[test]
    fn thirty_professions_with_ten_categories_each_and_a_why_for_every_one() {
        let all = all();
        assert!(all.professions.len() >= 30, "{}", all.professions.len());
        for p in &all.professions {
            let shown = all.categories(p, &p.names[0]);
            assert!(shown.len() >= 10, "{} has {}", p.name, shown.len());
            let mut seen = std::collections::HashSet::new();
            for c in &p.categories {
                assert!(seen.insert(c.to_lowercase()), "{} repeats {c}", p.name);
                let why = all.why.get(c).map_or("", String::as_str);
                assert!(
                    (20..=62).contains(&why.chars().count()),
                    "{c}: a line of why, not {why:?}"
                );
            }
        }
        for c in all.why.keys() {
            assert!(
                all.professions.iter().any(|p| p.categories.contains(c)),
                "{c} is suggested to nobody"
            );
        }
    }

    #[test]
    fn the_graphic_designer_example_from_the_method() {
        let all = all();
        let p = all
            .for_profession("Graphic designer for small start-ups")
            .expect("found");
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

    /// The whole profession is matched, not one of its words.
    #[test]
    fn professions_are_recognised_whole() {
        let all = all();
        let name = |t: &str| all.for_profession(t).map(|p| p.name.as_str());
        for (typed, expected) in [
            ("estate planning lawyer", "Estate planning attorney"),
            ("Realtor", "Real estate agent"),
            ("CPA", "Bookkeeper or accountant"),
            ("executive coach", "Business coach"),
            ("wedding planner", "Wedding or event planner"),
            ("financial planner", "Financial planner"),
            ("tax attorney", "Attorney for small businesses"),
            ("tax preparer", "Bookkeeper or accountant"),
            ("mortgage broker", "Mortgage broker"),
            ("real estate broker", "Real estate agent"),
            ("dentist", "Dentist"),
            ("Personal trainer", "Personal trainer"),
            ("IT consultant", "IT consultant"),
            ("HR consultant", "HR consultant"),
            ("interior designer", "Interior designer"),
            ("web designer", "Web developer"),
            ("Fitness coach", "Personal trainer"),
            ("life coach", "Life coach"),
            ("PHYSIOTHERAPIST", "Chiropractor or physiotherapist"),
            ("physiotherapists", "Chiropractor or physiotherapist"),
        ] {
            assert_eq!(name(typed), Some(expected), "{typed}");
        }
        for nothing in ["beekeeper", "", "planner", "broker", "property developer"] {
            assert_eq!(name(nothing), None, "{nothing}");
        }
    }

    #[test]
    fn a_users_own_trade_is_never_suggested() {
        let all = all();
        for typed in [
            "mortgage broker",
            "estate planning attorney",
            "financial planner",
            "real estate agent",
            "personal trainer",
            "wedding planner",
            "photographer",
        ] {
            let p = all.for_profession(typed).expect(typed);
            let shown = all.categories(p, typed);
            let own = words(typed);
            assert!(
                !shown.iter().any(|s| all_in(&own, &words(&s.name))),
                "{typed} is told to court their own trade: {shown:?}"
            );
        }
        // Across every profession, by each of its names.
        for p in &all.professions {
            for n in &p.names {
                for s in all.categories(p, n) {
                    assert!(!all_in(&words(n), &words(&s.name)), "{n}: {}", s.name);
                }
            }
        }
    }
}
