//! The integration tests of the `pledge` crate, one module per area.

mod doc;
