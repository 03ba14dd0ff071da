//! Lists the app's commands in the AppManifest so that each is denied until
//! a capability grants it: the UI can call only what capabilities/default.json
//! names.

fn main() {
    let commands: &[&str] = &[
        "startup",
        "list_samples",
        "list_agreements",
        "list_trash",
        "new_agreement",
        "get_agreement",
        "edit_agreement",
        "undo",
        "redo",
        "save_version",
        "list_versions",
        "compare_versions",
        "trash_agreement",
        "restore_agreement",
        "purge_agreement",
        "import_file",
        "export_file",
        "get_scenario",
        "edit_scenario",
        "run_simulation",
        "size_staffing",
        "compare_scenarios",
        "compare_with_run",
        "draw_frontier",
        "scenario_coverage",
        "list_runs",
        "cancel_run",
        "list_portfolios",
        "get_portfolio",
        "new_portfolio",
        "save_portfolio",
        "delete_portfolio",
        "run_portfolio",
        "preview_contract",
        "save_contract_pdf",
        "save_contract_docx",
        "redline_versions",
        "save_redline_pdf",
        "save_redline_docx",
        "get_settings",
        "set_author",
        "list_histories",
        "pick_history_export",
        "import_history",
        "history_report",
        "history_targets",
        "use_target",
        "calibrate_scenario",
        "get_word_maps",
        "set_word_maps",
    ];
    // The built UI is embedded in the binary: a new `ui/dist` must rebuild
    // the app even when no Rust file changed.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("the Tauri build step failed");
}
