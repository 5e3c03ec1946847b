/**
 * The shipped guidance answers its own questions: every question form of every snippet, asked the
 * way a user would ask it, returns that snippet first. A snippet whose forms lead elsewhere is
 * unreachable in practice, so an edit that breaks this is a content bug, not a test detail.
 *
 * Runs against `knowledge/` (or the directory in MOTPART_KNOWLEDGE_DIR, so a municipality can check
 * its own edited copy the same way).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMotpart, type Motpart } from '../../src/core/motpart.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import type { Snippet } from '../../src/core/knowledge/schema.js';
import { asker, OFFICE_HOURS, snippetIds } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const KNOWLEDGE_DIR = process.env.MOTPART_KNOWLEDGE_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');
/** The review date of the shipped texts; a fixed day keeps overdue-review notices out of the answers. */
const TODAY = '2026-11-24';

// Loaded at the top so the cases below can be listed from the files themselves.
const knowledge: Knowledge = await loadAndBuild(KNOWLEDGE_DIR, { today: TODAY });
const snippets: readonly Snippet[] = knowledge.data.guidance;
let motpart: Motpart;

beforeAll(() => {
  motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
});

describe('the shipped guidance', () => {
  it('has at least 45 snippets', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(45);
  });

  it.each(snippets.map((s) => [s.id, s] as const))('%s has 3–6 question forms, all different', (_id, snippet) => {
    expect(snippet.questions.length).toBeGreaterThanOrEqual(3);
    expect(snippet.questions.length).toBeLessThanOrEqual(6);
    expect(new Set(snippet.questions.map((q) => q.toLowerCase())).size).toBe(snippet.questions.length);
  });

  it('uses every question form for one snippet only', () => {
    const owners = new Map<string, string[]>();
    for (const s of snippets) for (const q of s.questions) owners.set(q.toLowerCase(), [...(owners.get(q.toLowerCase()) ?? []), s.id]);
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('says what is uncertain and whom to ask wherever a text is marked uncertain', () => {
    const vague = snippets.filter((s) => s.uncertain !== undefined && !/fråga|kontrollera/i.test(s.uncertain));
    expect(vague.map((s) => s.id)).toEqual([]);
  });
});

const cases = snippets.flatMap((s) => s.questions.map((q) => [q, s.id] as const));

describe('every question form returns its own snippet first', () => {
  it.each(cases)('"%s" → %s', async (question, expected) => {
    // Each question its own user: a role stated in one would be kept for the next.
    const reply = await motpart.handle({ text: question }, asker({ userId: question }));
    expect(reply.intent).toBe('guidance');
    expect(snippetIds(reply)[0]).toBe(expected);
  });
});

const aliasCases = knowledge.data.checklists.flatMap((c) => [c.title, ...c.aliases].map((name) => [name, c.id] as const));

describe('every checklist opens by its title and each of its aliases', () => {
  it.each(aliasCases)('/checklista %s → %s', async (name, expected) => {
    const reply = await motpart.handle({ text: name, command: 'checklista' }, asker());
    const opened = reply.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist.checklistId] : []));
    expect(opened).toEqual([expected]);
  });
});
