//! `peercomp man`: the manual, a page for peercomp and one for each command.

use std::io::Write;
use std::path::PathBuf;

use clap::Command;

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output};

/// Print a manual page (roff), or write them all to a directory
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp man | man -l -                 read peercomp(1)
  peercomp man list | man -l -            read peercomp-list(1)
  peercomp man --out ~/.local/share/man/man1
                                          install every page, for `man peercomp-list`")]
pub(crate) struct Args {
    /// The command whose page to print (peercomp-COMMAND(1)); without it, peercomp(1)
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    command: Option<String>,

    /// Write every page (peercomp.1, peercomp-list.1, ...) into DIR instead
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

impl Args {
    /// Prints a page, or writes them all.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let mut top = ctx.command_tree();
        top.build();
        if let Some(dir) = self.out {
            // The folder a manual path names (~/.local/share/man/man1) often does not exist yet.
            std::fs::create_dir_all(&dir).map_err(|e| {
                Error::Output(format!("{}: cannot make the folder: {e}", dir.display()))
            })?;
            let pages = pages(&top);
            // Every page checked before any is written: none written through a link the user
            // did not name (it once overwrote the link's target), nor into a FIFO or a device
            // (it once waited forever on a FIFO named like a page).
            let paths: Vec<PathBuf> =
                pages.iter().map(|(name, _)| dir.join(format!("{name}.1"))).collect();
            let refused: Vec<String> = paths
                .iter()
                .filter_map(|path| {
                    let kind = std::fs::symlink_metadata(path).ok()?.file_type();
                    let what = match () {
                        _ if kind.is_symlink() => "a symbolic link",
                        _ if !kind.is_file() => "not a regular file",
                        _ => return None,
                    };
                    Some(format!("{}: {what}; peercomp writes a page only as a file of its own", path.display()))
                })
                .collect();
            if !refused.is_empty() {
                return Ok(Outcome::Failed(refused.iter().map(|r| format!("error: {r}")).collect()));
            }
            for ((_, page), path) in pages.iter().zip(&paths) {
                super::file::write_file(path, &[], |out| Ok(out.write_all(page)?))?;
            }
            return Ok(Outcome::Said(format!(
                "wrote {} manual pages to {}",
                pages.len(),
                dir.display()
            )));
        }
        let page = match self.command {
            None => page(&top, None),
            Some(name) => {
                let Some(sub) = top.find_subcommand(&name) else {
                    let known: Vec<&str> = top.get_subcommands().map(Command::get_name).collect();
                    return Ok(Outcome::Failed(vec![format!(
                        "no command '{name}' (commands: {})",
                        known.join(", ")
                    )]));
                };
                page(sub, Some(&top))
            }
        };
        out.write_all(&page)?;
        Ok(Outcome::Done)
    }
}

/// Every page: peercomp's, then each command's, with its name.
fn pages(top: &Command) -> Vec<(String, Vec<u8>)> {
    let mut pages = vec![("peercomp".to_owned(), page(top, None))];
    for sub in top.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("peercomp-{}", sub.get_name()), page(sub, Some(top))));
    }
    pages
}

/// A page in roff: clap_mangen's title, name, synopsis, description and options (with the
/// global flags, which clap gives every command), then EXAMPLES, EXIT STATUS and SEE ALSO from
/// the help's own text.
fn page(command: &Command, parent: Option<&Command>) -> Vec<u8> {
    let after_help = command.get_after_help().map(ToString::to_string).unwrap_or_default();
    let mut command = command.clone().after_help(None::<&str>).after_long_help(None::<&str>);
    if parent.is_some() {
        let name = command.get_name().to_owned();
        command = command
            .display_name(format!("peercomp-{name}"))
            .bin_name(format!("peercomp {name}"))
            .version(env!("CARGO_PKG_VERSION"));
    }
    let man = clap_mangen::Man::new(command.clone())
        .source(format!("peercomp {}", env!("CARGO_PKG_VERSION")))
        .manual("peercomp manual");
    let mut roff = Vec::new();
    // Writing to memory cannot fail.
    let _ = (|| -> std::io::Result<()> {
        man.render_title(&mut roff)?;
        man.render_name_section(&mut roff)?;
        man.render_synopsis_section(&mut roff)?;
        man.render_description_section(&mut roff)?;
        if command.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut roff)?;
        }
        if command.has_subcommands() {
            man.render_subcommands_section(&mut roff)?;
        }
        Ok(())
    })();
    let mut examples = Vec::new();
    let mut notes = Vec::new();
    for paragraph in after_help.split("\n\n") {
        if let Some(rest) = paragraph.strip_prefix("Examples:\n") {
            examples.push(rest.to_owned());
        } else if !paragraph.starts_with("Exit codes:") && !paragraph.trim().is_empty() {
            notes.push(paragraph.to_owned());
        }
    }
    let mut text = String::new();
    if !notes.is_empty() {
        text.push_str(".SH NOTES\n");
        for note in &notes {
            text.push_str(&format!(".PP\n{}\n", escape(&note.replace('\n', " "))));
        }
    }
    if !examples.is_empty() {
        text.push_str(".SH EXAMPLES\n.nf\n");
        for line in examples.iter().flat_map(|e| e.lines()) {
            text.push_str(&escape(line));
            text.push('\n');
        }
        text.push_str(".fi\n");
    }
    text.push_str(".SH \"EXIT STATUS\"\n");
    for line in EXIT_CODES.lines().skip(1) {
        let (code, meaning) = line.trim().split_once("  ").unwrap_or((line.trim(), ""));
        text.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", escape(meaning.trim())));
    }
    match parent {
        Some(_) => text.push_str(".SH \"SEE ALSO\"\n\\fBpeercomp\\fR(1)\n"),
        None => {
            let pages: Vec<String> = command
                .get_subcommands()
                .filter(|s| s.get_name() != "help")
                .map(|s| format!("\\fBpeercomp\\-{}\\fR(1)", escape(s.get_name())))
                .collect();
            text.push_str(&format!(".SH \"SEE ALSO\"\n{}\n", pages.join(", ")));
        }
    }
    roff.extend_from_slice(text.as_bytes());
    roff
}

/// Text safe in roff: backslashes and hyphens escaped, a line never starting a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') { format!("\\&{text}") } else { text }
}
