//! Tests of ticket histories (issue 13): reading each helpdesk's export and
//! every malformed file with its located message, the library's tables,
//! the generator's round trip through every format, and the CLI.

mod calibrate;
mod cli;
mod files;
mod library;
mod measure;
mod props;
mod report;
mod roundtrip;
mod targets;

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use pledge::history::{import, ImportOptions, ImportReport, Ticket, Value};
use pledge::store::{HistoryName, Store};

/// The folder of the hand-made exports.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/history")
        .join(name)
}

/// A fixed import time.
pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap()
}

/// A UTC time from its text.
pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A history name.
pub fn name(text: &str) -> HistoryName {
    text.parse().unwrap()
}

/// An agreement on Paris office hours (Monday to Friday 09:00–17:00, with
/// French public holidays from 2026 to 2028 when `holidays`), one Standard
/// plan on them, and `rest` (its priorities, targets and credits, YAML at
/// the top level): the agreement the measure, report and targets tests
/// measure tickets against.
pub fn paris_agreement(reference: &str, holidays: bool, rest: &str) -> String {
    let holidays = if holidays {
        "\n    holidays: {rules: [{country: FR, from: 2026, to: 2028}]}"
    } else {
        ""
    };
    format!(
        r#"
pledge: 1
meta:
  title: Support Agreement
  reference: {reference}
  version_label: "1.0"
  language: en
  currency: EUR
  monthly_fee: 1000
  effective_date: 2027-01-01
  term: {{initial_months: 12}}
  governing_law: French law
  shape: customer_based
parties:
  provider: {{legal_name: Provider SAS}}
  customer: {{legal_name: Customer SA}}
services:
  - {{id: app, name: Hosted application}}
calendars:
  - id: paris
    time_zone: Europe/Paris
    hours: {{mon: [09:00-17:00], tue: [09:00-17:00], wed: [09:00-17:00], thu: [09:00-17:00], fri: [09:00-17:00]}}{holidays}
plans:
  - {{id: standard, name: Standard, calendar: paris}}
{rest}"#
    )
}

/// A value the file and the agreement word alike.
pub fn value(v: &str) -> Option<Value> {
    Some(Value {
        mapped: v.into(),
        raw: v.into(),
    })
}

/// A fresh library in a temporary folder.
pub fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("pledge.db")).unwrap();
    (dir, store)
}

/// Imports `file` into history `h` with the options `adjust` sets.
pub fn import_with(
    store: &mut Store,
    h: &str,
    file: &Path,
    adjust: impl FnOnce(&mut ImportOptions),
) -> ImportReport {
    let mut options = ImportOptions::new(name(h), at());
    adjust(&mut options);
    import(store, file, &options).unwrap()
}

/// Every ticket of a history, in the store's order.
pub fn tickets(store: &Store, h: &str) -> Vec<Ticket> {
    let mut out = Vec::new();
    store.for_each_ticket(&name(h), |t| out.push(t)).unwrap();
    out
}

/// The problems of a report as the CLI prints them (without the file).
pub fn problems(report: &ImportReport) -> Vec<String> {
    report
        .tickets
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect()
}
