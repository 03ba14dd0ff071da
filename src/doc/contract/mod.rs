//! The contract: an [`Agreement`] rendered through a template into the
//! document tree, then written as PDF, HTML or Markdown.
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
pub mod simulation;
pub mod words;

use std::collections::BTreeMap;
use std::path::Path;

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
}

/// The fuel a render may burn: far above what the shipped templates use on
/// the samples, far below what a runaway loop needs to exhaust memory or
/// time (the test's ten-billion-step loop stops within a second).
pub const FUEL: u64 = 5_000_000;
/// The deepest nesting of template calls (macros, includes).
pub const RECURSION_LIMIT: usize = 48;
/// The most template files a template directory may hold.
pub const MAX_TEMPLATE_FILES: usize = 64;
/// The largest template file read.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;
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
        for entry in entries {
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
            let len = entry.metadata().map_err(|e| fail(e.to_string()))?.len();
            if len > MAX_TEMPLATE_BYTES {
                return Err(fail(format!(
                    "{name} is larger than {MAX_TEMPLATE_BYTES} bytes"
                )));
            }
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| fail(format!("{name}: {e}")))?;
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

fn environment(set: &TemplateSet, lang: Lang, currency: String) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION_LIMIT);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
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
    let message = match inner.detail() {
        Some(d) => format!("{}: {d}", inner.kind()),
        None => inner.kind().to_string(),
    };
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
        part("simulation", sim.to_context(a).to_string().as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Applies French typography to every text of the tree, so that every
/// writer (PDF, HTML, Markdown) prints the same spaces.
fn french_spacing(blocks: &mut [Block]) {
    use crate::doc::french::typography as t;
    let runs = |runs: &mut Vec<Inline>| {
        for r in runs {
            match r {
                Inline::Text { text, .. } | Inline::Term(text) | Inline::Revised { text, .. } => {
                    *text = t(text)
                }
                Inline::ClauseRef(_) | Inline::PageRef(_) => {}
            }
        }
    };
    for b in blocks {
        match b {
            Block::Clause(c) => {
                c.title = t(&c.title);
                french_spacing(&mut c.body);
            }
            Block::Paragraph(p) => runs(&mut p.runs),
            Block::List(l) => l.items.iter_mut().for_each(|i| runs(&mut i.runs)),
            Block::Table(tb) => {
                tb.header.iter_mut().for_each(|c| runs(&mut c.runs));
                tb.rows.iter_mut().flatten().for_each(|c| runs(&mut c.runs));
            }
            Block::TitlePage(tp) => {
                tp.title = t(&tp.title);
                tp.subtitle = t(&tp.subtitle);
                tp.parties.iter_mut().for_each(|p| *p = t(p));
                tp.facts.iter_mut().for_each(|(k, v)| {
                    *k = t(k);
                    *v = t(v);
                });
            }
            Block::Signatures(list) => list.iter_mut().for_each(|s| {
                s.party = t(&s.party);
                s.lines.iter_mut().for_each(|l| *l = t(l));
            }),
            Block::TableOfContents { title, .. } => *title = t(title),
            Block::PageBreak => {}
        }
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
    let env = environment(set, lang, a.meta.currency.clone());
    let tmpl = env.get_template(ENTRY).map_err(|e| template_error(&e))?;
    let text = tmpl
        .render(Value::from(minijinja::value::Serde(&ctx)))
        .map_err(|e| template_error(&e))?;
    let mut blocks = markup::parse(&text).map_err(|e| DocError::Markup {
        template: ENTRY.to_string(),
        line: e.line,
        message: e.message,
    })?;
    if lang == Lang::Fr {
        french_spacing(&mut blocks);
    }
    let d = a.meta.effective_date;
    use chrono::Datelike;
    let doc = Document {
        meta: Metadata {
            title: a.meta.title.clone(),
            author: a.parties.provider.legal_name.clone(),
            subject: match lang {
                Lang::En => format!(
                    "Service level agreement between {} and {}",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
                Lang::Fr => format!(
                    "Convention de niveaux de service entre {} et {}",
                    a.parties.provider.legal_name, a.parties.customer.legal_name
                ),
            },
            lang,
            reference: a.meta.reference.clone(),
            version: a.meta.version_label.clone(),
            fingerprint: fingerprint(a, opts),
            date: (
                u16::try_from(d.year()).unwrap_or(1970),
                d.month() as u8,
                d.day() as u8,
            ),
        },
        blocks,
    };
    // Check cross-references now so that every format fails alike.
    doc.clause_numbers()?;
    Ok(doc)
}

/// Renders and writes the contract in `opts.format`.
pub fn export(a: &Agreement, opts: &ContractOptions) -> Result<Vec<u8>, DocError> {
    let doc = render(a, opts)?;
    match opts.format {
        Format::Pdf => crate::doc::export_pdf(&doc, ExportOptions { draft: opts.draft }),
        Format::Html => Ok(crate::doc::html::write(&doc, opts.draft)?.into_bytes()),
        Format::Markdown => Ok(crate::doc::markdown::write(&doc, opts.draft)?.into_bytes()),
    }
}
