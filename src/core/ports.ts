/**
 * What the core needs from the outside world, as interfaces: the store (keyv-backed in src/store),
 * who is asking, and a way to write to people on the bot's own initiative. Nothing here knows a
 * chat platform or a database.
 */
import type { Reply } from './reply.js';

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

/**
 * A change to the directory made in chat, kept in the store as an overlay on the knowledge's
 * functions: the YAML never changes by itself. The record is its own audit entry (who asked, when,
 * who decided, who undid it).
 * - `standin`: `person` stands in (vikarie) from `from` to `to`, ending by itself.
 * - `handover`: `person` holds the function from `from`; the ordinary holder's period ends the day before.
 * - `left`: `person` no longer holds the function from `from`.
 */
export type DirectoryChangeKind = 'standin' | 'handover' | 'left';
export type DirectoryChangeStatus = 'pending' | 'approved' | 'rejected' | 'undone';

export interface DirectoryChange {
  id: string;
  functionId: string;
  kind: DirectoryChangeKind;
  person: string;
  /** The first day the change holds, ÅÅÅÅ-MM-DD. */
  from: string;
  /** The last day of a stand-in, ÅÅÅÅ-MM-DD. */
  to?: string;
  status: DirectoryChangeStatus;
  /** Proposed by someone who neither holds the function nor edits it: only an editor can make it hold. */
  suggested: boolean;
  /** `platform:userId` of who asked for it, and their display name when known. */
  by: string;
  byName?: string;
  at: string;
  /** Who approved or rejected it (the asker themselves when it held at once), and when. */
  decidedBy?: string;
  decidedAt?: string;
  undoneBy?: string;
  undoneAt?: string;
}

/**
 * Sends a reply on the bot's own initiative, privately, to chat users (`platform:userId`): a direct
 * message in Slack, the personal chat in Teams. Resolves with those it reached; one that cannot be
 * reached (no sender for the platform, no known chat, a failed post) is left out, never thrown.
 */
export type Notify = (to: readonly string[], reply: Reply) => Promise<readonly string[]>;

/**
 * Where the bot can write to a user on its own initiative when the platform needs an address for it
 * (Teams: the personal chat's id and the service URL it is reached at; Slack needs none).
 */
export interface ChatAddress {
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
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
  directory: {
    /** Every change kept, oldest first. */
    list(): Promise<DirectoryChange[]>;
    add(change: DirectoryChange): Promise<void>;
    /** Applies `change` atomically to the change with that id; undefined when there is none. `change` may run more than once. */
    update(id: string, change: (current: DirectoryChange) => DirectoryChange): Promise<DirectoryChange | undefined>;
  };
  /** Personal chats' addresses, kept by the adapter that needs them to write first (see Notify). */
  chats: {
    get(platform: Platform, userId: string): Promise<ChatAddress | undefined>;
    set(platform: Platform, userId: string, address: ChatAddress): Promise<void>;
  };
  locks: {
    /** True for the first caller ever to claim `key`, on any instance, also after restarts; false for every later one. */
    claim(key: string): Promise<boolean>;
    /** Gives a claimed `key` up, so that the next claim succeeds again (the work it guarded failed). */
    release(key: string): Promise<void>;
  };
  rateLimit: {
    /** Counts one hit; false when the key has exceeded `max` within `windowMs`. */
    allow(key: string, max: number, windowMs: number): Promise<boolean>;
  };
  close(): Promise<void>;
}
