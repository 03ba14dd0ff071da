//! The open agreements, their undo/redo history and autosaved drafts,
//! independent of Tauri so that it is tested directly and a later store
//! can back it. Time is a parameter (`now_ms`): this module never reads
//! the clock.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::dto::{AgreementSummary, Diagnostic, Edited, Opened, SampleInfo, Saved};
use crate::error::AppError;
use crate::store::{write_atomically, Draft, Store};

/// How many edits an agreement's undo history keeps.
pub const HISTORY_LIMIT: usize = 200;

/// The starter offered besides the core's samples: the smallest complete
/// agreement, to fill in from scratch.
const BLANK: (&str, &str, &str) = ("blank", "A minimal agreement to fill in", include_str!("../starters/blank.yaml"));

struct Entry {
    draft: Draft,
    undo: Vec<Value>,
    redo: Vec<Value>,
}

/// The agreements the app has open.
pub struct Library<S: Store> {
    store: S,
    entries: Vec<Entry>,
    next_id: u64,
}

/// Every sample and starter an agreement can be created from.
pub fn samples() -> Vec<SampleInfo> {
    let core = pledge::samples::SAMPLES.iter().map(|s| (s.name, s.summary));
    core.chain([(BLANK.0, BLANK.1)])
        .map(|(name, summary)| SampleInfo { name: name.into(), summary: summary.into() })
        .collect()
}

fn sample_text(name: &str) -> Option<&'static str> {
    match pledge::samples::find(name) {
        Some(sample) => Some(sample.text),
        None if name == BLANK.0 => Some(BLANK.2),
        None => None,
    }
}

/// The validator's findings for an agreement as the editor holds it. The
/// value goes through the same reader as a file (JSON is YAML), so a
/// malformed field gives a diagnostic at its path rather than an error.
pub fn check(agreement: &Value) -> Vec<Diagnostic> {
    let text = agreement.to_string();
    pledge::check::check_text(&text).diagnostics.into_iter().map(Diagnostic::from).collect()
}

