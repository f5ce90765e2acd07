//! `peercomp site`: the pages and CASE answers of `serve`, written as files for any static web
//! server.

use std::path::{Path, PathBuf};

use super::prelude::{Context, EXIT_CODES, FrameworkArgs, Outcome, Output, plural};
use crate::Error;
use crate::web::Site;

/// Write the frameworks as a static web site: the pages of `serve` (a folder with an
/// index.html each), its CASE 1.1 answers, a search that runs in the browser
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp site -o public                   both frameworks, ready for any static host
  cd public && python3 -m http.server       look at it on http://localhost:8000/
  peercomp --data state.yaml --with-embedded site -o public
                                            a framework of your own beside them

The layout is serve's, path for path: a page at /f/peer-worker/ is public/f/peer-worker/index.html,
and a CASE item at /ims/case/v1p1/CFItems/ID is public/ims/case/v1p1/CFItems/ID (JSON without
an extension: public/_headers gives it its type on hosts that read such a file). The list of CASE
documents is CFDocuments/index.json, since CFDocuments is also their folder. Search reads a
prebuilt index (search/index.json) in the browser; without JavaScript the search page leads to
the tags and categories. The links between pages are relative: the site can live in a
sub-folder of its host.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The folder to write: a new one, or an empty one (never one with files in it)
    #[arg(long, short = 'o', value_name = "DIR")]
    output: PathBuf,

    #[command(flatten)]
    framework: FrameworkArgs,
}

impl Args {
    /// Writes the site into a new folder beside DIR, then moves it into place: DIR holds the
    /// whole site or is left as it was.
    pub(crate) fn run(self, ctx: &Context, _out: &mut Output) -> Result<Outcome, Error> {
        refuse_full(&self.output)?;
        ctx.on_frameworks(&self.framework.frameworks, |frameworks| {
            let alignments = ctx.alignments(frameworks)?;
            let site = Site::new(frameworks.to_vec(), alignments, None);
            let (files, left_out) = site.files();
            let count = files.len();
            write_folder(&self.output, files)?;
            let mut said = format!("wrote {} to {}", plural(count, "file"), self.output.display());
            if !left_out.is_empty() {
                said.push_str(&format!(
                    "\nleft out {} whose ids cannot be file names: {}",
                    plural(left_out.len(), "page"),
                    left_out.join(", ")
                ));
            }
            Ok(Outcome::Said(said))
        })
    }
}

/// A folder that exists with something in it is not written over.
fn refuse_full(dir: &Path) -> Result<(), Error> {
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(Error::Output(format!(
            "{}: the folder has files in it; name a new or empty folder",
            dir.display()
        ))),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if dir.exists() && !dir.is_dir() => {
            Err(Error::Output(format!("{}: not a folder ({e})", dir.display())))
        }
        Err(e) => Err(Error::Output(format!("{}: cannot read: {e}", dir.display()))),
    }
}

/// Writes the files into a temporary folder beside `dir`, then renames it to `dir`.
fn write_folder(dir: &Path, files: Vec<crate::web::SiteFile>) -> Result<(), Error> {
    let cannot = |e: std::io::Error| Error::Output(format!("{}: cannot write: {e}", dir.display()));
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temporary = tempfile::Builder::new().prefix(".peercomp-site").tempdir_in(parent).map_err(cannot)?;
    for file in files {
        let path = temporary.path().join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(cannot)?;
        }
        std::fs::write(&path, &file.bytes).map_err(cannot)?;
    }
    // A new folder gets the permissions any program's would (a temporary one is owner-only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o755);
        std::fs::set_permissions(temporary.path(), mode).map_err(cannot)?;
    }
    if dir.is_dir() {
        std::fs::remove_dir(dir).map_err(cannot)?;
    }
    let kept = temporary.keep();
    std::fs::rename(&kept, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        cannot(e)
    })
}
