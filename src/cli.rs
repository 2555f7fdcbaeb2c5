//! Command-line definitions and the non-interactive subcommands.

mod backup;
mod config;
pub mod errors;
mod events;
mod export;
mod import;
pub mod journey;
pub mod out;
mod people;
mod referral;
mod script;
mod sync;
mod thanks;
mod today;

pub use today::Report;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use color_eyre::Result;
use color_eyre::eyre::eyre;
use rusqlite::Connection;

use crate::app::App;
use crate::domain::{DateUse, Position, Program, TouchKind, parse_date};
use crate::store::{self, Access, Lookup, Options};
pub use config::ConfigCommand;
use out::Out;
pub use thanks::ThanksJson;

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
    /// Clients: contacts who buy from you; they need no category.
    Client {
        #[command(subcommand)]
        command: referral::ClientCommand,
    },
    /// The referral ledger: referrals received and given.
    Referral {
        #[command(subcommand)]
        command: referral::ReferralCommand,
    },
    /// Thank-yous owed to referrers, and marking them sent.
    Thanks {
        #[command(subcommand)]
        command: thanks::ThanksCommand,
    },
    /// Bring people in from CSV (LinkedIn, Google Contacts, Outlook, any
    /// with named columns) and vCard files or folders; the same person is
    /// merged, never doubled. All or nothing.
    Import(import::ImportArgs),
    /// Write your contacts, everything (JSON), a report or what is due
    /// (ICS) in a format other programs read.
    Export(export::ExportArgs),
    /// Keep a folder of vCards (khard, vdirsyncer) and list25 in step.
    Sync {
        #[command(subcommand)]
        command: sync::SyncCommand,
    },
    /// Copy the database to FILE (default: the backups folder beside it),
    /// whole and consistent even while list25 is open.
    Backup {
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Replace the database with a copy made by `backup` (or a daily one),
    /// after checking it; the database as it was is kept in the backups folder.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Referral asks planned for clients, and recording what they said.
    Ask {
        #[command(subcommand)]
        command: journey::AskCommand,
    },
    /// The journey's touchpoints for clients: a welcome card, a call...
    Touchpoint {
        #[command(subcommand)]
        command: journey::TouchpointCommand,
    },
    /// Events a client can bring a friend to.
    Event {
        #[command(subcommand)]
        command: events::EventCommand,
    },
    /// Groups of referral sources: networking groups, associations, clubs.
    Group {
        #[command(subcommand)]
        command: events::GroupCommand,
    },
    /// Referrals given and received per partner, and whom to refer first.
    Balance {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Take back the last change made from the command line, and say what
    /// it was; again for the one before. A change that a later one (made
    /// here or in a window) depends on is refused, with why. Imports,
    /// syncs, restores and demos are not undone this way: restore the copy
    /// taken before them (list25 restore).
    Undo,
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
        /// Add them even if someone of that name is in the category, or
        /// someone has that e-mail address.
        #[arg(long)]
        anyway: bool,
    },
    /// List contacts: of one category, clients, or all.
    List {
        #[arg(long, conflicts_with = "clients")]
        category: Option<String>,
        /// Only clients.
        #[arg(long)]
        clients: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Find contacts as `/` does: fuzzy, by name, company, category, city,
    /// how you met or notes; accents and case do not matter. Best first.
    Search {
        /// What to look for; several words must all be found.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// At most this many (0 for every match).
        #[arg(long, default_value_t = 50)]
        limit: usize,
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
    let db = default_db_path();
    let help = format!(
        "Default database: {}\n(set another with --db or LIST25_DB)\n\n\
         Backups: the first run of each day copies the database into {}\n\
         (the folder beside the database; the last {} days and {} weeks are kept).\n\
         list25 backup makes a copy now; list25 restore FILE brings one back.",
        db.display(),
        crate::store::backup::folder(&db).display(),
        crate::store::backup::DAILY_KEPT,
        crate::store::backup::WEEKLY_KEPT,
    );
    let matches = Cli::command().after_help(help).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

impl Command {
    /// Whether the command only reads the database.
    fn access(&self) -> Access {
        let reads = match self {
            Command::Today { .. } | Command::Script { .. } => true,
            Command::Category { command } => !matches!(command, CategoryCommand::Add { .. }),
            Command::Contact { command } => matches!(
                command,
                ContactCommand::List { .. } | ContactCommand::Search { .. }
            ),
            Command::Config { command } => command.is_query(),
            Command::Referral { command } => {
                matches!(command, referral::ReferralCommand::List { .. })
            }
            Command::Thanks { command } => matches!(command, thanks::ThanksCommand::List { .. }),
            Command::Ask { command } => matches!(command, journey::AskCommand::List { .. }),
            Command::Touchpoint { command } => {
                matches!(command, journey::TouchpointCommand::List { .. })
            }
            Command::Event { command } => matches!(command, events::EventCommand::List { .. }),
            Command::Group { command } => matches!(command, events::GroupCommand::List { .. }),
            Command::Balance { .. } | Command::Backup { .. } | Command::Export(_) => true,
            Command::Restore { .. } | Command::Sync { .. } => false,
            Command::Import(args) => args.dry_run || args.preview.is_some(),
            Command::Program { .. }
            | Command::Demo { .. }
            | Command::Client { .. }
            | Command::Undo => false,
        };
        if reads { Access::Read } else { Access::Write }
    }
}

/// Said when the full-screen program is started without a terminal.
const NEEDS_TERMINAL: &str = "the full-screen program needs a terminal, and standard input or \
     output is not one. From a script or a pipe, use a command instead: today, program, category, \
     contact, client, referral, thanks, balance, ask, touchpoint, event, group, script, config, import, export, sync, backup, restore, undo, demo (list25 --help describes \
     them).";

/// Run what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = cli.today.unwrap_or_else(|| Local::now().date_naive());
    let explicit = cli.db.is_some();
    let path = cli.db.unwrap_or_else(default_db_path);
    if cli.command.is_none() && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())
    {
        return Ok(refuse(NEEDS_TERMINAL));
    }
    // Files to import are read before the database is opened: a file
    // refused leaves the database as it was, byte for byte.
    let reads = match &cli.command {
        Some(Command::Import(args)) => match import::read(&args.files) {
            Ok(reads) => reads,
            Err(refused) => return Ok(refuse(&format!("{refused}. Nothing was imported."))),
        },
        _ => import::Input::Files(Vec::new()),
    };
    let access = cli.command.as_ref().map_or(Access::Write, Command::access);
    let sidecars = store::Sidecars::note(&path);
    let options = Options {
        access,
        create_folder: !explicit,
    };
    let conn = match store::open_with(&path, today, options) {
        Ok(conn) => conn,
        Err(e) => {
            say(&e.to_string());
            return Ok(ExitCode::from(1));
        }
    };
    // Damage found while reading: said like damage found on opening, and
    // the files SQLite made beside the database taken away again.
    match dispatch(conn, cli.command, &path, today, &reads) {
        Err(e) => match e.chain().find_map(|c| c.downcast_ref::<rusqlite::Error>()) {
            Some(db) if store::is_damage(db) => {
                sidecars.tidy();
                say(&store::explain(&path, db).to_string());
                Ok(ExitCode::from(1))
            }
            _ => Err(e),
        },
        ok => ok,
    }
}

fn dispatch(
    mut conn: Connection,
    command: Option<Command>,
    path: &Path,
    today: NaiveDate,
    reads: &import::Input,
) -> Result<ExitCode> {
    let mut out = Out::default();
    // The first run of a day that writes keeps a copy of the database: the
    // full-screen program as it starts, a command once it has succeeded
    // (one refused changes nothing, not even that). Reading needs no copy,
    // a demo fills a new database, and a backup asked for is one.
    let keeps_copy = command.as_ref().is_some_and(|c| {
        c.access() == Access::Write && !matches!(c, Command::Demo { .. } | Command::Restore { .. })
    });
    // The day's copy is taken before its first change, not after.
    if keeps_copy {
        backup::daily(&conn, path, today);
    }
    // A command that writes is one change, named as it was typed, for
    // `list25 undo`; not an import, a sync, a restore or a demo (many rows
    // at once: their undo is the copy taken before them).
    let recorded = command.as_ref().is_some_and(|c| {
        c.access() == Access::Write
            && !matches!(
                c,
                Command::Demo { .. }
                    | Command::Restore { .. }
                    | Command::Import(_)
                    | Command::Sync { .. }
                    | Command::Undo
            )
    });
    if recorded {
        store::undo::begin(
            &conn,
            store::undo::COMMAND_LINE,
            &typed_command(),
            &moment(today),
        )?;
    }
    let writes = command
        .as_ref()
        .is_some_and(|c| c.access() == Access::Write);
    let Some(command) = command else {
        // The day's copy is made on another thread: the first frame
        // does not wait for it.
        let notices = backup::daily_aside(path, today);
        let program = Program::builtin().map_err(|e| eyre!(e))?;
        let app = App::new(conn, program, today, path.display().to_string())?.with_notices(notices);
        crate::tui::run(app)?;
        // Nothing of ours to flush; the terminal may be gone.
        return Ok(ExitCode::SUCCESS);
    };
    let result = (|| -> Result<ExitCode> {
        let code = match command {
            Command::Undo => undo(&conn, &mut out, today)?,
            Command::Today { json } => today::run(&conn, &mut out, today, json)?,
            Command::Program {
                command: ProgramCommand::Start { date },
            } => {
                let date = match crate::domain::dates::check(date, today, DateUse::Start) {
                    Ok(d) => d,
                    Err(why) => return Ok(refuse(&format!("{why}."))),
                };
                store::program::set_start_date(&conn, date)?;
                out.line(format!(
                    "The program starts on {}; {} is {}.",
                    date.format("%a %-d %b %Y"),
                    today.format("%Y-%m-%d"),
                    describe(Position::of(date, today))
                ))?;
                ExitCode::SUCCESS
            }
            Command::Category { command } => people::category(&conn, &mut out, command, today)?,
            Command::Contact { command } => people::contact(&conn, &mut out, command, today)?,
            Command::Demo {
                contacts,
                categories,
            } => {
                if let Err(why) = crate::demo::fill(&conn, categories, contacts, today) {
                    return Ok(refuse(&why));
                }
                out.line(format!(
                    "Made {categories} categories and {contacts} contacts in {}.",
                    path.display()
                ))?;
                ExitCode::SUCCESS
            }
            Command::Config { command } => config::run(&conn, &mut out, command)?,
            Command::Script { command } => script::run(&conn, &mut out, command)?,
            Command::Client { command } => referral::client(&conn, &mut out, command, today)?,
            Command::Referral { command } => referral::referral(&conn, &mut out, command, today)?,
            Command::Thanks { command } => thanks::thanks(&conn, &mut out, command, today)?,
            Command::Balance { json } => thanks::balance(&conn, &mut out, json)?,
            Command::Ask { command } => journey::ask(&conn, &mut out, command, today)?,
            Command::Touchpoint { command } => {
                journey::touchpoint(&conn, &mut out, command, today)?
            }
            Command::Event { command } => events::event(&conn, &mut out, command, today)?,
            Command::Group { command } => events::group(&conn, &mut out, command, today)?,
            Command::Import(args) => import::run(&conn, &mut out, args, reads, today)?,
            Command::Export(args) => export::run(&conn, &mut out, &args, path, today)?,
            Command::Sync { command } => sync::run(&conn, &mut out, command, today)?,
            Command::Backup { file } => backup::backup(&conn, &mut out, path, file, today)?,
            Command::Restore { file } => backup::restore(&mut conn, &mut out, path, &file, today)?,
        };
        Ok(code)
    })();
    let changed = recorded && store::undo::end(&conn).ok().flatten().is_some();
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(code), Ok(())) => Ok(code),
        (result, flushed) => {
            // What the command said could not be written (a full disk, a
            // closed pipe): said plainly, with whether the change was made.
            let failed = out.failed().or_else(|| flushed.err());
            match (failed, result) {
                (Some(e), _) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                (Some(e), _) => {
                    let saved = if changed || writes {
                        "the change was saved, but "
                    } else {
                        ""
                    };
                    say(&format!("{saved}the output could not be written: {e}"));
                    Ok(ExitCode::from(1))
                }
                (None, result) => result,
            }
        }
    }
}

