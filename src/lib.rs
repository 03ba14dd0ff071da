//! Pledge core: customer-support service level agreements.
#![deny(missing_docs)]

pub mod format;
pub mod model;
pub mod sim;
