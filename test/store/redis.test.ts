/**
 * Several bot instances on one real Redis: two bot processes (the real core on the real store)
 * share a checklist, 50 concurrent ticks from both land, and a Redis outage costs only saving.
 */
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, type Asker, type Store } from '../../src/core/ports.js';
import type { ChecklistView, Reply } from '../../src/core/reply.js';
import { createStore } from '../../src/store/index.js';
import { captureLogs, twoBotsOnRedis, type BotProcess } from './support/helpers.js';

const { redis, botA, botB } = twoBotsOnRedis();

const asker = (userId: string, conversationId: string): Asker => ({ platform: 'slack', userId, displayName: `Handläggare ${userId}`, conversationId });

function checklistOf(reply: Reply): ChecklistView {
  const part = reply.parts.find((p) => p.type === 'checklist');
  if (!part || part.type !== 'checklist') throw new Error(`no checklist in reply "${reply.headline}"`);
  return part.checklist;
}

const CHECKLIST = 'utlamnande-10-18a';
const start = (bot: BotProcess, who: Asker) => bot.handle({ action: { type: 'checklist.start', checklistId: CHECKLIST } }, who);
const toggle = (bot: BotProcess, who: Asker, runId: string, itemId: string) => bot.handle({ action: { type: 'checklist.toggle', runId, itemId } }, who);

describe('two bot processes sharing one Redis', () => {
  it('a tick made through one bot is seen through the other', async () => {
    const anna = asker('U-ANNA', 'C-SAMVERKAN');
    const bo = asker('U-BO', 'C-SAMVERKAN');
    const { runId } = checklistOf(await start(botA(), anna));
    await toggle(botA(), anna, runId, 'alder');

    const seen = checklistOf(await start(botB(), bo));
    expect(seen.runId).toBe(runId);
    expect(seen.items.find((i) => i.id === 'alder')).toMatchObject({ done: true, doneBy: 'Handläggare U-ANNA' });
    expect(seen.done).toBe(1);
  });

  it('loses none of 50 concurrent ticks from both bots, on different items and on the same item', async () => {
    const conversation = 'C-BRADSKA';
    const { runId } = checklistOf(await start(botA(), asker('U-START', conversation)));
    // Toggles per item: odd counts end ticked, even counts end unticked.
    const plan = { alder: 13, 'sarskilda-omstandigheter': 12, lamplighet: 13, dokumentation: 12 };
    const itemIds = Object.entries(plan).flatMap(([id, n]) => Array<string>(n).fill(id));
    expect(itemIds).toHaveLength(50);

    const replies = await Promise.all(
      itemIds.map((itemId, i) => (i % 2 === 0 ? toggle(botA(), asker('U-A', conversation), runId, itemId) : toggle(botB(), asker('U-B', conversation), runId, itemId))),
    );
    expect(replies.every((r) => r.parts.some((p) => p.type === 'checklist'))).toBe(true);

    const view = await createStore({ redisUrl: redis().url });
    try {
      const run = (await view.runs.get(runId))!;
      expect(run.ticks).toHaveLength(50);
      for (const [itemId, n] of Object.entries(plan)) {
        expect(run.ticks.filter((t) => t.itemId === itemId)).toHaveLength(n);
        expect(run.items[itemId]?.done).toBe(n % 2 === 1);
      }
      expect(run.ticks.filter((t) => t.by === 'Handläggare U-A')).toHaveLength(25);
      expect(run.ticks.filter((t) => t.by === 'Handläggare U-B')).toHaveLength(25);
    } finally {
      await view.close();
    }
  });
});

describe('when Redis goes down', () => {
  const calls = (store: Store): Array<[string, () => Promise<unknown>]> => [
    ['profiles.get', () => store.profiles.get('slack', 'U1')],
    ['profiles.set', () => store.profiles.set('slack', 'U1', { functionId: 'kommunjurist-malmo', updatedAt: '2025-05-01T08:00:00Z' })],
    ['runs.get', () => store.runs.get('r1')],
    ['runs.update', () => store.runs.update('r1', (r) => r)],
    ['runs.findOpen', () => store.runs.findOpen('C1', CHECKLIST)],
    ['feedback.record', () => store.feedback.record({ target: 'snippet', targetId: 'osl-10-18a-grund', helpful: true, by: 'U1', at: '2025-05-01T08:00:00Z' })],
    ['feedback.list', () => store.feedback.list()],
    ['gaps.record', () => store.gaps.record({ question: 'vad galler for lss', intent: 'guidance', at: '2025-05-01T08:00:00Z' })],
    ['gaps.list', () => store.gaps.list()],
    ['rateLimit.allow', () => store.rateLimit.allow('slack:U1', 10, 60_000)],
  ];

  async function expectAllUnavailable(store: Store, withinMs: number): Promise<void> {
    for (const [name, call] of calls(store)) {
      const started = Date.now();
      const outcome = await call().then(
        () => 'resolved',
        (err: unknown) => err,
      );
      expect(outcome, name).toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started, name).toBeLessThan(withinMs);
    }
  }

  it('answers questions, refuses saving with the clear message, and saves again once Redis is back', async () => {
    const { logger, lines } = captureLogs();
    const store = await createStore({ redisUrl: redis().url, logger });
    const who = asker('U-CARL', 'C-AVBROTT');
    try {
      await store.profiles.set('slack', 'U-BEFORE', { functionId: 'socialjouren-malmo', updatedAt: '2025-05-01T08:00:00Z' });
      await redis().kill();

      // A killed server: the connection is gone and commands fail at once.
      await expectAllUnavailable(store, 500);
      const answer = await botA().handle({ text: 'vem är min motpart i Rosengård' }, { ...who, as: 'polis' });
      expect(answer.parts.some((p) => p.type === 'contact')).toBe(true);
      const refused = await start(botA(), who);
      expect(refused.headline).toBe('Det går inte att spara just nu');

      await redis().restart();
      const back = Date.now();
      await expect.poll(() => store.profiles.get('slack', 'U1').then(() => true, () => false), { timeout: 5_000, interval: 100 }).toBe(true);
      expect(Date.now() - back).toBeLessThan(5_000);
      await store.profiles.set('slack', 'U1', { functionId: 'kommunjurist-malmo', updatedAt: '2025-05-01T08:00:00Z' });
      expect(await store.profiles.get('slack', 'U1')).toMatchObject({ functionId: 'kommunjurist-malmo' });
      // Saved before the kill: Redis runs with AOF on, as the README requires.
      expect(await store.profiles.get('slack', 'U-BEFORE')).toMatchObject({ functionId: 'socialjouren-malmo' });

      await expect.poll(async () => (await start(botA(), who)).parts.some((p) => p.type === 'checklist'), { timeout: 5_000, interval: 100 }).toBe(true);
      expect(lines.some((l) => l.includes('Redis connection lost'))).toBe(true);
      expect(lines.some((l) => l.includes('Redis connection restored'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('gives up within the operation deadline when Redis hangs instead of refusing', async () => {
    const store = await createStore({ redisUrl: redis().url });
    try {
      redis().pause();
      const started = Date.now();
      await expect(store.runs.get('r1')).rejects.toBeInstanceOf(StoreUnavailableError);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(1_500);
      expect(waited).toBeLessThan(3_000);
    } finally {
      redis().resume();
      await store.close();
    }
  });

  it('starts even when Redis is unreachable and reports it as unavailable', async () => {
    const started = Date.now();
    const store = await createStore({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      expect(Date.now() - started).toBeLessThan(3_000);
      await expect(store.gaps.list()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
