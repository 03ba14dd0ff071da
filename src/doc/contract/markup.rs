//! The small markup dialect contract templates write, and its strict parser
//! into the document tree.
//!
//! ```text
//! <titlepage title="…" subtitle="…"><party>…</party><fact name="Reference">…</fact></titlepage>
//! <toc title="Contents" depth="2"/>
//! <clause id="service-credits" title="Service credits"> blocks </clause>
//! <p align="left|center|right"> inline </p>
//! <list kind="bullet|letter|number"><item> inline </item></list>
//! <table widths="3 2 2"><header><cell> inline </cell>…</header><row><cell>…</cell>…</row></table>
//! <signatures><signatory party="…"><line>Name: …</line></signatory></signatures>
//! <pagebreak/>
//! inline: text, <b>…</b>, <i>…</i>, <term>…</term>, <ref to="anchor"/>, <page to="anchor"/>
//! ```
//!
//! Values reach the markup only through the template engine's HTML
//! escaping, so text from an agreement can never open or close a tag. The
//! parser accepts nothing else: an unknown tag or attribute, a missing
//! attribute, text outside a paragraph or an unbalanced tag is an error with
//! the line of the rendered markup. White space inside a paragraph collapses
//! to single spaces as in HTML; no-break spaces are kept.

use crate::doc::tree::{
    Align, Block, Clause, Inline, List, ListKind, Paragraph, Signatory, Style, Table, TitlePage,
};

/// A fault in the rendered markup: the line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    /// Line of the rendered markup.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
        line: usize,
    },
    Close {
        name: String,
        line: usize,
    },
    Text {
        text: String,
        line: usize,
    },
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, MarkupError> {
    Err(MarkupError {
        line,
        message: message.into(),
    })
}

fn decode(raw: &str, line: usize) -> Result<String, MarkupError> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 10) else {
            return err(line, "a bare `&`: write `&amp;`");
        };
        let name = &after[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{00A0}',
            "nnbsp" => '\u{202F}',
            _ => {
                let code = if let Some(hex) =
                    name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = name.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                match code.and_then(char::from_u32) {
                    Some(c) => c,
                    None => return err(line, format!("unknown entity `&{name};`")),
                }
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn tokenize(src: &str) -> Result<Vec<Token>, MarkupError> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(body) = rest.strip_prefix("<!--") {
            let Some(end) = body.find("-->") else {
                return err(line, "a comment `<!--` is not closed");
            };
            line += body[..end].matches('\n').count();
            rest = &body[end + 3..];
            continue;
        }
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                return err(line, "a tag is not closed with `>`");
            };
            let tag = &rest[1..end];
            let tag_line = line;
            line += tag.matches('\n').count();
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                tokens.push(Token::Close {
                    name: name.trim().to_string(),
                    line: tag_line,
                });
                continue;
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let tag = tag.trim();
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase()) {
                return err(
                    tag_line,
                    format!("`<{tag}>` is not a tag of the contract markup"),
                );
            }
            let mut attrs = Vec::new();
            let mut a = tag[name_end..].trim_start();
            while !a.is_empty() {
                let Some(eq) = a.find("=\"") else {
                    return err(
                        tag_line,
                        format!("in `<{name}>`, write attributes as name=\"value\""),
                    );
                };
                let key = a[..eq].trim();
                if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase()) {
                    return err(
                        tag_line,
                        format!("in `<{name}>`, `{key}` is not an attribute name"),
                    );
                }
                let value_start = &a[eq + 2..];
                let Some(close) = value_start.find('"') else {
                    return err(
                        tag_line,
                        format!("in `<{name}>`, the value of `{key}` is not closed"),
                    );
                };
                attrs.push((key.to_string(), decode(&value_start[..close], tag_line)?));
                a = value_start[close + 1..].trim_start();
            }
            tokens.push(Token::Open {
                name: name.to_string(),
                attrs,
                empty,
                line: tag_line,
            });
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let raw = &rest[..end];
        if raw.contains('>') {
            return err(line, "a bare `>`: write `&gt;`");
        }
        tokens.push(Token::Text {
            text: decode(raw, line)?,
            line,
        });
        line += raw.matches('\n').count();
        rest = &rest[end..];
    }
    Ok(tokens)
}

/// The deepest the markup's elements may nest inside one another: clauses
/// in clauses, a list or a table in a clause, bold in italic in a term. A
/// contract uses fewer than ten levels; the bound keeps the parser's, the
/// layout's and the writers' recursion far from the stack's end.
pub const MAX_NESTING: usize = 32;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// How many elements enclose the one being parsed.
    depth: usize,
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    empty: bool,
    line: usize,
}

