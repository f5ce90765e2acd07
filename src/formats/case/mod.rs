//! CASE 1.1 (1EdTech Competencies and Academic Standards Exchange), both ways: [`write`] makes a
//! framework into CFPackages, and the reader (`load`'s) builds a framework from one.

pub mod write;
pub use self::write::*;
