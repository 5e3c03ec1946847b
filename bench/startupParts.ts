/**
 * One part of a start-up on its own, in a fresh process, to say what a restart's time and memory go
 * to (bench/startup.ts): `node` (Node.js itself), `adapters slack|teams|both` (importing Motpart's
 * chat adapters: Bolt, botbuilder and our code over them) or `knowledge <dir> <cache file>` (the
 * knowledge through its cache, as the server loads it, without the adapters). Prints one JSON line:
 * milliseconds since the process started, RSS, and the heap in use.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PartFigures {
  ms: number;
  rssMB: number;
  heapMB: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function run(mode: string | undefined, args: string[]): Promise<void> {
  if (mode === 'adapters') {
    const which = args[0] ?? 'both';
    if (which !== 'teams') await import(path.join(here, '../src/adapters/slack/index.js'));
    if (which !== 'slack') await import(path.join(here, '../src/adapters/teams/index.js'));
  } else if (mode === 'knowledge') {
    const { loadThroughCache } = await import('../src/knowledge/knowledge.js');
    const loaded = await loadThroughCache(args[0]!, args[1]!);
    if (loaded.miss) throw new Error(`the knowledge cache was not used: ${loaded.miss}`);
  } else if (mode !== 'node') {
    throw new Error(`unknown part "${mode}"`);
  }
  const { rss, heapUsed } = process.memoryUsage();
  const figures: PartFigures = { ms: Math.round(performance.now()), rssMB: mb(rss), heapMB: mb(heapUsed) };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

await run(process.argv[2], process.argv.slice(3));
