// The debounced save both editing screens share: the editor sends the
// agreement to be checked, the Simulation screen saves its scenario. Changes
// are sent after typing pauses, only when the value differs (as JSON) from
// what was last sent, and one at a time in order, so Rust sees the edits in
// the order they were made and a slow answer never overtakes a newer one.

export interface DebouncedSaveOptions<T> {
  /** How long calls to `schedule` must pause before the value is sent. */
  delayMs: number;
  /** The value as it is now, as plain data (a snapshot, not a reactive proxy). */
  read: () => T;
  /**
   * Sends a value and applies the answer. `latest()` tells, when the answer
   * comes, whether this value is still the newest one sent: only that
   * answer describes what is on screen. Errors are the caller's to report.
   */
  send: (value: T, latest: () => boolean) => Promise<void>;
  /** Called when `flush` finds nothing new to send. */
  unchanged?: () => void;
}

export class DebouncedSave<T> {
  #options: DebouncedSaveOptions<T>;
  #lastSent = '';
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(options: DebouncedSaveOptions<T>) {
    this.#options = options;
  }

  /** Records `value` as what the other side already has, so it is not sent again. */
  markSent(value: T) {
    this.#lastSent = JSON.stringify(value);
  }

  /** Call after every change: the value is sent once changes pause for `delayMs`. */
  schedule() {
    this.cancel();
    this.#timer = setTimeout(() => void this.flush(), this.#options.delayMs);
  }

  /** Drops a scheduled send; a send already started goes on. */
  cancel() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /**
   * Sends the value now if it changed since it was last sent. Resolves when
   * every send started so far has finished.
   */
  flush(): Promise<void> {
    this.cancel();
    const value = this.#options.read();
    const text = JSON.stringify(value);
    if (text === this.#lastSent) {
      this.#options.unchanged?.();
      return this.#inFlight;
    }
    this.#lastSent = text;
    const latest = () => text === this.#lastSent;
    const sending = this.#inFlight.then(() => this.#options.send(value, latest));
    // A failed send is reported to whoever awaits it, but must not stop the
    // sends queued after it.
    this.#inFlight = sending.catch(() => undefined);
    return sending;
  }
}
