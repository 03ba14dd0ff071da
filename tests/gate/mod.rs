//! One gate (issue 12, point 7): what `pledge validate` accepts, every
//! command accepts; what another command refuses, `validate` refuses first,
//! with the same message at the same place. The known cases run through the
//! real binary; `contract.rs` holds the deterministic contract between the
//! commands over mutations of every sample.

mod contract;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

fn pledge() -> Command {
    Command::cargo_bin("pledge").expect("the pledge binary is built")
}

/// Exit code, standard output and standard error.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("pledge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is in the text"))
        + 1
}

/// Runs `validate` on `file`, expects it to refuse, and returns its lines.
fn refused_by_validate(file: &Path) -> String {
    let (code, out, _) = run(pledge().arg("validate").arg(file));
    assert_eq!(code, 1, "{out}");
    out
}

/// Runs `export` on `file` and expects exactly `validate`'s findings on
/// standard error, exit 1 and no contract written.
fn export_refuses_like_validate(dir: &Path, file: &Path, findings: &str) {
    let contract = dir.join("contract.pdf");
    let (code, out, err) = run(pledge().arg("export").arg(file).arg("-o").arg(&contract));
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(err, findings);
    assert!(!contract.exists());
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_closure_past_the_clock_range_is_refused_by_validate_with_the_range() {
    // issue 12: a closure ending 9999-12-31 validated, but `clock` and
    // `simulate` refused it.
    let dir = tempfile::tempdir().unwrap();
    let text = CLEAN.replacen(
        "      tue: [09:00-18:00]\n",
        "      tue: [09:00-18:00]\n    closures:\n      - from: 2026-12-24\n        to: 9999-12-31\n",
        1,
    );
    let file = write(dir.path(), "a.yaml", &text);
    let out = refused_by_validate(&file);
    let line = line_of(&text, "9999-12-31");
    assert_eq!(
        out,
        format!(
            "{}:{line}:13: error[date-range]: 9999-12-31 is outside the years the business-hours clock covers (1900 to 2200) (calendars[0].closures[0].to)\n",
            file.display()
        )
    );
    export_refuses_like_validate(dir.path(), &file, &out);
}

#[test]
fn an_id_with_a_space_is_refused_by_validate_not_by_export() {
    // issue 12: `id: premium plus` validated, then export failed on the
    // clause anchor `targets-premium plus`.
    let dir = tempfile::tempdir().unwrap();
    let text = CLEAN.replace("standard", "premium plus");
    let file = write(dir.path(), "a.yaml", &text);
    let out = refused_by_validate(&file);
    let line = line_of(&text, "id: premium plus");
    assert!(
        out.starts_with(&format!(
            "{}:{line}:9: error[invalid-id]: `premium plus` is not an identifier",
            file.display()
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    export_refuses_like_validate(dir.path(), &file, &out);
}

#[test]
fn identifiers_in_any_script_validate_and_export() {
    // issue 12: the identifier syntax is decided once; what it allows, the
    // contract's anchors accept.
    let dir = tempfile::tempdir().unwrap();
    let text = CLEAN.replace("standard", "sérénité_2.0-β");
    let file = write(dir.path(), "a.yaml", &text);
    let (code, out, _) = run(pledge().arg("validate").arg(&file));
    assert_eq!((code, out.as_str()), (0, ""));
    for format in ["pdf", "html", "md"] {
        let contract = dir.path().join(format!("contract.{format}"));
        let (code, _, err) = run(pledge()
            .arg("export")
            .arg(&file)
            .args(["--format", format, "-o"])
            .arg(&contract));
        assert_eq!(code, 0, "{format}: {err}");
        assert!(contract.exists());
    }
}

#[test]
fn export_refuses_an_agreement_validate_rejects() {
    // issue 12: an availability of 150 % was exported without a word.
    let dir = tempfile::tempdir().unwrap();
    let text = CLEAN.replacen("target: 99.5%", "target: 150%", 1);
    let file = write(dir.path(), "a.yaml", &text);
    let out = refused_by_validate(&file);
    assert!(out.contains("error[percent-range]"), "{out}");
    export_refuses_like_validate(dir.path(), &file, &out);
}

#[test]
fn export_places_a_syntax_error_and_a_missing_file() {
    // issue 12: export said `cannot read X: …` without a place, exit 2.
    let dir = tempfile::tempdir().unwrap();
    let text = CLEAN.replacen("within: 8h", "within: 8x", 1);
    let file = write(dir.path(), "a.yaml", &text);
    let out = refused_by_validate(&file);
    let line = line_of(&text, "within: 8x");
    assert!(
        out.starts_with(&format!("{}:{line}:", file.display())),
        "{out}"
    );
    export_refuses_like_validate(dir.path(), &file, &out);

    let missing = dir.path().join("missing.yaml");
    let out = refused_by_validate(&missing);
    assert!(out.contains("error[file]: cannot read"), "{out}");
    export_refuses_like_validate(dir.path(), &missing, &out);
}

/// A scenario next to `agreement.yaml`, from the French sample's.
fn french_scenario(dir: &Path, agreement: &str) -> PathBuf {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/samples");
    let scenario = std::fs::read_to_string(samples.join("scenarios/fr-pme-infogerance.yaml"))
        .unwrap()
        .replace(
            "agreement: ../fr-pme-infogerance.yaml",
            "agreement: agreement.yaml",
        )
        .replace("horizon: 89d", "horizon: 7d");
    write(dir, "agreement.yaml", agreement);
    write(dir, "scenario.yaml", &scenario)
}

fn french_agreement() -> String {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/samples");
    std::fs::read_to_string(samples.join("fr-pme-infogerance.yaml")).unwrap()
}

#[test]
fn simulate_refuses_an_agreement_validate_rejects_with_the_same_lines() {
    // issue 12: a bad maintenance time zone made simulate fail late with
    // exit 2 and no place; it is the validator's finding, printed as
    // `validate` prints it, exit 1.
    let dir = tempfile::tempdir().unwrap();
    let agreement = french_agreement().replacen(
        "            time_zone: Europe/Paris",
        "            time_zone: Europe/Lyon",
        1,
    );
    let scenario = french_scenario(dir.path(), &agreement);
    let findings = refused_by_validate(&dir.path().join("agreement.yaml"));
    assert!(
        findings.contains("error[unknown-time-zone]") && findings.contains("maintenance"),
        "{findings}"
    );
    let (code, out, err) = run(pledge()
        .arg("simulate")
        .arg(&scenario)
        .args(["--replications", "1"]));
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(err, findings);
}

#[test]
fn simulate_places_an_embedded_agreement_error_in_the_scenario() {
    // issue 12: an agreement embedded in a scenario is checked too, and
    // its findings are placed in the scenario file.
    let dir = tempfile::tempdir().unwrap();
    let embedded: String = CLEAN
        .replacen("target: 99.5%", "target: 150%", 1)
        .lines()
        .map(|l| format!("  {l}\n"))
        .collect();
    let scenario = format!(
        "agreement:\n{embedded}start: 2027-01-04\ntime_zone: UTC\nwarm_up: 1d\nhorizon: 7d\nworkload:\n  tickets_per_week: 100\n  mix:\n    - {{plan: standard, priority: P1, share: 100%}}\nwork:\n  - priority: P1\n    first_response: {{exponential: 6m}}\n    resolution: {{exponential: 1h}}\nstaffing:\n  teams:\n    - name: Desk\n      stages: [triage, resolution]\n      shifts:\n        - {{name: day, days: [mon, tue], hours: 09:00-17:00, headcount: 2}}\n"
    );
    let file = write(dir.path(), "scenario.yaml", &scenario);
    let line = line_of(&scenario, "target: 150%");
    let (code, _, err) = run(pledge().arg("simulate").arg(&file));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "{}:{line}:17: error[percent-range]: 150% is outside the allowed range",
            file.display()
        )),
        "{err}"
    );
    assert!(err.contains("(services[0].availability.target)"), "{err}");
}

#[test]
fn simulate_reports_a_missing_scenario_as_a_bad_file() {
    // issue 12: a file the user named that cannot be read exits 1, as in
    // `validate`, with the file named.
    let (code, _, err) = run(pledge().args(["simulate", "/nonexistent/scenario.yaml"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("/nonexistent/scenario.yaml: error[file]: cannot read"),
        "{err}"
    );
}
