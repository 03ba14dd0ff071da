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

/** A list of free texts (responsibilities, grounds for termination…): each
 * item is a free text of its own, so an item keeps its plain string until
 * it is given a second language. */

/** Whether any item of `items` has text in `lang` other than the own
 * language's plain strings: the list is being written in `lang` too. */
export function listHasTextIn(items: readonly Text[] | undefined | null, lang: TextLang, own: TextLang): boolean {
  return (items ?? []).some((item) => textIn(item, lang, own) !== '');
}

/** The positions of the items that have text but none in `lang`, which the
 * contract in `lang` prints in the other language (the warnings Rust gives
 * at `path[i]`). */
export function itemsLacking(items: readonly Text[] | undefined | null, lang: TextLang, own: TextLang): number[] {
  const other = otherLang(lang);
  const out: number[] = [];
  (items ?? []).forEach((item, i) => {
    if (textIn(item, lang, own).trim() === '' && textIn(item, other, own).trim() !== '') out.push(i);
  });
  return out;
}

/** `items` with item `i`'s text in `lang` set to `text` (see `withText`),
 * the other items unchanged. */
export function withItemText(items: readonly Text[], i: number, lang: TextLang, own: TextLang, text: string): Text[] {
  return items.map((item, j) => (j === i ? withText(item, lang, own, text) : item));
}

/** The text shown for `value` in `lang`, as the contract prints it: `lang`'s
 * text, else the other language's. */
export function textShown(value: Text | undefined | null, lang: TextLang, own: TextLang): string {
  const written = textIn(value, lang, own);
  return written.trim() !== '' ? written : textIn(value, otherLang(lang), own);
}

/** Whether `s` is one of the texts `value` holds, in either language (how a
 * scenario names an escalation level by its `to`). */
export function textHolds(value: Text | undefined | null, s: string, own: TextLang): boolean {
  return textIn(value, 'en', own) === s || textIn(value, 'fr', own) === s;
}

/** A name (of a plan, priority, team…) as the editor shows it in a choice,
 * a heading or a table: its text in the agreement's own language, else
 * the other language's, else `fallback` (the identifier). */
export function nameShown(value: Text | undefined | null, own: TextLang, fallback = ''): string {
  const shown = textShown(value, own, own);
  return shown.trim() !== '' ? shown : fallback;
}
