/**
 * Long synchronous work (indexing a knowledge base) written as a generator that yields where it
 * may pause. Run at once where nothing else waits (tests, benchmarks, a first start), or in turns
 * during a hot reload, so that requests arriving meanwhile are answered: indexing 10k functions in
 * one go held the event loop for over a second, past Slack's patience at 50k.
 */
export type Work<T> = Generator<void, T, void>;

export function runAtOnce<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Lets other callbacks run whenever `sliceMs` of work has passed since the last pause. */
export async function runInTurns<T>(work: Work<T>, sliceMs = 10): Promise<T> {
  let since = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}

export interface TurnQueue<T> {
  push(item: T): void;
  /** Resolves when every pushed item is handled; rejects with the first error a handler threw. */
  idle(): Promise<void>;
}

/**
 * Handles pushed items one per turn of the event loop. Messages from worker threads arrive in
 * bursts and are all dispatched in one turn: parsing a burst of record slices at once held the loop
 * for up to 200 ms of a reload.
 */
export function oneAtATime<T>(handle: (item: T) => void): TurnQueue<T> {
  const waiting: T[] = [];
  let running = false;
  let failure: unknown;
  let waiters: Array<() => void> = [];
  const step = () => {
    const item = waiting.shift();
    if (item !== undefined) {
      try {
        handle(item);
      } catch (err) {
        failure ??= err;
      }
      setImmediate(step);
      return;
    }
    running = false;
    for (const wake of waiters) wake();
    waiters = [];
  };
  return {
    push(item) {
      waiting.push(item);
      if (!running) {
        running = true;
        setImmediate(step);
      }
    },
    async idle() {
      if (running) await new Promise<void>((resolve) => waiters.push(resolve));
      if (failure !== undefined) throw failure;
    },
  };
}
