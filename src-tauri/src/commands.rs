//! The commands the UI invokes: each takes the state, calls the library or
//! the core, and lets the error through as `{code, message, path}`. Each
//! is declared in `bindings::COMMANDS` (from which the UI's call is
//! generated), listed in build.rs and granted in
//! capabilities/default.json; a test holds the four together.

use pledge::sim::run::CancelToken;
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dto::{
    AgreementSummary, Change, ContractChoice, ContractPreview, DocLang, Edited, Exported, Opened,
    PortfolioRow, PortfolioState, RecordedRun, RedlineView, SampleInfo, SavedPdf, ScenarioState,
    Settings, Startup, VersionInfo, VersionSaved,
};
use crate::error::{AppError, ErrorCode};
use crate::library::documents;
use crate::library::tickets::{
    self, CalibratedScenario, ChosenExport, HistoryReport, HistoryRow, ImportSummary, ImportTick,
    PickedExport, ReportAgreement, TargetUsed,
};
use crate::simulation::{
    self, Frontier, FrontierRequest, PortfolioResults, RunProgress, RunSettings, Runs,
    SimulationResults, SizingResults, TeamCoverage,
};
use crate::{dialogs, library, now_ms, AppState};
use pledge::history::targets::HistoryTargets;
use pledge::model::Metric;
use pledge::sim::whatif::WhatIf;
use pledge::store::settings::WordMaps;

/// Where the data is and whether the library opened; asking again retries.
#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> Startup {
    Startup {
        database: state.database().display().to_string(),
        error: state.lock().err(),
    }
}

/// The samples and starters to create an agreement from.
#[tauri::command]
pub fn list_samples() -> Vec<SampleInfo> {
    library::samples()
}

/// The library's rows.
#[tauri::command]
pub fn list_agreements(state: State<'_, AppState>) -> Result<Vec<AgreementSummary>, AppError> {
    state.lock()?.list()
}

/// The trash's rows.
#[tauri::command]
pub fn list_trash(state: State<'_, AppState>) -> Result<Vec<AgreementSummary>, AppError> {
    state.lock()?.trash_list()
}

/// Creates an agreement from a sample.
#[tauri::command]
pub fn new_agreement(state: State<'_, AppState>, sample: String) -> Result<Opened, AppError> {
    state.lock()?.create(&sample, now_ms())
}

/// An agreement with its findings.
#[tauri::command]
pub fn get_agreement(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock()?.get(&id)
}

/// Records an edit, autosaves the draft and returns the new findings.
#[tauri::command]
pub fn edit_agreement(
    state: State<'_, AppState>,
    id: String,
    agreement: Value,
) -> Result<Edited, AppError> {
    state.lock()?.edit(&id, agreement, now_ms())
}

/// Undoes the last edit.
#[tauri::command]
pub fn undo(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock()?.step(&id, false, now_ms())
}

/// Redoes the last undone edit.
#[tauri::command]
pub fn redo(state: State<'_, AppState>, id: String) -> Result<Opened, AppError> {
    state.lock()?.step(&id, true, now_ms())
}

/// Saves the agreement as a new version with a message.
#[tauri::command]
pub fn save_version(
    state: State<'_, AppState>,
    id: String,
    message: String,
) -> Result<VersionSaved, AppError> {
    state.lock()?.save_version(&id, &message, now_ms())
}

/// The saved versions, newest first.
#[tauri::command]
pub fn list_versions(state: State<'_, AppState>, id: String) -> Result<Vec<VersionInfo>, AppError> {
    state.lock()?.versions(&id)
}

/// What changed between two versions.
#[tauri::command]
pub fn compare_versions(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
    lang: DocLang,
) -> Result<Vec<Change>, AppError> {
    state.lock()?.compare(&id, from, to, lang)
}

/// Moves an agreement to the trash.
#[tauri::command]
pub fn trash_agreement(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.lock()?.trash(&id, now_ms())
}

/// Brings an agreement back from the trash.
#[tauri::command]
pub fn restore_agreement(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.lock()?.restore(&id)
}

/// Deletes an agreement in the trash for good (the UI asks first).
#[tauri::command]
pub fn purge_agreement(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.lock()?.purge(&id)
}

