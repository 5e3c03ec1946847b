/**
 * A parse worker of the loader (see `parseInWorkers` in loader.ts): claims files from the shared
 * queue, reads, parses and validates each, and sends each valid one back as soon as it is done.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { claimFile, readValidFile, type FileQueue, type ParsedFile } from './loader.js';

const queue = workerData as FileQueue;
for (let index = claimFile(queue); index !== undefined; index = claimFile(queue)) {
  const file = queue.files[index]!;
  const content = readValidFile(file, await readFile(file, 'utf8'));
  parentPort!.postMessage({ index, json: content === undefined ? null : JSON.stringify(content) } satisfies ParsedFile);
}
