// The Tickets screen's pure logic: the import's progress as a share, the
// breach heat-map's colours and tooltips, and the breakdowns shaped for
// bar charts. Every count comes from Rust's report; nothing is measured here.

/** Tickets measured and missed (the report's `Cell`). */
export type Cell = { measured: number; missed: number };

/** How far an import has gone through its file (the shell's `ImportTick`). */
export type Tick = { rows: number; bytes: number; total_bytes: number };

/** The share of the file read, from 0 to 1; 0 for an empty file. */
export function progressShare(tick: Tick | null | undefined): number {
  if (!tick || tick.total_bytes <= 0) return 0;
  return Math.max(0, Math.min(1, tick.bytes / tick.total_bytes));
}

/** A cell's miss rate (0–1), or null when nothing was measured in it. */
export function missRate(cell: Cell): number | null {
  return cell.measured > 0 ? cell.missed / cell.measured : null;
}

/** Tickets a cell needs for its miss rate to set the heat-map's scale: one
 * late ticket out of one would otherwise make every other hour pale. */
export const SCALE_TICKETS = 5;

/** The highest miss rate of the cells with at least [`SCALE_TICKETS`]
 * tickets (of all measured cells when none has that many; 0 when none was
 * measured): the heat-map's darkest colour stands for it, and a thinner
 * cell above it shows at full colour. */
export function maxRate(cells: Cell[]): number {
  const full = cells.filter((c) => c.measured >= SCALE_TICKETS);
  return (full.length > 0 ? full : cells).reduce((max, c) => Math.max(max, missRate(c) ?? 0), 0);
}

/** The objectives worth a row: those with tickets measured first, then the
 * ones no ticket reached, which the screen folds away. */
export function splitMeasured<T extends { measured: number }>(rows: T[]): { shown: T[]; empty: T[] } {
  return { shown: rows.filter((r) => r.measured > 0), empty: rows.filter((r) => r.measured === 0) };
}

/** A heat-map cell's colour: a cell without tickets transparent (its
 * outline still shows), the others mixed from transparent to `--error` in proportion to
 * their miss rate over the grid's highest. A cell with misses always shows
 * (at least 8 %), so a rare miss is not lost in the background. */
export function rateColour(cell: Cell, max: number): string {
  const rate = missRate(cell);
  if (rate == null) return 'transparent';
  if (rate === 0 || max <= 0) return 'color-mix(in srgb, var(--error) 0%, transparent)';
  const share = Math.max(0.08, Math.min(1, rate / max));
  return `color-mix(in srgb, var(--error) ${Math.round(share * 100)}%, transparent)`;
}

/** A miss rate as a percentage with one decimal, `–` when none. */
export function ratePct(rate: number | null): string {
  return rate == null ? '–' : `${(rate * 100).toFixed(1)} %`;
}

/** Compliance in percent (met over measured), null when nothing measured. */
export function compliance(met: number, measured: number): number | null {
  return measured > 0 ? (met * 100) / measured : null;
}

/** Whether an objective is missed over the history: its compliance below
 * its objective (an objective with nothing measured neither meets nor
 * misses). */
export function belowObjective(met: number, measured: number, objective: number): boolean {
  const c = compliance(met, measured);
  return c != null && c < objective;
}

/** A breakdown as bar-chart series: x positions 1…n, the miss rate in
 * percent of each key, and the keys cut to `width` characters for the
 * axis (the full key is in the table beside it). At most `limit` keys, the
 * most measured first, so a long tail of groups does not crowd the axis. */
export function breakdownBars(
  rows: { key: string; cell: Cell }[],
  limit = 12,
  width = 14,
): { data: number[][]; labels: string[]; rows: { key: string; cell: Cell }[] } {
  const shown = rows.length > limit ? [...rows].sort((a, b) => b.cell.measured - a.cell.measured).slice(0, limit) : rows;
  const labels = shown.map((r) => (r.key.length > width ? r.key.slice(0, width - 1) + '…' : r.key));
  const rates = shown.map((r) => (missRate(r.cell) ?? 0) * 100);
  return { data: [shown.map((_, i) => i + 1), rates], labels, rows: shown };
}
