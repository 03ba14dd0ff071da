// Messages of the Settings dialog. The French file of the same name has exactly these keys.

export const settings = {
  'settings.open': 'Settings',
  'settings.title': 'Settings',
  'settings.author': 'Author of new versions',
  'settings.proposed': 'Proposed from your system user name: confirm or change it.',
  'settings.authorHint': 'Recorded on every version you save from now on.',
  'settings.save': 'Save',
  'settings.saved': 'New versions will be recorded as saved by {author}',
};
