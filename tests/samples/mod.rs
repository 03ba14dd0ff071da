//! The sample agreements shipped in `templates/samples/`: each must read,
//! and writing it back must lose nothing.

use std::fs;
use std::path::{Path, PathBuf};

use pledge::format;
use pledge::model::Agreement;

/// The samples every build must ship; a missing one fails the test rather
/// than being skipped silently.
const EXPECTED: [&str; 3] = [
    "fr-pme-infogerance.yaml",
    "internal-it-ola.yaml",
    "saas-multilevel.yaml",
];

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join("samples")
}

/// Every `*.yaml` file in the samples folder, sorted so failures are stable.
fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(samples_dir())
        .expect("templates/samples exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

/// The single place that reads a sample, so a failure names the file and
/// the reader's message with its line and column.
fn read_sample(path: &Path) -> Agreement {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match format::read(&text) {
        Ok(agreement) => agreement,
        Err(e) => panic!(
            "{}: {:?} at {:?} ({}): {}",
            path.display(),
            e.location,
            e.path,
            e.code,
            e.message
        ),
    }
}

#[test]
fn the_expected_samples_are_shipped() {
    let names: Vec<String> = sample_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in EXPECTED {
        assert!(
            names.iter().any(|n| n == expected),
            "templates/samples/{expected} is missing; found {names:?}"
        );
    }
}

#[test]
fn every_sample_reads() {
    for path in sample_files() {
        let agreement = read_sample(&path);
        assert_eq!(agreement.pledge, 1, "{}", path.display());
        assert!(
            !agreement.targets.is_empty(),
            "{} has no targets",
            path.display()
        );
    }
}

#[test]
fn every_sample_survives_a_write_read_round_trip() {
    for path in sample_files() {
        let agreement = read_sample(&path);
        let written = format::write(&agreement);
        let again = format::read(&written).unwrap_or_else(|e| {
            panic!(
                "{}: the written form does not read back: {}\n{written}",
                path.display(),
                e
            )
        });
        assert_eq!(
            again,
            agreement,
            "{}: the round trip changed the agreement",
            path.display()
        );
        // Writing is canonical: a second write gives the same text.
        assert_eq!(
            format::write(&again),
            written,
            "{}: writing is not stable",
            path.display()
        );
    }
}

#[test]
fn the_first_line_of_every_sample_is_the_format_version() {
    for path in sample_files() {
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().next(), Some("pledge: 1"), "{}", path.display());
    }
}

#[test]
fn every_sample_is_clean_under_validation() {
    for path in sample_files() {
        let text = fs::read_to_string(&path).unwrap();
        let report = pledge::check::check_text(&text);
        let findings: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}: {}[{}] {} ({})",
                    d.location.map(|l| l.to_string()).unwrap_or_default(),
                    d.severity,
                    d.code,
                    d.message,
                    d.path
                )
            })
            .collect();
        assert!(findings.is_empty(), "{}: {findings:#?}", path.display());
    }
}

#[test]
fn every_shipped_sample_is_offered_by_name_with_the_file_text() {
    for expected in EXPECTED {
        let name = expected.trim_end_matches(".yaml");
        let sample = pledge::samples::find(name)
            .unwrap_or_else(|| panic!("sample `{name}` is not registered"));
        let on_disk = fs::read_to_string(samples_dir().join(expected)).unwrap();
        assert_eq!(
            sample.text, on_disk,
            "the embedded text of `{name}` differs from its file"
        );
    }
    assert_eq!(
        pledge::samples::SAMPLES.len(),
        EXPECTED.len(),
        "a registered sample is not in EXPECTED"
    );
}
