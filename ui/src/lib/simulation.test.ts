import { clearMocks } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { afterEach, describe, expect, it } from 'vitest';
import { shell } from '../test/fixtures';
import type { AppError, RunProgress, ScenarioSpec, SimulationResults, SizingResults } from './api';
import { ScenarioSession } from './scenario.svelte';
import { runShortcut } from './shortcuts';
import {
  objectiveLabel,
  span,
  applySizing,
  backlogSeries,
  barSeries,
  cellsBetween,
  dailyShape,
  distKind,
  histogramSeries,
  mixTotal,
  paint,
  problemsAt,
  shapeFromWeights,
  weekWeights,
  withKind,
} from './simulation';

afterEach(() => clearMocks());

function scenario(): ScenarioSpec {
  return {
    name: 'Test',
    start: '2027-01-04',
    time_zone: 'Europe/Paris',
    warm_up: '7d',
    horizon: '28d',
    workload: {
      tickets_per_week: 100,
      shape: { daily: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 2 : 0)), days: { mon: 2, tue: 1, wed: 1, thu: 1, fri: 1, sat: 0, sun: 0 } },
      mix: [
        { plan: 'standard', priority: 'P1', share: '30%' },
        { plan: 'standard', priority: 'P2', share: '70.5%' },
      ],
    },
    work: [{ priority: 'P1', first_response: { exponential: '10m' }, resolution: { lognormal: { mean: '1h', p90: '2h' } } }],
    staffing: {
      teams: [
        { name: 'L1', stages: ['triage', 'resolution'], shifts: [{ name: 'day', days: ['mon', 'tue'], hours: '09:00-17:00', headcount: 3 }] },
        { name: 'L2', stages: ['resolution'], shifts: [{ name: 'day', days: ['mon'], hours: '09:00-17:00', headcount: 1 }, { name: 'late', days: ['mon'], hours: '17:00-21:00', headcount: 1 }] },
      ],
    },
    dispatch: 'deadline',
  };
}

describe('the week shape', () => {
  it('reads a daily curve times day factors as the core does, Monday 00:00 first', () => {
    const w = weekWeights(scenario().workload.shape);
    expect(w).toHaveLength(168);
    expect(w[9]).toBe(4); // Monday 09:00: 2 × 2
    expect(w[24 + 9]).toBe(2); // Tuesday 09:00
    expect(w[5 * 24 + 10]).toBe(0); // Saturday
    expect(w[8]).toBe(0);
    expect(weekWeights(null).every((x) => x === 1)).toBe(true);
  });

  it('paints a dragged rectangle of hours with the brush, leaving the rest', () => {
    const cells = cellsBetween({ day: 2, hour: 10 }, { day: 0, hour: 8 });
    expect(cells).toHaveLength(3 * 3);
    expect(cells).toContain(0 * 24 + 8);
    expect(cells).toContain(2 * 24 + 10);
    const before = weekWeights(scenario().workload.shape);
    const after = paint(before, cells, 7);
    expect(after[24 + 9]).toBe(7);
    expect(after[3 * 24 + 9]).toBe(before[3 * 24 + 9]);
    expect(before[24 + 9]).toBe(2); // the original is not changed
    const shape = shapeFromWeights(after);
    expect(shape.hours_of_week).toHaveLength(168);
    expect(shape.daily).toBeUndefined();
    expect(weekWeights(shape)).toEqual(after);
  });

  it('turns painted hours back into a daily curve from Monday', () => {
    const shape = dailyShape(shapeFromWeights(paint(weekWeights(null), [3], 9)));
    expect(shape.daily).toHaveLength(24);
    expect(shape.daily?.[3]).toBe(9);
    expect(shape.hours_of_week).toBeUndefined();
  });
});

