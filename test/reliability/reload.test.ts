/**
 * Issue 20, failure 7: a large invalid knowledge file stalled the event loop (60 MB: 20 s, 3 GB),
 * and after the knowledge folder was moved away and back, later edits were silently ignored. The
 * real watcher runs in a compiled child process (so its parse workers run as in production) with a
 * timer measuring event-loop delay; 1 s is a correctness bound (Slack gives up on an ack after 3 s),
 * not a speed target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledWithTempDir, root } from './support/compile.js';

const fixture = path.join(root, 'test', 'fixtures', 'knowledge-basic');
const MAX_LAG_MS = 1_000;

// The workers are started by URL, not imported, so tsc only emits them when named.
const { script, dir: work } = compiledWithTempDir('reload', ['test/reliability/support/reloadChild.ts', 'src/knowledge/parseWorker.ts'], 'motpart-reload-');
let dir: string;
let watcher: Watcher | undefined;

let seq = 0;
beforeEach(async () => {
  dir = path.join(work(), `knowledge-${seq++}`);
  await cp(fixture, dir, { recursive: true });
});

afterEach(() => {
  watcher?.process.kill('SIGKILL');
  watcher = undefined;
});

interface LogLine {
  msg: string;
  file?: string;
  line?: number;
  checklists?: number;
}

interface Watcher {
  process: ChildProcess;
  logs: LogLine[];
  /** The worst event-loop delay the child has seen, in ms. */
  worstLag(): number;
  waitFor(what: string, match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

async function startWatcher(env: NodeJS.ProcessEnv = {}): Promise<Watcher> {
  const child = spawn(process.execPath, [script()], {
    env: { PATH: process.env.PATH, MOTPART_KNOWLEDGE_DIR: dir, MOTPART_DATA_DIR: path.join(work(), 'data'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  let worst = 0;
  let pending = '';
  let ready: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') ready();
      else if (line.startsWith('lag ')) worst = Math.max(worst, Number(line.slice(4)));
      else if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine);
    }
  });
  await started;
  const w: Watcher = {
    process: child,
    logs,
    worstLag: () => worst,
    async waitFor(what, match, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no log line: ${what}\n${logs.map((l) => l.msg).join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  watcher = w;
  return w;
}

/** Broken YAML of about `bytes`: a list of functions each with an unknown field and no name. */
function brokenFile(bytes: number): string {
  const entry = (i: number) => `  - id: trasig-${i}\n    namn: fel fält, och inget name\n`;
  const parts = ['functions:\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const e = entry(i);
    parts.push(e);
    size += e.length;
  }
  return parts.join('');
}

const extraChecklist = (n: number) => `checklists:\n  - id: extra-${n}\n    title: Extra ${n}\n    items:\n      - { id: a, text: Gör något, responsible: Någon }\n`;

describe('reloading large or broken knowledge', () => {
  it('refuses a 60 MB broken file unread, naming it and the limit, without blocking the loop for 1 s', async () => {
    const w = await startWatcher();
    await writeFile(path.join(dir, 'enorm.yaml'), brokenFile(60_000_000));
    const refused = await w.waitFor('the file refused', (l) => l.file === 'enorm.yaml' && l.msg.includes('MOTPART_KNOWLEDGE_MAX_BYTES'));
    expect(refused.msg).toMatch(/enorm\.yaml: filen är 6\d,\d MB, över gränsen 10,0 MB/);
    await w.waitFor('not reloaded', (l) => l.msg.startsWith('knowledge not reloaded'));
    expect(w.worstLag()).toBeLessThan(MAX_LAG_MS);
    console.log(`60 MB broken file: refused, worst event-loop delay ${w.worstLag()} ms`);
  }, 60_000);

  it('reads a broken file under the limit again for its lines in a worker: errors with lines, loop never blocked for 1 s', async () => {
    const w = await startWatcher();
    const started = performance.now();
    await writeFile(path.join(dir, 'stor.yaml'), brokenFile(2_000_000));
    const first = await w.waitFor('an error with its line', (l) => l.file === 'stor.yaml' && l.line !== undefined, 60_000);
    expect(first.msg).toMatch(/stor\.yaml:\d+/);
    await w.waitFor('the rest summed up', (l) => l.file === 'stor.yaml' && /fel till av samma slag/.test(l.msg));
    await w.waitFor('not reloaded', (l) => l.msg.startsWith('knowledge not reloaded'));
    expect(w.logs.filter((l) => l.file === 'stor.yaml').length).toBeLessThanOrEqual(51);
    expect(w.worstLag()).toBeLessThan(MAX_LAG_MS);
    console.log(`2 MB broken file: reported in ${Math.round(performance.now() - started)} ms, worst event-loop delay ${w.worstLag()} ms`);
  }, 90_000);

  it('honours MOTPART_KNOWLEDGE_MAX_BYTES', async () => {
    const w = await startWatcher({ MOTPART_KNOWLEDGE_MAX_BYTES: '20000' });
    await writeFile(path.join(dir, 'liten.yaml'), extraChecklist(1).padEnd(30_000, '\n'));
    const refused = await w.waitFor('the file refused', (l) => l.file === 'liten.yaml');
    expect(refused.msg).toMatch(/över gränsen 0,0 MB/);
  });
});

describe('the knowledge folder replaced while the bot runs', () => {
  async function expectEditPickedUp(w: Watcher, n: number): Promise<void> {
    await w.waitFor('watching again', (l) => l.msg.startsWith('knowledge directory watched again'), 10_000);
    await writeFile(path.join(dir, `extra-${n}.yaml`), extraChecklist(n));
    await w.waitFor(`the edit after the move (checklist extra-${n})`, (l) => l.msg === 'knowledge reloaded' && l.checklists === 5, 10_000);
  }

  it('picks up edits after the folder was moved away and back', async () => {
    const w = await startWatcher();
    await rename(dir, `${dir}.borta`);
    await new Promise((r) => setTimeout(r, 1_500));
    await rename(`${dir}.borta`, dir);
    await expectEditPickedUp(w, 1);
  });

  it('picks up edits after the folder was replaced by a copy (a deploy)', async () => {
    const w = await startWatcher();
    await rename(dir, `${dir}.gammal`);
    await cp(`${dir}.gammal`, dir, { recursive: true });
    await expectEditPickedUp(w, 2);
  });
});
