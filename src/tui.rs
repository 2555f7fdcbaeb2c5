//! The terminal loop: read a key, resolve it, update, draw.

use color_eyre::Result;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::App;
use crate::{keymap, ui};

/// Run the full-screen program until the user quits. The terminal is
/// restored on return, on error and on panic.
pub fn run(mut app: App) -> Result<()> {
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    while app.running {
        terminal.draw(|frame| ui::render(frame, app))?;
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = keymap::resolve(app.context(), key) {
                    app.update(action);
                }
            }
            _ => {}
        }
    }
    Ok(())
}
