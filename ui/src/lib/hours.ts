// The weekly hours grid works on whole hours: these helpers turn a day's
// opening intervals ("09:00-12:00") into the hours they touch and back.
// They only shape what is shown and clicked; Rust validates the result.

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAYS)[number];

function minutes(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return value <= 24 * 60 ? value : null;
}

/** For each of the day's 24 hours, the share of it that is open (0 to 1). Unreadable intervals are ignored. */
export function coverage(intervals: string[]): number[] {
  const open = new Array<boolean>(24 * 60).fill(false);
  for (const interval of intervals) {
    const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})(\+1)?$/.exec(interval.trim());
    if (!m) continue;
    const start = minutes(m[1]);
    let end = minutes(m[2]);
    if (start === null || end === null) continue;
    if (m[3] || end <= start) end = 24 * 60;
    for (let i = start; i < end; i++) open[i] = true;
  }
  return Array.from({ length: 24 }, (_, h) => open.slice(h * 60, h * 60 + 60).filter(Boolean).length / 60);
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The intervals with one hour opened (when any of it was closed) or closed (when it was all open). */
export function toggleHour(intervals: string[], hour: number): string[] {
  const open = new Array<boolean>(24 * 60).fill(false);
  for (const interval of intervals) {
    const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})(\+1)?$/.exec(interval.trim());
    if (!m) return intervals;
    const start = minutes(m[1]);
    let end = minutes(m[2]);
    if (start === null || end === null) return intervals;
    if (m[3] || end <= start) end = 24 * 60;
    for (let i = start; i < end; i++) open[i] = true;
  }
  const hourOpen = open.slice(hour * 60, hour * 60 + 60).every(Boolean);
  for (let i = hour * 60; i < hour * 60 + 60; i++) open[i] = !hourOpen;
  const result: string[] = [];
  let start = -1;
  for (let i = 0; i <= 24 * 60; i++) {
    const isOpen = i < 24 * 60 && open[i];
    if (isOpen && start < 0) start = i;
    if (!isOpen && start >= 0) {
      result.push(`${clock(start)}-${clock(i)}`);
      start = -1;
    }
  }
  return result;
}

/** A day's intervals as the text field shows them, and back. */
export function formatIntervals(intervals: string[]): string {
  return intervals.join(', ');
}

export function parseIntervals(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
