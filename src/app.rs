//! One command from start to end: load the frameworks, query, render. The binary turns the
//! command line into a [`Request`]; tests and other programs can build one directly.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::load::{self, EMBEDDED_INDEX, LoadError};
use crate::load::{Problem, ProblemKind};
use crate::model::Framework;
use crate::query::{self, CoverageError, CoverageOptions, ListFilter, QueryError};
use crate::render::{self, CrosswalkLayout, Style};

/// What to run, and on which frameworks.
#[derive(Debug, Clone)]
pub struct Request {
    /// Framework files and directories to load instead of the embedded frameworks.
    pub data: Vec<PathBuf>,
    /// Load the embedded frameworks as well as `data`.
    pub with_embedded: bool,
    /// The ids of the frameworks to act on; all loaded ones where empty.
    pub frameworks: Vec<String>,
    pub command: Command,
    pub style: Style,
}

#[derive(Debug, Clone)]
pub enum Command {
    /// A query on the loaded frameworks.
    Query(Query),
    /// Check framework files (the embedded frameworks where none is named) and list every
    /// problem.
    Validate { paths: Vec<PathBuf> },
    /// The JSON Schema of a framework file.
    Schema,
}

#[derive(Debug, Clone)]
pub enum Query {
    /// Entries; `checklist` prints them as Markdown task lists under category headings.
    List {
        filter: ListFilter,
        checklist: bool,
    },
    Frameworks,
    Show {
        ids: Vec<String>,
        as_written: bool,
    },
    Tags {
        as_written: bool,
    },
    Categories {
        as_written: bool,
    },
    /// `framework` defaults to peer-worker, or to the only framework loaded.
    Crosswalk {
        framework: Option<String>,
        by: String,
        as_written: bool,
        layout: CrosswalkLayout,
    },
    Overlaps {
        min: f64,
        as_written: bool,
    },
    /// One framework in a file format: `framework` defaults as for the crosswalk; `output` is a
    /// file to write instead of standard output.
    Export {
        to: ExportFormat,
        framework: Option<String>,
        /// Group by the codes of this scheme instead of by category (markdown).
        by: Option<String>,
        output: Option<PathBuf>,
    },
    /// What a curriculum covers; `fail_under` is the lowest acceptable percentage.
    Coverage {
        file: PathBuf,
        options: CoverageOptions,
        fail_under: Option<f64>,
    },
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The framework model, as `--data` reads it.
    Json,
    /// The framework model, as `--data` reads it.
    Yaml,
    /// A row per entry, for spreadsheets.
    Csv,
    /// A study guide: categories (or a scheme's codes) as headings, entries with their tags.
    Markdown,
    /// CASE 1.1 packages: the framework's, then one per tag scheme.
    Case,
    /// One self-contained page: crosswalk heat maps, every entry, a filter box.
    Html,
}

