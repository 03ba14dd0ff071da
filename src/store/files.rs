//! Import and export of agreement YAML files, one file or a folder.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{AgreementName, Saved, Shelf, Store, StoreError};
use crate::format;

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The file read.
    pub file: PathBuf,
    /// The version it became (or matched).
    pub saved: Saved,
}

/// The agreement files in a folder (`*.yaml` and `*.yml`, not recursive),
/// sorted by name so that an import is repeatable.
pub fn yaml_files_in(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let io = |e| StoreError::Io {
        path: dir.to_owned(),
        source: e,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The agreement name a file imports under when none is given: its stem.
fn name_from_file(file: &Path) -> Result<AgreementName, StoreError> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.parse()
}

/// Reads one YAML file and saves it as a new version of `name` (by default
/// the file's stem). A file identical to the latest version adds nothing.
pub fn import_file(
    store: &mut Store,
    file: &Path,
    name: Option<&AgreementName>,
    author: &str,
    message: &str,
    at: DateTime<Utc>,
) -> Result<Imported, StoreError> {
    // The same bounded reader as `validate`: an endless or huge file is
    // refused after the limit, not loaded whole.
    let text = format::read_text(file)?;
    let agreement = format::read(&text).map_err(|source| StoreError::File {
        path: file.to_owned(),
        source,
    })?;
    let name = match name {
        Some(name) => name.clone(),
        None => name_from_file(file)?,
    };
    let saved = store.save(&name, &agreement, author, message, at)?;
    Ok(Imported {
        file: file.to_owned(),
        saved,
    })
}

/// What [`import_files`] did when it went through every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Files saved as a new version or found identical to the latest one.
    pub imported: usize,
    /// Files refused for a reason of their own (reported one by one).
    pub failed: usize,
}

/// Imports `files` one by one, each in its own transaction, and calls
/// `report` with each outcome as soon as it is committed or refused, so
/// that what was reported is what is saved. A file that is refused (not an
/// agreement, too large, a bad name) does not stop the others. A busy
/// database does: then the error names the files imported before it and
/// those that were not, since saying that nothing changed would be false.
/// `now` gives the time of each save.
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    name: Option<&AgreementName>,
    author: &str,
    message: &str,
    mut now: impl FnMut() -> DateTime<Utc>,
    mut report: impl FnMut(&Path, &Result<Imported, StoreError>),
) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary::default();
    let mut imported = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let result = import_file(store, file, name, author, message, now());
        if let Err(StoreError::Busy { path }) = result {
            return Err(StoreError::ImportInterrupted {
                path,
                imported,
                not_imported: files[i..].to_vec(),
            });
        }
        report(file, &result);
        match result {
            Ok(_) => {
                summary.imported += 1;
                imported.push(file.clone());
            }
            Err(_) => summary.failed += 1,
        }
    }
    Ok(summary)
}

/// Exports version `number` (the latest when `None`) of `name` to the file
/// `target`, byte for byte as stored.
pub fn export_version(
    store: &Store,
    name: &AgreementName,
    number: Option<u32>,
    target: &Path,
) -> Result<(), StoreError> {
    let version = store.version(name, number)?;
    Ok(crate::atomic::write_atomically(
        target,
        version.yaml.as_bytes(),
    )?)
}

/// Exports the latest version of every agreement in use to `dir` as
/// `<name>.yaml`, creating the folder, and returns the files written.
/// Agreements with only a draft have nothing to export and are skipped.
pub fn export_all(store: &Store, dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    fs::create_dir_all(dir).map_err(|e| StoreError::Io {
        path: dir.to_owned(),
        source: e,
    })?;
    let mut written = Vec::new();
    for summary in store.list(Shelf::Live)? {
        if summary.latest.is_none() {
            continue;
        }
        let target = dir.join(format!("{}.yaml", summary.name));
        export_version(store, &summary.name, None, &target)?;
        written.push(target);
    }
    Ok(written)
}
