import type { exportScreen as english } from '../en/export';

// French messages of the Export screen (the contract as a PDF). Typed by the English file: a key
// missing here, or found only here, does not compile.
export const exportScreen: Record<keyof typeof english, string> = {
  'export.title': 'Exporter le contrat',
  'export.lang': 'Langue',
  'export.edition': 'Édition',
  'export.edition.client': 'Client',
  'export.edition.internal': 'Interne',
  'export.draft': 'Mention « projet » sur chaque page',
  'export.save': 'Enregistrer le PDF…',
  'export.saving': 'Enregistrement…',
  'export.saved': '{n} pages enregistrées dans {path}, rattachées à la version {v}',
  'export.saveWord': 'Enregistrer en Word…',
  'export.savedWord': 'Document Word enregistré dans {path}',
  'export.saveWordHint': 'Un .docx aux styles Word, dont Word garde les numéros d’article, pour négocier dans Word',
  'export.savedUnrecorded': '{n} pages enregistrées dans {path} (modifications non enregistrées : rattachées à aucune version)',
  'export.ofVersion': 'Le contrat de la version {v}.',
  'export.unsaved': 'Modifications non enregistrées : le PDF ne sera rattaché à aucune version.',
  'export.pages': 'Pages',
  'export.pageOf': 'Page {n} sur {m}',
  'export.rendering': 'Mise en page…',
};
