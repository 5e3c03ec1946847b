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
