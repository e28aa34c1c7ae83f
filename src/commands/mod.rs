//! One module per command; none imports another.

pub mod align;
pub mod batch;
pub mod convert;
pub mod eval;
pub mod model;
pub mod qa;
pub mod review;
pub mod segment;
