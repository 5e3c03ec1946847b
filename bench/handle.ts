/**
 * End-to-end answer time: `motpart.handle()` with an in-memory store, as an adapter calls it (routing,
 * search, role, reply building, gap log), for the same questions as the search benchmark.
 */
import type { Asker } from '../src/core/ports.js';
import { createMotpart } from '../src/core/motpart.js';
import type { Reply } from '../src/core/reply.js';
import type { Knowledge } from '../src/core/knowledge/knowledge.js';
import { createStore } from '../src/store/index.js';
import { msSince, nowNs, percentile, round } from './measure.js';
import type { BenchQuery } from './queries.js';

export interface HandleFigures {
  corpus: string;
  queries: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of questions whose reply shows the expected function or snippet first. */
  top1: number;
}

/** The first function or snippet a reply shows, as a `kind:id` key. */
function firstShown(reply: Reply): string | undefined {
  for (const part of reply.parts) {
    if (part.type === 'contact') return `function:${part.contact.functionId}`;
    if (part.type === 'guidance') return `snippet:${part.guidance.snippetId}`;
  }
  return undefined;
}

export async function benchHandle(corpus: string, knowledge: Knowledge, queries: readonly BenchQuery[], passes: number): Promise<HandleFigures> {
  const store = await createStore({ memory: true });
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => new Date('2026-11-24T10:00:00+01:00') });
  const asker: Asker = { platform: 'cli', userId: 'bench', conversationId: 'bench' };
  for (const q of queries.slice(0, 20)) await motpart.handle({ text: q.text }, asker);
  const times: number[] = [];
  let top1 = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const q of queries) {
      const t = nowNs();
      const reply = await motpart.handle({ text: q.text }, asker);
      times.push(msSince(t));
      if (pass === 0 && firstShown(reply) === `${q.expected.kind}:${q.expected.id}`) top1++;
    }
  }
  await store.close();
  return { corpus, queries: queries.length, p50Ms: round(percentile(times, 50), 4), p99Ms: round(percentile(times, 99), 4), top1: round(top1 / queries.length) };
}
