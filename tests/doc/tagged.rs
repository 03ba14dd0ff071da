//! The tagged PDF (issue 14 point 6): every sample in both languages and
//! editions, draft or not, carries a structure tree that poppler reads
//! ("Tagged: yes"), whose text in tree order is the contract's text in the
//! order the Markdown export gives it (nothing lost, no running header or
//! footer read into it); and, read back with lopdf, every piece of text on
//! a page is either marked content of exactly one structure element or an
//! artifact, the parent tree leads back from each to its element, headings
//! never skip a level, a table's first row holds header cells, and every
//! link annotation belongs to a link element.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use pledge::doc::contract::{self, ContractOptions, Edition, Format};
use pledge::doc::tree::{Block, Lang};
use pledge::model::Agreement;

const SAMPLES: [&str; 3] = ["saas-multilevel", "fr-pme-infogerance", "internal-it-ola"];

fn agreement(name: &str) -> Agreement {
    pledge::format::read(pledge::samples::find(name).expect("a sample").text).expect("it reads")
}

fn opts(lang: Lang, edition: Edition, draft: bool, format: Format) -> ContractOptions {
    ContractOptions {
        lang: Some(lang),
        edition,
        draft,
        format,
        ..ContractOptions::default()
    }
}

/// Every sample × language × edition, plain and draft.
fn cases() -> Vec<(&'static str, Lang, Edition, bool)> {
    let mut all = Vec::new();
    for name in SAMPLES {
        for lang in [Lang::En, Lang::Fr] {
            for edition in [Edition::Client, Edition::Internal] {
                for draft in [false, true] {
                    all.push((name, lang, edition, draft));
                }
            }
        }
    }
    all
}

/// Words for comparing texts: hyphens and soft hyphens removed (a word
/// hyphenated at a line's end is one word again), then runs of letters and
/// digits.
fn words(text: &str) -> Vec<String> {
    let text = text.replace(['-', '\u{ad}'], "");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text of the structure tree as poppler prints it (`pdfinfo
/// -struct-text`), in tree order, without the table of contents (the
/// Markdown export has none): the contents' heading paragraph and the TOC
/// element's subtree are left out.
fn structure_text(pdf: &[u8]) -> (String, String) {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("contract.pdf");
    std::fs::write(&path, pdf).expect("written");
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("poppler-utils must be installed");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "poppler does not see a tagged file:\n{info}"
    );
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    assert!(out.status.success());
    let out = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = out.lines().collect();
    let mut strings: Vec<String> = Vec::new();
    let mut skip_deeper_than: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let depth = line.len() - line.trim_start().len();
        let body = line.trim();
        if let Some(d) = skip_deeper_than {
            if depth > d {
                continue;
            }
            skip_deeper_than = None;
        }
        if body == "TOC" {
            skip_deeper_than = Some(depth);
            // The contents' heading is the paragraph just before.
            if let Some(k) = lines[..i].iter().rposition(|l| l.trim().starts_with("P ")) {
                let heading = lines[k + 1].trim();
                if let Some(pos) = strings.iter().rposition(|s| format!("\"{s}\"") == heading) {
                    strings.truncate(pos);
                }
            }
            continue;
        }
        if body.len() >= 2 && body.starts_with('"') && body.ends_with('"') {
            strings.push(body[1..body.len() - 1].to_string());
        }
    }
    // A line that ends in a hyphen continues on the next.
    let mut joined = String::new();
    for s in strings {
        if joined.ends_with('-') {
            joined.push_str(&s);
        } else {
            joined.push(' ');
            joined.push_str(&s);
        }
    }
    (info, joined)
}

