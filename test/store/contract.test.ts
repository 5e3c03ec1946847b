/**
 * What the core relies on, checked on all three stores: in-memory, the embedded SQLite store and a
 * real Redis. They share the repositories, so any difference here is a backend bug.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type ChecklistRun, type Store } from '../../src/core/ports.js';
import { createStore } from '../../src/store/index.js';
import { storeTestEnvironment } from './support/helpers.js';

const env = storeTestEnvironment();

const backends: Array<[string, () => Promise<Store>]> = [
  ['memory', () => createStore({ memory: true })],
  [
    'embedded SQLite',
    async () => {
      return createStore({ dataDir: await env.tempDir('motpart-store-') });
    },
  ],
  ['redis', () => createStore({ redisUrl: env.redis().url })],
];

let seq = 0;
function newRun(overrides: Partial<ChecklistRun> = {}): ChecklistRun {
  seq++;
  return {
    id: `run-${Date.now()}-${seq}`,
    checklistId: 'sociala-insatsgrupper',
    conversationId: `C-${seq}`,
    status: 'open',
    createdBy: 'Anna Handläggare',
    createdAt: '2025-05-01T08:00:00.000Z',
    items: {},
    ticks: [],
    ...overrides,
  };
}

const tick = (itemId: string, by: string) => (run: ChecklistRun): ChecklistRun => {
  const done = !(run.items[itemId]?.done ?? false);
  const at = '2025-05-01T08:05:00.000Z';
  return { ...run, items: { ...run.items, [itemId]: { done, by, at } }, ticks: [...run.ticks, { itemId, done, by, at }] };
};

describe.each(backends)('%s store', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps a profile per platform and user, and knows nothing of others', async () => {
    await store.profiles.set('teams', '29:1aB-xyz', { functionId: 'kommunpolis-malmo-oster', organisationKind: 'polis', updatedAt: '2025-05-01T08:00:00.000Z' });
    expect(await store.profiles.get('teams', '29:1aB-xyz')).toEqual({ functionId: 'kommunpolis-malmo-oster', organisationKind: 'polis', updatedAt: '2025-05-01T08:00:00.000Z' });
    expect(await store.profiles.get('slack', '29:1aB-xyz')).toBeUndefined();
    expect(await store.profiles.get('teams', '29:1aB')).toBeUndefined();
  });

  it('finds the open run of a checklist in its conversation only, and forgets it once closed', async () => {
    const run = newRun({ conversationId: '19:abc@thread.tacv2' });
    await store.runs.create(run);
    expect(await store.runs.findOpen('19:abc@thread.tacv2', 'sociala-insatsgrupper')).toEqual(run);
    expect(await store.runs.findOpen('19:abc@thread.tacv2', 'orosanmalan')).toBeUndefined();
    expect(await store.runs.findOpen('19:other@thread.tacv2', 'sociala-insatsgrupper')).toBeUndefined();

    const closed = await store.runs.update(run.id, (r) => ({ ...r, status: 'closed' }));
    expect(closed.status).toBe('closed');
    expect(await store.runs.findOpen('19:abc@thread.tacv2', 'sociala-insatsgrupper')).toBeUndefined();
    expect((await store.runs.get(run.id))?.status).toBe('closed');
  });

  it('points findOpen at the newest run when a checklist is started again after closing', async () => {
    const first = newRun();
    await store.runs.create(first);
    await store.runs.update(first.id, (r) => ({ ...r, status: 'closed' }));
    const second = newRun({ conversationId: first.conversationId });
    await store.runs.create(second);
    expect((await store.runs.findOpen(first.conversationId, first.checklistId))?.id).toBe(second.id);
  });

  it('applies 50 concurrent updates of one run without losing any', async () => {
    const run = newRun();
    await store.runs.create(run);
    const items = ['kartlaggning', 'samtycke', 'atgardsplan'];
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.runs.update(run.id, tick(items[i % 3]!, `user-${i}`))));
    const final = (await store.runs.get(run.id))!;
    expect(final.ticks).toHaveLength(50);
    expect(new Set(final.ticks.map((t) => t.by)).size).toBe(50);
    // 17, 17 and 16 toggles: odd counts end ticked.
    expect(Object.fromEntries(items.map((i) => [i, final.items[i]?.done]))).toEqual({ kartlaggning: true, samtycke: true, atgardsplan: false });
  });

  it('refuses to update a run that does not exist, without calling it an outage', async () => {
    const failure = await store.runs.update('no-such-run', (r) => r).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(StoreUnavailableError);
  });

  it('keeps feedback and gaps in the order they came, concurrent ones included', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.feedback.record({ target: i % 2 ? 'snippet' : 'directory', targetId: `t-${i}`, helpful: i % 3 === 0, by: `U${i}`, at: `2025-05-01T08:00:${String(i).padStart(2, '0')}.000Z` }),
      ),
    );
    expect((await store.feedback.list()).map((f) => f.targetId).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `t-${i}`).sort());
    await store.gaps.record({ question: 'vad gäller för lss-boende', intent: 'guidance', at: '2025-05-01T08:00:00.000Z' });
    await store.gaps.record({ question: 'vem har hand om fritidsgårdar i kinda', intent: 'directory', at: '2025-05-01T08:01:00.000Z' });
    expect((await store.gaps.list()).map((g) => g.question)).toEqual(['vad gäller för lss-boende', 'vem har hand om fritidsgårdar i kinda']);
  });

  it('keeps the latest 2000 gaps in order once the log is full, the oldest going first', async () => {
    const total = 2_150;
    for (let i = 0; i < total; i += 50) {
      // Fifty at a time, concurrently: positions are claimed atomically, so none is lost or doubled.
      await Promise.all(Array.from({ length: Math.min(50, total - i) }, (_, j) => store.gaps.record({ question: `fraga ${i + j}`, intent: 'guidance', at: '2025-05-01T08:00:00.000Z' })));
    }
    const questions = (await store.gaps.list()).map((g) => g.question);
    expect(questions).toHaveLength(2_000);
    expect([...questions].sort()).toEqual(Array.from({ length: 2_000 }, (_, k) => `fraga ${total - 2_000 + k}`).sort());
    expect(questions.at(-1)).toMatch(/^fraga 21\d\d$/);
  }, 60_000);

  it('allows max hits per window per key and starts over when the window has passed', async () => {
    const key = `slack:U-RATE-${seq++}`;
    const hits = await Promise.all(Array.from({ length: 5 }, () => store.rateLimit.allow(key, 3, 400)));
    expect(hits.filter(Boolean)).toHaveLength(3);
    expect(await store.rateLimit.allow(`${key}-other`, 3, 400)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await store.rateLimit.allow(key, 3, 400)).toBe(true);
  });

  it('keeps directory changes in order and updates one atomically, concurrent ones included', async () => {
    const change = (i: number) => ({ id: `change-${seq}-${i}`, functionId: 'socialjouren-malmo', kind: 'standin' as const, person: `Vikarie ${i} (fiktiv)`, from: '2026-12-01', to: '2026-12-02', status: 'pending' as const, suggested: false, by: 'slack:U1', at: '2026-11-24T09:00:00.000Z' });
    seq++;
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.directory.add(change(i))));
    expect((await store.directory.list()).map((c) => c.person).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Vikarie ${i} (fiktiv)`).sort());
    const approved = await store.directory.update(change(3).id, (c) => ({ ...c, status: 'approved', decidedBy: 'slack:UEDIT' }));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'slack:UEDIT' });
    expect((await store.directory.list()).filter((c) => c.status === 'approved').map((c) => c.id)).toEqual([change(3).id]);
    expect(await store.directory.update('no-such-change', (c) => c)).toBeUndefined();
  });

  it('gives a lock to exactly one of many concurrent claims, and never again', async () => {
    const key = `digest-${seq++}`;
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.locks.claim(key)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.locks.claim(key)).toBe(false);
  });

  it('gives a released lock to exactly one claim again', async () => {
    const key = `digest-${seq++}`;
    expect(await store.locks.claim(key)).toBe(true);
    await store.locks.release(key);
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.locks.claim(key)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('keeps the address of a personal chat per user', async () => {
    const user = `aad-${seq++}`;
    expect(await store.chats.get('teams', user)).toBeUndefined();
    await store.chats.set('teams', user, { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: 'a:1personal', tenantId: 'tenant-fiktiv' });
    expect(await store.chats.get('teams', user)).toEqual({ serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: 'a:1personal', tenantId: 'tenant-fiktiv' });
    expect(await store.chats.get('slack', user)).toBeUndefined();
  });
});
