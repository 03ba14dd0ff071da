//! The history in the library: re-imports, updates, a stopped file, and the
//! schema's fixtures.

use std::fmt::Write as _;
use std::path::Path;

use pledge::history::MAX_PROBLEMS;
use pledge::store::Store;

use super::{at, fixture, fresh, import_with, name, tickets, utc};

const HEADER: &str = "Id,Organization,Created at,Solved at,First reply time in minutes\n";

fn write(dir: &Path, file: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let (_dir, mut store) = fresh();
    let first = import_with(&mut store, "zd", &fixture("zendesk.csv"), |_| {});
    assert_eq!((first.tickets.imported, first.imported_before), (3, None));
    let again = import_with(&mut store, "zd", &fixture("zendesk.csv"), |_| {});
    let c = &again.tickets;
    assert_eq!((c.imported, c.updated, c.unchanged), (0, 0, 3));
    assert_eq!(again.imported_before, Some(at()));
    assert_eq!(tickets(&store, "zd").len(), 3);
    let log = store.history_imports(&name("zd")).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(
        (
            log[1].log.file_name.as_str(),
            log[1].log.format.as_str(),
            log[1].log.counts.unchanged
        ),
        ("zendesk.csv", "zendesk", 3)
    );
    assert_eq!(log[1].log.fingerprint, first.fingerprint);
}

#[test]
fn an_overlapping_later_export_updates_its_tickets() {
    let (dir, mut store) = fresh();
    let early = write(
        dir.path(),
        "march.csv",
        &format!("{HEADER}1,Acme Corp,2026-03-02 09:00,,\n"),
    );
    import_with(&mut store, "h", &early, |_| {});
    let later = write(
        dir.path(),
        "april.csv",
        &format!("{HEADER}1,Acme Corp,2026-03-02 09:00,2026-03-02 12:00,5\n2,Globex,2026-03-03 09:00,,\n"),
    );
    let report = import_with(&mut store, "h", &later, |_| {});
    let c = &report.tickets;
    assert_eq!((c.imported, c.updated, c.unchanged), (1, 1, 0));
    let got = tickets(&store, "h");
    assert_eq!(got.len(), 2);
    assert_eq!(
        (got[0].first_response, got[0].resolved),
        (
            Some(utc("2026-03-02T09:05:00Z")),
            Some(utc("2026-03-02T12:00:00Z"))
        )
    );
}

#[test]
fn a_file_stopped_at_the_problem_limit_stores_nothing_and_keeps_earlier_imports() {
    let (dir, mut store) = fresh();
    let good = write(
        dir.path(),
        "good.csv",
        &format!("{HEADER}1,Acme Corp,2026-03-02 09:00,,\n"),
    );
    import_with(&mut store, "h", &good, |_| {});
    let mut text = HEADER.to_string();
    for i in 0..3 * MAX_PROBLEMS {
        // One row in three is bad: the share is fine, the count is not.
        let created = if i % 3 == 0 {
            "soon"
        } else {
            "2026-03-02 10:00"
        };
        writeln!(text, "{},Globex,{created},,", i + 100).unwrap();
    }
    let bad = write(dir.path(), "bad.csv", &text);
    let report = import_with(&mut store, "h", &bad, |_| {});
    assert_eq!(
        report.stopped.as_deref(),
        Some("1000 rows could not be read: the import stopped at the limit of 1000")
    );
    assert_eq!(report.tickets.problems.len(), MAX_PROBLEMS as usize);
    // The last row read was the 1,000th bad one, on line 2 + 3 × 999.
    assert_eq!(report.tickets.read, 3 * (MAX_PROBLEMS - 1) + 1);
    assert_eq!(
        report.tickets.problems.last().unwrap().line,
        2 + 3 * (MAX_PROBLEMS - 1)
    );
    let got = tickets(&store, "h");
    assert_eq!(got.len(), 1);
    assert_eq!(store.history_imports(&name("h")).unwrap().len(), 1);
}

