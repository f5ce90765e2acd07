//! Curricula and requirements checked against the frameworks they name, as `validate` checks
//! them: with the commands' own resolution, so that what `validate` passes, `coverage` accepts.

use crate::formats::{Problem, ProblemKind};
use crate::load::{self, Plan};
use crate::model::{Curriculum, Framework};
use crate::query::{CoverageError, CoverageOptions, coverage, requirements};

/// A plan checked as the commands that read it check it: a curriculum's references, or the
/// requirements' groups, against the framework it names (`peer-worker`, or the only framework
/// loaded, where it names none; an embedded one loads where named), so that what `validate`
/// passes, `coverage` accepts.
pub fn check_plan(plan: &Plan, origin: &str, loaded: &[Framework]) -> Vec<Problem> {
    let named = match plan {
        Plan::Curriculum(c) => c.framework.as_deref(),
        Plan::Requirements(r) => r.framework.as_deref(),
    };
    let id = match (named, loaded) {
        (Some(id), _) => id,
        (None, [only]) => only.id.as_str(),
        (None, _) => "peer-worker",
    };
    let embedded: Vec<Framework>;
    let framework = match loaded.iter().find(|f| f.id.eq_ignore_ascii_case(id)) {
        Some(framework) => framework,
        None => {
            embedded = load::load_some(&[], &|e| e.id.eq_ignore_ascii_case(id)).unwrap_or_default();
            match embedded.first() {
                Some(framework) => framework,
                None => {
                    let known: Vec<&str> = loaded.iter().map(|f| f.id.as_str()).collect();
                    let message = format!(
                        "framework '{id}' is not loaded (loaded: {}; embedded: {})",
                        known.join(", "),
                        load::EMBEDDED.iter().map(|e| e.id).collect::<Vec<_>>().join(", ")
                    );
                    return vec![Problem::new(origin, ProblemKind::UnknownReference, message)];
                }
            }
        }
    };
    let frameworks = std::slice::from_ref(framework);
    let options =
        CoverageOptions { by: "category".into(), include_subitems: false, as_written: false };
    let none = Curriculum { curriculum: String::new(), framework: None, modules: vec![] };
    let curriculum = match plan {
        Plan::Curriculum(curriculum) => curriculum,
        Plan::Requirements(_) => &none,
    };
    let checked =
        coverage(frameworks, &framework.id, curriculum, &options).and_then(|c| match plan {
            Plan::Requirements(r) => requirements(frameworks, &c, r, false).map(drop),
            Plan::Curriculum(_) => Ok(()),
        });
    match checked {
        Ok(()) => Vec::new(),
        Err(error) => unmatched_problems(error, origin),
    }
}

/// A coverage's references that match nothing, as problems of its file, each at its place.
pub fn unmatched_problems(error: CoverageError, origin: &str) -> Vec<Problem> {
    match error {
        CoverageError::Query(q) => {
            vec![Problem::new(origin, ProblemKind::UnknownReference, q.to_string())]
        }
        CoverageError::Unmatched(all) => all
            .into_iter()
            .map(|u| {
                let message = format!("{}: '{}' matches nothing: {}", u.within, u.reference, u.why);
                Problem::new(origin, ProblemKind::UnknownReference, message)
                    .at(u.line.zip(u.column))
            })
            .collect(),
    }
}
