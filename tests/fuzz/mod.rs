//! issue 12 (point 13): the fuzzing harness, run briefly on every test run,
//! and every failure it ever found replayed.
//!
//! The long run is `scripts/fuzz.sh [SECONDS]` (`examples/fuzz.rs` over the
//! same harness, on the release binary).

mod harness;

use std::path::{Path, PathBuf};
use std::time::Duration;

use harness::{Class, Cmd, Known, Limits};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pledge"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Failures the harness finds on this code whose fixes are other points of
/// issue 12, tolerated by the short run (and still listed by it) until those
/// fixes land; each entry says which point. Remove an entry when its point
/// is merged, so that the short run guards it from then on.
fn known() -> Vec<Known> {
    // None left: every failure the harness found is fixed and replayed.
    Vec::new()
}

/// The limits of the short run: the debug binary is several times slower
/// than the release one the long run uses.
const SHORT_LIMITS: Limits = Limits {
    time: Duration::from_secs(10),
    memory: 1 << 30,
};

#[test]
fn a_short_run_finds_no_new_failure() {
    let settings = harness::Settings {
        bin: bin(),
        root: root(),
        seed: 12,
        first_case: 0,
        cases: Some(60),
        duration: None,
        limits: SHORT_LIMITS,
        findings: None,
        minimise_budget: Duration::ZERO,
        known: known(),
        verbose: false,
    };
    let summary = harness::run(&settings).expect("the harness runs");
    let report = summary.report(settings.seed);
    // The figures are printed for `cargo test -- --nocapture`.
    eprintln!("{report}");
    assert!(summary.unexpected().is_empty(), "{report}");
    // Every command ran, and some cases passed each of them: a harness
    // whose mutations broke every file at the first byte would test little.
    for cmd in Cmd::ALL {
        let counts = summary.per_command.get(&cmd);
        let ok = counts.and_then(|c| c.get(&Class::Ok)).copied().unwrap_or(0);
        assert!(ok > 0, "{} never succeeded:\n{report}", cmd.name());
    }
}