fn text_at(value: &Value, pointer: &str) -> String {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl Entry {
    fn summary(&self) -> AgreementSummary {
        let d = &self.draft;
        AgreementSummary {
            id: d.id.clone(),
            title: text_at(&d.agreement, "/meta/title"),
            client: text_at(&d.agreement, "/parties/customer/legal_name"),
            modified_ms: d.modified_ms,
            path: d.path.as_ref().map(|p| p.display().to_string()),
            dirty: d.dirty,
        }
    }

    fn opened(&self) -> Opened {
        Opened {
            summary: self.summary(),
            agreement: self.draft.agreement.clone(),
            diagnostics: check(&self.draft.agreement),
            can_undo: !self.undo.is_empty(),
            can_redo: !self.redo.is_empty(),
        }
    }
}

impl<S: Store> Library<S> {
    /// A library holding the drafts `store` kept.
    pub fn load(store: S) -> Result<Self, AppError> {
        let mut drafts = store.load()?;
        drafts.sort_by(|a, b| b.modified_ms.cmp(&a.modified_ms).then_with(|| a.id.cmp(&b.id)));
        let next_id = drafts.iter().filter_map(|d| d.id.strip_prefix('a')?.parse::<u64>().ok()).max().unwrap_or(0) + 1;
        let entries = drafts.into_iter().map(|draft| Entry { draft, undo: Vec::new(), redo: Vec::new() }).collect();
        Ok(Library { store, entries, next_id })
    }

    /// The library's rows, most recently changed first.
    pub fn list(&self) -> Vec<AgreementSummary> {
        let mut rows: Vec<_> = self.entries.iter().map(Entry::summary).collect();
        rows.sort_by(|a, b| b.modified_ms.cmp(&a.modified_ms).then_with(|| b.id.cmp(&a.id)));
        rows
    }

    fn index(&self, id: &str) -> Result<usize, AppError> {
        self.entries.iter().position(|e| e.draft.id == id).ok_or_else(|| unknown(id))
    }

    fn add(&mut self, agreement: Value, path: Option<PathBuf>, now_ms: u64) -> Result<Opened, AppError> {
        let id = format!("a{}", self.next_id);
        self.next_id += 1;
        let draft = Draft { id, agreement, path, modified_ms: now_ms, dirty: false };
        self.store.put(&draft)?;
        let entry = Entry { draft, undo: Vec::new(), redo: Vec::new() };
        let opened = entry.opened();
        self.entries.push(entry);
        Ok(opened)
    }

    /// Creates an agreement from a sample or starter.
    pub fn create(&mut self, sample: &str, now_ms: u64) -> Result<Opened, AppError> {
        let text = sample_text(sample).ok_or_else(|| AppError::new("unknown-sample", format!("there is no sample `{sample}`")))?;
        let agreement = pledge::format::read(text)?;
        self.add(to_value(&agreement)?, None, now_ms)
    }

    /// Opens an agreement file. A file that is not an agreement is refused
    /// with the reader's message, line and column.
    pub fn open_path(&mut self, path: &Path, now_ms: u64) -> Result<Opened, AppError> {
        if let Some(entry) = self.entries.iter().find(|e| e.draft.path.as_deref() == Some(path)) {
            return Ok(entry.opened());
        }
        let text = pledge::format::read_text(path)?;
        let agreement = pledge::format::read(&text)?;
        self.add(to_value(&agreement)?, Some(path.to_path_buf()), now_ms)
    }

    /// An agreement with its findings.
    pub fn get(&self, id: &str) -> Result<Opened, AppError> {
        Ok(self.entries[self.index(id)?].opened())
    }

    /// Replaces an agreement by its edited form, remembering the previous
    /// one for undo, and autosaves the draft.
    pub fn edit(&mut self, id: &str, agreement: Value, now_ms: u64) -> Result<Edited, AppError> {
        let i = self.index(id)?;
        let entry = &mut self.entries[i];
        if entry.draft.agreement != agreement {
            let previous = std::mem::replace(&mut entry.draft.agreement, agreement);
            entry.undo.push(previous);
            if entry.undo.len() > HISTORY_LIMIT {
                entry.undo.remove(0);
            }
            entry.redo.clear();
            entry.draft.modified_ms = now_ms;
            entry.draft.dirty = true;
            self.store.put(&entry.draft)?;
        }
        let entry = &self.entries[i];
        Ok(Edited {
            summary: entry.summary(),
            diagnostics: check(&entry.draft.agreement),
            can_undo: !entry.undo.is_empty(),
            can_redo: !entry.redo.is_empty(),
        })
    }

    /// Goes back one edit; `forward` goes forward again after an undo.
    pub fn step(&mut self, id: &str, forward: bool, now_ms: u64) -> Result<Opened, AppError> {
        let i = self.index(id)?;
        let entry = &mut self.entries[i];
        let (from, to) = if forward { (&mut entry.redo, &mut entry.undo) } else { (&mut entry.undo, &mut entry.redo) };
        if let Some(value) = from.pop() {
            to.push(std::mem::replace(&mut entry.draft.agreement, value));
            entry.draft.modified_ms = now_ms;
            entry.draft.dirty = true;
            self.store.put(&entry.draft)?;
        }
        Ok(self.entries[i].opened())
    }

    /// The file an agreement was last opened from or saved to.
    pub fn path(&self, id: &str) -> Result<Option<PathBuf>, AppError> {
        Ok(self.entries[self.index(id)?].draft.path.clone())
    }

    /// A file name to offer when saving an agreement for the first time.
    pub fn suggested_file_name(&self, id: &str) -> Result<String, AppError> {
        let entry = &self.entries[self.index(id)?];
        let reference = text_at(&entry.draft.agreement, "/meta/reference");
        let stem: String = reference.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').collect();
        Ok(format!("{}.yaml", if stem.is_empty() { "agreement" } else { &stem }))
    }

    /// Writes an agreement to `path` as canonical YAML. An agreement with
    /// validation errors can be saved (work in progress); one that is not
    /// readable as an agreement at all (a malformed duration) cannot, and
    /// the error names the field.
    pub fn save(&mut self, id: &str, path: &Path) -> Result<Saved, AppError> {
        let i = self.index(id)?;
        let entry = &mut self.entries[i];
        let document = pledge::format::Document::parse(&entry.draft.agreement.to_string())?;
        let agreement = document.agreement()?;
        write_atomically(path, pledge::format::write(&agreement).as_bytes())?;
        entry.draft.path = Some(path.to_path_buf());
        entry.draft.dirty = false;
        self.store.put(&entry.draft)?;
        Ok(Saved { summary: entry.summary(), path: path.display().to_string() })
    }

    /// Closes an agreement and forgets its draft.
    pub fn close(&mut self, id: &str) -> Result<(), AppError> {
        self.index(id)?;
        self.store.remove(id)?;
        self.entries.retain(|e| e.draft.id != id);
        Ok(())
    }
}

fn unknown(id: &str) -> AppError {
    AppError::new("unknown-agreement", format!("no open agreement has the id `{id}`"))
}

fn to_value(agreement: &pledge::model::Agreement) -> Result<Value, AppError> {
    serde_json::to_value(agreement).map_err(|e| AppError::new("not-an-agreement", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FileStore, MemoryStore};

    fn library() -> Library<MemoryStore> {
        Library::load(MemoryStore::default()).expect("an empty store loads")
    }

    fn set(value: &mut Value, pointer: &str, to: &str) {
        *value.pointer_mut(pointer).expect("the field exists") = Value::String(to.into());
    }

    #[test]
    fn creating_from_the_blank_starter_gives_a_clean_agreement() {
        let mut lib = library();
        let opened = lib.create("blank", 1_000).expect("the starter reads");
        assert_eq!(opened.summary.title, "Support Agreement");
        assert_eq!(opened.summary.client, "Customer SA");
        assert!(opened.diagnostics.iter().all(|d| d.severity != crate::dto::Severity::Error), "{:?}", opened.diagnostics);
        assert!(!opened.can_undo && !opened.can_redo && !opened.summary.dirty);
        assert_eq!(lib.list().len(), 1);
    }

    #[test]
    fn every_offered_sample_creates_an_agreement() {
        let mut lib = library();
        for sample in samples() {
            lib.create(&sample.name, 1).unwrap_or_else(|e| panic!("{}: {e}", sample.name));
        }
        assert_eq!(lib.list().len(), samples().len());
    }

    #[test]
    fn an_unknown_sample_is_an_error_with_a_code() {
        let error = library().create("nope", 1).expect_err("no such sample");
        assert_eq!(error.code, "unknown-sample");
    }

    #[test]
    fn an_internal_target_longer_than_the_contract_is_reported_at_its_path_and_clears_when_fixed() {
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id;
        let mut value = opened.agreement;
        set(&mut value, "/targets/0/first_response/internal", "2h");
        let edited = lib.edit(&id, value.clone(), 2).expect("the edit is recorded");
        let found: Vec<_> = edited.diagnostics.iter().map(|d| (d.code.as_str(), d.path.as_str())).collect();
        assert!(found.contains(&("internal-not-stricter", "targets[0].first_response.internal")), "{found:?}");
        set(&mut value, "/targets/0/first_response/internal", "20m");
        let edited = lib.edit(&id, value, 3).expect("the edit is recorded");
        assert!(edited.diagnostics.iter().all(|d| d.code != "internal-not-stricter"));
    }

    #[test]
    fn a_malformed_value_is_a_diagnostic_at_its_field_not_an_error() {
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let mut value = opened.agreement;
        set(&mut value, "/targets/0/resolution/within", "8 hours");
        let edited = lib.edit(&opened.summary.id, value, 2).expect("the edit is recorded");
        assert_eq!(edited.diagnostics.len(), 1, "{:?}", edited.diagnostics);
        assert_eq!(edited.diagnostics[0].path, "targets[0].resolution.within");
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id.clone();
        let original = opened.agreement.clone();
        let mut changed = original.clone();
        set(&mut changed, "/meta/title", "Changed");
        let edited = lib.edit(&id, changed.clone(), 2).expect("edit");
        assert!(edited.can_undo && !edited.can_redo && edited.summary.dirty);
        let undone = lib.step(&id, false, 3).expect("undo");
        assert_eq!(undone.agreement, original);
        assert!(undone.can_redo && !undone.can_undo);
        let redone = lib.step(&id, true, 4).expect("redo");
        assert_eq!(redone.agreement, changed);
        assert_eq!(redone.summary.title, "Changed");
    }

    #[test]
    fn an_edit_that_changes_nothing_adds_no_history() {
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let edited = lib.edit(&opened.summary.id, opened.agreement.clone(), 2).expect("edit");
        assert!(!edited.can_undo && !edited.summary.dirty);
    }

    #[test]
    fn history_is_bounded() {
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let mut value = opened.agreement;
        for i in 0..HISTORY_LIMIT + 10 {
            set(&mut value, "/meta/title", &format!("Title {i}"));
            lib.edit(&opened.summary.id, value.clone(), i as u64).expect("edit");
        }
        let mut undone = 0;
        while lib.get(&opened.summary.id).expect("open").can_undo {
            lib.step(&opened.summary.id, false, 0).expect("undo");
            undone += 1;
        }
        assert_eq!(undone, HISTORY_LIMIT);
    }

    #[test]
    fn saving_writes_canonical_yaml_that_reads_back_and_reopening_finds_the_same_entry() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id;
        let mut value = opened.agreement;
        set(&mut value, "/targets/0/first_response/within", "45m");
        lib.edit(&id, value, 2).expect("edit");
        let path = dir.path().join(lib.suggested_file_name(&id).expect("a name"));
        assert!(path.ends_with("SLA-TEST-1.yaml"));
        let saved = lib.save(&id, &path).expect("saved");
        assert!(!saved.summary.dirty);
        let text = std::fs::read_to_string(&path).expect("the file exists");
        let agreement = pledge::format::read(&text).expect("the saved file reads back");
        assert_eq!(agreement.targets[0].first_response.as_ref().map(|m| m.within.to_string()), Some("45m".into()));
        let again = lib.open_path(&path, 3).expect("reopen");
        assert_eq!(again.summary.id, id);
    }

    #[test]
    fn an_agreement_that_cannot_be_read_is_not_saved() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut lib = library();
        let opened = lib.create("blank", 1).expect("the starter reads");
        let mut value = opened.agreement;
        set(&mut value, "/meta/effective_date", "soon");
        lib.edit(&opened.summary.id, value, 2).expect("edit");
        let path = dir.path().join("x.yaml");
        let error = lib.save(&opened.summary.id, &path).expect_err("unreadable");
        assert_eq!(error.path, "meta.effective_date");
        assert!(!path.exists());
    }

    #[test]
    fn opening_a_file_that_is_not_an_agreement_reports_where() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("bad.yaml");
        std::fs::write(&path, "pledge: 1\nmeta: 3\n").expect("written");
        let error = library().open_path(&path, 1).expect_err("not an agreement");
        assert!(error.message.contains("line 2"), "{}", error.message);
    }

    #[test]
    fn drafts_survive_a_restart_through_the_store() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let id = {
            let mut lib = Library::load(FileStore::new(dir.path()).expect("store")).expect("load");
            let opened = lib.create("blank", 5).expect("create");
            let mut value = opened.agreement;
            set(&mut value, "/meta/title", "Kept");
            lib.edit(&opened.summary.id, value, 6).expect("edit");
            opened.summary.id
        };
        let mut lib = Library::load(FileStore::new(dir.path()).expect("store")).expect("reload");
        let rows = lib.list();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].id.as_str(), rows[0].title.as_str(), rows[0].dirty), (id.as_str(), "Kept", true));
        let next = lib.create("blank", 7).expect("create");
        assert_ne!(next.summary.id, id, "a new agreement never reuses a kept id");
        lib.close(&id).expect("close");
        let lib = Library::load(FileStore::new(dir.path()).expect("store")).expect("reload");
        assert_eq!(lib.list().len(), 1);
    }
}
