//! The long fuzzing run: `scripts/fuzz.sh [SECONDS]` builds the release
//! binary and runs this. Cases are numbered from `--first` under `--seed`;
//! one case is replayed with `--first N --cases 1`.
//!
//! `cargo run --example fuzz -- --bin target/release/pledge --seconds 600
//!  [--cases N] [--seed S] [--first N] [--time-limit 5] [--memory-mib 1024]
//!  [--findings findings/] [--minimise 20] [--quiet]`
//!
//! Exit 1 when any command failed (a panic, a crash, a timeout, the memory
//! limit, an error without its place, one gate broken, fmt broken).

#[path = "../tests/fuzz/harness.rs"]
mod harness;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};

fn main() -> anyhow::Result<ExitCode> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut settings = harness::Settings {
        bin: root.join("target/release/pledge"),
        root: root.clone(),
        seed: 1,
        first_case: 0,
        cases: None,
        duration: Some(Duration::from_secs(600)),
        limits: harness::Limits {
            time: Duration::from_secs(5),
            memory: 1 << 30,
        },
        findings: Some(root.join("findings")),
        minimise_budget: Duration::from_secs(20),
        known: Vec::new(),
        verbose: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--bin" => settings.bin = PathBuf::from(value()?),
            "--seconds" => settings.duration = Some(Duration::from_secs(value()?.parse()?)),
            "--cases" => {
                settings.cases = Some(value()?.parse()?);
                settings.duration = None;
            }
            "--seed" => settings.seed = value()?.parse()?,
            "--first" => settings.first_case = value()?.parse()?,
            "--time-limit" => settings.limits.time = Duration::from_secs_f64(value()?.parse()?),
            "--memory-mib" => settings.limits.memory = value()?.parse::<u64>()? << 20,
            "--findings" => settings.findings = Some(PathBuf::from(value()?)),
            "--minimise" => settings.minimise_budget = Duration::from_secs(value()?.parse()?),
            "--quiet" => settings.verbose = false,
            other => bail!("unknown option {other}"),
        }
    }
    if !settings.bin.is_file() {
        bail!("no pledge binary at {}", settings.bin.display());
    }
    // Each command runs in its case directory, so the binary's path must
    // not be relative.
    settings.bin = settings.bin.canonicalize()?;
    let summary = harness::run(&settings)?;
    print!("{}", summary.report(settings.seed));
    Ok(if summary.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
