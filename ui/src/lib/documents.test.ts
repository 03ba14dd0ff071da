import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractPreview, RedlineView } from './api';
import Export from './components/Export.svelte';
import Redline from './components/Redline.svelte';
import SettingsDialog from './components/SettingsDialog.svelte';
import { clampPage, defaultChoice, groupClauses, placeLabel, redlineCounts, type RedlineClause } from './documents';
import { messages, type MessageKey } from './i18n/messages';
import { setLocale } from './i18n.svelte';
import { shell } from '../test/fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function clause(anchor: string, status: string, blocks: RedlineClause['blocks'] = []): RedlineClause {
  return { anchor, status, level: 1, heading: `1 ${anchor}`, number_before: null, blocks };
}

const changedBlock = {
  place: [
    { kind: 'table' as const, n: 1 },
    { kind: 'row' as const, n: 2 },
    { kind: 'column' as const, n: 3 },
  ],
  status: 'changed',
  segments: [
    { op: 'equal' as const, text: 'within ' },
    { op: 'delete' as const, text: '8 hours' },
    { op: 'insert' as const, text: '2 hours' },
  ],
};

const view: RedlineView = {
  from: 1,
  to: 2,
  unchanged: false,
  front: [],
  clauses: [clause('a', 'unchanged'), clause('b', 'unchanged'), clause('targets', 'changed', [changedBlock]), clause('c', 'unchanged')],
};

/** A one-page SVG as Rust writes it, with its page number in the text. */
function page(n: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 595.28 841.89"><text x="72" y="72">Page ${n} text</text></svg>`;
}

describe('documents logic', () => {
  it('starts in the UI language, client edition, without draft mark', () => {
    expect(defaultChoice('fr')).toEqual({ lang: 'fr', edition: 'client', draft: false });
  });

  it('keeps a page inside the document', () => {
    expect(clampPage(5, 3)).toBe(2);
    expect(clampPage(-1, 3)).toBe(0);
    expect(clampPage(1.7, 3)).toBe(1);
    expect(clampPage(4, 0)).toBe(0);
  });

  it('folds runs of unchanged clauses and keeps changed ones apart', () => {
    const items = groupClauses(view.clauses);
    expect(items.map((i) => (i.kind === 'changed' ? i.clause.anchor : i.clauses.map((c) => c.anchor).join('+')))).toEqual(['a+b', 'targets', 'c']);
    expect(groupClauses([])).toEqual([]);
  });

  it('names each step of a place in the chosen language, and a fact of the template as it is', () => {
    const fr = (key: MessageKey, values: Record<string, number> = {}) =>
      messages.fr[key].replace('{n}', String(values.n ?? ''));
    const en = (key: MessageKey, values: Record<string, number> = {}) =>
      messages.en[key].replace('{n}', String(values.n ?? ''));
    expect(placeLabel(changedBlock.place, fr)).toBe('tableau 1, ligne 2, colonne 3');
    expect(placeLabel([{ kind: 'list', n: 1 }, { kind: 'item', n: 3 }], fr)).toBe('liste 1, élément 3');
    expect(placeLabel([{ kind: 'title_page' }, { kind: 'line', name: 'parties' }], fr)).toBe('page de titre, parties');
    expect(placeLabel([{ kind: 'title_page' }, { kind: 'line', name: 'Réf.' }], fr)).toBe('page de titre, Réf.');
    expect(placeLabel([{ kind: 'list', n: 1 }, { kind: 'item', n: 3 }], en)).toBe('list 1, item 3');
    expect(placeLabel([{ kind: 'signatures', n: 1 }, { kind: 'parties' }], en)).toBe('signatures 1, parties');
  });

  it('counts insertions, deletions and changed clauses', () => {
    expect(redlineCounts(view)).toEqual({ inserted: 1, deleted: 1, clauses: 1 });
  });
});

