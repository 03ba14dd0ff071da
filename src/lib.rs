//! Pledge core: customer-support service level agreements.
#![deny(missing_docs)]

pub mod atomic;
pub mod check;
pub mod clock;
pub mod credits;
pub mod doc;
pub mod error;
pub mod format;
pub mod history;
pub mod model;
pub mod samples;
pub mod sim;
pub mod store;
