//! The `pledge` command line: a thin layer over the core library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod erlang;

#[derive(Parser)]
#[command(name = "pledge", version, about = "Customer-support SLAs: author, simulate, size, export")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the JSON Schema of the agreement file format.
    Schema,
    /// Staff one queue with Erlang C or A, optionally checked by simulation.
    Erlang(erlang::ErlangArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => schema(),
        Command::Erlang(args) => erlang::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pledge: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn schema() -> anyhow::Result<ExitCode> {
    let schema = schemars::schema_for!(pledge::model::Agreement);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
