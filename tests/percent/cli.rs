//! Issue 18 on the command line: every flag that takes a percentage follows
//! the files' rule (the `%` sign is required, through the same parser and
//! with the same message), says so in `--help`, and warns as the files do.

use assert_cmd::Command;

const SMALL_DESK: &str = include_str!("../fixtures/sim/small-desk.yaml");

fn pledge(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("pledge")
        .expect("the pledge binary")
        .current_dir(dir.path())
        .env("PLEDGE_DATA_DIR", dir.path())
        .args(args)
        .output()
        .expect("pledge runs")
}

/// A temporary folder holding the small desk's scenario, with `edits`.
fn desk(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut text = SMALL_DESK.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is in the scenario");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(dir.path().join("scenario.yaml"), text).expect("written");
    dir
}

const ERLANG: &[&str] = &[
    "erlang",
    "--arrivals-per-hour",
    "100",
    "--aht",
    "6m",
    "--answer-within",
    "20s",
];

/// Each percentage flag: the command before it, its name, and a good value
/// for the other flags the command needs.
fn flags() -> Vec<(Vec<&'static str>, &'static str)> {
    vec![
        (ERLANG.to_vec(), "--target"),
        ([ERLANG, &["--target", "80%"]].concat(), "--shrinkage"),
        ([ERLANG, &["--target", "80%"]].concat(), "--max-occupancy"),
        (vec!["size", "scenario.yaml"], "--confidence"),
    ]
}

#[test]
fn every_percentage_flag_refuses_a_bare_number_with_the_files_message() {
    // issue 18: `--confidence 0.9` was a share and `--shrinkage 0.3` was
    // refused with another message; a flag now reads like a file.
    let dir = desk(&[]);
    for (command, flag) in flags() {
        for (bare, message) in [
            ("0.3", "`0.3` is not a percentage: write `30%` or `0.3%`"),
            ("90", "`90` is not a percentage: write `90%` or `9000%`"),
        ] {
            let out = pledge(&dir, &[&command[..], &[flag, bare]].concat());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{flag} {bare}: {stderr}");
            assert!(stderr.contains(flag), "{flag} {bare}: {stderr}");
            assert!(stderr.contains(message), "{flag} {bare}: {stderr}");
        }
    }
}

#[test]
fn every_percentage_flag_says_in_help_that_the_sign_is_required() {
    // issue 18: the rule is stated where the flags are described.
    let dir = desk(&[]);
    for (command, flag) in flags() {
        let out = pledge(&dir, &[command[0], "--help"]);
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        let described = help
            .split("\n\n")
            .find(|entry| {
                entry
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{flag} <")))
            })
            .unwrap_or_else(|| panic!("{flag} is in the help:\n{help}"));
        let words = described.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("with its % sign") && words.contains("is refused"),
            "{flag}: {words}"
        );
    }
}

#[test]
fn confidence_with_the_sign_sizes_as_before() {
    // issue 18: `--confidence 90%` is the fraction 0.9 the sizing uses, and
    // the default is written the same way.
    let dir = desk(&[]);
    let out = pledge(&dir, &["size", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("[default: 90%]"));
    let out = pledge(
        &dir,
        &[
            "size",
            "scenario.yaml",
            "--confidence",
            "120%",
            "--replications",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "120% is outside the allowed range: the confidence must be above 0% and at most 100%"
    ));
}

#[test]
fn implausible_flags_warn_with_why_and_still_answer() {
    // issue 18: a valid but unlikely flag value is answered, with a word.
    let dir = desk(&[]);
    for (extra, warning) in [
        (
            vec!["--target", "0.8%"],
            "warning: --target: an objective of 0.8% is below 50%",
        ),
        (
            vec!["--target", "80%", "--shrinkage", "70%"],
            "warning: --shrinkage: a shrinkage of 70% is above 60%: agents would spend less than 30% of their paid time on tickets",
        ),
        (
            vec!["--target", "80%", "--max-occupancy", "97%"],
            "warning: --max-occupancy: an occupancy of 97% is above 95%",
        ),
    ] {
        let out = pledge(&dir, &[ERLANG, &extra[..]].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{extra:?}: {stderr}");
        assert!(stderr.contains(warning), "{extra:?}: {stderr}");
    }
    // The README's own example, a usual cap, draws no warning.
    let out = pledge(
        &dir,
        &[ERLANG, &["--target", "80%", "--max-occupancy", "85%"]].concat(),
    );
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = pledge(
        &dir,
        &[ERLANG, &["--target", "80%", "--shrinkage", "30%"]].concat(),
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn simulate_and_size_print_a_scenarios_warnings_with_their_place() {
    // issue 18: a scenario's implausible shrinkage is said before the result.
    let dir = desk(&[(
        "      stages: [triage, resolution]\n",
        "      stages: [triage, resolution]\n      shrinkage: 75%\n",
    )]);
    let expected =
        "scenario.yaml:52:18: warning[implausible-percent]: a shrinkage of 75% is above 60%";
    for command in [
        vec!["simulate", "scenario.yaml", "--replications", "1"],
        vec![
            "size",
            "scenario.yaml",
            "--replications",
            "1",
            "--max-evaluations",
            "1",
        ],
    ] {
        let out = pledge(&dir, &command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{command:?}: {stderr}");
        assert!(
            stderr.contains("(staffing.teams[0].shrinkage)"),
            "{command:?}: {stderr}"
        );
    }
}
