//! The documents the app makes from the library: the contract of the
//! agreement open in the editor (a page preview and its PDF), the redline of
//! two saved versions, and the record of each exported file in the store so
//! that a PDF found later can be traced to its version. Rendering and layout
//! take the agreement, not the library, so the shell runs them without
//! holding the library's lock.

use pledge::doc::contract::{ContractOptions, Edition, LaidContract};
use pledge::doc::DocError;
use pledge::model::Agreement;
use pledge::store::{self, ExportedDocument, VersionComparison};

use super::{at, parse_name, unknown, Library};
use crate::dto::{ContractChoice, ContractPreview, DocEdition, DocLang, RedlineView};
use crate::error::AppError;

/// The agreement to print, and the saved version it is equal to.
#[derive(Debug, Clone)]
pub struct ContractSource {
    /// The agreement as the editor holds it.
    pub agreement: Agreement,
    /// The saved version with the same canonical text, if any.
    pub version: Option<u32>,
    /// That version's save day: the contract's issue date (the PDF's
    /// creation date); the effective date when the editor holds unsaved
    /// changes.
    pub issued: Option<chrono::NaiveDate>,
}

fn doc_error(e: DocError) -> AppError {
    AppError::new(e.code(), e.to_string())
}

/// The options of a contract `source` printed as `choice` says.
fn options(source: &ContractSource, choice: &ContractChoice) -> ContractOptions {
    ContractOptions {
        issued: source.issued,
        ..choice_options(choice)
    }
}

fn choice_options(choice: &ContractChoice) -> ContractOptions {
    ContractOptions {
        lang: Some(choice.lang.into()),
        edition: match choice.edition {
            DocEdition::Client => Edition::Client,
            DocEdition::Internal => Edition::Internal,
        },
        draft: choice.draft,
        ..ContractOptions::default()
    }
}

/// Renders and lays out the contract (the core's `LaidContract`); the slow
/// part of an export.
pub fn lay_out(source: &ContractSource, choice: &ContractChoice) -> Result<LaidContract, AppError> {
    LaidContract::new(&source.agreement, &options(source, choice)).map_err(doc_error)
}

/// The contract's pages as the preview shows them.
pub fn preview(laid: &LaidContract, version: Option<u32>) -> ContractPreview {
    ContractPreview {
        pages: laid.svg_pages(),
        fingerprint: laid.document.meta.fingerprint.clone(),
        version,
    }
}

/// Lays out the contract and writes its PDF to `path` (through a sibling
/// renamed over it); returns the bytes and the number of pages.
pub fn write_pdf(
    source: &ContractSource,
    choice: &ContractChoice,
    path: &std::path::Path,
) -> Result<(Vec<u8>, u32), AppError> {
    let laid = lay_out(source, choice)?;
    let (bytes, pages) = (laid.pdf().map_err(doc_error)?, laid.page_count());
    pledge::atomic::write_atomically(path, &bytes)?;
    Ok((bytes, pages))
}

/// Renders the contract and writes it as a Word document to `path`;
/// returns the bytes written.
pub fn write_docx(
    source: &ContractSource,
    choice: &ContractChoice,
    path: &std::path::Path,
) -> Result<Vec<u8>, AppError> {
    let opts = ContractOptions {
        format: pledge::doc::contract::Format::Docx,
        ..options(source, choice)
    };
    let bytes = pledge::doc::contract::export(&source.agreement, &opts).map_err(doc_error)?;
    pledge::atomic::write_atomically(path, &bytes)?;
    Ok(bytes)
}

/// The name a file of `kind` (`pdf`, `docx`) is offered under: the PDF's
/// name with that extension.
pub fn with_extension(name: &str, kind: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.{kind}"),
        None => format!("{name}.{kind}"),
    }
}

/// Two saved versions to compare, read from the library. Rendering, layout
/// and PDF writing take this, not the library, so the shell runs them on a
/// blocking thread without holding the library's lock, as for the contract.
#[derive(Debug, Clone)]
pub struct RedlineSource {
    comparison: store::Comparison,
}

