import { describe, expect, it } from 'vitest';
import type { AgreementSummary, VersionInfo } from './api';
import { setLocale } from './i18n.svelte';
import { defaultPair, filterRows, fold, shortPrint, statusOf } from './library';

function row(id: string, client: string, reference: string, title = id): AgreementSummary {
  return { id, title, client, reference, version: 1, dirty: false, modified_ms: 0, trashed_ms: null };
}

const rows = [
  row('saas-multilevel', 'Acme Retail Ltd', 'SLA-2026-014', 'SaaS Support Agreement'),
  row('fr-pme-infogerance', 'Société Dupré & Fils', 'CS-2026-031', 'Convention de service'),
  row('internal-it-ola', 'Group Finance', 'IT-SLA-7'),
];

describe('library search', () => {
  it('finds by client, name or reference, ignoring case and accents', () => {
    expect(filterRows(rows, 'acme').map((r) => r.id)).toEqual(['saas-multilevel']);
    expect(filterRows(rows, 'societe dupre').map((r) => r.id)).toEqual(['fr-pme-infogerance']);
    expect(filterRows(rows, 'it-sla').map((r) => r.id)).toEqual(['internal-it-ola']);
    expect(filterRows(rows, 'infogerance').map((r) => r.id)).toEqual(['fr-pme-infogerance']);
    expect(filterRows(rows, '2026').map((r) => r.id)).toEqual(['saas-multilevel', 'fr-pme-infogerance']);
    expect(filterRows(rows, 'acme finance')).toEqual([]);
    expect(filterRows(rows, '   ')).toEqual(rows);
    expect(fold('ÉTÉ')).toBe('ete');
  });
});

describe('status', () => {
  it('says draft, version or version with unsaved changes', () => {
    setLocale('en');
    expect(statusOf({ version: null, dirty: true })).toBe('Draft, never saved');
    expect(statusOf({ version: 2, dirty: false })).toBe('Version 2');
    expect(statusOf({ version: 2, dirty: true })).toBe('Version 2 + unsaved changes');
    setLocale('fr');
    expect(statusOf({ version: 2, dirty: false })).toBe('Version 2');
    expect(statusOf({ version: null, dirty: true })).toBe('Brouillon jamais enregistré');
    setLocale('en');
  });
});

describe('history', () => {
  const v = (number: number): VersionInfo => ({ number, author: 'ana', message: '', saved_ms: 0, fingerprint: 'f'.repeat(64) });
  it('compares the latest version with the one before by default', () => {
    expect(defaultPair([v(3), v(2), v(1)])).toEqual({ from: 2, to: 3 });
    expect(defaultPair([v(1), v(2)])).toEqual({ from: 1, to: 2 });
    expect(defaultPair([v(1)])).toBeNull();
    expect(shortPrint('0123456789abcdef')).toBe('0123456789ab');
  });
});
