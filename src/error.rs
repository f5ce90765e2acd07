//! The one error type of a command, and what its exit status is.

use std::io;

use crate::formats::LoadError;
use crate::query::QueryError;

/// Why a command could not do what it was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Files that cannot be loaded, with every problem found in them.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A query that cannot be answered as asked.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// An environment variable whose value cannot be used, and what was expected.
    #[error("{0}")]
    Environment(String),
    /// An output file that cannot be written, and why.
    #[error("{0}")]
    Output(String),
    /// Reading or writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// An error of a command whose status 1 says something else (`diff`: the versions differ),
    /// so that every error of it exits 2, as `diff`'s own do.
    #[error(transparent)]
    Exit2(Box<Error>),
}

impl Error {
    /// The exit status: 2 where the command line or the environment asked for something that
    /// does not exist or cannot be (a usage error, as clap's own), 1 for anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Query(q) if q.is_usage() => 2,
            Error::Environment(_) | Error::Exit2(_) => 2,
            _ => 1,
        }
    }

    /// Whether the reader of standard output went away (`peercomp list | head -1`): not a
    /// failure of peercomp's, so it ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
            Error::Exit2(inner) => inner.is_broken_pipe(),
            _ => false,
        }
    }
}
