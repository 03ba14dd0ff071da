//! Writes a document tree as a Word document (.docx, Office Open XML), for
//! legal to negotiate in Word: the same blocks as the PDF, with Word's own
//! styles, clause headings numbered by one multilevel list (so numbers
//! survive edits), cross-references as REF fields to bookmarks on the
//! headings, lists, tables with a repeated header row, defined terms in
//! bold, a header with the reference line and a footer with the fingerprint
//! and "Page X of Y" fields; the contents are a TOC field Word fills when it
//! updates fields on opening (the entries are written in, without pages).
//! In a comparison document, insertions and deletions are tracked changes
//! (`w:ins` / `w:del`) by the later version's author at its time, so Word's
//! review pane lists them.
//!
//! Every text is escaped and stripped of what XML 1.0 cannot hold; the
//! archive's entries and dates are fixed, so the same document gives the
//! same bytes.

use std::collections::HashMap;
use std::fmt::Write;

use crate::doc::fixed::{self, FixedWords};
use crate::doc::tree::{
    Align, Block, Clause, Document, Inline, Lang, List, ListKind, Paragraph, Revision, Signatory,
    Style, Table, TitlePage,
};
use crate::doc::DocError;

/// Who made the tracked changes of a comparison document, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionAuthor {
    /// The author's name, as Word's review pane shows it.
    pub author: String,
    /// The time, `2027-01-05T14:30:00Z`.
    pub date: String,
}

/// How to write the Word document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocxOptions {
    /// Mark the document as a draft (DRAFT / PROJET in every page's header).
    pub draft: bool,
    /// Who made the insertions and deletions; by default the document's
    /// author on its date.
    pub revisions: Option<RevisionAuthor>,
}

/// The text width of an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9070;
/// The list numbering the clause headings share.
const CLAUSE_NUM: u32 = 1;
/// The deepest heading style written; deeper clauses use it too.
const MAX_LEVEL: usize = 6;
/// The empty paragraph that follows every table, spacing it from what comes next.
const TABLE_SPACER: &str = "</w:tbl><w:p/>";
/// The paragraph that closes a body ending with a table: one point high.
const LAST_PARAGRAPH: &str = "</w:tbl><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>";

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage
/// return; U+FFFE and U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    out: String,
    numbers: &'a HashMap<String, String>,
    bookmarks: HashMap<String, u32>,
    words: &'static FixedWords,
    revisions: RevisionAuthor,
    /// The numbering instances of lists: (id, kind), in order.
    lists: Vec<(u32, ListKind)>,
    next_id: u32,
}

fn run_props(style: Style, extra: &str) -> String {
    let mut p = String::new();
    if matches!(style, Style::Bold | Style::BoldItalic) {
        p.push_str("<w:b/>");
    }
    if matches!(style, Style::Italic | Style::BoldItalic) {
        p.push_str("<w:i/>");
    }
    p.push_str(extra);
    if p.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{p}</w:rPr>")
    }
}

/// A run of text: line breaks in the text become `w:br`.
fn text_run(text: &str, style: Style, extra: &str, tag: &str) -> String {
    let mut out = String::new();
    let _ = write!(out, "<w:r>{}", run_props(style, extra));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(
            out,
            "<w:{tag} xml:space=\"preserve\">{}</w:{tag}>",
            escape(line)
        );
    }
    out.push_str("</w:r>");
    out
}

fn field(code: &str, cached: &str, style: Style) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        escape(code),
        text_run(cached, style, "", "t")
    )
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Justify => "<w:jc w:val=\"both\"/>",
        Align::Left => "<w:jc w:val=\"left\"/>",
        Align::Center => "<w:jc w:val=\"center\"/>",
        Align::Right => "<w:jc w:val=\"right\"/>",
    }
}

