import { describe, expect, it } from 'vitest';
import { asAppError } from './api';
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

describe('asAppError', () => {
  it('keeps a shell error and wraps anything else', () => {
    expect(asAppError({ code: 'io', message: 'denied', path: '' })).toEqual({ code: 'io', message: 'denied', path: '' });
    expect(asAppError('boom')).toEqual({ code: 'internal', message: 'boom', path: '' });
  });
});
