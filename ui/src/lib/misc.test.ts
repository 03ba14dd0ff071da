import { describe, expect, it } from 'vitest';
import { asAppError } from './api';
import { localeFor, messages, setLocale, t } from './i18n.svelte';
import { shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('maps Ctrl+S, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(shortcutFor(key('s'))).toBe('save');
    expect(shortcutFor(key('z'))).toBe('undo');
    expect(shortcutFor(key('Z', { shiftKey: true }))).toBe('redo');
    expect(shortcutFor(key('y'))).toBe('redo');
    expect(shortcutFor(key('s', { ctrlKey: false }))).toBeNull();
    expect(shortcutFor(key('z', { altKey: true }))).toBeNull();
  });
});

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
});

describe('asAppError', () => {
  it('keeps a shell error and wraps anything else', () => {
    expect(asAppError({ code: 'io', message: 'denied', path: '' })).toEqual({ code: 'io', message: 'denied', path: '' });
    expect(asAppError('boom')).toEqual({ code: 'internal', message: 'boom', path: '' });
  });
});