describe('the scenario form', () => {
  it('adds the mix shares and finds problems at and inside a path', () => {
    expect(mixTotal(scenario())).toBeCloseTo(100.5);
    // issue 18: a bare number is not a percentage, so it is not added in.
    const bare = scenario();
    bare.workload.mix[1].share = '0.705';
    expect(mixTotal(bare)).toBeCloseTo(30);
    const problems: AppError[] = [{ code: 'invalid-scenario', message: 'must lie between 0% and 100%', path: 'workload.mix[1].share' }];
    expect(problemsAt(problems, 'workload.mix[1].share')).toHaveLength(1);
    expect(problemsAt(problems, 'workload.mix[1]')).toHaveLength(0);
    expect(problemsAt(problems, 'workload.mix[1]', true)).toHaveLength(1);
    expect(problemsAt(problems, 'workload.mix[10]', true)).toHaveLength(0);
  });

  it('changes a distribution kind keeping its mean', () => {
    const spec = { lognormal: { mean: '1h', p90: '2h' } };
    expect(distKind(spec)).toBe('lognormal');
    expect(withKind(spec, 'gamma')).toEqual({ gamma: { mean: '1h', shape: 2 } });
    expect(withKind(spec, 'exponential')).toEqual({ exponential: '1h' });
    expect(withKind({ exponential: '5m' }, 'empirical')).toEqual({ empirical: ['5m'] });
  });

  it('applies a sizing to the shifts it names, and only to those', () => {
    const sizing: SizingResults = {
      confidence: 0.9,
      current_agent_hours: 32,
      recommended_agent_hours: 40,
      current_meets: false,
      evaluations: 5,
      shifts: [
        { team_index: 0, shift_index: 0, team: 'L1', shift: 'day', current: 3, recommended: 4, erlang: 4 },
        { team_index: 1, shift_index: 1, team: 'L2', shift: 'late', current: 1, recommended: 2, erlang: 1 },
        { team_index: 1, shift_index: 5, team: 'L2', shift: 'gone', current: 1, recommended: 9, erlang: 1 },
      ],
    };
    const before = scenario();
    const after = applySizing(before, sizing);
    expect(after.staffing.teams[0].shifts[0].headcount).toBe(4);
    expect(after.staffing.teams[1].shifts[0].headcount).toBe(1);
    expect(after.staffing.teams[1].shifts[1].headcount).toBe(2);
    expect(before.staffing.teams[0].shifts[0].headcount).toBe(3);
  });

  it('runs on Ctrl+Enter only', () => {
    const key = { key: 'Enter', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false };
    expect(runShortcut(key)).toBe(true);
    expect(runShortcut({ ...key, ctrlKey: false })).toBe(false);
    expect(runShortcut({ ...key, shiftKey: true })).toBe(false);
  });
});

function results(): SimulationResults {
  return {
    replications: 3,
    seed: 1,
    months: ['2027-01'],
    tickets: 400,
    objectives: [
      {
        plan: 'standard',
        priority: 'P1',
        channel: null,
        metric: 'first_response',
        within: '1h',
        objective: 95,
        mean: 96,
        low: 94,
        high: 98,
        p_meets: 2 / 3,
        histogram: [
          { from: 90, to: 95, share: 1 / 3 },
          { from: 95, to: 100, share: 2 / 3 },
        ],
      },
    ],
    teams: [{ name: 'L1', agent_hours_per_week: 40, occupancy: 70, low: 65, high: 75 }],
    breach_heatmap: Array(168).fill(0),
    backlog_days: [0, 1],
    backlog_mean: [10, 12],
    backlog_max: [14, 20],
    currency: 'EUR',
    credits: [{ schedule: 'total', expected: 12.5, p95: 100, p_credit: 0.1 }],
    recorded_version: null,
    escalation: [],
  };
}

describe('chart data', () => {
  it('puts histogram bins at their centres in percent of months', () => {
    const [x, y] = histogramSeries(results().objectives[0]);
    expect(x).toEqual([92.5, 97.5]);
    expect(y[0]).toBeCloseTo(33.333, 2);
    expect(y[1]).toBeCloseTo(66.667, 2);
  });

  it('numbers bars from one and keeps the backlog series aligned', () => {
    expect(barSeries([70, 80], [75, 90])).toEqual([[1, 2], [70, 80], [75, 90]]);
    expect(backlogSeries(results())).toEqual([[0, 1], [10, 12], [14, 20]]);
  });
});