impl RedlineSource {
    /// Both versions rendered in `lang` by the core, as the command line's
    /// `store diff` renders them.
    fn compared(&self, lang: DocLang) -> Result<VersionComparison, AppError> {
        VersionComparison::render(&self.comparison, Some(lang.into()))
            .map_err(|e| AppError::new(e.code(), e.to_string()))
    }

    /// The comparison PDF: a summary page, then the later version's clauses
    /// with insertions underlined and deletions struck through.
    pub fn pdf(&self, lang: DocLang, collapse: bool) -> Result<Vec<u8>, AppError> {
        self.compared(lang)?.pdf(collapse).map_err(doc_error)
    }
}

/// Renders the comparison of `source`, writes it as a Word document with
/// tracked changes to `path` and returns the bytes written.
pub fn write_redline_docx(
    source: &RedlineSource,
    lang: DocLang,
    collapse: bool,
    path: &std::path::Path,
) -> Result<Vec<u8>, AppError> {
    let bytes = source.compared(lang)?.docx(collapse).map_err(doc_error)?;
    pledge::atomic::write_atomically(path, &bytes)?;
    Ok(bytes)
}

/// Renders the comparison of `source`, writes its PDF to `path` (a sibling
/// renamed over it) and returns the bytes written.
pub fn write_redline_pdf(
    source: &RedlineSource,
    lang: DocLang,
    collapse: bool,
    path: &std::path::Path,
) -> Result<Vec<u8>, AppError> {
    let bytes = source.pdf(lang, collapse)?;
    pledge::atomic::write_atomically(path, &bytes)?;
    Ok(bytes)
}

impl Library {
    /// The agreement open in the editor (its draft, else its latest
    /// version), read as an agreement, with the saved version it equals:
    /// the one an export is recorded against. An agreement that does not
    /// read (a half-typed duration) cannot be printed, and the error names
    /// the field.
    pub fn contract_source(&mut self, id: &str) -> Result<ContractSource, AppError> {
        self.load(id)?;
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        let agreement =
            pledge::format::Document::parse(&entry.agreement.to_string())?.agreement()?;
        let version = self.version_equal_to(id, &agreement)?;
        let issued = match version {
            Some(number) => Some(
                self.store
                    .version(&parse_name(id)?, Some(number))?
                    .info
                    .saved_at
                    .date_naive(),
            ),
            None => None,
        };
        Ok(ContractSource {
            agreement,
            version,
            issued,
        })
    }

    /// Records a contract PDF written from version `number`.
    pub fn record_contract(
        &mut self,
        id: &str,
        number: u32,
        bytes: &[u8],
        choice: &ContractChoice,
        now_ms: u64,
    ) -> Result<(), AppError> {
        self.record_contract_as(id, number, bytes, choice, "contract-pdf", now_ms)
    }

    /// Records a contract file of `kind` (`contract-pdf`, `contract-docx`)
    /// written from version `number`.
    pub fn record_contract_as(
        &mut self,
        id: &str,
        number: u32,
        bytes: &[u8],
        choice: &ContractChoice,
        kind: &str,
        now_ms: u64,
    ) -> Result<(), AppError> {
        let opts = choice_options(choice);
        let record = ExportedDocument {
            kind: kind.to_owned(),
            ..ExportedDocument::contract_pdf(bytes, choice.lang.into(), opts.edition, opts.draft)
        };
        self.store
            .record_document(&parse_name(id)?, number, &record, at(now_ms))?;
        Ok(())
    }

    /// The two saved versions `from` and `to` and their change list, read
    /// under the library's lock; rendering them is left to the caller.
    pub fn redline_source(&self, id: &str, from: u32, to: u32) -> Result<RedlineSource, AppError> {
        let comparison = self.store.compare(&parse_name(id)?, from, to)?;
        Ok(RedlineSource { comparison })
    }

