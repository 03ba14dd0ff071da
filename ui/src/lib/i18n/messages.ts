// The English and French catalogues, each assembled from one file per screen. English defines
// the keys; each French file is typed by its English twin, so both languages always have the
// same keys (i18n.test.ts also checks that no key is defined by two screens).

import { common as enCommon } from './en/common';
import { editor as enEditor } from './en/editor';
import { exportScreen as enExport } from './en/export';
import { history as enHistory } from './en/history';
import { library as enLibrary } from './en/library';
import { portfolio as enPortfolio } from './en/portfolio';
import { settings as enSettings } from './en/settings';
import { simulation as enSimulation } from './en/simulation';
import { tickets as enTickets } from './en/tickets';
import { common as frCommon } from './fr/common';
import { editor as frEditor } from './fr/editor';
import { exportScreen as frExport } from './fr/export';
import { history as frHistory } from './fr/history';
import { library as frLibrary } from './fr/library';
import { portfolio as frPortfolio } from './fr/portfolio';
import { settings as frSettings } from './fr/settings';
import { simulation as frSimulation } from './fr/simulation';
import { tickets as frTickets } from './fr/tickets';

export type Locale = 'en' | 'fr';
export const LOCALES: Locale[] = ['en', 'fr'];

/** Each screen's messages in each language, in the order they are assembled. */
export const screens = {
  common: { en: enCommon, fr: frCommon },
  library: { en: enLibrary, fr: frLibrary },
  editor: { en: enEditor, fr: frEditor },
  simulation: { en: enSimulation, fr: frSimulation },
  portfolio: { en: enPortfolio, fr: frPortfolio },
  tickets: { en: enTickets, fr: frTickets },
  export: { en: enExport, fr: frExport },
  history: { en: enHistory, fr: frHistory },
  settings: { en: enSettings, fr: frSettings },
};

const en = {
  ...enCommon,
  ...enLibrary,
  ...enEditor,
  ...enSimulation,
  ...enPortfolio,
  ...enTickets,
  ...enExport,
  ...enHistory,
  ...enSettings,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const fr: Messages = {
  ...frCommon,
  ...frLibrary,
  ...frEditor,
  ...frSimulation,
  ...frPortfolio,
  ...frTickets,
  ...frExport,
  ...frHistory,
  ...frSettings,
};

export const messages: Record<Locale, Messages> = { en, fr };
