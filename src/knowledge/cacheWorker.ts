/**
 * The knowledge cache's worker (see `readKnowledgeCache` in cache.ts): hashes the knowledge files
 * and Motpart's code into the cache key, beside the main thread importing the chat adapters.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { cacheKey } from './cache.js';

const { dir, files } = workerData as { dir: string; files: string[] };
parentPort!.postMessage(await cacheKey(dir, files));
