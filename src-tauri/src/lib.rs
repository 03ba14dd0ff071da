//! The Pledge desktop app: a Tauri shell over the `pledge` core.
//!
//! [`commands`] are thin adapters; [`library`] is the library over the
//! core's SQLite store (shared with the command line), with the open
//! agreements' undo history and autosaved drafts, without knowing Tauri;
//! [`legacy`] reads the first app's drafts once; [`dto`] and [`error`] are
//! what crosses to the UI, and [`bindings`] generates its TypeScript types'
//! schema.

pub mod bindings;
pub mod commands;
mod dialogs;
pub mod dto;
pub mod error;
pub mod legacy;
pub mod library;
pub mod simulation;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use tauri::Manager;

use crate::error::{AppError, ErrorCode};
use crate::library::{Config, Library};

/// Where the app keeps its data when set: the same variable as the command
/// line's, so both use one database.
pub const DATA_DIR: &str = pledge::store::DATA_DIR_VAR;

/// The state shared by the commands: the library once it opened. A library
/// that cannot be opened (a damaged file, one from a newer Pledge, another
/// process holding it) leaves the app running on an error screen, and each
/// later attempt tries again.
pub struct AppState {
    config: Config,
    library: Mutex<Result<Library, AppError>>,
}

impl AppState {
    fn new(config: Config) -> Self {
        let library = Library::open(&config, now_ms());
        AppState {
            config,
            library: Mutex::new(library),
        }
    }

    /// The library, opened again first if it could not be before. A command
    /// that panicked while holding it left it in a consistent state (each
    /// mutation completes before it can fail), so a poisoned lock is taken
    /// over rather than failing every later command.
    pub fn lock(&self) -> Result<LibraryGuard<'_>, AppError> {
        let mut guard = self
            .library
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Opening again is safe: a refused file is only read, never
        // changed, and a busy one may be free now, or the user may have
        // moved a damaged one away.
        if guard.is_err() {
            *guard = Library::open(&self.config, now_ms());
        }
        match &*guard {
            Ok(_) => Ok(LibraryGuard(guard)),
            Err(error) => Err(error.clone()),
        }
    }

    /// The database file.
    pub fn database(&self) -> PathBuf {
        self.config.database()
    }
}

/// The open library, locked for one command.
pub struct LibraryGuard<'a>(MutexGuard<'a, Result<Library, AppError>>);

impl std::ops::Deref for LibraryGuard<'_> {
    type Target = Library;
    fn deref(&self) -> &Library {
        // The guard is only made over an open library.
        self.0
            .as_ref()
            .unwrap_or_else(|_| unreachable!("a guard holds an open library"))
    }
}

impl std::ops::DerefMut for LibraryGuard<'_> {
    fn deref_mut(&mut self) -> &mut Library {
        self.0
            .as_mut()
            .unwrap_or_else(|_| unreachable!("a guard holds an open library"))
    }
}

/// Milliseconds since the Unix epoch, read here at the boundary so that the
/// library takes time as a parameter.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The library's configuration from the environment: `PLEDGE_DATA_DIR`, else
/// the command line's default data directory; the first app's drafts were in
/// `<data dir>/drafts` under `PLEDGE_DATA_DIR`, else under Tauri's app data
/// directory; the author is `$USER`.
fn config(app_data_dir: Option<PathBuf>) -> Result<Config, AppError> {
    let env_dir = std::env::var_os(DATA_DIR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let data_dir = pledge::store::data_dir(None, |var| std::env::var_os(var)).ok_or_else(|| {
        AppError::new(
            ErrorCode::Io,
            format!("no data directory: set {DATA_DIR} or HOME"),
        )
    })?;
    let legacy_drafts = env_dir
        .or(app_data_dir)
        .map(|d| d.join(legacy::DRAFTS_FOLDER));
    let author = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".into());
    Ok(Config {
        data_dir,
        legacy_drafts,
        author,
    })
}

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config = config(app.path().app_data_dir().ok())?;
            app.manage(AppState::new(config));
            app.manage(simulation::Runs::default());
            app.manage(library::tickets::ChosenExport::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::list_samples,
            commands::list_agreements,
            commands::list_trash,
            commands::new_agreement,
            commands::get_agreement,
            commands::edit_agreement,
            commands::undo,
            commands::redo,
            commands::save_version,
            commands::list_versions,
            commands::compare_versions,
            commands::trash_agreement,
            commands::restore_agreement,
            commands::purge_agreement,
            commands::import_file,
            commands::export_file,
            commands::get_scenario,
            commands::edit_scenario,
            commands::run_simulation,
            commands::size_staffing,
            commands::compare_scenarios,
            commands::compare_with_run,
            commands::draw_frontier,
            commands::scenario_coverage,
            commands::list_runs,
            commands::cancel_run,
            commands::list_portfolios,
            commands::get_portfolio,
            commands::new_portfolio,
            commands::save_portfolio,
            commands::delete_portfolio,
            commands::run_portfolio,
            commands::preview_contract,
            commands::save_contract_pdf,
            commands::save_contract_docx,
            commands::redline_versions,
            commands::save_redline_pdf,
            commands::save_redline_docx,
            commands::get_settings,
            commands::set_author,
            commands::list_histories,
            commands::pick_history_export,
            commands::import_history,
            commands::history_report,
            commands::history_targets,
            commands::use_target,
            commands::calibrate_scenario,
            commands::get_word_maps,
            commands::set_word_maps,
        ])
        .run(tauri::generate_context!())
        .expect("the Pledge window could not start");
}
