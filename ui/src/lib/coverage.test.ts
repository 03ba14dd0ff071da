import { describe, expect, it } from 'vitest';
import { moveEnd, readShiftHours, stepPoints, weekPieces, writeShiftHours } from './coverage';

describe('a shift’s hours', () => {
  it('read as hours from the day’s midnight, the next day’s end past 24', () => {
    expect(readShiftHours('09:00-17:30')).toEqual({ start: 9, end: 17.5 });
    expect(readShiftHours('22:00-06:00+1')).toEqual({ start: 22, end: 30 });
    expect(readShiftHours('22:00-06:00')).toBeNull();
    expect(readShiftHours('18:00-00:00+1')).toEqual({ start: 18, end: 24 });
    expect(readShiftHours('9-17')).toBeNull();
    expect(readShiftHours('25:00-26:00')).toBeNull();
    expect(readShiftHours('09:75-10:00')).toBeNull();
  });

  it('write back as the scenario does', () => {
    expect(writeShiftHours({ start: 9, end: 17.5 })).toBe('09:00-17:30');
    expect(writeShiftHours({ start: 22, end: 30 })).toBe('22:00-06:00+1');
    expect(writeShiftHours({ start: 0, end: 24 })).toBe('00:00-00:00+1');
    expect(writeShiftHours({ start: 18, end: 24 })).toBe('18:00-00:00+1');
    for (const text of ['07:30-15:00', '23:30-07:30+1', '00:00-12:00']) expect(writeShiftHours(readShiftHours(text)!)).toBe(text);
  });

  it('move by half hours, never shorter than half an hour nor longer than a day', () => {
    const day = { start: 9, end: 17 };
    expect(moveEnd(day, 'end', 17.6)).toEqual({ start: 9, end: 17.5 });
    expect(moveEnd(day, 'end', 3)).toEqual({ start: 9, end: 9.5 });
    expect(moveEnd(day, 'end', 40)).toEqual({ start: 9, end: 33 });
    expect(moveEnd(day, 'start', 8.2)).toEqual({ start: 8, end: 17 });
    expect(moveEnd(day, 'start', 20)).toEqual({ start: 16.5, end: 17 });
    expect(moveEnd(day, 'start', -3)).toEqual({ start: 0, end: 17 });
    expect(moveEnd({ start: 22, end: 30 }, 'start', 26)).toEqual({ start: 23.5, end: 30 });
  });
});

describe('the week’s pieces of a shift', () => {
  it('put each day’s span in hours of the week, Sunday night coming back at Monday', () => {
    expect(weekPieces(['mon', 'wed'], { start: 9, end: 17 })).toEqual([
      { from: 9, to: 17, day: 0 },
      { from: 57, to: 65, day: 2 },
    ]);
    expect(weekPieces(['sun'], { start: 22, end: 30 })).toEqual([
      { from: 166, to: 168, day: 6 },
      { from: 0, to: 6, day: 6 },
    ]);
    expect(weekPieces(['someday'], { start: 9, end: 17 })).toEqual([]);
  });

  it('draw a value per hour as a flat step', () => {
    expect(stepPoints([1, 2], (h) => h * 10, (v) => 100 - v)).toBe('0.0,99.0 10.0,99.0 10.0,98.0 20.0,98.0');
  });
});