/// How a command that ran went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    Printed,
    /// The query selected nothing (still a success); what to tell people.
    Nothing(&'static str),
    /// `validate` found this many problems (printed) in this many files.
    Invalid {
        problems: usize,
        files: usize,
    },
    /// `validate` found no problem in this many files.
    Valid {
        files: usize,
    },
    /// The coverage printed is under `--fail-under`.
    CoverageUnder {
        percent: f64,
        minimum: f64,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("{0}")]
    Output(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

pub fn run(request: &Request, out: &mut dyn Write) -> Result<Outcome, Error> {
    let asked = match &request.command {
        Command::Query(asked) => asked,
        Command::Validate { paths } => return validate(paths, request.style, out),
        Command::Schema => {
            serde_json::to_writer_pretty(&mut *out, &schemars::schema_for!(Framework))
                .map_err(io::Error::from)?;
            writeln!(out)?;
            return Ok(Outcome::Printed);
        }
    };
    let embedded = request.with_embedded || request.data.is_empty();
    let needed = embedded_needed(asked, &request.frameworks);
    let loaded = load::load_some(&request.data, &|id| embedded && needed.contains(&id))?;
    let frameworks = match asked {
        // These choose their one framework themselves.
        Query::Crosswalk { .. } | Query::Coverage { .. } | Query::Export { .. } => loaded,
        _ => query::select(loaded, &request.frameworks)?,
    };
    let style = request.style;
    let nothing = match asked {
        Query::List { filter, checklist } => {
            let rows = query::list(&frameworks, filter)?;
            // Nothing to show people: the binary says so on stderr. Programs still get a
            // header or an empty array.
            if *checklist {
                let titles: Vec<(&str, &str)> =
                    frameworks.iter().map(|f| (f.id.as_str(), f.title.as_str())).collect();
                render::checklist(out, &rows, &titles)?;
            } else if !(rows.is_empty() && style.format.is_for_people()) {
                render::entries(out, style, &rows)?;
            }
            if rows.is_empty() { Some("no entries match") } else { None }
        }
        Query::Frameworks => {
            render::frameworks(out, style, &query::framework_summaries(&frameworks))?;
            None
        }
        Query::Show { ids, as_written } => {
            render::shown(out, style, &query::show(&frameworks, ids, *as_written)?)?;
            None
        }
        Query::Tags { as_written } => {
            render::tag_counts(out, style, &query::tag_counts(&frameworks, *as_written))?;
            None
        }
        Query::Categories { as_written } => {
            let rows = query::category_summaries(&frameworks, *as_written);
            let schemes: Vec<(&str, &str)> = query::distinct_schemes(&frameworks)
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect();
            render::categories(out, style, &rows, &schemes)?;
            None
        }
        Query::Crosswalk { framework, by, as_written, layout } => {
            let framework = match framework {
                Some(id) => id.as_str(),
                None => default_crosswalk_framework(&frameworks)?,
            };
            let crosswalk = query::crosswalk(&frameworks, framework, by, *as_written)?;
            render::crosswalk(out, style, &crosswalk, *layout)?;
            None
        }
        Query::Export { to, framework, by, output } => {
            let id = match framework {
                Some(id) => id.as_str(),
                None => default_crosswalk_framework(&frameworks)?,
            };
            let framework = query::framework(&frameworks, id)?;
            let mut text = Vec::new();
            match to {
                ExportFormat::Json => render::framework_json(&mut text, framework)?,
                ExportFormat::Yaml => render::framework_yaml(&mut text, framework)?,
                ExportFormat::Csv => {
                    let filter = ListFilter::default();
                    let rows = query::list(std::slice::from_ref(framework), &filter)?;
                    render::entries_csv_file(&mut text, &rows)?;
                }
                ExportFormat::Case => {
                    render::case_packages(&mut text, framework, &render::case::change_time())?
                }
                ExportFormat::Html => {
                    let crosswalks = framework
                        .schemes
                        .iter()
                        .map(|s| query::crosswalk(&frameworks, &framework.id, &s.id, false))
                        .collect::<Result<Vec<_>, _>>()?;
                    let (framework, sections) = query::sections(&frameworks, &framework.id, None)?;
                    render::html_page(&mut text, framework, &crosswalks, &sections)?;
                }
                ExportFormat::Markdown => {
                    let (framework, sections) =
                        query::sections(&frameworks, &framework.id, by.as_deref())?;
                    render::study_guide(&mut text, framework, &sections, by.is_some())?;
                }
            }
            match output {
                Some(path) => write_file(path, &text, &request.data)?,
                None => out.write_all(&text)?,
            }
            None
        }
        Query::Coverage { file, options, fail_under } => {
            let curriculum = load::curriculum(file)?;
            let framework = match &curriculum.framework {
                Some(id) => id.as_str(),
                None => default_crosswalk_framework(&frameworks)?,
            };
            let report = query::coverage(&frameworks, framework, &curriculum, options).map_err(
                |e| match e {
                    CoverageError::Query(q) => Error::Query(q),
                    CoverageError::Unmatched(all) => Error::Load(LoadError(
                        all.into_iter()
                            .map(|u| {
                                let message = format!(
                                    "module {}: '{}' matches nothing: {}",
                                    u.module, u.reference, u.why
                                );
                                let at = u.line.zip(u.column);
                                Problem::new(
                                    &file.display().to_string(),
                                    ProblemKind::UnknownReference,
                                    message,
                                )
                                .at(at)
                            })
                            .collect(),
                    )),
                },
            )?;
            render::coverage(out, style, &report)?;
            out.flush()?;
            if let (Some(minimum), Some(percent)) = (fail_under, report.percent)
                && percent < *minimum
            {
                return Ok(Outcome::CoverageUnder { percent, minimum: *minimum });
            }
            None
        }
        Query::Overlaps { min, as_written } => {
            let pairs = query::overlaps(&frameworks, *min, *as_written);
            if !(pairs.is_empty() && style.format.is_for_people()) {
                render::overlaps(out, style, &pairs)?;
            }
            if pairs.is_empty() { Some("no overlaps found") } else { None }
        }
    };
    out.flush()?;
    Ok(nothing.map_or(Outcome::Printed, Outcome::Nothing))
}

/// The embedded frameworks a query can touch, known from their index without parsing them, so
/// that start-up does no more than the query needs. Where a query may concern any framework, or
/// a message (an unknown id, tag or category) must name them all, all of them.
fn embedded_needed(asked: &Query, selected: &[String]) -> Vec<&'static str> {
    let index = |id: &str| EMBEDDED_INDEX.iter().find(|i| i.id == id);
    let all: Vec<&'static str> = EMBEDDED_INDEX.iter().map(|i| i.id).collect();
    let base: Vec<&'static str> = match selected {
        [] => all.clone(),
        _ if selected.iter().all(|id| index(id).is_some()) => {
            all.iter().copied().filter(|id| selected.iter().any(|s| s == id)).collect()
        }
        _ => return all,
    };
    let holds = |framework: &str, id: &str| index(framework).is_some_and(|i| i.ids.contains(&id));
    let narrowed: Option<Vec<&'static str>> = match asked {
        Query::Crosswalk { framework, .. } | Query::Export { framework, .. } => {
            let id = framework.as_deref().unwrap_or("peer-worker");
            base.iter().copied().find(|b| *b == id).map(|id| vec![id])
        }
        Query::List { filter, .. } if !filter.tags.is_empty() => {
            let some: Vec<&'static str> = base
                .iter()
                .copied()
                .filter(|f| {
                    index(f).is_some_and(|i| {
                        filter.tags.iter().any(|t| i.schemes.contains(&t.scheme.as_str()))
                    })
                })
                .collect();
            let categories_there =
                filter.categories.iter().all(|c| some.iter().any(|f| holds(f, c)));
            (!some.is_empty() && categories_there).then_some(some)
        }
        Query::Show { ids, .. } => {
            let mut some: Vec<&'static str> = Vec::new();
            for id in ids {
                let holders: Vec<&'static str> = match id.split_once('/') {
                    Some((framework, id)) => {
                        base.iter().copied().filter(|f| *f == framework && holds(f, id)).collect()
                    }
                    None => base.iter().copied().filter(|f| holds(f, id)).collect(),
                };
                if holders.is_empty() {
                    return base;
                }
                some.extend(holders.into_iter().filter(|h| !some.contains(h)).collect::<Vec<_>>());
            }
            Some(base.iter().copied().filter(|f| some.contains(f)).collect())
        }
        _ => None,
    };
    narrowed.unwrap_or(base)
}

/// peer-worker where it is loaded, else the only framework loaded.
fn default_crosswalk_framework(frameworks: &[Framework]) -> Result<&str, QueryError> {
    match frameworks {
        [only] => Ok(&only.id),
        _ if frameworks.iter().any(|f| f.id == "peer-worker") => Ok("peer-worker"),
        _ => Err(QueryError::FrameworkNeeded {
            loaded: frameworks.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", "),
        }),
    }
}

/// Writes a whole file, or nothing: through a temporary file beside it, renamed into place.
/// A file that peercomp is reading is never overwritten.
fn write_file(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
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
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.peercomp-{}", std::process::id()));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(Error::Output(format!("{}: cannot write: {e}", path.display())));
    }
    Ok(())
}

fn validate(paths: &[PathBuf], style: Style, out: &mut dyn Write) -> Result<Outcome, Error> {
    let (problems, checked) = load::check(paths);
    render::problems(out, style, &problems)?;
    out.flush()?;
    if problems.is_empty() {
        return Ok(Outcome::Valid { files: checked });
    }
    let files: HashSet<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    Ok(Outcome::Invalid { problems: problems.len(), files: files.len() })
}
