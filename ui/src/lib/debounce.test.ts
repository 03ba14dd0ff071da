import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedSave } from './debounce';

/** A value to edit, a record of what was sent, and sends that answer when told to. */
function harness(delayMs = 100) {
  const state = { value: { title: 'A' } };
  const sent: string[] = [];
  const answers: (() => void)[] = [];
  const latestWhenAnswered: boolean[] = [];
  let unchanged = 0;
  const save = new DebouncedSave({
    delayMs,
    read: () => structuredClone(state.value),
    send: (value, latest) => {
      sent.push(value.title);
      return new Promise<void>((resolve) =>
        answers.push(() => {
          latestWhenAnswered.push(latest());
          resolve();
        }),
      );
    },
    unchanged: () => unchanged++,
  });
  save.markSent(state.value);
  return { state, save, sent, answers, latestWhenAnswered, unchanged: () => unchanged };
}

/** Lets queued promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('DebouncedSave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces calls made within the delay into one send of the last value', async () => {
    const { state, save, sent } = harness();
    for (const title of ['AB', 'ABC', 'ABCD']) {
      state.value.title = title;
      save.schedule();
      await vi.advanceTimersByTimeAsync(60);
    }
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(sent).toEqual(['ABCD']);
  });

  it('flushes on demand without waiting for the delay, and only once', async () => {
    const { state, save, sent, answers, unchanged } = harness();
    state.value.title = 'B';
    save.schedule();
    const flushed = save.flush();
    await settle();
    expect(sent).toEqual(['B']);
    answers[0]();
    await flushed;
    // The timer was dropped by the flush: it neither sends nor looks again.
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['B']);
    expect(unchanged()).toBe(0);
  });

  it('cancels a scheduled send', async () => {
    const { state, save, sent } = harness();
    state.value.title = 'B';
    save.schedule();
    save.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
  });

  it('sends nothing when the value is what was last sent or marked as sent', async () => {
    const { state, save, sent, unchanged } = harness();
    await save.flush();
    expect(unchanged()).toBe(1);
    state.value.title = 'B';
    save.markSent({ title: 'B' });
    save.schedule();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([]);
    expect(unchanged()).toBe(2);
  });

  it('sends one value at a time, in order, and tells which answer is the latest', async () => {
    const { state, save, sent, answers, latestWhenAnswered } = harness();
    state.value.title = 'B';
    const first = save.flush();
    state.value.title = 'C';
    const second = save.flush();
    await settle();
    // The second send waits for the first answer.
    expect(sent).toEqual(['B']);
    answers[0]();
    await first;
    await settle();
    expect(sent).toEqual(['B', 'C']);
    answers[1]();
    await second;
    expect(latestWhenAnswered).toEqual([false, true]);
  });

  it('resolves a flush with nothing new once the sends under way have finished', async () => {
    const { state, save, answers } = harness();
    state.value.title = 'B';
    void save.flush();
    let done = false;
    void save.flush().then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    answers[0]();
    await settle();
    expect(done).toBe(true);
  });

  it('goes on sending after a failed send', async () => {
    const sent: string[] = [];
    const state = { title: 'A' };
    const save = new DebouncedSave({
      delayMs: 100,
      read: () => ({ ...state }),
      send: async (value) => {
        sent.push(value.title);
        if (value.title === 'B') throw new Error('refused');
      },
    });
    state.title = 'B';
    await expect(save.flush()).rejects.toThrow('refused');
    state.title = 'C';
    await save.flush();
    expect(sent).toEqual(['B', 'C']);
  });
});
