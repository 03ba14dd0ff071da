// The editor's list of free texts and the service form's emergency
// maintenance rule, rendered (issue 14 point 3, the lists).
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ServicesSection from './components/ServicesSection.svelte';
import TextList from './components/TextList.svelte';
import { setLocale } from './i18n.svelte';
import { EditorSession } from './session.svelte';
import { opened, shell } from '../test/fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function sessionWith(edit: (s: EditorSession) => void, diagnostics: ReturnType<typeof opened>['diagnostics'] = []) {
  shell(() => ({ summary: { ...opened().summary, dirty: true }, diagnostics, can_undo: true, can_redo: false }));
  const session = new EditorSession(opened({ diagnostics }));
  edit(session);
  return session;
}

describe('a list of free texts in the editor', () => {
  it('opens the other language for every item once one has it, and writes an item’s text per language', async () => {
    setLocale('en');
    const warning = {
      code: 'missing-translation',
      severity: 'warning' as const,
      path: 'responsibilities.provider[0]',
      message: 'the French text is missing; the French contract prints the English one',
    };
    const session = sessionWith(
      (s) => (s.agreement.responsibilities = { provider: ['Operate the Platform.', { en: 'Publish the status.', fr: 'Publier l’état.' }] }),
      [warning],
    );
    const r = session.agreement.responsibilities!;
    const { container, getByText } = render(TextList, {
      props: { label: 'Provider', path: 'responsibilities.provider', session, items: r.provider, create: () => (r.provider = []) },
    });
    const fr0 = container.querySelector<HTMLTextAreaElement>("textarea[data-path='responsibilities.provider[0].fr']");
    const fr1 = container.querySelector<HTMLTextAreaElement>("textarea[data-path='responsibilities.provider[1].fr']");
    expect(fr0).not.toBeNull();
    expect(fr1?.value).toBe('Publier l’état.');
    expect(container.querySelector("[data-lacking='responsibilities.provider']")?.textContent).toContain('1 item without French text');
    expect(getByText(warning.message)).toBeTruthy();
    await fireEvent.input(fr0!, { target: { value: 'Exploiter la plateforme.' } });
    expect(r.provider![0]).toEqual({ en: 'Operate the Platform.', fr: 'Exploiter la plateforme.' });
    expect(container.querySelector("[data-lacking='responsibilities.provider']")).toBeNull();
  });

  it('keeps a list in one language closed until its toggle is pressed', async () => {
    setLocale('en');
    const session = sessionWith((s) => (s.agreement.responsibilities = { customer: ['Name the contacts.'] }));
    const r = session.agreement.responsibilities!;
    const { container } = render(TextList, {
      props: { label: 'Customer', path: 'responsibilities.customer', session, items: r.customer, create: () => (r.customer = []) },
    });
    expect(container.querySelector("textarea[data-path='responsibilities.customer[0].fr']")).toBeNull();
    await fireEvent.click(container.querySelector("[data-list-lang='responsibilities.customer.fr']")!);
    expect(container.querySelector("textarea[data-path='responsibilities.customer[0].fr']")).not.toBeNull();
    expect(r.customer).toEqual(['Name the contacts.']);
  });
});

describe('the emergency maintenance rule in the service form', () => {
  it('is added with the checkbox and shows its findings at its fields', async () => {
    setLocale('en');
    const longer = {
      code: 'emergency-notice-longer',
      severity: 'warning' as const,
      path: 'services[0].availability.maintenance.emergency.notice',
      message: 'emergency maintenance is announced 10d in advance, longer than the 5d of planned maintenance',
    };
    const session = sessionWith(
      (s) => (s.agreement.services[0].availability = { target: '99.5%', period: 'calendar_month', maintenance: { notice: '5d', windows: [] } }),
      [longer],
    );
    const { container, getByText } = render(ServicesSection, { props: { session } });
    const notice = "[data-path='services[0].availability.maintenance.emergency.notice']";
    expect(container.querySelector(notice)).toBeNull();
    await fireEvent.click(container.querySelector("[data-testid='emergency-toggle']")!);
    const maintenance = session.agreement.services[0].availability!.maintenance!;
    expect(maintenance.emergency).toEqual({});
    const input = container.querySelector<HTMLInputElement>(notice)!;
    await fireEvent.input(input, { target: { value: '10d' } });
    expect(maintenance.emergency).toEqual({ notice: '10d' });
    expect(getByText(longer.message)).toBeTruthy();
    await fireEvent.click(container.querySelector("[data-testid='emergency-toggle']")!);
    expect(maintenance.emergency).toBeUndefined();
  });
});