impl Writer<'_> {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn runs(&mut self, runs: &[Inline]) -> String {
        let mut out = String::new();
        for r in runs {
            match r {
                Inline::Text { text, style } => out.push_str(&text_run(text, *style, "", "t")),
                Inline::Term(t) => out.push_str(&text_run(t, Style::Bold, "", "t")),
                Inline::ClauseRef(anchor) => {
                    let number = self.numbers.get(anchor).cloned().unwrap_or_default();
                    match self.bookmarks.get(anchor) {
                        Some(b) => out.push_str(&field(
                            &format!("REF _Ref{b} \\r \\h"),
                            &number,
                            Style::Regular,
                        )),
                        None => out.push_str(&text_run(&number, Style::Regular, "", "t")),
                    }
                }
                Inline::PageRef(anchor) => {
                    // Word counts the pages: "page" and a PAGEREF field to
                    // the clause's bookmark, which Word fills when it
                    // updates the fields on opening (LibreOffice as it lays
                    // the pages out); a dash until then. Without a bookmark,
                    // the clause is named, as HTML does.
                    match self.bookmarks.get(anchor) {
                        Some(b) => {
                            out.push_str(&text_run(
                                &format!("{}\u{a0}", self.words.page),
                                Style::Regular,
                                "",
                                "t",
                            ));
                            out.push_str(&field(
                                &format!("PAGEREF _Ref{b} \\h"),
                                "—",
                                Style::Regular,
                            ));
                        }
                        None => {
                            let number = self.numbers.get(anchor).cloned().unwrap_or_default();
                            let named = self.words.clause_ref(&number);
                            out.push_str(&text_run(&named, Style::Regular, "", "t"));
                        }
                    }
                }
                Inline::Revised {
                    text,
                    style,
                    revision,
                } => {
                    let id = self.id();
                    let who = format!(
                        "w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"",
                        escape(&self.revisions.author),
                        escape(&self.revisions.date)
                    );
                    match revision {
                        Revision::Inserted => {
                            let _ = write!(
                                out,
                                "<w:ins {who}>{}</w:ins>",
                                text_run(text, *style, "", "t")
                            );
                        }
                        Revision::Deleted => {
                            let _ = write!(
                                out,
                                "<w:del {who}>{}</w:del>",
                                text_run(text, *style, "", "delText")
                            );
                        }
                    }
                }
            }
        }
        out
    }

    fn para(
        &mut self,
        p: &Paragraph,
        style: Option<&str>,
        numbering: Option<(u32, u32)>,
        keep_next: bool,
    ) {
        let mut props = String::new();
        if let Some(s) = style {
            let _ = write!(props, "<w:pStyle w:val=\"{s}\"/>");
        }
        if keep_next {
            props.push_str("<w:keepNext/>");
        }
        if let Some((num, level)) = numbering {
            let _ = write!(
                props,
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
            );
        }
        props.push_str(align(p.align));
        let runs = self.runs(&p.runs);
        let _ = write!(self.out, "<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>");
    }

    fn plain(&mut self, text: &str, style: &str, run_style: Style) {
        let _ = write!(
            self.out,
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
            text_run(text, run_style, "", "t")
        );
    }

    fn title_page(&mut self, t: &TitlePage) {
        self.plain(&t.title, "Title", Style::Regular);
        if !t.subtitle.is_empty() {
            self.plain(&t.subtitle, "Subtitle", Style::Italic);
        }
        for p in &t.parties {
            self.plain(p, "Parties", Style::Regular);
        }
        if !t.facts.is_empty() {
            let rows: Vec<Vec<Paragraph>> = t
                .facts
                .iter()
                .map(|(k, v)| {
                    // As in the PDF: the names end at the page's middle,
                    // with a colon, the values start there.
                    vec![
                        Paragraph {
                            runs: vec![Inline::bold(self.words.label(k))],
                            align: Align::Right,
                        },
                        Paragraph {
                            runs: vec![Inline::text(v.clone())],
                            align: Align::Left,
                        },
                    ]
                })
                .collect();
            self.grid(&[1.0, 1.0], None, &rows, false);
        }
        self.page_break();
    }

    fn page_break(&mut self) {
        self.out
            .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    }

    fn contents(&mut self, title: &str, depth: u8, blocks: &[Block]) {
        self.plain(title, "TOCHeading", Style::Regular);
        let mut entries = Vec::new();
        collect_headings(blocks, 1, depth.max(1) as usize, self.numbers, &mut entries);
        let code = format!("TOC \\o \"1-{}\" \\h \\z", depth.max(1));
        if entries.is_empty() {
            let _ = write!(self.out, "<w:p>{}</w:p>", field(&code, "", Style::Regular));
            self.page_break();
            return;
        }
        let last = entries.len() - 1;
        for (i, (level, number, title)) in entries.into_iter().enumerate() {
            let mut p = format!(
                "<w:p><w:pPr><w:pStyle w:val=\"TOC{}\"/></w:pPr>",
                level.min(9)
            );
            if i == 0 {
                let _ = write!(
                    p,
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
                    escape(&code)
                );
            }
            p.push_str(&text_run(
                &format!("{number}\t{title}"),
                Style::Regular,
                "",
                "t",
            ));
            if i == last {
                p.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            }
            p.push_str("</w:p>");
            self.out.push_str(&p);
        }
        // The contents on a page of their own, as in the PDF.
        self.page_break();
    }

    fn clause(&mut self, c: &Clause, level: usize) {
        let bookmark = self.bookmarks.get(&c.anchor).copied();
        let style = format!("Heading{}", level.min(MAX_LEVEL));
        let _ = write!(
            self.out,
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/><w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{CLAUSE_NUM}\"/></w:numPr></w:pPr>",
            level.min(9) - 1
        );
        if let Some(b) = bookmark {
            let _ = write!(
                self.out,
                "<w:bookmarkStart w:id=\"{b}\" w:name=\"_Ref{b}\"/>"
            );
        }
        self.out
            .push_str(&text_run(&c.title, Style::Regular, "", "t"));
        if let Some(b) = bookmark {
            let _ = write!(self.out, "<w:bookmarkEnd w:id=\"{b}\"/>");
        }
        self.out.push_str("</w:p>");
        self.blocks(&c.body, level + 1, &[]);
    }

    fn list(&mut self, l: &List) {
        let num = 10 + self.lists.len() as u32;
        self.lists.push((num, l.kind));
        for item in &l.items {
            self.para(item, Some("ListParagraph"), Some((num, 0)), false);
        }
    }

    fn grid(
        &mut self,
        widths: &[f32],
        header: Option<&[Paragraph]>,
        rows: &[Vec<Paragraph>],
        borders: bool,
    ) {
        let columns = header.map_or_else(|| rows.first().map_or(0, Vec::len), <[Paragraph]>::len);
        if columns == 0 {
            return;
        }
        let weights: Vec<f64> = (0..columns)
            .map(|i| f64::from(widths.get(i).copied().unwrap_or(1.0)).max(0.01))
            .collect();
        let total: f64 = weights.iter().sum();
        let cols: Vec<u32> = weights
            .iter()
            .map(|w| ((w / total) * f64::from(TEXT_WIDTH)).round() as u32)
            .collect();
        let border = if borders {
            "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/><w:left w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/><w:right w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"999999\"/></w:tblBorders>"
        } else {
            ""
        };
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>{border}<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        );
        for c in &cols {
            let _ = write!(self.out, "<w:gridCol w:w=\"{c}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        if let Some(h) = header {
            self.out
                .push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
            for (i, cell) in h.iter().enumerate() {
                self.cell(
                    cell,
                    cols.get(i).copied().unwrap_or(0),
                    Some("E6E6E6"),
                    true,
                );
            }
            self.out.push_str("</w:tr>");
        }
        for row in rows {
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for i in 0..columns {
                let empty = Paragraph::default();
                let cell = row.get(i).unwrap_or(&empty);
                self.cell(cell, cols.get(i).copied().unwrap_or(0), None, false);
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str(TABLE_SPACER);
    }

    fn cell(&mut self, p: &Paragraph, width: u32, fill: Option<&str>, bold: bool) {
        let shade = fill.map_or(String::new(), |f| {
            format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>")
        });
        let _ = write!(
            self.out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr>"
        );
        let p = if bold {
            Paragraph {
                runs: p
                    .runs
                    .iter()
                    .map(|r| match r {
                        Inline::Text { text, style } => Inline::Text {
                            text: text.clone(),
                            style: style.bolder(),
                        },
                        other => other.clone(),
                    })
                    .collect(),
                align: p.align,
            }
        } else {
            p.clone()
        };
        self.para(
            &Paragraph {
                align: if p.align == Align::Justify {
                    Align::Left
                } else {
                    p.align
                },
                ..p
            },
            Some("TableText"),
            None,
            false,
        );
        self.out.push_str("</w:tc>");
    }

    fn signatures(&mut self, list: &[Signatory]) {
        for pair in list.chunks(2) {
            let half = TEXT_WIDTH / 2;
            let _ = write!(
                self.out,
                "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{half}\"/><w:gridCol w:w=\"{half}\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            );
            for i in 0..2 {
                let _ = write!(
                    self.out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{half}\" w:type=\"dxa\"/></w:tcPr>"
                );
                if let Some(s) = pair.get(i) {
                    self.plain(&s.party, "TableText", Style::Bold);
                    // The line to sign on: an empty paragraph with a rule under it.
                    self.out
                        .push_str("<w:p><w:pPr><w:pStyle w:val=\"SignatureLine\"/></w:pPr></w:p>");
                    for line in &s.lines {
                        self.plain(line, "TableText", Style::Regular);
                    }
                } else {
                    self.out.push_str("<w:p/>");
                }
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
            self.out.push_str(TABLE_SPACER);
        }
    }

    fn blocks(&mut self, blocks: &[Block], level: usize, all: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            // A sentence that introduces a table or the signatures stays on
            // their page, as in the PDF: "Signed in two originals" alone at
            // the foot of a page, its signature blocks on the next, reads
            // as a page the parties did not sign.
            let introduces = matches!(
                blocks.get(i + 1),
                Some(Block::Table(_) | Block::Signatures(_))
            );
            match b {
                Block::TitlePage(t) => self.title_page(t),
                Block::TableOfContents { title, depth } => self.contents(title, *depth, all),
                Block::Clause(c) => self.clause(c, level),
                Block::Paragraph(p) => self.para(p, None, None, introduces),
                Block::List(l) => self.list(l),
                Block::Table(t) => self.table(t),
                Block::Signatures(list) => self.signatures(list),
                Block::PageBreak => self.page_break(),
            }
        }
    }

    fn table(&mut self, t: &Table) {
        self.grid(&t.widths, Some(&t.header), &t.rows, true);
    }
}

fn collect_headings(
    blocks: &[Block],
    level: usize,
    depth: usize,
    numbers: &HashMap<String, String>,
    out: &mut Vec<(usize, String, String)>,
) {
    for b in blocks {
        if let Block::Clause(c) = b {
            if level <= depth {
                out.push((
                    level,
                    numbers.get(&c.anchor).cloned().unwrap_or_default(),
                    c.title.clone(),
                ));
                collect_headings(&c.body, level + 1, depth, numbers, out);
            }
        }
    }
}

fn collect_anchors(blocks: &[Block], out: &mut HashMap<String, u32>) {
    for b in blocks {
        if let Block::Clause(c) = b {
            let next = out.len() as u32 + 1;
            out.entry(c.anchor.clone()).or_insert(next);
            collect_anchors(&c.body, out);
        }
    }
}

fn lang_tag(lang: Lang) -> &'static str {
    lang.pick("en-US", "fr-FR")
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

fn styles(lang: Lang) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Liberation Serif\" w:hAnsi=\"Liberation Serif\" w:cs=\"Liberation Serif\" w:eastAsia=\"Liberation Serif\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"{0}\" w:eastAsia=\"{0}\" w:bidi=\"{0}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"100\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        lang_tag(lang)
    );
    s.push_str("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>");
    let sizes = [28, 24, 22, 21, 21, 21];
    for (i, size) in sizes.iter().enumerate() {
        let level = i + 1;
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val=\"{i}\"/><w:numId w:val=\"{CLAUSE_NUM}\"/></w:numPr><w:suppressAutoHyphens/><w:spacing w:before=\"{}\" w:after=\"100\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"{i}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            if level == 1 { 320 } else { 200 }
        );
    }
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:suppressAutoHyphens/><w:spacing w:before=\"2400\" w:after=\"360\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:suppressAutoHyphens/><w:spacing w:after=\"360\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"26\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Parties\"><w:name w:val=\"Parties\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:suppressAutoHyphens/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TOCHeading\"><w:name w:val=\"TOC Heading\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>");
    for level in 1..=9 {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"TOC{level}\"><w:name w:val=\"toc {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"{}\"/><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{TEXT_WIDTH}\"/></w:tabs><w:suppressAutoHyphens/><w:spacing w:after=\"40\"/><w:ind w:left=\"{}\"/><w:jc w:val=\"left\"/></w:pPr></w:style>",
            (level - 1) * 240 + 720,
            (level - 1) * 240
        );
    }
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"794\" w:hanging=\"454\"/></w:pPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"SignatureLine\"><w:name w:val=\"Signature Line\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"720\" w:after=\"60\"/><w:ind w:right=\"400\"/></w:pPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:suppressAutoHyphens/><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:color w:val=\"555555\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:suppressAutoHyphens/><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"16\"/><w:color w:val=\"555555\"/></w:rPr></w:style>");
    s.push_str("</w:styles>");
    s
}

