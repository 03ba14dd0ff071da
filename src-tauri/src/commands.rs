//! The commands the UI invokes: each takes the state, calls the library or
//! the core, and lets the error through as `{code, message, path}`. Each
//! is listed in build.rs and granted in capabilities/default.json.

use serde_json::Value;
use tauri::{AppHandle, State};

use crate::dto::{AgreementSummary, Edited, Opened, SampleInfo, Saved};
use crate::error::AppError;
use crate::{dialogs, library, now_ms, AppState};

/// The samples and starters to create an agreement from.
#[tauri::command]
pub fn list_samples() -> Vec<SampleInfo> {
    library::samples()
}

/// The library's rows.
#[tauri::command]
pub fn list_agreements(state: State<'_, AppState>) -> Result<Vec<AgreementSummary>, AppError> {
    Ok(state.lock().list())
}

/// Creates an agreement from a sample.
#[tauri::command]
pub fn new_agreement(state: State<'_, AppState>, sample: String) -> Result<Opened, AppError> {
    state.lock().create(&sample, now_ms())
}

/// An open agreement with its findings.
#[tauri::command]
pub fn get_agreement(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock().get(&id)
}

/// Records an edit and returns the new findings.
#[tauri::command]
pub fn edit_agreement(state: State<'_, AppState>, id: String, agreement: Value) -> Result<Edited, AppError> {
    state.lock().edit(&id, agreement, now_ms())
}

/// Undoes the last edit.
#[tauri::command]
pub fn undo(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock().step(&id, false, now_ms())
}

/// Redoes the last undone edit.
#[tauri::command]
pub fn redo(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock().step(&id, true, now_ms())
}

/// Closes an agreement and forgets its draft.
#[tauri::command]
pub fn close_agreement(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.lock().close(&id)
}

/// Asks for a file in a dialog and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn open_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Opened>, AppError> {
    let Some(path) = dialogs::pick_open(&app) else { return Ok(None) };
    state.lock().open_path(&path, now_ms()).map(Some)
}

/// Saves to the agreement's file, asking for one in a dialog the first time
/// or when `save_as`; `None` when the user cancels.
#[tauri::command]
pub async fn save_file(app: AppHandle, state: State<'_, AppState>, id: String, save_as: bool) -> Result<Option<Saved>, AppError> {
    let (known, name) = { let library = state.lock(); (library.path(&id)?, library.suggested_file_name(&id)?) };
    let Some(path) = known.filter(|_| !save_as).or_else(|| dialogs::pick_save(&app, &name)) else { return Ok(None) };
    state.lock().save(&id, &path).map(Some)
}
