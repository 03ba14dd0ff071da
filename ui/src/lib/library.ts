// Pure logic of the library and history screens, kept out of the
// components so that it is unit-tested.
import type { AgreementSummary, VersionInfo } from './api';
import { t } from './i18n.svelte';

/** Folds case and accents, so that "societe" finds "Société". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The rows whose client, name, title or reference contain every word of the query. */
export function filterRows(rows: AgreementSummary[], query: string): AgreementSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const haystack = fold([row.client, row.id, row.title, row.reference].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}

/** A row's status in words: a draft never saved, a version, or a version with unsaved changes. */
export function statusOf(row: Pick<AgreementSummary, 'version' | 'dirty'>): string {
  if (row.version == null) return t('status.draft');
  return row.dirty ? t('status.changed', { n: row.version }) : t('status.saved', { n: row.version });
}

/** The pair of versions the History screen compares first: the latest against the one before. */
export function defaultPair(versions: VersionInfo[]): { from: number; to: number } | null {
  if (versions.length < 2) return null;
  const numbers = versions.map((v) => v.number).sort((a, b) => b - a);
  return { from: numbers[1], to: numbers[0] };
}

/** A fingerprint shortened for display, as Git shortens hashes. */
export function shortPrint(fingerprint: string): string {
  return fingerprint.slice(0, 12);
}
