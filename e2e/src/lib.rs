//! End-to-end tests of the Pledge desktop app live in `tests/e2e.rs`; this
//! library is empty.
