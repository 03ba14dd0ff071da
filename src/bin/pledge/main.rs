//! The `pledge` command line: a thin layer over the core library.

mod agreement;
mod calibrate;
mod clock;
mod erlang;
mod export;
mod frontier;
mod history;
mod history_report;
mod simulate;
mod size;
mod store;
mod targets;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "pledge",
    version,
    about = "Customer-support SLAs: author, simulate, size, export"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check agreement files and report every problem with its place.
    Validate(agreement::ValidateArgs),
    /// Rewrite agreement files in canonical form.
    Fmt(agreement::FmtArgs),
    /// Start a new agreement from a sample.
    New(agreement::NewArgs),
    /// Print the JSON Schema of the agreement file format.
    Schema,
    /// The library of agreements: list, import, export, history, diff, trash.
    Store(store::StoreArgs),
    /// Ticket histories: import helpdesk exports, list them, generate synthetic ones.
    History(history::HistoryArgs),
    /// Business-hours clock: deadlines and elapsed time on a calendar.
    Clock(clock::ClockArgs),
    /// Staff one queue with Erlang C or A, optionally checked by simulation.
    Erlang(erlang::ErlangArgs),
    /// Export the contract of an agreement as PDF, Word (.docx), HTML or Markdown.
    Export(export::ExportArgs),
    /// Simulate a scenario: SLA compliance per target and month, OLAs, occupancy.
    Simulate(simulate::SimulateArgs),
    /// Size the team: the fewest agents per team and shift that hold every objective.
    Size(size::SizeArgs),
    /// The target–cost frontier: agents, staff cost and credits over a range of one target's values.
    Frontier(frontier::FrontierArgs),
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => agreement::validate(args),
        Command::Fmt(args) => agreement::fmt(args),
        Command::New(args) => agreement::new(args),
        Command::Schema => agreement::schema(),
        Command::Store(args) => store::run(args),
        Command::History(args) => history::run(args),
        Command::Clock(args) => clock::run(args),
        Command::Erlang(args) => erlang::run(args),
        Command::Export(args) => export::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Size(args) => size::run(args),
        Command::Frontier(args) => frontier::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pledge: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Lets a closed output pipe (`pledge schema | head`) end the program
/// quietly, as it does other command-line tools, instead of a panic in the
/// middle of printing: Rust ignores SIGPIPE by default.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal at start-up,
    // before any thread exists, has no other effect on the program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
