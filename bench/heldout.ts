/**
 * The newest held-out question set of `npm run eval` (bench/eval.ts), asked of a corpus in the
 * bench: the shipped knowledge plus generated functions and snippets, so that answer quality at
 * scale stands beside the search time. Totals only: the held-out set's failures are never printed
 * or kept here (reading them spends the round, README "Answer quality").
 */
import type { Knowledge } from '../src/core/knowledge/knowledge.js';
import type { Motpart } from '../src/core/motpart.js';
import { createStore } from '../src/store/index.js';
import { evalSets, evaluate, motpartFor, readSet } from './eval.js';
import { msSince, nowNs, percentile, round } from './measure.js';

export interface HeldOutFigures {
  corpus: string;
  functions: number;
  snippets: number;
  set: string;
  questions: number;
  right: number;
  byKind: Record<string, { total: number; right: number }>;
  /** Guidance answers given as sure with a wrong provision or verdict. */
  confidentWrong: number;
  /** `motpart.handle()` per question, each asked once. */
  p50Ms: number;
  p99Ms: number;
}

/** The newest held-out set, as `npm run eval` names it. */
export function heldOutSet(): { name: string; file: string } {
  const newest = evalSets().filter((s) => s.heldOut).at(-1);
  if (!newest) throw new Error('no held-out question set in test/eval');
  return newest;
}

export async function benchHeldOut(corpus: string, knowledge: Knowledge): Promise<HeldOutFigures> {
  const set = heldOutSet();
  const store = await createStore({ memory: true });
  const motpart = motpartFor(knowledge, store);
  const times: number[] = [];
  const timed: Motpart = {
    ...motpart,
    handle: async (input, asker) => {
      const t = nowNs();
      const reply = await motpart.handle(input, asker);
      times.push(msSince(t));
      return reply;
    },
  };
  try {
    const r = await evaluate(set.name, readSet(set.file), timed);
    return {
      corpus,
      functions: knowledge.stats.functions,
      snippets: knowledge.stats.snippets,
      set: set.name,
      questions: r.total,
      right: r.right,
      byKind: r.byKind,
      confidentWrong: r.confidentWrong.length,
      p50Ms: round(percentile(times, 50), 4),
      p99Ms: round(percentile(times, 99), 4),
    };
  } finally {
    await store.close();
  }
}
