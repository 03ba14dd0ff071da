//! Generated histories import back to the tickets they were drawn as, in
//! every format, with their pauses.

use std::fs::File;
use std::io::BufWriter;

use pledge::history::generate::{
    expected_ticket, ticket_id, tickets, write_export, TrueParameters,
};
use pledge::history::{Format, Ticket};

use super::{fresh, import_with, name};

fn round_trip(format: Format) {
    let (dir, mut store) = fresh();
    let params = TrueParameters::realistic(3, 400.0);
    let export = dir.path().join(format!("{}.csv", format.key()));
    let log = dir.path().join(format!("{}-log.csv", format.key()));
    let mut log_file = BufWriter::new(File::create(&log).unwrap());
    let written = write_export(
        format,
        &params,
        11,
        BufWriter::new(File::create(&export).unwrap()),
        Some(&mut log_file),
    )
    .unwrap();
    drop(log_file);
    let report = import_with(&mut store, "gen", &export, |o| {
        o.status_log = Some(log.clone())
    });
    assert_eq!(report.format, format, "found from the header");
    assert_eq!(
        (
            report.tickets.read,
            report.tickets.imported,
            report.tickets.rejected
        ),
        (written.tickets, written.tickets, 0),
        "{:?}",
        report.tickets.problems
    );
    let log_report = report.status_log.unwrap();
    assert_eq!(
        (log_report.changes.imported, log_report.changes.rejected),
        (written.status_changes, 0)
    );

    let generated: Vec<_> = tickets(&params, 11).collect();
    let key = |t: &Ticket| (t.created, t.id.clone());
    let mut expected: Vec<Ticket> = generated
        .iter()
        .map(|g| expected_ticket(format, &params, g))
        .collect();
    expected.sort_by_key(key);
    let mut got = super::tickets(&store, "gen");
    got.sort_by_key(key);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g, e, "{format:?}");
    }

    let mut expected_pauses: Vec<_> = generated
        .iter()
        .filter_map(|g| {
            g.pending
                .map(|(from, to)| (ticket_id(format, g.number), from, to))
        })
        .collect();
    expected_pauses.sort();
    let mut pauses: Vec<_> = store
        .history_pauses(&name("gen"))
        .unwrap()
        .into_iter()
        .map(|p| (p.ticket, p.start, p.end))
        .collect();
    pauses.sort();
    assert!(!expected_pauses.is_empty());
    assert_eq!(pauses, expected_pauses, "{format:?}");
}

#[test]
fn a_generated_zendesk_export_imports_back() {
    round_trip(Format::Zendesk);
}

#[test]
fn a_generated_zendesk_json_export_imports_back() {
    round_trip(Format::ZendeskJson);
}

#[test]
fn a_generated_freshdesk_export_imports_back() {
    round_trip(Format::Freshdesk);
}

#[test]
fn a_generated_jsm_export_imports_back() {
    round_trip(Format::Jsm);
}

#[test]
fn a_generated_pledge_csv_imports_back() {
    round_trip(Format::Csv);
}

#[test]
fn the_generated_mix_follows_its_true_parameters() {
    // 20 weeks × 500 tickets: each organisation's count lies within 4.5
    // standard deviations of its expectation (a binomial share), which a
    // correct generator misses with probability under 1e-5 per share.
    let params = TrueParameters::realistic(20, 500.0);
    let all: Vec<_> = tickets(&params, 5).collect();
    let n = all.len() as f64;
    let total: f64 = params.organisations.iter().map(|o| o.weight).sum();
    for (i, org) in params.organisations.iter().enumerate() {
        let p = org.weight / total;
        let count = all.iter().filter(|t| t.organisation == i).count() as f64;
        let sd = (n * p * (1.0 - p)).sqrt();
        assert!(
            (count - n * p).abs() < 4.5 * sd,
            "{}: {count} vs {}",
            org.name,
            n * p
        );
    }
    // The volume is Poisson with mean 10,000.
    assert!((n - 10_000.0).abs() < 4.5 * 100.0, "{n}");
}
