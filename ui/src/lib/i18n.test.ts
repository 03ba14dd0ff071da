import { describe, expect, it } from 'vitest';
import { localeFor, messages, setLocale, t } from './i18n.svelte';
import { screens } from './i18n/messages';

describe('i18n', () => {
  it('follows French and English system locales', () => {
    expect(localeFor('fr-FR')).toBe('fr');
    expect(localeFor('fr')).toBe('fr');
    expect(localeFor('en-GB')).toBe('en');
    expect(localeFor('de-DE')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
  });

  it('has every English message in French', () => {
    const missing = Object.keys(messages.en).filter((k) => !(messages.fr as Record<string, string>)[k]);
    expect(missing).toEqual([]);
  });

  it('switches language and fills placeholders', () => {
    setLocale('fr');
    expect(t('editor.saved', { path: '/x.yaml' })).toBe('Enregistré dans /x.yaml');
    setLocale('en');
    expect(t('editor.errors', { n: 2 })).toBe('2 errors');
  });

  it('says one error, not "1 errors", in each language', () => {
    setLocale('en');
    expect(t('editor.errors', { n: 1 })).toBe('1 error');
    expect(t('editor.errors', { n: 0 })).toBe('0 errors');
    expect(t('editor.warnings', { n: 1 })).toBe('1 warning');
    setLocale('fr');
    expect(t('editor.errors', { n: 0 })).toBe('0 erreur');
    expect(t('editor.errors', { n: 1 })).toBe('1 erreur');
    expect(t('editor.errors', { n: 3 })).toBe('3 erreurs');
    setLocale('en');
  });
});

describe('i18n catalogues', () => {
  it('gives each screen the same keys in English and French', () => {
    for (const [screen, { en, fr }] of Object.entries(screens)) {
      expect(Object.keys(fr).sort(), screen).toEqual(Object.keys(en).sort());
    }
  });

  it('defines each key in exactly one screen, and assembles them all', () => {
    for (const locale of ['en', 'fr'] as const) {
      const owners = new Map<string, string[]>();
      for (const [screen, catalogue] of Object.entries(screens)) {
        for (const key of Object.keys(catalogue[locale])) owners.set(key, [...(owners.get(key) ?? []), screen]);
      }
      const twice = [...owners].filter(([, where]) => where.length > 1);
      expect(twice, locale).toEqual([]);
      expect([...owners.keys()].sort(), locale).toEqual(Object.keys(messages[locale]).sort());
    }
  });

  it('has no empty message in either language', () => {
    for (const locale of ['en', 'fr'] as const) {
      const empty = Object.entries(messages[locale]).filter(([, text]) => text.trim() === '');
      expect(empty, locale).toEqual([]);
    }
  });
});
