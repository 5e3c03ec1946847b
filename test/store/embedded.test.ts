/**
 * The default store: a SQLite database under the data directory, nothing to install. What was saved
 * is there after a restart; a second process on the same directory is refused; a damaged file is
 * set aside; the JSON file of the keyv-file store before it is imported once and renamed aside.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { LOCK_FILE } from '../../src/store/dataDirLock.js';
import { LEGACY_STORE_FILE, STORE_FILE } from '../../src/store/embedded.js';
import { captureLogs, root } from './support/helpers.js';

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

  it('sets a damaged database aside with its log files and an error log, and starts empty instead of overwriting it', async () => {
    const first = await createStore({ dataDir });
    await first.profiles.set('slack', 'U-1', { updatedAt: '2025-05-01T08:00:00.000Z' });
    await first.close();
    const file = path.join(dataDir, STORE_FILE);
    const garbage = 'this is not a database, someone saved a text file here\n'.repeat(100);
    await writeFile(file, garbage);

    const logs = captureLogs();
    const store = await createStore({ dataDir, logger: logs.logger });
    try {
      expect(await store.profiles.get('slack', 'U-1')).toBeUndefined();
      await store.profiles.set('slack', 'U-2', { updatedAt: '2025-05-01T08:00:00.000Z' });
      const aside = (await readdir(dataDir)).filter((f) => f.startsWith(`${STORE_FILE}.damaged-`));
      expect(aside).toHaveLength(1);
      expect(await readFile(path.join(dataDir, aside[0]!), 'utf8')).toBe(garbage);
      expect(logs.lines.some((l) => l.includes('"level":50') && l.includes('damaged') && l.includes('SQLITE_NOTADB'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses to start when the database cannot be opened, naming the file and what to check, and leaves no lock', async () => {
    // A directory where the database file should be: not damage to set aside, something to fix.
    await mkdir(path.join(dataDir, STORE_FILE), { recursive: true });
    await expect(createStore({ dataDir })).rejects.toThrow(/motpart-store\.sqlite.*MOTPART_DATA_DIR/s);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('the JSON file of the keyv-file store before', () => {
  // Written by Motpart with keyv-file 5.3.5: a profile, a run with one tick, its open-run index,
  // one feedback entry, one gap and a rate-limit window that has long ended.
  const fixture = path.join(root, 'test', 'fixtures', 'store', 'keyv-file-5.json');

  async function expectFixtureData(): Promise<void> {
    const store = await createStore({ dataDir });
    try {
      expect(await store.profiles.get('slack', 'U-ANNA')).toMatchObject({ functionId: 'mottagning-barn-unga-malmo-oster' });
      const run = await store.runs.findOpen('C-1', 'orosanmalan');
      expect(run?.items.anmal?.done).toBe(true);
      expect(run?.ticks).toHaveLength(1);
      expect((await store.feedback.list()).map((f) => f.targetId)).toEqual(['socialjouren-malmo']);
      expect((await store.gaps.list()).map((g) => g.question)).toEqual(['vem ansvarar for lss i kinda']);
      expect(await store.rateLimit.allow('slack:U-ANNA', 1, 60_000)).toBe(true);
    } finally {
      await store.close();
    }
  }

  it('is imported on the first start and renamed aside, unchanged, never deleted', async () => {
    await mkdir(dataDir, { recursive: true });
    await copyFile(fixture, path.join(dataDir, LEGACY_STORE_FILE));
    const logs = captureLogs();
    const store = await createStore({ dataDir, logger: logs.logger });
    await store.close();
    expect(logs.lines.some((l) => l.includes('imported') && l.includes('"imported":5'))).toBe(true);
    await expectFixtureData();

    const files = await readdir(dataDir);
    expect(files).not.toContain(LEGACY_STORE_FILE);
    const aside = files.filter((f) => f.startsWith(`${LEGACY_STORE_FILE}.migrated-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dataDir, aside[0]!), 'utf8')).toBe(await readFile(fixture, 'utf8'));
  });

  it('is imported once: back again after the import (a crash before the rename), it is only renamed, and newer values stay', async () => {
    await mkdir(dataDir, { recursive: true });
    await copyFile(fixture, path.join(dataDir, LEGACY_STORE_FILE));
    const first = await createStore({ dataDir });
    await first.profiles.set('slack', 'U-ANNA', { functionId: 'kommunjurist-malmo', updatedAt: '2025-06-01T08:00:00.000Z' });
    await first.close();
    await copyFile(fixture, path.join(dataDir, LEGACY_STORE_FILE));

    const second = await createStore({ dataDir });
    try {
      expect(await second.profiles.get('slack', 'U-ANNA')).toMatchObject({ functionId: 'kommunjurist-malmo' });
    } finally {
      await second.close();
    }
    expect((await readdir(dataDir)).filter((f) => f.startsWith(`${LEGACY_STORE_FILE}.migrated-`))).toHaveLength(2);
  });

  it('left empty by a kill during a keyv-file write, is set aside as damaged with an error log, and the store starts', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, LEGACY_STORE_FILE), '');
    const logs = captureLogs();
    const store = await createStore({ dataDir, logger: logs.logger });
    try {
      await store.profiles.set('slack', 'U-1', { updatedAt: '2025-05-01T08:00:00.000Z' });
      expect(await store.profiles.get('slack', 'U-1')).toBeDefined();
    } finally {
      await store.close();
    }
    expect((await readdir(dataDir)).filter((f) => f.startsWith(`${LEGACY_STORE_FILE}.damaged-`))).toHaveLength(1);
    expect(logs.lines.some((l) => l.includes('"level":50') && l.includes('not keyv-file JSON'))).toBe(true);
  });
});
