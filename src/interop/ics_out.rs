//! What list25 schedules, as to-dos a calendar can hold: VTODO items with
//! a DUE date and a UID that stays the same from one export to the next,
//! so that importing again updates them instead of doubling them. Built
//! with `calcard`.

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarParameter, ICalendarProperty,
    ICalendarStatus, ICalendarValue, ICalendarValueType,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// One thing to do on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub due: NaiveDate,
}

fn date(d: NaiveDate) -> PartialDateTime {
    PartialDateTime {
        year: u16::try_from(d.year()).ok(),
        month: u8::try_from(d.month()).ok(),
        day: u8::try_from(d.day()).ok(),
        ..PartialDateTime::default()
    }
}

/// A moment in UTC, as DTSTAMP wants it.
fn stamp(t: NaiveDateTime) -> PartialDateTime {
    PartialDateTime {
        hour: u8::try_from(t.hour()).ok(),
        minute: u8::try_from(t.minute()).ok(),
        second: u8::try_from(t.second()).ok(),
        tz_hour: Some(0),
        tz_minute: Some(0),
        ..date(t.date())
    }
}

/// How the items are written: as to-dos (VTODO, due on their day), or as
/// all-day events (VEVENT) for calendars that hold no to-dos, such as khal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Todo,
    Event,
}

/// The items as one calendar; `now_utc` is when it was written.
pub fn calendar(todos: &[Todo], shape: Shape, now_utc: NaiveDateTime) -> String {
    let mut root = ICalendarComponent::new(ICalendarComponentType::VCalendar);
    root.add_property(
        ICalendarProperty::Version,
        ICalendarValue::Text("2.0".into()),
    );
    root.add_property(
        ICalendarProperty::Prodid,
        ICalendarValue::Text("-//list25//list25//EN".into()),
    );
    let mut components = vec![root];
    for t in todos {
        let kind = match shape {
            Shape::Todo => ICalendarComponentType::VTodo,
            Shape::Event => ICalendarComponentType::VEvent,
        };
        let mut c = ICalendarComponent::new(kind);
        c.add_uid(&t.uid);
        c.add_dtstamp(stamp(now_utc));
        c.add_property(
            ICalendarProperty::Summary,
            ICalendarValue::Text(t.summary.clone()),
        );
        if !t.description.is_empty() {
            c.add_property(
                ICalendarProperty::Description,
                ICalendarValue::Text(t.description.clone()),
            );
        }
        let day = |prop, d| {
            (
                prop,
                [ICalendarParameter::value(ICalendarValueType::Date)],
                ICalendarValue::PartialDateTime(Box::new(date(d))),
            )
        };
        let dates = match shape {
            Shape::Todo => vec![day(ICalendarProperty::Due, t.due)],
            Shape::Event => vec![
                day(ICalendarProperty::Dtstart, t.due),
                day(ICalendarProperty::Dtend, t.due.succ_opt().unwrap_or(t.due)),
            ],
        };
        for (prop, params, value) in dates {
            c.add_property_with_params(prop, params, value);
        }
        if shape == Shape::Todo {
            c.add_property(
                ICalendarProperty::Status,
                ICalendarValue::Status(ICalendarStatus::NeedsAction),
            );
        }
        components.push(c);
    }
    components[0].component_ids = (1..components.len())
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = ICalendar { components }.write_to(&mut out);
    out
}
