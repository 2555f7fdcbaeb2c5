//! Command-line definitions and the non-interactive subcommands.

mod script;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use color_eyre::Result;
use color_eyre::eyre::eyre;
use rusqlite::Connection;
use serde::Serialize;

use crate::app::App;
use crate::domain::category::one_line;
use crate::domain::{
    Category, CategoryDraft, Checklist, ContactDraft, Position, Program, Status, TouchKind,
    parse_date,
};
use crate::store::Lookup;
use crate::store::{self, WriteError};

#[derive(Debug, Parser)]
#[command(
    name = "list25",
    version,
    about = "Grow 25 strategic referral partners in 25 days, one checklist a morning.",
    long_about = "list25 carries you through the 25 Days to Your 25 List program: a most-wanted \
                  list of occupational categories, the people in each, and 25 of them grown into \
                  strategic referral partners. Run it without a command for the full-screen program."
)]
pub struct Cli {
    /// The database file (created on first use).
    #[arg(long, global = true, env = "LIST25_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Pretend today is this date.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print today's checklist: today's tasks and what is left from earlier days.
    Today {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The 25-day program.
    Program {
        #[command(subcommand)]
        command: ProgramCommand,
    },
    /// The most-wanted list of categories.
    Category {
        #[command(subcommand)]
        command: CategoryCommand,
    },
    /// The people in your categories.
    Contact {
        #[command(subcommand)]
        command: ContactCommand,
    },
    /// Fill a new, empty database with made-up categories and contacts,
    /// to try list25 out or measure it: list25 --db demo.db demo --contacts 10000
    Demo {
        #[arg(long, default_value_t = 200)]
        contacts: usize,
        #[arg(long, default_value_t = 10)]
        categories: usize,
    },
    /// Settings asked once.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Scripts: exactly what to say.
    Script {
        #[command(subcommand)]
        command: script::ScriptCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show or set what you do, e.g. "estate planning attorney"; it picks
    /// the suggested categories and fills {my_profession} in scripts.
    Profession { text: Option<String> },
    /// Show or set your name, for {my_name} in scripts.
    Name { text: Option<String> },
    /// Show or set what you do for clients, as a phrase that follows your
    /// name ("helps start-ups look established from day one"), for
    /// {my_value} in scripts.
    Value { text: Option<String> },
}

impl ConfigCommand {
    /// The setting, what was typed, what it is called and an example.
    fn parts(self) -> (&'static str, Option<String>, &'static str, &'static str) {
        match self {
            ConfigCommand::Profession { text } => (
                store::settings::PROFESSION,
                text,
                "Profession",
                "profession \"graphic designer\"",
            ),
            ConfigCommand::Name { text } => (
                store::settings::MY_NAME,
                text,
                "Your name",
                "name \"Jane Roe\"",
            ),
            ConfigCommand::Value { text } => (
                store::settings::MY_VALUE,
                text,
                "Your value",
                "value \"helps start-ups look established from day one\"",
            ),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Add a category to the most-wanted list.
    Add {
        /// The occupation, for example "Accountants".
        name: String,
        /// Why its members already serve your ideal clients.
        #[arg(long, default_value = "")]
        why: String,
        /// Partners wanted in this category (1-25).
        #[arg(long, default_value_t = crate::domain::category::DEFAULT_TARGET,
              value_parser = clap::value_parser!(u32).range(1..=25))]
        target: u32,
    },
    /// Print the suggested categories for your profession.
    Suggest,
    /// List the most-wanted list in order.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add a person to a category.
    Add {
        /// Their full name.
        name: String,
        /// The category they belong to (see `list25 category list`).
        #[arg(long)]
        category: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        company: String,
    },
    /// List contacts, of one category or of all.
    List {
        #[arg(long)]
        category: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Log a touch: it sets the last touch and the next follow-up.
    Touch {
        /// The contact's name, or a part of it that only they have.
        name: String,
        #[arg(long, value_parser = TouchKind::parse,
              value_name = "call|meeting|email|card|event|note")]
        kind: TouchKind,
        #[arg(long, default_value = "")]
        note: String,
        /// When it happened (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// Set the day the program starts (day 1).
    Start {
        #[arg(value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: NaiveDate,
    },
}

/// The database used when neither --db nor LIST25_DB is given.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "list25")
        .map(|d| d.data_dir().join("list25.db"))
        .unwrap_or_else(|| PathBuf::from("list25.db"))
}

/// Parse the command line; `--help` shows where the data lives.
pub fn parse() -> Cli {
    let help = format!(
        "Default database: {}\n(set another with --db or LIST25_DB)",
        default_db_path().display()
    );
    let matches = Cli::command().after_help(help).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Run what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = cli.today.unwrap_or_else(|| Local::now().date_naive());
    let path = cli.db.unwrap_or_else(default_db_path);
    let conn = match store::open(&path, today) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("list25: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let program = Program::builtin().map_err(|e| eyre!(e))?;
    match cli.command {
        None => {
            let app = App::new(conn, program, today, path.display().to_string())?;
            crate::tui::run(app)?;
        }
        Some(Command::Today { json }) => {
            let report = Report::load(&conn, &program, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.text());
            }
        }
        Some(Command::Program {
            command: ProgramCommand::Start { date },
        }) => {
            store::program::set_start_date(&conn, date)?;
            println!(
                "The program starts on {}; {} is {}.",
                date.format("%a %-d %b %Y"),
                today.format("%Y-%m-%d"),
                describe(Position::of(date, today))
            );
        }
        Some(Command::Category { command }) => return category(&conn, command, today),
        Some(Command::Contact { command }) => return contact(&conn, command, today),
        Some(Command::Demo {
            contacts,
            categories,
        }) => {
            if let Err(why) = crate::demo::fill(&conn, categories, contacts, today) {
                return Ok(refuse(&why));
            }
            println!(
                "Made {categories} categories and {contacts} contacts in {}.",
                path.display()
            );
        }
        Some(Command::Config { command }) => {
            let (key, text, label, example) = command.parts();
            match text.map(|t| one_line(&t)) {
                Some(t) if t.is_empty() => {
                    return Ok(refuse(&format!(
                        "{label} cannot be empty; for example: list25 config {example}"
                    )));
                }
                Some(t) => {
                    store::settings::set(&conn, key, &t)?;
                    println!("{label}: {t}.");
                }
                None => match store::settings::get(&conn, key)? {
                    Some(t) => println!("{t}"),
                    None => println!("Not set. Set it: list25 config {example}"),
                },
            }
        }
        Some(Command::Script { command }) => return script::run(&conn, command),
    }
    Ok(ExitCode::SUCCESS)
}

/// Bad input: say so plainly and exit 2 with nothing written.
pub(crate) fn refuse(message: &str) -> ExitCode {
    eprintln!("list25: {message}");
    ExitCode::from(2)
}

/// The one item `typed` matched, or what to tell the user: `none` when
/// nothing matched, the candidates when several did (`what`: name, title).
pub(crate) fn only<T>(
    found: Lookup<T>,
    typed: &str,
    none: &str,
    what: &str,
) -> Result<Box<T>, String> {
    match found {
        Lookup::One(x) => Ok(x),
        Lookup::None => Err(none.to_owned()),
        Lookup::Many(names) => Err(format!(
            "{typed:?} could be {}; give more of the {what}.",
            names.join(", ")
        )),
    }
}

/// The live category named `name` (any case), or a message saying there is none.
fn category_named(conn: &Connection, name: &str) -> Result<Result<Category, String>> {
    Ok(store::category::find_by_name(conn, name)?
        .ok_or_else(|| format!("There is no category named {name:?}; see `list25 category list`.")))
}

#[derive(Debug, Serialize)]
struct ContactRow<'a> {
    name: &'a str,
    category: &'a str,
    company: &'a str,
    email: &'a str,
    phone: &'a str,
    stage: &'static str,
    on_list: bool,
    last_touch: Option<String>,
    next_follow_up: Option<String>,
}

