//! A readable report in Markdown, for printing or pasting into notes: the
//! most-wanted list, each category's people with their stage and last
//! touch, the 25 list, and who is still to be sorted.

use chrono::NaiveDate;

use crate::domain::Category;
use crate::domain::contact::is_partner;
use crate::domain::dates::short_day;
use crate::store::export::Exported;

/// Text with Markdown's special characters escaped, on one line.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn person(e: &Exported, today: NaiveDate) -> String {
    let c = &e.contact;
    let star = if c.on_list { " ★" } else { "" };
    let company = if c.company.is_empty() {
        String::new()
    } else {
        format!(", {}", md(&c.company))
    };
    let touch = c.last_touch.map_or_else(
        || "not touched yet".to_owned(),
        |d| format!("last touch {}", short_day(d, today)),
    );
    format!(
        "- **{}**{star}{company} · {} · {touch}",
        md(&c.name),
        c.stage.as_str()
    )
}

/// The report, as of `today`.
pub fn report(categories: &[Category], people: &[Exported], today: NaiveDate) -> String {
    let mut out = format!("# Your 25 list, {}\n\n", today.format("%-d %B %Y"));
    out.push_str("## The most-wanted list\n\n");
    if categories.is_empty() {
        out.push_str("No categories yet.\n");
    } else {
        out.push_str("| # | Category | Partners | People | Why |\n|---|---|---|---|---|\n");
        for (i, c) in categories.iter().enumerate() {
            out.push_str(&format!(
                "| {} | {} | {} of {} | {} | {} |\n",
                i + 1,
                md(&c.name),
                c.partners,
                c.target,
                c.contacts,
                md(&c.why)
            ));
        }
    }
    let listed: Vec<&Exported> = people.iter().filter(|e| e.contact.on_list).collect();
    out.push_str(&format!("\n## The 25 list ({} of 25)\n\n", listed.len()));
    for (i, e) in listed.iter().enumerate() {
        let c = &e.contact;
        let partner = if is_partner(c.stage, c.on_list) {
            "partner"
        } else {
            "not met yet"
        };
        let category = if c.category.is_empty() {
            String::new()
        } else {
            format!(" ({})", md(&c.category))
        };
        out.push_str(&format!(
            "{}. {}{category} · {partner}\n",
            i + 1,
            md(&c.name)
        ));
    }
    for c in categories {
        out.push_str(&format!("\n## {}\n\n", md(&c.name)));
        let mut any = false;
        for e in people
            .iter()
            .filter(|e| e.contact.category_id == Some(c.id))
        {
            out.push_str(&person(e, today));
            out.push('\n');
            any = true;
        }
        if !any {
            out.push_str("Nobody yet.\n");
        }
    }
    // People in no category: clients (who need none), then the rest.
    for (title, clients) in [
        ("Clients in no category", true),
        ("Not in a category yet", false),
    ] {
        let mut them = people
            .iter()
            .filter(|e| {
                e.contact.category_id.is_none() && e.contact.client_since.is_some() == clients
            })
            .peekable();
        if them.peek().is_some() {
            out.push_str(&format!("\n## {title}\n\n"));
            for e in them {
                out.push_str(&person(e, today));
                out.push('\n');
            }
        }
    }
    out
}
