//! How an unexpected error or a crash reaches the user: a plain message,
//! a backtrace only when `RUST_BACKTRACE` asks for one, colour only on a
//! terminal that wants it.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use color_eyre::config::{HookBuilder, Theme};

/// Whether stderr may be coloured: a terminal, and `NO_COLOR` not set.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether the user asked for a backtrace.
fn backtrace_wanted() -> bool {
    ["RUST_BACKTRACE", "RUST_LIB_BACKTRACE"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| v != "0"))
}

/// Install the panic and error hooks.
pub fn install() {
    let theme = if colour() {
        Theme::dark()
    } else {
        Theme::new()
    };
    // A second install (tests) is refused; the first one stays, which is fine.
    let _ = HookBuilder::default()
        .theme(theme)
        .display_env_section(false)
        .install();
}

/// Whether the error is a closed pipe: the reader (`head`) has what it wanted.
fn broken_pipe(error: &color_eyre::Report) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Say what went wrong and choose the exit code: a closed pipe ends the
/// command quietly (0); anything else is one plain line (exit 1).
pub fn fail(error: &color_eyre::Report) -> ExitCode {
    if broken_pipe(error) {
        return ExitCode::SUCCESS;
    }
    let mut err = std::io::stderr().lock();
    let causes: Vec<String> = error
        .chain()
        .map(|c| crate::cli::out::plain(&c.to_string()).into_owned())
        .collect();
    // Writing to a closed stderr fails; there is nobody to tell then.
    let _ = writeln!(err, "list25: {}", causes.join(": "));
    if backtrace_wanted() {
        let _ = writeln!(err, "\n{error:?}");
    }
    ExitCode::from(1)
}