fn level_xml(
    ilvl: usize,
    format: &str,
    text: &str,
    (left, hanging): (usize, usize),
    style: Option<&str>,
) -> String {
    let pstyle = style.map_or(String::new(), |s| format!("<w:pStyle w:val=\"{s}\"/>"));
    format!(
        "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>{pstyle}<w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>"
    )
}

fn numbering(lists: &[(u32, ListKind)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering {NS}>"
    );
    // 0: the clauses, 1, 1.1, 1.1.1…, each level on its heading style.
    s.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>");
    for ilvl in 0..9 {
        let text: Vec<String> = (1..=ilvl + 1).map(|l| format!("%{l}")).collect();
        let style = (ilvl < MAX_LEVEL).then(|| format!("Heading{}", ilvl + 1));
        let indent = 567 + ilvl * 142;
        s.push_str(&level_xml(
            ilvl,
            "decimal",
            &text.join("."),
            (indent, indent),
            style.as_deref(),
        ));
    }
    s.push_str("</w:abstractNum>");
    // 1: bullets, 2: (a) (b), 3: 1. 2.
    for (id, format, text) in [
        (1, "bullet", "•"),
        (2, "lowerLetter", "(%1)"),
        (3, "decimal", "%1."),
    ] {
        let _ = write!(
            s,
            "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"singleLevel\"/>{}</w:abstractNum>",
            level_xml(0, format, text, (794, 454), None)
        );
    }
    let _ = write!(
        s,
        "<w:num w:numId=\"{CLAUSE_NUM}\"><w:abstractNumId w:val=\"0\"/></w:num>"
    );
    for (num, kind) in lists {
        let abstract_id = match kind {
            ListKind::Bulleted => 1,
            ListKind::Lettered => 2,
            ListKind::Numbered => 3,
        };
        // Each list counts from its first item.
        let _ = write!(s, "<w:num w:numId=\"{num}\"><w:abstractNumId w:val=\"{abstract_id}\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>");
    }
    s.push_str("</w:numbering>");
    s
}