    /// The clause-level redline of versions `from` and `to`, both contracts
    /// rendered in `lang`.
    pub fn redline(
        &self,
        id: &str,
        from: u32,
        to: u32,
        lang: DocLang,
    ) -> Result<RedlineView, AppError> {
        Ok(self.redline_source(id, from, to)?.compared(lang)?.view())
    }

    /// Records a comparison PDF written to a file, against the later version `to`.
    // The arguments are the comparison's options, recorded as the command receives them.
    #[allow(clippy::too_many_arguments)]
    pub fn record_redline(
        &mut self,
        id: &str,
        from: u32,
        to: u32,
        lang: DocLang,
        collapse: bool,
        bytes: &[u8],
        now_ms: u64,
    ) -> Result<(), AppError> {
        let record = store::comparison::record(from, to, lang.into(), collapse, bytes);
        let record = if bytes.starts_with(b"PK") {
            ExportedDocument {
                kind: "comparison-docx".into(),
                ..record
            }
        } else {
            record
        };
        self.store
            .record_document(&parse_name(id)?, to, &record, at(now_ms))?;
        Ok(())
    }

    /// The documents recorded for an agreement: (version, kind, fingerprint), oldest first.
    pub fn recorded_documents(&self, id: &str) -> Result<Vec<(u32, String, String)>, AppError> {
        let records = self.store.documents(&parse_name(id)?)?;
        Ok(records
            .into_iter()
            .map(|r| (r.version.number, r.document.kind, r.document.fingerprint))
            .collect())
    }
}

/// A file name to offer for an agreement's contract.
pub fn contract_file_name(id: &str, choice: &ContractChoice) -> String {
    let opts = choice_options(choice);
    store::contract_file_name(id, choice.lang.into(), opts.edition, opts.draft)
}

