//! The import screen (`I` in Contacts): a path typed or pasted, a preview
//! of what the file holds as it will be stored and what becomes of each
//! record, then the import itself, on another thread with a progress bar
//! when the database is a file. All or nothing, as on the command line.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use ratatui_textarea::TextArea;

use super::{App, Message, Popup, Shows};
use crate::domain::text::Lines;
use crate::field;
use crate::interop::FileRead;
use crate::pane::Pane;
use crate::store::import::{Counts, Plan};
use crate::store::{self, Access, Options};

/// The import screen's state.
pub struct Importing {
    pub path: TextArea<'static>,
    pub stage: Stage,
}

/// Where an import stands.
pub enum Stage {
    /// A path is being typed; why the last one was refused, if it was.
    Typing { refused: Option<String> },
    /// What the path holds, read, and what importing it would do.
    Preview(Box<Preview>),
    /// Being written on another thread: how many new people of how many.
    /// Setting `stop` stops it before it is saved.
    Running {
        from: Receiver<Progress>,
        stop: Arc<AtomicBool>,
        done: usize,
        total: usize,
        counts: Counts,
    },
    /// Written, or not: what to say.
    Over { said: String, unsorted: usize },
}

/// A path read and planned.
pub struct Preview {
    /// The text of the path field it was read for.
    pub typed: String,
    pub files: Vec<FileRead>,
    pub plan: Plan,
}

/// What the thread writing an import says.
pub enum Progress {
    Wrote(usize, usize),
    /// The counts of the plan made again against the database as it is.
    Planned(Counts),
    Finished(Result<Counts, String>),
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

    /// A key or paste went into the path: what was read for the old one
    /// no longer holds.
    pub(super) fn import_typed(
        &mut self,
        key: Option<ratatui::crossterm::event::KeyEvent>,
        paste: Option<&str>,
    ) -> field::Typed {
        let Some(Popup::Import(imp)) = &mut self.popup else {
            return field::Typed::Unchanged;
        };
        if matches!(imp.stage, Stage::Running { .. }) {
            return field::Typed::Unchanged;
        }
        let typed = match (key, paste) {
            (Some(k), _) => field::key(&mut imp.path, k, Lines::One, crate::domain::text::MAX_LINE),
            (None, Some(text)) => field::paste(
                &mut imp.path,
                text,
                Lines::One,
                crate::domain::text::MAX_LINE,
            ),
            (None, None) => field::Typed::Unchanged,
        };
        if typed == field::Typed::Changed {
            imp.stage = Stage::Typing { refused: None };
        }
        typed
    }

    /// Enter: read the path, then import what was read, then close.
    pub(super) fn import_enter(&mut self, mut imp: Box<Importing>) {
        match std::mem::replace(&mut imp.stage, Stage::Typing { refused: None }) {
            Stage::Typing { .. } => imp.stage = self.import_preview(&imp.typed()),
            Stage::Preview(preview) if preview.typed == imp.typed() => {
                imp.stage = self.start_import(*preview);
            }
            Stage::Preview(_) => imp.stage = self.import_preview(&imp.typed()),
            running @ Stage::Running { .. } => {
                imp.stage = running;
                self.info("Importing… Esc stops it, and nothing is imported.");
            }
            Stage::Over { unsorted, .. } => {
                self.popup = None;
                self.show_imported(unsorted);
                return;
            }
        }
        self.popup = Some(Popup::Import(imp));
    }

    /// Esc: close, or stop an import running (nothing of it is kept). Once
    /// every row is written, it is being saved and ends by itself.
    pub(super) fn import_escape(&mut self, imp: Box<Importing>) {
        if let Stage::Running {
            stop, done, total, ..
        } = &imp.stage
        {
            if *total > 0 && done >= total {
                self.info("Almost done: the import is being saved.");
            } else {
                stop.store(true, Ordering::Relaxed);
                self.info("Stopping the import: nothing of it is kept.");
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
        let files = match crate::interop::read_all(&[expand(typed)]) {
            Ok(files) => files,
            Err(refused) => {
                return Stage::Typing {
                    refused: Some(format!("{refused}.")),
                };
            }
        };
        match store::import::plan(&self.conn, &files, None) {
            Ok(plan) => Stage::Preview(Box::new(Preview {
                typed: typed.to_owned(),
                files,
                plan,
            })),
            Err(e) => Stage::Typing {
                refused: Some(format!("Could not read the database: {e}")),
            },
        }
    }

    /// Write the import: on another thread with its own connection when
    /// the database is a file, here when it is in memory.
    fn start_import(&mut self, preview: Preview) -> Stage {
        let now = self.now();
        let counts = preview.plan.counts();
        let Some(path) = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
        else {
            let written = store::import::apply(&self.conn, &preview.plan, &now);
            return self.import_over(written.map(|_| counts).map_err(|e| e.to_string()));
        };
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let today = self.today;
        let files = preview.files;
        let spawned = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let result = (|| {
                    let options = Options {
                        access: Access::Write,
                        create_folder: false,
                    };
                    let conn =
                        store::open_with(&path, today, options).map_err(|e| e.to_string())?;
                    // Planned again: another window may have written meanwhile.
                    let plan =
                        store::import::plan(&conn, &files, None).map_err(|e| e.to_string())?;
                    let _ = tx.send(Progress::Planned(plan.counts()));
                    store::import::apply_with(&conn, &plan, &now, &mut |done, total| {
                        let _ = tx.send(Progress::Wrote(done, total));
                        !stopped.load(Ordering::Relaxed)
                    })
                    .map_err(|e| e.to_string())?;
                    Ok(plan.counts())
                })();
                let _ = tx.send(Progress::Finished(result));
            });
        match spawned {
            Ok(_) => Stage::Running {
                from: rx,
                stop,
                done: 0,
                total: counts.added,
                counts,
            },
            Err(e) => self.import_over(Err(e.to_string())),
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
            Err(why) if why == store::import::STOPPED => Stage::Over {
                said: why,
                unsorted: 0,
            },
            Err(why) => Stage::Over {
                said: format!("Nothing was imported: {why}"),
                unsorted: 0,
            },
        }
    }

    /// Time passed: take what the import thread said.
    pub(super) fn import_progress(&mut self) {
        let Some(Popup::Import(imp)) = &mut self.popup else {
            return;
        };
        let Stage::Running {
            from,
            done,
            total,
            counts,
            ..
        } = &mut imp.stage
        else {
            return;
        };
        let mut finished = None;
        loop {
            match from.try_recv() {
                Ok(Progress::Planned(c)) => {
                    *counts = c;
                    *total = c.added;
                }
                Ok(Progress::Wrote(d, t)) => (*done, *total) = (d, t),
                Ok(Progress::Finished(result)) => {
                    finished = Some(result);
                    break;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    finished = Some(Err("the import stopped unexpectedly".into()));
                    break;
                }
            }
        }
        if let Some(result) = finished {
            let stage = self.import_over(result);
            if let Some(Popup::Import(imp)) = &mut self.popup {
                imp.stage = stage;
            }
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
