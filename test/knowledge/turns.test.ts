/**
 * Loading in turns: a hot reload of a large knowledge base must let requests in while it works
 * (parsing, linting, indexing), and give exactly what doing it at once gives.
 */
import { describe, expect, it } from 'vitest';
import { indexFunctions } from '../../src/core/directory/functionIndex.js';
import { indexSnippets } from '../../src/core/guidance/guidanceIndex.js';
import { AreaIndex } from '../../src/core/directory/areaIndex.js';
import { Lexicon } from '../../src/core/search/lexicon.js';
import { oneAtATime, runInTurns } from '../../src/knowledge/inTurns.js';
import { runAtOnce, type Work } from '../../src/core/turns.js';
import { checkKnowledge, lintKnowledge } from '../../src/knowledge/check.js';
import { fixtureKnowledge } from '../core/helpers.js';

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

  const count = (work: Work<unknown>) => {
    let steps = 0;
    while (!work.next().done) steps++;
    return steps;
  };

  it('indexes functions and snippets with a pause point per record, and the same index either way', async () => {
    const k = await fixtureKnowledge();
    expect(count(indexFunctions(k.data.functions, k.organisations, k.analyser))).toBeGreaterThanOrEqual(k.data.functions.length);
    expect(count(indexSnippets(k.data.guidance, k.analyser))).toBeGreaterThanOrEqual(k.data.guidance.length);
    const inTurns = await runInTurns(indexSnippets(k.data.guidance, k.analyser), 0);
    expect(inTurns.postings()).toEqual(k.guidance.terms.postings());
  });

  it('lints, indexes areas and builds vocabularies with a pause point per record, with the same result in turns', async () => {
    const k = await fixtureKnowledge();
    expect(count(lintKnowledge(k.data, '2026-11-24', k.origins))).toBeGreaterThanOrEqual(k.data.functions.length + k.data.guidance.length + k.data.areas.length);
    expect(await runInTurns(lintKnowledge(k.data, '2026-11-24', k.origins), 0)).toEqual(checkKnowledge(k.data, '2026-11-24', k.origins));
    expect(count(AreaIndex.build(k.data.areas))).toBeGreaterThanOrEqual(k.data.areas.length);
    const areas = await runInTurns(AreaIndex.build(k.data.areas), 0);
    expect(areas.find(['rosengaard'], () => false)[0]?.fuzzy).toBe(true);
    for (const words of [['rosengard'], ['rosengaard'], ['sodra', 'innerstaden'], ['fosie']]) {
      expect(areas.find(words, () => false)).toEqual(k.areas.find(words, () => false));
    }
    const words = ['orosanmalan', 'sekretess', 'socialjour', 'polis'];
    expect(count(Lexicon.build(words))).toBeGreaterThanOrEqual(words.length);
    expect((await runInTurns(Lexicon.build(words), 0)).typos('sekretes', 3)).toEqual([{ word: 'sekretess', distance: 1 }]);
  });
});

describe('one item per turn', () => {
  it('handles pushed items in order, one per turn, letting other callbacks run between them', async () => {
    const events: string[] = [];
    const queue = oneAtATime((item: number) => events.push(`item ${item}`));
    for (let i = 1; i <= 3; i++) queue.push(i);
    setImmediate(() => events.push('other'));
    await queue.idle();
    expect(events.filter((e) => e.startsWith('item'))).toEqual(['item 1', 'item 2', 'item 3']);
    // The other callback, queued after the first turn was, ran before the last item.
    expect(events.indexOf('other')).toBeLessThan(events.indexOf('item 3'));
  });

  it('goes on after a failing item and reports the first failure when idle', async () => {
    const handled: number[] = [];
    const queue = oneAtATime((item: number) => {
      if (item === 2) throw new Error('bad slice 2');
      handled.push(item);
    });
    for (const item of [1, 2, 3]) queue.push(item);
    await expect(queue.idle()).rejects.toThrow('bad slice 2');
    expect(handled).toEqual([1, 3]);
  });

  it('is idle at once when nothing was pushed', async () => {
    await expect(oneAtATime(() => undefined).idle()).resolves.toBeUndefined();
  });
});
