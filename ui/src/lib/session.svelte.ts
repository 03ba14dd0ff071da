// The editor's state for one agreement: the agreement being edited, the
// findings Rust returned for it, and the undo/redo flags. Every change is
// sent to the shell after a short pause (debounced); Rust checks it, keeps
// the undo history and autosaves the draft. Validation never happens here.
import { api, asAppError, type Agreement, type AppError, type Diagnostic, type Opened, type VersionSaved } from './api';
import { DebouncedSave } from './debounce';

/** How long typing must pause before the agreement is sent to be checked. */
export const EDIT_DELAY_MS = 300;

export class EditorSession {
  id: string;
  agreement = $state() as Agreement;
  diagnostics = $state<Diagnostic[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  dirty = $state(false);
  version = $state<number | null>(null);
  pending = $state(false);
  error = $state<AppError | null>(null);
  #save: DebouncedSave<Agreement>;

  constructor(opened: Opened) {
    this.id = opened.summary.id;
    this.#save = new DebouncedSave({
      delayMs: EDIT_DELAY_MS,
      read: () => $state.snapshot(this.agreement) as Agreement,
      send: (agreement, latest) => this.#send(agreement, latest),
      unchanged: () => (this.pending = false),
    });
    this.#apply(opened);
  }

  #apply(opened: Opened) {
    this.agreement = opened.agreement;
    this.#save.markSent(opened.agreement);
    this.diagnostics = opened.diagnostics;
    this.canUndo = opened.can_undo;
    this.canRedo = opened.can_redo;
    this.dirty = opened.summary.dirty;
    this.version = opened.summary.version ?? null;
  }

  /** Call after any change to `agreement`: schedules sending it. */
  touch() {
    this.pending = true;
    this.#save.schedule();
  }

  /** Sends the agreement now if it changed since it was last sent. */
  flush(): Promise<void> {
    return this.#save.flush();
  }

  async #send(agreement: Agreement, latest: () => boolean) {
    try {
      const edited = await api.editAgreement(this.id, agreement);
      // A later edit may have been sent meanwhile: only the latest
      // answer describes what is on screen.
      if (latest()) {
        this.diagnostics = edited.diagnostics;
        this.pending = false;
      }
      this.canUndo = edited.can_undo;
      this.canRedo = edited.can_redo;
      this.dirty = edited.summary.dirty;
    } catch (e) {
      this.error = asAppError(e);
      this.pending = false;
    }
  }

  async undo() {
    await this.flush();
    await this.#run(() => api.undo(this.id));
  }

  async redo() {
    await this.flush();
    await this.#run(() => api.redo(this.id));
  }

  /** Takes an edit made on the Rust side (a target written from a ticket
   * history): its agreement, findings and undo state. */
  async change(step: () => Promise<Opened>) {
    await this.flush();
    await this.#run(step);
  }

  async #run(step: () => Promise<Opened>) {
    try {
      this.#apply(await step());
    } catch (e) {
      this.error = asAppError(e);
    }
  }

  /** Saves the agreement as a new version with a message; what the store did, or null on error. */
  async saveVersion(message: string): Promise<VersionSaved | null> {
    await this.flush();
    try {
      const saved = await api.saveVersion(this.id, message);
      this.version = saved.version.number;
      this.dirty = saved.summary.dirty;
      return saved;
    } catch (e) {
      this.error = asAppError(e);
      return null;
    }
  }

  /** Exports the agreement as YAML to a file chosen in a dialog; the path written, or null. */
  async exportYaml(): Promise<string | null> {
    await this.flush();
    try {
      return (await api.exportFile(this.id))?.path ?? null;
    } catch (e) {
      this.error = asAppError(e);
      return null;
    }
  }

  /** The findings at exactly this field path. */
  at(path: string): Diagnostic[] {
    return this.diagnostics.filter((d) => d.path === path);
  }

  get errorCount() {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  get warningCount() {
    return this.diagnostics.filter((d) => d.severity === 'warning').length;
  }
}

/** The editor section a field path belongs to, for jumping from the problems list. */
/** The optional clauses, edited together in the "clauses" section. */
const CLAUSES = ['breach_notification', 'liability', 'security', 'continuity', 'subcontracting', 'precedence'];

export function sectionOf(path: string): string {
  const head = path.split(/[.[]/)[0];
  if (head === 'pledge' || head === '') return 'meta';
  // Teams are edited with the OLAs that bind them.
  if (head === 'teams') return 'olas';
  if (head === 'penalty_terms') return 'penalties';
  if (CLAUSES.includes(head)) return 'clauses';
  return head;
}

type Scalar = string | number | null | undefined;

/**
 * A getter/setter pair for an optional field, for `bind:value={get, set}`:
 * an emptied input removes the field rather than sending an empty string,
 * which Rust would read as a value.
 */
export function optional<T extends object, K extends keyof T>(owner: T, key: K) {
  return [
    () => String(owner[key] ?? ''),
    (v: Scalar) => {
      if (v === '' || v === null || v === undefined) delete owner[key];
      else owner[key] = v as T[K];
    },
  ] as const;
}
