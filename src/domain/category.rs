//! Categories of the most-wanted list.

use super::text::one_line;

/// How many categories the most-wanted list aims for.
pub const GOAL: usize = 10;

/// Partners wanted per category unless the user says otherwise.
pub const DEFAULT_TARGET: u32 = 3;

/// The most partners one category can aim for: the whole list.
pub const MAX_TARGET: u32 = 25;

/// The longest name accepted, in characters.
pub const MAX_NAME: usize = 80;

/// A category as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub why: String,
    pub target: u32,
    /// Partners found: contacts in this category on the 25 list.
    pub partners: u32,
    /// Contacts in this category.
    pub contacts: u32,
    /// Contacts met in person or on a call (stage met or partner).
    pub met: u32,
    /// Contacts marked as one of "my 25".
    pub on_list: u32,
}

impl Category {
    /// Count `n` more contacts at `stage`, on the 25 list or not; a
    /// negative `n` counts them out. A partner is counted by the one rule,
    /// `contact::is_partner`.
    pub fn tally(&mut self, stage: super::Stage, on_list: bool, n: i64) {
        let add = |count: &mut u32| {
            *count = u32::try_from((i64::from(*count) + n).max(0)).unwrap_or(u32::MAX);
        };
        add(&mut self.contacts);
        if on_list {
            add(&mut self.on_list);
        }
        if super::contact::is_partner(stage, on_list) {
            add(&mut self.partners);
        }
        if stage >= super::Stage::Met {
            add(&mut self.met);
        }
    }
}

/// A category not saved yet, or the edited fields of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryDraft {
    pub name: String,
    pub why: String,
    pub target: u32,
}

/// Which field of a draft a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryField {
    Name,
    Why,
    Target,
}

impl CategoryDraft {
    /// Build a draft from what was typed, or say what is wrong and where.
    pub fn parse(name: &str, why: &str, target: &str) -> Result<Self, (CategoryField, String)> {
        let name = one_line(name);
        if name.is_empty() {
            return Err((CategoryField::Name, "A category needs a name.".into()));
        }
        if name.chars().count() > MAX_NAME {
            return Err((
                CategoryField::Name,
                format!("Keep the name under {MAX_NAME} characters."),
            ));
        }
        let target = target.trim();
        let target = if target.is_empty() {
            DEFAULT_TARGET
        } else {
            match target.parse::<u32>() {
                Ok(n) if (1..=MAX_TARGET).contains(&n) => n,
                _ => {
                    return Err((
                        CategoryField::Target,
                        format!("The target is a number of partners from 1 to {MAX_TARGET}."),
                    ));
                }
            }
        };
        Ok(CategoryDraft {
            name,
            why: one_line(why),
            target,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_needs_a_name_and_a_sane_target() {
        let d = CategoryDraft::parse("  Printers ", "they print\nfor start-ups", "").expect("ok");
        assert_eq!(d.name, "Printers");
        assert_eq!(d.why, "they print for start-ups");
        assert_eq!(d.target, DEFAULT_TARGET);
        assert_eq!(
            CategoryDraft::parse(" \t", "", "3").map_err(|e| e.0),
            Err(CategoryField::Name)
        );
        for bad in ["0", "26", "three", "-1"] {
            assert_eq!(
                CategoryDraft::parse("Bankers", "", bad).map_err(|e| e.0),
                Err(CategoryField::Target),
                "{bad}"
            );
        }
        assert_eq!(
            CategoryDraft::parse(&"x".repeat(81), "", "").map_err(|e| e.0),
            Err(CategoryField::Name)
        );
    }
}