impl Tag {
    fn check_attrs(&self, allowed: &[&str]) -> Result<(), MarkupError> {
        for (k, _) in &self.attrs {
            if !allowed.contains(&k.as_str()) {
                return err(
                    self.line,
                    format!(
                        "`<{}>` has no attribute `{k}` (allowed: {})",
                        self.name,
                        allowed.join(", ")
                    ),
                );
            }
        }
        Ok(())
    }
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn need(&self, key: &str) -> Result<&str, MarkupError> {
        match self.get(key) {
            Some(v) => Ok(v),
            None => err(
                self.line,
                format!("`<{}>` needs the attribute `{key}`", self.name),
            ),
        }
    }
}

fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
}

impl Parser {
    /// Counts one more level of nesting for `tag`, refusing one past
    /// [`MAX_NESTING`] with the tag's line.
    fn enter(&mut self, tag: &Tag) -> Result<(), MarkupError> {
        if self.depth >= MAX_NESTING {
            return err(
                tag.line,
                format!(
                    "`<{}>` is nested more than {MAX_NESTING} deep (clauses in clauses, \
                     lists, tables and styles count); the markup allows {MAX_NESTING}",
                    tag.name
                ),
            );
        }
        self.depth += 1;
        Ok(())
    }

    fn last_line(&self) -> usize {
        match self.tokens.last() {
            Some(
                Token::Open { line, .. } | Token::Close { line, .. } | Token::Text { line, .. },
            ) => *line,
            None => 1,
        }
    }

    /// The next tag at block level, skipping white space; `None` at the end of
    /// the input or before a closing tag (left for the caller).
    fn next_tag(&mut self) -> Result<Option<Tag>, MarkupError> {
        while let Some(tok) = self.tokens.get(self.pos) {
            match tok {
                Token::Text { text, line } => {
                    if !is_blank(text) {
                        let shown: String = text.trim().chars().take(40).collect();
                        let lead = text.len() - text.trim_start().len();
                        let at = *line + text[..lead].matches('\n').count();
                        return err(at, format!("text outside a paragraph: “{shown}”"));
                    }
                    self.pos += 1;
                }
                Token::Close { .. } => return Ok(None),
                Token::Open {
                    name,
                    attrs,
                    empty,
                    line,
                } => {
                    let tag = Tag {
                        name: name.clone(),
                        attrs: attrs.clone(),
                        empty: *empty,
                        line: *line,
                    };
                    self.pos += 1;
                    return Ok(Some(tag));
                }
            }
        }
        Ok(None)
    }

    fn close(&mut self, tag: &Tag) -> Result<(), MarkupError> {
        if tag.empty {
            return Ok(());
        }
        match self.tokens.get(self.pos) {
            Some(Token::Close { name, .. }) if *name == tag.name => {
                self.pos += 1;
                Ok(())
            }
            Some(Token::Close { name, line }) => err(
                *line,
                format!(
                    "`</{name}>` closes `<{}>` opened on line {}",
                    tag.name, tag.line
                ),
            ),
            _ => err(
                self.last_line(),
                format!(
                    "`<{}>` opened on line {} is never closed",
                    tag.name, tag.line
                ),
            ),
        }
    }

    fn blocks(&mut self) -> Result<Vec<Block>, MarkupError> {
        let mut out = Vec::new();
        while let Some(tag) = self.next_tag()? {
            out.push(self.block(tag)?);
        }
        Ok(out)
    }

    fn children<T>(
        &mut self,
        parent: &Tag,
        child: &str,
        mut each: impl FnMut(&mut Self, Tag) -> Result<T, MarkupError>,
    ) -> Result<Vec<T>, MarkupError> {
        let mut out = Vec::new();
        if parent.empty {
            return Ok(out);
        }
        while let Some(tag) = self.next_tag()? {
            if tag.name != child {
                return err(
                    tag.line,
                    format!(
                        "`<{}>` may hold only `<{child}>`, not `<{}>`",
                        parent.name, tag.name
                    ),
                );
            }
            out.push(each(self, tag)?);
        }
        self.close(parent)?;
        Ok(out)
    }

    fn block(&mut self, tag: Tag) -> Result<Block, MarkupError> {
        self.enter(&tag)?;
        let block = self.block_body(tag);
        self.depth -= 1;
        block
    }

