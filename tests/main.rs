//! Integration tests of the core and the CLI: one binary, one module per area.

mod check;
mod cli;
mod format;
mod samples;
mod store;
mod clock;
mod sim;
mod doc;
