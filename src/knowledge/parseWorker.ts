/**
 * A parse worker of the loader (see `parseInWorkers` in loader.ts): claims files from the shared
 * queue, reads, parses and validates each, and sends each valid one back as soon as it is done.
 * A file that fails is read again here with positions, for its problems' line numbers: that is the
 * slow path (seconds for a few MB), and on the main thread it held every request waiting.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { claimFile, readValidFile, RECORDS_PER_MESSAGE, type FileQueue, type ParsedFile } from './loader.js';
import { readWithLines } from './readWithLines.js';

const queue = workerData as FileQueue;
const send = (message: ParsedFile) => parentPort!.postMessage(message);
for (let index = claimFile(queue); index !== undefined; index = claimFile(queue)) {
  const file = queue.files[index]!;
  const text = await readFile(file, 'utf8');
  let content = readValidFile(file, text);
  if (content === undefined) {
    const read = readWithLines(path.relative(queue.dir, file), text);
    if ('issues' in read) {
      send({ index, json: null, issues: read.issues });
      continue;
    }
    content = read.content;
  }
  // Long lists go in slices (see RECORDS_PER_MESSAGE); the rest of the file closes it.
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (!Array.isArray(value) || value.length <= RECORDS_PER_MESSAGE) rest[key] = value;
    else for (let i = 0; i < value.length; i += RECORDS_PER_MESSAGE) send({ index, list: key, json: JSON.stringify(value.slice(i, i + RECORDS_PER_MESSAGE)) });
  }
  send({ index, json: JSON.stringify(rest) });
}
