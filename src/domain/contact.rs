//! Contacts: people in a category, their relationship stage and touches.

use chrono::{Days, NaiveDate};

use super::program::parse_date;
use super::text::one_line;

/// Follow up this many days after a touch unless the contact says otherwise.
pub const DEFAULT_CADENCE: u32 = 30;

/// How many partners the list is for.
pub const LIST_SIZE: u32 = 25;

/// Where a relationship stands, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    #[default]
    Identified,
    Contacted,
    Met,
    Partner,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Identified,
        Stage::Contacted,
        Stage::Met,
        Stage::Partner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Identified => "identified",
            Stage::Contacted => "contacted",
            Stage::Met => "met",
            Stage::Partner => "partner",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    pub fn next(self) -> Option<Stage> {
        Stage::ALL.into_iter().find(|&s| s > self)
    }

    pub fn previous(self) -> Option<Stage> {
        Stage::ALL.into_iter().rev().find(|&s| s < self)
    }
}

/// The one rule for who is on the 25 list, used by the header, the
/// categories' counts, the measured tasks, the command line and every
/// export: the people marked ★. A stage is a stage: someone at "partner"
/// is not on the list until marked (the star asks first for someone not
/// met yet).
pub fn is_partner(_stage: Stage, on_list: bool) -> bool {
    on_list
}

/// Which contacts the Contacts pane and `contact list` show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactView {
    /// The people of one category.
    Category(i64),
    All,
    /// Clients, whatever their category.
    Clients,
    /// People in no category who are not clients: imported, to be sorted.
    Unsorted,
}

/// The kinds of touch a contact can get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TouchKind {
    Call,
    Meeting,
    Email,
    Card,
    Event,
    Note,
}

impl TouchKind {
    pub const ALL: [TouchKind; 6] = [
        TouchKind::Call,
        TouchKind::Meeting,
        TouchKind::Email,
        TouchKind::Card,
        TouchKind::Event,
        TouchKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TouchKind::Call => "call",
            TouchKind::Meeting => "meeting",
            TouchKind::Email => "email",
            TouchKind::Card => "card",
            TouchKind::Event => "event",
            TouchKind::Note => "note",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            TouchKind::Email => "e-mail",
            other => other.as_str(),
        }
    }

    /// The label with its article: "a call", "an e-mail".
    pub fn a(self) -> String {
        let label = self.label();
        if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
            format!("an {label}")
        } else {
            format!("a {label}")
        }
    }

    /// A kind by name or unambiguous prefix ("c" is ambiguous, "ca" is a call).
    /// The stage a touch of this kind shows the relationship has reached:
    /// a meeting means you have met, any other contact means you have been
    /// in touch. A note is only a note.
    pub fn reaches(self) -> Option<Stage> {
        match self {
            TouchKind::Meeting => Some(Stage::Met),
            TouchKind::Note => None,
            _ => Some(Stage::Contacted),
        }
    }

    pub fn parse(text: &str) -> Result<TouchKind, String> {
        let t = text.trim().to_lowercase();
        let t = if t == "e-mail" { "email".into() } else { t };
        let found: Vec<_> = TouchKind::ALL
            .into_iter()
            .filter(|k| !t.is_empty() && k.as_str().starts_with(&t))
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            _ => Err(format!(
                "{text:?} is not a kind of touch: use call, meeting, email, card, event or note"
            )),
        }
    }
}

/// A touch with a contact: a call, a meeting, a card...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch {
    pub id: i64,
    pub contact_id: i64,
    pub kind: TouchKind,
    pub on: NaiveDate,
    pub note: String,
}

/// A contact as listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub category_id: Option<i64>,
    pub category: String,
    pub name: String,
    pub company: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub city: String,
    pub met_how: String,
    pub referred_by: Option<i64>,
    pub notes: String,
    pub stage: Stage,
    pub on_list: bool,
    pub cadence_days: u32,
    pub last_touch: Option<NaiveDate>,
    pub next_follow_up: Option<NaiveDate>,
    /// The day they became a client; none if they are not one.
    pub client_since: Option<NaiveDate>,
}

impl Contact {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.next_follow_up.is_some_and(|d| d < today)
    }
}

/// A contact as one row of a long list: only what the row shows, so that a
/// hundred thousand of them stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub id: i64,
    pub category_id: Option<i64>,
    pub name: String,
    pub company: String,
    pub stage: Stage,
    pub on_list: bool,
    pub last_touch: Option<NaiveDate>,
    pub next_follow_up: Option<NaiveDate>,
    pub client_since: Option<NaiveDate>,
}

impl ContactRow {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.next_follow_up.is_some_and(|d| d < today)
    }

    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.next_follow_up.is_some_and(|d| d <= today)
    }
}

impl From<&Contact> for ContactRow {
    fn from(c: &Contact) -> Self {
        ContactRow {
            id: c.id,
            category_id: c.category_id,
            name: c.name.clone(),
            company: c.company.clone(),
            stage: c.stage,
            on_list: c.on_list,
            last_touch: c.last_touch,
            next_follow_up: c.next_follow_up,
            client_since: c.client_since,
        }
    }
}

/// What a stored contact's form holds: to change some fields and keep
/// the rest.
impl From<&Contact> for ContactDraft {
    fn from(c: &Contact) -> Self {
        ContactDraft {
            name: c.name.clone(),
            company: c.company.clone(),
            role: c.role.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            city: c.city.clone(),
            met_how: c.met_how.clone(),
            referred_by: c.referred_by,
            notes: c.notes.clone(),
            cadence_days: c.cadence_days,
            next_follow_up: c.next_follow_up,
            client_since: c.client_since,
        }
    }
}

