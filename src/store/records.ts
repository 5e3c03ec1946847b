/**
 * What is stored, under which key, and how it is checked on the way back. Every value is wrapped
 * as `{ v, data }`: `v` is the schema version of `data`, so a value written by an older (or newer)
 * Motpart is recognised instead of being misread. Reads never throw on bad data: a value that
 * fails validation is logged (key and what is wrong, never the value itself, which may hold user
 * text) and treated as missing, so one bad value cannot break a reply.
 */
import { z } from 'zod';
import type { ChatAddress, ChecklistRun, DirectoryChange, FeedbackEntry, GapEntry, Platform, Profile } from '../core/ports.js';
import type { Logger } from '../logger.js';
import { UNPARSEABLE } from './codec.js';
import { scrub } from './privacy.js';

/** Shared by every key, so Motpart can live in a Redis database that also holds other data. */
const PREFIX = 'motpart';

// Platform ids contain ':' (Teams "29:...", "19:...@thread.skype"); encoding keeps key parts apart.
// Key names are persisted too, so they get the same personal-number scrub as values.
const part = (s: string) => encodeURIComponent(scrub(s));

export const keys = {
  profile: (platform: Platform, userId: string) => `${PREFIX}:profile:${platform}:${part(userId)}`,
  run: (runId: string) => `${PREFIX}:run:${part(runId)}`,
  /** Index for `findOpen`: the id of the latest open run of a checklist in a conversation. */
  openRun: (conversationId: string, checklistId: string) => `${PREFIX}:run-open:${part(conversationId)}:${part(checklistId)}`,
  /** The single-value logs written before they were split into segments; still read, never written. */
  feedback: `${PREFIX}:feedback`,
  gaps: `${PREFIX}:gaps`,
  /** A capped log is kept in numbered segments plus the number of the segment being filled. */
  logSegment: (log: string, segment: number) => `${PREFIX}:${log}:seg:${segment}`,
  logHead: (log: string) => `${PREFIX}:${log}:head`,
  rate: (key: string) => `${PREFIX}:rate:${part(key)}`,
  /** Every directory change (overlay and audit in one), as one value so a change is one atomic update. */
  directoryChanges: `${PREFIX}:directory-changes`,
  lock: (key: string) => `${PREFIX}:lock:${part(key)}`,
  chat: (platform: Platform, userId: string) => `${PREFIX}:chat:${platform}:${part(userId)}`,
};

const isoDate = z.string().min(1);

const profileSchema = z.object({
  functionId: z.string().optional(),
  organisationKind: z.string().optional(),
  updatedAt: isoDate,
}) satisfies z.ZodType<Profile>;

const tickState = z.object({ done: z.boolean(), by: z.string(), at: isoDate });

const runSchema = z.object({
  id: z.string().min(1),
  checklistId: z.string().min(1),
  conversationId: z.string(),
  status: z.enum(['open', 'closed']),
  createdBy: z.string(),
  createdAt: isoDate,
  items: z.record(z.string(), tickState),
  ticks: z.array(tickState.extend({ itemId: z.string() })),
  messageRef: z.string().optional(),
}) satisfies z.ZodType<ChecklistRun>;

const openRunSchema = z.object({ runId: z.string().min(1) });

const logHeadSchema = z.object({ segment: z.number().int().nonnegative() });

const feedbackSchema = z.object({
  target: z.enum(['snippet', 'directory']),
  targetId: z.string().min(1),
  helpful: z.boolean(),
  by: z.string(),
  at: isoDate,
}) satisfies z.ZodType<FeedbackEntry>;

const gapSchema = z.object({ question: z.string(), intent: z.string(), at: isoDate }) satisfies z.ZodType<GapEntry>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const directoryChangeSchema = z.object({
  id: z.string().min(1),
  functionId: z.string().min(1),
  kind: z.enum(['standin', 'handover', 'left']),
  person: z.string().min(1),
  from: day,
  to: day.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'undone']),
  suggested: z.boolean(),
  by: z.string().min(1),
  byName: z.string().optional(),
  at: isoDate,
  decidedBy: z.string().optional(),
  decidedAt: isoDate.optional(),
  undoneBy: z.string().optional(),
  undoneAt: isoDate.optional(),
}) satisfies z.ZodType<DirectoryChange>;

