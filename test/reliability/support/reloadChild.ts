/**
 * The process the reload test watches: the real knowledge watcher (compiled, so the parse workers
 * run) configured from the environment like the bot, its log lines on stdout, and a timer that
 * measures how late the event loop runs it: `lag <ms>` whenever the worst delay so far grows.
 */
import { loadConfig } from '../../../src/config.js';
import { watchKnowledge } from '../../../src/knowledge/watcher.js';
import { createLogger } from '../../../src/logger.js';

const TICK_MS = 10;
const config = loadConfig();
const logger = createLogger('info', process.stdout);
await watchKnowledge(config.knowledgeDir, { logger, debounceMs: 100, maxBytes: config.knowledgeMaxBytes });

let worst = 0;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const lag = now - last - TICK_MS;
  last = now;
  if (lag > worst) {
    worst = lag;
    process.stdout.write(`lag ${Math.round(lag)}\n`);
  }
}, TICK_MS);
process.stdout.write('ready\n');
