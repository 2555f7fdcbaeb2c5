//! The client journey: the touchpoints each new client gets from the
//! journey template, and when to ask a client for referrals.

use chrono::{Days, NaiveDate};
use serde::Deserialize;

use super::TouchKind;

const JOURNEY_TOML: &str = include_str!("../../assets/journey.toml");

/// Ask a new client for referrals this many days after they became one,
/// unless the setting says otherwise.
pub const DEFAULT_ASK_DAYS: u32 = 30;

/// After "not now", ask again this many days later unless told otherwise.
pub const DEFAULT_AGAIN_DAYS: u32 = 30;

/// After names were given, the next ask is this many days later.
pub const AFTER_NAMES_DAYS: u32 = 90;

/// After "not at all", no ask for this many days (six months).
pub const AFTER_NO_DAYS: u32 = 182;

/// The longest wait a plan may have, in days.
pub const MAX_DAYS: u32 = 3660;

/// A step already this many days past when a client is planned (a client
/// entered with an old start) is not planned: it is too late for it.
pub const TOO_LATE_DAYS: u64 = 14;

/// How a touchpoint is made. Personal ways first, as the method insists;
/// e-mail only where the user chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    Card,
    Call,
    Gift,
    Visit,
    Email,
}

impl How {
    pub const ALL: [How; 5] = [How::Card, How::Call, How::Gift, How::Visit, How::Email];

    pub fn as_str(self) -> &'static str {
        match self {
            How::Card => "card",
            How::Call => "call",
            How::Gift => "gift",
            How::Visit => "visit",
            How::Email => "email",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            How::Card => "handwritten card",
            How::Email => "e-mail",
            other => other.as_str(),
        }
    }

    pub fn parse(text: &str) -> Result<How, String> {
        let t = text.trim().to_lowercase();
        let t = if t == "e-mail" { "email" } else { t.as_str() };
        How::ALL
            .into_iter()
            .find(|h| h.as_str() == t)
            .ok_or_else(|| format!("{text:?} is not a way: use card, call, gift, visit or email"))
    }

    /// The kind of touch it logs in the client's history. A gift goes
    /// with a card; a visit is a meeting.
    pub fn touch(self) -> TouchKind {
        match self {
            How::Card | How::Gift => TouchKind::Card,
            How::Call => TouchKind::Call,
            How::Visit => TouchKind::Meeting,
            How::Email => TouchKind::Email,
        }
    }
}

/// One step of the journey template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Step {
    pub title: String,
    pub how: How,
    /// Days after becoming a client; `None` for a milestone, dated by hand.
    #[serde(default)]
    pub after_days: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct TemplateFile {
    step: Vec<Step>,
}

/// The template shipped in `assets/journey.toml`.
pub fn builtin() -> Result<Vec<Step>, String> {
    let file: TemplateFile = toml::from_str(JOURNEY_TOML)
        .map_err(|e| format!("the journey template does not parse: {e}"))?;
    Ok(file.step)
}

/// When a step falls, as the template editor writes it: "day 0",
/// "2 weeks", "1 year", "45 days", "milestone".
pub fn when_text(after_days: Option<u32>) -> String {
    match after_days {
        None => "milestone".into(),
        Some(0) => "day 0".into(),
        Some(d) if d % 365 == 0 => plural(d / 365, "year"),
        Some(d) if d % 7 == 0 => plural(d / 7, "week"),
        Some(d) => plural(d, "day"),
    }
}

fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The template as text, one step a line: when, how, title.
pub fn to_text(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| {
            format!(
                "{:<10} {:<6} {}",
                when_text(s.after_days),
                s.how.as_str(),
                s.title
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read the template back from text, one step a line: when ("day 0",
/// "3 days", "2 weeks", "1 month", "1 year", "milestone"), how, title.
/// Blank lines and lines starting with `#` are skipped. A line that does
/// not read is refused with its number and what to write.
pub fn from_text(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = super::text::one_line(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        let words: Vec<&str> = line.split_whitespace().collect();
        let (after_days, rest) = when_of(&words).map_err(|why| format!("line {n}: {why}"))?;
        let Some((how, title)) = rest.split_first() else {
            return Err(format!(
                "line {n}: say how (card, call, gift, visit or email), then what"
            ));
        };
        let how = How::parse(how).map_err(|why| format!("line {n}: {why}"))?;
        let title = title.join(" ");
        if title.is_empty() {
            return Err(format!(
                "line {n}: say what the step is after {:?}",
                how.as_str()
            ));
        }
        steps.push(Step {
            title,
            how,
            after_days,
        });
    }
    if steps.is_empty() {
        return Err(
            "the journey has no steps: write one a line, e.g. \"day 0 card Welcome card\"".into(),
        );
    }
    Ok(steps)
}

/// The "when" at the start of a template line, and the words after it.
fn when_of<'a, 'b>(words: &'b [&'a str]) -> Result<(Option<u32>, &'b [&'a str]), String> {
    const SAY: &str = "start with when: day 0, 3 days, 2 weeks, 1 month, 1 year or milestone";
    match words {
        [w, rest @ ..] if w.eq_ignore_ascii_case("milestone") => Ok((None, rest)),
        [d, n, rest @ ..] if d.eq_ignore_ascii_case("day") => {
            let n: u32 = n.parse().map_err(|_| SAY.to_owned())?;
            Ok((Some(checked(n)?), rest))
        }
        [n, unit, rest @ ..] => {
            let n: u32 = n.parse().map_err(|_| SAY.to_owned())?;
            let per = match unit.to_lowercase().trim_end_matches('s') {
                "day" => 1,
                "week" => 7,
                "month" => 30,
                "year" => 365,
                _ => return Err(SAY.into()),
            };
            Ok((Some(checked(n.saturating_mul(per))?), rest))
        }
        _ => Err(SAY.into()),
    }
}

fn checked(days: u32) -> Result<u32, String> {
    if days > MAX_DAYS {
        Err(format!(
            "{days} days is more than ten years: plan within {MAX_DAYS} days"
        ))
    } else {
        Ok(days)
    }
}

/// The date `days` after `from`.
pub fn after(from: NaiveDate, days: u32) -> NaiveDate {
    from.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(from)
}

/// The touchpoints a client since `since` gets, planned on `today`: each
/// step with its position and due date (`None` for a milestone). A step
/// already more than `TOO_LATE_DAYS` past is left out.
pub fn plan(
    steps: &[Step],
    since: NaiveDate,
    today: NaiveDate,
) -> Vec<(usize, &Step, Option<NaiveDate>)> {
    let too_late = today
        .checked_sub_days(Days::new(TOO_LATE_DAYS))
        .unwrap_or(today);
    steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let due = s.after_days.map(|d| after(since, d));
            match due {
                Some(d) if d < too_late => None,
                _ => Some((i, s, due)),
            }
        })
        .collect()
}

/// When a new client's first ask falls: `ask_days` after they became a
/// client, and never before today.
pub fn first_ask(since: NaiveDate, ask_days: u32, today: NaiveDate) -> NaiveDate {
    after(since, ask_days).max(today)
}

/// What a client said when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// They gave names: each a referral received.
    Names,
    /// Not now: ask again later.
    NotNow,
    /// Not at all: no ask for six months.
    No,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Names, Outcome::NotNow, Outcome::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Names => "names",
            Outcome::NotNow => "not-now",
            Outcome::No => "no",
        }
    }

    /// How the screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Names => "gave names",
            Outcome::NotNow => "not now",
            Outcome::No => "not at all",
        }
    }

    pub fn parse(text: &str) -> Result<Outcome, String> {
        let t = text.trim().to_lowercase().replace(' ', "-");
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == t)
            .ok_or_else(|| format!("{text:?} is not an outcome: use names, not-now or no"))
    }

    /// How many days later the next ask falls; `again` is the days asked
    /// for after "not now".
    pub fn next_after(self, again: u32) -> u32 {
        match self {
            Outcome::Names => AFTER_NAMES_DAYS,
            Outcome::NotNow => again,
            Outcome::No => AFTER_NO_DAYS,
        }
    }
}

/// Why an ask is due when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AskReason {
    /// Planned when they became a client.
    #[default]
    Planned,
    /// A problem was solved for them: the best moment to ask.
    Solved,
    /// Asked before; this is the next time.
    Again,
    /// Moved by hand.
    Moved,
}

impl AskReason {
    pub const ALL: [AskReason; 4] = [
        AskReason::Planned,
        AskReason::Solved,
        AskReason::Again,
        AskReason::Moved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AskReason::Planned => "planned",
            AskReason::Solved => "solved",
            AskReason::Again => "again",
            AskReason::Moved => "moved",
        }
    }

    pub fn parse(text: &str) -> AskReason {
        AskReason::ALL
            .into_iter()
            .find(|r| r.as_str() == text)
            .unwrap_or_default()
    }
}

