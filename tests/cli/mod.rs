//! The `pledge` binary, run for real against temporary files.

use assert_cmd::Command;

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

fn pledge() -> Command {
    Command::cargo_bin("pledge").expect("the pledge binary is built")
}

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("pledge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn validate_accepts_a_clean_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, CLEAN).unwrap();
    let (code, out) = stdout(pledge().arg("validate").arg(&file));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn validate_prints_one_line_a_finding_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.yaml");
    std::fs::write(&file, CLEAN.replacen("Europe/Paris", "Europe/Pari", 1)).unwrap();
    let (code, out) = stdout(pledge().arg("validate").arg(&file));
    assert_eq!(code, 1);
    let line = CLEAN
        .lines()
        .position(|l| l.contains("Europe/Paris"))
        .unwrap()
        + 1;
    let expected = format!("{}:{line}:16: error[unknown-time-zone]: ", file.display());
    assert!(out.starts_with(&expected), "{out}");
    assert!(
        out.trim_end().ends_with("(calendars[0].time_zone)"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn validate_speaks_json_for_tools() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&good, CLEAN).unwrap();
    std::fs::write(&bad, CLEAN.replacen("within: 8h", "within: 8x", 1)).unwrap();
    let (code, out) = stdout(
        pledge()
            .args(["validate", "--format", "json"])
            .arg(&good)
            .arg(&bad),
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["diagnostics"].as_array().unwrap().len(), 0);
    let d = &json[1]["diagnostics"][0];
    assert_eq!(d["code"], "invalid-value");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "targets[0].resolution.within");
    assert!(d["location"]["line"].as_u64().unwrap() > 1);
}

#[test]
fn validate_reports_a_missing_file() {
    let (code, out) = stdout(pledge().args(["validate", "/nonexistent/agreement.yaml"]));
    assert_eq!(code, 1);
    assert!(
        out.contains("error[file]: cannot read /nonexistent/agreement.yaml"),
        "{out}"
    );
}

#[test]
fn fmt_rewrites_once_and_is_then_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, CLEAN).unwrap();
    let (code, _) = stdout(pledge().args(["fmt", "--check"]).arg(&file));
    assert_eq!(code, 1, "the hand-written fixture is not canonical");
    pledge().arg("fmt").arg(&file).assert().success();
    let once = std::fs::read_to_string(&file).unwrap();
    pledge()
        .args(["fmt", "--check"])
        .arg(&file)
        .assert()
        .success();
    pledge().arg("fmt").arg(&file).assert().success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), once);
    assert_eq!(
        pledge::format::read(&once).unwrap(),
        pledge::format::read(CLEAN).unwrap()
    );
}

#[test]
fn fmt_keeps_comments_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    let text = format!("# Negotiated with the customer in March\n{CLEAN}");
    std::fs::write(&file, &text).unwrap();
    let out = pledge().arg("fmt").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has comments"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "the file is untouched"
    );
    pledge()
        .args(["fmt", "--force"])
        .arg(&file)
        .assert()
        .success();
    assert!(!std::fs::read_to_string(&file).unwrap().contains('#'));
}

#[test]
fn fmt_leaves_a_broken_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    let text = CLEAN.replacen("within: 8h", "within: 8x", 1);
    std::fs::write(&file, &text).unwrap();
    let out = pledge().arg("fmt").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("targets[0].resolution.within") && err.contains("left as it is"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

// Found by the fuzzing harness (seed 23 case 539): a file fmt cannot read
// at all was refused as `pledge: FILE: …`, where validate says
// `FILE: error[file]: …`; both now name the file the same way.
#[test]
fn fmt_refuses_a_file_too_large_as_validate_does_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    let text = format!("{CLEAN}\n# {}\n", "x".repeat(4 * 1024 * 1024));
    std::fs::write(&file, &text).unwrap();
    for command in ["fmt", "validate"] {
        let out = pledge().arg(command).arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{command}");
        // validate writes its findings on standard output, fmt on errors.
        let err = String::from_utf8_lossy(if out.stderr.is_empty() {
            &out.stdout
        } else {
            &out.stderr
        });
        assert!(
            err.starts_with(&format!("{}: error[file]: ", file.display())),
            "{command}: {err}"
        );
        assert!(err.contains("larger than 4 MiB"), "{command}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "left as it is"
    );
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let (code, out) = stdout(pledge().arg("schema"));
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["title"], "Pledge agreement");
    assert_eq!(schema["additionalProperties"], false);
    for field in ["pledge", "meta", "parties", "targets", "credits"] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
    assert!(schema["$defs"]["Duration"]["pattern"].is_string());
}

