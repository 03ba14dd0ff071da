// The Portfolio screen's pure logic: members added and removed with every
// reference to them (a team's `acts_as` and `members`, `precedence`), the
// members' order as the precedence, and the results' figures in words.
// Rust judges the portfolio; this only edits it.
import type { PortfolioSpec } from './bindings/types';

export type Member = PortfolioSpec['members'][number];
export type SharedTeam = PortfolioSpec['staffing']['teams'][number];

/** An identifier for a member of `agreement` that no other member has:
 * the agreement's name, then `-2`, `-3`… */
export function memberId(agreement: string, members: Member[]): string {
  const taken = new Set(members.map((m) => m.id));
  if (!taken.has(agreement)) return agreement;
  let n = 2;
  while (taken.has(`${agreement}-${n}`)) n++;
  return `${agreement}-${n}`;
}

/** The portfolio with `agreement` as one more member (its saved scenario, at its own volume). */
export function addMember(spec: PortfolioSpec, agreement: string): PortfolioSpec {
  const member: Member = { id: memberId(agreement, spec.members), agreement, scenario: 'saved' };
  const members = [...spec.members, member];
  const precedence = spec.precedence ? [...spec.precedence, member.id] : spec.precedence;
  return { ...spec, members, precedence };
}

/** The portfolio without member `index`, and without every mention of it. */
export function removeMember(spec: PortfolioSpec, index: number): PortfolioSpec {
  const gone = spec.members[index]?.id;
  if (gone == null) return spec;
  const teams = spec.staffing.teams.map((t) => {
    const acts_as = Object.fromEntries(Object.entries(t.acts_as ?? {}).filter(([id]) => id !== gone));
    const members = t.members ? t.members.filter((id) => id !== gone) : t.members;
    return { ...t, acts_as, members };
  });
  return {
    ...spec,
    members: spec.members.filter((_, i) => i !== index),
    staffing: { ...spec.staffing, teams },
    precedence: spec.precedence ? spec.precedence.filter((id) => id !== gone) : spec.precedence,
  };
}

/** The portfolio with member `index` moved by `by` places (the precedence follows the order when given). */
export function moveMember(spec: PortfolioSpec, index: number, by: number): PortfolioSpec {
  const to = index + by;
  if (to < 0 || to >= spec.members.length) return spec;
  const members = [...spec.members];
  const [m] = members.splice(index, 1);
  members.splice(to, 0, m);
  return { ...spec, members, precedence: spec.precedence ? members.map((x) => x.id) : spec.precedence };
}

/** Pooled (no precedence) or in the members' order. */
export function withPrecedence(spec: PortfolioSpec, ordered: boolean): PortfolioSpec {
  return { ...spec, precedence: ordered ? spec.members.map((m) => m.id) : null };
}

/** Whether a shared team serves a member (every member when it names none). */
export function serves(team: SharedTeam, id: string): boolean {
  return team.members == null || team.members.includes(id);
}

/** The team serving member `id` or not; a team that serves every member names none. */
export function withServes(team: SharedTeam, id: string, on: boolean, all: string[]): SharedTeam {
  const now = new Set(team.members ?? all);
  if (on) now.add(id);
  else now.delete(id);
  const members = all.filter((m) => now.has(m));
  const acts_as = on ? team.acts_as : Object.fromEntries(Object.entries(team.acts_as ?? {}).filter(([m]) => m !== id));
  return { ...team, members: members.length === all.length ? null : members, acts_as };
}

/** The team acting as agreement team `role` of member `id`, or none when empty. */
export function withActsAs(team: SharedTeam, id: string, role: string): SharedTeam {
  const acts_as = { ...(team.acts_as ?? {}) };
  if (role) acts_as[id] = role;
  else delete acts_as[id];
  return { ...team, acts_as };
}

/** "3 of 4" objectives held. */
export function heldText(row: { held: number; objectives: number }): string {
  return `${row.held} / ${row.objectives}`;
}