    fn block_body(&mut self, tag: Tag) -> Result<Block, MarkupError> {
        match tag.name.as_str() {
            "clause" => {
                tag.check_attrs(&["id", "title"])?;
                let id = tag.need("id")?.to_string();
                let title = collapse(tag.need("title")?).trim().to_string();
                // issue 12: clause anchors follow the agreement's identifier
                // syntax, which the validator checks, so every agreement that
                // validates gives anchors this parser accepts.
                if !crate::model::is_identifier(&id) {
                    return err(
                        tag.line,
                        format!("clause id `{id}` must be one word of letters, digits, `-`, `_` or `.`, starting with a letter or a digit"),
                    );
                }
                let body = if tag.empty {
                    Vec::new()
                } else {
                    self.blocks()?
                };
                self.close(&tag)?;
                Ok(Block::Clause(Clause::new(id, title, body)))
            }
            "p" => {
                tag.check_attrs(&["align"])?;
                let align = match tag.get("align") {
                    None | Some("justify") => Align::Justify,
                    Some("left") => Align::Left,
                    Some("center") => Align::Center,
                    Some("right") => Align::Right,
                    Some(other) => {
                        return err(
                            tag.line,
                            format!("align=\"{other}\": write left, center, right or justify"),
                        )
                    }
                };
                let runs = self.paragraph(&tag)?;
                Ok(Block::Paragraph(Paragraph { runs, align }))
            }
            "list" => {
                tag.check_attrs(&["kind"])?;
                let kind = match tag.get("kind") {
                    None | Some("bullet") => ListKind::Bulleted,
                    Some("letter") => ListKind::Lettered,
                    Some("number") => ListKind::Numbered,
                    Some(other) => {
                        return err(
                            tag.line,
                            format!("kind=\"{other}\": write bullet, letter or number"),
                        )
                    }
                };
                let items = self.children(&tag, "item", |p, item| {
                    item.check_attrs(&[])?;
                    Ok(Paragraph::new(p.paragraph(&item)?))
                })?;
                Ok(Block::List(List { kind, items }))
            }
            "table" => {
                tag.check_attrs(&["widths"])?;
                let widths: Vec<f32> = tag
                    .need("widths")?
                    .split_whitespace()
                    .map(|w| w.parse::<f32>().ok().filter(|w| w.is_finite() && *w > 0.0))
                    .collect::<Option<_>>()
                    .ok_or_else(|| MarkupError {
                        line: tag.line,
                        message: "widths must be positive numbers separated by spaces".into(),
                    })?;
                if widths.is_empty() {
                    return err(tag.line, "a table needs at least one column width");
                }
                let mut header = None;
                let mut rows = Vec::new();
                while let Some(row) = self.next_tag()? {
                    let cells = match row.name.as_str() {
                        "header" | "row" => {
                            row.check_attrs(&[])?;
                            self.children(&row, "cell", |p, cell| {
                                cell.check_attrs(&["align"])?;
                                let align = match cell.get("align") {
                                    Some("right") => Align::Right,
                                    Some("center") => Align::Center,
                                    _ => Align::Left,
                                };
                                Ok(Paragraph {
                                    runs: p.paragraph(&cell)?,
                                    align,
                                })
                            })?
                        }
                        other => {
                            return err(
                                row.line,
                                format!(
                                "`<table>` may hold only `<header>` and `<row>`, not `<{other}>`"
                            ),
                            )
                        }
                    };
                    if cells.len() != widths.len() {
                        return err(
                            row.line,
                            format!(
                                "this row has {} cells but the table has {} columns",
                                cells.len(),
                                widths.len()
                            ),
                        );
                    }
                    if row.name == "header" {
                        if header.is_some() || !rows.is_empty() {
                            return err(row.line, "a table has one `<header>`, before its rows");
                        }
                        header = Some(cells);
                    } else {
                        rows.push(cells);
                    }
                }
                self.close(&tag)?;
                let Some(header) = header else {
                    return err(tag.line, "a table needs a `<header>` row");
                };
                Ok(Block::Table(Table {
                    widths,
                    header,
                    rows,
                }))
            }
            "titlepage" => {
                tag.check_attrs(&["title", "subtitle"])?;
                let title = collapse(tag.need("title")?).trim().to_string();
                let subtitle = collapse(tag.get("subtitle").unwrap_or(""))
                    .trim()
                    .to_string();
                let mut parties = Vec::new();
                let mut facts = Vec::new();
                while let Some(child) = self.next_tag()? {
                    match child.name.as_str() {
                        "party" => {
                            child.check_attrs(&[])?;
                            parties.push(plain(&self.paragraph(&child)?));
                        }
                        "fact" => {
                            child.check_attrs(&["name"])?;
                            let name = child.need("name")?.to_string();
                            facts.push((name, plain(&self.paragraph(&child)?)));
                        }
                        other => {
                            return err(
                                child.line,
                                format!(
                                "`<titlepage>` may hold `<party>` and `<fact>`, not `<{other}>`"
                            ),
                            )
                        }
                    }
                }
                self.close(&tag)?;
                Ok(Block::TitlePage(TitlePage {
                    title,
                    subtitle,
                    parties,
                    facts,
                }))
            }
            "toc" => {
                tag.check_attrs(&["title", "depth"])?;
                let depth = match tag.get("depth").map(str::parse::<u8>) {
                    None => 1,
                    Some(Ok(d @ 1..=4)) => d,
                    Some(_) => return err(tag.line, "depth must be 1, 2, 3 or 4"),
                };
                let title = tag.need("title")?.to_string();
                self.close(&tag)?;
                Ok(Block::TableOfContents { title, depth })
            }
            "signatures" => {
                tag.check_attrs(&[])?;
                let list = self.children(&tag, "signatory", |p, s| {
                    s.check_attrs(&["party"])?;
                    let party = s.need("party")?.to_string();
                    let lines = p.children(&s, "line", |p, l| {
                        l.check_attrs(&[])?;
                        Ok(plain(&p.paragraph(&l)?))
                    })?;
                    Ok(Signatory { party, lines })
                })?;
                Ok(Block::Signatures(list))
            }
            "pagebreak" => {
                tag.check_attrs(&[])?;
                self.close(&tag)?;
                Ok(Block::PageBreak)
            }
            other => err(
                tag.line,
                format!("`<{other}>` is not a block of the contract markup"),
            ),
        }
    }

