/**
 * Indexing in turns: a hot reload of a large knowledge base must let requests in while it works,
 * and give exactly what indexing at once gives.
 */
import { describe, expect, it } from 'vitest';
import { indexFunctions } from '../../src/core/directory/functionIndex.js';
import { indexSnippets } from '../../src/core/guidance/guidanceIndex.js';
import { runAtOnce, runInTurns, type Work } from '../../src/core/search/turns.js';
import { fixtureKnowledge } from './helpers.js';

function* busySteps(steps: number, msEach: number): Work<number> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + msEach;
    while (performance.now() < until);
    yield;
  }
  return steps;
}

describe('work in turns', () => {
  it('lets other callbacks run between steps once a slice of time has passed', async () => {
    let others = 0;
    const tick = () => {
      others++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    // 20 steps of at least 2 ms with 10 ms slices: at least three pauses, however slow the machine.
    const result = await runInTurns(busySteps(20, 2), 10);
    done = true;
    expect(result).toBe(20);
    expect(others).toBeGreaterThanOrEqual(3);
  });

  it('runs at once without pausing, with the same result', () => {
    expect(runAtOnce(busySteps(5, 0))).toBe(5);
  });

  it('indexes functions and snippets with a pause point per record, and the same index either way', async () => {
    const k = await fixtureKnowledge();
    const count = (work: Work<unknown>) => {
      let steps = 0;
      while (!work.next().done) steps++;
      return steps;
    };
    expect(count(indexFunctions(k.data.functions, k.organisations, k.analyser))).toBe(k.data.functions.length);
    expect(count(indexSnippets(k.data.guidance, k.analyser))).toBe(k.data.guidance.length);
    const inTurns = await runInTurns(indexSnippets(k.data.guidance, k.analyser), 0);
    expect(inTurns.postings()).toEqual(k.guidance.terms.postings());
  });
});
