/**
 * The default store: a file under the data directory, nothing to install. What was saved is there
 * after a restart; a second process on the same directory is refused; a damaged file is set aside.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { LOCK_FILE } from '../../src/store/dataDirLock.js';
import { STORE_FILE } from '../../src/store/keyvFactory.js';
import { captureLogs } from './support/helpers.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'motpart-embedded-')), 'data');
});

afterEach(async () => {
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

describe('the embedded store', () => {
  it('creates the data directory and keeps profiles, runs, feedback and gaps across a restart', async () => {
    const first = await createStore({ dataDir });
    await first.profiles.set('slack', 'U-ANNA', { functionId: 'mottagning-barn-unga-malmo-oster', organisationKind: 'socialtjanst', updatedAt: '2025-05-01T08:00:00.000Z' });
    await first.runs.create({ id: 'run-1', checklistId: 'orosanmalan', conversationId: 'C-1', status: 'open', createdBy: 'Anna', createdAt: '2025-05-01T08:00:00.000Z', items: {}, ticks: [] });
    await first.runs.update('run-1', (r) => ({ ...r, items: { anmal: { done: true, by: 'Anna', at: '2025-05-01T08:01:00.000Z' } }, ticks: [{ itemId: 'anmal', done: true, by: 'Anna', at: '2025-05-01T08:01:00.000Z' }] }));
    await first.feedback.record({ target: 'directory', targetId: 'socialjouren-malmo', helpful: true, by: 'U-ANNA', at: '2025-05-01T08:02:00.000Z' });
    await first.gaps.record({ question: 'vem ansvarar for lss i kinda', intent: 'directory', at: '2025-05-01T08:03:00.000Z' });
    await first.close();

    const second = await createStore({ dataDir });
    try {
      expect(await second.profiles.get('slack', 'U-ANNA')).toMatchObject({ functionId: 'mottagning-barn-unga-malmo-oster' });
      const run = await second.runs.findOpen('C-1', 'orosanmalan');
      expect(run?.items.anmal?.done).toBe(true);
      expect(run?.ticks).toHaveLength(1);
      expect(await second.feedback.list()).toEqual([{ target: 'directory', targetId: 'socialjouren-malmo', helpful: true, by: 'U-ANNA', at: '2025-05-01T08:02:00.000Z' }]);
      expect((await second.gaps.list()).map((g) => g.question)).toEqual(['vem ansvarar for lss i kinda']);
    } finally {
      await second.close();
    }
  });

  it('refuses a second store on the same directory while the first is open, and allows it after close', async () => {
    const first = await createStore({ dataDir });
    await expect(createStore({ dataDir })).rejects.toThrow(/används redan av en annan Motpart-process.*REDIS_URL/);
    await first.close();
    const again = await createStore({ dataDir });
    await again.close();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process that has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, LOCK_FILE), dead);
    const store = await createStore({ dataDir });
    expect(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await store.close();
  });

  it('sets a damaged file aside with an error log, and starts empty instead of overwriting it', async () => {
    const first = await createStore({ dataDir });
    await first.profiles.set('slack', 'U-1', { updatedAt: '2025-05-01T08:00:00.000Z' });
    await first.close();
    const file = path.join(dataDir, STORE_FILE);
    const truncated = (await readFile(file, 'utf8')).slice(0, 20);
    await writeFile(file, truncated);

    const logs = captureLogs();
    const store = await createStore({ dataDir, logger: logs.logger });
    try {
      expect(await store.profiles.get('slack', 'U-1')).toBeUndefined();
      const aside = (await readdir(dataDir)).filter((f) => f.startsWith(`${STORE_FILE}.damaged-`));
      expect(aside).toHaveLength(1);
      expect(await readFile(path.join(dataDir, aside[0]!), 'utf8')).toBe(truncated);
      expect(logs.lines.some((l) => l.includes('"level":50') && l.includes('damaged'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
