//! File formats, each in its own module with its reader and writer side by side.

pub mod case;
pub mod csv;
pub mod ctdl;
pub mod framework;
pub mod json;
pub(crate) mod located;
mod problem;
pub mod sheet;

pub(crate) use problem::{FieldPath, Issue, Seg};
pub use problem::{LoadError, Problem, ProblemKind};

/// How many threads the machine runs at once for peercomp (its cores, or fewer where
/// `taskset` or a container's CPU limit says so), which a large file is parsed and checked on.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What a build without the `xlsx` cargo feature says where a workbook is asked for.
#[cfg(not(feature = "xlsx"))]
pub const WITHOUT_XLSX: &str = "this peercomp was built without XLSX workbooks (cargo's `xlsx` \
     feature, on by default): build it with the default features, or use CSV";
