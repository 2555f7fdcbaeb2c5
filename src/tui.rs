//! The terminal loop: read a key, resolve it, update, draw; wake up when
//! an autosave is due; hand copied text to the terminal's clipboard; end
//! cleanly on a signal.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use base64::Engine;
use color_eyre::Result;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

use crate::action::Action;
use crate::app::App;
use crate::{keymap, ui};

/// The longest the loop sleeps without looking around: a signal, or a
/// change made by another program, is noticed within this.
const NAP: Duration = Duration::from_millis(100);

/// Most events handled before the screen is drawn again: a burst of keys
/// (a paste in a terminal without bracketed paste) is handled at once.
const BURST: usize = 4096;

/// Run the full-screen program until the user quits, a signal (TERM, HUP,
/// INT, QUIT) asks it to end, or its terminal goes away. Each way what was typed
/// is saved and the terminal, if still there, restored; a signal or a
/// closed terminal ends it with success. A second TERM or INT while the
/// first is handled ends it at once.
pub fn run(mut app: App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGINT, SIGQUIT] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
    }
    // A closed terminal may send its hang-up more than once: none of them
    // may cut the saving short. QUIT ends it as TERM does: what was typed
    // saved, the terminal put back.
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        hook(info);
    }));
    // Pasted text arrives as one event, not as keys that would save forms
    // and run commands.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &stop);
    let gone = matches!(result, Ok(Ending::TerminalGone));
    let signalled = gone || stop.load(Ordering::Relaxed);
    app.update(if signalled {
        Action::Shutdown
    } else {
        Action::Quit
    });
    // The terminal is put back here, not by its own clean-up: that one
    // prints its failures, and a terminal closed meanwhile (a hang-up seen
    // as a signal before a write fails) takes standard error with it, so
    // printing there would end list25 with an abort instead of success.
    let _ = terminal.show_cursor();
    std::mem::forget(terminal);
    if gone {
        // Nothing to restore and nobody to tell.
        return Ok(());
    }
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    result.map(|_| ())
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Quit, or a signal: the terminal is still there.
    Asked,
    /// The terminal went away (its window closed, the connection dropped).
    TerminalGone,
}

/// How often the loop checks that the terminal is still there.
const PROBE: Duration = Duration::from_secs(1);

/// Whether the terminal still takes output: a closed one fails the write.
/// What is written (reset the colours) changes nothing on screen.
fn answers(terminal: &mut ratatui::DefaultTerminal) -> bool {
    let out = terminal.backend_mut();
    out.write_all(b"\x1b[0m").and_then(|()| out.flush()).is_ok()
}

/// Read terminal events on a thread of their own and pass them on. The
/// terminal library reads a terminal that has hung up over and over
/// without returning; on its own thread that cannot keep the program from
/// noticing the hang-up, saving and ending.
fn read_events() -> Receiver<std::io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if tx.send(event).is_err() || failed {
                break;
            }
        }
    });
    rx
}

/// Run until the user quits, a signal comes, or the terminal goes away.
/// A terminal that can no longer be read or written is gone, not an error.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> Result<Ending> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let events = read_events();
    let mut probed = Instant::now();
    while app.running && !stop.load(Ordering::Relaxed) {
        if probed.elapsed() >= PROBE {
            probed = Instant::now();
            if !answers(terminal) {
                return Ok(Ending::TerminalGone);
            }
        }
        if terminal.draw(|frame| ui::render(frame, app)).is_err() {
            return Ok(Ending::TerminalGone);
        }
        if let Some(text) = app.clipboard.take() {
            let out = terminal.backend_mut();
            let sent = out
                .write_all(osc52(&text, std::env::var_os("TMUX").is_some()).as_bytes())
                .and_then(|()| out.flush());
            if sent.is_err() {
                return Ok(Ending::TerminalGone);
            }
        }
        // Wait for a key, until the next autosave is due, or a nap.
        let wait = app
            .next_tick(Instant::now())
            .map_or(NAP, |w| w.clamp(Duration::from_millis(10), NAP));
        match events.recv_timeout(wait) {
            Ok(Ok(event)) => {
                handle(app, event);
                let mut more = 1;
                while more < BURST && app.running {
                    match events.try_recv() {
                        Ok(Ok(event)) => handle(app, event),
                        Ok(Err(_)) => return Ok(Ending::TerminalGone),
                        Err(_) => break,
                    }
                    more += 1;
                }
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => return Ok(Ending::TerminalGone),
            Err(RecvTimeoutError::Timeout) => {}
        }
        app.update(Action::Tick(Instant::now()));
    }
    Ok(Ending::Asked)
}

/// One terminal event: a key resolved through the keymap, or a paste.
fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if let Some(action) = keymap::resolve(app.context(), key) {
                app.update(action);
            }
        }
        Event::Paste(text) => app.update(Action::Paste(text)),
        Event::Resize(w, h) => app.update(Action::Resize(w, h)),
        _ => {}
    }
}

/// The escape sequence that asks the terminal to put `text` on the system
/// clipboard (OSC 52). Inside tmux it is sent twice: plain, for tmux's own
/// `set-clipboard on`, and wrapped for tmux to pass through to the outer
/// terminal when `allow-passthrough` is on.
pub fn osc52(text: &str, tmux: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{payload}\x07");
    if tmux {
        let wrapped = plain.replace('\x1b', "\x1b\x1b");
        format!("{plain}\x1bPtmux;{wrapped}\x1b\\")
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::osc52;

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("Hi Ana", false), "\x1b]52;c;SGkgQW5h\x07");
        let inside = osc52("Hi Ana", true);
        assert!(inside.starts_with("\x1b]52;c;SGkgQW5h\x07\x1bPtmux;\x1b\x1b]52;c;SGkgQW5h\x07"));
        assert!(inside.ends_with("\x1b\\"));
    }
}
