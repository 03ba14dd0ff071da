import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { opened, shell } from '../test/fixtures';
import { EditorSession } from './session.svelte';
import { itemsLacking, listHasTextIn, nameShown, otherLang, textHolds, textIn, textShown, withItemText, withText } from './text';

afterEach(() => clearMocks());

describe('free text per language', () => {
  it('reads a plain string as the own language’s text only', () => {
    expect(textIn('French law', 'en', 'en')).toBe('French law');
    expect(textIn('French law', 'fr', 'en')).toBe('');
    expect(textIn(undefined, 'en', 'en')).toBe('');
    expect(textIn({ fr: 'Droit français' }, 'fr', 'en')).toBe('Droit français');
    expect(otherLang('fr')).toBe('en');
  });

  it('keeps a plain string until a second language is given, and goes back to it', () => {
    expect(withText('French law', 'en', 'en', 'English law')).toBe('English law');
    const both = withText('French law', 'fr', 'en', 'Droit français');
    expect(both).toEqual({ en: 'French law', fr: 'Droit français' });
    expect(withText(both, 'en', 'en', 'The laws of France')).toEqual({ en: 'The laws of France', fr: 'Droit français' });
    expect(withText(both, 'fr', 'en', '')).toBe('French law');
  });

  it('keeps the other language’s text when the own one is cleared', () => {
    expect(withText({ en: 'French law', fr: 'Droit français' }, 'en', 'en', '')).toEqual({ fr: 'Droit français' });
    expect(withText({ fr: 'Droit français' }, 'fr', 'en', '')).toBe('');
  });
});

describe('a list of free texts', () => {
  const own = 'en' as const;

  it('gives each item its own text per language, the others untouched', () => {
    const items = ['Operate the Platform.', 'Publish the status page.'];
    const one = withItemText(items, 1, 'fr', own, 'Publier la page d’état.');
    expect(one).toEqual(['Operate the Platform.', { en: 'Publish the status page.', fr: 'Publier la page d’état.' }]);
    expect(items).toEqual(['Operate the Platform.', 'Publish the status page.']);
    expect(withItemText(one, 1, 'fr', own, '')).toEqual(items);
  });

  it('is being translated once any item has the other language’s text', () => {
    expect(listHasTextIn(['A', 'B'], 'fr', own)).toBe(false);
    expect(listHasTextIn(['A', 'B'], 'en', own)).toBe(true);
    expect(listHasTextIn(['A', { en: 'B', fr: 'B fr' }], 'fr', own)).toBe(true);
    expect(listHasTextIn(undefined, 'fr', own)).toBe(false);
  });

  it('names the items the contract in a language would print in the other', () => {
    const items = ['A', { en: 'B', fr: 'B fr' }, '', { fr: 'seulement' }, '  '];
    expect(itemsLacking(items, 'fr', own)).toEqual([0]);
    expect(itemsLacking(items, 'en', own)).toEqual([3]);
    expect(itemsLacking([], 'fr', own)).toEqual([]);
  });

  it('shows an item in a language as the contract prints it, and finds a level by either text', () => {
    expect(textShown({ en: 'Team lead', fr: 'Chef d’équipe' }, 'fr', own)).toBe('Chef d’équipe');
    expect(textShown('Team lead', 'fr', own)).toBe('Team lead');
    expect(textShown({ fr: 'Chef d’équipe' }, 'en', own)).toBe('Chef d’équipe');
    expect(textHolds({ en: 'Team lead', fr: 'Chef d’équipe' }, 'Chef d’équipe', own)).toBe(true);
    expect(textHolds('Team lead', 'Team lead', own)).toBe(true);
    expect(textHolds('Team lead', 'Director', own)).toBe(false);
  });
});

describe('a free text in the editor', () => {
  it('sends both texts to Rust and shows its missing-translation warning at the field', async () => {
    const warning = {
      code: 'missing-translation',
      severity: 'warning' as const,
      path: 'priorities[0].definition',
      message: 'the French text is missing; the French contract prints the English one',
    };
    const calls = shell(() => ({ summary: { ...opened().summary, dirty: true }, diagnostics: [warning], can_undo: true, can_redo: false }));
    const session = new EditorSession(opened());
    const meta = session.agreement.meta;
    meta.governing_law = withText(meta.governing_law, 'fr', meta.language, 'Droit français');
    session.touch();
    await session.flush();
    const sent = calls[0].args.agreement as ReturnType<typeof opened>['agreement'];
    expect(sent.meta.governing_law).toEqual({ en: 'French law', fr: 'Droit français' });
    expect(session.agreement.meta.governing_law).toEqual({ en: 'French law', fr: 'Droit français' });
    expect(session.at('priorities[0].definition')).toEqual([warning]);
    expect(session.warningCount).toBe(1);
  });
});

describe('names per language', () => {
  it('shows a name in the agreement’s own language, else the other, else the identifier', () => {
    expect(nameShown({ en: 'High', fr: 'Élevée' }, 'fr')).toBe('Élevée');
    expect(nameShown({ en: 'High', fr: 'Élevée' }, 'en')).toBe('High');
    expect(nameShown({ en: 'High' }, 'fr')).toBe('High');
    expect(nameShown('Premium', 'en', 'premium')).toBe('Premium');
    expect(nameShown('', 'en', 'premium')).toBe('premium');
    expect(nameShown('  ', 'fr', 'P1')).toBe('P1');
    expect(nameShown(undefined, 'fr')).toBe('');
  });

  it('sends a name given its second language as a text per language, and back to a plain string when cleared', async () => {
    const calls = shell(() => ({ summary: { ...opened().summary, dirty: true }, diagnostics: [], can_undo: true, can_redo: false }));
    const session = new EditorSession(opened());
    const own = session.agreement.meta.language;
    const plan = session.agreement.plans[0];
    const name = textIn(plan.name, own, own);
    plan.name = withText(plan.name, otherLang(own), own, 'Offre standard');
    session.touch();
    await session.flush();
    const sent = calls[0].args.agreement as ReturnType<typeof opened>['agreement'];
    expect(sent.plans[0].name).toEqual(own === 'en' ? { en: name, fr: 'Offre standard' } : { en: 'Offre standard', fr: name });
    plan.name = withText(plan.name, otherLang(own), own, '');
    expect(plan.name).toBe(name);
  });
});