/// A file name to offer for a comparison.
pub fn redline_file_name(id: &str, from: u32, to: u32) -> String {
    store::comparison_file_name(id, from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::{RedlineClause, SegmentOp};
    use crate::library::Config;
    use serde_json::Value;

    const ID: &str = "saas-multilevel";
    const EN_CLIENT: ContractChoice = ContractChoice {
        lang: DocLang::En,
        edition: DocEdition::Client,
        draft: false,
    };

    fn library(dir: &std::path::Path) -> Library {
        let config = Config {
            data_dir: dir.join("data"),
            legacy_drafts: None,
            author: "ana".into(),
        };
        Library::open(&config, 1_000).expect("a new library")
    }

    fn set(value: &mut Value, pointer: &str, to: &str) {
        *value.pointer_mut(pointer).expect("the field exists") = Value::String(to.into());
    }

    /// Version 2 of the sample: the first target's resolution made 2h.
    fn second_version(lib: &mut Library) {
        let mut value = lib.get(ID).expect("the sample opens").agreement;
        set(&mut value, "/targets/0/resolution/within", "2h");
        lib.edit(ID, value, 2_000).expect("edit");
        lib.save_version(ID, "Faster resolution", 3_000)
            .expect("saved");
    }

    #[test]
    fn the_preview_has_every_page_and_knows_the_version_it_equals() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        let source = lib.contract_source(ID).expect("source");
        assert_eq!(
            source.version,
            Some(1),
            "an untouched sample is its first version"
        );
        let laid = lay_out(&source, &EN_CLIENT).expect("laid out");
        let preview = preview(&laid, source.version);
        assert!(preview.pages.len() > 2, "{} pages", preview.pages.len());
        assert!(preview
            .pages
            .iter()
            .all(|p| p.starts_with("<svg") && p.ends_with("</svg>")));
        assert_eq!(preview.fingerprint.len(), 64);
        let (pdf, pages) = (laid.pdf().expect("pdf"), laid.page_count());
        assert!(pdf.starts_with(b"%PDF-"));
        // Dated by the version's save (the library opened at 1 s after
        // the epoch), not by the agreement's effective date in 2027.
        assert_eq!(source.issued, chrono::NaiveDate::from_ymd_opt(1970, 1, 1));
        assert!(
            pdf.windows(20).any(|w| w == b"/CreationDate(D:1970"),
            "the PDF is dated by its version's save"
        );
        assert_eq!(
            pages as usize,
            preview.pages.len(),
            "the preview shows the PDF's pages"
        );
        assert!(!preview.pages.iter().any(|p| p.contains(">DRAFT<")));

        // An edit leaves no saved version equal to the agreement; undoing it does.
        let mut value = lib.get(ID).expect("open").agreement;
        set(&mut value, "/meta/title", "Changed title");
        lib.edit(ID, value, 2_000).expect("edit");
        let edited = lib.contract_source(ID).expect("source");
        assert_eq!(edited.version, None);
        assert_eq!(edited.issued, None, "unsaved changes have no save date");
        let draft = ContractChoice {
            lang: DocLang::Fr,
            edition: DocEdition::Internal,
            draft: true,
        };
        let pages = super::preview(&lay_out(&edited, &draft).expect("laid out"), None).pages;
        // The draft mark is drawn as the outlines of its letters (a path,
        // not text), and the internal edition says so on every page.
        assert!(
            pages
                .iter()
                .all(|p| p.contains("<path ") && !p.contains(">PROJET<")),
            "the French draft mark on every page"
        );
        assert!(
            pages.iter().all(|p| p.contains("ÉDITION INTERNE")),
            "the internal edition's mark on every page"
        );
        assert!(
            pages[0].contains("Changed title"),
            "the preview shows the edit"
        );
        lib.step(ID, false, 3_000).expect("undo");
        assert_eq!(lib.contract_source(ID).expect("source").version, Some(1));
    }

    #[test]
    fn an_agreement_that_does_not_read_cannot_be_printed_and_the_error_names_the_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        let mut value = lib.get(ID).expect("open").agreement;
        set(&mut value, "/targets/0/resolution/within", "2 parsecs");
        lib.edit(ID, value, 2_000).expect("edit");
        let error = lib.contract_source(ID).expect_err("refused");
        assert!(error.path.contains("targets"), "{error:?}");
    }

    #[test]
    fn a_contract_pdf_is_recorded_against_its_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        let source = lib.contract_source(ID).expect("source");
        let pdf = lay_out(&source, &EN_CLIENT)
            .expect("laid out")
            .pdf()
            .expect("pdf");
        lib.record_contract(ID, 1, &pdf, &EN_CLIENT, 5_000)
            .expect("recorded");
        let records = lib.recorded_documents(ID).expect("records");
        assert_eq!(
            records,
            [(1, "contract-pdf".to_string(), store::fingerprint(&pdf))]
        );
        assert_eq!(contract_file_name(ID, &EN_CLIENT), "saas-multilevel-en.pdf");
    }

    #[test]
    fn the_redline_of_two_versions_marks_what_changed_in_either_direction() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        second_version(&mut lib);
        let forward = lib.redline(ID, 1, 2, DocLang::En).expect("redline");
        assert!(!forward.unchanged);
        let changed: Vec<&RedlineClause> = forward
            .clauses
            .iter()
            .filter(|c| c.status != "unchanged")
            .collect();
        assert!(!changed.is_empty(), "a clause changed");
        assert!(
            forward.clauses.iter().any(|c| c.status == "unchanged"),
            "most clauses did not"
        );
        let ops = |v: &RedlineView, op: SegmentOp| -> Vec<String> {
            v.clauses
                .iter()
                .flat_map(|c| &c.blocks)
                .flat_map(|b| &b.segments)
                .filter(|s| s.op == op)
                .map(|s| s.text.clone())
                .collect()
        };
        let (inserted, deleted) = (
            ops(&forward, SegmentOp::Insert),
            ops(&forward, SegmentOp::Delete),
        );
        assert!(!inserted.is_empty() && !deleted.is_empty(), "{forward:?}");
        let backward = lib.redline(ID, 2, 1, DocLang::En).expect("redline");
        assert_eq!(
            ops(&backward, SegmentOp::Insert),
            deleted,
            "backwards, deletions become insertions"
        );
        assert_eq!(ops(&backward, SegmentOp::Delete), inserted);
        let same = lib.redline(ID, 2, 2, DocLang::En).expect("redline");
        assert!(same.unchanged && same.clauses.iter().all(|c| c.blocks.is_empty()));
        let french = lib.redline(ID, 1, 2, DocLang::Fr).expect("redline");
        assert_eq!(french.clauses.len(), forward.clauses.len());
        assert_ne!(
            french
                .clauses
                .iter()
                .map(|c| &c.heading)
                .collect::<Vec<_>>(),
            forward
                .clauses
                .iter()
                .map(|c| &c.heading)
                .collect::<Vec<_>>(),
            "the French redline compares the French contracts"
        );
        assert_eq!(
            lib.redline(ID, 1, 7, DocLang::En).expect_err("no v7").code,
            "unknown-version"
        );
    }

    #[test]
    fn the_comparison_pdf_is_recorded_against_the_later_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        second_version(&mut lib);
        let source = lib.redline_source(ID, 1, 2).expect("source");
        let path = dir.path().join("redline.pdf");
        let pdf = write_redline_pdf(&source, DocLang::Fr, true, &path).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(std::fs::read(&path).expect("written"), pdf);
        assert!(
            lib.recorded_documents(ID).expect("records").is_empty(),
            "recorded once written, not before"
        );
        lib.record_redline(ID, 1, 2, DocLang::Fr, true, &pdf, 9_000)
            .expect("recorded");
        let records = lib.recorded_documents(ID).expect("records");
        assert_eq!(
            records,
            [(2, "comparison-pdf".to_string(), store::fingerprint(&pdf))]
        );
        assert_eq!(
            redline_file_name(ID, 1, 2),
            "saas-multilevel-v1-v2-redline.pdf"
        );
    }

    // issue 17: `save_redline_pdf` writes the core's comparison PDF, the
    // one `pledge store diff --redline` writes (tests/store/cli.rs compares
    // that one with the core's byte for byte).
    #[test]
    fn the_comparison_pdf_is_the_cores_the_command_lines_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        second_version(&mut lib);
        let source = lib.redline_source(ID, 1, 2).expect("source");
        let path = dir.path().join("redline.pdf");
        let written = write_redline_pdf(&source, DocLang::En, true, &path).expect("pdf");
        let comparison = lib
            .store
            .compare(&parse_name(ID).expect("name"), 1, 2)
            .expect("compare");
        let core = VersionComparison::render(&comparison, Some(pledge::doc::tree::Lang::En))
            .expect("rendered")
            .pdf(true)
            .expect("pdf");
        assert!(written == core, "the app's PDF is the core's");
    }

    // issue 12: the comparison PDF is rendered, laid out and written from
    // what was read under the library's lock, not under it: here the lock is
    // held by someone else for the whole time another thread writes the PDF.
    #[test]
    fn the_comparison_pdf_is_made_without_the_library_lock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = library(dir.path());
        second_version(&mut lib);
        let shared = std::sync::Mutex::new(lib);
        let source = shared
            .lock()
            .expect("lock")
            .redline_source(ID, 1, 2)
            .expect("source");
        let mut held = shared.lock().expect("lock");
        let path = dir.path().join("v1-v2.pdf");
        let written = std::thread::spawn({
            let path = path.clone();
            move || write_redline_pdf(&source, DocLang::En, false, &path)
        })
        .join()
        .expect("thread")
        .expect("pdf");
        assert!(written.starts_with(b"%PDF-"));
        assert_eq!(std::fs::read(&path).expect("written"), written);
        // Recording it afterwards takes the lock again, briefly.
        held.record_redline(ID, 1, 2, DocLang::En, false, &written, 9_000)
            .expect("recorded");
        assert_eq!(held.recorded_documents(ID).expect("records").len(), 1);
    }
}
