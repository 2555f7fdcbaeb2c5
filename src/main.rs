use std::process::ExitCode;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = list25::cli::parse();
    list25::cli::run(cli)
}
