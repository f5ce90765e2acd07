//! CTDL-ASN (Credential Engine's Competency Framework terms, as JSON-LD), both ways.

pub(crate) mod read;
pub(crate) mod write;
pub(crate) use self::write::*;
