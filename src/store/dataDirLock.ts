/**
 * One process per data directory. SQLite itself would accept a second process, but checklist ticks
 * are read-modify-write under a mutex that lives in one process (localBackend.ts): two processes
 * ticking the same run would overwrite each other's ticks. The lock makes that mistake loud;
 * several instances belong on Redis.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'motpart.lock';

/** Locks held by this process, so a stale lock with a reused pid (pid 1 in containers) is told apart. */
const held = new Set<string>();

// An exit that skips the store's close (process.exit after a failed start, an uncaught error)
// still frees the lock, so the next start does not have to guess whether the pid in it is stale.
process.once('exit', () => {
  for (const file of held) fs.rmSync(file, { force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {}

/** Takes the lock and returns its release. */
export function lockDataDir(dataDir: string): () => Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  const owner = Number.parseInt(readOrEmpty(file), 10);
  const ownedElsewhere = Number.isInteger(owner) && owner !== process.pid && alive(owner);
  if (held.has(file) || ownedElsewhere) {
    throw new DataDirLockedError(
      `Datakatalogen ${dataDir} används redan av en annan Motpart-process (pid ${held.has(file) ? process.pid : owner}). ` +
        'Flera instanser behöver REDIS_URL; annars stoppa den andra processen' +
        (ownedElsewhere ? ` eller ta bort ${file} om den processen inte är Motpart.` : '.'),
    );
  }
  fs.writeFileSync(file, String(process.pid));
  held.add(file);
  return async () => {
    held.delete(file);
    await fs.promises.rm(file, { force: true });
  };
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