#[test]
fn new_writes_a_valid_sample_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    for sample in pledge::samples::SAMPLES {
        let file = dir.path().join(format!("{}.yaml", sample.name));
        pledge()
            .args(["new", "--sample", sample.name, "-o"])
            .arg(&file)
            .assert()
            .success();
        pledge().arg("validate").arg(&file).assert().success();
        std::fs::write(&file, "mine").unwrap();
        let out = pledge()
            .args(["new", "--sample", sample.name, "-o"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    }
    let out = pledge()
        .args(["new", "--sample", "nope", "-o"])
        .arg(dir.path().join("x.yaml"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("saas-multilevel"),
        "clap lists the samples"
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.yaml");
    std::fs::write(&file, CLEAN.replacen("Europe/Paris", "Europe/Pari", 1)).unwrap();
    // Far more output than a pipe holds, so the writer meets the closed end.
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("pledge"))
        .args(["validate", "--format", "json"])
        .args(std::iter::repeat_n(&file, 2000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, before the report is written in full.
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no panic message");
}

/// An agreement whose text holds a byte order mark, a YAML 1.1 line break
/// and a bidirectional control goes through `fmt`, `validate`, `store
/// import`, `store show` and `store diff`: every command that reads what
/// another wrote accepts it.
#[test]
fn text_with_invisible_characters_passes_every_command() {
    // issue 12: `fmt` and `store import` wrote U+FEFF bare; the result no
    // longer read, and `store diff` on that version failed for ever.
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let file = dir.path().join("tally.yaml");
    let name = "legal_name: \"Tally\\ufeffloop\\u0085\\u202eSAS\"";
    std::fs::write(&file, CLEAN.replacen("legal_name: Provider SAS", name, 1)).unwrap();
    let (code, out) = stdout(pledge().arg("validate").arg(&file));
    assert_eq!((code, out.as_str()), (0, ""));

    pledge().arg("fmt").arg(&file).assert().success();
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert!(formatted.contains(name), "{formatted}");
    let (code, out) = stdout(pledge().arg("validate").arg(&file));
    assert_eq!((code, out.as_str()), (0, ""));

    let store = |args: &[&str]| {
        let mut cmd = pledge();
        cmd.arg("store")
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env_remove("PLEDGE_DATA_DIR");
        let (code, out) = stdout(&mut cmd);
        assert_eq!(code, 0, "pledge store {args:?}");
        out
    };
    let path = file.to_str().unwrap();
    assert!(store(&["import", path]).contains("saved tally v1"));
    std::fs::write(
        &file,
        formatted.replacen("Tally\\ufeffloop", "Tally\\ufeff\\u2028loop", 1),
    )
    .unwrap();
    assert!(store(&["import", path]).contains("saved tally v2"));
    let shown = store(&["show", "tally", "--version", "1"]);
    assert_eq!(shown, formatted);
    let back = pledge::format::read(&shown).unwrap();
    assert_eq!(
        back.parties.provider.legal_name,
        "Tally\u{feff}loop\u{85}\u{202e}SAS"
    );
    let diff = store(&["diff", "tally"]);
    assert!(diff.contains("Tally"), "{diff}");
    assert_eq!(diff.lines().count(), 1, "{diff}");
}

/// A comment after a value holding an apostrophe or a `#` is a comment all
/// the same: `fmt` refuses to drop it, and says where it is.
#[test]
fn fmt_keeps_a_comment_after_an_apostrophe() {
    // issue 12: `legal_name: Northwind's Freight  # note` lost its comment.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    let text = CLEAN.replacen(
        "legal_name: Provider SAS",
        "legal_name: Northwind's Freight  # note",
        1,
    );
    let line = text.lines().position(|l| l.contains("# note")).unwrap() + 1;
    std::fs::write(&file, &text).unwrap();
    let out = pledge().arg("fmt").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:{line}:38: ", file.display())) && err.contains("has comments"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    pledge()
        .args(["fmt", "--force"])
        .arg(&file)
        .assert()
        .success();
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert!(
        formatted.contains("legal_name: Northwind's Freight\n"),
        "{formatted}"
    );
}
