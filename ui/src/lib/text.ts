// A free-text field of the agreement holds a plain string, in the
// agreement's own language, or a text per language ({en, fr}). These
// helpers read and write one language's text so that the file keeps its
// plain string until a second language is given, and goes back to it when
// that text is cleared. Rust validates the result and warns about a
// language left without text.
import type { Text } from './bindings/types';

export type TextLang = 'en' | 'fr';

/** The other language of the two. */
export function otherLang(lang: TextLang): TextLang {
  return lang === 'en' ? 'fr' : 'en';
}

/** The text written for `lang` itself (no fallback); '' when there is none. */
export function textIn(value: Text | undefined | null, lang: TextLang, own: TextLang): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return lang === own ? value : '';
  return value[lang] ?? '';
}

/** The field with `lang`'s text set to `text`: a plain string while only the
 * own language has text, else a text per language without empty entries. */
export function withText(value: Text | undefined | null, lang: TextLang, own: TextLang, text: string): Text {
  const texts = { en: textIn(value, 'en', own), fr: textIn(value, 'fr', own) };
  texts[lang] = text;
  const other = otherLang(own);
  if (texts[other] === '') return texts[own];
  const out: { en?: string; fr?: string } = {};
  if (texts.en !== '') out.en = texts.en;
  if (texts.fr !== '') out.fr = texts.fr;
  return out;
}