    /// Inline content up to the closing tag of `tag`, white space collapsed
    /// and trimmed at both ends.
    fn paragraph(&mut self, tag: &Tag) -> Result<Vec<Inline>, MarkupError> {
        let mut runs = Vec::new();
        if !tag.empty {
            self.inline(tag, Style::Regular, &mut runs)?;
        }
        trim_runs(&mut runs);
        Ok(runs)
    }

    fn inline(
        &mut self,
        parent: &Tag,
        style: Style,
        out: &mut Vec<Inline>,
    ) -> Result<(), MarkupError> {
        loop {
            let Some(tok) = self.tokens.get(self.pos).cloned() else {
                return err(
                    self.last_line(),
                    format!(
                        "`<{}>` opened on line {} is never closed",
                        parent.name, parent.line
                    ),
                );
            };
            match tok {
                Token::Text { text, .. } => {
                    self.pos += 1;
                    let text = collapse(&text);
                    if !text.is_empty() {
                        push_text(out, text, style);
                    }
                }
                Token::Close { .. } => return self.close(parent),
                Token::Open {
                    name,
                    attrs,
                    empty,
                    line,
                } => {
                    self.pos += 1;
                    let tag = Tag {
                        name,
                        attrs,
                        empty,
                        line,
                    };
                    self.enter(&tag)?;
                    let done = self.inline_element(tag, parent, style, out);
                    self.depth -= 1;
                    done?;
                }
            }
        }
    }

    /// One element inside a paragraph, its content included.
    fn inline_element(
        &mut self,
        tag: Tag,
        parent: &Tag,
        style: Style,
        out: &mut Vec<Inline>,
    ) -> Result<(), MarkupError> {
        match tag.name.as_str() {
            "b" | "i" => {
                tag.check_attrs(&[])?;
                let inner = match (tag.name.as_str(), style) {
                    ("b", s) => s.bolder(),
                    ("i", Style::Bold | Style::BoldItalic) => Style::BoldItalic,
                    _ => Style::Italic,
                };
                if !tag.empty {
                    self.inline(&tag, inner, out)?;
                }
            }
            "term" => {
                tag.check_attrs(&[])?;
                let mut inner = Vec::new();
                if !tag.empty {
                    self.inline(&tag, style, &mut inner)?;
                }
                out.push(Inline::Term(plain(&inner)));
            }
            "ref" | "page" => {
                tag.check_attrs(&["to"])?;
                let to = tag.need("to")?.to_string();
                self.close(&tag)?;
                out.push(if tag.name == "ref" {
                    Inline::ClauseRef(to)
                } else {
                    Inline::PageRef(to)
                });
            }
            other => {
                return err(
                    tag.line,
                    format!(
                        "`<{other}>` cannot appear inside `<{}>` (inline: b, i, term, ref, page)",
                        parent.name
                    ),
                )
            }
        }
        Ok(())
    }
}

