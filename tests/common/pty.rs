//! Drive the real binary in a pseudo-terminal and read its screen.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for what the screen does not show
    /// (such as a clipboard escape sequence).
    raw: Arc<Mutex<Vec<u8>>>,
    // Keep the master side open while the program runs.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    /// Set when the terminal is being closed: the reading thread lets go.
    closing: Arc<AtomicBool>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Session {
    /// Start `list25 --db DB ARGS...` in a `cols` x `rows` terminal.
    pub fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_list25"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LIST25_DB");
        let child = pair.slave.spawn_command(cmd).expect("spawn list25");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&raw);
        let closing = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&closing);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                // Once the terminal is being closed, this last handle on
                // it goes too, so that the program sees it hang up.
                if n == 0 || stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut l) = log.lock() {
                    l.extend_from_slice(&buf[..n]);
                }
            }
        });
        Session {
            child,
            writer: Some(writer),
            parser,
            raw,
            master: Some(pair.master),
            closing,
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Wait until the screen shows `text`; fail with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    /// Everything the program wrote so far, as (lossy) text.
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }

    /// Wait until the program's output contains `text`.
    pub fn wait_for_raw(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.raw().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the output never held {text:?}:\n{}", self.screen());
    }

    /// Kill the program with SIGKILL: no chance to save anything.
    pub fn kill_9(&mut self) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL {pid}");
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.child.try_wait().expect("wait").is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("list25 survived kill -9");
    }

    /// Send the signal `name` (TERM, HUP, INT, ...) to the program.
    pub fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().expect("pid");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Make the terminal `cols` x `rows`, as a user dragging its corner.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("cols"),
            );
        }
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("type");
        writer.flush().expect("flush");
    }

    /// Close the terminal, as when its window is closed or an SSH
    /// connection drops.
    pub fn hang_up(&mut self) {
        self.closing.store(true, Ordering::Relaxed);
        // A resize makes the program draw, which wakes the reading thread,
        // which then drops its handle on the terminal.
        let size = self.parser.lock().expect("parser").screen().size();
        if let Some(master) = &self.master {
            master
                .resize(PtySize {
                    rows: size.0.get(),
                    cols: size.1.get() + 1,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("resize");
        }
        drop(self.writer.take());
        drop(self.master.take());
    }

    /// Wait for the program to exit and return whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                eprintln!("exit status: {status:?}");
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("list25 did not exit:\n{}", self.screen());
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

/// Start list25 on `db` (a new database) and open a new script's editor.
pub fn new_script(db: &Path, title: &str) -> Session {
    let mut s = Session::start(db, &["--today", "2026-11-22"], 100, 30);
    s.wait_for("Today's tasks");
    s.send("5");
    s.wait_for("Scripts · 11");
    s.send("a");
    s.wait_for("New script");
    s.send(&format!("{title}\tvalue\r"));
    s.wait_for("Esc done (saves)");
    s
}

/// The text of the script titled `title`, read from the database file.
pub fn stored_script(db: &Path, title: &str) -> Option<String> {
    let conn = list25::store::open(db, super::date("2026-11-22")).expect("reopen");
    list25::store::script::list(&conn)
        .expect("scripts")
        .into_iter()
        .find(|s| s.title == title)
        .map(|s| s.text)
}
