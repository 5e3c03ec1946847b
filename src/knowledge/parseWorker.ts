/**
 * A parse worker of the loader (see `parseInWorkers` in loader.ts): claims files from the shared
 * queue, reads, parses and validates each, and sends each valid one back as soon as it is done.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { claimFile, readValidFile, RECORDS_PER_MESSAGE, type FileQueue, type ParsedFile } from './loader.js';

const queue = workerData as FileQueue;
const send = (message: ParsedFile) => parentPort!.postMessage(message);
for (let index = claimFile(queue); index !== undefined; index = claimFile(queue)) {
  const file = queue.files[index]!;
  const content = readValidFile(file, await readFile(file, 'utf8'));
  if (content === undefined) {
    send({ index, json: null });
    continue;
  }
  // Long lists go in slices (see RECORDS_PER_MESSAGE); the rest of the file closes it.
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (!Array.isArray(value) || value.length <= RECORDS_PER_MESSAGE) rest[key] = value;
    else for (let i = 0; i < value.length; i += RECORDS_PER_MESSAGE) send({ index, list: key, json: JSON.stringify(value.slice(i, i + RECORDS_PER_MESSAGE)) });
  }
  send({ index, json: JSON.stringify(rest) });
}
