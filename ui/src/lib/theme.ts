// Light and dark themes: the system's preference until the user picks one.
export type Theme = 'light' | 'dark';
const KEY = 'pledge.theme';

export function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setTheme(theme: Theme, remember = false) {
  globalThis.document?.documentElement.setAttribute('data-theme', theme);
  if (remember) globalThis.localStorage?.setItem(KEY, theme);
}
