import { clearMocks } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { setLocale } from './lib/i18n.svelte';
import { internalTooLong, opened, shell } from './test/fixtures';

afterEach(() => clearMocks());

describe('App', () => {
  it('lists agreements, creates one from a sample and shows a finding next to its field', async () => {
    setLocale('en');
    const row = { ...opened().summary, title: 'Kept agreement', client: 'Acme SA', modified_ms: 1_700_000_000_000 };
    const created = opened({ summary: { ...opened().summary, id: 'a2' } });
    const calls = shell((cmd) => {
      switch (cmd) {
        case 'list_samples':
          return [{ name: 'blank', summary: 'A minimal agreement' }];
        case 'list_agreements':
          return [row];
        case 'new_agreement':
        case 'get_agreement':
          return created;
        case 'edit_agreement':
          return { summary: created.summary, diagnostics: [internalTooLong], can_undo: true, can_redo: false };
        default:
          return null;
      }
    });
    render(App);
    expect(await screen.findByText('Kept agreement')).toBeTruthy();
    expect(screen.getByText('Acme SA')).toBeTruthy();

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
});
