//! Opening files: every earlier schema upgrades; newer, damaged or foreign
//! files are refused and left byte for byte as they were.

use std::fs;
use std::path::{Path, PathBuf};

use pledge::store::{fingerprint, AgreementName, Store, StoreError, SCHEMA_VERSION};
use rusqlite::Connection;

use super::{fixtures, name, sample_text};

/// Copies a fixture database into a fresh folder, so the committed file is
/// never modified.
fn copy_fixture(file: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    fs::copy(fixtures().join(file), &path).unwrap();
    (dir, path)
}

fn bytes(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

/// What every fixture holds, checked after the upgrade.
fn check_fixture_content(store: &Store) {
    let acme: AgreementName = name("acme-premium");
    let v = store.version(&acme, Some(1)).unwrap();
    assert_eq!(v.yaml, sample_text());
    assert_eq!(v.info.fingerprint, fingerprint(v.yaml.as_bytes()));
    assert_eq!(v.info.author, "marie");
    v.agreement().unwrap();
    assert_eq!(
        store.draft(&acme).unwrap().unwrap().text,
        "pledge: 1\n# unfinished edit"
    );
}

#[test]
fn there_is_a_fixture_for_every_schema_version() {
    for version in 1..=SCHEMA_VERSION {
        assert!(
            fixtures().join(format!("schema-v{version}.db")).exists(),
            "no fixture for schema {version}"
        );
    }
}

#[test]
fn every_earlier_schema_upgrades_to_the_current_one_after_a_backup() {
    for version in 1..SCHEMA_VERSION {
        let (dir, path) = copy_fixture(&format!("schema-v{version}.db"));
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        check_fixture_content(&store);
        let backup = dir.path().join(format!("pledge.db.v{version}.bak"));
        let old = Connection::open(&backup).unwrap();
        let n: i64 = old
            .query_row("SELECT count(*) FROM versions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}

#[test]
fn the_v1_backup_is_the_old_schema() {
    let (dir, path) = copy_fixture("schema-v1.db");
    drop(Store::open(&path).unwrap());
    let backup = dir.path().join("pledge.db.v1.bak");
    let conn = Connection::open(&backup).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn the_current_schema_opens_without_migration_or_backup() {
    let (dir, path) = copy_fixture(&format!("schema-v{SCHEMA_VERSION}.db"));
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    check_fixture_content(&store);
    let runs = store.runs(&name("acme-premium")).unwrap();
    assert_eq!(
        (runs[0].run.seed, runs[0].run.replications),
        (u64::MAX, 200)
    );
    assert_eq!(
        store.scenario(&name("acme-premium")).unwrap().as_deref(),
        Some("{\"name\":\"Monday peak\"}")
    );
    drop(store);
    let others: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bak"))
        .collect();
    assert!(others.is_empty(), "unexpected backups {others:?}");
}

#[test]
fn a_new_database_is_created_with_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/pledge.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

/// Opens `path`, expects a refusal, and checks the file did not change.
fn refused(path: &Path) -> StoreError {
    let before = bytes(path);
    let err = Store::open(path).unwrap_err();
    assert_eq!(bytes(path), before, "the refused file was modified");
    err
}

#[test]
fn a_database_from_a_newer_pledge_is_refused_and_left_untouched() {
    let (_dir, path) = copy_fixture(&format!("schema-v{SCHEMA_VERSION}.db"));
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = refused(&path);
    assert!(
        matches!(err, StoreError::NewerSchema { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
    assert!(err.to_string().contains("newer Pledge"), "{err}");
}

#[test]
fn a_truncated_database_is_refused_and_left_untouched() {
    let (_dir, path) = copy_fixture(&format!("schema-v{SCHEMA_VERSION}.db"));
    let full = bytes(&path);
    // Cut in the middle of a page, then exactly at a page boundary.
    for cut in [full.len() / 2 + 100, full.len() - 4096, 50] {
        fs::write(&path, &full[..cut]).unwrap();
        let err = refused(&path);
        assert!(
            matches!(
                err,
                StoreError::NotADatabase { .. } | StoreError::Damaged { .. }
            ),
            "cut at {cut}: {err:?}"
        );
        assert!(err.to_string().contains("left as it was"), "{err}");
    }
}

#[test]
fn a_garbage_or_empty_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for content in [garbage.as_slice(), b"", b"pledge: 1\nmeta: {}\n"] {
        fs::write(&path, content).unwrap();
        let err = refused(&path);
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    }
    // A damaged page inside an otherwise well-formed file.
    let (_d, path) = copy_fixture(&format!("schema-v{SCHEMA_VERSION}.db"));
    let mut damaged = bytes(&path);
    for b in &mut damaged[4096..4096 + 2000] {
        *b = 0xA5;
    }
    fs::write(&path, &damaged).unwrap();
    let err = refused(&path);
    assert!(
        matches!(
            err,
            StoreError::Damaged { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, blob BLOB);")
            .unwrap();
    }
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotPledge { .. }), "{err:?}");
}

/// A library as a crash leaves it: the database file and a write-ahead log
/// holding the last commits, copied into a fresh folder (as if the process
/// that had them open were gone).
fn crashed_library() -> (tempfile::TempDir, PathBuf) {
    let live = tempfile::tempdir().unwrap();
    let path = live.path().join("pledge.db");
    let mut store = Store::open(&path).unwrap();
    for i in 0..3 {
        let mut a = super::sample();
        a.meta.version_label = format!("1.{i}");
        store
            .save(&name(&format!("a{i}")), &a, "m", "before", super::at(i))
            .unwrap();
    }
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store
        .save(
            &name("last"),
            &super::sample(),
            "m",
            "in the log only",
            super::at(9),
        )
        .unwrap();
    let wal = live.path().join("pledge.db-wal");
    assert!(
        fs::metadata(&wal).unwrap().len() > 32,
        "the last save should still be in the log"
    );
    let copy = tempfile::tempdir().unwrap();
    fs::copy(&path, copy.path().join("pledge.db")).unwrap();
    fs::copy(&wal, copy.path().join("pledge.db-wal")).unwrap();
    drop(store);
    let path = copy.path().join("pledge.db");
    (copy, path)
}

#[test]
fn commits_left_in_the_write_ahead_log_by_a_crash_are_recovered() {
    let (_dir, path) = crashed_library();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.version(&name("last"), None).unwrap().info.message,
        "in the log only"
    );
    assert_eq!(store.list(pledge::store::Shelf::Live).unwrap().len(), 4);
}

#[test]
fn a_damaged_file_with_a_pending_log_is_refused_and_both_are_left_untouched() {
    let (dir, path) = crashed_library();
    let full = bytes(&path);
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    let wal = dir.path().join("pledge.db-wal");
    let wal_before = bytes(&wal);
    let err = refused(&path);
    assert!(
        matches!(
            err,
            StoreError::Damaged { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
    assert_eq!(bytes(&wal), wal_before, "the write-ahead log was modified");
}