/// The fields of a contact form, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub name: String,
    pub company: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub city: String,
    pub met_how: String,
    pub referred_by: Option<i64>,
    pub notes: String,
    pub cadence_days: u32,
    pub next_follow_up: Option<NaiveDate>,
    pub client_since: Option<NaiveDate>,
}

/// The field a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Name,
    Company,
    Role,
    Email,
    Phone,
    City,
    MetHow,
    ReferredBy,
    Notes,
    Cadence,
    FollowUp,
    Category,
    ClientSince,
}

/// The longest name accepted, in characters.
pub const MAX_NAME: usize = 120;

impl ContactDraft {
    /// A draft with a name and the defaults.
    pub fn named(name: &str) -> Result<Self, (ContactField, String)> {
        let name = one_line(name);
        if name.is_empty() {
            return Err((ContactField::Name, "A contact needs a name.".into()));
        }
        if name.chars().count() > MAX_NAME {
            return Err((
                ContactField::Name,
                format!("Keep the name under {MAX_NAME} characters."),
            ));
        }
        Ok(ContactDraft {
            name,
            cadence_days: DEFAULT_CADENCE,
            ..ContactDraft::default()
        })
    }

    pub fn with_email(mut self, email: &str) -> Result<Self, (ContactField, String)> {
        self.email = check_email(email).map_err(|e| (ContactField::Email, e))?;
        Ok(self)
    }

    pub fn with_cadence(mut self, days: &str) -> Result<Self, (ContactField, String)> {
        let days = days.trim();
        if !days.is_empty() {
            self.cadence_days = match days.parse::<u32>() {
                Ok(n) if (1..=365).contains(&n) => n,
                _ => {
                    return Err((
                        ContactField::Cadence,
                        "Follow up every 1 to 365 days.".into(),
                    ));
                }
            };
        }
        Ok(self)
    }

    /// A client since the date typed; empty for not a client.
    pub fn with_client_since(mut self, date: &str) -> Result<Self, (ContactField, String)> {
        self.client_since = if date.trim().is_empty() {
            None
        } else {
            Some(parse_date(date).map_err(|e| (ContactField::ClientSince, e))?)
        };
        Ok(self)
    }

    pub fn with_follow_up(mut self, date: &str) -> Result<Self, (ContactField, String)> {
        self.next_follow_up = if date.trim().is_empty() {
            None
        } else {
            Some(parse_date(date).map_err(|e| (ContactField::FollowUp, e))?)
        };
        Ok(self)
    }
}

/// Check an e-mail address typed by the user: empty is fine (no address).
pub fn check_email(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let bad = || format!("{t:?} is not an e-mail address (like ana@example.com)");
    let (local, domain) = t.split_once('@').ok_or_else(bad)?;
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && t.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if ok { Ok(t.to_owned()) } else { Err(bad()) }
}

/// The next follow-up after a touch on `on`.
pub fn follow_up_after(on: NaiveDate, cadence_days: u32) -> NaiveDate {
    on.checked_add_days(Days::new(u64::from(cadence_days)))
        .unwrap_or(on)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_go_in_order() {
        assert_eq!(Stage::Identified.next(), Some(Stage::Contacted));
        assert_eq!(Stage::Partner.next(), None);
        assert_eq!(Stage::Met.previous(), Some(Stage::Contacted));
        assert_eq!(Stage::Identified.previous(), None);
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn touch_kinds_parse_by_name_or_prefix() {
        assert_eq!(TouchKind::parse("Meeting"), Ok(TouchKind::Meeting));
        assert_eq!(TouchKind::parse("car"), Ok(TouchKind::Card));
        assert!(TouchKind::parse("ca").is_err(), "call or card");
        assert_eq!(TouchKind::parse("e-mail"), Ok(TouchKind::Email));
        assert!(TouchKind::parse("c").is_err(), "call or card");
        assert!(TouchKind::parse("fax").is_err());
        assert!(TouchKind::parse("").is_err());
    }

    #[test]
    fn email_addresses_are_checked() {
        assert_eq!(
            check_email(" ana@example.com "),
            Ok("ana@example.com".into())
        );
        assert_eq!(check_email(""), Ok(String::new()));
        assert_eq!(check_email("josé@café.fr"), Ok("josé@café.fr".into()));
        for bad in [
            "ana",
            "ana@",
            "@x.com",
            "ana@x",
            "a b@x.com",
            "a@@x.com",
            "a@x..com",
            "a@.x.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn drafts_refuse_empty_names_bad_cadence_and_bad_dates() {
        assert_eq!(
            ContactDraft::named(" \n").map_err(|e| e.0),
            Err(ContactField::Name)
        );
        let d = ContactDraft::named("Ana  Lima").expect("named");
        assert_eq!(d.name, "Ana Lima");
        assert_eq!(d.cadence_days, DEFAULT_CADENCE);
        assert_eq!(
            d.clone().with_cadence("0").map_err(|e| e.0),
            Err(ContactField::Cadence)
        );
        assert_eq!(
            d.clone().with_follow_up("next week").map_err(|e| e.0),
            Err(ContactField::FollowUp)
        );
        assert_eq!(
            d.with_email("ana@").map_err(|e| e.0),
            Err(ContactField::Email)
        );
    }

    #[test]
    fn follow_up_is_the_cadence_after_the_touch() {
        let on = parse_date("2026-11-22").expect("date");
        assert_eq!(
            follow_up_after(on, 30),
            parse_date("2026-12-22").expect("date")
        );
    }
}
