/**
 * Values the store did not write, or wrote in another version, are skipped with a log line and
 * never break a read: in the embedded SQLite store and on Redis, where people can and do edit by hand.
 */
import path from 'node:path';
import { createClient } from '@keyv/redis';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createStore } from '../../src/store/index.js';
import { openDatabase, STORE_FILE } from '../../src/store/embedded.js';
import { SqliteKeyvStore } from '../../src/store/sqliteStore.js';
import { captureLogs, storeTestEnvironment, type CapturedLogs } from './support/helpers.js';

const env = storeTestEnvironment();

/** Opens a store that sees the given raw strings (as keyv would hand them over) under the given keys. */
type Planter = (logs: CapturedLogs, raw: Record<string, string>) => Promise<Store>;

const plantInFile: Planter = async (logs, raw) => {
  const dir = await env.tempDir('motpart-bad-');
  const seed = await createStore({ dataDir: dir });
  await seed.profiles.set('slack', 'U-SEED', { updatedAt: '2025-05-01T08:00:00.000Z' });
  await seed.close();
  // Straight into the table, past keyv's serialisation, as a hand edit would.
  const adapter = new SqliteKeyvStore(openDatabase(path.join(dir, STORE_FILE)));
  for (const [key, value] of Object.entries(raw)) await adapter.set(key, value);
  await adapter.disconnect();
  return createStore({ dataDir: dir, logger: logs.logger });
};

const plantInRedis: Planter = async (logs, raw) => {
  const client = createClient({ url: env.redis().url });
  await client.connect();
  await client.flushAll();
  for (const [key, value] of Object.entries(raw)) await client.set(key, value);
  client.destroy();
  return createStore({ redisUrl: env.redis().url, logger: logs.logger });
};

const goodRun = { id: 'r-ok', checklistId: 'orosanmalan', conversationId: 'C1', status: 'open', createdBy: 'Anna', createdAt: '2025-05-01T08:00:00.000Z', items: {}, ticks: [] };
const feedback = (targetId: string) => ({ target: 'snippet', targetId, helpful: false, by: 'U1', at: '2025-05-01T08:00:00.000Z' });
const wrap = (value: unknown) => JSON.stringify({ value });

describe.each([
  ['embedded SQLite', plantInFile],
  ['redis', plantInRedis],
] as const)('%s store with bad values', (_name, plant) => {
  it('skips each kind of bad value with a log line naming the key, and keeps the good ones', async () => {
    const logs = captureLogs();
    const store = await plant(logs, {
      'motpart:profile:slack:U-GARBAGE': 'inte json {',
      'motpart:profile:slack:U-OLD': wrap({ v: 0, data: { role: 'polis' } }),
      'motpart:profile:slack:U-BARE': wrap({ functionId: 'kommunjurist-malmo', updatedAt: '2025-05-01' }),
      'motpart:profile:slack:U-WRONG': wrap({ v: 1, data: { functionId: 42, updatedAt: '2025-05-01' } }),
      'motpart:run:r-broken': wrap({ v: 1, data: { ...goodRun, id: 'r-broken', status: 'paused', ticks: 'none' } }),
      'motpart:run:r-ok': wrap({ v: 1, data: goodRun }),
      'motpart:run-open:C1:orosanmalan': wrap({ v: 1, data: { runId: 'r-ok' } }),
      'motpart:feedback': wrap({ v: 1, data: [feedback('samtycke-grund'), { target: 'snippet', helpful: 'ja' }, feedback('orosanmalan-skyldighet')] }),
      'motpart:gaps': wrap({ v: 2, data: [{ question: 'hur funkar nya lagen', intent: 'guidance', at: '2031-01-01' }] }),
    });
    try {
      for (const user of ['U-GARBAGE', 'U-OLD', 'U-BARE', 'U-WRONG']) expect(await store.profiles.get('slack', user), user).toBeUndefined();
      expect(await store.runs.get('r-broken')).toBeUndefined();
      expect((await store.runs.findOpen('C1', 'orosanmalan'))?.id).toBe('r-ok');
      expect((await store.feedback.list()).map((f) => f.targetId)).toEqual(['samtycke-grund', 'orosanmalan-skyldighet']);
      expect(await store.gaps.list()).toEqual([]);

      const warnings = logs.lines.map((l) => JSON.parse(l) as { key?: string; msg: string; problem?: string; version?: number });
      const about = (key: string) => warnings.find((w) => w.key === key);
      expect(about('motpart:profile:slack:U-GARBAGE')?.msg).toBe('stored value is not JSON; skipped');
      expect(about('motpart:profile:slack:U-OLD')).toMatchObject({ msg: 'stored value has an unknown schema version; skipped', version: 0 });
      expect(about('motpart:profile:slack:U-BARE')?.msg).toBe('stored value has no version envelope; skipped');
      expect(about('motpart:profile:slack:U-WRONG')).toMatchObject({ msg: 'stored value failed validation; skipped', problem: 'functionId: invalid_type' });
      expect(about('motpart:run:r-broken')?.problem).toContain('status: invalid_value');
      expect(about('motpart:feedback')).toMatchObject({ msg: 'stored list entries failed validation; skipped', skipped: 1 });
      expect(about('motpart:gaps')).toMatchObject({ version: 2 });
      // The log says where and what kind, never the stored text.
      expect(logs.lines.join('\n')).not.toMatch(/hur funkar|inte json|kommunjurist/);
    } finally {
      await store.close();
    }
  });

  it('keeps the good entries of a bad list when the next entry is recorded', async () => {
    const logs = captureLogs();
    const store = await plant(logs, { 'motpart:feedback': wrap({ v: 1, data: [feedback('samtycke-grund'), 'trasig'] }) });
    try {
      await store.feedback.record(feedback('polis-till-skola') as Parameters<Store['feedback']['record']>[0]);
      expect((await store.feedback.list()).map((f) => f.targetId)).toEqual(['samtycke-grund', 'polis-till-skola']);
    } finally {
      await store.close();
    }
  });
});
