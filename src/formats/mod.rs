//! File formats, each in its own module with its reader and writer side by side.

pub mod case;
pub mod csv;
pub mod ctdl;
pub mod json;
