//! Writes the demonstration contract as PDF, to look at the layout:
//! `cargo run --example doc_sample -- en|fr [--draft] out.pdf`.

use pledge::doc::sample::sample_document;
use pledge::doc::tree::Lang;
use pledge::doc::{export_pdf, ExportOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "fr") {
        Lang::Fr
    } else {
        Lang::En
    };
    let draft = args.iter().any(|a| a == "--draft");
    let out = args
        .iter()
        .find(|a| a.ends_with(".pdf"))
        .cloned()
        .unwrap_or_else(|| "sample.pdf".into());
    let doc = sample_document(lang, 14, &"9f2c4e1ab37d5c60".repeat(4));
    std::fs::write(&out, export_pdf(&doc, ExportOptions { draft })?)?;
    Ok(())
}