/// The Markdown export's text without what only it prints: the signature
/// lines (the PDF draws a rule to sign on) and the closing reference and fingerprint,
/// which the PDF prints as its running header and footer.
fn markdown_text(md: &str) -> String {
    // The banners above the title (the draft's, the internal edition's),
    // which the PDF prints on every page as a watermark or a band: page
    // furniture, read by no one; the title page and the file's properties
    // say the same.
    let mut md = md;
    while let Some(rest) = md.strip_prefix("> **").and_then(|r| r.split_once("\n\n")) {
        md = rest.1;
    }
    let body = md.rsplit_once("\n---\n").map_or(md, |(body, _)| body);
    body.lines()
        .filter(|l| !l.contains("______"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_contract_reads_in_order_from_its_structure_tree() {
    for (name, lang, edition, draft) in cases() {
        let a = agreement(name);
        let pdf = contract::export(&a, &opts(lang, edition, draft, Format::Pdf)).expect("pdf");
        let md = contract::export(&a, &opts(lang, edition, draft, Format::Markdown)).expect("md");
        let md = String::from_utf8(md).expect("UTF-8");
        let (info, tree) = structure_text(&pdf);
        let tree = words(&tree);
        // A draft says so where a screen reader looks: in the subject.
        let subject = info
            .lines()
            .find_map(|l| l.strip_prefix("Subject:"))
            .unwrap_or_default()
            .trim();
        assert_eq!(
            draft,
            subject.starts_with("Draft — ") || subject.starts_with("Projet — "),
            "{name} {lang:?} {edition:?}: subject {subject}"
        );
        let text = words(&markdown_text(&md));
        if tree != text {
            let at = tree
                .iter()
                .zip(&text)
                .position(|(a, b)| a != b)
                .unwrap_or(tree.len().min(text.len()));
            let from = at.saturating_sub(8);
            panic!(
                "{name} {lang:?} {edition:?} draft={draft}: the structure tree reads \
                 {:?}… where the contract reads {:?}… (word {at} of {} / {})",
                &tree[from..(at + 12).min(tree.len())],
                &text[from..(at + 12).min(text.len())],
                tree.len(),
                text.len()
            );
        }
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(id) => doc
            .get_object(*id)
            .and_then(Object::as_dict)
            .expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).and_then(Object::as_name).expect("a name")).into_owned()
}

const STANDARD: [&str; 17] = [
    "Document", "Sect", "Div", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH",
];

fn standard(s: &str) -> bool {
    STANDARD.contains(&s) || ["TD", "TOC", "TOCI", "Link"].contains(&s)
}

/// What the structure tree says, read back: for each (page, MCID) the
/// element holding it, for each annotation its element, the elements'
/// types in tree order, and the number of clauses headed.
struct Tree {
    content: BTreeMap<(ObjectId, i64), ObjectId>,
    annotations: BTreeMap<ObjectId, ObjectId>,
    roles: Vec<String>,
}

fn read_tree(doc: &Document) -> Tree {
    let catalog = doc.catalog().expect("a catalogue");
    let marked = dict(doc, catalog.get(b"MarkInfo").expect("MarkInfo"));
    assert_eq!(
        marked.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert!(catalog.get(b"Lang").is_ok(), "no /Lang");
    let root_id = catalog
        .get(b"StructTreeRoot")
        .and_then(Object::as_reference)
        .expect("StructTreeRoot");
    let root = doc.get_dictionary(root_id).expect("the root");
    assert_eq!(name_of(root, b"Type"), "StructTreeRoot");
    let mut tree = Tree {
        content: BTreeMap::new(),
        annotations: BTreeMap::new(),
        roles: Vec::new(),
    };
    // Depth first, children in order; each element's /P is its parent.
    let mut stack: Vec<(ObjectId, ObjectId)> = vec![(
        root.get(b"K").and_then(Object::as_reference).expect("K"),
        root_id,
    )];
    while let Some((id, parent)) = stack.pop() {
        let e = doc.get_dictionary(id).expect("an element");
        assert_eq!(name_of(e, b"Type"), "StructElem");
        assert_eq!(
            e.get(b"P").and_then(Object::as_reference).ok(),
            Some(parent)
        );
        let role = name_of(e, b"S");
        assert!(standard(&role), "structure type {role} is not standard");
        if role == "TH" {
            let a = dict(doc, e.get(b"A").expect("a header cell's attributes"));
            assert_eq!(name_of(a, b"Scope"), "Column");
        }
        tree.roles.push(role);
        let kids = e.get(b"K").and_then(Object::as_array).expect("K");
        let mut children = Vec::new();
        for kid in kids {
            match kid {
                Object::Reference(child) => children.push(*child),
                Object::Dictionary(d) => {
                    let page = d.get(b"Pg").and_then(Object::as_reference).expect("Pg");
                    match name_of(d, b"Type").as_str() {
                        "MCR" => {
                            let mcid = d.get(b"MCID").and_then(Object::as_i64).expect("MCID");
                            let before = tree.content.insert((page, mcid), id);
                            assert!(before.is_none(), "MCID {mcid} held twice");
                        }
                        "OBJR" => {
                            let obj = d.get(b"Obj").and_then(Object::as_reference).expect("Obj");
                            tree.annotations.insert(obj, id);
                        }
                        other => panic!("unexpected kid {other}"),
                    }
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
        for child in children.into_iter().rev() {
            stack.push((child, id));
        }
    }
    // The parent tree leads back from each page's MCIDs and each
    // annotation to the element that holds it.
    let nums = dict(doc, root.get(b"ParentTree").expect("ParentTree"))
        .get(b"Nums")
        .and_then(Object::as_array)
        .expect("Nums");
    let parents: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|p| (p[0].as_i64().expect("a key"), &p[1]))
        .collect();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).expect("a page");
        let Ok(key) = page.get(b"StructParents").and_then(Object::as_i64) else {
            continue;
        };
        let list = parents[&key].as_array().expect("an array");
        for (mcid, owner) in list.iter().enumerate() {
            assert_eq!(
                tree.content.get(&(page_id, mcid as i64)),
                owner.as_reference().ok().as_ref(),
                "the parent tree and the element disagree on MCID {mcid}"
            );
        }
    }
    tree
}

/// The MCIDs of a page's content, and whether every text operator lies in
/// a marked-content sequence (an element's, or an artifact).
fn page_content(doc: &Document, page: ObjectId) -> (BTreeSet<i64>, usize) {
    let content = Content::decode(&doc.get_page_content(page)).expect("decodes");
    let mut stack: Vec<Option<i64>> = Vec::new();
    let mut mcids = BTreeSet::new();
    let mut loose_text = 0;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let mcid = op
                    .operands
                    .get(1)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok());
                if let Some(m) = mcid {
                    assert!(mcids.insert(m), "MCID {m} used twice on a page");
                }
                stack.push(mcid);
            }
            "BMC" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                assert_eq!(name, Some(&b"Artifact"[..]));
                stack.push(None);
            }
            "EMC" => {
                stack.pop().expect("EMC closes a sequence");
            }
            "Tj" | "TJ" | "'" | "\"" if stack.is_empty() => loose_text += 1,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "a marked-content sequence is left open");
    (mcids, loose_text)
}

