//! `pledge history` run for real.

use assert_cmd::Command;

use super::fixture;

fn pledge(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("pledge").expect("the pledge binary is built");
    cmd.env("PLEDGE_DATA_DIR", dir);
    cmd
}

fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("pledge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn import_prints_a_located_summary_and_list_shows_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("zendesk.csv");
    let (code, out) = run(pledge(dir.path())
        .args(["history", "import"])
        .arg(&file)
        .arg("--status-log")
        .arg(fixture("zendesk-status-log.csv")));
    assert_eq!(code, 0, "{out}");
    let shown = file.display().to_string();
    assert!(
        out.contains(&format!(
            "{shown}: Zendesk ticket export (UTF-8, delimiter `,`, times without an offset read in UTC)"
        )),
        "{out}"
    );
    assert!(
        out.contains("rows read: 5; tickets new: 3, updated: 0, unchanged: 0; rejected: 2"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{shown}: line 5, column 10 (`Created at`): `06/03/2026 18:05` is not a date"
        )),
        "{out}"
    );
    assert!(
        out.contains("pauses (waiting on the customer) in the history: 2"),
        "{out}"
    );
    assert!(out.contains("imported into history `zendesk`"), "{out}");

    let (code, out) = run(pledge(dir.path()).args(["history", "list"]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "zendesk: 3 tickets, created 2026-03-02 to 2026-03-09, 2 pauses, 2 imports"
        ),
        "{out}"
    );
}

#[test]
fn a_stopped_import_exits_1_and_says_nothing_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run(pledge(dir.path())
        .args(["history", "import", "--name", "h"])
        .arg(fixture("half-bad.csv")));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("stopped: 2 of 3 rows could not be read"),
        "{out}"
    );
    assert!(
        out.contains("Nothing of this import was stored; history `h` is as it was"),
        "{out}"
    );
    let (code, out) = run(pledge(dir.path())
        .args(["history", "import"])
        .arg(fixture("empty.csv")));
    assert_eq!(code, 2);
    assert!(out.contains("the file is empty"), "{out}");
}

#[test]
fn generate_writes_the_same_bytes_for_a_seed_and_they_import() {
    let dir = tempfile::tempdir().unwrap();
    let out_a = dir.path().join("a.csv");
    let out_b = dir.path().join("b.csv");
    for out in [&out_a, &out_b] {
        let (code, text) = run(pledge(dir.path())
            .args([
                "history", "generate", "--format", "jsm", "--weeks", "1", "--seed", "9", "-o",
            ])
            .arg(out));
        assert_eq!(code, 0, "{text}");
    }
    assert_eq!(
        std::fs::read(&out_a).unwrap(),
        std::fs::read(&out_b).unwrap()
    );
    let (code, text) = run(pledge(dir.path()).args(["history", "import"]).arg(&out_a));
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("Jira Service Management issue export"),
        "{text}"
    );
}

