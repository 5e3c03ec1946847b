/**
 * The knowledge cache: a restart with unchanged files answers from it exactly as from the files;
 * an edit, a damaged file or a cache of other code is a miss that reads the files, never a stale
 * or half answer; and a cache that cannot be written costs time, not answers.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import { CACHE_FILE_NAME } from '../../src/knowledge/cache.js';
import { loadAndBuild, loadThroughCache } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { watchKnowledge } from '../../src/knowledge/watcher.js';
import { captureLogs } from '../store/support/helpers.js';
import { memoryStore } from '../support/memoryStore.js';
import { asker, FIXTURE_DIR, OFFICE_HOURS, replyText } from '../core/helpers.js';

const TODAY = { today: '2026-11-24' };

const QUESTIONS = [
  'vem e motpart i rosengard',
  'kontakt soc öster ikväll',
  'får jag lämna uppgifter till polisen om en 16-åring',
  'vad säger 10:18a osl',
  'samtyke fran foraldrar',
  'who do I call at social services in Rosengård',
];

let work: string;
let dir: string;
let cacheFile: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'motpart-cache-'));
  dir = path.join(work, 'knowledge');
  await cp(FIXTURE_DIR, dir, { recursive: true });
  cacheFile = path.join(work, 'data', CACHE_FILE_NAME);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every answer the questions get, as the user reads it. */
async function answers(knowledge: Knowledge): Promise<string[]> {
  const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
  const out: string[] = [];
  for (const text of QUESTIONS) {
    out.push(replyText(await motpart.handle({ text }, asker({ userId: 'u-cache' }))));
    out.push(replyText(await motpart.handle({ text }, asker({ userId: 'u-cache-polis', as: 'polis' }))));
  }
  return out;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(dir, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

/** Loads with a cold cache and writes it, as a first start does. */
async function firstStart(): Promise<Knowledge> {
  const first = await loadThroughCache(dir, cacheFile, TODAY);
  expect(first.miss).toBe('no cache');
  expect(await first.save()).toBe(true);
  return first.knowledge;
}

describe('knowledge cache', () => {
  it('answers a restart from the cache exactly as from the files: same answers, counts, warnings and origins', async () => {
    const fromFiles = await firstStart();
    const restart = await loadThroughCache(dir, cacheFile, TODAY);

    expect(restart.miss).toBeUndefined();
    expect(restart.knowledge.stats).toEqual(fromFiles.stats);
    expect(restart.knowledge.warnings).toEqual(fromFiles.warnings);
    expect([...restart.knowledge.origins]).toEqual([...fromFiles.origins]);
    expect(restart.knowledge.data).toEqual(fromFiles.data);
    expect(restart.knowledge.functions.terms.postings()).toEqual(fromFiles.functions.terms.postings());
    expect(await answers(restart.knowledge)).toEqual(await answers(fromFiles));
    // Frozen like knowledge from the files: nothing can change a snapshot in use.
    expect(Object.isFrozen(restart.knowledge.data.functions[0])).toBe(true);
  });

  it('works out warnings for the day it starts, not the day the cache was written', async () => {
    await firstStart();
    const later = await loadThroughCache(dir, cacheFile, { today: '2031-01-01' });
    expect(later.miss).toBeUndefined();
    expect(later.knowledge.warnings).toEqual((await loadAndBuild(dir, { today: '2031-01-01' })).warnings);
    expect(later.knowledge.warnings.length).toBeGreaterThan((await loadAndBuild(dir, TODAY)).warnings.length);
  });

  it('reads the files again after an edit, answers with the new text, and keeps the new version', async () => {
    await firstStart();
    await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad'));

    const edited = await loadThroughCache(dir, cacheFile, TODAY);
    expect(edited.miss).toBe('knowledge files or Motpart changed');
    expect(edited.knowledge.functions.get('socialjouren-malmo')?.name).toBe('Socialjouren Malmö stad');
    expect(await edited.save()).toBe(true);
    const again = await loadThroughCache(dir, cacheFile, TODAY);
    expect(again.miss).toBeUndefined();
    expect(again.knowledge.functions.get('socialjouren-malmo')?.name).toBe('Socialjouren Malmö stad');
  });

  it('misses when a file is added or renamed, even with the same text', async () => {
    await firstStart();
    await cp(path.join(dir, 'functions.yaml'), path.join(dir, 'zz-functions.yaml'));
    await rm(path.join(dir, 'functions.yaml'));
    const renamed = await loadThroughCache(dir, cacheFile, TODAY);
    expect(renamed.miss).toBe('knowledge files or Motpart changed');
    expect(renamed.knowledge.origins.get('functions:socialjouren-malmo')).toBe('zz-functions.yaml');
  });

  it('does not keep a version whose files changed while they were read', async () => {
    const first = await loadThroughCache(dir, cacheFile, TODAY);
    await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad'));
    expect(await first.save()).toBe(false);
    await expect(stat(cacheFile)).rejects.toThrow();
  });

  it.each([
    ['cut short', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)), 'cache index damaged'],
    ['missing its middle', (b: Buffer) => Buffer.concat([b.subarray(0, 100), b.subarray(200)]), 'cache damaged (checksum)'],
    ['one byte flipped in a section', (b: Buffer) => Buffer.concat([b.subarray(0, 100), Buffer.from([b[100]! ^ 0xff]), b.subarray(101)]), 'cache damaged (checksum)'],
    ['empty', () => Buffer.alloc(0), 'not a cache of this version'],
    ['another format', (b: Buffer) => Buffer.from(b.toString('latin1').replace('motpart-knowledge-cache/', 'motpart-knowledge-cache/9'), 'latin1'), 'not a cache of this version'],
    ['an index that is not JSON', (b: Buffer) => Buffer.concat([b.subarray(0, b.lastIndexOf(0x0a) + 1), Buffer.from('{key')]), 'cache index damaged'],
    ['an index that lies about the sections', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/"synonyms":(\d+)/, (_m, n: string) => `"synonyms":${Number(n) + 1}`), 'latin1'), 'cache damaged (checksum)'],
    ['an index of other files', (b: Buffer) => Buffer.from(b.toString('latin1').replace(/"key":"[0-9a-f]{64}"/, `"key":"${'0'.repeat(64)}"`), 'latin1'), 'knowledge files or Motpart changed'],
    ['some other file', () => Buffer.from('functions:\n  - id: x\n'), 'not a cache of this version'],
  ])('reads the files when the cache is %s, and says why', async (_what, damage, reason) => {
    const fromFiles = await firstStart();
    await writeFile(cacheFile, damage(await readFile(cacheFile)));

    const loaded = await loadThroughCache(dir, cacheFile, TODAY);
    expect(loaded.miss).toBe(reason);
    expect(await answers(loaded.knowledge)).toEqual(await answers(fromFiles));
    // Written again, so the next start is fast.
    expect(await loaded.save()).toBe(true);
    expect((await loadThroughCache(dir, cacheFile, TODAY)).miss).toBeUndefined();
  });

  it('still throws the files’ own errors: a broken edit is never hidden by the cache', async () => {
    await firstStart();
    await edit('functions.yaml', (t) => t.replace(/areas: \[malmo\]/, 'areas: malmo'));
    await expect(loadThroughCache(dir, cacheFile, TODAY)).rejects.toThrow(/functions\.yaml:\d+ \(functions\[\d+\]\.areas\)/);
  });
});

