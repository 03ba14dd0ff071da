// The coverage timeline's arithmetic on a shift's hours as the scenario
// writes them (`09:00-17:00`, `22:00-06:00+1` ending the next day): read
// them as hours from the day's start, move an end, write them back. What is
// on duty and what is needed each hour comes from Rust (`scenario_coverage`).

export const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A shift's hours as hours from its day's midnight: `end` past 24 ends the next day. */
export type ShiftSpan = { start: number; end: number };

/** The smallest move of a shift's end, in hours (half an hour). */
export const STEP_HOURS = 0.5;

/** Reads `HH:MM-HH:MM` (with `+1` when it ends the next day); null when
 * the text is not one (the user may be typing it). */
export function readShiftHours(text: string | number): ShiftSpan | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*(\+1)?\s*$/.exec(String(text));
  if (!m) return null;
  const start = Number(m[1]) + Number(m[2]) / 60;
  let end = Number(m[3]) + Number(m[4]) / 60;
  if (start >= 24 || end > 24 || Number(m[2]) >= 60 || Number(m[4]) >= 60) return null;
  if (m[5]) end += 24;
  // As the core reads it: without `+1` the end is the same day's.
  if (end <= start) return null;
  return { start, end };
}

function clock(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Writes a span as the scenario does; an end at or past the next
 * midnight carries `+1`. */
export function writeShiftHours(span: ShiftSpan): string {
  return `${clock(span.start)}-${clock(span.end)}${span.end >= 24 ? '+1' : ''}`;
}

/** Moves one end of a shift to `hours` (from its day's midnight), snapped
 * to half hours, keeping at least half an hour and at most a day of work
 * and the start within its day. */
export function moveEnd(span: ShiftSpan, which: 'start' | 'end', hours: number): ShiftSpan {
  const snapped = Math.round(hours / STEP_HOURS) * STEP_HOURS;
  if (which === 'start') {
    const start = Math.min(Math.max(snapped, Math.max(0, span.end - 24)), Math.min(23.5, span.end - STEP_HOURS));
    return { start, end: span.end };
  }
  const end = Math.min(Math.max(snapped, span.start + STEP_HOURS), span.start + 24);
  return { start: span.start, end };
}

/** The pieces of the week a shift's span covers on each of its days, in
 * hours of the week (0 = Monday 00:00); a piece past Sunday midnight comes
 * back at Monday. */
export function weekPieces(days: readonly string[], span: ShiftSpan): { from: number; to: number; day: number }[] {
  const out: { from: number; to: number; day: number }[] = [];
  for (const d of days) {
    const day = DAY_NAMES.indexOf(d as (typeof DAY_NAMES)[number]);
    if (day < 0) continue;
    const from = day * 24 + span.start;
    const to = day * 24 + span.end;
    if (to <= 168) out.push({ from, to, day });
    else {
      out.push({ from, to: 168, day });
      out.push({ from: 0, to: to - 168, day });
    }
  }
  return out;
}

/** A step line through one value per hour, as SVG points: flat across each
 * hour, `x(h)` and `y(v)` placing it. */
export function stepPoints(values: readonly number[], x: (h: number) => number, y: (v: number) => number): string {
  const points: string[] = [];
  values.forEach((v, h) => {
    points.push(`${x(h).toFixed(1)},${y(v).toFixed(1)}`, `${x(h + 1).toFixed(1)},${y(v).toFixed(1)}`);
  });
  return points.join(' ');
}
