/**
 * No personal number reaches storage or logs. Personal and coordination numbers (valid check
 * digits, fictional) are planted everywhere a user can put text: questions, feedback, checklist
 * ticks (the display name), profile choices, conversation and user ids, first through the core as
 * the chat adapters call it and then straight into the store for fields the core would refuse.
 * Then every Redis key and value, every file in the data directory and every log line is read.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Asker, Store } from '../../src/core/ports.js';
import type { ChecklistView } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createStore } from '../../src/store/index.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { captureLogs, coordinationNumber, fixtureKnowledge, personalNumber, spellings } from './support/helpers.js';

let redis: TestRedis;
let knowledge: Knowledge;
let dataDir: string;

beforeAll(async () => {
  [redis, knowledge] = await Promise.all([startRedis(), loadAndBuild(fixtureKnowledge)]);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-pii-'));
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const numbers = Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? coordinationNumber(i + 7) : personalNumber(i + 7)));
const pnr = (i: number) => numbers[i]!;
/** The number as people type it: 12 digits with dash, 10 digits without, 10 digits with a space. */
const typed = (i: number) => [pnr(i), pnr(i).slice(2).replace('-', ''), pnr(i).slice(2).replace('-', ' ')][i % 3]!;

async function plantThroughCore(store: Store, logs: ReturnType<typeof captureLogs>): Promise<void> {
  const motpart = createMotpart({ knowledge: () => knowledge, store, logger: logs.logger });
  const asker: Asker = { platform: 'teams', userId: `29:${typed(0)}`, displayName: `Anna Handläggare ${typed(1)}`, conversationId: `19:${typed(2)}@thread.tacv2` };

  const warning = await motpart.handle({ text: `vem ska jag ringa om ${typed(3)} som är 17 år i Rosengård` }, asker);
  expect(warning.ephemeral).toBe(true);
  await motpart.handle({ text: `hur gör jag med lss-beslut för ${typed(4)}` }, asker);
  await motpart.handle({ text: 'hur gör jag med lss-beslut för kinda' }, asker);

  const started = await motpart.handle({ action: { type: 'checklist.start', checklistId: 'orosanmalan' } }, asker);
  const part = started.parts.find((p) => p.type === 'checklist') as { checklist: ChecklistView };
  await motpart.handle({ action: { type: 'checklist.toggle', runId: part.checklist.runId, itemId: 'anmal' } }, asker);
  await motpart.handle({ action: { type: 'checklist.toggle', runId: part.checklist.runId, itemId: typed(5) } }, asker);
  await motpart.handle({ action: { type: 'feedback', target: 'snippet', targetId: typed(6), helpful: false } }, asker);
  await motpart.handle({ action: { type: 'profile.set', functionId: typed(7) } }, asker);
  await motpart.handle({ action: { type: 'profile.set', functionId: 'kommunpolis-malmo-oster' } }, asker);
}

/** Fields the core validates or never fills from user text, written directly: the store's own guard. */
async function plantDirectly(store: Store): Promise<void> {
  const at = '2025-05-01T08:00:00.000Z';
  await store.profiles.set('slack', `U ${typed(8)}`, { functionId: `fn ${typed(8)}`, organisationKind: typed(9), updatedAt: at });
  const run = { id: `run:${typed(10)}`, checklistId: 'orosanmalan', conversationId: `C:${typed(10)}`, status: 'open' as const, createdBy: `Bo ${typed(11)}`, createdAt: at, items: {}, ticks: [] };
  await store.runs.create(run);
  await store.runs.update(run.id, (r) => ({
    ...r,
    messageRef: typed(11),
    items: { [typed(9)]: { done: true, by: `Bo ${typed(9)}`, at } },
    ticks: [{ itemId: typed(9), done: true, by: `Bo ${typed(9)}`, at }],
  }));
  await store.feedback.record({ target: 'directory', targetId: typed(10), helpful: true, by: typed(11), at });
  await store.gaps.record({ question: `vad gäller för ${typed(8)} och ${pnr(9).slice(2)}`, intent: `guidance ${typed(10)}`, at });
  await store.rateLimit.allow(`slack:${typed(11)}`, 10, 60_000);
}

function expectNoPersonalNumber(where: string, texts: string[]): void {
  const all = texts.join('\n');
  for (const n of numbers) for (const spelling of spellings(n)) expect(all.includes(spelling), `${where} holds ${spelling}: ${all.slice(Math.max(0, all.indexOf(spelling) - 200), all.indexOf(spelling) + 40)}`).toBe(false);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8').then((c) => `${e.name}\n${c}`)));
}

describe('no personal number is stored or logged', () => {
  it('in the embedded file store', async () => {
    const logs = captureLogs();
    const store = await createStore({ dataDir, logger: logs.logger });
    try {
      await plantThroughCore(store, logs);
      await plantDirectly(store);
      expect((await store.gaps.list()).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
    const files = await filesUnder(dataDir);
    expect(files.join('').length).toBeGreaterThan(500);
    expectNoPersonalNumber('data directory', files);
    expectNoPersonalNumber('log', logs.lines);
  });

  it('in Redis', async () => {
    const logs = captureLogs();
    const store = await createStore({ redisUrl: redis.url, logger: logs.logger });
    try {
      await plantThroughCore(store, logs);
      await plantDirectly(store);
    } finally {
      await store.close();
    }
    const client = createClient({ url: redis.url });
    await client.connect();
    const stored: string[] = [];
    try {
      for await (const batch of client.scanIterator({ COUNT: 100 })) {
        for (const key of batch) stored.push(key, (await client.type(key)) === 'string' ? ((await client.get(key)) ?? '') : '');
      }
    } finally {
      client.destroy();
    }
    expect(stored.filter((s) => s.startsWith('motpart:')).length).toBeGreaterThanOrEqual(8);
    expectNoPersonalNumber('Redis', stored);
    expectNoPersonalNumber('log', logs.lines);
  });
});
