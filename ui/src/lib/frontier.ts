// The frontier and recorded runs as the Simulation screen shows them: which
// targets of the agreement a frontier can move, a first list of values to
// try around the contractual one, and the series the charts draw. Every
// figure comes from Rust (`pledge::sim::frontier`); here only choices and
// shapes.
import type { Agreement } from './api';
import type { Frontier } from './bindings/types';
import type { MessageKey } from './i18n.svelte';
import { objectiveLabel } from './simulation';

/** The metrics a frontier can move (periodic updates are not simulated). */
export const FRONTIER_METRICS = ['first_response', 'next_response', 'resolution'] as const;
type FrontierMetric = (typeof FRONTIER_METRICS)[number];

/** One target a frontier can move: its `PLAN/PRIORITY[/CHANNEL]/METRIC` key,
 * the contractual value and a label in the UI's language. */
export type FrontierTarget = { key: string; within: string; label: string };

/** Every target of the agreement's rows that a frontier can move, in the
 * agreement's order. */
export function frontierTargets(agreement: Agreement, word: (key: MessageKey) => string): FrontierTarget[] {
  const out: FrontierTarget[] = [];
  for (const row of agreement.targets ?? []) {
    for (const metric of FRONTIER_METRICS) {
      const target = row[metric as FrontierMetric];
      if (!target) continue;
      const within = typeof target.within === 'number' ? writeSeconds(target.within) : String(target.within);
      const parts = [row.plan, row.priority, ...(row.channel ? [row.channel] : []), metric];
      out.push({ key: parts.join('/'), within, label: objectiveLabel({ plan: row.plan, priority: row.priority, channel: row.channel ?? null, metric, within }, word) });
    }
  }
  return out;
}

/** Seconds of a simple duration (`4h`, `1h30m`, `2d`, `45m`), or null. */
export function readSeconds(text: string): number | null {
  const m = /^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?\s*$/.exec(text);
  if (!m || !(m[1] || m[2] || m[3] || m[4])) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/** A duration as a contract writes it: whole hours `12h`, else `1h30m` or `45m`. */
export function writeSeconds(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

/** A first list of values around the contractual one: half, three
 * quarters, itself, one and a half and twice (rounded to 5 minutes); for
 * business days, whole days from one to three times it. Empty when the
 * value is not one this screen reads (the user types the list). */
export function suggestedValues(within: string): string {
  const days = /^\s*(\d+)\s*bd\s*$/.exec(within);
  if (days) {
    const n = Number(days[1]);
    const list = [...new Set([Math.max(1, Math.round(n / 2)), n, 2 * n, 3 * n])];
    return list.map((d) => `${d}bd`).join(', ');
  }
  const seconds = readSeconds(within);
  if (seconds == null || seconds <= 0) return '';
  const step = 300;
  const values = [0.5, 0.75, 1, 1.5, 2].map((f) => Math.max(step, Math.round((seconds * f) / step) * step));
  return [...new Set(values)].map(writeSeconds).join(', ');
}

/** The objective shares a frontier of shares starts with. */
export const SUGGESTED_SHARES = '80%, 90%, 95%, 99%';

/** The frontier's series on its points (x = 1…n, one category per point):
 * agents needed, then staff cost, expected credits and their sum per month;
 * a point without a staffing, or without a figure, is a gap. */
export function frontierSeries(f: Frontier): { agents: (number | null)[][]; money: (number | null)[][] } {
  const x = f.points.map((_, i) => i + 1);
  const staff = f.points.map((p) => (p.staff_per_month == null ? null : Number(p.staff_per_month)));
  const credits = f.points.map((p) => (p.credits_expected == null ? null : Number(p.credits_expected)));
  const total = staff.map((s, i) => (s == null || credits[i] == null ? null : s + (credits[i] as number)));
  return {
    agents: [x, f.points.map((p) => p.agents ?? null)],
    money: [x, staff, credits, total],
  };
}
