//! Lists the app's commands in the AppManifest so that each is denied until
//! a capability grants it: the UI can call only what capabilities/default.json
//! names.

fn main() {
    let commands: &[&str] = &[
        "list_samples",
        "list_agreements",
        "new_agreement",
        "get_agreement",
        "edit_agreement",
        "undo",
        "redo",
        "close_agreement",
        "open_file",
        "save_file",
    ];
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(commands)))
        .expect("the Tauri build step failed");
}
