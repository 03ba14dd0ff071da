// A small agreement and an IPC double for the UI's unit tests.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Agreement, Diagnostic, Opened } from '../lib/api';

export function agreement(): Agreement {
  return {
    pledge: 1,
    meta: {
      title: 'Support Agreement',
      reference: 'SLA-1',
      version_label: '1.0',
      language: 'en',
      currency: 'EUR',
      effective_date: '2026-01-01',
      term: { initial_months: 12 },
      governing_law: 'French law',
      shape: 'customer_based',
    },
    parties: { provider: { legal_name: 'Provider SAS' }, customer: { legal_name: 'Customer SA' } },
    services: [{ id: 'app', name: 'Hosted application' }],
    calendars: [{ id: 'office', time_zone: 'Europe/Paris', hours: { mon: ['09:00-18:00'] } }],
    plans: [{ id: 'standard', name: 'Standard', calendar: 'office' }],
    priorities: [{ id: 'P1', name: 'Critical', definition: 'Down.' }],
    targets: [{ plan: 'standard', priority: 'P1', objective: '95%', first_response: { within: '1h', internal: '30m' } }],
  } as Agreement;
}

export function opened(overrides: Partial<Opened> = {}): Opened {
  return {
    summary: { id: 'a1', title: 'Support Agreement', client: 'Customer SA', reference: 'SLA-1', version: null, modified_ms: 0, dirty: false, trashed_ms: null },
    agreement: agreement(),
    diagnostics: [],
    can_undo: false,
    can_redo: false,
    ...overrides,
  };
}

export const internalTooLong: Diagnostic = {
  code: 'internal-not-stricter',
  severity: 'error',
  path: 'targets[0].first_response.internal',
  message: 'the internal target 2h is not shorter than the contractual 1h',
};

export type Call = { cmd: string; args: Record<string, unknown> };

/** Mocks the shell: records calls and answers with `handler`. */
export function shell(handler: (cmd: string, args: Record<string, unknown>) => unknown): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    return handler(cmd, a);
  });
  return calls;
}
