//! Simulation and staffing: the Erlang formulas for steady-state questions
//! and a deterministic discrete-event engine for the rest.
pub mod erlang;
pub mod special;
pub mod time;
