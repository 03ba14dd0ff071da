//! The `pledge clock` command, run as a real binary.

use assert_cmd::Command;

/// An agreement with the shared Paris calendar (as `office`, holidays
/// 2026–2027) and a broken one.
fn agreement_text() -> String {
    let office =
        super::paris_calendar("office", Some((2026, 2027)), 4).replacen("    id:", "  - id:", 1);
    AGREEMENT.replace("{office}", &office)
}

const AGREEMENT: &str = "pledge: 1
meta:
  title: Support Agreement
  reference: SLA-TEST-1
  version_label: \"1.0\"
  language: en
  currency: EUR
  effective_date: 2026-01-01
  term:
    initial_months: 12
  governing_law: French law
  shape: customer_based
parties:
  provider:
    legal_name: Provider SAS
  customer:
    legal_name: Customer SA
services:
  - id: app
    name: Hosted application
    availability:
      target: 99.5%
calendars:
{office}  - id: broken
    time_zone: Europe/Pariss
    hours: 24/7
plans:
  - id: standard
    name: Standard
    calendar: office
priorities:
  - id: P1
    name: Critical
    definition: The service is down.
targets:
  - plan: standard
    priority: P1
    objective: 95%
    first_response:
      within: 1h
";

/// The shared Paris calendar as a file of its own, without holidays.
fn calendar_file() -> String {
    super::paris_calendar("office", None, 0)
}

/// Runs `pledge clock ARGS` with the agreement and the calendar written to
/// a temporary directory (`{agreement}` and `{calendar}` in ARGS name them).
fn pledge(args: &[&str]) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().unwrap();
    let agreement = dir.path().join("agreement.yaml");
    let calendar = dir.path().join("calendar.yaml");
    std::fs::write(&agreement, agreement_text()).unwrap();
    std::fs::write(&calendar, calendar_file()).unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            a.replace("{agreement}", agreement.to_str().unwrap())
                .replace("{calendar}", calendar.to_str().unwrap())
        })
        .collect();
    Command::cargo_bin("pledge")
        .unwrap()
        .arg("clock")
        .args(&args)
        .assert()
}

fn stdout(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.success().get_output().stdout.clone()).unwrap()
}

fn stderr(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.failure().get_output().stderr.clone()).unwrap()
}

#[test]
fn deadline_from_an_agreement_in_utc_and_local_time() {
    // The example: Friday 27 March 2026 12:00 CET + 15 business
    // hours = Monday 30 March 18:00 CEST (see cases.rs).
    let out = stdout(pledge(&[
        "deadline",
        "--agreement",
        "{agreement}",
        "--calendar",
        "office",
        "--start",
        "2026-03-27T11:00:00Z",
        "--duration",
        "15h",
    ]));
    assert!(out.contains("deadline: 2026-03-30T16:00:00Z"), "{out}");
    assert!(
        out.contains("2026-03-30T18:00:00+02:00 (Europe/Paris)"),
        "{out}"
    );
}

#[test]
fn deadline_with_a_pause_as_json() {
    // A 1 h pause on Friday 13:00–14:00 CET moves the deadline by the first
    // business hour of Tuesday: 31 March 10:00 CEST = 08:00 UTC.
    let out = stdout(pledge(&[
        "deadline",
        "--calendar-file",
        "{calendar}",
        "--start",
        "2026-03-27T11:00:00Z",
        "--duration",
        "15h",
        "--pause",
        "2026-03-27T12:00:00Z/2026-03-27T13:00:00Z",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["deadline"], "2026-03-31T08:00:00Z");
    assert_eq!(json["deadline_local"], "2026-03-31T10:00:00+02:00");
}

#[test]
fn elapsed_between_two_instants() {
    // Friday 12:00 CET to Monday 18:00 CEST: 6 h + 9 h.
    let out = stdout(pledge(&[
        "elapsed",
        "--calendar-file",
        "{calendar}",
        "--from",
        "2026-03-27T11:00:00Z",
        "--to",
        "2026-03-30T16:00:00Z",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["elapsed"], "15h");
    assert_eq!(json["elapsed_seconds"], 54000);
}

#[test]
fn errors_say_what_and_where() {
    const SPAN: [&str; 4] = [
        "--from",
        "2026-03-27T11:00:00Z",
        "--to",
        "2026-03-30T16:00:00Z",
    ];
    const ONE_HOUR: [&str; 4] = ["--start", "2026-03-27T11:00:00Z", "--duration", "1h"];
    // Each case: the command's arguments and what its message must name.
    let cases: [(Vec<&str>, [&str; 2]); 4] = [
        (
            [
                &[
                    "elapsed",
                    "--agreement",
                    "{agreement}",
                    "--calendar",
                    "nope",
                ][..],
                &SPAN,
            ]
            .concat(),
            ["no calendar `nope`", "office, broken"],
        ),
        (
            [
                &[
                    "deadline",
                    "--agreement",
                    "{agreement}",
                    "--calendar",
                    "broken",
                ][..],
                &ONE_HOUR,
            ]
            .concat(),
            ["calendars[1].time_zone", "Europe/Pariss"],
        ),
        (
            vec![
                "deadline",
                "--calendar-file",
                "{calendar}",
                "--start",
                "2026-03-27",
                "--duration",
                "1h",
            ],
            ["--start", "RFC 3339"],
        ),
        (
            [
                &["deadline", "--calendar-file", "{calendar}"][..],
                &ONE_HOUR,
                &["--pause", "2026-03-27T12:00:00Z"],
            ]
            .concat(),
            ["--pause", "START/END"],
        ),
    ];
    for (args, needles) in cases {
        let err = stderr(pledge(&args));
        for needle in needles {
            assert!(
                err.contains(needle),
                "{args:?}: `{needle}` missing from: {err}"
            );
        }
    }
}

#[test]
fn a_calendar_file_refuses_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("calendar.yaml");
    std::fs::write(&path, format!("{}colour: blue\n", calendar_file())).unwrap();
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .args([
            "clock",
            "elapsed",
            "--calendar-file",
            path.to_str().unwrap(),
        ])
        .args([
            "--from",
            "2026-03-27T11:00:00Z",
            "--to",
            "2026-03-30T16:00:00Z",
        ])
        .assert()
        .failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("colour") && err.contains("calendar.yaml:"),
        "{err}"
    );
}
