//! Issue 12, point 5: a saved version is checked against its fingerprint
//! whenever its text is read, and `pledge store check` checks them all.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use pledge::store::{export_version, Problem, Store, StoreError};

use super::{at, name, sample};

const PLEDGE: &str = env!("CARGO_BIN_EXE_pledge");

/// A word only the saved version's text holds, to find it in the file.
const CANARY: &str = "Fingerprint-Canary";

/// A library in `dir` with version 1 of `acme` whose title holds the
/// canary, and version 2 that does not; closed, so its pages are in the
/// database file itself.
fn library(dir: &Path) {
    let mut store = Store::open(&dir.join("pledge.db")).unwrap();
    let mut first = sample();
    first.meta.title = format!("{CANARY} agreement").into();
    store
        .save(&name("acme"), &first, "marie", "v1", at(0))
        .unwrap();
    store
        .save(&name("acme"), &sample(), "paul", "v2", at(1))
        .unwrap();
}

/// Changes one byte of the canary inside the database file, as damage or
/// another tool would, and returns how many copies it found.
fn flip_a_byte(dir: &Path, to: u8) -> usize {
    let file = dir.join("pledge.db");
    assert!(
        !dir.join("pledge.db-wal").exists()
            || fs::metadata(dir.join("pledge.db-wal")).unwrap().len() == 0,
        "the log should have been checkpointed on close"
    );
    let mut bytes = fs::read(&file).unwrap();
    let needle = CANARY.as_bytes();
    let mut found = 0;
    let mut i = 0;
    while i + needle.len() <= bytes.len() {
        if &bytes[i..i + needle.len()] == needle {
            bytes[i] = to;
            found += 1;
        }
        i += 1;
    }
    fs::write(&file, bytes).unwrap();
    found
}

#[test]
fn a_version_altered_in_the_file_is_refused_everywhere_its_text_is_read() {
    // issue 12: a byte flipped in the page holding a version changed what
    // `store show` printed, and nothing noticed.
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    assert!(flip_a_byte(dir.path(), b'K') >= 1);
    let db = dir.path().join("pledge.db");
    let mut store = Store::open(&db).unwrap();
    let acme = name("acme");
    let err = store.version(&acme, Some(1)).unwrap_err();
    match &err {
        StoreError::AlteredVersion { path, name, number } => {
            assert_eq!(
                (path.as_path(), name.as_str(), *number),
                (db.as_path(), "acme", 1)
            );
        }
        other => panic!("not refused as altered: {other:?}"),
    }
    let message = err.to_string();
    for words in ["version 1 of `acme`", &db.display().to_string(), "altered"] {
        assert!(message.contains(words), "{message}");
    }
    // The intact version still reads; every path to the altered text does not.
    assert_eq!(store.version(&acme, Some(2)).unwrap().info.number, 2);
    assert!(matches!(
        store.compare(&acme, 1, 2),
        Err(StoreError::AlteredVersion { number: 1, .. })
    ));
    let out = dir.path().join("v1.yaml");
    assert!(matches!(
        export_version(&store, &acme, Some(1), &out),
        Err(StoreError::AlteredVersion { .. })
    ));
    assert!(!out.exists(), "the altered text was written out");
    // The check finds it, and counts what it looked at.
    let report = store.check().unwrap();
    assert_eq!((report.agreements, report.versions), (1, 2));
    assert_eq!(
        report.problems,
        [Problem::AlteredVersion {
            name: acme.clone(),
            number: 1
        }]
    );
    // Saving the first text again is a new version, never "unchanged" on
    // the strength of altered text.
    let mut first = sample();
    first.meta.title = format!("{CANARY} agreement").into();
    let saved = store.save(&acme, &first, "marie", "again", at(2)).unwrap();
    assert_eq!((saved.created, saved.version.number), (true, 3));
}

#[test]
fn a_flip_that_breaks_utf8_is_refused_the_same_way() {
    // issue 12: the check runs on the stored bytes, before decoding.
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    assert!(flip_a_byte(dir.path(), 0xFF) >= 1);
    let store = Store::open(&dir.path().join("pledge.db")).unwrap();
    assert!(matches!(
        store.version(&name("acme"), Some(1)),
        Err(StoreError::AlteredVersion { number: 1, .. })
    ));
    assert_eq!(store.check().unwrap().problems.len(), 1);
}

fn pledge_store(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::new(PLEDGE)
        .arg("store")
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLEDGE_DATA_DIR")
        .assert()
}

#[test]
fn store_show_refuses_an_altered_version_and_store_check_exits_1() {
    // issue 12: `store show` printed altered text; `store check` is new.
    let dir = tempfile::tempdir().unwrap();
    library(dir.path());
    let healthy = pledge_store(dir.path(), &["check"]).success();
    let out = String::from_utf8_lossy(&healthy.get_output().stdout).into_owned();
    assert!(
        out.contains("1 agreement(s), 2 version(s) verified, no problem"),
        "{out}"
    );
    assert!(flip_a_byte(dir.path(), b'K') >= 1);
    let show = pledge_store(dir.path(), &["show", "acme", "--version", "1"]).failure();
    let err = String::from_utf8_lossy(&show.get_output().stderr).into_owned();
    assert!(
        err.contains("version 1 of `acme`") && err.contains("altered") && err.contains("pledge.db"),
        "{err}"
    );
    assert!(
        show.get_output().stdout.is_empty(),
        "altered text was printed"
    );
    let check = pledge_store(dir.path(), &["check"]).code(1);
    let out = String::from_utf8_lossy(&check.get_output().stdout).into_owned();
    assert!(
        out.contains("1 agreement(s), 2 version(s) verified, 1 problem")
            && out.contains("problem: version 1 of `acme` was altered"),
        "{out}"
    );
}

#[test]
fn store_check_exits_1_on_a_file_it_cannot_open() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pledge.db"), "not a database at all").unwrap();
    let check = pledge_store(dir.path(), &["check"]).code(1);
    let out = String::from_utf8_lossy(&check.get_output().stdout).into_owned();
    assert!(
        out.contains("problem:") && out.contains("not a usable Pledge database"),
        "{out}"
    );
}
