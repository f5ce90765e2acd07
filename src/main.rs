//! `peercomp`: parse the command line, run, report errors, exit with the status they call for.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use peercomp::Error;
use peercomp::cli::{self, Cli};
use peercomp::render::visible;

fn main() -> ExitCode {
    // A usage error: clap prints it and exits with status 2.
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = cli.run(&mut out, cli::terminal_width());
    match result.and_then(|outcome| Ok((outcome, out.flush()?))) {
        Ok((outcome, ())) => {
            if let Some(message) = outcome.message() {
                eprintln!("{}", visible(&message));
            }
            ExitCode::from(outcome.exit_code())
        }
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

/// An error on stderr: one line per problem of a file, each with its place; control characters
/// from files or arguments shown as escapes.
fn report(err: &Error) {
    match err {
        Error::Load(problems) => {
            problems.0.iter().for_each(|p| eprintln!("error: {}", visible(&p.to_string())))
        }
        _ => eprintln!("error: {}", visible(&err.to_string())),
    }
}
