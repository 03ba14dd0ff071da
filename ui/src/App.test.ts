import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { setLocale } from './lib/i18n.svelte';
import { internalTooLong, opened, shell } from './test/fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

const summary = opened().summary;
const kept = { ...summary, id: 'kept', title: 'Kept agreement', client: 'Acme SA', reference: 'SLA-9', version: 2, modified_ms: 1_700_000_000_000 };
const other = { ...summary, id: 'other', title: 'Other agreement', client: 'Globex', reference: 'SLA-10', version: 1 };

/** The shell with a library of two agreements; `more` answers first. */
function library(more: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  return shell((cmd, args) => {
    const answer = more(cmd, args);
    if (answer !== undefined) return answer;
    switch (cmd) {
      case 'startup':
        return { database: '/data/pledge.db', error: null };
      case 'list_samples':
        return [{ name: 'blank', summary: 'A minimal agreement' }];
      case 'list_agreements':
        return [kept, other];
      case 'list_trash':
        return [];
      default:
        return null;
    }
  });
}

describe('App', () => {
  it('lists agreements, creates one from a sample and shows a finding next to its field', async () => {
    setLocale('en');
    const created = opened({ summary: { ...summary, id: 'a2' } });
    const calls = library((cmd) => {
      if (cmd === 'new_agreement' || cmd === 'get_agreement') return created;
      if (cmd === 'edit_agreement') return { summary: created.summary, diagnostics: [internalTooLong], can_undo: true, can_redo: false };
    });
    render(App);
    expect(await screen.findByText('Kept agreement')).toBeTruthy();
    expect(screen.getByText('Acme SA')).toBeTruthy();
    expect(screen.getAllByText('Version 2').length).toBe(1);

    await fireEvent.click(screen.getByTestId('create'));
    await waitFor(() => expect(document.querySelector('[data-path="meta.title"]')).toBeTruthy());
    expect(calls.find((c) => c.cmd === 'new_agreement')?.args).toEqual({ sample: 'blank' });

    await fireEvent.click(document.querySelector('[data-section="targets"]')!);
    const internal = document.querySelector<HTMLInputElement>('[data-path="targets[0].first_response.internal"]')!;
    internal.value = '2h';
    await fireEvent.input(internal);
    await waitFor(() => expect(document.querySelector('.diag[data-path="targets[0].first_response.internal"]')).toBeTruthy(), {
      timeout: 2000,
    });
    const sent = calls.filter((c) => c.cmd === 'edit_agreement').at(-1)!.args.agreement as { targets: { first_response: { internal: string } }[] };
    expect(sent.targets[0].first_response.internal).toBe('2h');
  });

  it('filters the library as the user types', async () => {
    setLocale('en');
    library();
    render(App);
    await screen.findByText('Kept agreement');
    const search = screen.getByTestId('search') as HTMLInputElement;
    search.value = 'globex';
    await fireEvent.input(search);
    await waitFor(() => expect(screen.queryByText('Kept agreement')).toBeNull());
    expect(screen.getByText('Other agreement')).toBeTruthy();
    search.value = 'nobody';
    await fireEvent.input(search);
    expect(await screen.findByTestId('no-match')).toBeTruthy();
  });

  it('Ctrl+S asks for a message, saves a version and History shows its change list', async () => {
    setLocale('en');
    const version = (number: number, message: string) => ({ number, author: 'ana', message, saved_ms: 1_700_000_000_000, fingerprint: `${number}`.repeat(64) });
    const calls = library((cmd) => {
      if (cmd === 'get_agreement') return opened({ summary: kept });
      if (cmd === 'save_version') return { summary: { ...kept, version: 3, dirty: false }, version: version(3, 'Faster P1'), created: true };
      if (cmd === 'list_versions') return [version(3, 'Faster P1'), version(2, 'Second'), version(1, 'Shipped sample')];
      if (cmd === 'compare_versions')
        return [{ path: 'targets[standard/P1].resolution.within', subject: 'P1 resolution (standard)', kind: 'changed', before: '8h', after: '4h', text: 'P1 resolution (standard): 8h → 4h' }];
    });
    render(App);
    await fireEvent.click(await screen.findByText('Kept agreement'));
    await waitFor(() => expect(document.querySelector('[data-path="meta.title"]')).toBeTruthy());
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    const message = (await screen.findByTestId('save-message')) as HTMLTextAreaElement;
    message.value = 'Faster P1';
    await fireEvent.input(message);
    await fireEvent.click(screen.getByTestId('save-confirm'));
    expect((await screen.findByTestId('status')).textContent).toContain('Saved as version 3.');
    expect(screen.queryByTestId('save-dialog')).toBeNull();
    expect(screen.getByTestId('version-label').textContent).toContain('v3');
    expect(calls.find((c) => c.cmd === 'save_version')?.args).toEqual({ id: 'kept', message: 'Faster P1' });

    await fireEvent.click(screen.getByTestId('editor-history'));
    expect(await screen.findByText('Faster P1')).toBeTruthy();
    expect(screen.getAllByTestId('version-row')).toHaveLength(3);
    const change = await screen.findByTestId('change');
    expect(change.textContent).toContain('P1 resolution (standard)');
    expect(change.querySelector('del')?.textContent).toBe('8h');
    expect(change.querySelector('ins')?.textContent).toBe('4h');
    expect(calls.find((c) => c.cmd === 'compare_versions')?.args).toEqual({ id: 'kept', from: 2, to: 3, lang: 'en' });
  });

  it('moves to the trash, restores, and purges only after a second confirmation', async () => {
    setLocale('en');
    let trashed = false;
    const trashedRow = { ...other, trashed_ms: 1_700_000_000_000 };
    const calls = library((cmd) => {
      if (cmd === 'trash_agreement') trashed = true;
      if (cmd === 'list_agreements') return trashed ? [kept] : [kept, other];
      if (cmd === 'list_trash') return trashed ? [trashedRow] : [];
    });
    render(App);
    await screen.findByText('Other agreement');
    const row = document.querySelector('[data-testid="library-row"][data-id="other"]')!;
    await fireEvent.click(row.querySelector('[data-testid="delete"]')!);
    await waitFor(() => expect(screen.queryByText('Other agreement')).toBeNull());
    expect(calls.find((c) => c.cmd === 'trash_agreement')?.args).toEqual({ id: 'other' });

    await fireEvent.click(screen.getByTestId('nav-trash'));
    expect(await screen.findByText('Other agreement')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('purge'));
    expect(calls.some((c) => c.cmd === 'purge_agreement')).toBe(false);
    await fireEvent.click(await screen.findByTestId('purge-yes'));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'purge_agreement')?.args).toEqual({ id: 'other' }));
    await fireEvent.click(screen.getByTestId('restore'));
    await waitFor(() => expect(calls.find((c) => c.cmd === 'restore_agreement')?.args).toEqual({ id: 'other' }));
  });

  it('shows an altered version as an error on its agreement instead of opening it', async () => {
    // issue 12: a version whose text no longer matches its fingerprint is refused by Rust with `altered-version`.
    setLocale('fr');
    const refused = {
      code: 'altered-version',
      message: 'version 2 of `kept` in /data/pledge.db was altered after it was saved',
      path: '/data/pledge.db',
    };
    library((cmd) => {
      if (cmd === 'get_agreement') throw refused;
    });
    render(App);
    await fireEvent.click(await screen.findByText('Kept agreement'));
    const banner = await screen.findByTestId('error');
    expect(banner.dataset.code).toBe('altered-version');
    expect(banner.textContent).toContain('a été modifiée hors de Pledge');
    expect(banner.textContent).toContain('version 2 of `kept`');
    expect(banner.textContent).toContain('/data/pledge.db');
    expect(document.querySelector('[data-path="meta.title"]')).toBeNull();
    setLocale('en');
  });

  it('shows a clear error screen when the database cannot be opened', async () => {
    setLocale('en');
    const error = { code: 'database', message: '/data/pledge.db is not a usable Pledge database', path: '/data/pledge.db' };
    const calls = library((cmd) => (cmd === 'startup' ? { database: '/data/pledge.db', error } : undefined));
    render(App);
    const screenEl = await screen.findByTestId('startup-error');
    expect(screenEl.textContent).toContain('The library cannot be opened');
    expect(screenEl.textContent).toContain('/data/pledge.db');
    expect(calls.some((c) => c.cmd === 'list_agreements')).toBe(false);
    await fireEvent.click(screen.getByTestId('retry'));
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'startup')).toHaveLength(2));
  });
});
