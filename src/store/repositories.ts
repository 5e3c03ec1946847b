/**
 * The typed Store the core uses, written once against KvBackend so the memory, file and Redis
 * stores behave the same. Validation on read is in records.ts, redaction on write in privacy.ts.
 */
import type { ChecklistRun, Store } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { KvBackend } from './backend.js';
import { decode, decodeList, encode, keys, records, type RecordType } from './records.js';
import { redactText, scrub } from './privacy.js';

/**
 * Caps on the append-only logs: each is one value rewritten on every append (which keeps a single
 * atomic code path for all backends), and the health report only needs the recent past. The
 * oldest entries go first.
 */
const FEEDBACK_CAP = 5_000;
const GAP_CAP = 2_000;

export function createRepositories(backend: KvBackend, logger: Logger): Store {
  async function read<T>(type: RecordType<T>, key: string): Promise<T | undefined> {
    return decode(type, key, await backend.get(key), logger);
  }
  function write<T>(type: RecordType<T>, key: string, data: T): Promise<void> {
    return backend.set(key, encode(type, type.schema.parse(scrub(data))));
  }
  async function append<T>(type: RecordType<T>, key: string, entry: T, cap: number): Promise<void> {
    const clean = type.schema.parse(scrub(entry));
    await backend.update(key, (current) => encode(type, [...decodeList(type, key, current, logger), clean].slice(-cap)));
  }
  async function list<T>(type: RecordType<T>, key: string): Promise<T[]> {
    return decodeList(type, key, await backend.get(key), logger);
  }

  /** Drops the open-run index when it still points at a run that has been closed. */
  async function unindex(run: ChecklistRun): Promise<void> {
    const key = keys.openRun(run.conversationId, run.checklistId);
    await backend.update(key, (current) => {
      const index = decode(records.openRun, key, current, logger);
      return index?.runId === run.id ? undefined : current;
    });
  }

  return {
    profiles: {
      get: (platform, userId) => read(records.profile, keys.profile(platform, userId)),
      set: (platform, userId, profile) => write(records.profile, keys.profile(platform, userId), profile),
    },
    runs: {
      get: (runId) => read(records.run, keys.run(runId)),
      async create(run) {
        await write(records.run, keys.run(run.id), run);
        if (run.status === 'open') {
          await write(records.openRun, keys.openRun(run.conversationId, run.checklistId), { runId: run.id });
        }
      },
      async update(runId, change) {
        const key = keys.run(runId);
        let updated: ChecklistRun | undefined;
        // `change` may run more than once (Redis retries when another instance wrote in between),
        // so it must be pure; the core's changes are.
        await backend.update(key, (current) => {
          const run = decode(records.run, key, current, logger);
          if (!run) throw new Error(`Checklist run ${runId} not found`);
          updated = records.run.schema.parse(scrub(change(run)));
          return encode(records.run, updated);
        });
        if (!updated) throw new Error(`Checklist run ${runId} was not updated`);
        if (updated.status === 'closed') await unindex(updated);
        return updated;
      },
      async findOpen(conversationId, checklistId) {
        const index = await read(records.openRun, keys.openRun(conversationId, checklistId));
        if (!index) return undefined;
        const run = await read(records.run, keys.run(index.runId));
        return run?.status === 'open' && run.conversationId === conversationId && run.checklistId === checklistId ? run : undefined;
      },
    },
    feedback: {
      record: (entry) => append(records.feedback, keys.feedback, entry, FEEDBACK_CAP),
      list: () => list(records.feedback, keys.feedback),
    },
    gaps: {
      record: (entry) => append(records.gap, keys.gaps, { ...entry, question: redactText(entry.question) }, GAP_CAP),
      list: () => list(records.gap, keys.gaps),
    },
    rateLimit: {
      allow: async (key, max, windowMs) => (await backend.increment(keys.rate(key), windowMs)) <= max,
    },
    close: () => backend.close(),
  };
}
