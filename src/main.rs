//! `peercomp`: parse the command line, run, report errors as exit codes.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use peercomp::app::{self, Outcome};
use peercomp::render::Style;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli::parse() {
        cli::Invocation::Completions(shell) => cli::write_completions(shell, &mut out)?,
        cli::Invocation::Man => cli::write_man(&mut out)?,
        cli::Invocation::Run(mut request) => {
            request.style = Style { width: terminal_width(), ..request.style };
            match app::run(&request, &mut out)? {
                Outcome::Nothing(message) if request.style.format.is_for_people() => {
                    eprintln!("{message}");
                }
                Outcome::Invalid { problems, files } => {
                    out.flush()?;
                    eprintln!("{} in {}", plural(problems, "problem"), plural(files, "file"));
                    return Ok(ExitCode::FAILURE);
                }
                Outcome::CoverageUnder { percent, minimum } => {
                    eprintln!("coverage {percent:.1}% is under --fail-under {minimum}%");
                    return Ok(ExitCode::FAILURE);
                }
                Outcome::Valid { files } if request.style.format.is_for_people() => {
                    eprintln!("no problems in {}", plural(files, "file"));
                }
                _ => {}
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "1 file", "2 files".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// The width to wrap tables to: the terminal's, or $COLUMNS where it is set; none in a pipe.
fn terminal_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    if io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(w, _)| w.0).or(columns)
    } else {
        columns
    }
}

/// Prints an error and picks the exit code: a closed pipe is a quiet success, a query the
/// command line got wrong is a usage error (2), anything else a runtime error (1).
fn report(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err.chain().any(|cause| {
        let io = match cause.downcast_ref::<app::Error>() {
            Some(app::Error::Io(io)) => Some(io),
            _ => cause.downcast_ref::<io::Error>(),
        };
        io.is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    match err.downcast_ref::<app::Error>() {
        // One line per problem, each with its file, line and column.
        Some(app::Error::Load(problems)) => problems.0.iter().for_each(|p| eprintln!("error: {p}")),
        _ => eprintln!("error: {err:#}"),
    }
    let usage =
        matches!(err.downcast_ref::<app::Error>(), Some(app::Error::Query(q)) if q.is_usage());
    ExitCode::from(if usage { 2 } else { 1 })
}
