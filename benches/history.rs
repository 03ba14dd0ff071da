//! Rows per second of the CSV import path on a generated one-million-row
//! Zendesk export: reading and mapping alone (the streaming reader), and
//! reading, mapping and storing in the library (one transaction, as
//! `pledge history import` does). Both run on one thread.
//!
//! The export is written once into a temporary folder, from the
//! generator's realistic parameters (1,000 weeks of about 1,000 tickets).

use std::fs::File;
use std::hint::black_box;
use std::io::BufWriter;
use std::path::Path;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pledge::history::generate::{write_export, TrueParameters};
use pledge::history::{import, Format, ImportOptions, TicketReader};
use pledge::store::Store;

fn export(dir: &Path) -> (std::path::PathBuf, u64) {
    let path = dir.join("zendesk.csv");
    let params = TrueParameters::realistic(1_000, 1_000.0);
    let out = BufWriter::new(File::create(&path).expect("the export is written"));
    let written =
        write_export(Format::Zendesk, &params, 1, out, None).expect("the export is written");
    (path, written.tickets)
}

fn read_all(path: &Path) -> u64 {
    let mut reader = TicketReader::open(path, None, None, None).expect("the export opens");
    let mut rows = 0;
    while let Some(row) = reader.next_row().expect("the export reads") {
        black_box(row.expect("every generated row reads"));
        rows += 1;
    }
    rows
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (path, rows) = export(dir.path());
    assert_eq!(read_all(&path), rows);
    let mut group = c.benchmark_group("history_import_zendesk_1m");
    group.sample_size(10);
    group.throughput(Throughput::Elements(rows));
    group.bench_function("parse_and_map", |b| b.iter(|| read_all(&path)));
    let at = Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap();
    group.bench_function("parse_map_and_store", |b| {
        b.iter_batched(
            || {
                let db = tempfile::tempdir().expect("a temporary folder");
                let store = Store::open(&db.path().join("pledge.db")).expect("a library");
                (db, store)
            },
            |(db, mut store)| {
                let options = ImportOptions::new("bench".parse().expect("a name"), at);
                let report = import(&mut store, &path, &options).expect("the import runs");
                assert_eq!(report.tickets.imported, rows);
                (db, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
