//! The contract: an [`Agreement`] rendered through a template into the
//! document tree, then written as PDF, Word (.docx), HTML or Markdown.
//!
//! ```text
//! Agreement ─context::build─▶ template context ─minijinja─▶ markup ─markup::parse─▶ tree::Document
//!                                                                     ─▶ layout + pdf | html | markdown
//! ```
//!
//! Templates are data: the shipped ones (`templates/contract/{en,fr}/`) are
//! compiled in, and a directory given at run time replaces them. Rendering
//! is sandboxed and bounded: the template engine reads only the template
//! files loaded beforehand (never the file system), runs on a fuel budget
//! with a recursion limit, fails on an undefined value, and escapes every
//! value it prints so that agreement text cannot inject markup. Every
//! template fault names the template and the line.
//!
//! ```
//! use pledge::doc::contract::{export, ContractOptions, Edition, Format};
//!
//! let sample = pledge::samples::find("fr-pme-infogerance").unwrap();
//! let agreement = pledge::format::read(sample.text).unwrap();
//! let opts = ContractOptions { edition: Edition::Client, format: Format::Markdown, ..Default::default() };
//! let md = String::from_utf8(export(&agreement, &opts).unwrap()).unwrap();
//! assert!(md.contains("Crédits de service"));
//! ```

pub mod context;
pub mod markup;
mod names;
pub mod simulation;
pub mod words;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use sha2::{Digest, Sha256};

use crate::doc::tree::{Block, Document, Inline, Lang, Metadata};
use crate::doc::{DocError, ExportOptions};
use crate::model::{Agreement, Duration, Language, LocalDateTime, TargetTime, TimeOfDay};

pub use simulation::Simulation;

/// Which contract is produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edition {
    /// What the customer signs.
    #[default]
    Client,
    /// The provider's own copy: adds internal targets, OLAs and, when given,
    /// the key figures of a simulation.
    Internal,
}

impl Edition {
    /// Its name in records and file names: `client` or `internal`.
    pub fn tag(self) -> &'static str {
        match self {
            Edition::Client => "client",
            Edition::Internal => "internal",
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A laid-out PDF.
    #[default]
    Pdf,
    /// One self-contained HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// A Word document (.docx).
    Docx,
}

/// The fuel a render may burn: far above what the shipped templates use on
/// the samples (about 7,000), far below what a runaway loop needs to
/// exhaust memory or time (the test's ten-billion-step loop stops within a
/// second); the templates' work grows with the agreement, and this leaves
/// room for agreements as large as the reader accepts.
///
/// minijinja charges fuel for data as well as steps: one fuel per
/// instruction, and one per 64 bytes of every string, list slot and output
/// byte a template makes, checked before a value of known size (`"x" * n`)
/// is built. So this budget also bounds the data a template builds through
/// strings, repetition, joins and output: about `FUEL * 64` bytes charged
/// ([`MAX_TEMPLATE_DATA_BYTES`]; the process may hold a small multiple of it
/// while copies are made). One path escapes the charge in minijinja 3.1:
/// lists concatenated with `+` are kept lazy and later materialised without
/// being charged, so `l = l + l` in a loop is not bounded by fuel; a
/// template folder given to `pledge export --template` is therefore rendered
/// in a child process under a memory cap (the binary's `export.rs`).
pub const FUEL: u64 = 5_000_000;
/// The data, in bytes, the fuel budget lets a render build (strings, lists,
/// captured and written output together), as minijinja charges it.
pub const MAX_TEMPLATE_DATA_BYTES: u64 = FUEL * 64;
/// The most markup a render may write: four times the largest agreement
/// file, far above a real contract (the samples' are under 200 KB), and low
/// enough that a runaway template is stopped before its text reaches the
/// layout, which needs several times more memory than the text itself.
pub const MAX_RENDERED_BYTES: usize = 16 << 20;
/// The deepest nesting of template calls (macros, includes).
pub const RECURSION_LIMIT: usize = 48;
/// The most template files a template directory may hold.
pub const MAX_TEMPLATE_FILES: usize = 64;
/// The most entries of any kind a template directory is searched through,
/// so that pointing `--template` at a large folder fails at once.
pub const MAX_TEMPLATE_DIR_ENTRIES: usize = 1024;
/// The largest template file read.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;
/// The most template text a directory may hold in all.
pub const MAX_TEMPLATE_SET_BYTES: u64 = 4 << 20;
/// The template a render starts from.
pub const ENTRY: &str = "contract.j2";

/// A set of template files, by name. Rendering starts at [`ENTRY`]; the
/// others are reachable by `include`, `import` and `extends`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSet {
    files: BTreeMap<String, String>,
}

