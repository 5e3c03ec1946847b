/**
 * The typed Store the core uses, written once against KvBackend so the memory, file and Redis
 * stores behave the same. Validation on read is in records.ts, redaction on write in privacy.ts.
 */
import type { ChecklistRun, DirectoryChange, Store } from '../core/ports.js';
import type { Logger } from '../logger.js';
import type { KvBackend } from './backend.js';
import { decode, decodeList, encode, keys, records, type RecordType } from './records.js';
import { redactText, scrub } from './privacy.js';

/**
 * Caps on the append-only logs; the health report only needs the recent past, so the oldest entries
 * go first. A log is kept in numbered segments of at most SEGMENT entries plus a head naming the
 * segment being filled: an append reads the head and rewrites only that segment, so its cost stays
 * the same however full the log is (one value holding the whole log was parsed, validated and
 * written again in full on every unanswered question). Each write is an atomic `update`, the same
 * single code path on every backend.
 */
const FEEDBACK_CAP = 5_000;
const GAP_CAP = 2_000;
const SEGMENT = 100;
/**
 * Directory changes kept: a municipality makes a few hundred a year, and the oldest decided ones
 * (whose periods have long ended) go first; pending ones are never dropped.
 */
const DIRECTORY_CAP = 5_000;

export function createRepositories(backend: KvBackend, logger: Logger): Store {
  async function read<T>(type: RecordType<T>, key: string): Promise<T | undefined> {
    return decode(type, key, await backend.get(key), logger);
  }
  function write<T>(type: RecordType<T>, key: string, data: T): Promise<void> {
    return backend.set(key, encode(type, type.schema.parse(scrub(data))));
  }
  /**
   * `name` names the segment keys; `legacyKey` is where the log lived as one value before it was
   * segmented: still read (oldest first), never written, so nothing recorded earlier is lost.
   */
  function cappedLog<T>(type: RecordType<T>, name: string, legacyKey: string, cap: number) {
    // Segments kept: the one being filled plus enough full ones to always hold `cap` entries.
    const kept = Math.ceil(cap / SEGMENT) + 1;
    const headKey = keys.logHead(name);
    const headOf = (stored: unknown) => decode(records.logHead, headKey, stored, logger)?.segment ?? 0;
    return {
      async append(entry: T): Promise<void> {
        const clean = type.schema.parse(scrub(entry));
        let segment = headOf(await backend.get(headKey));
        for (;;) {
          const key = keys.logSegment(name, segment);
          let added = false;
          await backend.update(key, (current) => {
            const entries = decodeList(type, key, current, logger);
            added = entries.length < SEGMENT;
            return added ? encode(type, [...entries, clean]) : current;
          });
          if (added) return;
          // Full: move the head on (another append may have done so already) and retire the
          // segment that falls out of the window. `change` may run more than once on Redis; the
          // run that was written decides.
          const next = segment + 1;
          let moved = false;
          await backend.update(headKey, (current) => {
            const head = headOf(current);
            moved = head < next;
            segment = Math.max(head, next);
            return moved ? encode(records.logHead, { segment }) : current;
          });
          if (moved && next >= kept) await backend.update(keys.logSegment(name, next - kept), () => undefined);
        }
      },
      async list(): Promise<T[]> {
        const head = headOf(await backend.get(headKey));
        const segmentKeys: string[] = [legacyKey];
        for (let s = Math.max(0, head - kept + 1); s <= head; s++) segmentKeys.push(keys.logSegment(name, s));
        const stored = await Promise.all(segmentKeys.map((k) => backend.get(k)));
        return stored.flatMap((value, i) => decodeList(type, segmentKeys[i]!, value, logger)).slice(-cap);
      },
    };
  }
  const feedbackLog = cappedLog(records.feedback, 'feedback', keys.feedback, FEEDBACK_CAP);
  const gapLog = cappedLog(records.gap, 'gaps', keys.gaps, GAP_CAP);

  /** Drops the open-run index when it still points at a run that has been closed. */
  async function unindex(run: ChecklistRun): Promise<void> {
    const key = keys.openRun(run.conversationId, run.checklistId);
    await backend.update(key, (current) => {
      const index = decode(records.openRun, key, current, logger);
      return index?.runId === run.id ? undefined : current;
    });
  }

  /** One atomic read-modify-write of the whole change list; `change` may run more than once on Redis. */
  async function updateChanges(change: (list: DirectoryChange[]) => DirectoryChange[]): Promise<void> {
    const key = keys.directoryChanges;
    await backend.update(key, (current) => {
      const next = change(decodeList(records.directoryChange, key, current, logger)).map((c) => records.directoryChange.schema.parse(scrub(c)));
      let excess = next.length - DIRECTORY_CAP;
      const kept = excess > 0 ? next.filter((c) => c.status === 'pending' || excess-- <= 0) : next;
      return encode(records.directoryChange, kept);
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
      record: (entry) => feedbackLog.append(entry),
      list: () => feedbackLog.list(),
    },
    gaps: {
      record: (entry) => gapLog.append({ ...entry, question: redactText(entry.question) }),
      list: () => gapLog.list(),
    },
    directory: {
      list: async () => decodeList(records.directoryChange, keys.directoryChanges, await backend.get(keys.directoryChanges), logger),
      add: (change) => updateChanges((list) => [...list, change]),
      async update(id, change) {
        let updated: DirectoryChange | undefined;
        await updateChanges((list) => {
          updated = undefined;
          return list.map((c) => (c.id === id ? (updated = change(c)) : c));
        });
        return updated;
      },
    },
    locks: {
      async claim(key) {
        let claimed = false;
        await backend.update(keys.lock(key), (current) => {
          claimed = current === undefined;
          return claimed ? encode(records.lock, { at: new Date().toISOString() }) : current;
        });
        return claimed;
      },
      release: (key) => backend.update(keys.lock(key), () => undefined).then(() => undefined),
    },
    chats: {
      get: (platform, userId) => read(records.chat, keys.chat(platform, userId)),
      set: (platform, userId, address) => write(records.chat, keys.chat(platform, userId), address),
    },
    rateLimit: {
      allow: async (key, max, windowMs) => (await backend.increment(keys.rate(key), windowMs)) <= max,
    },
    close: () => backend.close(),
  };
}
