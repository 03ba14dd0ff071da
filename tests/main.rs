//! Integration tests of the core and the CLI: one binary, one module per area.

mod check;
mod cli;
mod clock;
mod doc;
mod format;
mod fuzz;
mod gate;
mod history;
mod percent;
mod samples;
mod sim;
mod store;
mod tidy;
