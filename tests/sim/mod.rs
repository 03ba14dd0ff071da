//! Tests of the simulation and staffing module (issue 4).
mod abandonment;
mod charts;
mod cli;
mod erlang;
mod escalation;
mod frontier;
mod golden;
mod mser;
mod portfolio;
mod runaway;
mod scenario;
mod simulation;
mod sizing_in_money;
mod whatif;

/// A temporary folder holding `scenario.yaml` with `text`, used as the data
/// folder too (the commands must not need one).
fn scenario_dir(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("scenario.yaml"), text).expect("written");
    dir
}

/// Runs the real `pledge` with `args` in `dir`, `dir` as its data folder.
fn run_in(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("pledge")
        .unwrap()
        .current_dir(dir.path())
        .env("PLEDGE_DATA_DIR", dir.path())
        .args(args)
        .output()
        .expect("pledge runs")
}

/// What a command printed as JSON, once it is known to have succeeded (its
/// error output is the failure's message otherwise).
fn json_of(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}
