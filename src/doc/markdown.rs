//! Writes a document tree as Markdown (CommonMark with pipe tables), for
//! people who paste the contract into other tools. Text that Markdown would
//! read as markup is escaped.

use std::collections::HashMap;
use std::fmt::Write;

use crate::doc::tree::{Block, Document, Inline, Lang, ListKind, Paragraph, Revision, Style};
use crate::doc::DocError;

/// Escapes the characters Markdown gives a meaning to.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn inline(runs: &[Inline], numbers: &HashMap<String, String>, lang: Lang) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text { text, style } => {
                // Emphasis markers must hug the text, so surrounding spaces
                // stay outside them.
                let core = text.trim();
                if core.is_empty() || *style == Style::Regular {
                    out.push_str(&escape(text));
                    continue;
                }
                let mark = match style {
                    Style::Bold => "**",
                    Style::Italic => "*",
                    _ => "***",
                };
                if text.starts_with(' ') {
                    out.push(' ');
                }
                let _ = write!(out, "{mark}{}{mark}", escape(core));
                if text.ends_with(' ') {
                    out.push(' ');
                }
            }
            Inline::Term(t) => {
                let _ = write!(out, "**{}**", escape(t.trim()));
            }
            // Markdown has no insertion mark: HTML's, which Markdown passes
            // through, and the strike-through of GitHub's dialect.
            Inline::Revised { text, revision, .. } => {
                let _ = match revision {
                    Revision::Inserted => write!(out, "<ins>{}</ins>", escape(text)),
                    Revision::Deleted => write!(out, "~~{}~~", escape(text)),
                };
            }
            Inline::ClauseRef(a) => out.push_str(numbers.get(a).map_or("", String::as_str)),
            Inline::PageRef(a) => {
                let word = if lang == Lang::Fr {
                    "article"
                } else {
                    "clause"
                };
                let _ = write!(out, "{word} {}", numbers.get(a).map_or("", String::as_str));
            }
        }
    }
    out
}

fn cell(p: &Paragraph, numbers: &HashMap<String, String>, lang: Lang) -> String {
    inline(&p.runs, numbers, lang)
}

fn blocks(
    out: &mut String,
    list: &[Block],
    level: usize,
    numbers: &HashMap<String, String>,
    lang: Lang,
) {
    for b in list {
        match b {
            Block::TitlePage(t) => {
                let _ = writeln!(out, "# {}\n", escape(&t.title));
                if !t.subtitle.is_empty() {
                    let _ = writeln!(out, "*{}*\n", escape(&t.subtitle));
                }
                for p in &t.parties {
                    let _ = writeln!(out, "{}  ", escape(p));
                }
                out.push('\n');
                for (k, v) in &t.facts {
                    let _ = writeln!(out, "- **{}**: {}", escape(k), escape(v));
                }
                out.push('\n');
            }
            Block::TableOfContents { .. } | Block::PageBreak => {}
            Block::Clause(c) => {
                let hashes = "#".repeat(level.clamp(1, 5) + 1);
                let n = numbers.get(&c.anchor).map_or("", String::as_str);
                let _ = writeln!(out, "{hashes} {n} {}\n", escape(&c.title));
                blocks(out, &c.body, level + 1, numbers, lang);
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", inline(&p.runs, numbers, lang));
            }
            Block::List(l) => {
                for (i, item) in l.items.iter().enumerate() {
                    let marker = match l.kind {
                        ListKind::Bulleted => "-".to_string(),
                        ListKind::Lettered => format!("({})", char::from(b'a' + (i % 26) as u8)),
                        ListKind::Numbered => format!("{}.", i + 1),
                    };
                    let marker = if l.kind == ListKind::Lettered {
                        format!("- {marker}")
                    } else {
                        marker
                    };
                    let _ = writeln!(out, "{marker} {}", inline(&item.runs, numbers, lang));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                let head: Vec<String> = t.header.iter().map(|c| cell(c, numbers, lang)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(|c| cell(c, numbers, lang)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Signatures(list) => {
                for s in list {
                    let _ = writeln!(out, "**{}**\n", escape(&s.party));
                    let _ = writeln!(out, "Signature: ______________________________  ");
                    for l in &s.lines {
                        let _ = writeln!(out, "{}  ", escape(l));
                    }
                    out.push('\n');
                }
            }
        }
    }
}

/// The document as Markdown.
pub fn write(doc: &Document, draft: bool) -> Result<String, DocError> {
    let numbers = doc.clause_numbers()?;
    let m = &doc.meta;
    let mut out = String::new();
    if draft {
        let word = if m.lang == Lang::Fr {
            "PROJET"
        } else {
            "DRAFT"
        };
        let _ = writeln!(out, "> **{word}**\n");
    }
    blocks(&mut out, &doc.blocks, 1, &numbers, m.lang);
    let (reference, fp) = match m.lang {
        Lang::En => ("Ref.", "Fingerprint"),
        Lang::Fr => ("Réf.", "Empreinte"),
    };
    let _ = writeln!(
        out,
        "---\n\n{reference} {} — Version {}  \n{fp} SHA-256 `{}`",
        escape(&m.reference),
        escape(&m.version),
        m.fingerprint
    );
    Ok(out)
}
