import { describe, expect, it } from 'vitest';
import { belowObjective, breakdownBars, compliance, maxRate, missRate, progressShare, rateColour, ratePct, splitMeasured } from './tickets';

describe('import progress', () => {
  it('is the share of the file read, bounded, and zero for an empty file', () => {
    expect(progressShare({ rows: 10, bytes: 250, total_bytes: 1000 })).toBe(0.25);
    expect(progressShare({ rows: 10, bytes: 1200, total_bytes: 1000 })).toBe(1);
    expect(progressShare({ rows: 0, bytes: 0, total_bytes: 0 })).toBe(0);
    expect(progressShare(null)).toBe(0);
  });
});

describe('breach heat-map', () => {
  const cells = [
    { measured: 0, missed: 0 },
    { measured: 10, missed: 0 },
    { measured: 10, missed: 1 },
    { measured: 6, missed: 3 },
  ];

  it('colours by miss rate over the highest, leaves empty cells clear and keeps a rare miss visible', () => {
    expect(missRate(cells[0])).toBeNull();
    expect(maxRate(cells)).toBe(0.5);
    expect(rateColour(cells[0], 0.5)).toBe('transparent');
    expect(rateColour(cells[1], 0.5)).toContain(' 0%');
    expect(rateColour(cells[2], 0.5)).toContain(' 20%');
    expect(rateColour(cells[3], 0.5)).toContain(' 100%');
    expect(rateColour({ measured: 1000, missed: 1 }, 0.5)).toContain(' 8%');
    expect(maxRate([])).toBe(0);
  });

  it('sets its scale by cells with enough tickets, so one late ticket alone does not pale the others', () => {
    const thin = [...cells, { measured: 1, missed: 1 }];
    expect(maxRate(thin)).toBe(0.5);
    expect(rateColour(thin[4], maxRate(thin))).toContain(' 100%');
    // With only thin cells, they set the scale themselves.
    expect(maxRate([{ measured: 2, missed: 1 }, { measured: 1, missed: 0 }])).toBe(0.5);
  });

  it('folds away objectives no ticket reached', () => {
    const { shown, empty } = splitMeasured([{ measured: 3 }, { measured: 0 }, { measured: 1 }]);
    expect(shown).toEqual([{ measured: 3 }, { measured: 1 }]);
    expect(empty).toEqual([{ measured: 0 }]);
  });

  it('writes rates as percentages', () => {
    expect(ratePct(0.1234)).toBe('12.3 %');
    expect(ratePct(null)).toBe('–');
  });
});

describe('compliance', () => {
  it('is met over measured, and an objective is missed only below it', () => {
    expect(compliance(9, 10)).toBe(90);
    expect(compliance(0, 0)).toBeNull();
    expect(belowObjective(9, 10, 90)).toBe(false);
    expect(belowObjective(8, 10, 90)).toBe(true);
    expect(belowObjective(0, 0, 90)).toBe(false);
  });
});

describe('breakdown bars', () => {
  it('gives positions, miss rates in percent and cut labels, the most measured keys first when there are too many', () => {
    const rows = [
      { key: 'Second-level support for enterprise accounts', cell: { measured: 10, missed: 5 } },
      { key: 'P2', cell: { measured: 40, missed: 4 } },
      { key: 'empty', cell: { measured: 0, missed: 0 } },
    ];
    const all = breakdownBars(rows);
    expect(all.data).toEqual([[1, 2, 3], [50, 10, 0]]);
    expect(all.labels[0]).toBe('Second-level …');
    expect(all.labels[0].length).toBe(14);
    const top = breakdownBars(rows, 2);
    expect(top.rows.map((r) => r.key)).toEqual(['P2', 'Second-level support for enterprise accounts']);
  });
});
