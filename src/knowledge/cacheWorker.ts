/**
 * The knowledge cache's worker (see `readKnowledgeCache` in cache.ts): hashes the knowledge files,
 * reads and checks the cache, and moves what it found to the main thread without copying.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inspectCache, transferList } from './cache.js';

const { dir, files, file } = workerData as { dir: string; files: string[]; file: string };
const inspection = await inspectCache(dir, files, file);
parentPort!.postMessage(inspection, transferList(inspection));
