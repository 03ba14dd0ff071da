import { clearMocks } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { afterEach, describe, expect, it } from 'vitest';
import { shell } from '../test/fixtures';
import type { Agreement, RunProgress, ScenarioSpec } from './api';
import type { Frontier, RecordedRun } from './bindings/types';
import { frontierSeries, frontierTargets, readSeconds, suggestedValues, writeSeconds } from './frontier';
import { ScenarioSession } from './scenario.svelte';

afterEach(() => clearMocks());

const word = (key: string) => ({ 'metric.first_response': 'First response', 'metric.resolution': 'Resolution' })[key] ?? key;

describe('the targets a frontier can move', () => {
  it('lists each row’s first-response, next-response and resolution targets, never periodic updates', () => {
    const agreement = {
      targets: [
        { plan: 'gold', priority: 'P1', objective: '95%', first_response: { within: '30m' }, periodic_update: { within: '1h' }, resolution: { within: '4h' } },
        { plan: 'gold', priority: 'P2', channel: 'phone', objective: '90%', first_response: { within: 7200 } },
      ],
    } as unknown as Agreement;
    const targets = frontierTargets(agreement, word);
    expect(targets.map((x) => x.key)).toEqual(['gold/P1/first_response', 'gold/P1/resolution', 'gold/P2/phone/first_response']);
    expect(targets[2].within).toBe('2h');
    expect(targets[2].label).toBe('gold · P2 · phone · first response ≤ 2h');
    expect(frontierTargets({ targets: [] } as unknown as Agreement, word)).toEqual([]);
  });
});

describe('the values a frontier starts with', () => {
  it('reads and writes durations as a contract does', () => {
    expect(readSeconds('1h30m')).toBe(5400);
    expect(readSeconds('2d')).toBe(172800);
    expect(readSeconds('45m')).toBe(2700);
    expect(readSeconds('')).toBeNull();
    expect(readSeconds('4 hours')).toBeNull();
    expect(writeSeconds(5400)).toBe('1h30m');
    expect(writeSeconds(43200)).toBe('12h');
    expect(writeSeconds(600)).toBe('10m');
  });

  it('tries half to twice the contractual value, rounded to five minutes, each once', () => {
    expect(suggestedValues('8h')).toBe('4h, 6h, 8h, 12h, 16h');
    expect(suggestedValues('15m')).toBe('10m, 15m, 25m, 30m');
    expect(suggestedValues('5m')).toBe('5m, 10m');
    expect(suggestedValues('2bd')).toBe('1bd, 2bd, 4bd, 6bd');
    expect(suggestedValues('1bd')).toBe('1bd, 2bd, 3bd');
    expect(suggestedValues('soon')).toBe('');
  });
});

describe('the frontier’s series', () => {
  it('leaves a gap where a point has no staffing or no cost, and adds staff and credits only when both are known', () => {
    const point = (agents: number | null, staff: number | null, credits: number | null) => ({ agents, staff_per_month: staff, credits_expected: credits });
    const f = { points: [point(5, 1000, 20), point(4, null, 30), point(null, null, null)] } as unknown as Frontier;
    const { agents, money } = frontierSeries(f);
    expect(agents).toEqual([[1, 2, 3], [5, 4, null]]);
    expect(money).toEqual([
      [1, 2, 3],
      [1000, null, null],
      [20, 30, null],
      [1020, null, null],
    ]);
  });
});

function spec(): ScenarioSpec {
  return { name: 'Test' } as unknown as ScenarioSpec;
}

function recorded(id: number): RecordedRun {
  return {
    id,
    recorded_ms: 1_700_000_000_000,
    version: { number: 2, author: 'A', message: 'Second', saved_ms: 1_699_000_000_000, fingerprint: 'f' },
    scenario: 'Test',
    seed: 1,
    replications: 20,
    figures: { objectives: 4, held: 3, tickets: 100, currency: 'EUR', credits_expected: 12, staff_per_month: 5000 },
  };
}

describe('the Simulation session', () => {
  it('draws a frontier with the request and settings, progress counted by point', async () => {
    const seen: (RunProgress | null)[] = [];
    let session: ScenarioSession | null = null;
    const calls = shell((cmd, args) => {
      if (cmd !== 'draw_frontier') return null;
      const channel = args.onProgress as Channel<RunProgress>;
      expect(session!.running).toBe('frontier');
      channel.onmessage({ done: 1, total: 3, evaluations: 12, best_agent_hours: null });
      seen.push(session!.progress);
      return { target: 'gold/P1/resolution', points: [] };
    });
    session = new ScenarioSession('a1', spec(), []);
    session.frontierRequest = { target: 'gold/P1/resolution', axis: 'target', list: '4h, 8h' };
    await session.drawFrontier();
    expect(calls.map((c) => c.cmd)).toEqual(['draw_frontier']);
    expect(calls[0].args.request).toEqual({ target: 'gold/P1/resolution', axis: 'target', list: '4h, 8h' });
    expect(calls[0].args.settings).toEqual({ replications: 20, seed: 1, confidence: 0.9 });
    expect(seen[0]).toEqual({ done: 1, total: 3, evaluations: 12, best_agent_hours: null });
    expect(session.frontier?.target).toBe('gold/P1/resolution');
    expect(session.running).toBeNull();
  });

  it('compares with a recorded run by its identifier, and with a kept scenario by its text', async () => {
    const calls = shell((cmd) => (cmd === 'compare_with_run' || cmd === 'compare_scenarios' ? { objectives: [] } : null));
    const session = new ScenarioSession('a1', spec(), []);
    session.useRunAsBaseline(recorded(7));
    await session.compare();
    expect(calls.map((c) => c.cmd)).toEqual(['compare_with_run']);
    expect(calls[0].args.baselineRun).toBe(7);
    session.keepBaseline();
    expect(session.whatIf).toBeNull();
    await session.compare();
    expect(calls.map((c) => c.cmd)).toEqual(['compare_with_run', 'compare_scenarios']);
    expect(calls[1].args.baseline).toEqual(spec());
  });

  it('lists the recorded runs again after a run recorded against a version', async () => {
    const calls = shell((cmd) => {
      if (cmd === 'run_simulation') return { recorded_version: 2, objectives: [] };
      if (cmd === 'list_runs') return [recorded(9), recorded(8)];
      return null;
    });
    const session = new ScenarioSession('a1', spec(), []);
    await session.run();
    expect(calls.map((c) => c.cmd)).toEqual(['run_simulation', 'list_runs']);
    expect(session.runs.map((r) => r.id)).toEqual([9, 8]);
  });
});
