//! File formats, each in its own module with its reader and writer side by side.

pub mod case;
pub mod csv;
pub mod ctdl;
pub mod json;

/// What a build without the `xlsx` cargo feature says where a workbook is asked for.
#[cfg(not(feature = "xlsx"))]
pub const WITHOUT_XLSX: &str = "this peercomp was built without XLSX workbooks (cargo's `xlsx` \
     feature, on by default): build it with the default features, or use CSV";
