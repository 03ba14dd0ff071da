//! The library as the app sees it: the agreements of the SQLite store
//! (`pledge::store::Store`, shared with the command line), the ones open in
//! the editor with their undo/redo history, and their drafts, autosaved into
//! the store after every edit so that they survive a crash. Independent of
//! Tauri so that it is tested directly. Time is a parameter (`now_ms`):
//! this module never reads the clock.

pub mod documents;
pub mod portfolios;
pub mod settings;
pub mod tickets;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use pledge::atomic::write_atomically;
use pledge::store::{AgreementName, Shelf, Store};
use serde_json::Value;

use crate::dto::ScenarioState;
use crate::dto::{
    AgreementSummary, Change, Diagnostic, Edited, Exported, Opened, SampleInfo, VersionInfo,
    VersionSaved,
};
use crate::error::{AppError, ErrorCode};
use crate::legacy;

/// How many edits an agreement's undo history keeps.
pub const HISTORY_LIMIT: usize = 200;

/// The file, next to the database, whose presence says that the first
/// app's drafts were imported (so they are imported once, and the old
/// folder can stay where it is).
pub const LEGACY_IMPORTED: &str = "legacy-drafts-imported";

/// An agreement open in the editor.
struct Entry {
    agreement: Value,
    /// The version the edits started from.
    base: Option<u32>,
    /// Whether there are changes not saved as a version.
    dirty: bool,
    modified_ms: u64,
    undo: Vec<Value>,
    redo: Vec<Value>,
}

/// The app's library over the store.
pub struct Library {
    store: Store,
    author: String,
    open: HashMap<String, Entry>,
}

/// Where the library lives and who saves in it.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `pledge.db`.
    pub data_dir: PathBuf,
    /// The first app's drafts folder, imported once if it exists.
    pub legacy_drafts: Option<PathBuf>,
    /// The author recorded on saved versions.
    pub author: String,
}

impl Config {
    /// The database file.
    pub fn database(&self) -> PathBuf {
        self.data_dir.join(pledge::store::DATABASE_FILE)
    }
}

/// Every sample and starter an agreement can be created from.
pub fn samples() -> Vec<SampleInfo> {
    pledge::samples::starters()
        .map(|s| SampleInfo {
            name: s.name.into(),
            summary: s.summary.into(),
        })
        .collect()
}

/// The validator's findings for an agreement as the editor holds it. The
/// value goes through the same reader as a file (JSON is YAML), so a
/// malformed field gives a diagnostic at its path rather than an error.
pub fn check(agreement: &Value) -> Vec<Diagnostic> {
    let text = agreement.to_string();
    pledge::check::check_text(&text)
        .diagnostics
        .into_iter()
        .map(Diagnostic::from)
        .collect()
}

fn text_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The agreement's title as its own language writes it (a title written
/// per language is a mapping); empty when the value has none.
fn title_at(value: &Value) -> String {
    let text = value
        .pointer("/meta/title")
        .and_then(|v| serde_json::from_value::<pledge::model::Text>(v.clone()).ok())
        .unwrap_or_default();
    let own = value
        .pointer("/meta/language")
        .and_then(|v| serde_json::from_value::<pledge::model::Language>(v.clone()).ok())
        .unwrap_or(pledge::model::Language::En);
    text.get(own, own).to_string()
}

fn at(ms: u64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX)).unwrap_or_default()
}

fn ms(time: DateTime<Utc>) -> u64 {
    u64::try_from(time.timestamp_millis()).unwrap_or(0)
}

fn to_value(agreement: &pledge::model::Agreement) -> Result<Value, AppError> {
    serde_json::to_value(agreement).map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
}

/// The draft's text in the store: the editor's JSON, which is also YAML, so
/// the command line reads it like any agreement file.
fn draft_text(agreement: &Value) -> String {
    serde_json::to_string_pretty(agreement).unwrap_or_default()
}

/// Reads a draft's text back: the app's JSON, or YAML written by another
/// tool (which must then read as an agreement).
fn read_draft(text: &str) -> Result<Value, AppError> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => to_value(&pledge::format::read(text)?),
    }
}

fn parse_name(id: &str) -> Result<AgreementName, AppError> {
    id.parse().map_err(|_| unknown(id))
}

fn unknown(id: &str) -> AppError {
    AppError::new(
        ErrorCode::UnknownAgreement,
        format!("the library has no agreement `{id}`"),
    )
}

impl Library {
    /// Opens the library in `config.data_dir`, creating it on first use.
    /// A new library is filled with the shipped samples; the first app's
    /// drafts are imported once.
    pub fn open(config: &Config, now_ms: u64) -> Result<Self, AppError> {
        let path = config.database();
        let fresh = !path.exists();
        let store = Store::open(&path)?;
        // The author the user confirmed in the settings, else the proposed
        // one. A damaged settings file does not keep the library closed: the
        // settings dialog reports it, naming the file.
        let author = settings::saved_author(&config.data_dir)
            .ok()
            .flatten()
            .unwrap_or_else(|| config.author.clone());
        let mut library = Library {
            store,
            author,
            open: HashMap::new(),
        };
        if fresh {
            library.import_samples(now_ms)?;
        }
        if let Some(dir) = &config.legacy_drafts {
            let marker = config.data_dir.join(LEGACY_IMPORTED);
            if dir.is_dir() && !marker.exists() {
                let skipped = library.import_legacy(dir, now_ms)?;
                // The marker says where the drafts came from and which files
                // were left aside and why, since the app has no other place
                // to tell it once the import is done.
                let mut note = format!("{}\n", dir.display());
                for (file, why) in &skipped {
                    note.push_str(&format!("skipped {}: {why}\n", file.display()));
                }
                write_atomically(&marker, note.as_bytes())?;
            }
        }
        Ok(library)
    }

    fn import_samples(&mut self, now_ms: u64) -> Result<(), AppError> {
        for sample in pledge::samples::SAMPLES {
            let agreement = pledge::format::read(sample.text)?;
            let name = self.free_name(sample.name)?;
            self.store.save(
                &name,
                &agreement,
                &self.author,
                "Shipped sample",
                at(now_ms),
            )?;
        }
        Ok(())
    }

    /// Imports the first app's drafts as store drafts, named after their
    /// reference. Their times are kept. Returns the files left aside, with
    /// why.
    fn import_legacy(
        &mut self,
        dir: &Path,
        now_ms: u64,
    ) -> Result<Vec<(PathBuf, String)>, AppError> {
        let found = legacy::read_drafts(dir);
        for draft in &found.drafts {
            let hint = text_at(&draft.agreement, "/meta/reference");
            let name = self.free_name(if hint.is_empty() { &draft.id } else { &hint })?;
            let when = if draft.modified_ms == 0 {
                now_ms
            } else {
                draft.modified_ms
            };
            self.store
                .save_draft(&name, &draft_text(&draft.agreement), None, at(when))?;
        }
        Ok(found.skipped)
    }

