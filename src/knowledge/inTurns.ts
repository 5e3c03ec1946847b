/**
 * Runs the core's pausable work (src/core/turns.ts) in turns of the event loop, and handles worker
 * messages one per turn: how a reload of the knowledge shares the process with the requests the
 * server answers meanwhile.
 */
import type { Work } from '../core/turns.js';

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
