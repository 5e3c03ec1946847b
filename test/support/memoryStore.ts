/**
 * An inspectable in-memory Store for the core's tests: they assert on what the core saved (`data`)
 * and flip `failing` to make every call throw StoreUnavailableError, like a store that is down.
 * The real stores (embedded, Redis) are tested against the same port in test/store/contract.test.ts.
 */
import { StoreUnavailableError, type ChatAddress, type ChecklistRun, type DirectoryChange, type FeedbackEntry, type GapEntry, type Profile, type Store } from '../../src/core/ports.js';

export interface MemoryStore extends Store {
  failing: boolean;
  readonly data: { profiles: Map<string, Profile>; runs: Map<string, ChecklistRun>; feedback: FeedbackEntry[]; gaps: GapEntry[]; changes: DirectoryChange[]; locks: Set<string>; chats: Map<string, ChatAddress> };
}

export function memoryStore(): MemoryStore {
  const data = { profiles: new Map<string, Profile>(), runs: new Map<string, ChecklistRun>(), feedback: [] as FeedbackEntry[], gaps: [] as GapEntry[], changes: [] as DirectoryChange[], locks: new Set<string>(), chats: new Map<string, ChatAddress>() };
  const hits = new Map<string, number[]>();
  const store: MemoryStore = {
    failing: false,
    data,
    profiles: {
      get: async (platform, userId) => up(() => data.profiles.get(`${platform}:${userId}`)),
      set: async (platform, userId, profile) => up(() => void data.profiles.set(`${platform}:${userId}`, profile)),
    },
    runs: {
      get: async (id) => up(() => copy(data.runs.get(id))),
      create: async (run) => up(() => void data.runs.set(run.id, copy(run)!)),
      update: async (id, change) =>
        up(() => {
          const run = data.runs.get(id);
          if (!run) throw new Error(`no run ${id}`);
          const next = change(copy(run)!);
          data.runs.set(id, copy(next)!);
          return copy(next)!;
        }),
      findOpen: async (conversationId, checklistId) =>
        up(() => copy([...data.runs.values()].find((r) => r.conversationId === conversationId && r.checklistId === checklistId && r.status === 'open'))),
    },
    feedback: { record: async (e) => up(() => void data.feedback.push(e)), list: async () => up(() => [...data.feedback]) },
    gaps: { record: async (e) => up(() => void data.gaps.push(e)), list: async () => up(() => [...data.gaps]) },
    directory: {
      list: async () => up(() => copy(data.changes)),
      add: async (change) => up(() => void data.changes.push(copy(change))),
      update: async (id, change) =>
        up(() => {
          const i = data.changes.findIndex((c) => c.id === id);
          if (i < 0) return undefined;
          data.changes[i] = copy(change(copy(data.changes[i]!)));
          return copy(data.changes[i]);
        }),
    },
    chats: {
      get: async (platform, userId) => up(() => copy(data.chats.get(`${platform}:${userId}`))),
      set: async (platform, userId, address) => up(() => void data.chats.set(`${platform}:${userId}`, copy(address))),
    },
    locks: { claim: async (key) => up(() => !data.locks.has(key) && Boolean(data.locks.add(key))), release: async (key) => up(() => void data.locks.delete(key)) },
    rateLimit: {
      allow: async (key, max, windowMs) =>
        up(() => {
          const now = Date.now();
          const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
          recent.push(now);
          hits.set(key, recent);
          return recent.length <= max;
        }),
    },
    close: async () => undefined,
  };
  function up<T>(fn: () => T): T {
    if (store.failing) throw new StoreUnavailableError();
    return fn();
  }
  return store;
}

function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
