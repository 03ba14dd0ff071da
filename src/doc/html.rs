//! Writes a document tree as one self-contained HTML page (inline style, no
//! script, no external resource), every text escaped.

use std::collections::HashMap;
use std::fmt::Write;

use crate::doc::fixed::{self, FixedWords};
use crate::doc::tree::{Align, Block, Document, Inline, ListKind, Paragraph, Revision, Style};
use crate::doc::DocError;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    out: String,
    numbers: &'a HashMap<String, String>,
    words: &'static FixedWords,
}

const STYLE: &str = "body{font-family:'Liberation Serif','Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.4;color:#111}\
h1{text-align:center}.subtitle{text-align:center;font-style:italic}.parties{text-align:center}\
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}\
th{background:#e6e6e6}.facts td,.facts th{border:none;background:none}.num{display:inline-block;min-width:3em}\
.draft{color:#a00;font-weight:bold;text-align:center;border:2px solid #a00;padding:.3em}.sig{display:inline-block;width:45%;vertical-align:top;margin-right:4%}\
.sig .line{border-bottom:1px solid #000;height:3em}footer{font-size:.8em;color:#555;border-top:1px solid #999;margin-top:2em}";

impl Writer<'_> {
    fn inline(&mut self, runs: &[Inline]) {
        for r in runs {
            match r {
                Inline::Text { text, style } => {
                    let t = escape(text);
                    let _ = match style {
                        Style::Regular => write!(self.out, "{t}"),
                        Style::Bold => write!(self.out, "<strong>{t}</strong>"),
                        Style::Italic => write!(self.out, "<em>{t}</em>"),
                        Style::BoldItalic => write!(self.out, "<strong><em>{t}</em></strong>"),
                    };
                }
                Inline::Term(t) => {
                    let _ = write!(self.out, "<strong class=\"term\">{}</strong>", escape(t));
                }
                Inline::Revised { text, revision, .. } => {
                    let tag = match revision {
                        Revision::Inserted => "ins",
                        Revision::Deleted => "del",
                    };
                    let _ = write!(self.out, "<{tag}>{}</{tag}>", escape(text));
                }
                Inline::ClauseRef(a) => {
                    let n = self.numbers.get(a).cloned().unwrap_or_default();
                    let _ = write!(self.out, "<a href=\"#{}\">{}</a>", escape(a), escape(&n));
                }
                Inline::PageRef(a) => {
                    // Pages do not exist in HTML: the reference points at the clause.
                    let n = self.numbers.get(a).cloned().unwrap_or_default();
                    let _ = write!(
                        self.out,
                        "<a href=\"#{}\">{}</a>",
                        escape(a),
                        self.words.clause_ref(&escape(&n))
                    );
                }
            }
        }
    }

    fn para(&mut self, tag: &str, p: &Paragraph) {
        let align = match p.align {
            Align::Justify => "",
            Align::Left => " style=\"text-align:left\"",
            Align::Center => " style=\"text-align:center\"",
            Align::Right => " style=\"text-align:right\"",
        };
        let _ = write!(self.out, "<{tag}{align}>");
        self.inline(&p.runs);
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn blocks(&mut self, blocks: &[Block], level: usize) {
        for b in blocks {
            match b {
                Block::TitlePage(t) => {
                    let _ = writeln!(self.out, "<header><h1>{}</h1>", escape(&t.title));
                    if !t.subtitle.is_empty() {
                        let _ = writeln!(
                            self.out,
                            "<p class=\"subtitle\">{}</p>",
                            escape(&t.subtitle)
                        );
                    }
                    for p in &t.parties {
                        let _ = writeln!(self.out, "<p class=\"parties\">{}</p>", escape(p));
                    }
                    let _ = writeln!(self.out, "<table class=\"facts\">");
                    for (k, v) in &t.facts {
                        let _ = writeln!(
                            self.out,
                            "<tr><th>{}</th><td>{}</td></tr>",
                            escape(k),
                            escape(v)
                        );
                    }
                    let _ = writeln!(self.out, "</table></header>");
                }
                Block::TableOfContents { .. } | Block::PageBreak => {}
                Block::Clause(c) => {
                    let h = (level + 1).min(6);
                    let n = self.numbers.get(&c.anchor).cloned().unwrap_or_default();
                    let _ = writeln!(
                        self.out,
                        "<section id=\"{}\"><h{h}><span class=\"num\">{}</span> {}</h{h}>",
                        escape(&c.anchor),
                        escape(&n),
                        escape(&c.title)
                    );
                    self.blocks(&c.body, level + 1);
                    let _ = writeln!(self.out, "</section>");
                }
                Block::Paragraph(p) => self.para("p", p),
                Block::List(l) => {
                    let (open, close) = match l.kind {
                        ListKind::Bulleted => ("<ul>", "</ul>"),
                        ListKind::Lettered => ("<ol type=\"a\">", "</ol>"),
                        ListKind::Numbered => ("<ol>", "</ol>"),
                    };
                    let _ = writeln!(self.out, "{open}");
                    for i in &l.items {
                        self.para("li", i);
                    }
                    let _ = writeln!(self.out, "{close}");
                }
                Block::Table(t) => {
                    let _ = writeln!(self.out, "<table><thead><tr>");
                    for c in &t.header {
                        self.para("th", c);
                    }
                    let _ = writeln!(self.out, "</tr></thead><tbody>");
                    for row in &t.rows {
                        let _ = write!(self.out, "<tr>");
                        for c in row {
                            self.para("td", c);
                        }
                        let _ = writeln!(self.out, "</tr>");
                    }
                    let _ = writeln!(self.out, "</tbody></table>");
                }
                Block::Signatures(list) => {
                    let _ = writeln!(self.out, "<div class=\"signatures\">");
                    for s in list {
                        let _ = write!(self.out, "<div class=\"sig\"><p><strong>{}</strong></p><div class=\"line\"></div>", escape(&s.party));
                        for l in &s.lines {
                            let _ = write!(self.out, "<p>{}</p>", escape(l));
                        }
                        let _ = writeln!(self.out, "</div>");
                    }
                    let _ = writeln!(self.out, "</div>");
                }
            }
        }
    }
}

/// The document as an HTML page.
pub fn write(doc: &Document, draft: bool) -> Result<String, DocError> {
    let numbers = doc.clause_numbers()?;
    let m = &doc.meta;
    let mut w = Writer {
        out: String::new(),
        numbers: &numbers,
        words: fixed::words(m.lang),
    };
    let _ = writeln!(
        w.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <meta name=\"author\" content=\"{}\">\n<meta name=\"description\" content=\"{}\">\n\
         <meta name=\"pledge-fingerprint\" content=\"{}\">\n<style>{STYLE}</style>\n</head>\n<body>",
        m.lang.tag(),
        escape(&m.title),
        escape(&m.author),
        escape(&m.subject),
        escape(&m.fingerprint)
    );
    if let Some(mark) = &doc.meta.mark {
        let _ = writeln!(w.out, "<p class=\"draft\">{}</p>", escape(mark));
    }
    if draft {
        let _ = writeln!(w.out, "<p class=\"draft\">{}</p>", w.words.draft);
    }
    w.blocks(&doc.blocks, 1);
    let _ = writeln!(
        w.out,
        "<footer><p>{}</p><p>{}</p></footer>\n</body>\n</html>",
        w.words
            .reference_line(&escape(&m.reference), &escape(&m.version)),
        w.words.fingerprint_line(&escape(&m.fingerprint))
    );
    Ok(w.out)
}
