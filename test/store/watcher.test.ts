/**
 * Hot reload: editors change YAML while the bot runs. A good edit is swapped in whole; a broken
 * one is logged with file, path and message while the last good version keeps answering.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/knowledge/watcher.js';
import { captureLogs, fixtureKnowledge, type CapturedLogs } from './support/helpers.js';

let dir: string;
let logs: CapturedLogs;
let watcher: KnowledgeWatcher;
let reloads: Knowledge[];

beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'motpart-watch-')), 'knowledge');
  await cp(fixtureKnowledge, dir, { recursive: true });
  logs = captureLogs();
  reloads = [];
  watcher = await watchKnowledge(dir, { logger: logs.logger, debounceMs: 50, onReload: (k) => reloads.push(k) });
});

afterEach(async () => {
  await watcher.close();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const functionName = (k: Knowledge, id: string) => k.data.functions.find((f) => f.id === id)?.name;
const logged = () => logs.lines.map((l) => JSON.parse(l) as { level: number; msg: string; file?: string; path?: string });

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(dir, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

describe('watchKnowledge', () => {
  it('swaps in a good edit as a new snapshot', async () => {
    const before = watcher.current();
    expect(functionName(before, 'socialjouren-malmo')).toBe('Socialjouren Malmö');
    await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad'));

    await expect.poll(() => functionName(watcher.current(), 'socialjouren-malmo'), { timeout: 5_000 }).toBe('Socialjouren Malmö stad');
    expect(reloads.at(-1)).toBe(watcher.current());
    // The old snapshot is untouched: a reply that started before the swap finishes on it.
    expect(functionName(before, 'socialjouren-malmo')).toBe('Socialjouren Malmö');
    expect(logged().some((l) => l.msg === 'knowledge reloaded')).toBe(true);
  });

  it('keeps the last good version on a broken edit and logs file, path and message', async () => {
    const good = watcher.current();
    await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad').replace(/areas: \[malmo\]/, 'areas: malmo'));

    await expect.poll(() => logged().some((l) => l.level === 50 && l.file === 'functions.yaml'), { timeout: 5_000 }).toBe(true);
    expect(watcher.current()).toBe(good);
    expect(reloads).toHaveLength(0);
    const problem = logged().find((l) => l.level === 50 && l.file === 'functions.yaml')!;
    expect(problem.path).toMatch(/^functions\[\d+\]\.areas$/);
    expect(problem.msg).toMatch(/^FEL functions\.yaml:\d+ \(functions\[\d+\]\.areas\): /);
    expect(logged().some((l) => l.msg.includes('the last good version is still in use'))).toBe(true);

    // Fixing the file brings the edit in.
    await edit('functions.yaml', (t) => t.replace(/areas: malmo$/m, 'areas: [malmo]'));
    await expect.poll(() => functionName(watcher.current(), 'socialjouren-malmo'), { timeout: 5_000 }).toBe('Socialjouren Malmö stad');
  });

  it('keeps the last good version on a YAML syntax error and on a reference to nothing', async () => {
    const good = watcher.current();
    await writeFile(path.join(dir, 'trasig.yaml'), 'functions:\n  - id: [ej stängd\n');
    await expect.poll(() => logged().some((l) => l.level === 50 && l.file === 'trasig.yaml'), { timeout: 5_000 }).toBe(true);
    await rm(path.join(dir, 'trasig.yaml'));
    await expect.poll(() => reloads.length, { timeout: 5_000 }).toBe(1);

    await edit('guidance.yaml', (t) => t.replace('owner: kommunjurist-malmo', 'owner: kommunjurist-lund'));
    await expect.poll(() => logged().some((l) => l.level === 50 && l.file === 'guidance.yaml'), { timeout: 5_000 }).toBe(true);
    expect(watcher.current().data.guidance.some((s) => s.owner === 'kommunjurist-lund')).toBe(false);
    expect(watcher.current().stats).toEqual(good.stats);
  });

  it('sees files in new subdirectories', async () => {
    await mkdir(path.join(dir, 'areas', 'kinda'), { recursive: true });
    await writeFile(
      path.join(dir, 'areas', 'kinda', 'rimforsa.yaml'),
      'areas:\n  - id: rimforsa-test\n    name: Rimforsa\n    type: bostadsomrade\n    within: [malmo]\n',
    );
    await expect.poll(() => watcher.current().data.areas.some((a) => a.id === 'rimforsa-test'), { timeout: 5_000 }).toBe(true);
  });

  it('stops reloading once closed', async () => {
    await watcher.close();
    const last = watcher.current();
    await edit('functions.yaml', (t) => t.replace('name: Socialjouren Malmö', 'name: Socialjouren Malmö stad'));
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.current()).toBe(last);
  });
});
