/** Shared set-up for the core's tests: the fixture knowledge, a memory store and a fixed clock. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMotpart, type Input, type Motpart, type MotpartDeps } from '../../src/core/motpart.js';
import type { Asker } from '../../src/core/ports.js';
import type { Reply } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { memoryStore, type MemoryStore } from '../support/memoryStore.js';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/knowledge-basic');

/** Tuesday 24 November 2026, 10:00 in Stockholm: offices open. */
export const OFFICE_HOURS = new Date('2026-11-24T09:00:00Z');
/** Tuesday 24 November 2026, 20:00 in Stockholm: offices closed, the jour open. */
export const EVENING = new Date('2026-11-24T19:00:00Z');

let cached: Promise<Knowledge> | undefined;
export function fixtureKnowledge(): Promise<Knowledge> {
  cached ??= loadAndBuild(FIXTURE_DIR, { today: '2026-11-24' });
  return cached;
}

export interface Harness {
  motpart: Motpart;
  store: MemoryStore;
  knowledge: Knowledge;
  ask(text: string, asker?: Partial<Asker>): Promise<Reply>;
  press(input: Input, asker?: Partial<Asker>): Promise<Reply>;
}

export const asker = (overrides: Partial<Asker> = {}): Asker => ({ platform: 'cli', userId: 'u1', displayName: 'Testare', conversationId: 'c1', ...overrides });

export async function harness(options: { now?: Date } & Partial<Omit<MotpartDeps, 'knowledge' | 'store' | 'now'>> = {}): Promise<Harness> {
  const knowledge = await fixtureKnowledge();
  const store = memoryStore();
  const { now = OFFICE_HOURS, ...rest } = options;
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => now, ...rest });
  return {
    motpart,
    store,
    knowledge,
    ask: (text, who) => motpart.handle({ text }, asker(who)),
    press: (input, who) => motpart.handle(input, asker(who)),
  };
}

/** Every text a reply shows, for assertions on what the user reads. */
export function replyText(r: Reply): string {
  return JSON.stringify(r);
}

export const contactIds = (r: Reply) => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact.functionId] : []));
export const snippetIds = (r: Reply) => r.parts.flatMap((p) => (p.type === 'guidance' ? [p.guidance.snippetId] : []));

/**
 * The answer's snippet, then the snippets offered as suggestions (a suggestion asks a snippet's
 * first question form), without repeats: the first `count`.
 */
export function offeredSnippets(knowledge: Knowledge, r: Reply, count = 3): string[] {
  const byFirstQuestion = new Map(knowledge.data.guidance.map((s) => [s.questions[0]!, s.id]));
  const suggested = r.suggestions.flatMap((b) => (b.action.type === 'ask' ? [byFirstQuestion.get(b.action.text)] : []));
  return [...new Set([...snippetIds(r), ...suggested])].filter((id): id is string => id !== undefined).slice(0, count);
}
