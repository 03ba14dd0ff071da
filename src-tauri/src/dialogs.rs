//! File dialogs, opened by the Rust side so that the UI never names a path
//! and holds no file-system or dialog permission.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Set to a directory, this makes "export" write there under the suggested
/// name without a dialog: the end-to-end tests use it because WebDriver
/// cannot drive a native dialog. Only whoever starts the process can set it.
pub const TEST_SAVE_DIR: &str = "PLEDGE_TEST_SAVE_DIR";

const FILTER: (&str, &[&str]) = ("Pledge agreement", &["yaml", "yml"]);

/// Asks for an agreement file to open.
pub fn pick_open(app: &AppHandle) -> Option<PathBuf> {
    app.dialog().file().add_filter(FILTER.0, FILTER.1).blocking_pick_file()?.into_path().ok()
}

/// Asks where to save an agreement, offering `suggested` as the name.
pub fn pick_save(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(TEST_SAVE_DIR) {
        return Some(PathBuf::from(dir).join(suggested));
    }
    app.dialog().file().add_filter(FILTER.0, FILTER.1).set_file_name(suggested).blocking_save_file()?.into_path().ok()
}
