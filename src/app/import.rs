//! The import screen (`I` in Contacts): a path typed or pasted, a preview
//! of what the file holds as it will be stored and what becomes of each
//! record, then the import itself, with a progress bar. All or nothing,
//! as on the command line.
//!
//! On a database file both steps run as `list25 import` in a process of
//! their own: the screen stays live while a long file is read, and the
//! memory a large import takes is handed back when it ends. Stopping it
//! kills that process before it has saved, and nothing is kept. A database
//! in memory (the tests) is imported here and now.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use ratatui_textarea::TextArea;

use super::{App, Message, Popup, Shows};
use crate::pane::Pane;
use crate::store::import::{Counts, Preview};
use crate::store::{self};

/// How many records the preview lists.
const PREVIEW_ROWS: usize = 200;

/// The import screen's state.
pub struct Importing {
    pub path: TextArea<'static>,
    pub stage: Stage,
}

/// A `list25 import` working for the screen: killed if the screen goes.
pub struct Worker {
    child: Child,
    said: Receiver<Said>,
    /// The last line it said, kept across ticks: a long preview arrives
    /// on one tick and the worker's end on a later one.
    last: Option<String>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Ended already, or stopped here before it saved: nothing is kept.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A line from the worker, or its end with what it wrote on stderr.
enum Said {
    Line(String),
    Ended(String),
}

/// Where an import stands.
pub enum Stage {
    /// A path is being typed; why the last one was refused, if it was.
    Typing { refused: Option<String> },
    /// The path being read and matched, by a worker.
    Reading { typed: String, worker: Worker },
    /// What the path holds and what importing it would do.
    Preview {
        typed: String,
        preview: Box<Preview>,
    },
    /// Being written by a worker: how many new people of how many.
    Running {
        worker: Worker,
        done: usize,
        total: usize,
        counts: Counts,
    },
    /// Written, or not: what to say.
    Over { said: String, unsorted: usize },
}

/// A path as typed: `~` is the home folder; the rest as the shell would
/// pass it, without quotes a paste may have brought.
pub fn expand(typed: &str) -> PathBuf {
    let t = typed.trim().trim_matches(|c| c == '\'' || c == '"');
    match t.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            let home = std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default();
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(t),
    }
}

impl Importing {
    pub fn typed(&self) -> String {
        self.path.lines().join("")
    }

    /// Whether the path is in use: being read or imported.
    pub fn busy(&self) -> bool {
        matches!(self.stage, Stage::Reading { .. } | Stage::Running { .. })
    }
}

/// Start `list25 import` on `db` with `args`; its output lines and end
/// arrive on the worker's channel.
fn spawn(
    db: &str,
    today: chrono::NaiveDate,
    args: &[&str],
    file: &std::path::Path,
) -> Result<Worker, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(today.format("%Y-%m-%d").to_string())
        .arg("import")
        .args(args)
        .arg("--")
        .arg(file)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let (tx, said) = mpsc::channel();
    let (Some(out), Some(mut err)) = (child.stdout.take(), child.stderr.take()) else {
        return Err("no output from the import".into());
    };
    std::thread::Builder::new()
        .name("import output".into())
        .spawn(move || {
            for line in BufReader::new(out).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(Said::Line(l)).is_err() {
                            return;
                        }
                    }
                    Err(_) => break,
                }
            }
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            let _ = tx.send(Said::Ended(text));
        })
        .map_err(|e| e.to_string())?;
    Ok(Worker {
        child,
        said,
        last: None,
    })
}

/// What a worker said on stderr about `path`, as the screen says it.
fn complaint(stderr: &str, path: &std::path::Path) -> String {
    let text = stderr.trim().trim_start_matches("list25: ").trim();
    if text.is_empty() {
        "the import ended without saying why".into()
    } else {
        shorter(text, path)
    }
}

/// A message about the file or folder at `path`, which the screen shows
/// whole just above it, naming it by its name alone: what follows the name
/// reads the same wherever the file is.
fn shorter(message: &str, path: &std::path::Path) -> String {
    let full = path.display().to_string();
    match (message.strip_prefix(&full), path.file_name()) {
        (Some(rest), Some(name)) if !full.is_empty() => {
            format!("{}{rest}", name.to_string_lossy())
        }
        _ => message.to_owned(),
    }
}

impl App {
    pub(super) fn open_import(&mut self) {
        let mut path = TextArea::default();
        path.set_placeholder_text("a CSV or vCard file, or a folder of .vcf files");
        path.set_cursor_line_style(ratatui::style::Style::new());
        self.popup = Some(Popup::Import(Box::new(Importing {
            path,
            stage: Stage::Typing { refused: None },
        })));
    }

    /// The database's file, when it has one.
    fn db_file(&self) -> Option<String> {
        self.conn
            .path()
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
    }

