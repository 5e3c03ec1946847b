/**
 * Guidance snippets indexed once per knowledge version: an inverted index over question forms,
 * title, tags, legal references and answer text (for the shortlist); the shortlist is ranked on
 * the folded question forms (formSimilarity.ts).
 */
import type { Checklist, Snippet } from '../knowledge/schema.js';
import { memoisedDocumentKeys, refKey, type Analyser } from '../search/analyse.js';
import { TermIndexBuilder, type TermIndex } from '../search/termIndex.js';
import type { Work } from '../turns.js';
import { fold } from '../text/normalise.js';

const FIELD_WEIGHTS = { questions: 3, title: 3, references: 4, tags: 2, body: 1 } as const;
/** The weight of a match in the fields that say what a snippet answers (questions, title). */
export const TOP_FIELD_WEIGHT = FIELD_WEIGHTS.questions;

/** The term index over snippets' question forms, titles, tags, references and text; pauses after each snippet. */
export function* indexSnippets(snippets: readonly Snippet[], analyser: Analyser): Work<TermIndex> {
  const builder = new TermIndexBuilder(analyser.groupOfKey);
  const documentKeys = memoisedDocumentKeys(analyser);
  const add = (text: string, weight: number) => {
    for (const key of documentKeys(text)) builder.add(key, weight);
  };
  for (const s of snippets) {
    for (const q of s.questions) add(q, FIELD_WEIGHTS.questions);
    add(s.title, FIELD_WEIGHTS.title);
    for (const tag of s.tags) add(tag, FIELD_WEIGHTS.tags);
    for (const ref of s.references) builder.add(refKey(ref), FIELD_WEIGHTS.references);
    add(s.answer, FIELD_WEIGHTS.body);
    for (const c of s.conditions) add(c, FIELD_WEIGHTS.body);
    builder.endDocument();
    yield;
  }
  return yield* builder.build();
}

export class GuidanceIndex {
  readonly list: readonly Snippet[];
  readonly terms: TermIndex;
  private readonly byIdMap: ReadonlyMap<string, number>;
  private readonly checklistsBySnippet = new Map<string, string[]>();

  /** `terms` from {@link indexSnippets}, or from the knowledge cache's postings. */
  constructor(snippets: readonly Snippet[], checklists: readonly Checklist[], terms: TermIndex) {
    this.list = snippets;
    this.byIdMap = new Map(snippets.map((s, i) => [s.id, i]));
    this.terms = terms;
    for (const c of checklists) {
      for (const item of c.items) {
        if (!item.guidance) continue;
        const list = this.checklistsBySnippet.get(item.guidance) ?? [];
        if (!list.includes(c.id)) list.push(c.id);
        this.checklistsBySnippet.set(item.guidance, list);
      }
    }
  }

  /**
   * A snippet's title and first question forms, folded, for the re-rank. Made when asked for: a
   * question ranks four snippets, and keeping these for all of them was megabytes at 5k snippets.
   */
  rankingForms(doc: number, count: number): string[] {
    const s = this.list[doc]!;
    return [s.title, ...s.questions].slice(0, count).map(fold);
  }

  get(id: string): Snippet | undefined {
    const i = this.byIdMap.get(id);
    return i === undefined ? undefined : this.list[i];
  }

  /** Checklists with a step that links to the snippet. */
  checklistsFor(snippetId: string): readonly string[] {
    return this.checklistsBySnippet.get(snippetId) ?? [];
  }
}
