import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { internalTooLong, opened, shell } from '../test/fixtures';
import { EditorSession, sectionOf } from './session.svelte';

afterEach(() => clearMocks());

function edited(diagnostics = [internalTooLong]) {
  return { summary: { ...opened().summary, dirty: true }, diagnostics, can_undo: true, can_redo: false };
}

describe('EditorSession', () => {
  it('sends a changed agreement to Rust and shows the findings it returns', async () => {
    const calls = shell((cmd) => (cmd === 'edit_agreement' ? edited() : null));
    const session = new EditorSession(opened());
    session.agreement.targets[0].first_response!.internal = '2h';
    session.touch();
    expect(session.pending).toBe(true);
    await session.flush();
    expect(calls.map((c) => c.cmd)).toEqual(['edit_agreement']);
    const sent = calls[0].args.agreement as ReturnType<typeof opened>['agreement'];
    expect(sent.targets[0].first_response?.internal).toBe('2h');
    expect(session.at('targets[0].first_response.internal')).toEqual([internalTooLong]);
    expect(session.errorCount).toBe(1);
    expect(session.canUndo).toBe(true);
    expect(session.dirty).toBe(true);
    expect(session.pending).toBe(false);
  });

  it('sends a percentage pasted without its sign as typed and shows what Rust says of it', async () => {
    // issue 18: `0.95` is not turned into `0.95%`; Rust refuses it, naming both readings.
    const bare = {
      code: 'invalid-value',
      severity: 'error' as const,
      path: 'targets[0].objective',
      message: '`0.95` is not a percentage: write `95%` or `0.95%`',
    };
    const calls = shell(() => edited([bare]));
    const session = new EditorSession(opened());
    session.agreement.targets[0].objective = '0.95';
    session.touch();
    await session.flush();
    const sent = calls[0].args.agreement as ReturnType<typeof opened>['agreement'];
    expect(sent.targets[0].objective).toBe('0.95');
    expect(session.agreement.targets[0].objective).toBe('0.95');
    expect(session.at('targets[0].objective')).toEqual([bare]);
  });

  it('coalesces quick changes into one call and skips unchanged agreements', async () => {
    const calls = shell(() => edited([]));
    const session = new EditorSession(opened());
    for (const title of ['A', 'AB', 'ABC']) {
      session.agreement.meta.title = title;
      session.touch();
    }
    await session.flush();
    await session.flush();
    expect(calls).toHaveLength(1);
    expect((calls[0].args.agreement as { meta: { title: string } }).meta.title).toBe('ABC');
  });

  it('sends pending changes before undoing, then shows what Rust restored', async () => {
    const restored = opened({ can_redo: true });
    restored.agreement.meta.title = 'Before';
    const calls = shell((cmd) => (cmd === 'undo' ? restored : edited([])));
    const session = new EditorSession(opened());
    session.agreement.meta.title = 'After';
    session.touch();
    await session.undo();
    expect(calls.map((c) => c.cmd)).toEqual(['edit_agreement', 'undo']);
    expect(session.agreement.meta.title).toBe('Before');
    expect(session.canRedo).toBe(true);
    // What Rust restored is not sent back as a new edit.
    await session.flush();
    expect(calls).toHaveLength(2);
  });

  it('keeps a command error with its code and path', async () => {
    shell(() => {
      throw { code: 'invalid-value', message: 'not a date', path: 'meta.effective_date' };
    });
    const session = new EditorSession(opened());
    expect(await session.saveVersion('x')).toBeNull();
    expect(session.error).toEqual({ code: 'invalid-value', message: 'not a date', path: 'meta.effective_date' });
  });

  it('sends pending edits, then saves a version with its message and shows its number', async () => {
    const version = { number: 3, author: 'ana', message: 'Faster P1', saved_ms: 5, fingerprint: 'ab'.repeat(32) };
    const calls = shell((cmd) =>
      cmd === 'save_version' ? { summary: { ...opened().summary, version: 3, dirty: false }, version, created: true } : edited([]),
    );
    const session = new EditorSession(opened());
    session.agreement.meta.title = 'Changed';
    session.touch();
    const saved = await session.saveVersion('Faster P1');
    expect(calls.map((c) => c.cmd)).toEqual(['edit_agreement', 'save_version']);
    expect(calls[1].args).toEqual({ id: 'a1', message: 'Faster P1' });
    expect(saved?.version.number).toBe(3);
    expect(session.version).toBe(3);
    expect(session.dirty).toBe(false);
  });

  it('a busy database reaches the session as its code and file', async () => {
    shell(() => {
      throw { code: 'busy', message: 'pledge.db is busy', path: '/data/pledge.db' };
    });
    const session = new EditorSession(opened());
    expect(await session.exportYaml()).toBeNull();
    expect(session.error).toEqual({ code: 'busy', message: 'pledge.db is busy', path: '/data/pledge.db' });
  });

  it('reports where an export went', async () => {
    const calls = shell((cmd) => (cmd === 'export_file' ? { path: '/tmp/a.yaml' } : null));
    const session = new EditorSession(opened());
    expect(await session.exportYaml()).toBe('/tmp/a.yaml');
    expect(calls[0]).toEqual({ cmd: 'export_file', args: { id: 'a1' } });
  });
});

describe('sectionOf', () => {
  it('maps a field path to its editor section', () => {
    expect(sectionOf('targets[2].resolution.within')).toBe('targets');
    expect(sectionOf('meta.term.initial_months')).toBe('meta');
    expect(sectionOf('pledge')).toBe('meta');
    expect(sectionOf('')).toBe('meta');
    expect(sectionOf('teams[0].id')).toBe('olas');
    expect(sectionOf('escalation.levels[1].when.elapsed')).toBe('escalation');
    expect(sectionOf('penalty_terms.cap.share_of_fee')).toBe('penalties');
    expect(sectionOf('liability.cap.months_of_fees')).toBe('clauses');
    expect(sectionOf('security.backup.retention')).toBe('clauses');
  });
});
