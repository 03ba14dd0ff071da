//! Writes a document tree as Markdown (CommonMark with pipe tables and
//! GitHub's strike-through), for people who paste the contract into other
//! tools. Agreement text never becomes markup: every character CommonMark
//! gives a meaning to is escaped, a line break inside a text is written
//! `<br>` so that each text stays on its line (a line of its own could open
//! a list, a heading, a rule or a quote), and what would start a block at
//! the start of a line (`-`, `+`, `=`, `1.`) is escaped there.

use std::collections::HashMap;
use std::fmt::Write;

use crate::doc::fixed::{self, FixedWords};
use crate::doc::numbering::item_label;
use crate::doc::tree::{Block, Document, Inline, ListKind, Paragraph, Revision, Style};
use crate::doc::DocError;

/// Escapes the characters Markdown gives a meaning to inside a line, and
/// writes line breaks as `<br>`. The text's own leading and trailing spaces
/// and line breaks are kept; use [`line`] for text that fills a line.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // A carriage return and a line feed are one break.
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' | '\r' => out.push_str("<br>"),
        // Every ASCII punctuation character that opens or closes markup
        // somewhere: emphasis, code, links and images, raw HTML and
        // autolinks, entities, quotes, headings, tables, strike-through.
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~' => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// Text that fills a line by itself (a title, a party, a table cell): the
/// white space around it is left out, as Markdown drops it, and a start
/// that Markdown reads as a block is escaped.
pub fn line(s: &str) -> String {
    let mut out = Line::default();
    out.text(s);
    out.finish()
}

/// A line of Markdown being written from text and markup. White space is
/// held back until something follows it, so that none starts or ends the
/// line: Markdown drops it there, and a line break there would leave
/// `<br>` alone on a line, which Markdown reads as an HTML block.
#[derive(Default)]
struct Line {
    out: String,
    pending: String,
}

impl Line {
    /// Appends text, escaped.
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending.push(c);
            } else {
                self.flush();
                push_escaped(&mut self.out, c);
            }
        }
    }

    /// Appends markup as it is.
    fn markup(&mut self, m: &str) {
        self.flush();
        self.out.push_str(m);
    }

    /// Text between two emphasis marks (`**`, `~~`…): the marks hug the
    /// text, so white space around it stays outside them, and no marks are
    /// written around nothing.
    fn marked(&mut self, mark: &str, s: &str) {
        let core = s.trim_matches(char::is_whitespace);
        if core.is_empty() {
            self.text(s);
            return;
        }
        let start = s.len() - s.trim_start_matches(char::is_whitespace).len();
        self.text(&s[..start]);
        self.markup(mark);
        self.text(core);
        self.markup(mark);
        self.text(&s[start + core.len()..]);
    }

    fn flush(&mut self) {
        if !self.out.is_empty() {
            let pending = escape(&self.pending);
            self.out.push_str(&pending);
        }
        self.pending.clear();
    }

    /// The line, with what would open a block at its start escaped: a list
    /// item (`-`, `+`, `1.`, `1)`), a rule or a heading underline (`-`, `=`).
    /// The other characters that can (`#`, `>`, `*`, `_`, `` ` ``, `~`,
    /// `<`, `|`) are escaped wherever they stand.
    fn finish(self) -> String {
        let out = self.out;
        let opens_block = |marker: usize| {
            let rest = &out[marker..];
            rest.is_empty()
                || rest.starts_with([' ', '\t'])
                || (out.starts_with(['-', '='])
                    && rest.chars().all(|c| c == ' ' || out.starts_with(c)))
        };
        if out.starts_with(['-', '+', '=']) && opens_block(1) {
            return format!("\\{out}");
        }
        let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if (1..=9).contains(&digits)
            && out[digits..].starts_with(['.', ')'])
            && opens_block(digits + 1)
        {
            return format!("{}\\{}", &out[..digits], &out[digits..]);
        }
        out
    }
}