    /// Enter: read the path, then import what was read, then close.
    pub(super) fn import_enter(&mut self, mut imp: Box<Importing>) {
        let typed = imp.typed();
        imp.stage = match std::mem::replace(&mut imp.stage, Stage::Typing { refused: None }) {
            Stage::Preview {
                typed: read,
                preview,
            } if read == typed => self.start_import(&typed, preview.counts),
            busy @ (Stage::Reading { .. } | Stage::Running { .. }) => {
                self.info("A moment: the file is being read or written.");
                busy
            }
            Stage::Over { unsorted, .. } => {
                self.popup = None;
                self.show_imported(unsorted);
                return;
            }
            Stage::Typing { .. } | Stage::Preview { .. } => self.import_preview(&typed),
        };
        self.popup = Some(Popup::Import(imp));
    }

    /// Esc: close (a worker reading is stopped), or stop an import being
    /// written: nothing of it is kept. Once every row is written it is
    /// being saved, and ends by itself.
    pub(super) fn import_escape(&mut self, mut imp: Box<Importing>) {
        if let Stage::Running {
            worker,
            done,
            total,
            ..
        } = &mut imp.stage
        {
            if *total > 0 && done >= total {
                self.info("Almost done: the import is being saved.");
                self.popup = Some(Popup::Import(imp));
                return;
            }
            // Killed before it saved, nothing is kept; if it had ended
            // already, what it did is said on the next tick.
            let _ = worker.child.kill();
            let finished = worker.child.wait().is_ok_and(|s| s.success());
            if !finished {
                imp.stage = Stage::Over {
                    said: store::import::STOPPED.into(),
                    unsorted: 0,
                };
                self.info("Stopped: nothing of the import is kept.");
            }
            self.popup = Some(Popup::Import(imp));
            return;
        }
        if let Stage::Over { unsorted, .. } = imp.stage {
            self.show_imported(unsorted);
        }
    }

    fn import_preview(&mut self, typed: &str) -> Stage {
        if typed.trim().is_empty() {
            return Stage::Typing {
                refused: Some("Type or paste the path of a file or folder first.".into()),
            };
        }
        let path = expand(typed);
        if let Some(db) = self.db_file() {
            let rows = PREVIEW_ROWS.to_string();
            return match spawn(&db, self.today, &["--preview", &rows], &path) {
                Ok(worker) => Stage::Reading {
                    typed: typed.to_owned(),
                    worker,
                },
                Err(why) => Stage::Typing {
                    refused: Some(format!("Could not read it: {why}")),
                },
            };
        }
        let preview = crate::interop::read_all(std::slice::from_ref(&path))
            .map_err(|refused| format!("{}.", shorter(&refused.to_string(), &path)))
            .and_then(|files| {
                store::import::plan(&self.conn, &files, None)
                    .map(|plan| Preview::of(&plan, &files, PREVIEW_ROWS))
                    .map_err(|e| format!("Could not read the database: {e}"))
            });
        match preview {
            Ok(preview) => Stage::Preview {
                typed: typed.to_owned(),
                preview: Box::new(preview),
            },
            Err(why) => Stage::Typing { refused: Some(why) },
        }
    }

    /// Write the import: by a worker on a database file (it reads the file
    /// again and matches against the database as it is then: another
    /// window may have written meanwhile), here on one in memory.
    fn start_import(&mut self, typed: &str, planned: Counts) -> Stage {
        let path = expand(typed);
        let Some(db) = self.db_file() else {
            let now = self.now();
            let done = crate::interop::read_all(&[path])
                .map_err(|r| r.to_string())
                .and_then(|files| {
                    let plan =
                        store::import::plan(&self.conn, &files, None).map_err(|e| e.to_string())?;
                    store::import::apply(&self.conn, &plan, &now).map_err(|e| e.to_string())?;
                    Ok(plan.counts())
                });
            return self.import_over(done);
        };
        match spawn(&db, self.today, &["--progress"], &path) {
            Ok(worker) => Stage::Running {
                worker,
                done: 0,
                total: planned.added,
                counts: planned,
            },
            Err(why) => self.import_over(Err(why)),
        }
    }

    /// What an import that ended says, and the lists read again.
    fn import_over(&mut self, result: Result<Counts, String>) -> Stage {
        match result {
            Ok(c) => {
                self.refresh();
                let unsorted = if c.unsorted > 0 {
                    format!(" {} are in no category: Enter shows them.", c.unsorted)
                } else {
                    String::new()
                };
                Stage::Over {
                    said: format!(
                        "Imported: {} added, {} merged ({} with something new), {} refused.{unsorted}",
                        c.added, c.merged, c.news, c.skipped
                    ),
                    unsorted: c.unsorted,
                }
            }
            Err(why) => Stage::Over {
                said: format!("Nothing was imported: {why}"),
                unsorted: 0,
            },
        }
    }

