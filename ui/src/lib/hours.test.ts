import { describe, expect, it } from 'vitest';
import { coverage, formatIntervals, parseIntervals, toggleHour } from './hours';

describe('weekly hours grid', () => {
  it('shows the share of each hour that is open', () => {
    const cover = coverage(['09:30-12:00', '22:00-06:00+1']);
    expect(cover[8]).toBe(0);
    expect(cover[9]).toBe(0.5);
    expect(cover[11]).toBe(1);
    expect(cover[12]).toBe(0);
    expect(cover[23]).toBe(1);
  });

  it('ignores intervals it cannot read instead of guessing', () => {
    expect(coverage(['nine to five']).every((s) => s === 0)).toBe(true);
    expect(toggleHour(['nine to five'], 3)).toEqual(['nine to five']);
  });

  it('opens and closes whole hours and merges neighbours', () => {
    expect(toggleHour(['09:00-12:00', '13:00-18:00'], 12)).toEqual(['09:00-18:00']);
    expect(toggleHour(['09:00-18:00'], 12)).toEqual(['09:00-12:00', '13:00-18:00']);
    expect(toggleHour([], 23)).toEqual(['23:00-24:00']);
    expect(toggleHour(['09:30-10:00'], 9)).toEqual(['09:00-10:00']);
  });

  it('round-trips the text field', () => {
    expect(parseIntervals(' 09:00-12:00,14:00-18:00 ; ')).toEqual(['09:00-12:00', '14:00-18:00']);
    expect(formatIntervals(['09:00-12:00', '14:00-18:00'])).toBe('09:00-12:00, 14:00-18:00');
  });
});
