// English and French UI strings. The language follows the system locale
// until the user picks one, which is remembered. The messages themselves live
// in i18n/, one file per language and screen.

import { messages, type Locale, type MessageKey } from './i18n/messages';

export { LOCALES, messages, type Locale, type MessageKey, type Messages } from './i18n/messages';

const STORAGE_KEY = 'pledge.locale';

/** The UI language for a BCP 47 tag such as `fr-FR`: French for French, English otherwise. */
export function localeFor(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return localeFor(globalThis.navigator?.language);
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale: Locale) {
  i18n.locale = locale;
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  globalThis.document?.documentElement.setAttribute('lang', locale);
}

/**
 * Which form of a message with a singular and a plural (`one|other`) a count
 * takes: English uses the singular for 1 only, French for 0 and 1.
 */
export function pluralForm(locale: Locale, n: number): 0 | 1 {
  const singular = locale === 'fr' ? Math.abs(n) < 2 : n === 1;
  return singular ? 0 : 1;
}

/**
 * The message for `key` in the current language, with `{name}` placeholders
 * filled. A message written `singular|plural` is chosen by the value `n`.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const locale = messages[i18n.locale][key] !== undefined ? i18n.locale : 'en';
  let text: string = messages[locale][key] ?? key;
  if (text.includes('|') && typeof values.n === 'number') {
    const forms = text.split('|');
    text = forms[Math.min(pluralForm(locale, values.n), forms.length - 1)];
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
