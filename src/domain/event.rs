//! Events a client can bring a friend to, and groups of referral sources.

use chrono::NaiveDate;

use super::text::one_line;

/// What a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GroupKind {
    #[default]
    Networking,
    Association,
    Chamber,
    Club,
}

impl GroupKind {
    pub const ALL: [GroupKind; 4] = [
        GroupKind::Networking,
        GroupKind::Association,
        GroupKind::Chamber,
        GroupKind::Club,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Networking => "networking",
            GroupKind::Association => "association",
            GroupKind::Chamber => "chamber",
            GroupKind::Club => "club",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            GroupKind::Networking => "networking group",
            GroupKind::Association => "association",
            GroupKind::Chamber => "chamber",
            GroupKind::Club => "club",
        }
    }

    /// A kind by name or a unique start of one ("net", "assoc"); empty is
    /// a networking group.
    pub fn parse(text: &str) -> Result<GroupKind, String> {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return Ok(GroupKind::default());
        }
        let found: Vec<GroupKind> = GroupKind::ALL
            .into_iter()
            .filter(|k| k.as_str().starts_with(&t) || k.label() == t)
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(format!(
                "{text:?} is not a kind of group: use networking, association, chamber or club"
            )),
        }
    }
}

/// A group whose members serve the same clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub kind: GroupKind,
    /// When it meets, in the user's words ("first Tuesday, 7:30").
    pub meets: String,
    pub members: u32,
}

/// An event, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub title: String,
    pub on: NaiveDate,
    pub place: String,
    /// What it offers, in a line.
    pub offers: String,
    /// The group whose meeting it is, if one.
    pub group: Option<(i64, String)>,
    pub invited: u32,
    /// Who said they are coming (before the day).
    pub coming: u32,
    pub came: u32,
    /// Guests brought by someone who came.
    pub brought: u32,
}

/// Someone on an event's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub contact_id: i64,
    pub name: String,
    pub invited: bool,
    /// They said they are coming (before the day).
    pub coming: bool,
    pub came: bool,
    /// Who brought them, for a guest brought.
    pub brought_by: Option<String>,
    /// Whether they are a client.
    pub client: bool,
}

/// An event not saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub title: String,
    pub on: NaiveDate,
    pub place: String,
    pub offers: String,
}

impl EventDraft {
    /// A draft, its text made one clean line; an empty title is refused.
    pub fn new(title: &str, on: NaiveDate, place: &str, offers: &str) -> Result<Self, String> {
        let title = one_line(title);
        if title.is_empty() {
            return Err("An event needs a title, e.g. \"Open house: tax questions\".".into());
        }
        if title.chars().count() > MAX_TITLE {
            return Err(format!(
                "Keep the title under {MAX_TITLE} characters; say more in what it offers."
            ));
        }
        for (what, text) in [("place", place), ("what it offers", offers)] {
            if one_line(text).chars().count() > MAX_ABOUT {
                return Err(format!("Keep {what} under {MAX_ABOUT} characters."));
            }
        }
        Ok(EventDraft {
            title,
            on,
            place: one_line(place),
            offers: one_line(offers),
        })
    }
}

/// The longest title of an event, or name of a group, in characters.
pub const MAX_TITLE: usize = 120;

/// The longest place, offer or meeting time, in characters.
pub const MAX_ABOUT: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_has_a_length_and_so_does_what_goes_with_it() {
        let on = crate::domain::parse_date("2026-12-03").expect("date");
        assert!(EventDraft::new(&"x".repeat(MAX_TITLE), on, "", "").is_ok());
        let long = EventDraft::new(&"x".repeat(MAX_TITLE + 1), on, "", "").expect_err("long");
        assert!(long.contains("under 120"), "{long}");
        assert!(EventDraft::new("Talk", on, &"p".repeat(MAX_ABOUT + 1), "").is_err());
        assert!(EventDraft::new("Talk", on, "", &"o".repeat(MAX_ABOUT + 1)).is_err());
    }

    #[test]
    fn kinds_read_by_name_or_a_unique_start() {
        assert_eq!(GroupKind::parse("assoc"), Ok(GroupKind::Association));
        assert_eq!(GroupKind::parse("Chamber"), Ok(GroupKind::Chamber));
        assert_eq!(GroupKind::parse(""), Ok(GroupKind::Networking));
        assert!(GroupKind::parse("c").is_err(), "chamber or club");
        assert!(GroupKind::parse("guild").is_err());
    }

    #[test]
    fn a_draft_needs_a_title_and_keeps_one_line() {
        let on = crate::domain::parse_date("2026-12-03").expect("date");
        assert!(EventDraft::new(" \t", on, "", "").is_err());
        let d = EventDraft::new("Open\nhouse\u{7}", on, "Café Lumière", "").expect("draft");
        assert_eq!(d.title, "Open house");
    }
}
