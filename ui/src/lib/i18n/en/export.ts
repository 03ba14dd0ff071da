// Messages of the Export screen (the contract as a PDF). The French file of the same name has
// exactly these keys.

export const exportScreen = {
  'export.title': 'Export the contract',
  'export.lang': 'Language',
  'export.edition': 'Edition',
  'export.edition.client': 'Client',
  'export.edition.internal': 'Internal',
  'export.draft': 'Draft mark on every page',
  'export.save': 'Save PDF…',
  'export.saving': 'Saving…',
  'export.saved': 'Saved {n} pages to {path}, recorded against version {v}',
  'export.saveWord': 'Save Word…',
  'export.savedWord': 'Saved the Word document to {path}',
  'export.saveWordHint': 'A .docx with Word styles and clause numbers Word keeps, for negotiating in Word',
  'export.savedUnrecorded': 'Saved {n} pages to {path} (unsaved changes: not recorded against a version)',
  'export.ofVersion': 'The contract of version {v}.',
  'export.unsaved': 'Unsaved changes: the PDF will not be recorded against a version.',
  'export.pages': 'Pages',
  'export.pageOf': 'Page {n} of {m}',
  'export.rendering': 'Laying out the pages…',
};
