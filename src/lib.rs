//! Pledge core: customer-support service level agreements.
#![deny(missing_docs)]

pub mod doc;
pub mod format;
pub mod model;
