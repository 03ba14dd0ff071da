// The calls to the Rust shell. Each command's name, argument names and
// types are generated from the Rust command table (bindings/commands.ts);
// here they only learn to turn a rejection into an AppError and a progress
// callback into a Channel.
import { Channel, invoke } from '@tauri-apps/api/core';
import { commands } from './bindings/commands';
import type {
  Agreement,
  AgreementSummary,
  AppError,
  Change,
  Edited,
  ErrorCode,
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
  ImportTick,
  FrontierRequest,
} from './bindings/types';
export type { RunProgress, RunSettings, ScenarioSpec, ScenarioState, SimulationResults, SizingResults };
import type { ContractChoice, ContractPreview, RedlineView, SavedPdf, Settings } from './bindings/types';

export type { Agreement, AgreementSummary, AppError, Change, Edited, ErrorCode, Exported, Opened, SampleInfo, Startup, VersionInfo, VersionSaved };
export type { ContractChoice, ContractPreview, RedlineView, SavedPdf, Settings };
export type DocLang = ContractChoice['lang'];
export type Diagnostic = Opened['diagnostics'][number];

/** Whatever a command rejected with, as an AppError. The shell's codes
 * are a closed list; anything else that rejects is the UI's `internal`. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as Record<string, unknown>;
    return { code: String(o.code) as ErrorCode, message: String(o.message), path: String(o.path ?? '') };
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

const generated = commands(call);

export const api = {
  ...generated,
  runSimulation: (id: string, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.runSimulation(id, run, settings, channel(progress)),
  runPortfolio: (name: string, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.runPortfolio(name, run, settings, channel(progress)),
  sizeStaffing: (id: string, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.sizeStaffing(id, run, settings, channel(progress)),
  compareScenarios: (id: string, baseline: ScenarioSpec, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.compareScenarios(id, baseline, run, settings, channel(progress)),
  compareWithRun: (id: string, baselineRun: number, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.compareWithRun(id, baselineRun, run, settings, channel(progress)),
  drawFrontier: (id: string, request: FrontierRequest, run: number, settings: RunSettings, progress: (p: RunProgress) => void) =>
    generated.drawFrontier(id, request, run, settings, channel(progress)),
  importHistory: (name: string, run: number, progress: (p: ImportTick) => void) => generated.importHistory(name, run, channel(progress)),
};

function channel<T>(progress: (p: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = progress;
  return c;
}