#[test]
fn a_bad_status_log_stops_the_whole_import() {
    let (dir, mut store) = fresh();
    let log = write(
        dir.path(),
        "log.csv",
        "ticket,time,from,to\n101,never,Open,Pending\n",
    );
    let report = import_with(&mut store, "zd", &fixture("zendesk.csv"), |o| {
        o.status_log = Some(log);
    });
    assert!(
        report
            .stopped
            .as_deref()
            .unwrap()
            .starts_with("status-change log: 1 of 1 rows"),
        "{:?}",
        report.stopped
    );
    assert!(store.histories().unwrap().is_empty());
}

fn store_fixture(file: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pledge.db");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/store")
        .join(file);
    std::fs::copy(source, &path).unwrap();
    let store = Store::open(&path).unwrap();
    (dir, store)
}

#[test]
fn the_schema_5_fixture_reads_its_history() {
    let (_dir, store) = store_fixture("schema-v5.db");
    let list = store.histories().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (
            list[0].name.as_str(),
            list[0].tickets,
            list[0].pauses,
            list[0].imports
        ),
        ("acme-tickets", 2, 1, 1)
    );
    let got = tickets(&store, "acme-tickets");
    assert_eq!(
        (got[0].id.as_str(), got[0].created, got[0].first_response),
        (
            "1001",
            utc("2026-01-05T09:17:00Z"),
            Some(utc("2026-01-05T09:18:00Z"))
        )
    );
    assert_eq!((got[1].plan.clone(), got[1].resolved), (None, None));
    assert!(store.check().unwrap().problems.is_empty());
}

#[test]
fn a_schema_4_library_takes_histories_after_its_upgrade() {
    let (_dir, mut store) = store_fixture("schema-v4.db");
    assert!(store.histories().unwrap().is_empty());
    let report = import_with(&mut store, "zd", &fixture("zendesk.csv"), |_| {});
    assert_eq!(report.tickets.imported, 3);
    // The agreements are untouched.
    let acme: pledge::store::AgreementName = "acme-premium".parse().unwrap();
    assert_eq!(store.log(&acme).unwrap().len(), 1);
    assert!(store.check().unwrap().problems.is_empty());
}

#[test]
fn an_import_tells_its_progress_and_a_cancelled_one_stores_nothing() {
    use pledge::history::generate::{write_export, TrueParameters};
    use pledge::history::{import_tracked, Format, ImportOptions, CANCELLED, PROGRESS_EVERY};
    let (dir, mut store) = super::fresh();
    let export = dir.path().join("big.csv");
    let params = TrueParameters::realistic(10, 5_000.0);
    let written = write_export(
        Format::Zendesk,
        &params,
        2,
        std::io::BufWriter::new(std::fs::File::create(&export).unwrap()),
        None,
    )
    .unwrap();
    assert!(written.tickets > 2 * PROGRESS_EVERY, "{}", written.tickets);
    let length = std::fs::metadata(&export).unwrap().len();

    // Cancelled at the first report: the history stays as it was (absent).
    let options = ImportOptions::new(super::name("big"), super::at());
    let mut calls = 0;
    let report = import_tracked(&mut store, &export, &options, &mut |_| {
        calls += 1;
        false
    })
    .unwrap();
    assert_eq!(calls, 1);
    assert_eq!(report.stopped.as_deref(), Some(CANCELLED));
    assert!(store.histories().unwrap().is_empty());

    // Carried through: reports every PROGRESS_EVERY rows, bytes growing,
    // the last at the file's end.
    let mut seen = Vec::new();
    let report = import_tracked(&mut store, &export, &options, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(report.stopped, None);
    assert_eq!(report.tickets.imported, written.tickets);
    assert_eq!(seen.len() as u64, written.tickets / PROGRESS_EVERY + 1);
    assert!(seen
        .windows(2)
        .all(|w| w[0].bytes < w[1].bytes && w[0].rows < w[1].rows));
    let last = seen.last().unwrap();
    assert_eq!(
        (last.rows, last.bytes, last.total_bytes),
        (written.tickets, length, length)
    );
    assert_eq!(seen[0].rows, PROGRESS_EVERY);
}
