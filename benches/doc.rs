//! Laying out and writing the 20-page demonstration contract.

use criterion::{criterion_group, criterion_main, Criterion};
use pledge::doc::contract::{self, ContractOptions, Edition};
use pledge::doc::sample::sample_document;
use pledge::doc::tree::Lang;
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

criterion_group!(benches, bench);
criterion_main!(benches);