const lockSchema = z.object({ at: isoDate });

const chatAddressSchema = z.object({
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  tenantId: z.string().min(1).optional(),
}) satisfies z.ZodType<ChatAddress>;

export interface RecordType<T> {
  name: string;
  /** Bump when the shape of `data` changes, and teach `decode` the old version or let it be skipped. */
  version: number;
  schema: z.ZodType<T>;
}

export const records = {
  profile: { name: 'profile', version: 1, schema: profileSchema } satisfies RecordType<Profile>,
  run: { name: 'run', version: 1, schema: runSchema } satisfies RecordType<ChecklistRun>,
  openRun: { name: 'run-open', version: 1, schema: openRunSchema } satisfies RecordType<{ runId: string }>,
  logHead: { name: 'log-head', version: 1, schema: logHeadSchema } satisfies RecordType<{ segment: number }>,
  feedback: { name: 'feedback', version: 1, schema: feedbackSchema } satisfies RecordType<FeedbackEntry>,
  gap: { name: 'gap', version: 1, schema: gapSchema } satisfies RecordType<GapEntry>,
  directoryChange: { name: 'directory-change', version: 1, schema: directoryChangeSchema } satisfies RecordType<DirectoryChange>,
  lock: { name: 'lock', version: 1, schema: lockSchema } satisfies RecordType<{ at: string }>,
  chat: { name: 'chat', version: 1, schema: chatAddressSchema } satisfies RecordType<ChatAddress>,
};

const envelopeSchema = z.object({ v: z.number().int(), data: z.unknown() });

export interface Envelope {
  v: number;
  data: unknown;
}

export function encode(type: Pick<RecordType<unknown>, 'version'>, data: unknown): Envelope {
  return { v: type.version, data };
}

/** Where and how a value was bad, without the value: paths and zod codes only. */
function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(värdet)'}: ${i.code}`)
    .join('; ');
}

/** The validated data of a stored value, or undefined (logged) when it is missing or unusable. */
function unwrap(type: RecordType<unknown>, key: string, stored: unknown, logger: Logger): { data: unknown } | undefined {
  if (stored === undefined || stored === null) return undefined;
  if (stored === UNPARSEABLE) {
    logger.warn({ key, record: type.name }, 'stored value is not JSON; skipped');
    return undefined;
  }
  const envelope = envelopeSchema.safeParse(stored);
  if (!envelope.success) {
    logger.warn({ key, record: type.name, problem: describe(envelope.error) }, 'stored value has no version envelope; skipped');
    return undefined;
  }
  if (envelope.data.v !== type.version) {
    logger.warn({ key, record: type.name, version: envelope.data.v, expected: type.version }, 'stored value has an unknown schema version; skipped');
    return undefined;
  }
  return { data: envelope.data.data };
}

export function decode<T>(type: RecordType<T>, key: string, stored: unknown, logger: Logger): T | undefined {
  const unwrapped = unwrap(type, key, stored, logger);
  if (!unwrapped) return undefined;
  const parsed = type.schema.safeParse(unwrapped.data);
  if (parsed.success) return parsed.data;
  logger.warn({ key, record: type.name, problem: describe(parsed.error) }, 'stored value failed validation; skipped');
  return undefined;
}

/** A list value: each element is checked on its own, so one bad entry costs only that entry. */
export function decodeList<T>(type: RecordType<T>, key: string, stored: unknown, logger: Logger): T[] {
  const unwrapped = unwrap(type, key, stored, logger);
  if (!unwrapped) return [];
  if (!Array.isArray(unwrapped.data)) {
    logger.warn({ key, record: type.name }, 'stored list is not a list; skipped');
    return [];
  }
  const good: T[] = [];
  let bad = 0;
  let problem = '';
  for (const element of unwrapped.data) {
    const parsed = type.schema.safeParse(element);
    if (parsed.success) good.push(parsed.data);
    else {
      bad++;
      problem ||= describe(parsed.error);
    }
  }
  if (bad > 0) logger.warn({ key, record: type.name, skipped: bad, problem }, 'stored list entries failed validation; skipped');
  return good;
}