    /// Time passed: take what the worker said.
    pub(super) fn import_progress(&mut self) {
        let Some(Popup::Import(imp)) = &mut self.popup else {
            return;
        };
        let worker = match &mut imp.stage {
            Stage::Reading { worker, .. } | Stage::Running { worker, .. } => worker,
            _ => return,
        };
        let mut lines = Vec::new();
        let mut ended = None;
        loop {
            match worker.said.try_recv() {
                Ok(Said::Line(l)) => {
                    worker.last = Some(l.clone());
                    lines.push(l);
                }
                Ok(Said::Ended(stderr)) => {
                    let ok = worker.child.wait().is_ok_and(|s| s.success());
                    ended = Some((ok, stderr));
                    break;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    ended = Some((false, String::new()));
                    break;
                }
            }
        }
        let last = worker.last.take();
        let path = expand(&imp.typed());
        let next = match &mut imp.stage {
            Stage::Reading { typed, worker } => match ended {
                None => {
                    worker.last = last;
                    return;
                }
                Some((true, _)) => match last.map(|l| serde_json::from_str::<Preview>(&l)) {
                    Some(Ok(preview)) => Ok(Stage::Preview {
                        typed: typed.clone(),
                        preview: Box::new(preview),
                    }),
                    _ => Ok(Stage::Typing {
                        refused: Some("The file could not be read.".into()),
                    }),
                },
                Some((false, stderr)) => Ok(Stage::Typing {
                    refused: Some(complaint(&stderr, &path)),
                }),
            },
            Stage::Running {
                done,
                total,
                counts,
                worker,
            } => {
                for l in &lines {
                    if let Some(rest) = l.strip_prefix("wrote ") {
                        let mut n = rest.split(' ').filter_map(|x| x.parse::<usize>().ok());
                        if let (Some(d), Some(t)) = (n.next(), n.next()) {
                            (*done, *total) = (d, t);
                        }
                    } else if l == "ready" {
                        // Everything is written: it may be saved. Were this
                        // window gone, the worker would read nothing.
                        let saying = worker
                            .child
                            .stdin
                            .as_mut()
                            .map(|i| i.write_all(b"save\n").and_then(|()| i.flush()));
                        if !matches!(saying, Some(Ok(()))) {
                            let _ = worker.child.kill();
                        }
                    } else if let Some(json) = l.strip_prefix("counts ")
                        && let Ok(c) = serde_json::from_str::<Counts>(json)
                    {
                        *counts = c;
                    }
                }
                match ended {
                    None => return,
                    Some((true, _)) => Err(Ok(*counts)),
                    Some((false, stderr)) => Err(Err(complaint(&stderr, &path))),
                }
            }
            _ => return,
        };
        // A preview is shown as it is; an import that ended is said, with
        // the lists read again.
        let next = match next {
            Ok(stage) => stage,
            Err(result) => self.import_over(result),
        };
        if let Some(Popup::Import(imp)) = &mut self.popup {
            imp.stage = next;
        }
    }

    /// After an import: the people added, in the unsorted view when some
    /// are in no category.
    fn show_imported(&mut self, unsorted: usize) {
        self.pane = Pane::Contacts;
        self.contacts.card = None;
        if unsorted > 0 {
            self.contacts.shows = Shows::Unsorted;
            self.contacts.cursor = 0;
        }
        self.reload_contacts();
        if unsorted > 0 {
            self.message = Some(Message::Info(
                "These are in no category: p puts the one selected in one.".into(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Program, parse_date};

    /// A worker whose lines the test sends by hand.
    fn worker() -> (mpsc::Sender<Said>, Worker) {
        let (tx, said) = mpsc::channel();
        let child = Command::new("true").spawn().expect("a child process");
        (
            tx,
            Worker {
                child,
                said,
                last: None,
            },
        )
    }

    #[test]
    fn a_preview_said_on_one_tick_and_the_end_on_the_next_is_shown() {
        let today = parse_date("2026-11-24").expect("date");
        let conn = store::open_in_memory(today).expect("open");
        let mut app = App::new(
            conn,
            Program::builtin().expect("program"),
            today,
            "t".into(),
        )
        .expect("app");
        let preview = Preview {
            files: vec![("big.csv".into(), "CSV".into(), 60_000)],
            counts: Counts::default(),
            rows: Vec::new(),
            records: 60_000,
        };
        let (tx, worker) = worker();
        app.popup = Some(Popup::Import(Box::new(Importing {
            path: TextArea::new(vec!["big.csv".into()]),
            stage: Stage::Reading {
                typed: "big.csv".into(),
                worker,
            },
        })));
        let line = serde_json::to_string(&preview).expect("json");
        tx.send(Said::Line(line)).expect("send");
        app.import_progress();
        let reading = |app: &App| matches!(&app.popup, Some(Popup::Import(i)) if matches!(i.stage, Stage::Reading { .. }));
        assert!(reading(&app), "not over until the worker ends");
        tx.send(Said::Ended(String::new())).expect("send");
        app.import_progress();
        let Some(Popup::Import(imp)) = &app.popup else {
            panic!("the screen stays");
        };
        let Stage::Preview { preview: shown, .. } = &imp.stage else {
            panic!("the preview is shown, not refused");
        };
        assert_eq!(shown.records, 60_000);
    }

    #[test]
    fn a_message_names_the_file_by_its_name_alone() {
        let path = std::path::Path::new("/a/very/long/folder/of/someone/unterminated.csv");
        assert_eq!(
            shorter(
                "/a/very/long/folder/of/someone/unterminated.csv, line 2: a quote",
                path
            ),
            "unterminated.csv, line 2: a quote"
        );
        assert_eq!(shorter("no such file", path), "no such file");
    }
}
