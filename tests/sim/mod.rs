//! Tests of the simulation and staffing module (issue 4).
mod erlang;
mod simulation;
