/**
 * Issue 20, failure 1: keyv-file rewrote the whole JSON file every few milliseconds, and 4 of 36
 * `kill -9` during checklist ticks left it empty. Here a real process ticks three checklist runs
 * from six concurrent workers through the real embedded store and is killed with SIGKILL at 50
 * random moments (some while it opens the store, most while it ticks), and started again each
 * time. Every start must find the store readable (nothing set aside as damaged) and holding every
 * tick that was acknowledged before any kill.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { STORE_FILE } from '../../src/store/embedded.js';
import { compiledWithTempDir } from './support/compile.js';

const KILLS = 50;
/** Kills land at a random moment up to this long after the child reported what it holds. */
const TICKING_WINDOW_MS = 400;
/** One kill in this many lands while the child is still opening the store (WAL recovery, checks). */
const DURING_OPEN_EVERY = 5;

const { script: child, dir: dataDir } = compiledWithTempDir('store-kill', ['test/reliability/support/tickChild.ts'], 'motpart-kill-');

interface Generation {
  /** Tick ids the store held when this child opened it; undefined if it was killed before it said. */
  held?: Set<string>;
  acked: string[];
  stderr: string;
  /** How the child ended: always our SIGKILL, or the test is not testing what it says. */
  signal: NodeJS.Signals | null;
  /** ms from spawn to the `held` line. */
  openMs?: number;
}

/** Starts a child and kills it at `killAt(openMs)` ms after spawn (or after it reported, see below). */
function generation(n: number, killDuringOpen: boolean, typicalOpenMs: number): Promise<Generation> {
  const proc = spawn(process.execPath, [child(), dataDir(), String(n)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  const result: Generation = { acked: [], stderr: '', signal: null };
  let pending = '';
  const kill = () => proc.kill('SIGKILL');
  if (killDuringOpen) setTimeout(kill, Math.random() * typicalOpenMs);
  proc.stdout.on('data', (chunk: Buffer) => {
    // Only whole lines count: a line cut short by the kill is not an acknowledgement.
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('ack ')) result.acked.push(line.slice(4));
      else if (line.startsWith('held ')) {
        result.held = new Set(JSON.parse(line.slice(5)) as string[]);
        result.openMs = performance.now() - started;
        if (!killDuringOpen) setTimeout(kill, Math.random() * TICKING_WINDOW_MS);
      }
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
  return new Promise((resolve) =>
    proc.once('close', (_code, signal) => {
      result.signal = signal;
      resolve(result);
    }),
  );
}

it(`loses no acknowledged tick across ${KILLS} kill -9 at random moments, and the store is never empty or unreadable`, async () => {
  const began = performance.now();
  const acknowledged = new Set<string>();
  let typicalOpenMs = 300;
  let killedWhileTicking = 0;
  let checkedStarts = 0;

  for (let n = 0; n <= KILLS; n++) {
    // The last start is not killed early: it only has to report what survived all the kills.
    const g = await generation(n, n < KILLS && n % DURING_OPEN_EVERY === DURING_OPEN_EVERY - 1, typicalOpenMs);
    expect(g.signal, `start ${n} ended by itself:\n${g.stderr}`).toBe('SIGKILL');
    expect(g.stderr, `start ${n} logged an error`).not.toMatch(/damaged|"level":50/);
    if (g.held) {
      checkedStarts++;
      const lost = [...acknowledged].filter((id) => !g.held!.has(id));
      expect(lost, `start ${n}: acknowledged ticks missing`).toEqual([]);
      if (acknowledged.size > 0) expect(g.held.size).toBeGreaterThan(0);
      typicalOpenMs = g.openMs!;
    }
    if (g.acked.length > 0) killedWhileTicking++;
    for (const id of g.acked) acknowledged.add(id);
    expect((await readdir(dataDir())).filter((f) => f.includes('.damaged-'))).toEqual([]);
  }

  const seconds = (performance.now() - began) / 1000;
  console.log(
    `store kill test: ${KILLS} kills (${killedWhileTicking} while ticking), ${checkedStarts} starts checked, ` +
      `${acknowledged.size} acknowledged ticks, 0 lost, ${seconds.toFixed(1)} s, store file ${STORE_FILE}`,
  );
  expect(killedWhileTicking).toBeGreaterThanOrEqual(KILLS / 2);
  expect(acknowledged.size).toBeGreaterThan(KILLS);
  // The bound on the whole test: 50 starts of a node process and at most 0.4 s of ticking each
  // take 20-30 s here; the timeout leaves room for a busy machine.
}, 90_000);
