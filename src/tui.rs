//! The terminal loop: read a key, resolve it, update, draw; wake up when
//! an autosave is due; hand copied text to the terminal's clipboard.

use std::io::Write;
use std::time::{Duration, Instant};

use base64::Engine;
use color_eyre::Result;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};

use crate::action::Action;
use crate::app::App;
use crate::{keymap, ui};

/// Run the full-screen program until the user quits. The terminal is
/// restored on return, on error and on panic; what was typed in the script
/// editor is saved on the way out either way.
pub fn run(mut app: App) -> Result<()> {
    let mut terminal = ratatui::init();
    // Pasted text arrives as one event, not as keys that would save forms
    // and run commands.
    let _ = ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    app.update(Action::Quit);
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Most events handled before the screen is drawn again: a burst of keys
/// (a paste in a terminal without bracketed paste) is handled at once.
const BURST: usize = 4096;

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    while app.running {
        terminal.draw(|frame| ui::render(frame, app))?;
        if let Some(text) = app.clipboard.take() {
            let out = terminal.backend_mut();
            out.write_all(osc52(&text, std::env::var_os("TMUX").is_some()).as_bytes())?;
            out.flush()?;
        }
        // Wait for a key, or until the next autosave is due.
        let wait = app.next_tick(Instant::now());
        let ready = match wait {
            Some(wait) => event::poll(wait.max(Duration::from_millis(10)))?,
            None => true,
        };
        if ready {
            handle(app, event::read()?);
            let mut more = 1;
            while more < BURST && app.running && event::poll(Duration::ZERO)? {
                handle(app, event::read()?);
                more += 1;
            }
        }
        app.update(Action::Tick(Instant::now()));
    }
    Ok(())
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
