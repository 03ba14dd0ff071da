//! File dialogs, opened by the Rust side so that the UI never names a path
//! and holds no file-system or dialog permission.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Set to a directory, this makes every save dialog answer with a file of
/// that directory under the suggested name, without opening: the
/// end-to-end tests use it because WebDriver cannot drive a native dialog.
/// Read only in debug builds (the ones the tests drive); a release build
/// always asks.
pub const TEST_SAVE_DIR: &str = "PLEDGE_TEST_SAVE_DIR";

/// Set to a file, this makes the export dialog (the Tickets screen's
/// import) answer with that file without opening, for the end-to-end
/// tests. Read only in debug builds.
pub const TEST_OPEN_FILE: &str = "PLEDGE_TEST_OPEN_FILE";

const EXPORT_FILTER: (&str, &[&str]) = (
    "Ticket export (CSV, Zendesk JSON)",
    &["csv", "txt", "json", "ndjson", "jsonl"],
);
const FILTER: (&str, &[&str]) = ("Pledge agreement", &["yaml", "yml"]);
const PDF_FILTER: (&str, &[&str]) = ("PDF document", &["pdf"]);
const DOCX_FILTER: (&str, &[&str]) = ("Word document", &["docx"]);

/// Asks for an agreement file to open.
pub fn pick_open(app: &AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .add_filter(FILTER.0, FILTER.1)
        .blocking_pick_file()?
        .into_path()
        .ok()
}

/// Asks for a helpdesk's ticket export to import.
pub fn pick_export(app: &AppHandle) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        if let Some(file) = std::env::var_os(TEST_OPEN_FILE).filter(|f| !f.is_empty()) {
            return Some(PathBuf::from(file));
        }
    }
    app.dialog()
        .file()
        .add_filter(EXPORT_FILTER.0, EXPORT_FILTER.1)
        .blocking_pick_file()?
        .into_path()
        .ok()
}

/// The test directory's answer, in debug builds when it is set.
fn test_answer(suggested: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(TEST_SAVE_DIR)
            .filter(|d| !d.is_empty())
            .map(|dir| PathBuf::from(dir).join(suggested))
    } else {
        None
    }
}

fn pick_save_as(app: &AppHandle, filter: (&str, &[&str]), suggested: &str) -> Option<PathBuf> {
    if let Some(path) = test_answer(suggested) {
        return Some(path);
    }
    app.dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .set_file_name(suggested)
        .blocking_save_file()?
        .into_path()
        .ok()
}

/// Asks where to save an agreement, offering `suggested` as the name.
pub fn pick_save(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    pick_save_as(app, FILTER, suggested)
}

/// Asks where to save a PDF, offering `suggested` as the name.
pub fn pick_save_pdf(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    pick_save_as(app, PDF_FILTER, suggested)
}

/// Asks where to save a Word document, offering `suggested`.
pub fn pick_save_docx(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    pick_save_as(app, DOCX_FILTER, suggested)
}