    /// A name no agreement has, in use or in the trash (the core's).
    fn free_name(&self, hint: &str) -> Result<AgreementName, AppError> {
        Ok(self.store.free_name(hint)?)
    }

    /// The library's rows, most recently changed first.
    pub fn list(&self) -> Result<Vec<AgreementSummary>, AppError> {
        self.rows(Shelf::Live)
    }

    /// The trash's rows, most recently trashed first.
    pub fn trash_list(&self) -> Result<Vec<AgreementSummary>, AppError> {
        let mut rows = self.rows(Shelf::Trash)?;
        rows.sort_by(|a, b| {
            b.trashed_ms
                .cmp(&a.trashed_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(rows)
    }

    fn rows(&self, shelf: Shelf) -> Result<Vec<AgreementSummary>, AppError> {
        let mut rows = Vec::new();
        for summary in self.store.list(shelf)? {
            let id = summary.name.to_string();
            let mut row = match self.open.get(&id) {
                Some(entry) => self.summary(&id, entry),
                None => {
                    let draft = if summary.has_draft {
                        self.store.draft(&summary.name)?
                    } else {
                        None
                    };
                    let value = match &draft {
                        Some(d) => read_draft(&d.text).ok(),
                        None => self.latest_value(&summary.name).ok(),
                    };
                    let value = value.unwrap_or(Value::Null);
                    let latest_ms = summary.latest.as_ref().map(|v| ms(v.saved_at)).unwrap_or(0);
                    AgreementSummary {
                        id,
                        title: title_at(&value),
                        client: text_at(&value, "/parties/customer/legal_name"),
                        reference: text_at(&value, "/meta/reference"),
                        version: summary.latest.as_ref().map(|v| v.number),
                        dirty: draft.is_some(),
                        modified_ms: draft
                            .as_ref()
                            .map(|d| ms(d.saved_at))
                            .unwrap_or(0)
                            .max(latest_ms),
                        trashed_ms: None,
                    }
                }
            };
            row.trashed_ms = summary.trashed_at.map(ms);
            rows.push(row);
        }
        rows.sort_by(|a, b| {
            b.modified_ms
                .cmp(&a.modified_ms)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(rows)
    }

    fn summary(&self, id: &str, entry: &Entry) -> AgreementSummary {
        AgreementSummary {
            id: id.to_string(),
            title: title_at(&entry.agreement),
            client: text_at(&entry.agreement, "/parties/customer/legal_name"),
            reference: text_at(&entry.agreement, "/meta/reference"),
            version: entry.base,
            dirty: entry.dirty,
            modified_ms: entry.modified_ms,
            trashed_ms: None,
        }
    }

    fn opened(&self, id: &str) -> Result<Opened, AppError> {
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        Ok(Opened {
            summary: self.summary(id, entry),
            agreement: entry.agreement.clone(),
            diagnostics: check(&entry.agreement),
            can_undo: !entry.undo.is_empty(),
            can_redo: !entry.redo.is_empty(),
        })
    }

    fn latest_value(&self, name: &AgreementName) -> Result<Value, AppError> {
        to_value(&self.store.version(name, None)?.agreement()?)
    }

    /// Loads an agreement into the editor if it is not there yet: its
    /// draft when it has one, else its latest version.
    fn load(&mut self, id: &str) -> Result<(), AppError> {
        if self.open.contains_key(id) {
            return Ok(());
        }
        let name = parse_name(id)?;
        // The store reads agreements in the trash too (to inspect them); the
        // editor does not open them until they are restored.
        if self
            .store
            .list(Shelf::Trash)?
            .iter()
            .any(|s| s.name == name)
        {
            return Err(pledge::store::StoreError::InTrash {
                name: id.to_string(),
            }
            .into());
        }
        let versions = self.store.log(&name)?;
        let latest = versions.last();
        let entry = match self.store.draft(&name)? {
            Some(draft) => Entry {
                agreement: read_draft(&draft.text)?,
                base: draft.base.or(latest.map(|v| v.number)),
                dirty: true,
                modified_ms: ms(draft.saved_at),
                undo: Vec::new(),
                redo: Vec::new(),
            },
            None => Entry {
                agreement: self.latest_value(&name)?,
                base: latest.map(|v| v.number),
                dirty: false,
                modified_ms: latest.map(|v| ms(v.saved_at)).unwrap_or(0),
                undo: Vec::new(),
                redo: Vec::new(),
            },
        };
        self.open.insert(id.to_string(), entry);
        Ok(())
    }

    fn autosave(&mut self, id: &str) -> Result<(), AppError> {
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        self.store.save_draft(
            &parse_name(id)?,
            &draft_text(&entry.agreement),
            entry.base,
            at(entry.modified_ms),
        )?;
        Ok(())
    }

    /// Creates an agreement from a sample or starter, as a draft named after
    /// its reference.
    pub fn create(&mut self, sample: &str, now_ms: u64) -> Result<Opened, AppError> {
        let text = pledge::samples::starter(sample)
            .map(|s| s.text)
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::UnknownSample,
                    format!("there is no sample `{sample}`"),
                )
            })?;
        let agreement = to_value(&pledge::format::read(text)?)?;
        let hint = text_at(&agreement, "/meta/reference");
        let id = self
            .free_name(if hint.is_empty() { sample } else { &hint })?
            .to_string();
        let entry = Entry {
            agreement,
            base: None,
            dirty: true,
            modified_ms: now_ms,
            undo: Vec::new(),
            redo: Vec::new(),
        };
        self.open.insert(id.clone(), entry);
        if let Err(e) = self.autosave(&id) {
            self.open.remove(&id);
            return Err(e);
        }
        self.opened(&id)
    }

    /// Imports an agreement file as a new agreement, its first version
    /// recording where it came from. A file that is not an agreement is
    /// refused with the reader's message, line and column.
    pub fn import(&mut self, path: &Path, now_ms: u64) -> Result<Opened, AppError> {
        let text = pledge::format::read_text(path)?;
        let agreement = pledge::format::read(&text)?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = self.free_name(&stem)?;
        let file = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.store.save(
            &name,
            &agreement,
            &self.author,
            &format!("Imported from {file}"),
            at(now_ms),
        )?;
        self.get(name.as_str())
    }

    /// An agreement with its findings, opening it in the editor.
    pub fn get(&mut self, id: &str) -> Result<Opened, AppError> {
        self.load(id)?;
        self.opened(id)
    }

    /// Replaces an agreement by its edited form, remembering the previous
    /// one for undo, and autosaves the draft.
    pub fn edit(&mut self, id: &str, agreement: Value, now_ms: u64) -> Result<Edited, AppError> {
        self.load(id)?;
        let entry = self.open.get_mut(id).ok_or_else(|| unknown(id))?;
        if entry.agreement != agreement {
            let previous = std::mem::replace(&mut entry.agreement, agreement);
            entry.undo.push(previous);
            if entry.undo.len() > HISTORY_LIMIT {
                entry.undo.remove(0);
            }
            entry.redo.clear();
            entry.modified_ms = now_ms;
            entry.dirty = true;
            self.autosave(id)?;
        }
        let opened = self.opened(id)?;
        Ok(Edited {
            summary: opened.summary,
            diagnostics: opened.diagnostics,
            can_undo: opened.can_undo,
            can_redo: opened.can_redo,
        })
    }

    /// Goes back one edit; `forward` goes forward again after an undo.
    pub fn step(&mut self, id: &str, forward: bool, now_ms: u64) -> Result<Opened, AppError> {
        self.load(id)?;
        let entry = self.open.get_mut(id).ok_or_else(|| unknown(id))?;
        let (from, to) = if forward {
            (&mut entry.redo, &mut entry.undo)
        } else {
            (&mut entry.undo, &mut entry.redo)
        };
        if let Some(value) = from.pop() {
            to.push(std::mem::replace(&mut entry.agreement, value));
            entry.modified_ms = now_ms;
            entry.dirty = true;
            self.autosave(id)?;
        }
        self.opened(id)
    }

    /// Saves the agreement as it is in the editor as a new version with a
    /// message, and drops its draft. An agreement with validation errors can
    /// be saved (work in progress); one that does not read as an agreement
    /// at all (a malformed duration) cannot, and the error names the field.
    pub fn save_version(
        &mut self,
        id: &str,
        message: &str,
        now_ms: u64,
    ) -> Result<VersionSaved, AppError> {
        self.load(id)?;
        let name = parse_name(id)?;
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        let agreement =
            pledge::format::Document::parse(&entry.agreement.to_string())?.agreement()?;
        let saved = self
            .store
            .save(&name, &agreement, &self.author, message.trim(), at(now_ms))?;
        self.store.discard_draft(&name)?;
        let entry = self.open.get_mut(id).ok_or_else(|| unknown(id))?;
        entry.base = Some(saved.version.number);
        entry.dirty = false;
        if saved.created {
            entry.modified_ms = ms(saved.version.saved_at);
        }
        let entry = &self.open[id];
        Ok(VersionSaved {
            summary: self.summary(id, entry),
            version: VersionInfo::from(&saved.version),
            created: saved.created,
            same_label_as: saved.same_label_as,
        })
    }

    /// The saved versions of an agreement, newest first.
    pub fn versions(&self, id: &str) -> Result<Vec<VersionInfo>, AppError> {
        let mut versions: Vec<VersionInfo> = self
            .store
            .log(&parse_name(id)?)?
            .iter()
            .map(VersionInfo::from)
            .collect();
        versions.reverse();
        Ok(versions)
    }

    /// What changed from version `from` to version `to`, in the domain's
    /// words, each change's sentence in `lang` (`pledge::store::describe`,
    /// with the names the two versions give).
    pub fn compare(
        &self,
        id: &str,
        from: u32,
        to: u32,
        lang: crate::dto::DocLang,
    ) -> Result<Vec<Change>, AppError> {
        let comparison = self.store.compare(&parse_name(id)?, from, to)?;
        let (before, after) = (
            comparison.before.agreement()?,
            comparison.after.agreement()?,
        );
        Ok(comparison
            .changes
            .iter()
            .map(|c| Change {
                text: pledge::store::describe(c, lang.into(), &before, &after),
                ..Change::from(c)
            })
            .collect())
    }

    /// A file name to offer when exporting an agreement.
    pub fn suggested_file_name(&self, id: &str) -> String {
        format!("{}.yaml", pledge::store::name_stem(id))
    }

    /// Writes an agreement as it is in the editor (its draft, else its
    /// latest version) to `path` as canonical YAML.
    pub fn export(&mut self, id: &str, path: &Path) -> Result<Exported, AppError> {
        self.load(id)?;
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        let agreement =
            pledge::format::Document::parse(&entry.agreement.to_string())?.agreement()?;
        write_atomically(path, pledge::format::write(&agreement).as_bytes())?;
        Ok(Exported {
            path: path.display().to_string(),
        })
    }

    /// Moves an agreement to the trash; it leaves the editor.
    pub fn trash(&mut self, id: &str, now_ms: u64) -> Result<(), AppError> {
        self.store.trash(&parse_name(id)?, at(now_ms))?;
        self.open.remove(id);
        Ok(())
    }

    /// Brings an agreement back from the trash.
    pub fn restore(&mut self, id: &str) -> Result<(), AppError> {
        Ok(self.store.restore(&parse_name(id)?)?)
    }

    /// Deletes an agreement in the trash for good.
    pub fn purge(&mut self, id: &str) -> Result<(), AppError> {
        Ok(self.store.purge(&parse_name(id)?)?)
    }
}

/// A run about to start: the core scenario, and what to record it under.
pub struct PreparedRun {
    /// The scenario with the editor's agreement embedded.
    pub scenario: pledge::sim::scenario::Scenario,
    /// The saved version the editor's agreement is, if it is one (then the
    /// run is recorded against it).
    pub version: Option<u32>,
    /// The scenario's text (JSON), recorded with the run.
    pub text: String,
}

/// The Simulation screen's part of the library: one scenario per agreement,
/// kept in the store like a draft, and runs recorded against versions.
impl Library {
    /// The agreement's scenario with its problems: the saved one, else the
    /// one it starts with (its sample's, or derived from it), saved now.
    pub fn scenario(&mut self, id: &str, now_ms: u64) -> Result<ScenarioState, AppError> {
        self.load(id)?;
        let name = parse_name(id)?;
        let agreement = &self.open.get(id).ok_or_else(|| unknown(id))?.agreement;
        let scenario = match self.store.scenario(&name)? {
            Some(text) => read_draft_value(&text)?,
            None => {
                let initial =
                    crate::simulation::initial_scenario(agreement, at(now_ms).date_naive());
                self.store
                    .save_scenario(&name, &draft_text(&initial), at(now_ms))?;
                initial
            }
        };
        let agreement = &self.open.get(id).ok_or_else(|| unknown(id))?.agreement;
        Ok(ScenarioState {
            problems: crate::simulation::problems(&scenario, agreement),
            scenario,
        })
    }

    /// Saves an edited scenario and returns its problems.
    pub fn edit_scenario(
        &mut self,
        id: &str,
        scenario: Value,
        now_ms: u64,
    ) -> Result<Vec<AppError>, AppError> {
        self.load(id)?;
        self.store
            .save_scenario(&parse_name(id)?, &draft_text(&scenario), at(now_ms))?;
        let agreement = &self.open.get(id).ok_or_else(|| unknown(id))?.agreement;
        Ok(crate::simulation::problems(&scenario, agreement))
    }

    /// The scenario of an agreement built with the agreement in the editor,
    /// ready to run; an error names the field at fault.
    pub fn prepare_run(&mut self, id: &str, now_ms: u64) -> Result<PreparedRun, AppError> {
        let state = self.scenario(id, now_ms)?;
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        let scenario = crate::simulation::build(&state.scenario, &entry.agreement)?;
        let version = self.version_equal_to(id, &scenario.agreement)?;
        Ok(PreparedRun {
            scenario,
            version,
            text: draft_text(&state.scenario),
        })
    }

    /// The two scenarios of a what-if, each with the editor's agreement
    /// embedded: `baseline` (a scenario the Simulation screen kept) and
    /// the agreement's scenario as it is now. A baseline that no longer
    /// builds (the agreement changed under it) names its field under
    /// `baseline`.
    pub fn prepare_whatif(
        &mut self,
        id: &str,
        baseline: &Value,
        now_ms: u64,
    ) -> Result<
        (
            pledge::sim::scenario::Scenario,
            pledge::sim::scenario::Scenario,
        ),
        AppError,
    > {
        let current = self.prepare_run(id, now_ms)?.scenario;
        let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
        let base = build_baseline(baseline, &entry.agreement, "the baseline scenario")?;
        Ok((base, current))
    }

    /// The newest saved version whose canonical text is this agreement's:
    /// the one a run or an export made from it is recorded against; none
    /// while it has unsaved changes (undoing back to a saved text finds that
    /// version again).
    pub(crate) fn version_equal_to(
        &self,
        id: &str,
        agreement: &pledge::model::Agreement,
    ) -> Result<Option<u32>, AppError> {
        Ok(self.store.version_equal_to(&parse_name(id)?, agreement)?)
    }

    /// Records a finished run against the version it ran on.
    pub fn record_run(
        &mut self,
        id: &str,
        prepared: &PreparedRun,
        settings: &crate::simulation::RunSettings,
        results: Value,
        now_ms: u64,
    ) -> Result<Option<u32>, AppError> {
        let Some(version) = prepared.version else {
            return Ok(None);
        };
        let run = pledge::store::SimulationRun {
            scenario: prepared.text.clone(),
            seed: settings.seed,
            replications: settings.replications,
            results,
        };
        self.store
            .record_run(&parse_name(id)?, version, &run, at(now_ms))?;
        Ok(Some(version))
    }

    /// How many runs are recorded against the versions of an agreement.
    pub fn recorded_runs(&self, id: &str) -> Result<usize, AppError> {
        Ok(self.store.runs(&parse_name(id)?)?.len())
    }

    /// The runs recorded against the versions of an agreement, newest
    /// first, each with its headline figures.
    pub fn list_runs(&self, id: &str) -> Result<Vec<crate::dto::RecordedRun>, AppError> {
        let mut runs: Vec<_> = self
            .store
            .runs(&parse_name(id)?)?
            .into_iter()
            .map(|r| crate::dto::RecordedRun {
                id: r.id,
                recorded_ms: u64::try_from(r.recorded_at.timestamp_millis()).unwrap_or(0),
                version: crate::dto::VersionInfo::from(&r.version),
                scenario: r.run.results["scenario"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                seed: r.run.seed,
                replications: r.run.replications,
                figures: pledge::sim::charts::recorded_figures(&r.run.results),
            })
            .collect();
        runs.reverse();
        Ok(runs)
    }

    /// The two scenarios of a what-if against recorded run `run`: its
    /// scenario with the agreement of the version it ran on, and the
    /// agreement's scenario as it is now with the editor's agreement. A
    /// recorded scenario that no longer builds names its field under
    /// `baseline`.
    pub fn prepare_run_whatif(
        &mut self,
        id: &str,
        run: i64,
        now_ms: u64,
    ) -> Result<
        (
            pledge::sim::scenario::Scenario,
            pledge::sim::scenario::Scenario,
        ),
        AppError,
    > {
        let current = self.prepare_run(id, now_ms)?.scenario;
        let name = parse_name(id)?;
        let Some(record) = self.store.runs(&name)?.into_iter().find(|r| r.id == run) else {
            return Err(AppError::at(
                pledge::error::ErrorCode::UnknownRun,
                format!("no run {run} is recorded for this agreement"),
                "baseline",
            ));
        };
        let agreement = self
            .store
            .version(&name, Some(record.version.number))?
            .agreement()?;
        let agreement = serde_json::to_value(&agreement)
            .map_err(|e| AppError::new(pledge::error::ErrorCode::Store, e.to_string()))?;
        let scenario = read_draft_value(&record.run.scenario)?;
        let what = format!("the run recorded on version {}", record.version.number);
        let base = build_baseline(&scenario, &agreement, &what)?;
        Ok((base, current))
    }
}

/// The baseline of a what-if built with `agreement`; a problem names its
/// field under `baseline` and says it is `what`'s.
fn build_baseline(
    scenario: &Value,
    agreement: &Value,
    what: &str,
) -> Result<pledge::sim::scenario::Scenario, AppError> {
    crate::simulation::build(scenario, agreement).map_err(|mut e| {
        e.path = if e.path.is_empty() {
            "baseline".into()
        } else {
            format!("baseline.{}", e.path)
        };
        e.message = format!("{what}: {}", e.message);
        e
    })
}

/// A scenario's text read back: JSON, or YAML written by another tool.
fn read_draft_value(text: &str) -> Result<Value, AppError> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => Ok(pledge::format::Document::parse(text)?.deserialize()?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_library_lists_a_title_in_the_agreements_own_language() {
        // issue 14: a title written per language is a mapping, which the
        // library row shows in the agreement's language, not as nothing.
        let per_language = serde_json::json!({
            "meta": {"language": "fr", "title": {"en": "Service Level Agreement", "fr": "Convention de service"}},
        });
        assert_eq!(title_at(&per_language), "Convention de service");
        let english_only = serde_json::json!({
            "meta": {"language": "fr", "title": {"en": "Service Level Agreement"}},
        });
        assert_eq!(title_at(&english_only), "Service Level Agreement");
        let plain = serde_json::json!({"meta": {"language": "en", "title": "SLA"}});
        assert_eq!(title_at(&plain), "SLA");
        assert_eq!(title_at(&Value::Null), "");
    }

    struct Fixture {
        dir: tempfile::TempDir,
        lib: Library,
    }

    fn config(dir: &Path) -> Config {
        Config {
            data_dir: dir.join("data"),
            legacy_drafts: Some(dir.join("old/drafts")),
            author: "ana".into(),
        }
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let lib = Library::open(&config(dir.path()), 1_000).expect("a new library opens");
        Fixture { dir, lib }
    }

    fn set(value: &mut Value, pointer: &str, to: &str) {
        *value.pointer_mut(pointer).expect("the field exists") = Value::String(to.into());
    }

    #[test]
    fn a_new_library_holds_the_shipped_samples_as_first_versions() {
        let f = fixture();
        let rows = f.lib.list().expect("rows");
        let mut ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        let mut expected: Vec<_> = pledge::samples::SAMPLES.iter().map(|s| s.name).collect();
        expected.sort();
        assert_eq!(ids, expected);
        assert!(rows.iter().all(|r| r.version == Some(1)
            && !r.dirty
            && !r.client.is_empty()
            && r.modified_ms == 1_000));
        // Opening it again does not import them twice.
        drop(f.lib);
        let again = Library::open(&config(f.dir.path()), 2_000).expect("reopens");
        assert_eq!(again.list().expect("rows").len(), expected.len());
    }

    #[test]
    fn creating_from_the_blank_starter_gives_a_clean_draft() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 5_000).expect("the starter reads");
        assert_eq!(opened.summary.id, "SLA-TEST-1");
        assert_eq!(
            (
                opened.summary.title.as_str(),
                opened.summary.client.as_str()
            ),
            ("Support Agreement", "Customer SA")
        );
        assert!(
            opened
                .diagnostics
                .iter()
                .all(|d| d.severity != crate::dto::Severity::Error),
            "{:?}",
            opened.diagnostics
        );
        assert!(
            !opened.can_undo
                && !opened.can_redo
                && opened.summary.dirty
                && opened.summary.version.is_none()
        );
        let rows = f.lib.list().expect("rows");
        assert_eq!(rows[0].id, "SLA-TEST-1", "the newest change comes first");
        let second = f.lib.create("blank", 6_000).expect("again");
        assert_eq!(second.summary.id, "SLA-TEST-1-2");
    }

    #[test]
    fn every_offered_sample_creates_an_agreement() {
        let mut f = fixture();
        let before = f.lib.list().expect("rows").len();
        for sample in samples() {
            f.lib
                .create(&sample.name, 1)
                .unwrap_or_else(|e| panic!("{}: {e}", sample.name));
        }
        assert_eq!(f.lib.list().expect("rows").len(), before + samples().len());
        assert_eq!(
            f.lib.create("nope", 1).expect_err("no such sample").code,
            "unknown-sample"
        );
    }

    #[test]
    fn an_internal_target_longer_than_the_contract_is_reported_at_its_path_and_clears_when_fixed() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id;
        let mut value = opened.agreement;
        set(&mut value, "/targets/0/first_response/internal", "2h");
        let edited = f
            .lib
            .edit(&id, value.clone(), 2)
            .expect("the edit is recorded");
        let found: Vec<_> = edited
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_str()))
            .collect();
        assert!(
            found.contains(&(
                "internal-not-stricter",
                "targets[0].first_response.internal"
            )),
            "{found:?}"
        );
        set(&mut value, "/targets/0/first_response/internal", "20m");
        let edited = f.lib.edit(&id, value, 3).expect("the edit is recorded");
        assert!(edited
            .diagnostics
            .iter()
            .all(|d| d.code != "internal-not-stricter"));
    }

    #[test]
    fn a_malformed_value_is_a_diagnostic_at_its_field_and_cannot_be_saved_as_a_version() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 1).expect("the starter reads");
        let mut value = opened.agreement;
        set(&mut value, "/targets/0/resolution/within", "8 hours");
        let edited = f
            .lib
            .edit(&opened.summary.id, value, 2)
            .expect("the edit is recorded");
        assert_eq!(edited.diagnostics.len(), 1, "{:?}", edited.diagnostics);
        assert_eq!(edited.diagnostics[0].path, "targets[0].resolution.within");
        let error = f
            .lib
            .save_version(&opened.summary.id, "try", 3)
            .expect_err("unreadable");
        assert_eq!(error.path, "targets[0].resolution.within");
        assert!(f
            .lib
            .versions(&opened.summary.id)
            .expect("no versions")
            .is_empty());
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id.clone();
        let original = opened.agreement.clone();
        let mut changed = original.clone();
        set(&mut changed, "/meta/title", "Changed");
        let edited = f.lib.edit(&id, changed.clone(), 2).expect("edit");
        assert!(edited.can_undo && !edited.can_redo);
        let undone = f.lib.step(&id, false, 3).expect("undo");
        assert_eq!(undone.agreement, original);
        assert!(undone.can_redo && !undone.can_undo);
        let redone = f.lib.step(&id, true, 4).expect("redo");
        assert_eq!(redone.agreement, changed);
        assert_eq!(redone.summary.title, "Changed");
        assert!(
            !f.lib.edit(&id, changed, 5).expect("same").can_redo,
            "an edit that changes nothing keeps the history"
        );
    }

    #[test]
    fn history_is_bounded() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 1).expect("the starter reads");
        let id = opened.summary.id;
        let mut value = opened.agreement;
        for i in 0..HISTORY_LIMIT + 10 {
            set(&mut value, "/meta/title", &format!("Title {i}"));
            f.lib.edit(&id, value.clone(), i as u64).expect("edit");
        }
        let mut undone = 0;
        while f.lib.get(&id).expect("open").can_undo {
            f.lib.step(&id, false, 0).expect("undo");
            undone += 1;
        }
        assert_eq!(undone, HISTORY_LIMIT);
    }

    #[test]
    fn drafts_survive_a_restart_through_the_store() {
        let mut f = fixture();
        let opened = f.lib.create("blank", 5).expect("create");
        let mut value = opened.agreement;
        set(&mut value, "/meta/title", "Kept");
        f.lib
            .edit(&opened.summary.id, value.clone(), 6)
            .expect("edit");
        // No clean close: the library is simply dropped, as in a crash.
        drop(f.lib);
        let mut lib = Library::open(&config(f.dir.path()), 7).expect("reopens");
        let row = lib
            .list()
            .expect("rows")
            .into_iter()
            .find(|r| r.id == opened.summary.id)
            .expect("the draft is listed");
        assert_eq!(
            (row.title.as_str(), row.dirty, row.version, row.modified_ms),
            ("Kept", true, None, 6)
        );
        assert_eq!(lib.get(&opened.summary.id).expect("opens").agreement, value);
    }

    #[test]
    fn saving_versions_with_messages_gives_a_history_and_a_change_list() {
        let mut f = fixture();
        let id = "saas-multilevel";
        let mut value = f.lib.get(id).expect("the sample opens").agreement;
        let first = value
            .pointer("/targets/0/resolution/within")
            .cloned()
            .expect("a resolution target");
        set(&mut value, "/targets/0/resolution/within", "2h");
        f.lib.edit(id, value, 10_000).expect("edit");
        let saved = f
            .lib
            .save_version(id, "  Faster resolution  ", 11_000)
            .expect("saved");
        assert!(saved.created && !saved.summary.dirty);
        assert_eq!(
            (
                saved.version.number,
                saved.version.author.as_str(),
                saved.version.message.as_str()
            ),
            (2, "ana", "Faster resolution")
        );
        assert_eq!(saved.version.saved_ms, 11_000);
        // The edit left meta.version_label as it was: both versions would
        // print the same version, and the save says which one it repeats.
        assert_eq!(saved.same_label_as, Some(1));
        assert_eq!(saved.version.fingerprint.len(), 64);
        let again = f
            .lib
            .save_version(id, "nothing new", 12_000)
            .expect("saved");
        assert!(
            !again.created && again.version.number == 2,
            "an unchanged agreement makes no version"
        );
        let versions = f.lib.versions(id).expect("log");
        assert_eq!(
            versions.iter().map(|v| v.number).collect::<Vec<_>>(),
            [2, 1]
        );
        let changes = f
            .lib
            .compare(id, 1, 2, crate::dto::DocLang::En)
            .expect("compare");
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].kind, crate::dto::ChangeKind::Changed);
        assert_eq!(
            changes[0].before.as_ref(),
            first.as_str().map(String::from).as_ref()
        );
        assert_eq!(changes[0].after.as_deref(), Some("2h"));
        assert!(changes[0].text.ends_with("→ 2h"), "{}", changes[0].text);
        // In French, the same change in the store's French words.
        let french = f
            .lib
            .compare(id, 1, 2, crate::dto::DocLang::Fr)
            .expect("compare");
        assert_eq!(french.len(), 1);
        assert_eq!(
            (french[0].path.as_str(), french[0].after.as_deref()),
            (changes[0].path.as_str(), Some("2h"))
        );
        assert_ne!(french[0].text, changes[0].text, "{}", french[0].text);
        assert!(french[0].text.contains(" : "), "{}", french[0].text);
        let row = f
            .lib
            .list()
            .expect("rows")
            .into_iter()
            .find(|r| r.id == id)
            .expect("listed");
        assert_eq!((row.version, row.dirty), (Some(2), false));
        assert_eq!(
            f.lib
                .compare(id, 1, 9, crate::dto::DocLang::En)
                .expect_err("no version 9")
                .code,
            "unknown-version"
        );
    }

    #[test]
    fn trash_restore_and_purge() {
        let mut f = fixture();
        f.lib.get("internal-it-ola").expect("opens");
        f.lib.trash("internal-it-ola", 50).expect("trashed");
        assert!(f
            .lib
            .list()
            .expect("rows")
            .iter()
            .all(|r| r.id != "internal-it-ola"));
        let trash = f.lib.trash_list().expect("trash");
        assert_eq!((trash.len(), trash[0].trashed_ms), (1, Some(50)));
        assert_eq!(
            f.lib.get("internal-it-ola").expect_err("in the trash").code,
            "in-trash"
        );
        f.lib.restore("internal-it-ola").expect("restored");
        assert!(f
            .lib
            .list()
            .expect("rows")
            .iter()
            .any(|r| r.id == "internal-it-ola"));
        assert_eq!(
            f.lib
                .purge("internal-it-ola")
                .expect_err("not in the trash")
                .code,
            "not-in-trash"
        );
        f.lib.trash("internal-it-ola", 60).expect("trashed");
        f.lib.purge("internal-it-ola").expect("purged");
        assert!(f.lib.trash_list().expect("trash").is_empty());
        assert_eq!(
            f.lib.get("internal-it-ola").expect_err("gone").code,
            "unknown-agreement"
        );
    }

    #[test]
    fn import_and_export_yaml_files() {
        let mut f = fixture();
        let out = f.dir.path().join("out.yaml");
        let exported = f.lib.export("saas-multilevel", &out).expect("exported");
        assert_eq!(exported.path, out.display().to_string());
        let text = std::fs::read_to_string(&out).expect("written");
        assert_eq!(
            pledge::format::read(&text).expect("reads"),
            pledge::format::read(pledge::samples::SAMPLES[1].text).expect("sample")
        );
        let imported = f.lib.import(&out, 70).expect("imported");
        assert_eq!(imported.summary.id, "out");
        assert_eq!(imported.summary.version, Some(1));
        assert_eq!(
            f.lib.versions("out").expect("log")[0].message,
            "Imported from out.yaml"
        );
        let bad = f.dir.path().join("bad.yaml");
        std::fs::write(&bad, "pledge: 1\nmeta: 3\n").expect("written");
        assert!(f
            .lib
            .import(&bad, 71)
            .expect_err("not an agreement")
            .message
            .contains("line 2"));
        assert_eq!(
            f.lib.suggested_file_name("saas-multilevel"),
            "saas-multilevel.yaml"
        );
    }

    #[test]
    fn the_first_apps_drafts_are_imported_once_and_left_in_place() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let old = dir.path().join("old/drafts");
        std::fs::create_dir_all(&old).expect("old folder");
        let mut agreement =
            to_value(&pledge::format::read(pledge::samples::BLANK.text).expect("blank"))
                .expect("value");
        set(&mut agreement, "/meta/title", "Typed before the store");
        let draft = serde_json::json!({"id": "a1", "agreement": agreement, "path": null, "modified_ms": 777, "dirty": true});
        std::fs::write(old.join("a1.json"), draft.to_string()).expect("written");
        for round in 0..2 {
            let lib = Library::open(&config(dir.path()), 1_000 + round).expect("opens");
            let rows: Vec<_> = lib
                .list()
                .expect("rows")
                .into_iter()
                .filter(|r| r.title == "Typed before the store")
                .collect();
            assert_eq!(rows.len(), 1, "imported once, round {round}");
            assert_eq!(
                (rows[0].id.as_str(), rows[0].dirty, rows[0].modified_ms),
                ("SLA-TEST-1", true, 777)
            );
        }
        assert!(
            old.join("a1.json").exists(),
            "the old draft is left in place"
        );
    }

    #[test]
    fn a_huge_old_draft_is_left_aside_and_named_in_the_marker() {
        // issue 12: the old drafts were read whole; one far larger than any
        // agreement is now skipped unread past the limit, with a message.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let old = dir.path().join("old/drafts");
        std::fs::create_dir_all(&old).expect("old folder");
        let padding = " ".repeat(pledge::format::MAX_INPUT_BYTES);
        std::fs::write(
            old.join("a1.json"),
            format!(r#"{{"id":"a1","agreement":{{}},"modified_ms":1}}{padding}"#),
        )
        .expect("written");
        let config = config(dir.path());
        Library::open(&config, 1_000).expect("opens");
        let note = std::fs::read_to_string(config.data_dir.join(LEGACY_IMPORTED)).expect("marker");
        assert!(
            note.contains("a1.json") && note.contains("larger than"),
            "{note}"
        );
    }

    #[test]
    fn an_altered_version_is_refused_on_its_agreement_and_the_rest_stays_usable() {
        // issue 12: the app opened a version whose text had been changed in
        // the database file, as if it were what was saved.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let config = config(dir.path());
        drop(Library::open(&config, 1_000).expect("a new library opens"));
        let mut bytes = std::fs::read(config.database()).expect("read");
        let needle = "Tallyloop Cloud Platform".as_bytes();
        let mut flipped = 0;
        for i in 0..bytes.len().saturating_sub(needle.len()) {
            if &bytes[i..i + needle.len()] == needle {
                bytes[i] = b'W';
                flipped += 1;
            }
        }
        assert!(flipped >= 1, "the sample's title is in the file");
        std::fs::write(config.database(), &bytes).expect("written");
        let mut lib = Library::open(&config, 2_000).expect("the library still opens");
        let error = lib.get("saas-multilevel").expect_err("refused");
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            (
                "altered-version",
                config.database().display().to_string().as_str()
            )
        );
        assert!(
            error.message.contains("version 1 of `saas-multilevel`"),
            "{}",
            error.message
        );
        // The other agreements still open.
        assert!(lib.list().expect("rows").len() > 1);
        let other = lib
            .list()
            .expect("rows")
            .into_iter()
            .find(|r| r.id != "saas-multilevel")
            .expect("another agreement");
        lib.get(&other.id).expect("another agreement opens");
    }

    #[test]
    fn a_damaged_database_is_a_database_error_naming_the_file_and_is_left_as_it_was() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let config = config(dir.path());
        std::fs::create_dir_all(&config.data_dir).expect("folder");
        let garbage = b"this is not a database, it is a grocery list".repeat(100);
        std::fs::write(config.database(), &garbage).expect("written");
        let error = Library::open(&config, 1).err().expect("refused");
        assert_eq!(error.code, "database");
        assert_eq!(error.path, config.database().display().to_string());
        assert_eq!(
            std::fs::read(config.database()).expect("still there"),
            garbage
        );
    }
}

