// Typed calls to the Rust shell. Every command's payload and result types
// come from the generated bindings; errors arrive as AppError.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  Agreement,
  AgreementSummary,
  AppError,
  Change,
  Edited,
  Exported,
  Opened,
  SampleInfo,
  Startup,
  VersionInfo,
  VersionSaved,
  RunProgress,
  RunSettings,
  ScenarioSpec,
  ScenarioState,
  SimulationResults,
  SizingResults,
} from './bindings/types';
export type { RunProgress, RunSettings, ScenarioSpec, ScenarioState, SimulationResults, SizingResults };
import type { ContractChoice, ContractPreview, RedlineView, SavedPdf, Settings } from './bindings/types';

export type { Agreement, AgreementSummary, AppError, Change, Edited, Exported, Opened, SampleInfo, Startup, VersionInfo, VersionSaved };
export type { ContractChoice, ContractPreview, RedlineView, SavedPdf, Settings };
export type DocLang = ContractChoice['lang'];
export type Diagnostic = Opened['diagnostics'][number];

/** Whatever a command rejected with, as an AppError. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as Record<string, unknown>;
    return { code: String(o.code), message: String(o.message), path: String(o.path ?? '') };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), path: '' };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asAppError(e);
  }
}

export const api = {
  startup: () => call<Startup>('startup'),
  listSamples: () => call<SampleInfo[]>('list_samples'),
  listAgreements: () => call<AgreementSummary[]>('list_agreements'),
  listTrash: () => call<AgreementSummary[]>('list_trash'),
  newAgreement: (sample: string) => call<Opened>('new_agreement', { sample }),
  getAgreement: (id: string) => call<Opened>('get_agreement', { id }),
  editAgreement: (id: string, agreement: Agreement) => call<Edited>('edit_agreement', { id, agreement }),
  undo: (id: string) => call<Opened>('undo', { id }),
  redo: (id: string) => call<Opened>('redo', { id }),
  saveVersion: (id: string, message: string) => call<VersionSaved>('save_version', { id, message }),
  listVersions: (id: string) => call<VersionInfo[]>('list_versions', { id }),
  compareVersions: (id: string, from: number, to: number) => call<Change[]>('compare_versions', { id, from, to }),
  trashAgreement: (id: string) => call<null>('trash_agreement', { id }),
  restoreAgreement: (id: string) => call<null>('restore_agreement', { id }),
  purgeAgreement: (id: string) => call<null>('purge_agreement', { id }),
  importFile: () => call<Opened | null>('import_file'),
  exportFile: (id: string) => call<Exported | null>('export_file', { id }),
  getScenario: (id: string) => call<ScenarioState>('get_scenario', { id }),
  editScenario: (id: string, scenario: ScenarioSpec) => call<AppError[]>('edit_scenario', { id, scenario }),
  runSimulation: (id: string, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    call<SimulationResults>('run_simulation', { id, run, settings, onProgress: channel(progress) }),
  sizeStaffing: (id: string, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    call<SizingResults>('size_staffing', { id, run, settings, onProgress: channel(progress) }),
  cancelRun: (run: number) => call<boolean>('cancel_run', { run }),
  previewContract: (id: string, choice: ContractChoice) => call<ContractPreview>('preview_contract', { id, choice }),
  saveContractPdf: (id: string, choice: ContractChoice) => call<SavedPdf | null>('save_contract_pdf', { id, choice }),
  redlineVersions: (id: string, from: number, to: number, lang: DocLang) =>
    call<RedlineView>('redline_versions', { id, from, to, lang }),
  saveRedlinePdf: (id: string, from: number, to: number, lang: DocLang, collapse: boolean) =>
    call<Exported | null>('save_redline_pdf', { id, from, to, lang, collapse }),
  getSettings: () => call<Settings>('get_settings'),
  setAuthor: (author: string) => call<Settings>('set_author', { author }),
};

function channel(progress: (p: RunProgress) => void): Channel<RunProgress> {
  const c = new Channel<RunProgress>();
  c.onmessage = progress;
  return c;
}