fn clauses(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Clause(c) => 1 + clauses(&c.body),
            _ => 0,
        })
        .sum()
}

#[test]
fn every_piece_of_text_belongs_to_one_element_or_is_an_artifact() {
    for (name, lang, edition, draft) in cases() {
        let case = format!("{name} {lang:?} {edition:?} draft={draft}");
        let a = agreement(name);
        let o = opts(lang, edition, draft, Format::Pdf);
        let pdf = contract::export(&a, &o).expect("pdf");
        let doc = Document::load_mem(&pdf).expect("loads");
        let tree = read_tree(&doc);
        let mut referenced = 0;
        for (_, page) in doc.get_pages() {
            let (mcids, loose) = page_content(&doc, page);
            assert_eq!(loose, 0, "{case}: text outside marked content");
            for m in &mcids {
                assert!(
                    tree.content.contains_key(&(page, *m)),
                    "{case}: MCID {m} belongs to no element"
                );
            }
            referenced += mcids.len();
            let page_dict = doc.get_dictionary(page).expect("a page");
            let annots = page_dict
                .get(b"Annots")
                .and_then(Object::as_array)
                .map_or(&[][..], Vec::as_slice);
            if !annots.is_empty() {
                assert_eq!(
                    page_dict.get(b"Tabs").and_then(Object::as_name).ok(),
                    Some(&b"S"[..]),
                    "{case}: tab order"
                );
            }
            {
                for annot in annots {
                    let id = annot.as_reference().expect("a reference");
                    let element = tree.annotations.get(&id).expect("the link's element");
                    let e = doc.get_dictionary(*element).expect("an element");
                    assert_eq!(name_of(e, b"S"), "Link", "{case}");
                    let d = doc.get_dictionary(id).expect("an annotation");
                    assert!(d.get(b"StructParent").is_ok(), "{case}: StructParent");
                    assert!(d.get(b"Contents").is_ok(), "{case}: a link says where");
                }
            }
        }
        assert_eq!(
            referenced,
            tree.content.len(),
            "{case}: the tree holds content no page has"
        );
        // One heading per clause, and a heading is at most one level below
        // the one before it.
        let doc_tree = contract::render(&a, &o).expect("renders");
        let levels: Vec<u8> = tree
            .roles
            .iter()
            .filter_map(|r| r.strip_prefix('H').and_then(|n| n.parse().ok()))
            .collect();
        assert_eq!(levels.len(), clauses(&doc_tree.blocks), "{case}");
        let mut previous = 0;
        for &l in &levels {
            assert!(l <= previous + 1, "{case}: H{previous} then H{l}");
            previous = l;
        }
        assert!(tree.roles.iter().any(|r| r == "Table"), "{case}");
    }
}

#[test]
fn a_table_starts_with_its_header_cells() {
    let a = agreement("saas-multilevel");
    let pdf =
        contract::export(&a, &opts(Lang::En, Edition::Client, false, Format::Pdf)).expect("pdf");
    let doc = Document::load_mem(&pdf).expect("loads");
    let tree = read_tree(&doc);
    // In tree order, each Table is followed by its first TR and that
    // row's cells, which are TH; later rows hold TD.
    let roles = &tree.roles;
    let mut tables = 0;
    for (i, r) in roles.iter().enumerate() {
        if r != "Table" {
            continue;
        }
        tables += 1;
        assert_eq!(roles[i + 1], "TR");
        let first_row: Vec<&String> = roles[i + 2..]
            .iter()
            .take_while(|r| r.as_str() != "TR" && r.as_str() != "Table")
            .filter(|r| matches!(r.as_str(), "TH" | "TD"))
            .collect();
        assert!(!first_row.is_empty());
        assert!(
            first_row.iter().all(|r| r.as_str() == "TH"),
            "{first_row:?}"
        );
    }
    assert!(tables >= 3, "{tables} tables");
}