#[cfg(test)]
mod scenario_tests {
    use super::*;
    use crate::simulation::{self, RunSettings};
    use pledge::sim::run::CancelToken;

    const DAY_MS: u64 = 86_400_000;

    fn open(dir: &Path) -> Library {
        let config = Config {
            data_dir: dir.join("data"),
            legacy_drafts: None,
            author: "ana".into(),
        };
        Library::open(&config, 20_000 * DAY_MS).expect("a new library opens")
    }

    #[test]
    fn a_sample_agreement_starts_with_its_sample_scenario_kept_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("saas-multilevel", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        let state = lib.scenario(&id, 20_000 * DAY_MS).unwrap();
        assert_eq!(state.problems, Vec::new());
        assert_eq!(
            state.scenario["staffing"]["teams"][1]["name"],
            "Customer Support (Tier 1)"
        );
        assert!(
            state.scenario.get("agreement").is_none(),
            "the agreement is the editor's, not the scenario's"
        );
        let mut edited = state.scenario.clone();
        edited["workload"]["tickets_per_week"] = 650.into();
        lib.edit_scenario(&id, edited, 20_001 * DAY_MS).unwrap();
        drop(lib);
        let mut lib = open(dir.path());
        assert_eq!(
            lib.scenario(&id, 20_002 * DAY_MS).unwrap().scenario["workload"]["tickets_per_week"],
            650
        );
    }

