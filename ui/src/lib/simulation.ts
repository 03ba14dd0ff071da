// The Simulation screen's logic, kept out of the components so that it is
// tested directly: the week's arrival shape as a 7×24 grid and painting on
// it, the scenario edits the forms make, and the shaping of Rust's
// aggregated results into the arrays uPlot draws. Nothing here computes a
// statistic: histograms, intervals and rates come from Rust.
import type { AppError, ScenarioSpec, SimulationResults, SizingResults } from './bindings/types';
import type { MessageKey } from './i18n/messages';

export type Scenario = ScenarioSpec;
export type Shape = NonNullable<Scenario['workload']['shape']>;
export type DurationSpec = Scenario['work'][number]['first_response'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const HOURS_PER_WEEK = 168;

/** The 168 weights of a shape (Monday 00:00 first), as the core reads it:
 * the hours of the week, or the daily curve times the day factors; 1
 * where nothing is given. Not normalised: only ratios matter. */
export function weekWeights(shape: Shape | null | undefined): number[] {
  if (shape?.hours_of_week && shape.hours_of_week.length === HOURS_PER_WEEK) return [...shape.hours_of_week];
  const days = DAYS.map((d) => (shape?.days?.[d] ?? 1) as number);
  return Array.from({ length: HOURS_PER_WEEK }, (_, i) => (shape?.daily?.[i % 24] ?? 1) * days[Math.floor(i / 24)]);
}

/** The cells of the rectangle between two cells of the grid (drag
 * painting), as indices into the 168 hours. */
export function cellsBetween(a: { day: number; hour: number }, b: { day: number; hour: number }): number[] {
  const cells: number[] = [];
  for (let d = Math.min(a.day, b.day); d <= Math.max(a.day, b.day); d++) {
    for (let h = Math.min(a.hour, b.hour); h <= Math.max(a.hour, b.hour); h++) cells.push(d * 24 + h);
  }
  return cells;
}

/** The weights with `cells` set to `value` (a new array). */
export function paint(weights: number[], cells: number[], value: number): number[] {
  const next = [...weights];
  for (const c of cells) if (c >= 0 && c < HOURS_PER_WEEK) next[c] = value;
  return next;
}

/** A shape given as 168 hour weights, replacing a daily curve. */
export function shapeFromWeights(weights: number[]): Shape {
  return { hours_of_week: weights.map((w) => Math.round(w * 1000) / 1000) };
}

/** A shape given as a daily curve and day factors, replacing the hours of
 * the week (the grid's first day gives the curve when there was none). */
export function dailyShape(shape: Shape | null | undefined): Shape {
  if (shape?.daily) return { daily: [...shape.daily], days: shape.days ?? undefined };
  const weights = weekWeights(shape);
  return { daily: weights.slice(0, 24), days: { mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1, sun: 1 } };
}

/** A colour for a weight or rate between 0 and `max`: the accent at full
 * strength, transparent at zero, so that it reads in both themes. */
export function heat(value: number, max: number): string {
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return `color-mix(in srgb, var(--heat) ${Math.round(share * 100)}%, transparent)`;
}

/** The first problem at `path` or inside it (`workload.mix` holds
 * `workload.mix[2].share`); a field shows the problems of its path only. */
export function problemsAt(problems: AppError[], path: string, inside = false): AppError[] {
  return problems.filter((p) => p.path === path || (inside && (p.path.startsWith(path + '.') || p.path.startsWith(path + '['))));
}

/** The sum of the mix's shares, in percent (text shares such as `12.5%`).
 * A share without its `%` sign counts for nothing, as Rust refuses it
 * (`0.3` could be 30 % or 0.3 %); the field shows Rust's message. */
export function mixTotal(scenario: Scenario): number {
  return scenario.workload.mix.reduce((sum, m) => sum + (String(m.share).trim().endsWith('%') ? parseFloat(String(m.share)) || 0 : 0), 0);
}

/** The kind of a duration distribution and its parameters as editable text. */
export type DistKind = 'exponential' | 'lognormal' | 'gamma' | 'empirical';

export function distKind(spec: DurationSpec): DistKind {
  if (typeof spec === 'object' && spec) {
    if ('lognormal' in spec) return 'lognormal';
    if ('gamma' in spec) return 'gamma';
    if ('empirical' in spec) return 'empirical';
  }
  return 'exponential';
}

/** The distribution's mean as written, whatever its kind (the first
 * sample for an empirical one), to carry over when the kind changes. */
export function distMean(spec: DurationSpec): string {
  const s = spec as Record<string, unknown>;
  if ('exponential' in s) return String(s.exponential);
  if ('lognormal' in s) return String((s.lognormal as { mean: string }).mean);
  if ('gamma' in s) return String((s.gamma as { mean: string }).mean);
  if ('empirical' in s) return String((s.empirical as string[])[0] ?? '10m');
  return '10m';
}

/** A distribution of another kind with the same mean. */
export function withKind(spec: DurationSpec, kind: DistKind): DurationSpec {
  const mean = distMean(spec);
  switch (kind) {
    case 'exponential':
      return { exponential: mean };
    case 'lognormal':
      return { lognormal: { mean, p90: mean } };
    case 'gamma':
      return { gamma: { mean, shape: 2 } };
    case 'empirical':
      return { empirical: [mean] };
  }
}

/** The scenario with every shift's headcount set to the recommendation. */
export function applySizing(scenario: Scenario, sizing: SizingResults): Scenario {
  const next: Scenario = structuredClone($plain(scenario));
  for (const row of sizing.shifts) {
    const shift = next.staffing.teams[row.team_index]?.shifts[row.shift_index];
    if (shift && shift.name === row.shift) shift.headcount = row.recommended;
  }
  return next;
}

/** A plain copy of a value that may be a Svelte proxy. */
function $plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** uPlot's data for a compliance histogram: bin centres and the share of
 * months (in percent) in each bin. */
export function histogramSeries(row: SimulationResults['objectives'][number]): [number[], number[]] {
  return [row.histogram.map((b) => (b.from + b.to) / 2), row.histogram.map((b) => b.share * 100)];
}

/** uPlot's data for the backlog: days, mean and highest open tickets. */
export function backlogSeries(r: SimulationResults): [number[], number[], number[]] {
  return [r.backlog_days, r.backlog_mean, r.backlog_max];
}

/** uPlot's data for bars by index: 1…n and each series. */
export function barSeries(...series: number[][]): number[][] {
  const n = series[0]?.length ?? 0;
  return [Array.from({ length: n }, (_, i) => i + 1), ...series];
}

/** A share (0–1) as a percentage with one decimal. */
export function pct(share: number | null | undefined): string {
  return share == null ? '–' : `${(share * 100).toFixed(1)} %`;
}

/** A time in seconds, short: `45s`, `12m`, `3h05m`, `2d04h` (as the
 * command line prints it); `–` when there is none. */
export function span(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(Math.max(0, seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor((s + 30) / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${two(Math.floor((s % 86400) / 3600))}h`;
}

/** Money with two decimals and the currency. */
export function money(amount: number | null | undefined, currency: string): string {
  return amount == null ? '–' : `${amount.toFixed(2)} ${currency}`;
}

/** An objective's label in the UI's language, e.g. `claims · P1 · portal ·
 * première réponse ≤ 15m`: plan, priority, the channel when the target has
 * one, the metric named by `word` (the `metric.*` messages), the time. */
export function objectiveLabel(
  row: Pick<SimulationResults['objectives'][number], 'plan' | 'priority' | 'channel' | 'metric' | 'within'>,
  word: (key: MessageKey) => string,
): string {
  const parts = [row.plan, row.priority, ...(row.channel ? [row.channel] : [])];
  return `${parts.join(' · ')} · ${word(`metric.${row.metric}`).toLowerCase()} ≤ ${row.within}`;
}

/**
 * How a results row names an escalation level: the report's `levels[N]`
 * (the agreement's index, from 0) as the level's number from 1, as the
 * contract numbers its levels; null for the warning (`warn_at`).
 */
export function levelNumber(level: string): number | null {
  const m = /^levels\[(\d+)\]$/.exec(level);
  return m ? Number(m[1]) + 1 : null;
}

/** When a level fires, as the report says it (`90%`, `after_breach 2h`), in the screen's words. */
export function levelWhen(when: string, word: (key: 'sim.escalation.elapsed' | 'sim.escalation.afterBreach', vars: Record<string, string>) => string): string {
  const m = /^after_breach (.+)$/.exec(when);
  return m ? word('sim.escalation.afterBreach', { after: m[1] }) : word('sim.escalation.elapsed', { share: when });
}
