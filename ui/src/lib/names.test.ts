// Names per language in the editor (issue 14 point 3, names): a name edits
// as a text with its language toggle, its warning shows under it, and
// the parties' words (a notice contact's function, a signatory's title)
// are texts while their identities stay plain fields.
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup, fireEvent, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import PartiesSection from './components/PartiesSection.svelte';
import PrioritiesSection from './components/PrioritiesSection.svelte';
import { setLocale } from './i18n.svelte';
import { EditorSession } from './session.svelte';
import { opened, shell } from '../test/fixtures';

afterEach(() => {
  cleanup();
  clearMocks();
});

function sessionWith(diagnostics: ReturnType<typeof opened>['diagnostics'] = []) {
  shell(() => ({ summary: { ...opened().summary, dirty: true }, diagnostics, can_undo: true, can_redo: false }));
  return new EditorSession(opened({ diagnostics }));
}

describe('a name in the editor', () => {
  it('edits its other language behind the toggle and shows its missing translation', async () => {
    setLocale('en');
    const warning = {
      code: 'missing-translation',
      severity: 'warning' as const,
      path: 'priorities[0].name',
      message: 'the French text is missing; the French contract prints the English one',
    };
    const session = sessionWith([warning]);
    const { container, getByText } = render(PrioritiesSection, { props: { session } });
    const own = container.querySelector<HTMLInputElement>("input[data-path='priorities[0].name']");
    expect(own?.value).toBe('Critical');
    expect(getByText(warning.message)).toBeTruthy();
    expect(container.querySelector("input[data-path='priorities[0].name.fr']")).toBeNull();
    await fireEvent.click(container.querySelector("button[data-path='priorities[0].name.fr']")!);
    const fr = container.querySelector<HTMLInputElement>("input[data-path='priorities[0].name.fr']")!;
    await fireEvent.input(fr, { target: { value: 'Critique' } });
    expect(session.agreement.priorities[0].name).toEqual({ en: 'Critical', fr: 'Critique' });
    await fireEvent.input(fr, { target: { value: '' } });
    expect(session.agreement.priorities[0].name).toBe('Critical');
  });
});

describe('the parties in the editor', () => {
  it('adds a notice contact and a signatory, their words per language and their identities plain', async () => {
    setLocale('en');
    const session = sessionWith();
    const { container } = render(PartiesSection, { props: { session } });
    const customer = () => session.agreement.parties.customer;
    await fireEvent.click(container.querySelector("[data-testid='add-contact-customer']")!);
    expect(customer().notice_contact).toEqual({ name: '' });
    const name = container.querySelector<HTMLInputElement>("input[data-path='parties.customer.notice_contact.name']")!;
    await fireEvent.input(name, { target: { value: 'Head of Legal' } });
    await fireEvent.click(container.querySelector("button[data-path='parties.customer.notice_contact.name.fr']")!);
    const nameFr = container.querySelector<HTMLInputElement>("input[data-path='parties.customer.notice_contact.name.fr']")!;
    await fireEvent.input(nameFr, { target: { value: 'Directeur juridique' } });
    const email = container.querySelector<HTMLInputElement>("input[data-path='parties.customer.notice_contact.email']")!;
    await fireEvent.input(email, { target: { value: 'legal@customer.example' } });
    expect(customer().notice_contact).toEqual({ name: { en: 'Head of Legal', fr: 'Directeur juridique' }, email: 'legal@customer.example' });
    // An e-mail is an address: it has no language toggle.
    expect(container.querySelector("button[data-path='parties.customer.notice_contact.email.fr']")).toBeNull();

    await fireEvent.click(container.querySelector("[data-testid='add-signatory-provider']")!);
    const signatory = container.querySelector<HTMLInputElement>("input[data-path='parties.provider.signatories[0].name']")!;
    await fireEvent.input(signatory, { target: { value: 'Jeanne Martin' } });
    const title = container.querySelector<HTMLInputElement>("input[data-path='parties.provider.signatories[0].title']")!;
    await fireEvent.input(title, { target: { value: 'Chief Executive Officer' } });
    expect(session.agreement.parties.provider.signatories).toEqual([{ name: 'Jeanne Martin', title: 'Chief Executive Officer' }]);
    expect(container.querySelector("button[data-path='parties.provider.signatories[0].name.fr']")).toBeNull();
    expect(container.querySelector("button[data-path='parties.provider.signatories[0].title.fr']")).not.toBeNull();

    await fireEvent.click(container.querySelector("[data-testid='remove-contact-customer']")!);
    expect(customer().notice_contact).toBeUndefined();
  });
});