describe('Export screen', () => {
  it('previews the pages, pages through them, asks again when the options change and saves a PDF', async () => {
    setLocale('en');
    const preview = (pages: number, version: number | null): ContractPreview => ({
      pages: Array.from({ length: pages }, (_, i) => page(i + 1)),
      fingerprint: 'ab'.repeat(32),
      version,
    });
    const calls = shell((cmd, args) => {
      const choice = args.choice as { lang: string; draft: boolean };
      if (cmd === 'preview_contract') return preview(choice.draft ? 4 : 3, 1);
      if (cmd === 'save_contract_pdf') return { path: '/tmp/out/contract.pdf', pages: 4, recorded_version: 1 };
      return null;
    });
    let saved = '';
    render(Export, { props: { id: 'sla', onerror: (e) => { throw new Error(e.message); }, onsaved: (m) => (saved = m) } });
    await waitFor(() => expect(screen.getByTestId('export-page').textContent).toContain('Page 1 of 3'));
    expect(calls[0]).toEqual({ cmd: 'preview_contract', args: { id: 'sla', choice: { lang: 'en', edition: 'client', draft: false } } });
    expect(document.querySelectorAll('[data-testid="export-thumb"]').length).toBe(3);
    expect(screen.getByTestId('export-sheet').textContent).toContain('Page 1 text');
    expect(screen.getByTestId('export-version').textContent).toContain('version 1');

    await fireEvent.click(screen.getByTestId('export-next'));
    await fireEvent.click(screen.getByTestId('export-next'));
    expect(screen.getByTestId('export-page').textContent).toContain('Page 3 of 3');
    expect((screen.getByTestId('export-next') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(document.querySelectorAll<HTMLButtonElement>('[data-testid="export-thumb"]')[1]);
    expect(screen.getByTestId('export-sheet').textContent).toContain('Page 2 text');

    await fireEvent.click(screen.getByTestId('export-draft'));
    await waitFor(() => expect(screen.getByTestId('export-page').textContent).toContain('of 4'));
    expect(calls.filter((c) => c.cmd === 'preview_contract').at(-1)!.args.choice).toEqual({ lang: 'en', edition: 'client', draft: true });

    await fireEvent.click(screen.getByTestId('export-save'));
    await waitFor(() => expect(saved).toContain('/tmp/out/contract.pdf'));
    expect(saved).toContain('version 1');
    expect(calls.find((c) => c.cmd === 'save_contract_pdf')!.args).toEqual({ id: 'sla', choice: { lang: 'en', edition: 'client', draft: true } });
  });

  it('shows a preview error through onerror', async () => {
    setLocale('en');
    shell((cmd) => {
      if (cmd === 'preview_contract') throw { code: 'invalid-duration', message: 'bad duration', path: 'targets[0].resolution.within' };
      return null;
    });
    let code = '';
    render(Export, { props: { id: 'sla', onerror: (e) => (code = e.code), onsaved: () => {} } });
    await waitFor(() => expect(code).toBe('invalid-duration'));
  });
});

describe('Redline', () => {
  it('marks insertions and deletions, folds unchanged clauses and saves the PDF in the chosen language', async () => {
    setLocale('fr');
    const calls = shell((cmd) => {
      if (cmd === 'redline_versions') return view;
      if (cmd === 'save_redline_pdf') return { path: '/tmp/out/redline.pdf' };
      return null;
    });
    let status = '';
    render(Redline, { props: { id: 'sla', from: 1, to: 2, onerror: (e) => { throw new Error(e.message); }, onstatus: (m) => (status = m) } });
    await waitFor(() => expect(document.querySelector('[data-testid="redline-clause"]')).toBeTruthy());
    expect(calls[0].args).toEqual({ id: 'sla', from: 1, to: 2, lang: 'fr' });
    const changed = document.querySelector('[data-testid="redline-clause"]')!;
    expect(changed.querySelector('del')!.textContent).toBe('8 hours');
    expect(changed.querySelector('ins')!.textContent).toBe('2 hours');
    expect(changed.textContent).toContain('tableau 1, ligne 2, colonne 3');
    expect(changed.textContent).toContain('modifié');
    const groups = document.querySelectorAll('[data-testid="redline-unchanged-group"]');
    expect(groups.length).toBe(2);
    expect(groups[0].textContent).toContain('Articles inchangés : 2');

    const lang = screen.getByTestId('redline-lang') as HTMLSelectElement;
    lang.value = 'en';
    await fireEvent.change(lang);
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'redline_versions').at(-1)!.args.lang).toBe('en'));
    await fireEvent.click(screen.getByTestId('redline-save'));
    await waitFor(() => expect(status).toContain('/tmp/out/redline.pdf'));
    expect(calls.find((c) => c.cmd === 'save_redline_pdf')!.args).toEqual({ id: 'sla', from: 1, to: 2, lang: 'en', collapse: true });
  });
});

describe('Settings dialog', () => {
  it('proposes the system user, saves a name and shows a refused one at its field', async () => {
    setLocale('en');
    const calls = shell((cmd, args) => {
      if (cmd === 'get_settings') return { author: 'ana', author_saved: false };
      if (cmd === 'set_author') {
        if (!String(args.author).trim()) throw { code: 'invalid-author', message: 'the author’s name is empty', path: 'author' };
        return { author: String(args.author).trim(), author_saved: true };
      }
      return null;
    });
    let closed: unknown = 'open';
    render(SettingsDialog, { props: { theme: 'light', ontheme: () => {}, onclose: (s) => (closed = s) } });
    const input = (await waitFor(() => {
      const el = screen.getByTestId('settings-author') as HTMLInputElement;
      expect(el.value).toBe('ana');
      return el;
    })) as HTMLInputElement;
    expect(screen.getByTestId('settings-proposed')).toBeTruthy();
    input.value = '  ';
    await fireEvent.input(input);
    await fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-error')).textContent).toContain('empty');
    expect(closed).toBe('open');
    input.value = 'Marie Curie';
    await fireEvent.input(input);
    await fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(closed).toEqual({ author: 'Marie Curie', author_saved: true }));
    expect(calls.filter((c) => c.cmd === 'set_author').map((c) => c.args.author)).toEqual(['  ', 'Marie Curie']);
  });
});
