//! Dates as the user types and reads them: YYYY-MM-DD in, within a range
//! that makes sense for what the date is for; the year shown only when it
//! is not this year's.

use chrono::{Datelike, Months, NaiveDate};

/// Parse a date typed by the user: YYYY-MM-DD only.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .ok_or_else(|| format!("{t:?} is not a date: use YYYY-MM-DD, for example 2026-11-22"))
}

/// What a date is for, which decides how far back and ahead it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateUse {
    /// When a touch happened: not after today.
    Touch,
    /// When to follow up: up to five years ahead.
    FollowUp,
    /// The program's first day: within two years back and one ahead.
    Start,
    /// When something happened (a referral, a thank-you sent, becoming a
    /// client): not after today.
    Happened,
    /// When something is planned (an event, an ask, a touchpoint), or
    /// was: up to five years ahead.
    Planned,
    /// When to ask a client for referrals: today, or up to five years
    /// ahead (an ask made already is recorded, not planned).
    Ask,
}

/// The earliest date list25 takes for anything.
fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn plus_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

fn minus_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(months)).unwrap_or(d)
}

/// `d` if it makes sense for `what` seen on `today`, or what is wrong.
pub fn check(d: NaiveDate, today: NaiveDate, what: DateUse) -> Result<NaiveDate, String> {
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match what {
        DateUse::Touch if d > today => Err(format!(
            "{} is after today ({}): a touch is logged once it has happened; to plan one, set a follow-up",
            ymd(d),
            ymd(today)
        )),
        DateUse::Happened if d > today => Err(format!(
            "{} is after today ({}): record it once it has happened",
            ymd(d),
            ymd(today)
        )),
        DateUse::FollowUp if d > plus_months(today, 60) => Err(format!(
            "{} is more than five years away; follow up by {} at the latest",
            ymd(d),
            ymd(plus_months(today, 60))
        )),
        DateUse::Planned if d > plus_months(today, 60) => Err(format!(
            "{} is more than five years away; plan it by {} at the latest",
            ymd(d),
            ymd(plus_months(today, 60))
        )),
        DateUse::Ask if d < today => Err(format!(
            "{} is before today ({}): plan the ask for today or later; an ask made already \
             is recorded with what they said",
            ymd(d),
            ymd(today)
        )),
        DateUse::Ask if d > plus_months(today, 60) => Err(format!(
            "{} is more than five years away; ask by {} at the latest",
            ymd(d),
            ymd(plus_months(today, 60))
        )),
        DateUse::Start if d > plus_months(today, 12) => Err(format!(
            "{} is more than a year away; start the program by {}",
            ymd(d),
            ymd(plus_months(today, 12))
        )),
        DateUse::Start if d < minus_months(today, 24) => Err(format!(
            "{} is more than two years ago; start the program on {} or later",
            ymd(d),
            ymd(minus_months(today, 24))
        )),
        _ if d < earliest() => Err(format!("{} is too long ago; use 1900 or later", ymd(d))),
        _ => Ok(d),
    }
}

/// Parse a typed date and check it makes sense for `what`.
pub fn parse_for(text: &str, today: NaiveDate, what: DateUse) -> Result<NaiveDate, String> {
    check(parse_date(text)?, today, what)
}

/// A day as the screen says it: "Mon 22 Dec", with the year when it is
/// not this year's ("Fri 3 Jan 2025").
pub fn day(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// A day in few letters: "22 Dec", or "22 Dec 25" in another year.
pub fn short_day(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    #[test]
    fn far_and_future_dates_are_refused_for_what_they_are() {
        let today = d("2026-11-22");
        assert!(check(d("2026-11-22"), today, DateUse::Touch).is_ok());
        assert!(check(d("2026-11-23"), today, DateUse::Touch).is_err());
        let err = check(d("9999-12-31"), today, DateUse::Touch).expect_err("future");
        assert!(err.contains("after today"), "{err}");
        assert!(check(d("2031-11-22"), today, DateUse::FollowUp).is_ok());
        let err = check(d("9999-12-31"), today, DateUse::FollowUp).expect_err("far");
        assert!(err.contains("five years"), "{err}");
        assert!(check(d("1899-12-31"), today, DateUse::Touch).is_err());
        assert!(check(d("2027-11-22"), today, DateUse::Start).is_ok());
        assert!(check(d("2027-11-23"), today, DateUse::Start).is_err());
        assert!(check(d("2024-11-21"), today, DateUse::Start).is_err());
    }

    #[test]
    fn the_year_shows_only_when_it_is_not_this_one() {
        let today = d("2026-11-22");
        assert_eq!(day(d("2026-12-22"), today), "Tue 22 Dec");
        assert_eq!(day(d("2027-01-05"), today), "Tue 5 Jan 2027");
        assert_eq!(short_day(d("2025-01-05"), today), "5 Jan 25");
    }
}
