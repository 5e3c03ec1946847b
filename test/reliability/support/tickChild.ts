/**
 * The process the store kill test kills: opens the real embedded store in the data directory given
 * as argv[2], reports every tick id the runs hold (one `held` line), then ticks the runs from several
 * concurrent workers until it is killed, printing `ack <id>` only after the store said the tick
 * was saved: what the bot would then tell the user.
 */
import { writeSync } from 'node:fs';
import type { ChecklistRun } from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logger.js';
import { createStore } from '../../../src/store/index.js';

const RUN_IDS = ['kill-run-a', 'kill-run-b', 'kill-run-c'];
const WORKERS_PER_RUN = 2;

const [dataDir, generation] = process.argv.slice(2);
// Written at once: the store's calls resolve without the event loop turning (SQLite is synchronous),
// so an asynchronous stdout (a pipe, on Node 24) would hold every line until the kill.
const say = (line: string) => writeSync(1, `${line}\n`);
if (!dataDir || !generation) throw new Error('usage: tickChild <dataDir> <generation>');

// Errors (a damaged file set aside, say) go to stderr, where the test looks for them.
const store = await createStore({ dataDir, logger: createLogger('warn', process.stderr) });
const held: string[] = [];
for (const id of RUN_IDS) {
  const run = await store.runs.get(id);
  if (run) held.push(...run.ticks.map((t) => t.itemId));
  else await store.runs.create({ id, checklistId: 'orosanmalan', conversationId: `C-${id}`, status: 'open', createdBy: 'kill-test', createdAt: new Date().toISOString(), items: {}, ticks: [] });
}
say(`held ${JSON.stringify(held)}`);

const tick = (itemId: string) => (run: ChecklistRun): ChecklistRun => {
  const at = new Date().toISOString();
  return { ...run, items: { ...run.items, [itemId]: { done: true, by: 'kill-test', at } }, ticks: [...run.ticks, { itemId, done: true, by: 'kill-test', at }] };
};

await Promise.all(
  RUN_IDS.flatMap((runId, r) =>
    Array.from({ length: WORKERS_PER_RUN }, async (_, w) => {
      for (let n = 0; ; n++) {
        const itemId = `${generation}.${r}.${w}.${n}`;
        await store.runs.update(runId, tick(itemId));
        say(`ack ${itemId}`);
      }
    }),
  ),
);