describe('the watcher and the cache', () => {
  it('writes the cache after loading from the files, and again after an edit', async () => {
    const logs = captureLogs();
    const watcher = await watchKnowledge(dir, { logger: logs.logger, cacheFile, cacheWriteDelayMs: 0, debounceMs: 50 });
    try {
      const loadedFrom = () => logs.lines.map((l) => JSON.parse(l) as { msg: string; source?: string }).filter((l) => l.msg === 'knowledge loaded').map((l) => l.source);
      const written = () => logs.lines.filter((l) => l.includes('knowledge cache written')).length;
      expect(loadedFrom()).toEqual(['files']);
      await expect.poll(written, { timeout: 5_000 }).toBe(1);

      await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad'));
      await expect.poll(() => watcher.current().functions.get('socialjouren-malmo')?.name, { timeout: 5_000 }).toBe('Socialjouren Malmö stad');
      await expect.poll(written, { timeout: 5_000 }).toBe(2);
    } finally {
      await watcher.close();
    }
    const restarted = await watchKnowledge(dir, { logger: captureLogs().logger, cacheFile });
    try {
      expect(restarted.current().functions.get('socialjouren-malmo')?.name).toBe('Socialjouren Malmö stad');
      expect((await loadThroughCache(dir, cacheFile, TODAY)).miss).toBeUndefined();
    } finally {
      await restarted.close();
    }
  });

  it('writes a pending cache when closed, so a short command leaves it for the next', async () => {
    const watcher = await watchKnowledge(dir, { logger: captureLogs().logger, cacheFile, cacheWriteDelayMs: 60_000 });
    await watcher.close();
    expect((await loadThroughCache(dir, cacheFile, TODAY)).miss).toBeUndefined();
  });

  it('keeps answering and warns when the cache cannot be written', async () => {
    const logs = captureLogs();
    // A file where the data directory should be: nothing can be written under it.
    await writeFile(path.join(work, 'data'), 'not a directory');
    const watcher = await watchKnowledge(dir, { logger: logs.logger, cacheFile, cacheWriteDelayMs: 0 });
    try {
      await expect.poll(() => logs.lines.some((l) => l.includes('knowledge cache not written; the next start reads the files')), { timeout: 5_000 }).toBe(true);
      expect(watcher.current().functions.get('socialjouren-malmo')?.name).toBe('Socialjouren Malmö');
    } finally {
      await watcher.close();
    }
  });
});
