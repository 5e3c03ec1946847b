/**
 * The knowledge flattened into the plain records a user would hand a general-purpose search
 * library: one per function and one per snippet, with the fields the libraries' READMEs use.
 */
import type { KnowledgeData } from '../../src/core/knowledge/schema.js';

export interface SearchRecord {
  /** `function:<id>` or `snippet:<id>`, the same keys the benchmark compares answers with. */
  key: string;
  title: string;
  questions: string[];
  answer: string;
  tags: string[];
}

/**
 * Functions carry their topics as "questions" and the names and aliases of the areas they cover as
 * tags, so a place can be found at all; snippets carry their references among the tags, so a
 * baseline has the same chance as Motpart to match a reference typed in the canonical form.
 */
export function toRecords(data: KnowledgeData): SearchRecord[] {
  const areas = new Map(data.areas.map((a) => [a.id, a]));
  const organisations = new Map(data.organisations.map((o) => [o.id, o]));
  const functions = data.functions.map((f) => ({
    key: `function:${f.id}`,
    title: f.name,
    questions: f.topics,
    answer: [f.description, organisations.get(f.organisation)?.name].filter(Boolean).join('. '),
    tags: [f.role, ...f.areas.flatMap((id) => (areas.has(id) ? [areas.get(id)!.name, ...areas.get(id)!.aliases] : []))],
  }));
  const snippets = data.guidance.map((s) => ({
    key: `snippet:${s.id}`,
    title: s.title,
    questions: s.questions,
    answer: s.answer,
    tags: [...s.tags, ...s.references],
  }));
  return [...functions, ...snippets];
}
