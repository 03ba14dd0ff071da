// Typed calls to the Rust shell. Every command's payload and result types
// come from the generated bindings; errors arrive as AppError.
import { invoke } from '@tauri-apps/api/core';
import type {
  Agreement,
  AgreementSummary,
  AppError,
  Edited,
  Opened,
  SampleInfo,
  Saved,
} from './bindings/types';

export type { Agreement, AgreementSummary, AppError, Edited, Opened, SampleInfo, Saved };
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
  listSamples: () => call<SampleInfo[]>('list_samples'),
  listAgreements: () => call<AgreementSummary[]>('list_agreements'),
  newAgreement: (sample: string) => call<Opened>('new_agreement', { sample }),
  getAgreement: (id: string) => call<Opened>('get_agreement', { id }),
  editAgreement: (id: string, agreement: Agreement) => call<Edited>('edit_agreement', { id, agreement }),
  undo: (id: string) => call<Opened>('undo', { id }),
  redo: (id: string) => call<Opened>('redo', { id }),
  closeAgreement: (id: string) => call<null>('close_agreement', { id }),
  openFile: () => call<Opened | null>('open_file'),
  saveFile: (id: string, saveAs: boolean) => call<Saved | null>('save_file', { id, saveAs }),
};
