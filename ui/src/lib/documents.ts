// Pure logic of the Export screen and the History redline, kept out of the
// components so that it is unit-tested.
import type { ContractChoice, RedlineView } from './api';
import type { Locale } from './i18n.svelte';

export type RedlineClause = RedlineView['clauses'][number];

/** What the Export screen asks for first: the contract in the UI's language, client edition, no draft mark. */
export function defaultChoice(locale: Locale): ContractChoice {
  return { lang: locale, edition: 'client', draft: false };
}

/** A page index kept inside 0..count-1 (0 when there is no page). */
export function clampPage(page: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(Math.max(0, Math.trunc(page)), count - 1);
}

/** The redline's clauses to show: each changed clause on its own, runs of unchanged ones folded into a group. */
export type RedlineItem = { kind: 'changed'; clause: RedlineClause } | { kind: 'unchanged'; clauses: RedlineClause[] };

export function groupClauses(clauses: RedlineClause[]): RedlineItem[] {
  const items: RedlineItem[] = [];
  for (const clause of clauses) {
    const last = items[items.length - 1];
    if (clause.status !== 'unchanged') items.push({ kind: 'changed', clause });
    else if (last?.kind === 'unchanged') last.clauses.push(clause);
    else items.push({ kind: 'unchanged', clauses: [clause] });
  }
  return items;
}

const PLACE_WORDS_FR: [RegExp, string][] = [
  [/\btitle page\b/g, 'page de titre'],
  [/\bparagraph\b/g, 'paragraphe'],
  [/\bheading\b/g, 'titre'],
  [/\blist\b/g, 'liste'],
  [/\bitem\b/g, 'élément'],
  [/\btable\b/g, 'tableau'],
  [/\brow\b/g, 'ligne'],
  [/\bcolumn\b/g, 'colonne'],
  [/\bsignatures?\b/g, 'signatures'],
];

/** Where a changed block is (`list 1, item 3`), in the UI's language. */
export function placeLabel(place: string, locale: Locale): string {
  if (locale !== 'fr') return place;
  return PLACE_WORDS_FR.reduce((text, [word, fr]) => text.replace(word, fr), place);
}

/** How many pieces of text a redline inserts and deletes. */
export function redlineCounts(view: RedlineView): { inserted: number; deleted: number; clauses: number } {
  const blocks = [...view.front, ...view.clauses.flatMap((c) => c.blocks)];
  const segments = blocks.flatMap((b) => b.segments);
  return {
    inserted: segments.filter((s) => s.op === 'insert').length,
    deleted: segments.filter((s) => s.op === 'delete').length,
    clauses: view.clauses.filter((c) => c.status !== 'unchanged').length,
  };
}
