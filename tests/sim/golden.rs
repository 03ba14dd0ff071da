//! The JSON of `pledge simulate` on every sample scenario, for a fixed seed,
//! byte for byte (issue 17): a refactoring of the engine must not move a
//! single figure.
//!
//! A change that means to move these figures regenerates them and says so
//! in its commit, by running, from the repository's root, for each
//! `templates/samples/scenarios/NAME.yaml`:
//!
//! ```text
//! cargo run --bin pledge -- simulate templates/samples/scenarios/NAME.yaml \
//!     --format json --seed 7 --replications 3 --threads 1 \
//!     > tests/fixtures/sim-golden/NAME.json
//! ```

use std::path::Path;

use assert_cmd::Command;

/// The arguments every golden run is made with.
const ARGS: [&str; 8] = [
    "--format",
    "json",
    "--seed",
    "7",
    "--replications",
    "3",
    "--threads",
    "1",
];

#[test]
fn every_sample_scenario_simulates_to_its_golden_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scenarios: Vec<_> = std::fs::read_dir(root.join("templates/samples/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    scenarios.sort();
    assert!(!scenarios.is_empty());
    for scenario in scenarios {
        let name = scenario.file_stem().unwrap().to_str().unwrap().to_owned();
        let golden = root.join(format!("tests/fixtures/sim-golden/{name}.json"));
        let expected = std::fs::read(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (see this file's docs)", golden.display()));
        let out = Command::cargo_bin("pledge")
            .unwrap()
            .current_dir(root)
            .arg("simulate")
            .arg(&scenario)
            .args(ARGS)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if out.stdout != expected {
            let got = String::from_utf8_lossy(&out.stdout);
            let want = String::from_utf8_lossy(&expected);
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(got.lines().count().min(want.lines().count()), |i| i);
            panic!(
                "{name}: the JSON differs from {} at line {}:\n  got:  {}\n  want: {}",
                golden.display(),
                line + 1,
                got.lines().nth(line).unwrap_or("(end)"),
                want.lines().nth(line).unwrap_or("(end)"),
            );
        }
    }
}
