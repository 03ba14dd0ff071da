import { describe, expect, it } from 'vitest';
import type { PortfolioSpec } from './bindings/types';
import { addMember, memberId, moveMember, removeMember, serves, withActsAs, withPrecedence, withServes } from './portfolio';

function desk(): PortfolioSpec {
  return {
    name: 'Desk',
    members: [
      { id: 'acme', agreement: 'acme', scenario: 'saved' },
      { id: 'globex', agreement: 'globex', scenario: 'default', volume: '50%' },
    ],
    start: '2027-01-18T00:00',
    time_zone: 'Europe/Paris',
    warm_up: '14d',
    horizon: '35d',
    staffing: {
      teams: [
        { name: 'Desk', acts_as: { acme: 'l1', globex: 'support' }, stages: ['triage'], shifts: [] },
        { name: 'Experts', members: ['globex'], acts_as: { globex: 'l2' }, stages: ['resolution'], shifts: [] },
      ],
    },
    dispatch: 'deadline',
    precedence: ['acme', 'globex'],
  } as PortfolioSpec;
}

describe('portfolio members', () => {
  it('gives a second member of the same agreement its own identifier', () => {
    const spec = addMember(desk(), 'acme');
    expect(spec.members.map((m) => m.id)).toEqual(['acme', 'globex', 'acme-2']);
    expect(spec.precedence).toEqual(['acme', 'globex', 'acme-2']);
    expect(memberId('acme', addMember(spec, 'acme').members)).toBe('acme-4');
  });

  it('removes every mention of a removed member', () => {
    const spec = removeMember(desk(), 1);
    expect(spec.members.map((m) => m.id)).toEqual(['acme']);
    expect(spec.staffing.teams[0].acts_as).toEqual({ acme: 'l1' });
    expect(spec.staffing.teams[1].members).toEqual([]);
    expect(spec.precedence).toEqual(['acme']);
  });

  it('moves a member and the precedence with it, and pools on request', () => {
    const spec = moveMember(desk(), 1, -1);
    expect(spec.members.map((m) => m.id)).toEqual(['globex', 'acme']);
    expect(spec.precedence).toEqual(['globex', 'acme']);
    expect(moveMember(spec, 0, -1)).toBe(spec);
    expect(withPrecedence(spec, false).precedence).toBeNull();
  });
});

describe('shared teams', () => {
  it('names no member while it serves every one', () => {
    const all = ['acme', 'globex'];
    const experts = desk().staffing.teams[1];
    expect(serves(experts, 'acme')).toBe(false);
    const both = withServes(experts, 'acme', true, all);
    expect(both.members).toBeNull();
    expect(serves(both, 'acme')).toBe(true);
    const none = withServes(both, 'globex', false, all);
    expect(none.members).toEqual(['acme']);
    expect(none.acts_as).toEqual({});
  });

  it('sets and clears the agreement team a shared team acts as', () => {
    const team = withActsAs(desk().staffing.teams[0], 'globex', '');
    expect(team.acts_as).toEqual({ acme: 'l1' });
    expect(withActsAs(team, 'globex', 'l2').acts_as).toEqual({ acme: 'l1', globex: 'l2' });
  });
});