    #[test]
    fn an_agreement_without_a_sample_gets_a_valid_scenario_from_its_plans_and_calendar() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib.create("blank", 20_000 * DAY_MS).unwrap().summary.id;
        let state = lib.scenario(&id, 20_000 * DAY_MS).unwrap();
        assert_eq!(state.problems, Vec::new(), "{:#}", state.scenario);
        let agreement = &lib.get(&id).unwrap().agreement;
        let priorities = agreement["priorities"].as_array().unwrap().len();
        let plans = agreement["plans"].as_array().unwrap().len();
        assert_eq!(
            state.scenario["workload"]["mix"].as_array().unwrap().len(),
            priorities * plans
        );
        assert_eq!(
            state.scenario["start"], "2024-10-04",
            "the start is the day the scenario was made"
        );
    }

    #[test]
    fn a_percentage_pasted_as_a_bare_number_is_refused_not_turned_into_a_percentage() {
        // issue 18: `0.95` pasted in the objective was read as 0.95 % and
        // saved as `0.95%`; now it stays as typed, with the reader's message
        // under the field, and the draft keeps it.
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("saas-multilevel", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        let mut agreement = lib.get(&id).unwrap().agreement;
        agreement["targets"][0]["objective"] = "0.95".into();
        let edited = lib.edit(&id, agreement, 20_001 * DAY_MS).unwrap();
        let d = edited
            .diagnostics
            .iter()
            .find(|d| d.path == "targets[0].objective")
            .expect("a finding under the objective");
        assert_eq!(
            d.message,
            "`0.95` is not a percentage: write `95%` or `0.95%`"
        );
        assert_eq!(
            lib.get(&id).unwrap().agreement["targets"][0]["objective"],
            "0.95"
        );
        // The scenario is checked with the editor's agreement: a valid one.
        agreement = lib.get(&id).unwrap().agreement;
        agreement["targets"][0]["objective"] = "95%".into();
        lib.edit(&id, agreement, 20_001 * DAY_MS).unwrap();
        let mut scenario = lib.scenario(&id, 20_001 * DAY_MS).unwrap().scenario;
        scenario["staffing"]["teams"][0]["shrinkage"] = "0.3".into();
        let problems = lib.edit_scenario(&id, scenario, 20_001 * DAY_MS).unwrap();
        assert_eq!(problems[0].path, "staffing.teams[0].shrinkage");
        assert_eq!(
            problems[0].message,
            "`0.3` is not a percentage: write `30%` or `0.3%`"
        );
    }

    #[test]
    fn a_bad_share_comes_back_with_its_path_and_the_scenario_is_still_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("saas-multilevel", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        let mut scenario = lib.scenario(&id, 20_000 * DAY_MS).unwrap().scenario;
        scenario["workload"]["mix"][2]["share"] = "150%".into();
        let problems = lib
            .edit_scenario(&id, scenario.clone(), 20_001 * DAY_MS)
            .unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "workload.mix[2].share");
        scenario["workload"]["mix"][2]["share"] = "12 percent".into();
        let problems = lib.edit_scenario(&id, scenario, 20_001 * DAY_MS).unwrap();
        assert_eq!(
            problems[0].path, "workload.mix[2].share",
            "{:?}",
            problems[0]
        );
        assert_eq!(
            lib.scenario(&id, 20_002 * DAY_MS).unwrap().scenario["workload"]["mix"][2]["share"],
            "12 percent"
        );
        let err = lib
            .prepare_run(&id, 20_002 * DAY_MS)
            .err()
            .expect("an invalid scenario does not run");
        assert_eq!(err.path, "workload.mix[2].share");
    }

    #[test]
    fn every_problem_of_a_scenario_comes_back_at_its_field() {
        // issue 17: the Simulation screen shows each impossible value at
        // its field, not only the first; a run is refused naming them all.
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("saas-multilevel", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        let mut scenario = lib.scenario(&id, 20_000 * DAY_MS).unwrap().scenario;
        scenario["horizon"] = "10m".into();
        scenario["workload"]["mix"][2]["share"] = "150%".into();
        scenario["staffing"]["teams"][0]["shrinkage"] = "120%".into();
        let problems = lib.edit_scenario(&id, scenario, 20_001 * DAY_MS).unwrap();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.code.as_str(), p.path.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("invalid-scenario", "horizon"),
                ("invalid-scenario", "workload.mix[2].share"),
                ("invalid-scenario", "staffing.teams[0].shrinkage"),
            ]
        );
        let err = lib
            .prepare_run(&id, 20_002 * DAY_MS)
            .err()
            .expect("an invalid scenario does not run");
        assert_eq!(err.code, ErrorCode::InvalidScenario);
        assert_eq!(err.path, "horizon");
        for path in [
            "horizon",
            "workload.mix[2].share",
            "staffing.teams[0].shrinkage",
        ] {
            assert!(err.message.contains(path), "{}", err.message);
        }
    }

    #[test]
    fn the_agreement_simulated_is_the_editors_draft() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("saas-multilevel", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        lib.scenario(&id, 20_000 * DAY_MS).unwrap();
        let mut agreement = lib.get(&id).unwrap().agreement;
        agreement["meta"]["currency"] = "CHF".into();
        lib.edit(&id, agreement, 20_001 * DAY_MS).unwrap();
        let prepared = lib.prepare_run(&id, 20_001 * DAY_MS).unwrap();
        assert_eq!(prepared.scenario.agreement.meta.currency, "CHF");
        assert_eq!(prepared.version, None, "a draft is not a saved version");
    }

    fn small(scenario: &mut Value) {
        scenario["warm_up"] = "2d".into();
        scenario["horizon"] = "10d".into();
    }

    #[test]
    fn a_run_of_a_saved_version_is_recorded_against_it_and_a_cancelled_run_stops() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(dir.path());
        let id = lib
            .create("internal-it-ola", 20_000 * DAY_MS)
            .unwrap()
            .summary
            .id;
        let mut scenario = lib.scenario(&id, 20_000 * DAY_MS).unwrap().scenario;
        small(&mut scenario);
        assert_eq!(
            lib.edit_scenario(&id, scenario, 20_000 * DAY_MS).unwrap(),
            Vec::new()
        );
        lib.save_version(&id, "First", 20_001 * DAY_MS).unwrap();
        let prepared = lib.prepare_run(&id, 20_001 * DAY_MS).unwrap();
        assert_eq!(prepared.version, Some(1));
        let settings = RunSettings {
            replications: 3,
            seed: 7,
            confidence: None,
        };
        let heard = std::sync::Mutex::new(Vec::new());
        let finished = simulation::run(&prepared.scenario, &settings, &CancelToken::new(), &|p| {
            heard.lock().unwrap().push(p.done)
        })
        .unwrap();
        let mut heard = heard.into_inner().unwrap();
        heard.sort();
        assert_eq!(heard, vec![1, 2, 3]);
        assert_eq!(finished.results.replications, 3);
        assert_eq!(finished.results.breach_heatmap.len(), 168);
        assert!(!finished.results.objectives.is_empty());
        assert_eq!(finished.results.credits.last().unwrap().schedule, "total");
        let recorded = lib
            .record_run(&id, &prepared, &settings, finished.record, 20_002 * DAY_MS)
            .unwrap();
        assert_eq!(recorded, Some(1));
        assert_eq!(lib.recorded_runs(&id).unwrap(), 1);

        // Listed with its version and figures; a what-if against it builds
        // its scenario on the version it ran on, not on the editor's text.
        let listed = lib.list_runs(&id).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].version.number, 1);
        assert_eq!((listed[0].seed, listed[0].replications), (7, 3));
        assert_eq!(listed[0].recorded_ms, 20_002 * DAY_MS);
        assert_eq!(listed[0].scenario, prepared.scenario.name);
        assert_eq!(
            listed[0].figures.objectives as usize,
            finished.results.objectives.len()
        );
        let mut agreement = lib.get(&id).unwrap().agreement;
        agreement["meta"]["title"] = "Renamed after the run".into();
        lib.edit(&id, agreement, 20_003 * DAY_MS).unwrap();
        let (base, current) = lib
            .prepare_run_whatif(&id, listed[0].id, 20_003 * DAY_MS)
            .unwrap();
        assert_eq!(base.agreement, prepared.scenario.agreement);
        assert_eq!(current.agreement.meta.title, "Renamed after the run".into());
        let err = lib
            .prepare_run_whatif(&id, listed[0].id + 100, 20_003 * DAY_MS)
            .err()
            .unwrap();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("unknown-run", "baseline")
        );

        let cancelled = CancelToken::new();
        cancelled.cancel();
        let err = simulation::run(&prepared.scenario, &settings, &cancelled, &|_| {})
            .err()
            .unwrap();
        assert_eq!(err.code, "cancelled");
        let err = simulation::size(
            &prepared.scenario,
            &RunSettings {
                confidence: Some(0.9),
                ..settings
            },
            &cancelled,
            &|_| {},
        )
        .err()
        .unwrap();
        assert_eq!(err.code, "cancelled");
    }
}
