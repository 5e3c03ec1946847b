/**
 * One Motpart bot process for the multi-instance tests: the real core on the real store, driven
 * over stdin/stdout with one JSON line per request, so two of these sharing one Redis are two bot
 * instances behind a load balancer. Requests are handled concurrently, as a server would.
 */
import readline from 'node:readline';
import { createMotpart } from '../../../src/core/motpart.js';
import type { Asker } from '../../../src/core/ports.js';
import type { Input } from '../../../src/core/motpart.js';
import { loadAndBuild } from '../../../src/knowledge/knowledge.js';
import { createLogger } from '../../../src/logger.js';
import { createStore } from '../../../src/store/index.js';

interface Request {
  id: number;
  input: Input;
  asker: Asker;
  /** The clock for this request and those after it (ISO time); unset: the real time. */
  now?: string;
}

const logger = createLogger('warn', process.stderr);
const knowledge = await loadAndBuild(process.env.MOTPART_KNOWLEDGE_DIR!);
const store = await createStore({ redisUrl: process.env.REDIS_URL, logger });
let clock: Date | undefined;
const motpart = createMotpart({ knowledge: () => knowledge, store, logger, now: () => clock ?? new Date() });

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
const pending = new Set<Promise<void>>();

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line) as Request;
  if (request.now) clock = new Date(request.now);
  const done = motpart.handle(request.input, request.asker).then(
    (reply) => send({ id: request.id, reply }),
    (err: unknown) => send({ id: request.id, error: String(err) }),
  );
  pending.add(done);
  void done.finally(() => pending.delete(done));
}).on('close', async () => {
  await Promise.all(pending);
  await store.close();
});

send({ ready: true });
