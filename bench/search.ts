/**
 * Search benchmark: index build time, per-query latency (p50/p99), top-1/top-3 accuracy and heap,
 * for Motpart and the baselines on the same corpus and the same questions.
 */
import type { KnowledgeData } from '../src/core/knowledge/schema.js';
import { mb, msSince, nowNs, percentile, round, settledHeap } from './measure.js';
import type { BenchQuery } from './queries.js';
import type { Contestant, Searcher } from './searchers.js';

export interface SearchFigures {
  contestant: string;
  corpus: string;
  functions: number;
  snippets: number;
  buildMs: number;
  heapMB: number;
  /** Questions measured; fewer than the set when a slow baseline is bounded. */
  queries: number;
  bounded: boolean;
  p50Ms: number;
  p99Ms: number;
  /**
   * p99 of the warm-up pass, when it asks every question: each question new to the process, its
   * remembered typo lookups and the compiled code not there yet. The timed passes ask them again.
   */
  firstPassP99Ms?: number;
  meanMs: number;
  top1: number;
  top3: number;
  byCategory: Record<string, { n: number; top1: number }>;
  /** Per question measured (first pass): whether the top-1 was right, so a subset can be compared fairly. */
  hits: boolean[];
}

const keyOf = (q: BenchQuery) => `${q.expected.kind}:${q.expected.id}`;

/** An evenly spread, deterministic subset, so a bounded run still sees every kind of question. */
export function spreadSubset<T>(list: readonly T[], count: number): T[] {
  if (count >= list.length) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]!);
}

export interface SearchRunOptions {
  /** Timed passes over the questions (more passes give a steadier p99 for fast searchers). */
  passes: number;
  warmup: number;
  /** Called about every 10 s of a long run with what has been asked so far, so a slow baseline shows it is alive. */
  progress?: (line: string) => void;
}

export function benchSearch(contestant: Contestant, corpusName: string, data: KnowledgeData, queries: readonly BenchQuery[], options: SearchRunOptions, bounded: boolean): SearchFigures {
  const before = settledHeap();
  const started = nowNs();
  let searcher: Searcher | undefined = contestant.build(data);
  const buildMs = msSince(started);
  const heapMB = mb(settledHeap() - before);

  const total = options.warmup + options.passes * queries.length;
  let asked = 0;
  let lastProgress = nowNs();
  const tick = () => {
    asked++;
    if (options.progress && msSince(lastProgress) >= 10_000) {
      lastProgress = nowNs();
      options.progress(`    ${contestant.name} at ${corpusName}: ${asked}/${total} questions asked`);
    }
  };
  const firstTimes: number[] = [];
  for (const q of queries.slice(0, options.warmup)) {
    const t = nowNs();
    searcher.search(q.text, 3);
    firstTimes.push(msSince(t));
    tick();
  }
  const times: number[] = [];
  const hits: boolean[] = [];
  let top1 = 0;
  let top3 = 0;
  const byCategory: Record<string, { n: number; top1: number }> = {};
  for (let pass = 0; pass < options.passes; pass++) {
    for (const q of queries) {
      const t = nowNs();
      const found = searcher.search(q.text, 3);
      times.push(msSince(t));
      tick();
      if (pass > 0) continue;
      const hit = found[0] === keyOf(q);
      hits.push(hit);
      if (hit) top1++;
      if (found.includes(keyOf(q))) top3++;
      const c = (byCategory[q.category] ??= { n: 0, top1: 0 });
      c.n++;
      if (hit) c.top1++;
    }
  }
  searcher = undefined;
  const n = queries.length;
  return {
    contestant: contestant.name,
    corpus: corpusName,
    functions: data.functions.length,
    snippets: data.guidance.length,
    buildMs: round(buildMs, 1),
    heapMB,
    queries: n,
    bounded,
    p50Ms: round(percentile(times, 50), 4),
    p99Ms: round(percentile(times, 99), 4),
    ...(options.warmup >= n ? { firstPassP99Ms: round(percentile(firstTimes, 99), 4) } : {}),
    meanMs: round(times.reduce((a, b) => a + b, 0) / times.length, 4),
    top1: round(top1 / n),
    top3: round(top3 / n),
    byCategory,
    hits,
  };
}

/** Top-1 of a full run restricted to the subset a bounded run measured. */
export function top1On(full: SearchFigures, all: readonly BenchQuery[], subset: readonly BenchQuery[]): number {
  const index = new Map(all.map((q, i) => [q, i]));
  const hits = subset.filter((q) => full.hits[index.get(q)!]).length;
  return round(hits / subset.length);
}