fn push_text(out: &mut Vec<Inline>, text: String, style: Style) {
    if let Some(Inline::Text {
        text: last,
        style: s,
    }) = out.last_mut()
    {
        if *s == style {
            if last.ends_with(' ') && text.starts_with(' ') {
                last.push_str(&text[1..]);
            } else {
                last.push_str(&text);
            }
            return;
        }
    }
    out.push(Inline::Text { text, style });
}

/// Collapses runs of ASCII white space to one space (no-break spaces stay).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn trim_runs(runs: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = runs.first_mut() {
        *text = text.trim_start_matches(' ').to_string();
    }
    if let Some(Inline::Text { text, .. }) = runs.last_mut() {
        *text = text.trim_end_matches(' ').to_string();
    }
    runs.retain(|r| !matches!(r, Inline::Text { text, .. } if text.is_empty()));
}

fn plain(runs: &[Inline]) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Inline::Text { text, .. } | Inline::Term(text) | Inline::Revised { text, .. } => {
                s.push_str(text)
            }
            Inline::ClauseRef(a) | Inline::PageRef(a) => s.push_str(a),
        }
    }
    s.trim().to_string()
}

/// Parses rendered markup into document blocks.
pub fn parse(src: &str) -> Result<Vec<Block>, MarkupError> {
    let tokens = tokenize(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let blocks = p.blocks()?;
    if let Some(Token::Close { name, line }) = p.tokens.get(p.pos) {
        return err(*line, format!("`</{name}>` closes nothing"));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_collapse_space_and_nest_styles() {
        let blocks = parse("<clause id=\"a\" title=\"Scope\">\n  <p>See  clause\n <ref to=\"a\"/>; <b>bold <i>both</i></b> &amp; &lt;x&gt;</p>\n</clause>")
            .expect("parse");
        let Block::Clause(c) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(c.title, "Scope");
        let Block::Paragraph(p) = &c.body[0] else {
            panic!("{c:?}")
        };
        assert_eq!(
            p.runs,
            vec![
                Inline::text("See clause "),
                Inline::ClauseRef("a".into()),
                Inline::text("; "),
                Inline::bold("bold "),
                Inline::Text {
                    text: "both".into(),
                    style: Style::BoldItalic
                },
                Inline::text(" & <x>"),
            ]
        );
    }

    #[test]
    fn faults_name_their_line() {
        let cases = [
            ("<p>a</p>\n<p>b", 2, "never closed"),
            ("<p>a</p>\nloose text", 2, "outside a paragraph"),
            ("\n\n<clause title=\"x\"></clause>", 3, "needs the attribute `id`"),
            ("<p>a & b</p>", 1, "bare `&`"),
            ("<p>\n<script>x</script></p>", 2, "cannot appear"),
            ("<table widths=\"1 1\"><header><cell>a</cell><cell>b</cell></header>\n<row><cell>b</cell></row></table>", 2, "2 columns"),
            ("<p>x</b></p>", 1, "closes `<p>`"),
        ];
        for (src, line, what) in cases {
            let e = parse(src).expect_err(src);
            assert_eq!(e.line, line, "{src}: {e:?}");
            assert!(e.message.contains(what), "{src}: {e:?}");
        }
    }

    // issue 12: nesting is refused past MAX_NESTING with the line of the tag
    // that goes one level too deep, for clauses and for inline styles alike.
    #[test]
    fn nesting_past_the_limit_names_its_line() {
        let deep = |n: usize| {
            let mut s = String::new();
            for i in 0..n {
                s.push_str(&format!("<clause id=\"c{i}\" title=\"C\">\n"));
            }
            s.push_str("<p>x</p>\n");
            s.push_str(&"</clause>\n".repeat(n));
            s
        };
        // Thirty-one clauses and the paragraph in the deepest reach the limit.
        assert!(parse(&deep(MAX_NESTING - 1)).is_ok());
        let e = parse(&deep(300)).expect_err("too deep");
        assert_eq!(e.line, MAX_NESTING + 1, "{}", e.message);
        assert!(e.message.contains("nested more than 32"), "{}", e.message);
        let styles = format!(
            "<p>{}x{}</p>",
            "<b>".repeat(100_000),
            "</b>".repeat(100_000)
        );
        let e = parse(&styles).expect_err("too deep");
        assert!(e.message.contains("`<b>` is nested"), "{}", e.message);
    }
}
