import type { settings as english } from '../en/settings';

// French messages of the Settings dialog. Typed by the English file: a key missing here, or found
// only here, does not compile.
export const settings: Record<keyof typeof english, string> = {
  'settings.open': 'Réglages',
  'settings.title': 'Réglages',
  'settings.author': 'Auteur des nouvelles versions',
  'settings.proposed': 'Proposé d’après votre nom d’utilisateur : confirmez-le ou modifiez-le.',
  'settings.authorHint': 'Inscrit sur chaque version que vous enregistrerez désormais.',
  'settings.save': 'Enregistrer',
  'settings.saved': 'Les nouvelles versions seront enregistrées au nom de {author}',
};