fn header(lines: &[(String, Style, &str)]) -> String {
    let mut s =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>");
    if lines.is_empty() {
        s.push_str("<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p>");
    }
    for (text, style, color) in lines {
        let extra = if color.is_empty() {
            String::new()
        } else {
            format!("<w:color w:val=\"{color}\"/>")
        };
        let _ = write!(
            s,
            "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{}</w:p>",
            text_run(text, *style, &extra, "t")
        );
    }
    s.push_str("</w:hdr>");
    s
}

fn footer(doc: &Document, words: &FixedWords) -> String {
    let m = &doc.meta;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}</w:p><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}{}{}{}</w:p></w:ftr>",
        text_run(&words.fingerprint_line(&m.fingerprint), Style::Regular, "", "t"),
        text_run("Page ", Style::Regular, "", "t"),
        field("PAGE", "1", Style::Regular),
        text_run(&format!(" {} ", words.of), Style::Regular, "", "t"),
        field("NUMPAGES", "1", Style::Regular),
    )
}

/// The fonts the styles name. The PDF's font, Liberation Serif, is seldom
/// installed where Word runs; its metrics are those of Times New Roman,
/// which Word is told to use in its place (the alternative name, family
/// and PANOSE figures), so lines and pages stay close to the PDF's rather
/// than depending on the substitute Word would guess from the name alone.
fn font_table() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts {NS}><w:font w:name=\"Liberation Serif\"><w:altName w:val=\"Times New Roman\"/><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    )
}

