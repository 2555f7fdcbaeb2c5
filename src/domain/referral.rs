//! Referrals given and received, the thank-yous they call for, and the
//! balance with each partner ("refer first").

use chrono::{Days, NaiveDate};

/// Thank a referrer within this many days unless the setting says otherwise.
pub const DEFAULT_THANKS_DAYS: u32 = 2;

/// Which way a referral went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// A partner or client sent you a person.
    Received,
    /// You sent a person to a partner ("refer first").
    Given,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Received => "received",
            Direction::Given => "given",
        }
    }

    pub fn parse(text: &str) -> Option<Direction> {
        [Direction::Received, Direction::Given]
            .into_iter()
            .find(|d| d.as_str() == text)
    }

    /// The arrow the ledger shows: ← came to you, → went from you.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Received => "←",
            Direction::Given => "→",
        }
    }
}

/// Where a referral stands. For one received: did the person become your
/// client. For one given: did it help the partner.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RefStatus {
    #[default]
    New,
    Talking,
    Client,
    NotAFit,
}

impl RefStatus {
    pub const ALL: [RefStatus; 4] = [
        RefStatus::New,
        RefStatus::Talking,
        RefStatus::Client,
        RefStatus::NotAFit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefStatus::New => "new",
            RefStatus::Talking => "talking",
            RefStatus::Client => "client",
            RefStatus::NotAFit => "not-a-fit",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            RefStatus::New => "new",
            RefStatus::Talking => "talking",
            RefStatus::Client => "became a client",
            RefStatus::NotAFit => "not a fit",
        }
    }

    /// A status by name ("not a fit" and "not-a-fit" alike), or what the
    /// choices are.
    pub fn parse(text: &str) -> Result<RefStatus, String> {
        let t = text.trim().to_lowercase().replace(' ', "-");
        let t = if t == "became-a-client" { "client" } else { &t };
        RefStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == t)
            .ok_or_else(|| {
                format!("{text:?} is not a status: use new, talking, client or not-a-fit")
            })
    }

    /// Whether the referral has come to an end, one way or the other:
    /// then the referrer is owed the news of how it went.
    pub fn is_outcome(self) -> bool {
        matches!(self, RefStatus::Client | RefStatus::NotAFit)
    }
}

/// How a thank-you was given. Personal ways only: the method asks for a
/// handwritten card, a call, a gift or a note, not a quick e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThanksHow {
    Card,
    Call,
    Gift,
    Note,
}

impl ThanksHow {
    pub const ALL: [ThanksHow; 4] = [
        ThanksHow::Card,
        ThanksHow::Call,
        ThanksHow::Gift,
        ThanksHow::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThanksHow::Card => "card",
            ThanksHow::Call => "call",
            ThanksHow::Gift => "gift",
            ThanksHow::Note => "note",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            ThanksHow::Card => "handwritten card",
            ThanksHow::Call => "call",
            ThanksHow::Gift => "gift",
            ThanksHow::Note => "note",
        }
    }

    pub fn parse(text: &str) -> Result<ThanksHow, String> {
        let t = text.trim().to_lowercase();
        ThanksHow::ALL
            .into_iter()
            .find(|h| h.as_str() == t)
            .ok_or_else(|| format!("{text:?} is not a way to thank: use card, call, gift or note"))
    }

    /// The kind of touch a thank-you of this kind is, in the referrer's
    /// history. A gift goes with a card.
    pub fn touch(self) -> super::TouchKind {
        match self {
            ThanksHow::Card | ThanksHow::Gift => super::TouchKind::Card,
            ThanksHow::Call => super::TouchKind::Call,
            ThanksHow::Note => super::TouchKind::Note,
        }
    }
}

/// What is owed to a referrer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwedKind {
    /// Thanks for the person they sent.
    Thanks,
    /// The news of how it went, once the person became a client or not.
    News,
}

impl OwedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwedKind::Thanks => "thanks",
            OwedKind::News => "news",
        }
    }

    pub fn parse(text: &str) -> Option<OwedKind> {
        [OwedKind::Thanks, OwedKind::News]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// One referral, as the ledger shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    pub direction: Direction,
    pub partner_id: i64,
    pub partner: String,
    pub person_id: i64,
    pub person: String,
    pub on: NaiveDate,
    pub note: String,
    pub status: RefStatus,
    /// When the thank-you for it was sent (received referrals only).
    pub thanked: Option<NaiveDate>,
    /// When the thank-you owed for it is due, if one is.
    pub owed_due: Option<NaiveDate>,
}