/// The reproducers under `tests/fixtures/fuzz/`, except `pending/` (found,
/// waiting for another point's fix, not replayed yet).
fn recorded_cases() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/fuzz");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(harness::CASE_FILE).is_file())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_failure_ever_found_stays_fixed() {
    let scratch = tempfile::tempdir().unwrap();
    let cases = recorded_cases();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    let known = known();
    for case in &cases {
        let recorded = harness::read_recorded(case).expect("case.txt reads");
        let failed = recorded.fields.get("command").and_then(|c| Cmd::parse(c));
        let outcomes = harness::replay(&bin(), case, &scratch.path().join("case"), SHORT_LIMITS)
            .expect("the case replays");
        // The command that failed must end well now. Another command of the
        // same case may still fail in a way left to another point's fix.
        let left = |o: &harness::Outcome| {
            Some(o.cmd) != failed && known.iter().any(|k| k.matches(o, &recorded.mutations))
        };
        for o in outcomes.iter().filter(|o| o.class.is_failure() && !left(o)) {
            failures.push(format!(
                "{}: {} {}: {}",
                case.display(),
                o.cmd.name(),
                o.class.name(),
                o.detail
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Found by seed 22 case 2081: a mutation grew the agreement past 4 MiB and
// every command refused the file as a whole, naming it; that is a place
// (the file), not a message without one.
#[test]
fn a_whole_file_refusal_naming_the_file_is_located_and_a_bare_error_is_not() {
    let run = |output: &str| harness::Run {
        code: Some(1),
        signal: None,
        timed_out: false,
        output: output.into(),
        elapsed: Duration::from_millis(1),
        max_rss_kib: 0,
    };
    let whole = "agreement.yaml: error[file]: agreement.yaml is larger than 4 MiB (4194305 bytes)";
    assert_eq!(harness::classify(&run(whole)).0, Class::CleanError);
    let placed = "agreement.yaml:3:7: error[type]: expected a string";
    assert_eq!(harness::classify(&run(placed)).0, Class::CleanError);
    for bare in [
        "error: something went wrong",
        "agreement.yaml: error: no place",
    ] {
        assert_eq!(harness::classify(&run(bare)).0, Class::NoLocation, "{bare}");
    }
}

// issue 12 (point 13, found by the harness, seed 2 case 67): a file with no
// value at all (empty, blank lines, or comments only, whatever its line
// ends) was refused without a place, and a scenario was told that "an
// agreement starts with `pledge: 1`".
#[test]
fn a_file_without_a_value_is_refused_at_a_place() {
    for (text, line) in [
        ("", 1),
        ("\n\n", 3),
        ("# a comment\n", 2),
        ("# one\r# two\r", 3),
        ("# one\r\n\r\n", 3),
        ("\u{feff}", 1),
        ("  # indented\n\t\n", 3),
    ] {
        let report = pledge::check::check_text(text);
        let d = &report.diagnostics[0];
        assert_eq!(d.code, "empty", "{text:?}");
        let location = d
            .location
            .unwrap_or_else(|| panic!("no place for {text:?}"));
        assert_eq!((location.line, location.column), (line, 1), "{text:?}");
        let error = pledge::format::Document::parse(text).unwrap_err();
        assert!(!error.message.contains("agreement"), "{}", error.message);
    }
}

// issue 12 (point 13, found by the harness, seed 12 case 581): `validate`
// quoted a value with a line break as it was, so the finding went on over a
// second line that named no place.
#[test]
fn every_finding_of_validate_is_one_line_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    for (i, value) in [
        "|\n  block\n  text",
        "\"a\\nb\"",
        "\"a\\rb\"",
        "\"a\\x85b\"",
        "\"a\\u2028b\\u2029c\"",
        "\"a\\u000bb\\u000cc\"",
    ]
    .iter()
    .enumerate()
    {
        let file = dir.path().join(format!("agreement{i}.yaml"));
        std::fs::write(&file, format!("pledge: {value}\n")).unwrap();
        let out = std::process::Command::new(bin())
            .arg("validate")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text
            .split([
                '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
            ])
            .collect();
        let prefix = format!("{}:", file.display());
        for line in lines.iter().filter(|l| !l.is_empty()) {
            assert!(line.starts_with(&prefix), "{value}: {text:?}");
        }
    }
}

#[test]
fn cases_are_the_same_for_the_same_seed_and_number() {
    let bases = harness::load_bases(&root()).unwrap();
    for number in [0, 1, 999, u64::MAX] {
        let a = harness::make_case(&bases, 7, number);
        let b = harness::make_case(&bases, 7, number);
        assert_eq!(
            (&a.agreement, &a.scenario, &a.mutations),
            (&b.agreement, &b.scenario, &b.mutations)
        );
    }
    let a = harness::make_case(&bases, 7, 1);
    let b = harness::make_case(&bases, 8, 1);
    assert_ne!((&a.agreement, &a.scenario), (&b.agreement, &b.scenario));
}

#[test]
fn the_mutations_cover_every_kind_of_damage() {
    let bases = harness::load_bases(&root()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for number in 0..3000 {
        for m in harness::make_case(&bases, 1, number).mutations {
            let kind: String = m.split([' ', '(']).next().unwrap_or("").to_string();
            seen.insert(kind);
        }
    }
    for kind in [
        "delete",
        "duplicate",
        "flip",
        "number",
        "value",
        "scalar",
        "list",
        "long",
        "deep",
        "alias",
        "BOM",
        "CRLF",
        "CR",
        "one",
        "tab",
        "awkward",
        "date",
        "time",
        "duration,",
    ] {
        assert!(seen.contains(kind), "no `{kind}` mutation in {seen:?}");
    }
}

fn run_sh(script: &str, limits: Limits) -> harness::Run {
    let args = vec!["-c".to_string(), script.to_string()];
    harness::run_limited(Path::new("/bin/sh"), &std::env::temp_dir(), &args, limits).unwrap()
}

#[test]
fn the_harness_tells_every_failure_class_apart() {
    let quick = Limits {
        time: Duration::from_millis(300),
        memory: 1 << 30,
    };
    let class = |script: &str| harness::classify(&run_sh(script, quick)).0;
    assert_eq!(class("exit 0"), Class::Ok);
    assert_eq!(
        class("echo 'agreement.yaml:3:7: error[type]: no' >&2; exit 1"),
        Class::CleanError
    );
    assert_eq!(
        class("echo 'cannot read agreement.yaml: no' >&2; exit 1"),
        Class::NoLocation
    );
    assert_eq!(class("exit 1"), Class::BadExit);
    assert_eq!(
        class("echo 'agreement.yaml:3:7: no' >&2; exit 2"),
        Class::BadExit
    );
    assert_eq!(
        class("echo \"thread 'main' panicked at src/x.rs:1:1:\" >&2; exit 101"),
        Class::Panic
    );
    assert_eq!(class("kill -SEGV $$"), Class::Crash);
    assert_eq!(
        class("echo 'memory allocation of 1048576 bytes failed' >&2; kill -ABRT $$"),
        Class::MemoryLimit
    );
    // A process that waits is stopped by the wall clock, one that computes
    // by its CPU time.
    let started = std::time::Instant::now();
    assert_eq!(class("sleep 20"), Class::Timeout);
    let spin = Limits {
        time: Duration::from_secs(1),
        memory: 1 << 30,
    };
    let run = run_sh("while :; do :; done", spin);
    assert_eq!(harness::classify(&run).0, Class::Timeout);
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn the_memory_limit_holds_the_real_binary() {
    // A few MiB of address space cannot even map the binary: the limit is
    // set in the child, and the harness counts the failure, never hangs.
    let tiny = Limits {
        time: Duration::from_secs(10),
        memory: 4 << 20,
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), "pledge: 1\n").unwrap();
    let args = vec!["validate".to_string(), "agreement.yaml".to_string()];
    let run = harness::run_limited(&bin(), dir.path(), &args, tiny);
    let failed = match run {
        Err(_) => true,
        Ok(run) => harness::classify(&run).0.is_failure(),
    };
    assert!(failed);
    // And with room, the same command runs and its peak memory is measured.
    let run = harness::run_limited(&bin(), dir.path(), &args, SHORT_LIMITS).unwrap();
    assert!(run.code.is_some() && !run.timed_out);
    assert!(run.max_rss_kib > 0);
}
