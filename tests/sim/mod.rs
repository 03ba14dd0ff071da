//! Tests of the simulation and staffing module (issue 4).
mod charts;
mod cli;
mod erlang;
mod frontier;
mod golden;
mod runaway;
mod scenario;
mod simulation;
mod whatif;