/// Asks for a YAML file in a dialog and imports it as a new agreement;
/// `None` when the user cancels.
#[tauri::command]
pub async fn import_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Opened>, AppError> {
    let Some(path) = dialogs::pick_open(&app) else {
        return Ok(None);
    };
    state.lock()?.import(&path, now_ms()).map(Some)
}

/// Asks where to export an agreement as YAML and writes it there; `None`
/// when the user cancels.
#[tauri::command]
pub async fn export_file(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<Exported>, AppError> {
    let name = state.lock()?.suggested_file_name(&id);
    let Some(path) = dialogs::pick_save(&app, &name) else {
        return Ok(None);
    };
    state.lock()?.export(&id, &path).map(Some)
}

/// The agreement's simulation scenario with its problems.
#[tauri::command]
pub fn get_scenario(state: State<'_, AppState>, id: String) -> Result<ScenarioState, AppError> {
    state.lock()?.scenario(&id, now_ms())
}

/// Saves an edited scenario and returns its problems.
#[tauri::command]
pub fn edit_scenario(
    state: State<'_, AppState>,
    id: String,
    scenario: Value,
) -> Result<Vec<AppError>, AppError> {
    state.lock()?.edit_scenario(&id, scenario, now_ms())
}

/// Runs the scenario with the agreement in the editor, off the UI thread,
/// streaming progress; `cancel_run(run)` stops it. A run of a saved
/// version is recorded against it.
#[tauri::command]
pub async fn run_simulation(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    id: String,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<SimulationResults, AppError> {
    let prepared = state.lock()?.prepare_run(&id, now_ms())?;
    let (prepared, finished) = tracked(&runs, run, on_progress, move |token, progress| {
        let finished = simulation::run(&prepared.scenario, &settings, token, progress);
        (prepared, finished)
    })
    .await?;
    let mut finished = finished?;
    finished.results.recorded_version =
        state
            .lock()?
            .record_run(&id, &prepared, &settings, finished.record, now_ms())?;
    Ok(finished.results)
}

/// A what-if: `baseline` (a scenario the Simulation screen kept) and the
/// agreement's scenario as it is now, run with the same settings and
/// compared, off the UI thread, streaming progress over both runs.
#[tauri::command]
pub async fn compare_scenarios(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    id: String,
    baseline: Value,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<WhatIf, AppError> {
    let (base, current) = state.lock()?.prepare_whatif(&id, &baseline, now_ms())?;
    tracked(&runs, run, on_progress, move |token, progress| {
        simulation::compare(&base, &current, &settings, token, progress)
    })
    .await?
}

/// A what-if against a run recorded in the library: that run's scenario
/// on the version it ran on, and the agreement's scenario as it is now,
/// run with the same settings and compared.
#[tauri::command]
pub async fn compare_with_run(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    id: String,
    baseline_run: i64,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<WhatIf, AppError> {
    let (base, current) = state
        .lock()?
        .prepare_run_whatif(&id, baseline_run, now_ms())?;
    tracked(&runs, run, on_progress, move |token, progress| {
        simulation::compare(&base, &current, &settings, token, progress)
    })
    .await?
}

/// The frontier of one target of the agreement in the editor (agents,
/// staff cost and credits for each value), off the UI thread, streaming
/// progress by point.
#[tauri::command]
pub async fn draw_frontier(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    id: String,
    request: FrontierRequest,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<Frontier, AppError> {
    let prepared = state.lock()?.prepare_run(&id, now_ms())?;
    tracked(&runs, run, on_progress, move |token, progress| {
        simulation::frontier(&prepared.scenario, &request, &settings, token, progress)
    })
    .await?
}

/// The scenario's week per team: shifts, agents on duty, work offered and
/// the Erlang C requirement per hour, for the coverage timeline.
#[tauri::command]
pub fn scenario_coverage(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<TeamCoverage>, AppError> {
    let prepared = state.lock()?.prepare_run(&id, now_ms())?;
    simulation::coverage(&prepared.scenario)
}

/// The runs recorded against the agreement's versions, newest first.
#[tauri::command]
pub fn list_runs(state: State<'_, AppState>, id: String) -> Result<Vec<RecordedRun>, AppError> {
    state.lock()?.list_runs(&id)
}

/// Sizes every shift of the scenario, off the UI thread, streaming
/// progress; `cancel_run(run)` stops it.
#[tauri::command]
pub async fn size_staffing(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    id: String,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<SizingResults, AppError> {
    let prepared = state.lock()?.prepare_run(&id, now_ms())?;
    tracked(&runs, run, on_progress, move |token, progress| {
        simulation::size(&prepared.scenario, &settings, token, progress)
    })
    .await?
}

/// Runs long work (a simulation, a sizing, an import) on a blocking thread
/// as run number `run`, which `cancel_run` can stop, its progress sent
/// over `channel`. A closed channel (the screen went away) does not stop
/// the work.
async fn tracked<T: Send + 'static, P: serde::Serialize + Clone + Send + Sync + 'static>(
    runs: &Runs,
    run: u32,
    channel: Channel<P>,
    work: impl FnOnce(&CancelToken, &(dyn Fn(P) + Sync)) -> T + Send + 'static,
) -> Result<T, AppError> {
    let token = runs.start(run);
    let done = tauri::async_runtime::spawn_blocking(move || {
        work(&token, &|p| {
            let _ = channel.send(p);
        })
    })
    .await;
    runs.finish(run);
    done.map_err(|e| AppError::new(ErrorCode::Internal, format!("the run stopped: {e}")))
}

/// The portfolios, by name.
#[tauri::command]
pub fn list_portfolios(state: State<'_, AppState>) -> Result<Vec<PortfolioRow>, AppError> {
    state.lock()?.portfolios()
}

/// A portfolio with its problems.
#[tauri::command]
pub fn get_portfolio(state: State<'_, AppState>, name: String) -> Result<PortfolioState, AppError> {
    state.lock()?.portfolio(&name, now_ms())
}

/// Makes and saves a portfolio of the agreements picked.
#[tauri::command]
pub fn new_portfolio(
    state: State<'_, AppState>,
    name: String,
    agreements: Vec<String>,
) -> Result<PortfolioState, AppError> {
    state.lock()?.new_portfolio(&name, &agreements, now_ms())
}

/// Saves an edited portfolio (renamed from `previous`) and returns its
/// problems.
#[tauri::command]
pub fn save_portfolio(
    state: State<'_, AppState>,
    previous: Option<String>,
    portfolio: Value,
) -> Result<Vec<AppError>, AppError> {
    state
        .lock()?
        .save_portfolio(previous.as_deref(), &portfolio, now_ms())
}

/// Deletes a portfolio; its agreements stay in the library.
#[tauri::command]
pub fn delete_portfolio(state: State<'_, AppState>, name: String) -> Result<(), AppError> {
    state.lock()?.delete_portfolio(&name)
}

/// Runs a saved portfolio off the UI thread, streaming progress;
/// `cancel_run(run)` stops it.
#[tauri::command]
pub async fn run_portfolio(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    name: String,
    run: u32,
    settings: RunSettings,
    on_progress: Channel<RunProgress>,
) -> Result<PortfolioResults, AppError> {
    let portfolio = state.lock()?.prepare_portfolio(&name, now_ms())?;
    tracked(&runs, run, on_progress, move |token, progress| {
        simulation::run_portfolio(&portfolio, &settings, token, progress)
    })
    .await?
}

/// Asks a run, sizing or import under way to stop; false when none has
/// that number.
#[tauri::command]
pub fn cancel_run(runs: State<'_, Runs>, run: u32) -> bool {
    runs.cancel(run)
}

/// The contract's pages as they will print, rendered off the UI thread.
#[tauri::command]
pub async fn preview_contract(
    state: State<'_, AppState>,
    id: String,
    choice: ContractChoice,
) -> Result<ContractPreview, AppError> {
    let source = state.lock()?.contract_source(&id)?;
    blocking(move || {
        documents::lay_out(&source, &choice).map(|laid| documents::preview(&laid, source.version))
    })
    .await
}

/// Asks where to save the contract as PDF and writes it there, off the UI
/// thread; recorded against the saved version it equals. `None` when the
/// user cancels.
#[tauri::command]
pub async fn save_contract_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    choice: ContractChoice,
) -> Result<Option<SavedPdf>, AppError> {
    let source = state.lock()?.contract_source(&id)?;
    let Some(path) = dialogs::pick_save_pdf(&app, &documents::contract_file_name(&id, &choice))
    else {
        return Ok(None);
    };
    let (version, shown) = (source.version, path.display().to_string());
    let (bytes, pages) = blocking(move || documents::write_pdf(&source, &choice, &path)).await?;
    if let Some(n) = version {
        state
            .lock()?
            .record_contract(&id, n, &bytes, &choice, now_ms())?;
    }
    Ok(Some(SavedPdf {
        path: shown,
        pages,
        recorded_version: version,
    }))
}

/// Asks where to save the contract as a Word document and writes it there,
/// off the UI thread; recorded against the saved version it equals. `None`
/// when the user cancels.
#[tauri::command]
pub async fn save_contract_docx(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    choice: ContractChoice,
) -> Result<Option<Exported>, AppError> {
    let source = state.lock()?.contract_source(&id)?;
    let name = documents::with_extension(&documents::contract_file_name(&id, &choice), "docx");
    let Some(path) = dialogs::pick_save_docx(&app, &name) else {
        return Ok(None);
    };
    let (version, shown) = (source.version, path.display().to_string());
    let bytes = blocking(move || documents::write_docx(&source, &choice, &path)).await?;
    if let Some(n) = version {
        state
            .lock()?
            .record_contract_as(&id, n, &bytes, &choice, "contract-docx", now_ms())?;
    }
    Ok(Some(Exported { path: shown }))
}

/// The clause-level redline of two versions, in the given language.
#[tauri::command]
pub async fn redline_versions(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
    lang: DocLang,
) -> Result<RedlineView, AppError> {
    state.lock()?.redline(&id, from, to, lang)
}

/// Asks where to save the comparison of two versions as PDF and writes it
/// there, off the UI thread and outside the library's lock; `None` when the
/// user cancels.
#[tauri::command]
pub async fn save_redline_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
    lang: DocLang,
    collapse: bool,
) -> Result<Option<Exported>, AppError> {
    let Some(path) = dialogs::pick_save_pdf(&app, &documents::redline_file_name(&id, from, to))
    else {
        return Ok(None);
    };
    let source = state.lock()?.redline_source(&id, from, to)?;
    let shown = path.display().to_string();
    let bytes =
        blocking(move || documents::write_redline_pdf(&source, lang, collapse, &path)).await?;
    state
        .lock()?
        .record_redline(&id, from, to, lang, collapse, &bytes, now_ms())?;
    Ok(Some(Exported { path: shown }))
}

/// Asks where to save the comparison of two versions as a Word document
/// with tracked changes and writes it there; `None` when the user cancels.
#[tauri::command]
pub async fn save_redline_docx(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
    lang: DocLang,
    collapse: bool,
) -> Result<Option<Exported>, AppError> {
    let name = documents::with_extension(&documents::redline_file_name(&id, from, to), "docx");
    let Some(path) = dialogs::pick_save_docx(&app, &name) else {
        return Ok(None);
    };
    let source = state.lock()?.redline_source(&id, from, to)?;
    let shown = path.display().to_string();
    let bytes =
        blocking(move || documents::write_redline_docx(&source, lang, collapse, &path)).await?;
    state
        .lock()?
        .record_redline(&id, from, to, lang, collapse, &bytes, now_ms())?;
    Ok(Some(Exported { path: shown }))
}

/// The ticket histories of the library.
#[tauri::command]
pub fn list_histories(state: State<'_, AppState>) -> Result<Vec<HistoryRow>, AppError> {
    state.lock()?.histories()
}

/// Asks for a ticket export in a dialog and keeps it for `import_history`;
/// `None` when the user cancels.
#[tauri::command]
pub async fn pick_history_export(
    app: AppHandle,
    chosen: State<'_, ChosenExport>,
) -> Result<Option<PickedExport>, AppError> {
    let Some(path) = dialogs::pick_export(&app) else {
        return Ok(None);
    };
    let picked = tickets::picked(&path)?;
    chosen.choose(path);
    Ok(Some(picked))
}

/// Imports the chosen export into history `name`, off the UI thread and
/// outside the library's lock, streaming progress; `cancel_run(run)`
/// stops it and nothing is stored.
#[tauri::command]
pub async fn import_history(
    state: State<'_, AppState>,
    runs: State<'_, Runs>,
    chosen: State<'_, ChosenExport>,
    name: String,
    run: u32,
    on_progress: Channel<ImportTick>,
) -> Result<ImportSummary, AppError> {
    let (file, database) = (chosen.file()?, state.lock()?.database_path());
    tracked(&runs, run, on_progress, move |token, progress| {
        tickets::import_export(&database, &file, &name, now_ms(), token, progress)
    })
    .await?
}

/// The compliance history `history` would have had under agreement `id`
/// (as in the editor, or a saved version), with the history's word maps;
/// measured off the UI thread.
#[tauri::command]
pub async fn history_report(
    state: State<'_, AppState>,
    id: String,
    history: String,
    agreement: ReportAgreement,
) -> Result<HistoryReport, AppError> {
    let (chosen, maps, database) = measure_inputs(&state, &id, &history, agreement)?;
    blocking(move || tickets::measure(&database, &history, &chosen, &maps)).await
}

/// The targets history `history` says the team held under agreement `id`
/// (as in the editor, or a saved version), each in `tickets` percent of
/// tickets and `months` percent of months; worked out off the UI thread.
#[tauri::command]
pub async fn history_targets(
    state: State<'_, AppState>,
    id: String,
    history: String,
    agreement: ReportAgreement,
    tickets: f64,
    months: f64,
) -> Result<HistoryTargets, AppError> {
    let (chosen, maps, database) = measure_inputs(&state, &id, &history, agreement)?;
    blocking(move || tickets::achievable(&database, &history, &chosen, &maps, tickets, months))
        .await
}

/// Writes `value` as row `row`'s contractual `metric` target of agreement
/// `id` as open in the editor (an ordinary edit, undone by `undo`).
#[tauri::command]
pub fn use_target(
    state: State<'_, AppState>,
    id: String,
    row: u32,
    metric: Metric,
    value: String,
) -> Result<TargetUsed, AppError> {
    state
        .lock()?
        .use_target(&id, row as usize, metric, &value, now_ms())
}

/// Agreement `id`'s scenario with its workload and work calibrated from
/// history `history` under the agreement in the editor; not saved (the
/// Simulation screen puts it in place, with undo).
#[tauri::command]
pub async fn calibrate_scenario(
    state: State<'_, AppState>,
    id: String,
    history: String,
) -> Result<CalibratedScenario, AppError> {
    let (chosen, maps, database, current) = {
        let mut library = state.lock()?;
        let chosen = library.report_agreement(&id, ReportAgreement::Draft)?;
        let current = library.scenario(&id, now_ms())?.scenario;
        (
            chosen,
            library.word_maps(&history)?,
            library.database_path(),
            current,
        )
    };
    blocking(move || tickets::calibrated(&database, &history, &chosen, &maps, &current)).await
}

/// What measuring history `history` under agreement `id` needs, taken
/// under the library's lock: the agreement through the gate, the history's
/// word maps, and the database for a connection of its own.
fn measure_inputs(
    state: &State<'_, AppState>,
    id: &str,
    history: &str,
    agreement: ReportAgreement,
) -> Result<(pledge::model::Agreement, WordMaps, std::path::PathBuf), AppError> {
    let mut library = state.lock()?;
    let chosen = library.report_agreement(id, agreement)?;
    Ok((chosen, library.word_maps(history)?, library.database_path()))
}

/// History `history`'s word maps.
#[tauri::command]
pub fn get_word_maps(state: State<'_, AppState>, history: String) -> Result<WordMaps, AppError> {
    state.lock()?.word_maps(&history)
}

/// Keeps history `history`'s word maps; returns what is kept.
#[tauri::command]
pub fn set_word_maps(
    state: State<'_, AppState>,
    history: String,
    maps: WordMaps,
) -> Result<WordMaps, AppError> {
    state.lock()?.set_word_maps(&history, maps)
}

/// The user's settings.
#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, AppError> {
    state.lock()?.settings()
}

/// Sets the author recorded on new versions.
#[tauri::command]
pub fn set_author(state: State<'_, AppState>, author: String) -> Result<Settings, AppError> {
    state.lock()?.set_author(&author)
}

/// Runs slow work (layout, PDF writing, a report) on a blocking thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("the work stopped: {e}")))?
}