#[test]
fn report_measures_a_history_against_a_file_or_a_library_version() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("desk.csv");
    let (code, out) = run(pledge(dir.path())
        .args([
            "history",
            "generate",
            "--format",
            "zendesk",
            "--weeks",
            "3",
            "--tickets-per-week",
            "300",
            "-o",
        ])
        .arg(&export));
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(pledge(dir.path()).args(["history", "import"]).arg(&export));
    assert_eq!(code, 0, "{out}");
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates/samples/saas-multilevel.yaml"
    );
    let mapping = dir.path().join("values.yaml");
    std::fs::write(
        &mapping,
        "values:\n  plan: {Acme Corp: premium, Globex: standard, \"Hooli, Inc.\": standard, \"Crème Brûlée SARL\": enterprise}\n",
    )
    .unwrap();
    let (code, text) = run(pledge(dir.path())
        .args([
            "history",
            "report",
            "desk",
            "--agreement",
            sample,
            "--mapping",
        ])
        .arg(&mapping));
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("History `desk`: "), "{text}");
    assert!(text.contains("premium P1 · first response"), "{text}");
    assert!(
        text.contains(
            "platform-uptime: measures availability, which a ticket history does not record"
        ),
        "{text}"
    );
    assert!(text.contains("by hour of the week"), "{text}");

    // The same agreement saved in the library, as JSON.
    let (code, out) = run(pledge(dir.path()).args(["store", "import", sample, "--name", "saas"]));
    assert_eq!(code, 0, "{out}");
    let (code, json) = run(pledge(dir.path())
        .args([
            "history",
            "report",
            "desk",
            "--version",
            "saas@1",
            "--format",
            "json",
            "--mapping",
        ])
        .arg(&mapping));
    assert_eq!(code, 0, "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["history"], "desk");
    assert_eq!(value["skipped"], serde_json::json!([]));
    let measured = value["measured"].as_u64().unwrap();
    assert!(measured > 600, "{measured}");

    // Without the value map the organisations are no plans of this
    // agreement: the report names them instead of guessing.
    let (code, text) =
        run(pledge(dir.path()).args(["history", "report", "desk", "--version", "saas"]));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("plan `Globex` ("), "{text}");
    assert!(
        text.contains("map them under `values:` in a --mapping file"),
        "{text}"
    );

    // Refused by the gate: every finding, and exit 1.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "pledge: 1\nmeta: {title: x}\n").unwrap();
    let (code, text) = run(pledge(dir.path())
        .args(["history", "report", "desk", "--agreement"])
        .arg(&bad));
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("bad.yaml"), "{text}");
    let (code, text) =
        run(pledge(dir.path()).args(["history", "report", "desk", "--version", "saas@x"]));
    assert_ne!(code, 0);
    assert!(text.contains("`x` is not a version number"), "{text}");
}

#[test]
fn the_readmes_director_path_runs_from_import_to_simulation() {
    // The README's steps 1 to 5 on a smaller generated history.
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let values = root.join("templates/samples/histories/tallyloop-values.yaml");
    let agreement = root.join("templates/samples/saas-multilevel.yaml");
    let staffing = root.join("templates/samples/scenarios/saas-multilevel.yaml");
    let (export, log) = (dir.path().join("desk.csv"), dir.path().join("desk-log.csv"));
    let scenario = dir.path().join("desk-scenario.yaml");
    let step = |args: Vec<std::ffi::OsString>| {
        let (code, out) = run(pledge(dir.path()).args(&args));
        assert_eq!(code, 0, "{args:?}: {out}");
        out
    };
    let os = |parts: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<std::ffi::OsString> {
        parts.iter().map(|p| p.as_ref().to_owned()).collect()
    };
    step(os(&[
        &"history",
        &"generate",
        &"--format",
        &"zendesk",
        &"--weeks",
        &"8",
        &"--tickets-per-week",
        &"300",
        &"-o",
        &export,
        &"--status-log",
        &log,
    ]));
    step(os(&[
        &"history",
        &"import",
        &export,
        &"--status-log",
        &log,
        &"--name",
        &"desk",
    ]));
    let report = step(os(&[
        &"history",
        &"report",
        &"desk",
        &"--agreement",
        &agreement,
        &"--mapping",
        &values,
    ]));
    assert!(
        !report.contains("values the agreement does not name"),
        "{report}"
    );
    let targets = step(os(&[
        &"history",
        &"targets",
        &"desk",
        &"--agreement",
        &agreement,
        &"--mapping",
        &values,
    ]));
    assert!(targets.contains("enterprise P1"), "{targets}");
    let calibrated = step(os(&[
        &"history",
        &"calibrate",
        &"desk",
        &"--agreement",
        &agreement,
        &"--mapping",
        &values,
        &"--staffing",
        &staffing,
        &"-o",
        &scenario,
        &"--backtest",
        &"--replications",
        &"2",
    ]));
    assert!(calibrated.contains("back-test"), "{calibrated}");
    let simulated = step(os(&[&"simulate", &scenario, &"--replications", &"1"]));
    assert!(
        simulated.contains("calibrated from history desk"),
        "{simulated}"
    );
}
