// The editor's keyboard shortcuts: Ctrl+S saves, Ctrl+Z undoes, Ctrl+Shift+Z
// and Ctrl+Y redo (Cmd instead of Ctrl on macOS).
export type Action = 'save' | 'undo' | 'redo';

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): Action | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 's' && !e.shiftKey) return 'save';
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** Ctrl+Enter (Cmd+Enter on macOS) runs the simulation on its screen. */
export function runShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter';
}
