//! The Pledge desktop app: a Tauri shell over the `pledge` core.
//!
//! [`commands`] are thin adapters; [`library`] holds the open agreements,
//! their undo history and autosaved drafts without knowing Tauri; [`store`]
//! is the one persistence seam; [`dto`] and [`error`] are what crosses to
//! the UI, and [`bindings`] generates its TypeScript types' schema.

pub mod bindings;
pub mod commands;
mod dialogs;
pub mod dto;
pub mod error;
pub mod library;
pub mod store;

use std::sync::{Mutex, MutexGuard};

use tauri::Manager;

use crate::library::Library;
use crate::store::{FileStore, Store};

/// Where the app keeps its data when set; the platform's app data
/// directory otherwise.
pub const DATA_DIR: &str = "PLEDGE_DATA_DIR";

/// The state shared by the commands.
pub struct AppState(Mutex<Library<Box<dyn Store>>>);

impl AppState {
    /// The library. A command that panicked while holding it left it in a
    /// consistent state (each mutation completes before it can fail), so a
    /// poisoned lock is taken over rather than failing every later command.
    pub fn lock(&self) -> MutexGuard<'_, Library<Box<dyn Store>>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Milliseconds since the Unix epoch, read here at the boundary so that the
/// library takes time as a parameter.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data = match std::env::var_os(DATA_DIR) {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            let store: Box<dyn Store> = Box::new(FileStore::new(data.join("drafts"))?);
            app.manage(AppState(Mutex::new(Library::load(store)?)));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_samples,
            commands::list_agreements,
            commands::new_agreement,
            commands::get_agreement,
            commands::edit_agreement,
            commands::undo,
            commands::redo,
            commands::close_agreement,
            commands::open_file,
            commands::save_file,
        ])
        .run(tauri::generate_context!())
        .expect("the Pledge window could not start");
}
