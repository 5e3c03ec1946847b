/**
 * What the core needs from the outside world, as interfaces: the store (keyv-backed in src/store)
 * and who is asking. Nothing here knows a chat platform or a database.
 */

export type Platform = 'cli' | 'slack' | 'teams';

export interface Asker {
  platform: Platform;
  /** The platform's stable user id (Slack user id, Teams AAD object id, "local" in the console). */
  userId: string;
  displayName?: string;
  /** Channel, chat or thread the question came from; checklist runs belong to it. */
  conversationId: string;
  /** Role given for this one question (`--as polis`): an organisation kind, organisation id or function id. */
  as?: string;
}

export interface Profile {
  /** The asker's own function in the directory, which decides what "counterpart" means. */
  functionId?: string;
  /** Organisation kind (polis, socialtjanst, skola, ...) when no single function fits. */
  organisationKind?: string;
  updatedAt: string;
}

export interface ChecklistTick {
  itemId: string;
  done: boolean;
  by: string;
  at: string;
}

export interface ChecklistRun {
  id: string;
  checklistId: string;
  conversationId: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
  /** Current state per item; the full history is kept in `ticks`. */
  items: Record<string, { done: boolean; by: string; at: string }>;
  ticks: ChecklistTick[];
  /** Where the run is shown (message ts / activity id), so adapters can update it in place. */
  messageRef?: string;
}

export interface FeedbackEntry {
  target: 'snippet' | 'directory';
  targetId: string;
  helpful: boolean;
  by: string;
  at: string;
}

export interface GapEntry {
  /** Redacted before it reaches the store: never a personal number or a name. */
  question: string;
  intent: string;
  at: string;
}

/** Thrown by store operations when the backing store cannot be reached. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Lagringen går inte att nå just nu', { cause });
    this.name = 'StoreUnavailableError';
  }
}

export interface Store {
  profiles: {
    get(platform: Platform, userId: string): Promise<Profile | undefined>;
    set(platform: Platform, userId: string, profile: Profile): Promise<void>;
  };
  runs: {
    get(runId: string): Promise<ChecklistRun | undefined>;
    create(run: ChecklistRun): Promise<void>;
    /** Applies `change` atomically: concurrent updates from several instances are never lost. */
    update(runId: string, change: (run: ChecklistRun) => ChecklistRun): Promise<ChecklistRun>;
    /** The open run of a checklist in a conversation, if any. */
    findOpen(conversationId: string, checklistId: string): Promise<ChecklistRun | undefined>;
  };
  feedback: {
    record(entry: FeedbackEntry): Promise<void>;
    list(): Promise<FeedbackEntry[]>;
  };
  gaps: {
    record(entry: GapEntry): Promise<void>;
    list(): Promise<GapEntry[]>;
  };
  rateLimit: {
    /** Counts one hit; false when the key has exceeded `max` within `windowMs`. */
    allow(key: string, max: number, windowMs: number): Promise<boolean>;
  };
  close(): Promise<void>;
}