impl Referral {
    /// Since when a thank-you is owed for it: since it came, while one is.
    pub fn owed_since(&self) -> Option<NaiveDate> {
        self.owed_due.map(|_| self.on)
    }
}

/// A thank-you (or the news of how it went) owed to a referrer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThankYou {
    pub id: i64,
    pub kind: OwedKind,
    /// The referral it is for; none for a past referral (a client's
    /// "referred by").
    pub referral: Option<i64>,
    pub to_id: i64,
    pub to: String,
    pub for_id: i64,
    /// Whom it is for, in words: "Cy Ortega and Bruno Alves".
    pub person: String,
    /// Each person it is for: the names given at one ask, or the guests
    /// brought to one event, are thanked for together.
    pub people: Vec<String>,
    pub due: NaiveDate,
    /// The referral's status, for the news owed.
    pub status: RefStatus,
}

impl ThankYou {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due < today
    }

    /// What to do, in a few words: "Thank Ana for Bruno".
    pub fn what(&self) -> String {
        match self.kind {
            OwedKind::Thanks => format!("Thank {} for {}", self.to, self.person),
            OwedKind::News => format!(
                "Tell {} how it went with {} ({})",
                self.to,
                self.person,
                match self.status {
                    RefStatus::Client => "a client now",
                    other => other.label(),
                }
            ),
        }
    }
}

/// A thank-you (or news), owed or sent, as a contact's history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThankNote {
    pub kind: OwedKind,
    pub to: String,
    pub person: String,
    pub due: NaiveDate,
    /// When and how it was sent; none while owed.
    pub sent: Option<(NaiveDate, ThanksHow)>,
}

/// The day a thank-you is due for a referral received on `on`.
pub fn thanks_due(on: NaiveDate, within_days: u32) -> NaiveDate {
    on.checked_add_days(Days::new(u64::from(within_days)))
        .unwrap_or(on)
}

/// Referrals given to and received from one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub partner_id: i64,
    pub partner: String,
    pub given: u32,
    pub received: u32,
    /// On the 25 list (★).
    pub on_list: bool,
}

impl Balance {
    /// Refer them first: they have sent you more than you sent them, or
    /// they are on your 25 list and you have sent them nobody yet.
    pub fn refer_first(&self) -> bool {
        self.received > self.given || (self.on_list && self.given == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;

    fn balance(given: u32, received: u32, on_list: bool) -> Balance {
        Balance {
            partner_id: 1,
            partner: "Ana".into(),
            given,
            received,
            on_list,
        }
    }

    #[test]
    fn refer_first_when_they_gave_more_or_a_listed_partner_got_nothing() {
        assert!(balance(0, 1, false).refer_first());
        assert!(balance(1, 2, true).refer_first());
        assert!(balance(0, 0, true).refer_first());
        assert!(!balance(1, 1, false).refer_first());
        assert!(!balance(2, 1, true).refer_first());
        assert!(!balance(0, 0, false).refer_first());
    }

    #[test]
    fn statuses_and_ways_parse_from_what_people_type_and_name_the_choices() {
        assert_eq!(RefStatus::parse("Not a fit"), Ok(RefStatus::NotAFit));
        assert_eq!(RefStatus::parse("not-a-fit"), Ok(RefStatus::NotAFit));
        assert_eq!(RefStatus::parse("client"), Ok(RefStatus::Client));
        let err = RefStatus::parse("won").expect_err("unknown");
        assert!(err.contains("new, talking, client or not-a-fit"), "{err}");
        assert_eq!(ThanksHow::parse(" Card "), Ok(ThanksHow::Card));
        let err = ThanksHow::parse("email").expect_err("not personal");
        assert!(err.contains("card, call, gift or note"), "{err}");
        assert!(RefStatus::Client.is_outcome() && RefStatus::NotAFit.is_outcome());
        assert!(!RefStatus::Talking.is_outcome());
    }

    #[test]
    fn a_thank_you_is_due_days_after_the_referral() {
        let on = parse_date("2026-12-31").expect("date");
        assert_eq!(thanks_due(on, 2), parse_date("2027-01-02").expect("date"));
        assert_eq!(thanks_due(on, 0), on);
    }
}