/// The moment a command runs: its (perhaps pinned) day at the clock's time.
fn moment(today: NaiveDate) -> String {
    today
        .and_time(Local::now().time())
        .format(store::TIMESTAMP_FORMAT)
        .to_string()
}

/// The command as it was typed, without the database and the day: how
/// `list25 undo` names it. A word with a space is quoted.
fn typed_command() -> String {
    let mut words = vec!["list25".to_owned()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" || a == "--today" {
            args.next();
            continue;
        }
        if a.starts_with("--db=") || a.starts_with("--today=") {
            continue;
        }
        words.push(if a.is_empty() || a.contains(char::is_whitespace) {
            format!("{a:?}")
        } else {
            a
        });
    }
    words.join(" ")
}

/// `list25 undo`: the last change made from the command line taken back.
fn undo(conn: &Connection, out: &mut Out, today: NaiveDate) -> Result<ExitCode> {
    match store::undo::undo(conn, store::undo::COMMAND_LINE, &moment(today)) {
        Ok(Some(undone)) => {
            out.line(format!("Undone: {}.", undone.label))?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => {
            say("Nothing to undo: no change made from the command line is left.");
            Ok(ExitCode::from(1))
        }
        Err(store::WriteError::Refused(why)) => Ok(refuse(&why)),
        Err(store::WriteError::Db(e)) => Err(e.into()),
    }
}

/// Write one message to stderr, its control characters shown harmlessly.
/// A closed stderr is ignored: there is nobody to tell.
pub(crate) fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "list25: {}", out::plain(message));
}

/// Bad input: say so plainly and exit 2 with nothing written.
pub(crate) fn refuse(message: &str) -> ExitCode {
    say(message);
    ExitCode::from(2)
}

/// A write's outcome for a command: done, refused for a reason to say
/// (exit 2), or an error of the database.
pub(crate) fn refused<T>(
    r: std::result::Result<T, store::WriteError>,
) -> Result<std::result::Result<T, String>> {
    match r {
        Ok(x) => Ok(Ok(x)),
        Err(store::WriteError::Refused(why)) => Ok(Err(why)),
        Err(store::WriteError::Db(e)) => Err(e.into()),
    }
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

fn describe(position: Position) -> String {
    match position {
        Position::NotStarted { days_until } => format!("{days_until} day(s) before it"),
        Position::Day(d) => format!("day {d} of 25"),
    }
}
