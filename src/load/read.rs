//! Reading framework files: by name, from directories, in bounded memory, as UTF-8.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::formats::{Problem, ProblemKind, Reader, extensions_read, file_format};
use crate::model::Framework;

/// The largest framework file read by default: larger ones are refused before they fill memory.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// A CASE package may be this many times the size limit: CASE writes an item's identifier five
/// times and its statement up to three (the item, and the ends of its links), so peercomp's own
/// CASE export of 100,000 entries is 186 MiB (12 MiB as peercomp's JSON), and reading it back
/// peaks at about three times its text (654 MiB for the 194 MiB of tests/hostile's).
pub(super) const CASE_FACTOR: u64 = 2;

/// The largest file read: MAX_FILE_BYTES, or `PEERCOMP_MAX_FILE_MIB` mebibytes where set (for
/// deliberately large frameworks, such as the benchmarks'). A value that is not a whole number
/// of mebibytes from 1 up, or too large to count in bytes, is an error naming the variable.
pub fn max_file_bytes() -> Result<u64, String> {
    let Some(value) = std::env::var_os("PEERCOMP_MAX_FILE_MIB") else {
        return Ok(MAX_FILE_BYTES);
    };
    let shown = value.to_string_lossy();
    let expected = "expected a whole number of mebibytes from 1 up, such as 512";
    let mib = value
        .to_str()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mib| mib > 0)
        .ok_or_else(|| format!("PEERCOMP_MAX_FILE_MIB={shown}: {expected}"))?;
    mib.checked_mul(1024 * 1024).ok_or_else(|| {
        format!("PEERCOMP_MAX_FILE_MIB={shown}: too large to count in bytes; {expected}")
    })
}

/// `framework.schema.json`: the schema that editors check framework files against.
fn is_schema(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".schema.json"))
}

/// The framework files a path names: itself, or a directory's files of the formats read
/// (`formats::FILE_FORMATS`; not its subdirectories, nor JSON Schemas named `*.schema.json`),
/// sorted by name.
pub(super) fn files(path: &Path) -> Result<Vec<PathBuf>, Problem> {
    let origin = path.display().to_string();
    let metadata = std::fs::metadata(path)
        .map_err(|e| Problem::new(&origin, ProblemKind::Read, format!("cannot read: {e}")))?;
    if !metadata.is_dir() {
        return match file_format(path) {
            Some(_) => Ok(vec![path.to_owned()]),
            None => Err(Problem::new(
                &origin,
                ProblemKind::Format,
                format!("not a framework file: expected a name ending in {}", extensions_read()),
            )),
        };
    }
    let entries = std::fs::read_dir(path)
        .map_err(|e| Problem::new(&origin, ProblemKind::Read, format!("cannot read: {e}")))?;
    let mut files: Vec<PathBuf> = Vec::new();
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        if file_format(&path).is_none() || is_schema(&path) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => files.push(path),
            Ok(m) if m.is_dir() => {}
            // A FIFO, a socket or a device would block or never end: named in a directory, it
            // is passed over, and said so.
            Ok(m) => {
                note(&format!("{}: {}, not a regular file: skipped", path.display(), kind_of(&m)))
            }
            // A link to nothing, or a file gone between listing and looking: said, never
            // passed over in silence.
            Err(e) => note(&format!("{}: cannot read ({e}): skipped", path.display())),
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Problem::new(
            &origin,
            ProblemKind::Read,
            format!("a directory with no framework files ({}) in it", extensions_read()),
        ));
    }
    Ok(files)
}

/// A line for people on stderr, where a problem would be too much: a file passed over, input
/// awaited. Written before anything that may block, so never held back.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "note: {}", crate::text::visible(line));
}

/// "a FIFO", "a socket", "a device": what a path that is not a regular file is.
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// A JSON framework file parsed as it is read, a category at a time ([`super::stream`]), never
/// held whole: its text would otherwise stand in memory beside its model (129 MB of text beside
/// the model of a million entries). None where the file is not a regular file within
/// max_file_bytes(), or is not split and parsed as expected: the caller then reads the text,
/// which says what is wrong and where.
pub(super) fn streamed(path: &Path) -> Option<Framework> {
    let max = max_file_bytes().ok()?;
    let file = std::fs::File::open(path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > max {
        return None;
    }
    // `take`: a file that grows while it is read is cut short, fails to parse, and is read again
    // as text under the limit.
    crate::formats::framework::stream::framework(file.take(max), metadata.len())
}

/// A file's bytes (a workbook's), within max_file_bytes(), and the limit itself, which also
/// bounds what the file's compressed parts may inflate to.
pub(super) fn bytes(path: &Path) -> Result<(Vec<u8>, u64), Problem> {
    let origin = path.display().to_string();
    let max = max_file_bytes().map_err(|e| Problem::new(&origin, ProblemKind::Read, e))?;
    let cannot =
        |e: std::io::Error| Problem::new(&origin, ProblemKind::Read, format!("cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max {
        return Err(too_large(&origin, max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_large(&origin, max));
    }
    Ok((bytes, max))
}

/// A file larger than the most peercomp reads.
fn too_large(origin: &str, max: u64) -> Problem {
    let message = format!(
        "larger than {} MiB, the most peercomp reads ({} MiB of a CASE package; \
         PEERCOMP_MAX_FILE_MIB sets another limit)",
        max / (1024 * 1024),
        max.saturating_mul(CASE_FACTOR) / (1024 * 1024)
    );
    Problem::new(origin, ProblemKind::TooLarge, message)
}

/// A file's text: at most max_file_bytes(), valid UTF-8. A FIFO or a device named on the
/// command line is read as it streams, under the same limit, after a note that input is awaited.
/// A file's text, within the size limit, as UTF-8 (see [`text`]).
pub fn read_text(path: &Path) -> Result<String, Problem> {
    text(path)
}

pub(super) fn text(path: &Path) -> Result<String, Problem> {
    let origin = path.display().to_string();
    let cannot =
        |e: std::io::Error| Problem::new(&origin, ProblemKind::Read, format!("cannot read: {e}"));
    let max = max_file_bytes().map_err(|e| Problem::new(&origin, ProblemKind::Read, e))?;
    let too_large = || too_large(&origin, max);
    // A JSON file may be a CASE package, which is known only once it is read: up to the larger
    // limit, then held to the other unless it is one.
    let json = file_format(path).is_some_and(|f| f.reader == Reader::Text { json: true });
    let most = if json { max.saturating_mul(CASE_FACTOR) } else { max };
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
    {
        note(&format!("waiting for input on {origin} ({})", kind_of(&metadata)));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > most {
        return Err(too_large());
    }
    // `take` bounds what is read even where the size is not known in advance (a pipe, a device).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(most.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot)?;
    let over = bytes.len() as u64 > max;
    if bytes.len() as u64 > most
        || over && !std::str::from_utf8(&bytes).is_ok_and(super::case::is_case)
    {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() as u64 + 1;
        Problem::new(&origin, ProblemKind::NotUtf8, "not UTF-8 text: an invalid byte here")
            .at(Some((line, column)))
    })
}
