//! Pledge core: customer-support service level agreements.
#![deny(missing_docs)]

pub mod model;