describe('ScenarioSession', () => {
  it('saves an edited scenario and shows the problems Rust returns', async () => {
    const problem = { code: 'invalid-scenario', message: 'must lie between 0% and 100%', path: 'workload.mix[1].share' };
    const calls = shell((cmd) => (cmd === 'edit_scenario' ? [problem] : null));
    const session = new ScenarioSession('a1', scenario(), []);
    session.scenario.workload.mix[1].share = '170%';
    session.touch();
    await session.flush();
    expect(calls.map((c) => c.cmd)).toEqual(['edit_scenario']);
    expect((calls[0].args.scenario as ScenarioSpec).workload.mix[1].share).toBe('170%');
    expect(session.problems).toEqual([problem]);
    await session.flush();
    expect(calls).toHaveLength(1);
  });

  it('runs with progress over the channel, then shows the results', async () => {
    const seen: (RunProgress | null)[] = [];
    let session: ScenarioSession | null = null;
    const calls = shell((cmd, args) => {
      if (cmd !== 'run_simulation') return null;
      const channel = args.onProgress as Channel<RunProgress>;
      for (const done of [1, 3, 2]) {
        channel.onmessage({ done, total: 3, evaluations: null, best_agent_hours: null });
        seen.push(session!.progress);
      }
      expect(session!.running).toBe('run');
      return results();
    });
    session = new ScenarioSession('a1', scenario(), []);
    session.settings.replications = 3;
    await session.run();
    expect(calls.map((c) => c.cmd)).toEqual(['run_simulation']);
    expect(calls[0].args.settings).toEqual({ replications: 3, seed: 1, confidence: 0.9 });
    expect(seen.map((p) => p?.done)).toEqual([1, 3, 3]);
    expect(session.results?.objectives[0].p_meets).toBeCloseTo(2 / 3);
    expect(session.running).toBeNull();
  });

  it('cancels the run under way by its number and says it was cancelled', async () => {
    let release: (() => void) | null = null;
    const calls = shell((cmd) => {
      if (cmd === 'cancel_run') {
        release?.();
        return true;
      }
      if (cmd === 'run_simulation') return new Promise((_, reject) => (release = () => reject({ code: 'cancelled', message: 'the run was cancelled', path: '' })));
      return null;
    });
    const session = new ScenarioSession('a1', scenario(), []);
    const running = session.run();
    await new Promise((r) => setTimeout(r, 0));
    expect(session.running).toBe('run');
    await session.cancel();
    await running;
    const run = calls.find((c) => c.cmd === 'run_simulation')!.args.run;
    expect(calls.find((c) => c.cmd === 'cancel_run')!.args.run).toBe(run);
    expect(session.cancelled).toBe(true);
    expect(session.error).toBeNull();
    expect(session.running).toBeNull();
  });
});

describe('objective labels', () => {
  it('name the metric in the UI language, with the channel only when the target has one', () => {
    const french: Record<string, string> = {
      'metric.first_response': 'Première réponse',
      'metric.resolution': 'Résolution',
    };
    const word = (key: string) => french[key] ?? key;
    const row = { plan: 'claims', priority: 'P1', channel: 'portal', metric: 'first_response', within: '15m' } as const;
    expect(objectiveLabel(row, word)).toBe('claims · P1 · portal · première réponse ≤ 15m');
    const other = { plan: 'claims', priority: 'P1', channel: null, metric: 'resolution', within: '4h' } as const;
    expect(objectiveLabel(other, word)).toBe('claims · P1 · résolution ≤ 4h');
  });
});

describe('span', () => {
  it('prints times short and rounded, as the command line does', () => {
    expect(span(0.4)).toBe('0s');
    expect(span(89)).toBe('1m');
    expect(span(90)).toBe('2m');
    expect(span(3600 + 5 * 60)).toBe('1h05m');
    expect(span(2 * 86400 + 4 * 3600)).toBe('2d04h');
    expect(span(null)).toBe('–');
  });
});

describe('escalation rows', () => {
  it('number the levels from 1 as the contract does and name the warning apart', async () => {
    const { levelNumber } = await import('./simulation');
    expect(levelNumber('levels[0]')).toBe(1);
    expect(levelNumber('levels[12]')).toBe(13);
    expect(levelNumber('warn_at')).toBeNull();
    expect(levelNumber('levels[x]')).toBeNull();
  });
  it('say when a level fires in words', async () => {
    const { levelWhen } = await import('./simulation');
    const word = (key: string, vars: Record<string, string>) => `${key}:${Object.values(vars).join()}`;
    expect(levelWhen('90%', word)).toBe('sim.escalation.elapsed:90%');
    expect(levelWhen('after_breach 2h', word)).toBe('sim.escalation.afterBreach:2h');
  });
});