fn contact(conn: &Connection, command: ContactCommand, today: NaiveDate) -> Result<ExitCode> {
    let now = today.and_time(Local::now().time());
    match command {
        ContactCommand::Add {
            name,
            category,
            email,
            phone,
            company,
        } => {
            let draft = match ContactDraft::named(&name).and_then(|d| d.with_email(&email)) {
                Ok(mut d) => {
                    d.phone = one_line(&phone);
                    d.company = one_line(&company);
                    d
                }
                Err((_, why)) => return Ok(refuse(&why)),
            };
            let category = match category_named(conn, &category)? {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            store::contact::add(conn, Some(category.id), &draft, &now)?;
            println!("Added {} to {}.", draft.name, category.name);
        }
        ContactCommand::List { category, json } => {
            let filter = match category {
                None => None,
                Some(name) => match category_named(conn, &name)? {
                    Ok(c) => Some(c.id),
                    Err(why) => return Ok(refuse(&why)),
                },
            };
            let contacts = store::contact::list(conn, filter)?;
            if json {
                let rows: Vec<ContactRow> = contacts
                    .iter()
                    .map(|c| ContactRow {
                        name: &c.name,
                        category: &c.category,
                        company: &c.company,
                        email: &c.email,
                        phone: &c.phone,
                        stage: c.stage.as_str(),
                        on_list: c.on_list,
                        last_touch: c.last_touch.map(|d| d.to_string()),
                        next_follow_up: c.next_follow_up.map(|d| d.to_string()),
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if contacts.is_empty() {
                println!(
                    "No contacts yet. Add one: list25 contact add \"Ana Lima\" --category Printers"
                );
            } else {
                for c in &contacts {
                    let mark = if c.on_list { "★" } else { " " };
                    let follow = c
                        .next_follow_up
                        .map(|d| format!(" · follow up {d}"))
                        .unwrap_or_default();
                    println!(
                        "{mark} {} · {} · {}{follow}",
                        c.name,
                        c.category,
                        c.stage.as_str()
                    );
                }
            }
        }
        ContactCommand::Touch {
            name,
            kind,
            note,
            date,
        } => {
            let found = match only(
                store::contact::lookup(conn, &name)?,
                &name,
                &format!("There is no contact named {name:?}."),
                "name",
            ) {
                Ok(c) => c,
                Err(why) => return Ok(refuse(&why)),
            };
            let on = date.unwrap_or(today);
            store::contact::log_touch(conn, found.id, kind, on, &one_line(&note), &now)?;
            let next = store::contact::get(conn, found.id)?.and_then(|c| c.next_follow_up);
            println!(
                "Logged a {} with {} on {on}.{}",
                kind.as_str(),
                found.name,
                next.map(|d| format!(" Next follow-up: {d}."))
                    .unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct CategoryRow<'a> {
    name: &'a str,
    why: &'a str,
    target: u32,
    partners: u32,
    contacts: u32,
}

fn category(conn: &Connection, command: CategoryCommand, today: NaiveDate) -> Result<ExitCode> {
    match command {
        CategoryCommand::Add { name, why, target } => {
            let draft = match CategoryDraft::parse(&name, &why, &target.to_string()) {
                Ok(d) => d,
                Err((_, why)) => return Ok(refuse(&why)),
            };
            let now = today.and_time(Local::now().time());
            match store::category::add(conn, &draft, &now) {
                Ok(_) => {
                    let n = store::category::count(conn)?;
                    println!(
                        "Added {:?} (target {} partners). {n} of {} categories on your most-wanted list.",
                        draft.name,
                        draft.target,
                        crate::domain::category::GOAL
                    );
                }
                Err(WriteError::Refused(why)) => return Ok(refuse(&why)),
                Err(e) => return Err(e.into()),
            }
        }
        CategoryCommand::Suggest => {
            let Some(profession) = store::settings::get(conn, store::settings::PROFESSION)? else {
                return Ok(refuse(
                    "Set your profession first: list25 config profession \"graphic designer\"",
                ));
            };
            let all = crate::domain::suggest::builtin().map_err(|e| eyre!(e))?;
            let Some(found) = crate::domain::suggest::for_profession(&all, &profession) else {
                return Ok(refuse(&format!("No suggestions for {profession:?} yet.")));
            };
            println!("Suggested for: {}", found.name);
            for c in &found.categories {
                let on = if store::category::find_by_name(conn, c)?.is_some() {
                    " (on your list)"
                } else {
                    ""
                };
                println!("  {c}{on}");
            }
        }
        CategoryCommand::List { json } => {
            let categories = store::category::list(conn)?;
            if json {
                let rows: Vec<CategoryRow> = categories
                    .iter()
                    .map(|c| CategoryRow {
                        name: &c.name,
                        why: &c.why,
                        target: c.target,
                        partners: c.partners,
                        contacts: c.contacts,
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if categories.is_empty() {
                println!("No categories yet. Add one: list25 category add \"Accountants\"");
            } else {
                for (i, c) in categories.iter().enumerate() {
                    let why = if c.why.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", c.why)
                    };
                    println!(
                        "{:>2}. {} ({}/{} partners){why}",
                        i + 1,
                        c.name,
                        c.partners,
                        c.target
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(position: Position) -> String {
    match position {
        Position::NotStarted { days_until } => format!("{days_until} day(s) before it"),
        Position::Day(d) => format!("day {d} of 25"),
    }
}

/// Today's checklist, for `list25 today`.
#[derive(Debug, Serialize)]
pub struct Report {
    pub date: String,
    pub day: u8,
    pub started: bool,
    pub start: String,
    pub title: String,
    pub lesson: String,
    pub tasks: Vec<ReportTask>,
    pub follow_ups: Vec<FollowUp>,
    pub progress: Progress,
}

/// A contact whose follow-up is due today or overdue.
#[derive(Debug, Serialize)]
pub struct FollowUp {
    pub contact: String,
    pub category: String,
    pub due: String,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct ReportTask {
    pub day: u8,
    pub key: String,
    pub text: String,
    pub done: bool,
    /// From an earlier day and not done yet.
    pub behind: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
}

#[derive(Debug, Serialize)]
pub struct Measured {
    pub value: u32,
    pub target: u32,
    pub unit: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Report {
    pub fn load(conn: &Connection, program: &Program, today: NaiveDate) -> Result<Self> {
        let start = store::program::start_date(conn)?.unwrap_or(today);
        let checklist = Checklist {
            done: store::program::done_tasks(conn)?,
            metrics: store::metrics::load(conn)?,
        };
        let follow_ups = store::contact::due(conn, today, u32::MAX)?
            .into_iter()
            .map(|c| FollowUp {
                overdue: c.is_overdue(today),
                due: c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
                contact: c.name,
                category: c.category,
            })
            .collect();
        let mut report = Self::new(program, &checklist, start, today);
        report.follow_ups = follow_ups;
        Ok(report)
    }

    pub fn new(
        program: &Program,
        checklist: &Checklist,
        start: NaiveDate,
        today: NaiveDate,
    ) -> Self {
        let position = Position::of(start, today);
        let day = program.day(position.day());
        let tasks = checklist
            .today(program, position)
            .into_iter()
            .filter_map(|item| {
                let task = program.task(&item.task)?;
                let status = checklist.status(&item.task, task);
                Some(ReportTask {
                    day: item.task.day,
                    key: item.task.key.clone(),
                    text: task.text.clone(),
                    done: status.is_done(),
                    behind: item.behind,
                    done_at: match status {
                        Status::Done(at) => Some(at.format(store::TIMESTAMP_FORMAT).to_string()),
                        _ => None,
                    },
                    measured: match (status, task.measure) {
                        (Status::Measured { value, target }, Some(m)) => Some(Measured {
                            value,
                            target,
                            unit: m.metric.unit(),
                        }),
                        _ => None,
                    },
                })
            })
            .collect();
        let (done, total) = checklist.overall(program);
        Report {
            date: today.format("%Y-%m-%d").to_string(),
            day: position.day(),
            started: position.started(),
            start: start.format("%Y-%m-%d").to_string(),
            title: day.map(|d| d.title.clone()).unwrap_or_default(),
            lesson: day.map(|d| d.lesson.clone()).unwrap_or_default(),
            tasks,
            follow_ups: Vec::new(),
            progress: Progress { done, total },
        }
    }

    /// The checklist as plain text, lines of at most 78 columns.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let when = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(|d| d.format("%a %-d %b %Y").to_string())
            .unwrap_or_else(|_| self.date.clone());
        if self.started {
            let _ = writeln!(out, "Day {} of 25 · {} · {when}", self.day, self.title);
        } else {
            let _ = writeln!(
                out,
                "The program starts on {}. Day 1 · {} · {when}",
                self.start, self.title
            );
        }
        out.push('\n');
        for line in crate::ui::text::wrap(&self.lesson, 78) {
            let _ = writeln!(out, "{line}");
        }
        let mut behind_heading = false;
        out.push_str("\nToday\n");
        for t in &self.tasks {
            if t.behind && !behind_heading {
                behind_heading = true;
                out.push_str("\nBehind, from earlier days\n");
            }
            let mark = if t.done { "[x]" } else { "[ ]" };
            let mut text = if t.behind {
                format!("Day {}: {}", t.day, t.text)
            } else {
                t.text.clone()
            };
            if let Some(m) = &t.measured {
                let _ = write!(text, " ({}/{} {})", m.value, m.target, m.unit);
            }
            for (i, line) in crate::ui::text::wrap(&text, 72).into_iter().enumerate() {
                let lead = if i == 0 { mark } else { "   " };
                let _ = writeln!(out, "  {lead} {line}");
            }
        }
        if !self.follow_ups.is_empty() {
            out.push_str("\nFollow-ups due\n");
            for f in &self.follow_ups {
                let when = if f.overdue { "overdue since" } else { "due" };
                let _ = writeln!(out, "  {} ({}), {when} {}", f.contact, f.category, f.due);
            }
        }
        let _ = writeln!(
            out,
            "\nProgram: {}/{} tasks done",
            self.progress.done, self.progress.total
        );
        out
    }
}
