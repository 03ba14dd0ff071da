/* Generated from the command table in src-tauri/src/bindings.rs by `PLEDGE_UPDATE_BINDINGS=1 cargo test -p pledge-app bindings`; do not edit. */
import type { Channel } from '@tauri-apps/api/core';
import type { Agreement, AgreementSummary, AppError, CalibratedScenario, Change, ContractChoice, ContractPreview, DocLang, Edited, Exported, Frontier, FrontierRequest, HistoryReport, HistoryRow, HistoryTargets, ImportSummary, ImportTick, Metric, Opened, PickedExport, PortfolioResults, PortfolioRow, PortfolioSpec, PortfolioState, RecordedRun, RedlineView, ReportAgreement, RunProgress, RunSettings, SampleInfo, SavedPdf, ScenarioSpec, ScenarioState, Settings, SimulationResults, SizingResults, Startup, TargetUsed, TeamCoverage, VersionInfo, VersionSaved, WhatIf, WordMaps } from './types';

/** How a command is sent: Tauri's `invoke`, or a wrapper around it. */
export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/** Every command the shell registers, each a typed call through `call`. */
export function commands(call: Invoke) {
  return {
    /** Where the data is and whether the library opened; asking again retries. */
    startup: (): Promise<Startup> => call<Startup>('startup'),
    /** The samples and starters to create an agreement from. */
    listSamples: (): Promise<SampleInfo[]> => call<SampleInfo[]>('list_samples'),
    /** The library's rows. */
    listAgreements: (): Promise<AgreementSummary[]> => call<AgreementSummary[]>('list_agreements'),
    /** The trash's rows. */
    listTrash: (): Promise<AgreementSummary[]> => call<AgreementSummary[]>('list_trash'),
    /** Creates an agreement from a sample. */
    newAgreement: (sample: string): Promise<Opened> => call<Opened>('new_agreement', { sample }),
    /** An agreement with its findings. */
    getAgreement: (id: string): Promise<Opened> => call<Opened>('get_agreement', { id }),
    /** Records an edit, autosaves the draft and returns the new findings. */
    editAgreement: (id: string, agreement: Agreement): Promise<Edited> => call<Edited>('edit_agreement', { id, agreement }),
    /** Undoes the last edit. */
    undo: (id: string): Promise<Opened> => call<Opened>('undo', { id }),
    /** Redoes the last undone edit. */
    redo: (id: string): Promise<Opened> => call<Opened>('redo', { id }),
    /** Saves the agreement as a new version with a message. */
    saveVersion: (id: string, message: string): Promise<VersionSaved> => call<VersionSaved>('save_version', { id, message }),
    /** The saved versions, newest first. */
    listVersions: (id: string): Promise<VersionInfo[]> => call<VersionInfo[]>('list_versions', { id }),
    /** What changed between two versions. */
    compareVersions: (id: string, from: number, to: number, lang: DocLang): Promise<Change[]> => call<Change[]>('compare_versions', { id, from, to, lang }),
    /** Moves an agreement to the trash. */
    trashAgreement: (id: string): Promise<null> => call<null>('trash_agreement', { id }),
    /** Brings an agreement back from the trash. */
    restoreAgreement: (id: string): Promise<null> => call<null>('restore_agreement', { id }),
    /** Deletes an agreement in the trash for good. */
    purgeAgreement: (id: string): Promise<null> => call<null>('purge_agreement', { id }),
    /** Asks for a YAML file and imports it; null when the user cancels. */
    importFile: (): Promise<Opened | null> => call<Opened | null>('import_file'),
    /** Asks where to export an agreement as YAML; null when the user cancels. */
    exportFile: (id: string): Promise<Exported | null> => call<Exported | null>('export_file', { id }),
    /** The agreement's simulation scenario with its problems. */
    getScenario: (id: string): Promise<ScenarioState> => call<ScenarioState>('get_scenario', { id }),
    /** Saves an edited scenario and returns its problems. */
    editScenario: (id: string, scenario: ScenarioSpec): Promise<AppError[]> => call<AppError[]>('edit_scenario', { id, scenario }),
    /** Runs the scenario with the agreement in the editor, streaming progress. */
    runSimulation: (id: string, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<SimulationResults> => call<SimulationResults>('run_simulation', { id, run, settings, onProgress }),
    /** Sizes every shift of the scenario, streaming progress. */
    sizeStaffing: (id: string, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<SizingResults> => call<SizingResults>('size_staffing', { id, run, settings, onProgress }),
    /** A what-if: a kept baseline scenario and the scenario as it is now, run with the same settings. */
    compareScenarios: (id: string, baseline: ScenarioSpec, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<WhatIf> => call<WhatIf>('compare_scenarios', { id, baseline, run, settings, onProgress }),
    /** A what-if: a run recorded in the library (its scenario on its version) and the scenario as it is now. */
    compareWithRun: (id: string, baselineRun: number, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<WhatIf> => call<WhatIf>('compare_with_run', { id, baselineRun, run, settings, onProgress }),
    /** The frontier of one target: agents, staff cost and credits for each value, streaming progress. */
    drawFrontier: (id: string, request: FrontierRequest, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<Frontier> => call<Frontier>('draw_frontier', { id, request, run, settings, onProgress }),
    /** The scenario's week per team: shifts, agents on duty, work offered and the Erlang C requirement per hour. */
    scenarioCoverage: (id: string): Promise<TeamCoverage[]> => call<TeamCoverage[]>('scenario_coverage', { id }),
    /** The runs recorded against the agreement's versions, newest first. */
    listRuns: (id: string): Promise<RecordedRun[]> => call<RecordedRun[]>('list_runs', { id }),
    /** Asks a run or sizing under way to stop; false when none has that number. */
    cancelRun: (run: number): Promise<boolean> => call<boolean>('cancel_run', { run }),
    /** The portfolios, by name. */
    listPortfolios: (): Promise<PortfolioRow[]> => call<PortfolioRow[]>('list_portfolios'),
    /** A portfolio with its problems. */
    getPortfolio: (name: string): Promise<PortfolioState> => call<PortfolioState>('get_portfolio', { name }),
    /** Makes and saves a portfolio of the agreements picked. */
    newPortfolio: (name: string, agreements: string[]): Promise<PortfolioState> => call<PortfolioState>('new_portfolio', { name, agreements }),
    /** Saves an edited portfolio (renamed from `previous`) and returns its problems. */
    savePortfolio: (previous: string | null, portfolio: PortfolioSpec): Promise<AppError[]> => call<AppError[]>('save_portfolio', { previous, portfolio }),
    /** Deletes a portfolio; its agreements stay in the library. */
    deletePortfolio: (name: string): Promise<null> => call<null>('delete_portfolio', { name }),
    /** Runs a saved portfolio, streaming progress. */
    runPortfolio: (name: string, run: number, settings: RunSettings, onProgress: Channel<RunProgress>): Promise<PortfolioResults> => call<PortfolioResults>('run_portfolio', { name, run, settings, onProgress }),
    /** The contract's pages as they will print. */
    previewContract: (id: string, choice: ContractChoice): Promise<ContractPreview> => call<ContractPreview>('preview_contract', { id, choice }),
    /** Asks where to save the contract as PDF; null when the user cancels. */
    saveContractPdf: (id: string, choice: ContractChoice): Promise<SavedPdf | null> => call<SavedPdf | null>('save_contract_pdf', { id, choice }),
    /** Asks where to save the contract as a Word document; null when the user cancels. */
    saveContractDocx: (id: string, choice: ContractChoice): Promise<Exported | null> => call<Exported | null>('save_contract_docx', { id, choice }),
    /** The clause-level redline of two versions, in the given language. */
    redlineVersions: (id: string, from: number, to: number, lang: DocLang): Promise<RedlineView> => call<RedlineView>('redline_versions', { id, from, to, lang }),
    /** Asks where to save the comparison of two versions as PDF; null when the user cancels. */
    saveRedlinePdf: (id: string, from: number, to: number, lang: DocLang, collapse: boolean): Promise<Exported | null> => call<Exported | null>('save_redline_pdf', { id, from, to, lang, collapse }),
    /** Asks where to save the comparison of two versions as a Word document with tracked changes; null when the user cancels. */
    saveRedlineDocx: (id: string, from: number, to: number, lang: DocLang, collapse: boolean): Promise<Exported | null> => call<Exported | null>('save_redline_docx', { id, from, to, lang, collapse }),
    /** The user's settings. */
    getSettings: (): Promise<Settings> => call<Settings>('get_settings'),
    /** Sets the author recorded on new versions. */
    setAuthor: (author: string): Promise<Settings> => call<Settings>('set_author', { author }),
    /** The ticket histories of the library. */
    listHistories: (): Promise<HistoryRow[]> => call<HistoryRow[]>('list_histories'),
    /** Asks for a ticket export and keeps it for import_history; null when the user cancels. */
    pickHistoryExport: (): Promise<PickedExport | null> => call<PickedExport | null>('pick_history_export'),
    /** Imports the chosen export into a history, streaming progress. */
    importHistory: (name: string, run: number, onProgress: Channel<ImportTick>): Promise<ImportSummary> => call<ImportSummary>('import_history', { name, run, onProgress }),
    /** The compliance a history would have had under the agreement. */
    historyReport: (id: string, history: string, agreement: ReportAgreement): Promise<HistoryReport> => call<HistoryReport>('history_report', { id, history, agreement }),
    /** The targets a history says the team held under the agreement. */
    historyTargets: (id: string, history: string, agreement: ReportAgreement, tickets: number, months: number): Promise<HistoryTargets> => call<HistoryTargets>('history_targets', { id, history, agreement, tickets, months }),
    /** Writes a target a history says the team holds into the agreement in the editor. */
    useTarget: (id: string, row: number, metric: Metric, value: string): Promise<TargetUsed> => call<TargetUsed>('use_target', { id, row, metric, value }),
    /** The scenario with its workload and work calibrated from a history. */
    calibrateScenario: (id: string, history: string): Promise<CalibratedScenario> => call<CalibratedScenario>('calibrate_scenario', { id, history }),
    /** A history's word maps. */
    getWordMaps: (history: string): Promise<WordMaps> => call<WordMaps>('get_word_maps', { history }),
    /** Keeps a history's word maps. */
    setWordMaps: (history: string, maps: WordMaps): Promise<WordMaps> => call<WordMaps>('set_word_maps', { history, maps }),
  };
}
