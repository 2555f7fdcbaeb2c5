//! `list25 script ...`: the scripts from the command line.

use std::process::ExitCode;

use clap::Subcommand;
use color_eyre::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::out::Out;
use super::{only, refuse};
use crate::domain::template::{Field, Problem, Values, render};
use crate::store;

#[derive(Debug, Subcommand)]
pub enum ScriptCommand {
    /// List the scripts, by kind.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a script's text; with --for, filled in for that contact.
    Show {
        /// The script's title, or a part of it that only it has.
        title: String,
        /// The contact's name, or a part of it that only they have.
        #[arg(long = "for", value_name = "CONTACT")]
        contact: Option<String>,
    },
}

#[derive(Debug, Serialize)]
struct Row<'a> {
    title: &'a str,
    kind: &'static str,
    /// `null` for a general script.
    category: Option<&'a str>,
    tip: &'a str,
    words: usize,
    updated: String,
}

pub fn run(conn: &Connection, out: &mut Out, command: ScriptCommand) -> Result<ExitCode> {
    match command {
        ScriptCommand::List { json } => {
            let scripts = store::script::list(conn)?;
            if json {
                let rows: Vec<Row> = scripts
                    .iter()
                    .map(|s| Row {
                        title: &s.title,
                        kind: s.kind.label(),
                        category: (!s.category.is_empty()).then_some(s.category.as_str()),
                        tip: &s.tip,
                        words: crate::domain::template::word_count(&s.text),
                        updated: s.updated_at.format(store::TIMESTAMP_FORMAT).to_string(),
                    })
                    .collect();
                out.json(&rows)?;
            } else if scripts.is_empty() {
                out.line("No scripts. Add one in the Scripts pane (5, then a).")?;
            } else {
                for s in &scripts {
                    let category = if s.category.is_empty() {
                        String::new()
                    } else {
                        format!(" · for {}", s.category)
                    };
                    out.line(format!("{:<18} {}{category}", s.kind.label(), s.title))?;
                }
            }
        }
        ScriptCommand::Show { title, contact } => {
            let script = match only(
                store::script::lookup(conn, &title)?,
                &title,
                &format!("There is no script called {title:?}; see `list25 script list`."),
                "title",
            ) {
                Ok(s) => s,
                Err(why) => return Ok(refuse(&why)),
            };
            let Some(name) = contact else {
                out.text(&script.text)?;
                out.line("")?;
                return Ok(ExitCode::SUCCESS);
            };
            let person = match only(
                store::contact::lookup(conn, &name)?,
                &name,
                &format!("There is no contact named {name:?}."),
                "name",
            ) {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            let me = store::settings::me(conn)?;
            let rendered = render(
                &script.text,
                &Values {
                    contact: Some(&person),
                    me: &me,
                    referred: None,
                },
            );
            out.text(&rendered.text())?;
            out.line("")?;
            // The text first, then what could not be filled in.
            out.flush()?;
            for p in &rendered.problems {
                let hint = match p {
                    Problem::Missing { field, .. } => match field {
                        Field::MyName => "; set it with `list25 config name`",
                        Field::MyValue => "; set it with `list25 config value`",
                        Field::MyProfession => "; set it with `list25 config profession`",
                        _ => "",
                    },
                    _ => "",
                };
                super::say(&format!(
                    "warning: {}{hint}",
                    p.describe(Some(&person.name))
                ));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
