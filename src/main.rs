use std::process::ExitCode;

fn main() -> ExitCode {
    list25::cli::errors::install();
    let cli = list25::cli::parse();
    match list25::cli::run(cli) {
        Ok(code) => code,
        Err(e) => list25::cli::errors::fail(&e),
    }
}