const SHIPPED_EN: &[(&str, &str)] = &[
    (
        "contract.j2",
        include_str!("../../../templates/contract/en/contract.j2"),
    ),
    (
        "macros.j2",
        include_str!("../../../templates/contract/en/macros.j2"),
    ),
];
const SHIPPED_FR: &[(&str, &str)] = &[
    (
        "contract.j2",
        include_str!("../../../templates/contract/fr/contract.j2"),
    ),
    (
        "macros.j2",
        include_str!("../../../templates/contract/fr/macros.j2"),
    ),
];

/// Reads one template file, never more than [`MAX_TEMPLATE_BYTES`] of it
/// (through the reader every file goes through, [`crate::format::read_at_most`]).
fn read_template(path: &Path, name: &str) -> Result<String, String> {
    let bytes = crate::format::read_at_most(path, MAX_TEMPLATE_BYTES)
        .map_err(|e| format!("{name}: {e}"))?
        .ok_or_else(|| {
            format!(
                "{name} is larger than {} MiB; templates are far smaller, so it is refused",
                MAX_TEMPLATE_BYTES >> 20
            )
        })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

impl TemplateSet {
    /// The templates shipped with Pledge for `lang`.
    pub fn shipped(lang: Lang) -> TemplateSet {
        let list = match lang {
            Lang::En => SHIPPED_EN,
            Lang::Fr => SHIPPED_FR,
        };
        TemplateSet {
            files: list
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// The templates of a directory: `DIR/<lang>/` when it exists (a copy of
    /// `templates/contract/`), else `DIR` itself. Every `*.j2` file directly
    /// in it is read, at most [`MAX_TEMPLATE_FILES`] of at most
    /// [`MAX_TEMPLATE_BYTES`] each; it must hold [`ENTRY`].
    pub fn from_dir(dir: &Path, lang: Lang) -> Result<TemplateSet, DocError> {
        let fail = |message: String| DocError::TemplateDir {
            path: dir.display().to_string(),
            message,
        };
        let sub = dir.join(lang.tag());
        let dir = if sub.join(ENTRY).is_file() {
            sub
        } else {
            dir.to_path_buf()
        };
        let entries = std::fs::read_dir(&dir).map_err(|e| fail(e.to_string()))?;
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        for (seen, entry) in entries.enumerate() {
            if seen == MAX_TEMPLATE_DIR_ENTRIES {
                return Err(fail(format!(
                    "{} holds more than {MAX_TEMPLATE_DIR_ENTRIES} entries; give the folder \
                     that holds only the templates",
                    dir.display()
                )));
            }
            let entry = entry.map_err(|e| fail(e.to_string()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".j2") || !entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                continue;
            }
            if files.len() == MAX_TEMPLATE_FILES {
                return Err(fail(format!(
                    "more than {MAX_TEMPLATE_FILES} template files"
                )));
            }
            let text = read_template(&entry.path(), &name).map_err(fail)?;
            total += text.len() as u64;
            if total > MAX_TEMPLATE_SET_BYTES {
                return Err(fail(format!(
                    "the templates are larger than {} MiB in all",
                    MAX_TEMPLATE_SET_BYTES >> 20
                )));
            }
            files.insert(name, text);
        }
        if !files.contains_key(ENTRY) {
            return Err(fail(format!("no {ENTRY} in {}", dir.display())));
        }
        Ok(TemplateSet { files })
    }

    /// A set from named texts (for tests and tools that hold templates in memory).
    pub fn from_files<I, N, T>(files: I) -> TemplateSet
    where
        I: IntoIterator<Item = (N, T)>,
        N: Into<String>,
        T: Into<String>,
    {
        TemplateSet {
            files: files
                .into_iter()
                .map(|(n, t)| (n.into(), t.into()))
                .collect(),
        }
    }

    /// The files, by name, in name order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }
}

/// What to produce from an agreement.
#[derive(Debug, Clone, Default)]
pub struct ContractOptions {
    /// The language; the agreement's own when `None`.
    pub lang: Option<Lang>,
    /// Client or internal edition.
    pub edition: Edition,
    /// A DRAFT / PROJET watermark (PDF) or banner (HTML, Markdown).
    pub draft: bool,
    /// The templates; the shipped ones for the language when `None`.
    pub templates: Option<TemplateSet>,
    /// Simulation figures for the internal edition's annex.
    pub simulation: Option<Simulation>,
    /// The output format of [`export`].
    pub format: Format,
    /// The day the document is issued, written as the PDF's creation
    /// date: a saved version's save date; the agreement's effective date
    /// when `None` (a file has no other date of its own). Not part of the
    /// fingerprint, which names the contract's content.
    pub issued: Option<chrono::NaiveDate>,
}

impl ContractOptions {
    /// The language the contract is written in.
    pub fn lang_for(&self, a: &Agreement) -> Lang {
        self.lang.unwrap_or(match a.meta.language {
            Language::En => Lang::En,
            Language::Fr => Lang::Fr,
        })
    }
}

fn filter_error(what: &str, value: &str, e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{what} `{value}`: {e}"),
    )
}

/// The rendered markup, collected up to [`MAX_RENDERED_BYTES`]. Past the
/// limit it keeps nothing more and remembers that it overflowed; the render
/// is then stopped by the formatter at the next value printed, which names
/// the template and line (an error from the writer itself would lose them).
struct Markup {
    bytes: Vec<u8>,
    /// The bytes written so far, shared with the formatter.
    written: Arc<AtomicUsize>,
    overflowed: bool,
}

impl std::io::Write for Markup {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let total = self.bytes.len().saturating_add(buf.len());
        if total > MAX_RENDERED_BYTES || self.overflowed {
            self.overflowed = true;
            self.written.store(usize::MAX, Ordering::Relaxed);
        } else {
            self.bytes.extend_from_slice(buf);
            self.written.store(total, Ordering::Relaxed);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn too_large() -> String {
    format!(
        "the contract is larger than {} MiB of markup: a template that writes this much is \
         running away (look for a loop or a repeated value here)",
        MAX_RENDERED_BYTES >> 20
    )
}

fn environment(
    set: &TemplateSet,
    lang: Lang,
    currency: String,
    written: Arc<AtomicUsize>,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    // Every printed value is checked against what the markup can still take
    // before it is written, so the error carries the template and line of the
    // value that would make the contract too large.
    env.set_formatter(move |out, state, value| {
        let so_far = written.load(Ordering::Relaxed);
        let adds = value.as_str().map_or(0, str::len);
        if so_far.saturating_add(adds) > MAX_RENDERED_BYTES {
            return Err(Error::new(ErrorKind::InvalidOperation, too_large()));
        }
        minijinja::escape_formatter(out, state, value)
    });
    // The loader serves only the files read before rendering: a template
    // cannot reach the file system, whatever name it includes.
    let files = set.files.clone();
    env.set_loader(move |name| Ok(files.get(name).cloned()));

    env.add_filter(
        "duration",
        move |v: String, basis: Option<String>| -> Result<String, Error> {
            let t: TargetTime = v.parse().map_err(|e| filter_error("duration", &v, e))?;
            let b = match basis.as_deref() {
                None | Some("business") => words::Basis::Business,
                Some("calendar") => words::Basis::Calendar,
                Some(other) => {
                    return Err(filter_error(
                        "clock",
                        other,
                        "write \"business\" or \"calendar\"",
                    ))
                }
            };
            Ok(words::target_time(t, b, lang))
        },
    );
    env.add_filter("period", move |v: String| -> Result<String, Error> {
        let d: Duration = v.parse().map_err(|e| filter_error("period", &v, e))?;
        Ok(words::period(d, lang))
    });
    env.add_filter("notice", move |v: String| -> Result<String, Error> {
        let t: TargetTime = v.parse().map_err(|e| filter_error("notice", &v, e))?;
        Ok(words::notice(t, lang))
    });
    env.add_filter("percent", move |v: f64, decimals: Option<usize>| {
        words::percent_with(v, decimals.unwrap_or(3).min(6), lang)
    });
    env.add_filter("number", move |v: f64| words::number(v, 2, lang));
    env.add_filter("money", move |cents: i64| {
        words::money(cents, &currency, lang)
    });
    env.add_filter("date", move |v: String| -> Result<String, Error> {
        let d = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map_err(|e| filter_error("date", &v, e))?;
        Ok(words::date(d, lang))
    });
    env.add_filter("datetime", move |v: String| -> Result<String, Error> {
        let t: LocalDateTime = v
            .parse()
            .map_err(|e| filter_error("date and time", &v, e))?;
        Ok(words::datetime(t, lang))
    });
    env.add_filter(
        "closure",
        move |from: String, to: String| -> Result<String, Error> {
            let from: LocalDateTime = from
                .parse()
                .map_err(|e| filter_error("date and time", &from, e))?;
            let to: LocalDateTime = to
                .parse()
                .map_err(|e| filter_error("date and time", &to, e))?;
            Ok(words::closure_span(from, to, lang))
        },
    );
    env.add_filter("time", move |v: String| -> Result<String, Error> {
        let t: TimeOfDay = v.parse().map_err(|e| filter_error("time", &v, e))?;
        Ok(words::time(t, lang))
    });
    env.add_filter("weekday", move |v: String| -> Result<String, Error> {
        words::weekday(&v, lang)
            .map(str::to_string)
            .ok_or_else(|| filter_error("weekday", &v, "write mon … sun"))
    });
    env.add_filter("lcfirst", move |v: String| words::lower_first(&v, lang));
    env.add_filter("zone", move |v: String| words::zone(&v, lang));
    env.add_filter("unperiod", |v: String| {
        v.trim_end().trim_end_matches('.').to_string()
    });
    env.add_filter("examples", move |v: Vec<String>| words::examples(&v, lang));
    env.add_filter("join_and", move |v: Vec<String>| words::join_and(&v, lang));
    env
}

fn template_error(e: &Error) -> DocError {
    // An error inside an included template carries the include's place;
    // the innermost cause names the line that failed.
    let mut inner: &Error = e;
    while let Some(next) = std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>())
    {
        if next.line().is_none() {
            break;
        }
        inner = next;
    }
    let mut message = match inner.detail() {
        Some(d) => format!("{}: {d}", inner.kind()),
        None => inner.kind().to_string(),
    };
    if inner.kind() == ErrorKind::OutOfFuel {
        message.push_str(&format!(
            " (a template may take {FUEL} steps and build {} MiB of text and lists in all)",
            MAX_TEMPLATE_DATA_BYTES >> 20
        ));
    }
    DocError::Template {
        name: inner.name().unwrap_or(ENTRY).to_string(),
        line: inner.line(),
        message,
    }
}

/// The SHA-256 fingerprint of a contract: the canonical agreement, every
/// template file (name and text) and the options that change the output.
pub fn fingerprint(a: &Agreement, opts: &ContractOptions) -> String {
    let lang = opts.lang_for(a);
    let shipped;
    let set = match &opts.templates {
        Some(s) => s,
        None => {
            shipped = TemplateSet::shipped(lang);
            &shipped
        }
    };
    let mut h = Sha256::new();
    let mut part = |label: &str, bytes: &[u8]| {
        h.update(label.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    part("agreement", crate::format::write(a).as_bytes());
    for (name, text) in set.files() {
        part("template-name", name.as_bytes());
        part("template", text.as_bytes());
    }
    let options = format!(
        "lang={};edition={:?};draft={}",
        lang.tag(),
        opts.edition,
        opts.draft
    );
    part("options", options.as_bytes());
    if let (Edition::Internal, Some(sim)) = (opts.edition, &opts.simulation) {
        part("simulation", sim.to_context(a, lang).to_string().as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Keeps each clause number with the word before it ("clause 7",
/// « article 7 »): the space between a text and the cross-reference that
/// follows it becomes a no-break space, so the number never starts a line.
fn bind_references(blocks: &mut [Block]) {
    let mut runs = |runs: &mut Vec<Inline>| {
        for i in 1..runs.len() {
            if !matches!(runs[i], Inline::ClauseRef(_) | Inline::PageRef(_)) {
                continue;
            }
            if let Inline::Text { text, .. } = &mut runs[i - 1] {
                if text.ends_with(' ') && !text.trim_end().is_empty() {
                    text.pop();
                    text.push(crate::doc::french::NBSP);
                }
            }
        }
    };
    each_runs(blocks, &mut runs);
}

/// Sets in bold, as defined terms, the quoted phrases an agreement's own
/// text introduces as definitions ("(the “Documentation”)", "“Downtime”
/// means …"), so that a term defined in a sample's sentence reads like one
/// defined in the definitions clause, in every writer.
fn embolden_definitions(blocks: &mut [Block]) {
    let mut runs = |runs: &mut Vec<Inline>| {
        let mut out = Vec::with_capacity(runs.len());
        for run in runs.drain(..) {
            let Inline::Text { text, style } = &run else {
                out.push(run);
                continue;
            };
            let found = crate::doc::terms::introduced_definitions(text);
            if found.is_empty() {
                out.push(run);
                continue;
            }
            let mut at = 0;
            for r in found {
                if r.start > at {
                    out.push(Inline::Text {
                        text: text[at..r.start].to_string(),
                        style: *style,
                    });
                }
                out.push(Inline::Term(text[r.clone()].to_string()));
                at = r.end;
            }
            if at < text.len() {
                out.push(Inline::Text {
                    text: text[at..].to_string(),
                    style: *style,
                });
            }
        }
        *runs = out;
    };
    each_runs(blocks, &mut runs);
}

/// Calls `f` on every text of the tree a reader sees: titles, runs,
/// cells, the title page and the signature blocks.
fn each_text(blocks: &mut [Block], f: &mut dyn FnMut(&mut String)) {
    let runs = |runs: &mut Vec<Inline>, f: &mut dyn FnMut(&mut String)| {
        for r in runs {
            match r {
                Inline::Text { text, .. } | Inline::Term(text) | Inline::Revised { text, .. } => {
                    f(text)
                }
                Inline::ClauseRef(_) | Inline::PageRef(_) => {}
            }
        }
    };
    for b in blocks {
        match b {
            Block::Clause(c) => {
                f(&mut c.title);
                each_text(&mut c.body, f);
            }
            Block::Paragraph(p) => runs(&mut p.runs, f),
            Block::List(l) => l.items.iter_mut().for_each(|i| runs(&mut i.runs, f)),
            Block::Table(tb) => {
                tb.header.iter_mut().for_each(|c| runs(&mut c.runs, f));
                tb.rows
                    .iter_mut()
                    .flatten()
                    .for_each(|c| runs(&mut c.runs, f));
            }
            Block::TitlePage(tp) => {
                f(&mut tp.title);
                f(&mut tp.subtitle);
                tp.parties.iter_mut().for_each(&mut *f);
                tp.facts.iter_mut().for_each(|(k, v)| {
                    f(k);
                    f(v);
                });
            }
            Block::Signatures(list) => list.iter_mut().for_each(|s| {
                f(&mut s.party);
                s.lines.iter_mut().for_each(&mut *f);
            }),
            Block::TableOfContents { title, .. } => f(title),
            Block::PageBreak => {}
        }
    }
}

/// Calls `f` on every sequence of runs a reader reads as one text: a
/// paragraph, a list item, a table cell.
fn each_runs(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    for b in blocks {
        match b {
            Block::Clause(c) => each_runs(&mut c.body, f),
            Block::Paragraph(p) => f(&mut p.runs),
            Block::List(l) => l.items.iter_mut().for_each(|i| f(&mut i.runs)),
            Block::Table(tb) => {
                tb.header.iter_mut().for_each(|c| f(&mut c.runs));
                tb.rows.iter_mut().flatten().for_each(|c| f(&mut c.runs));
            }
            Block::TitlePage(_)
            | Block::Signatures(_)
            | Block::TableOfContents { .. }
            | Block::PageBreak => {}
        }
    }
}

/// French spacing where one run ends and the next opens with a colon,
/// semicolon, question or exclamation mark (a bold name, then its
/// description), which the text-by-text pass cannot see.
fn french_seams(runs: &mut [Inline]) {
    for i in 1..runs.len() {
        let after_word = match &runs[i - 1] {
            Inline::Text { text, .. } | Inline::Term(text) | Inline::Revised { text, .. } => {
                text.chars().last().is_some_and(|c| !c.is_whitespace())
            }
            // A cross-reference prints a number.
            Inline::ClauseRef(_) | Inline::PageRef(_) => true,
        };
        if let Inline::Text { text, .. } | Inline::Term(text) | Inline::Revised { text, .. } =
            &mut runs[i]
        {
            if let Some(fixed) = after_word
                .then(|| crate::doc::french::after_word(text))
                .flatten()
            {
                *text = fixed;
            }
        }
    }
}

/// Applies the language's typography to every text of the tree, so that
/// every writer (PDF, HTML, Markdown, Word) prints the same characters: curly
/// apostrophes and quotes in both languages, French spacing in French.
fn typography(blocks: &mut [Block], lang: Lang) {
    each_text(blocks, &mut |text: &mut String| {
        let (open, close) = match lang {
            Lang::En => ('“', '”'),
            Lang::Fr => ('«', '»'),
        };
        let curly = crate::doc::quotes::curly_quotes(text, open, close);
        let bound = keep_numbers_with_words(&curly);
        *text = match lang {
            Lang::Fr => {
                crate::doc::french::one_unit_after_de(&crate::doc::french::typography(&bound))
            }
            Lang::En => bound,
        };
    });
    if lang == Lang::Fr {
        each_runs(blocks, &mut |runs| french_seams(runs));
    }
}

/// Keeps a number with the word after it ("1 hour", "24 December",
/// « 35 postes »): the space between them becomes a no-break space, so a
/// line never ends with a bare number whose unit starts the next one. A
/// number is a run of digits, with thousands or decimal separators inside
/// it, standing as a word of its own ("P1 incident" and "Windows 11)" are
/// left as they are).
fn keep_numbers_with_words(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let binds = c == ' '
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
            && ends_with_number(&chars[..i]);
        out.push(if binds { crate::doc::french::NBSP } else { c });
    }
    out
}

/// Whether `before` ends with a number standing as a word: digits (with
/// `,` or `.` between them) after the start, a space or an opening bracket.
fn ends_with_number(before: &[char]) -> bool {
    let start = before
        .iter()
        .rposition(|c| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(0, |p| p + 1);
    let token = &before[start..];
    let stands_alone = start == 0 || before[start - 1].is_whitespace() || before[start - 1] == '(';
    stands_alone
        && token.first().is_some_and(char::is_ascii_digit)
        && token.last().is_some_and(char::is_ascii_digit)
}

/// Runs the templates on a context: the markup written and the fuel used.
fn run_templates(
    set: &TemplateSet,
    lang: Lang,
    currency: String,
    ctx: &impl serde::Serialize,
) -> Result<(String, u64), DocError> {
    let written = Arc::new(AtomicUsize::new(0));
    let env = environment(set, lang, currency, Arc::clone(&written));
    let tmpl = env.get_template(ENTRY).map_err(|e| template_error(&e))?;
    let mut out = Markup {
        bytes: Vec::new(),
        written,
        overflowed: false,
    };
    let done = tmpl
        .render_captured_to(Value::from(minijinja::value::Serde(ctx)), &mut out)
        .map_err(|e| template_error(&e))?;
    let fuel = done.state().fuel_levels().map_or(0, |(used, _)| used);
    if out.overflowed {
        // Template text alone went past the limit and no value was printed
        // after it, so no line is known.
        return Err(DocError::Template {
            name: ENTRY.to_string(),
            line: None,
            message: too_large(),
        });
    }
    let text = String::from_utf8(out.bytes).map_err(|e| DocError::Template {
        name: ENTRY.to_string(),
        line: None,
        message: format!("the output is not UTF-8 text: {e}"),
    })?;
    Ok((text, fuel))
}

/// The file's subject, saying first that it is a draft when it is one: the
/// watermark is drawn as page furniture, which a screen reader skips.
fn draft_subject(lang: Lang, draft: bool, subject: String) -> String {
    if draft {
        format!("{} — {subject}", lang.pick("Draft", "Projet"))
    } else {
        subject
    }
}

/// Renders the agreement's contract as a document tree. The tree is stable
/// for the same input: clause anchors are written by the template from
/// fixed names and the agreement's identifiers, so two versions of an
/// agreement can be compared clause by clause.
pub fn render(a: &Agreement, opts: &ContractOptions) -> Result<Document, DocError> {
    let lang = opts.lang_for(a);
    let shipped;
    let set = match &opts.templates {
        Some(s) => s,
        None => {
            shipped = TemplateSet::shipped(lang);
            &shipped
        }
    };
    let sim = match opts.edition {
        Edition::Internal => opts.simulation.as_ref(),
        Edition::Client => None,
    };
    let ctx = context::build(a, lang, opts.edition, opts.draft, sim);
    let (text, _fuel) = run_templates(set, lang, a.meta.currency.clone(), &ctx)?;
    let mut blocks = markup::parse(&text).map_err(|e| DocError::Markup {
        template: ENTRY.to_string(),
        line: e.line,
        message: e.message,
    })?;
    bind_references(&mut blocks);
    typography(&mut blocks, lang);
    embolden_definitions(&mut blocks);
    let d = opts.issued.unwrap_or(a.meta.effective_date);
    use chrono::Datelike;
    let doc = Document {
        meta: Metadata {
            title: names::text(a, &a.meta.title, lang).to_string(),
            author: a.parties.provider.legal_name.clone(),
            subject: draft_subject(lang, opts.draft, match (lang, opts.edition) {
                (Lang::En, Edition::Client) => format!(
                    "Service level agreement between {} and {}",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
                (Lang::En, Edition::Internal) => format!(
                    "Internal edition of the service level agreement between {} and {}: for the Provider’s use only",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
                (Lang::Fr, Edition::Client) => format!(
                    "Convention de niveaux de service entre {} et {}",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
                (Lang::Fr, Edition::Internal) => format!(
                    "Édition interne de la convention de niveaux de service entre {} et {} : à l’usage du Prestataire uniquement",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
            }),
            lang,
            reference: a.meta.reference.clone(),
            version: a.meta.version_label.clone(),
            fingerprint: fingerprint(a, opts),
            date: (
                u16::try_from(d.year()).unwrap_or(1970),
                d.month() as u8,
                d.day() as u8,
            ),
            mark: match opts.edition {
                Edition::Internal => Some(
                    lang.pick(
                        "INTERNAL EDITION — for the Provider’s use only, not to be sent to the Customer",
                        "ÉDITION INTERNE — à l’usage du Prestataire uniquement, à ne pas communiquer au Client",
                    )
                    .to_owned(),
                ),
                Edition::Client => None,
            },
        },
        blocks,
    };
    // Check cross-references now so that every format fails alike.
    doc.clause_numbers()?;
    Ok(doc)
}

/// Renders and writes the contract in `opts.format`.
pub fn export(a: &Agreement, opts: &ContractOptions) -> Result<Vec<u8>, DocError> {
    match opts.format {
        Format::Pdf => LaidContract::new(a, opts)?.pdf(),
        Format::Html => Ok(crate::doc::html::write(&render(a, opts)?, opts.draft)?.into_bytes()),
        Format::Docx => crate::doc::docx::write(
            &render(a, opts)?,
            &crate::doc::docx::DocxOptions {
                draft: opts.draft,
                revisions: None,
            },
        ),
        Format::Markdown => {
            Ok(crate::doc::markdown::write(&render(a, opts)?, opts.draft)?.into_bytes())
        }
    }
}

/// A contract rendered and laid out: the app's page preview is drawn from
/// it and its PDF written from it, so the preview's pages and line ends are
/// the PDF's; `pledge export` writes its PDF the same way.
#[derive(Debug, Clone)]
pub struct LaidContract {
    /// The rendered document (its metadata carries the fingerprint).
    pub document: Document,
    /// Its pages.
    pub laid: crate::doc::layout::LaidOut,
}

impl LaidContract {
    /// Renders the contract of `a` with `opts` and lays it out; the slow
    /// part of an export.
    pub fn new(a: &Agreement, opts: &ContractOptions) -> Result<Self, DocError> {
        let document = render(a, opts)?;
        let laid = crate::doc::layout::layout(&document, ExportOptions { draft: opts.draft })?;
        Ok(LaidContract { document, laid })
    }

    /// Every page as standalone SVG.
    pub fn svg_pages(&self) -> Vec<String> {
        self.laid.pages.iter().map(crate::doc::svg::page).collect()
    }

    /// The number of pages.
    pub fn page_count(&self) -> u32 {
        u32::try_from(self.laid.pages.len()).unwrap_or(u32::MAX)
    }

    /// The PDF bytes.
    pub fn pdf(&self) -> Result<Vec<u8>, DocError> {
        crate::doc::pdf::write(&self.laid, &self.document.meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // issue 12: the fuel budget is also the bound on what a template may
    // build (FUEL * 64 bytes), so it is only worth as much as its headroom:
    // the shipped templates must use a small part of it on every sample.
    #[test]
    fn the_shipped_templates_use_a_small_part_of_the_budget() {
        let mut most = 0;
        for sample in crate::samples::SAMPLES {
            let a = crate::format::read(sample.text).expect("sample reads");
            for lang in [Lang::En, Lang::Fr] {
                for edition in [Edition::Client, Edition::Internal] {
                    let set = TemplateSet::shipped(lang);
                    let ctx = context::build(&a, lang, edition, true, None);
                    let (text, fuel) =
                        run_templates(&set, lang, a.meta.currency.clone(), &ctx).expect("renders");
                    assert!(text.len() < MAX_RENDERED_BYTES / 40, "{}", text.len());
                    most = most.max(fuel);
                }
            }
        }
        assert!(most > 0 && most < FUEL / 10, "the samples use {most} fuel");
        eprintln!("the shipped templates use at most {most} fuel of {FUEL}");
    }

    #[test]
    fn a_number_keeps_the_word_after_it() {
        let check = |input: &str, expect: &str| {
            assert_eq!(
                keep_numbers_with_words(input).replace('\u{a0}', "~"),
                expect
            );
        };
        check("within 1 hour of it", "within 1~hour of it");
        check("afternoon of 24 December", "afternoon of 24~December");
        check("the fee of 1,250.00 a month", "the fee of 1,250.00~a month");
        check("(3 days) and 35 postes", "(3~days) and 35~postes");
        check(
            "a P1 incident (Windows 11) and 852 147 966",
            "a P1 incident (Windows 11) and 852 147 966",
        );
        check("version 2.0. Then 3 : 4", "version 2.0. Then 3 : 4");
        check("Tier 1)", "Tier 1)");
    }
}
