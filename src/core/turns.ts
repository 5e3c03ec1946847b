/**
 * Long synchronous work (indexing a knowledge base) written as a generator that yields where it
 * may pause. Run at once where nothing else waits (tests, benchmarks, a first start), or in turns
 * during a hot reload, so that requests arriving meanwhile are answered: indexing 10k functions in
 * one go held the event loop for over a second, past Slack's patience at 50k. The core only says
 * where work may pause; pausing is the runtime's, in src/knowledge/inTurns.ts, where the loader
 * and the reload run it.
 */
export type Work<T> = Generator<void, T, void>;

export function runAtOnce<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}
