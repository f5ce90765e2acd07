//! `peercomp`: parse the command line, run, report errors, exit with the status they call for.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use peercomp::Error;
use peercomp::cli::{self, Cli};
use peercomp::text::{TerminalSafe, visible};

fn main() -> ExitCode {
    // A usage error: clap's message, on stderr with status 2, its echo of what was typed made
    // safe for a terminal (`--tag $'zz\e[2J'`); help and the version as clap prints them.
    let cli = Cli::try_parse_args().unwrap_or_else(|err| {
        if !err.use_stderr() {
            err.exit()
        }
        let _ = write!(io::stderr().lock(), "{}", visible(&err.to_string()));
        std::process::exit(err.exit_code())
    });
    let stdout = io::stdout();
    // On a terminal, whatever a command writes cannot drive it (CSV, HTML, YAML included).
    let guard = stdout.is_terminal().then(TerminalSafe::default);
    let mut out = io::BufWriter::new(Stdout { inner: stdout.lock(), guard, safe: Vec::new() });
    let result = cli.run(&mut out, cli::terminal_width());
    // What is still buffered; a reader that went away is no failure of ours.
    let flushed = match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Io(e)),
        _ => Ok(()),
    };
    let (code, lines) = match result.and_then(|outcome| flushed.map(|()| outcome)) {
        Ok(outcome) => (outcome.exit_code(), outcome.message().into_iter().collect()),
        Err(err) => (err.exit_code(), error_lines(&err)),
    };
    // An unwritable stderr is a failure too, never a panic (eprintln! would panic).
    let mut stderr = io::stderr().lock();
    let said = lines.iter().try_for_each(|line| writeln!(stderr, "{}", visible(line)));
    // A stderr closed at start (`2>&-`) reads as /dev/null, which Rust's runtime put there:
    // what was to be said was not.
    let unsaid = said.is_err() || (!lines.is_empty() && closed_at_start::stderr());
    ExitCode::from(if unsaid && code == 0 { 1 } else { code })
}

/// An error as lines for stderr: one per problem of a file, each with its place.
fn error_lines(err: &Error) -> Vec<String> {
    match err {
        Error::Load(problems) => problems.0.iter().map(|p| format!("error: {p}")).collect(),
        Error::Exit2(inner) => error_lines(inner),
        _ => vec![format!("error: {err}")],
    }
}

/// Standard output, which fails where it was closed when peercomp started (`peercomp list >&-`)
/// instead of writing to the /dev/null that Rust's runtime puts in its place; on a terminal,
/// through a guard that shows control characters escaped.
struct Stdout<W> {
    inner: W,
    guard: Option<TerminalSafe>,
    /// The guard's output, kept between writes.
    safe: Vec<u8>,
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if closed_at_start::stdout() {
            return Err(io::Error::other("standard output is closed"));
        }
        match &mut self.guard {
            None => self.inner.write(buf),
            Some(guard) => {
                self.safe.clear();
                guard.push(buf, &mut self.safe);
                self.inner.write_all(&self.safe)?;
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(guard) = &mut self.guard {
            self.safe.clear();
            guard.finish(&mut self.safe);
            self.inner.write_all(&self.safe)?;
        }
        self.inner.flush()
    }
}

/// Whether file descriptor 1 was closed when the process started. Rust's runtime opens /dev/null
/// on a closed standard descriptor before `main`, so this looks earlier: from a function in
/// `.init_array`, which the loader runs before the runtime starts (Linux).
#[cfg(target_os = "linux")]
mod closed_at_start {
    use std::sync::atomic::{AtomicBool, Ordering};

    static STDOUT: AtomicBool = AtomicBool::new(false);
    static STDERR: AtomicBool = AtomicBool::new(false);

    extern "C" fn look() {
        // One system call a descriptor, and no /proc to need (it was three lookups in
        // /proc/self/fd, about 5 µs of every start; without /proc nothing was known).
        // SAFETY: F_GETFD reads a descriptor's flags and changes nothing.
        let closed = |fd| unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1;
        STDOUT.store(closed(1), Ordering::Relaxed);
        STDERR.store(closed(2), Ordering::Relaxed);
    }

    // SAFETY: `look` takes no arguments, returns nothing and touches only an atomic and a
    // descriptor's flags, which is all a function in `.init_array` may do.
    #[used]
    #[unsafe(link_section = ".init_array")]
    static LOOK: extern "C" fn() = look;

    pub fn stdout() -> bool {
        STDOUT.load(Ordering::Relaxed)
    }

    pub fn stderr() -> bool {
        STDERR.load(Ordering::Relaxed)
    }
}

#[cfg(not(target_os = "linux"))]
mod closed_at_start {
    pub fn stdout() -> bool {
        false
    }

    pub fn stderr() -> bool {
        false
    }
}