/// A referral ask, planned or made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub id: i64,
    pub client_id: i64,
    pub client: String,
    pub due: NaiveDate,
    pub reason: AskReason,
    /// When it was made, and what the client said.
    pub asked: Option<(NaiveDate, Outcome)>,
}

impl Ask {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.asked.is_none() && self.due < today
    }
}

/// A step of the journey for one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touchpoint {
    pub id: i64,
    pub client_id: i64,
    pub client: String,
    pub position: u32,
    pub title: String,
    pub how: How,
    /// `None` for a milestone not dated yet.
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub skipped: Option<NaiveDate>,
}

impl Touchpoint {
    pub fn is_open(&self) -> bool {
        self.done.is_none() && self.skipped.is_none()
    }

    /// The step as a line says it: its title, and how when the title does
    /// not say ("Welcome card", "A wow (gift)").
    pub fn what(&self) -> String {
        let title = self.title.to_lowercase();
        let said = [self.how.as_str(), self.how.label()]
            .iter()
            .any(|w| title.contains(w))
            || (self.how == How::Email && title.contains("mail"));
        if said {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.how.label())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parse_date;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    #[test]
    fn the_shipped_template_starts_with_a_welcome_card_on_day_0() {
        let steps = builtin().expect("template");
        assert_eq!(steps[0].how, How::Card);
        assert_eq!(steps[0].after_days, Some(0));
        assert!(
            steps.iter().any(|s| s.after_days.is_none()),
            "a milestone step"
        );
        assert!(
            steps.iter().all(|s| s.how != How::Email),
            "personal ways first"
        );
    }

    #[test]
    fn the_template_reads_back_from_its_own_text() {
        let steps = builtin().expect("template");
        assert_eq!(from_text(&to_text(&steps)).expect("reads"), steps);
    }

    #[test]
    fn template_text_takes_days_weeks_months_years_and_milestones() {
        let steps = from_text(
            "# comment\n\nday 0 card Welcome\n3 days call Check in\n2 weeks visit Coffee\n\
             1 month email Résumé 📨\n1 year card Anniversary\nmilestone gift Done!",
        )
        .expect("reads");
        let days: Vec<Option<u32>> = steps.iter().map(|s| s.after_days).collect();
        assert_eq!(
            days,
            [Some(0), Some(3), Some(14), Some(30), Some(365), None]
        );
        assert_eq!(steps[3].title, "Résumé 📨");
    }

    #[test]
    fn a_template_line_that_does_not_read_is_named_with_what_to_write() {
        for (text, says) in [
            (
                "day 0 card Welcome\nsoon card Hello",
                "line 2: start with when",
            ),
            ("day 0 fax Welcome", "line 1: \"fax\" is not a way"),
            ("2 weeks call", "line 1: say what the step is"),
            ("99 years card Far", "more than ten years"),
            ("# only a comment", "no steps"),
        ] {
            let why = from_text(text).expect_err(text);
            assert!(why.contains(says), "{text:?} said {why:?}");
        }
    }

    #[test]
    fn a_plan_leaves_out_steps_long_past_and_keeps_milestones() {
        let steps = builtin().expect("template");
        let today = d("2026-11-24");
        let fresh = plan(&steps, today, today);
        assert_eq!(fresh.len(), steps.len());
        assert_eq!(fresh[0].2, Some(today));
        // A client since three months: only milestones and the anniversary.
        let old = plan(&steps, d("2026-08-20"), today);
        assert!(
            old.iter()
                .all(|(_, s, due)| due.is_none_or(|d| d >= today) || s.after_days.is_none())
        );
        assert!(old.iter().any(|(_, s, _)| s.after_days == Some(365)));
        assert!(!old.iter().any(|(_, s, _)| s.after_days == Some(0)));
    }

    #[test]
    fn the_first_ask_is_never_in_the_past() {
        let today = d("2026-11-24");
        assert_eq!(first_ask(today, 30, today), d("2026-12-24"));
        assert_eq!(first_ask(d("2025-01-01"), 30, today), today);
    }

    #[test]
    fn outcomes_set_the_next_ask() {
        assert_eq!(Outcome::parse("not now"), Ok(Outcome::NotNow));
        assert_eq!(Outcome::NotNow.next_after(10), 10);
        assert_eq!(Outcome::No.next_after(10), AFTER_NO_DAYS);
        assert!(Outcome::parse("maybe").is_err());
    }
}
