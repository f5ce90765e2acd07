//! Writing a file named with `-o`: whole or not at all, never one that peercomp is reading.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// Writes a whole file, or nothing: through a temporary file created beside it (exclusively,
/// with a name no one can predict), given the old file's permissions and renamed into place once
/// `write` has written it all. A path that is not a regular file (a device, a FIFO) is written
/// to as it is, never replaced. A file that peercomp is reading is never written.
pub(crate) fn write_file(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let same = |input: &PathBuf| match (input.canonicalize(), path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b || b.starts_with(&a) && input.is_dir(),
        _ => false,
    };
    if inputs.iter().any(same) {
        return Err(Error::Output(format!(
            "{}: peercomp is reading it; choose another file",
            path.display()
        )));
    }
    let cannot =
        |e: std::io::Error| Error::Output(format!("{}: cannot write: {e}", path.display()));
    // An error of the writer is the file's, said with its name.
    let written = |result: Result<(), Error>| match result {
        Err(Error::Io(e)) => Err(cannot(e)),
        other => other,
    };
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let target = std::fs::OpenOptions::new().write(true).open(path).map_err(cannot)?;
        let mut target = std::io::BufWriter::new(target);
        written(write(&mut target))?;
        return target.flush().map_err(cannot);
    }
    // A file that this user may not write is refused, as a shell's `>` refuses it: replacing it
    // through the directory would get around its protection.
    if existing.is_some() {
        std::fs::OpenOptions::new().write(true).open(path).map_err(cannot)?;
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // A new file gets the permissions any program's new file gets (0666 less the umask), not
    // the owner-only ones of a temporary file; an existing file keeps its own (below).
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Watched before it exists: a signal between its creation and the watch would leave it.
    let watch = RemoveOnSignal::watch();
    let mut temporary = match &watch {
        Some(watch) => watch.create(|| builder.tempfile_in(directory)),
        None => builder.tempfile_in(directory),
    }
    .map_err(cannot)?;
    {
        let mut buffered = std::io::BufWriter::new(temporary.as_file_mut());
        written(write(&mut buffered))?;
        buffered.flush().map_err(cannot)?;
    }
    if let Some(metadata) = existing {
        temporary.as_file().set_permissions(metadata.permissions()).map_err(cannot)?;
        keep_owner(temporary.path(), &metadata).map_err(|e| {
            Error::Output(format!(
                "{}: cannot keep its owner ({e}), so it is not replaced; choose another file",
                path.display()
            ))
        })?;
    }
    temporary.persist(path).map_err(|e| cannot(e.error))?;
    Ok(())
}

/// Gives the new file the old one's owner and group, where they differ from this process's: a
/// file replaced as root would otherwise become root's, and its owner could no longer read it.
#[cfg(unix)]
fn keep_owner(new: &Path, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let made = std::fs::metadata(new)?;
    if made.uid() == old.uid() && made.gid() == old.gid() {
        return Ok(());
    }
    std::os::unix::fs::chown(new, Some(old.uid()), Some(old.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_: &Path, _: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

/// While a temporary file exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove it before the
/// process ends (with 128 + the signal's number, as the shell would report it), so that an
/// interrupted `-o` leaves the old file as it was and nothing beside it.
struct RemoveOnSignal {
    handle: signal_hook::iterator::Handle,
    /// The temporary file, once made; locked while it is being made, so that a signal then
    /// waits for its name.
    temporary: std::sync::Arc<std::sync::Mutex<Option<PathBuf>>>,
}

impl RemoveOnSignal {
    fn watch() -> Option<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        // Every signal that ends a process and that a program may catch.
        let mut signals =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT]).ok()?;
        let handle = signals.handle();
        let temporary = std::sync::Arc::new(std::sync::Mutex::new(None::<PathBuf>));
        let watched = temporary.clone();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let made = watched.lock().map(|t| t.clone()).unwrap_or_default();
                if let Some(path) = made {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
        Some(RemoveOnSignal { handle, temporary })
    }

    /// Makes the temporary file and names it to the watch, with no signal handled between.
    fn create(
        &self,
        make: impl FnOnce() -> std::io::Result<tempfile::NamedTempFile>,
    ) -> std::io::Result<tempfile::NamedTempFile> {
        let mut slot = self.temporary.lock().unwrap_or_else(|e| e.into_inner());
        let file = make()?;
        *slot = Some(file.path().to_owned());
        Ok(file)
    }
}

impl Drop for RemoveOnSignal {
    fn drop(&mut self) {
        self.handle.close();
    }
}