fn inline(runs: &[Inline], numbers: &HashMap<String, String>, words: &FixedWords) -> String {
    let mut out = Line::default();
    for r in runs {
        match r {
            Inline::Text { text, style } => match style {
                Style::Regular => out.text(text),
                Style::Bold => out.marked("**", text),
                Style::Italic => out.marked("*", text),
                _ => out.marked("***", text),
            },
            Inline::Term(t) => out.marked("**", t.trim()),
            // Markdown has no insertion mark: HTML's, which Markdown passes
            // through, and the strike-through of GitHub's dialect.
            Inline::Revised { text, revision, .. } => match revision {
                Revision::Inserted => {
                    out.markup("<ins>");
                    out.text(text);
                    out.markup("</ins>");
                }
                Revision::Deleted => out.marked("~~", text),
            },
            Inline::ClauseRef(a) => out.markup(numbers.get(a).map_or("", String::as_str)),
            Inline::PageRef(a) => {
                out.markup(&words.clause_ref(numbers.get(a).map_or("", String::as_str)));
            }
        }
    }
    out.finish()
}

/// Bold text that fills a line (a party above its signature, a fact's
/// name), or nothing when the text is blank.
fn strong_line(s: &str) -> String {
    let mut out = Line::default();
    out.marked("**", s);
    out.finish()
}

fn cell(p: &Paragraph, numbers: &HashMap<String, String>, words: &FixedWords) -> String {
    inline(&p.runs, numbers, words)
}

fn blocks(
    out: &mut String,
    list: &[Block],
    level: usize,
    numbers: &HashMap<String, String>,
    words: &FixedWords,
) {
    for b in list {
        match b {
            Block::TitlePage(t) => {
                let _ = writeln!(out, "# {}\n", line(&t.title));
                let subtitle = {
                    let mut l = Line::default();
                    l.marked("*", &t.subtitle);
                    l.finish()
                };
                if !subtitle.is_empty() {
                    let _ = writeln!(out, "{subtitle}\n");
                }
                // One paragraph, a party a line; a blank party would end
                // the paragraph, so it is left out.
                for p in t.parties.iter().map(|p| line(p)).filter(|p| !p.is_empty()) {
                    let _ = writeln!(out, "{p}  ");
                }
                out.push('\n');
                for (k, v) in &t.facts {
                    // « Référence : » in French, as the PDF prints it.
                    let _ = writeln!(out, "- {}{} {}", strong_line(k), words.colon, line(v));
                }
                out.push('\n');
            }
            Block::TableOfContents { .. } | Block::PageBreak => {}
            Block::Clause(c) => {
                let hashes = "#".repeat(level.clamp(1, 5) + 1);
                let n = numbers.get(&c.anchor).map_or("", String::as_str);
                let _ = writeln!(out, "{hashes} {n} {}\n", line(&c.title));
                blocks(out, &c.body, level + 1, numbers, words);
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", inline(&p.runs, numbers, words));
            }
            Block::List(l) => {
                for (i, item) in l.items.iter().enumerate() {
                    // Markdown has no lettered list: a bullet carries the letter.
                    let marker = match l.kind {
                        ListKind::Bulleted => "-".to_string(),
                        ListKind::Lettered => format!("- {}", item_label(l.kind, i)),
                        ListKind::Numbered => item_label(l.kind, i),
                    };
                    let _ = writeln!(out, "{marker} {}", inline(&item.runs, numbers, words));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                let head: Vec<String> = t.header.iter().map(|c| cell(c, numbers, words)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(|c| cell(c, numbers, words)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Signatures(list) => {
                for s in list {
                    let party = strong_line(&s.party);
                    if !party.is_empty() {
                        let _ = writeln!(out, "{party}\n");
                    }
                    let _ = writeln!(out, "{} ______________________________  ", words.signature);
                    for l in s.lines.iter().map(|l| line(l)).filter(|l| !l.is_empty()) {
                        let _ = writeln!(out, "{l}  ");
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
    let words = fixed::words(m.lang);
    let mut out = String::new();
    if let Some(mark) = &m.mark {
        let _ = writeln!(out, "> **{}**\n", line(mark));
    }
    if draft {
        let _ = writeln!(out, "> **{}**\n", words.draft);
    }
    blocks(&mut out, &doc.blocks, 1, &numbers, words);
    let _ = writeln!(
        out,
        "---\n\n{}  \n{}",
        words.reference_line(&line(&m.reference), &line(&m.version)),
        words.fingerprint_line(&format!("`{}`", m.fingerprint))
    );
    Ok(out)
}
