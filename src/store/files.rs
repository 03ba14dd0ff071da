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
    let text = fs::read_to_string(file).map_err(|e| StoreError::Io {
        path: file.to_owned(),
        source: e,
    })?;
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

/// Writes `text` to `target` through a temporary file and a rename, so that
/// an interrupted export never leaves half a file where a good one was.
fn write_atomically(target: &Path, text: &str) -> Result<(), StoreError> {
    let io = |e| StoreError::Io {
        path: target.to_owned(),
        source: e,
    };
    let mut temp = target.as_os_str().to_owned();
    temp.push(".partial");
    let temp = PathBuf::from(temp);
    fs::write(&temp, text).map_err(io)?;
    fs::rename(&temp, target).map_err(io)
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
    write_atomically(target, &version.yaml)
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
