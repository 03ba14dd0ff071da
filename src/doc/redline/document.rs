//! The comparison document: a summary page, then the later version's
//! clauses with insertions underlined and deletions struck through.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::walk::Walker;
use super::{BlockRedline, ClauseStatus, Redline, Segment, SegmentOp};
use crate::doc::fixed;
use crate::doc::tree::{
    Align, Block, Document, Inline, Lang, List, ListKind, Metadata, Paragraph, Revision, Style,
    Table,
};

/// One version as the summary page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The version's label, e.g. `3`.
    pub version: String,
    /// The fingerprint of the version (SHA-256 of its canonical text).
    pub fingerprint: String,
    /// A line about it, e.g. `saved 2026-03-01 09:00 by marie: Faster P1
    /// resolution`; may be empty.
    pub note: String,
}

/// What the first page of the comparison says besides the clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The earlier version.
    pub before: Side,
    /// The later version.
    pub after: Side,
    /// The structured change list in the domain's words, one line a change
    /// (`P1 resolution (premium): 8h → 4h`).
    pub changes: Vec<String>,
}

/// How the comparison document is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RedlineOptions {
    /// Print an unchanged clause as its heading alone. By default its whole
    /// text is kept, since legal reads the whole contract.
    pub collapse_unchanged: bool,
}

/// The comparison document of `before` and `after`: a summary page, then
/// the later version's clauses with insertions underlined and deletions
/// struck through. Its language is the later version's.
pub fn comparison_document(
    before: &Document,
    after: &Document,
    summary: &Summary,
    opts: RedlineOptions,
) -> Document {
    let (redline, body) = Walker::new(before, after, opts.collapse_unchanged).run();
    let lang = after.meta.lang;
    let w = lang;
    let printed = [
        before.meta.fingerprint.as_str(),
        after.meta.fingerprint.as_str(),
    ];
    let mut blocks = summary_page(w, &after.meta, summary, printed, &redline);
    blocks.push(Block::PageBreak);
    blocks.extend(body);
    let mut hasher = Sha256::new();
    for part in [&before.meta.fingerprint, &after.meta.fingerprint] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update([u8::from(opts.collapse_unchanged)]);
    let fingerprint = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Document {
        meta: Metadata {
            title: format!(
                "{} {}",
                w.pick("Comparison:", "Comparaison :"),
                after.meta.title
            ),
            author: after.meta.author.clone(),
            subject: format!(
                "{} {} → {}",
                w.pick(
                    "Changes from version to version:",
                    "Modifications d’une version à l’autre :"
                ),
                summary.before.version,
                summary.after.version
            ),
            lang,
            reference: after.meta.reference.clone(),
            version: format!("{} → {}", summary.before.version, summary.after.version),
            fingerprint,
            date: after.meta.date,
            mark: after.meta.mark.clone(),
        },
        blocks,
    }
}

pub(super) fn bold_line(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        runs: vec![Inline::bold(text)],
        align: Align::Left,
    })
}