/// The document as the bytes of a .docx file.
pub fn write(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, DocError> {
    let numbers = doc.clause_numbers()?;
    let m = &doc.meta;
    let words = fixed::words(m.lang);
    let (y, mo, d) = m.date;
    let date = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
    let mut bookmarks = HashMap::new();
    collect_anchors(&doc.blocks, &mut bookmarks);
    let mut w = Writer {
        out: String::new(),
        numbers: &numbers,
        bookmarks,
        words,
        revisions: opts.revisions.clone().unwrap_or(RevisionAuthor {
            author: m.author.clone(),
            date: date.clone(),
        }),
        lists: Vec::new(),
        // Bookmark identifiers come first; revisions count on from there.
        next_id: 10_000,
    };
    w.blocks(&doc.blocks, 1, &doc.blocks);
    // Word ends a body with a paragraph; after a closing table (the
    // signatures) an ordinary empty one can fall onto a page of its own,
    // a blank last page counted in "Page X of Y". It is made one point high.
    if let Some(kept) = w.out.strip_suffix(TABLE_SPACER) {
        w.out.truncate(kept.len());
        w.out.push_str(LAST_PARAGRAPH);
    }
    let body = std::mem::take(&mut w.out);

    let mut marks: Vec<(String, Style, &str)> = Vec::new();
    if let Some(mark) = &m.mark {
        marks.push((mark.clone(), Style::Bold, "A00000"));
    }
    if opts.draft {
        marks.push((words.draft.to_owned(), Style::Bold, "A00000"));
    }
    let mut running = marks.clone();
    running.push((
        words.reference_line(&m.reference, &m.version),
        Style::Regular,
        "",
    ));
    running.push((m.title.clone(), Style::Italic, ""));

    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:footerReference w:type=\"first\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body></w:document>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/><Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
    let document_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/><Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/><Relationship Id=\"rIdHeaderFirst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/><Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/></Relationships>";
    let settings = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings {NS}><w:updateFields w:val=\"true\"/><w:autoHyphenation w:val=\"true\"/><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:themeFontLang w:val=\"{}\"/></w:settings>",
        lang_tag(m.lang)
    );
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        escape(&m.title),
        escape(&m.subject),
        escape(&m.author),
        escape(&format!("{} v{} sha256:{}", m.reference, m.version, m.fingerprint)),
        lang_tag(m.lang)
    );
    let app = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>Pledge</Application></Properties>";
    let entries: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types.as_bytes().to_vec(),
        ),
        ("_rels/.rels".into(), rels.as_bytes().to_vec()),
        ("word/document.xml".into(), document.into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels.as_bytes().to_vec(),
        ),
        ("word/styles.xml".into(), styles(m.lang).into_bytes()),
        (
            "word/numbering.xml".into(),
            numbering(&w.lists).into_bytes(),
        ),
        ("word/settings.xml".into(), settings.into_bytes()),
        ("word/fontTable.xml".into(), font_table().into_bytes()),
        ("word/header1.xml".into(), header(&running).into_bytes()),
        ("word/header2.xml".into(), header(&marks).into_bytes()),
        ("word/footer1.xml".into(), footer(doc, words).into_bytes()),
        ("docProps/core.xml".into(), core.into_bytes()),
        ("docProps/app.xml".into(), app.as_bytes().to_vec()),
    ];
    crate::doc::zip::write(&entries, m.date).map_err(|e| DocError::Word(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_what_xml_can_hold_and_drops_the_rest() {
        assert_eq!(
            escape("a & b < c > \"d\" 'e'"),
            "a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(escape("tab\there\nline"), "tab\there\nline");
        assert_eq!(escape("bell\u{7}\u{0}\u{FFFE}end"), "bellend");
        assert_eq!(escape("Société « Œ » 𝄞"), "Société « Œ » 𝄞");
    }
}
