//! Laying out and writing the 20-page demonstration contract, and laying
//! out a single word of 100,000 and 1,000,000 characters (a pasted hash or
//! URL without any break opportunity), which must cost linear time.

use criterion::{criterion_group, criterion_main, Criterion};
use pledge::doc::contract::{self, ContractOptions, Edition};
use pledge::doc::sample::sample_document;
use pledge::doc::tree::{Block, Lang, Paragraph};
use pledge::doc::{export_pdf, layout, ExportOptions};

fn bench(c: &mut Criterion) {
    let doc = sample_document(Lang::Fr, 14, &"ab".repeat(32));
    let opts = ExportOptions { draft: true };
    let pages = layout::layout(&doc, opts).expect("layout").pages.len();
    assert!(pages >= 20, "the benchmark document has {pages} pages");
    c.bench_function("doc/layout_20_pages", |b| {
        b.iter(|| layout::layout(&doc, opts).expect("layout"))
    });
    c.bench_function("doc/export_pdf_20_pages", |b| {
        b.iter(|| export_pdf(&doc, opts).expect("export"))
    });
    // The template path: render the French sample agreement's contract
    // (internal edition, the longest), lay it out and write the PDF.
    let sample = pledge::samples::find("fr-pme-infogerance").expect("sample");
    let agreement = pledge::format::read(sample.text).expect("sample reads");
    let copts = ContractOptions {
        edition: Edition::Internal,
        ..ContractOptions::default()
    };
    c.bench_function("doc/contract_template_fr", |b| {
        b.iter(|| contract::export(&agreement, &copts).expect("contract"))
    });
    c.bench_function("doc/contract_render_only_fr", |b| {
        b.iter(|| contract::render(&agreement, &copts).expect("render"))
    });
}

/// Issue 12: a word with no break opportunity is cut at graphemes where the
/// line is full; ten times the characters must cost about ten times as much.
fn long_word(c: &mut Criterion) {
    let opts = ExportOptions { draft: false };
    let mut group = c.benchmark_group("doc/long_word");
    group.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        let mut doc = sample_document(Lang::En, 1, &"ab".repeat(32));
        // Letters and digits mixed, so that the word can be neither
        // hyphenated nor broken by UAX #14 anywhere.
        let word: String = "9f2c4e1ab37d5c60".chars().cycle().take(n).collect();
        doc.blocks = vec![Block::Paragraph(Paragraph::plain(word))];
        group.bench_function(format!("layout_{n}_chars"), |b| {
            b.iter(|| layout::layout(&doc, opts).expect("layout"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, long_word);
criterion_main!(benches);
