//! CTDL-ASN (Credential Engine's Competency Framework terms, as JSON-LD), both ways.

pub mod write;
pub use self::write::*;