/// The summary page. `printed` holds the fingerprints the two contracts
/// print in their footers, so that a signed PDF can be matched to the
/// version it came from: the version's own fingerprint is of its text, the
/// contract's of the text, the templates and the options together.
pub(super) fn summary_page(
    w: Lang,
    meta: &Metadata,
    summary: &Summary,
    printed: [&str; 2],
    redline: &Redline,
) -> Vec<Block> {
    let words = fixed::words(w);
    let version = words.version;
    let mut blocks = vec![
        bold_line(&meta.title),
        Block::Paragraph(Paragraph {
            runs: vec![Inline::bold(format!(
                "{version} {} → {version} {}",
                summary.before.version, summary.after.version
            ))],
            align: Align::Left,
        }),
    ];
    let side = |s: &Side, role: &str, contract: &str| {
        let mut label = format!("{version} {} ({role})", s.version);
        if !s.note.is_empty() {
            label.push('\n');
            label.push_str(&s.note);
        }
        vec![
            Paragraph {
                runs: vec![Inline::text(label)],
                align: Align::Left,
            },
            Paragraph {
                runs: vec![Inline::text(format!(
                    "{} {}\n{} {contract}",
                    w.pick("Version text:", "Texte de la version :"),
                    s.fingerprint,
                    w.pick(
                        "Contract (as its footer prints it):",
                        "Contrat (tel que l’imprime son pied de page) :"
                    ),
                ))],
                align: Align::Left,
            },
        ]
    };
    let head = |s: &str| Paragraph {
        runs: vec![Inline::text(s)],
        align: Align::Left,
    };
    blocks.push(Block::Table(Table {
        widths: vec![0.3, 0.7],
        header: vec![
            head(version),
            head(&format!("{} (SHA-256)", words.fingerprint)),
        ],
        rows: vec![
            side(&summary.before, w.pick("before", "avant"), printed[0]),
            side(&summary.after, w.pick("after", "après"), printed[1]),
        ],
    }));
    blocks.push(Block::Paragraph(Paragraph::new(vec![
        Inline::text(w.pick("Insertions are ", "Les ajouts sont ")),
        Inline::Revised {
            text: w.pick("underlined", "soulignés").into(),
            style: Style::Regular,
            revision: Revision::Inserted,
        },
        Inline::text(w.pick(" and deletions ", " et les suppressions ")),
        Inline::Revised {
            text: w.pick("struck through", "barrées").into(),
            style: Style::Regular,
            revision: Revision::Deleted,
        },
        Inline::text(w.pick(
            ". Clause numbers are those of the later version.",
            ". Les numéros d’articles sont ceux de la version la plus récente.",
        )),
    ])));

    blocks.push(bold_line(
        w.pick("Changes to the terms", "Modifications des conditions"),
    ));
    if summary.changes.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain(w.pick(
            "No change to the agreement’s terms.",
            "Aucune modification des conditions du contrat.",
        ))));
    } else {
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items: summary
                .changes
                .iter()
                .map(|c| Paragraph {
                    runs: vec![Inline::text(c)],
                    align: Align::Left,
                })
                .collect(),
        }));
    }

    blocks.push(bold_line(
        w.pick("Clauses that changed", "Articles modifiés"),
    ));
    let mut items = Vec::new();
    for c in redline
        .clauses
        .iter()
        .filter(|c| c.status != ClauseStatus::Unchanged)
    {
        let status = match c.status {
            ClauseStatus::Unchanged | ClauseStatus::Changed => {
                w.pick("changed", "modifié").to_owned()
            }
            ClauseStatus::Moved => format!(
                "{} {}",
                w.pick("moved from clause", "déplacé depuis l’article"),
                c.number_before.as_deref().unwrap_or("")
            ),
            ClauseStatus::Added => w.pick("new", "nouveau").to_owned(),
            ClauseStatus::Removed => w.pick("removed", "supprimé").to_owned(),
        };
        let mut runs = vec![Inline::text(format!("{} — {status}", c.heading().trim()))];
        if c.status != ClauseStatus::Removed {
            // "page 3" in a PDF or Word file, "clause 4.1" where pages do
            // not exist.
            runs.push(Inline::text(", "));
            runs.push(Inline::PageRef(c.anchor.clone()));
        }
        items.push(Paragraph {
            runs,
            align: Align::Left,
        });
    }
    if redline.front.iter().any(|b| !b.place.on_title_page()) {
        items.push(Paragraph::plain(w.pick(
            "text outside the clauses — changed",
            "texte hors articles — modifié",
        )));
    }
    if items.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain(w.pick(
            "None: the two versions read the same.",
            "Aucun : les deux versions ont le même texte.",
        ))));
    } else {
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items,
        }));
    }

    let title_page: Vec<&BlockRedline> = redline
        .front
        .iter()
        .filter(|b| b.place.on_title_page())
        .collect();
    if !title_page.is_empty() {
        blocks.push(bold_line(w.pick("Title page", "Page de titre")));
        let items = title_page
            .iter()
            .map(|b| {
                // The title page's own lines are named in English in `place`
                // (the facts are named by the template, in the document's language).
                let key = match b.place.title_page_line().unwrap_or_default() {
                    "title" => w.pick("title", "titre"),
                    "subtitle" => w.pick("subtitle", "sous-titre"),
                    "parties" => w.pick("parties", "parties"),
                    fact => fact,
                };
                let mut runs = vec![Inline::italic(format!("{key}{}", w.pick(": ", " : ")))];
                runs.extend(segment_inlines(&b.segments));
                Paragraph {
                    runs,
                    align: Align::Left,
                }
            })
            .collect();
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items,
        }));
    }
    blocks
}

/// Inlines for public segments (plain text, no cross-references).
pub(super) fn segment_inlines(segments: &[Segment]) -> Vec<Inline> {
    segments
        .iter()
        .map(|s| match s.op {
            SegmentOp::Equal => Inline::text(s.text.clone()),
            SegmentOp::Delete => Inline::Revised {
                text: s.text.clone(),
                style: Style::Regular,
                revision: Revision::Deleted,
            },
            SegmentOp::Insert => Inline::Revised {
                text: s.text.clone(),
                style: Style::Regular,
                revision: Revision::Inserted,
            },
        })
        .collect()
}
