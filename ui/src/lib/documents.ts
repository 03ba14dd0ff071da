// Pure logic of the Export screen and the History redline, kept out of the
// components so that it is unit-tested.
import type { ContractChoice, RedlineView } from './api';
import type { Locale, MessageKey } from './i18n/messages';

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

type PlaceStep = RedlineClause['blocks'][number]['place'][number];

/** Where a changed block is (`list 1, item 3`), each step named by `word`
 * (the `redline.place.*` messages); a title-page line other than the
 * title, subtitle and parties is a fact the template named, printed as is. */
export function placeLabel(place: PlaceStep[], word: (key: MessageKey, values?: Record<string, number>) => string): string {
  return place
    .map((step) => {
      switch (step.kind) {
        case 'line':
          return step.name === 'title' || step.name === 'subtitle' || step.name === 'parties'
            ? word(`redline.place.${step.name}`)
            : step.name;
        case 'title_page':
        case 'heading':
        case 'header':
        case 'parties':
          return word(`redline.place.${step.kind}`);
        default:
          return word(`redline.place.${step.kind}`, { n: step.n });
      }
    })
    .join(', ');
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
