//! Tests of the library of agreements (issue 6): the store API, schema
//! migrations, damaged files, crashes, concurrent writers and the CLI.

mod cli;
mod diff;
mod files;
mod library;
mod migrations;
mod portfolios;
mod redline;
mod sealed;
mod verified;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use pledge::model::Agreement;
use pledge::store::{AgreementName, Store};

/// The folder of the store's fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

/// The sample agreement in canonical form.
pub fn sample_text() -> String {
    std::fs::read_to_string(fixtures().join("agreements/acme-premium.yaml")).unwrap()
}

/// The sample agreement, read.
pub fn sample() -> Agreement {
    pledge::format::read(&sample_text()).unwrap()
}

/// A fixed time, `minute` minutes into 2026-03-01 09:00 UTC.
pub fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap() + chrono::Duration::minutes(minute)
}

/// An agreement name.
pub fn name(text: &str) -> AgreementName {
    text.parse().unwrap()
}

/// A fresh library in a temporary folder (kept alive by the returned guard).
pub fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("pledge.db")).unwrap();
    (dir, store)
}
