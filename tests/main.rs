//! Integration tests of the core and the CLI, one module per area.

mod store;
