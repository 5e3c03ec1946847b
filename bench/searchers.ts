/**
 * The contestants, behind one interface: build an index from knowledge, then answer a question with
 * ranked keys (`function:<id>` / `snippet:<id>`). Motpart goes through the core's own router and
 * rankers, without rendering a reply, so its figures are the search alone.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { kindsFor, parseDirectoryQuery, rankFunctions } from '../src/core/directory/lookup.js';
import { searchGuidance } from '../src/core/guidance/search.js';
import { route } from '../src/core/router.js';
import { buildKnowledge, type Knowledge } from '../src/core/knowledge/knowledge.js';
import type { KnowledgeData } from '../src/core/knowledge/schema.js';
import { toRecords, type SearchRecord } from './baselines/records.js';

export interface Searcher {
  /** Best first; at most `limit` keys. */
  search(text: string, limit: number): string[];
}

export interface Contestant {
  name: string;
  /** Shown in the report: exactly how the library was configured. */
  config: string;
  build(data: KnowledgeData): Searcher;
}

/** What Motpart would answer with: the router's first directory or guidance part, ranked by the core. */
export function motpartSearch(knowledge: Knowledge, text: string, limit: number): string[] {
  const routes = route(knowledge, text);
  const part = routes.find((r) => r.intent === 'directory' || r.intent === 'guidance');
  if (!part) return [];
  if (part.intent === 'guidance') return searchGuidance(knowledge, part.analysis, limit).map((m) => `snippet:${m.snippet.id}`);
  const query = parseDirectoryQuery(knowledge, part.analysis);
  return rankFunctions(knowledge, query, undefined, kindsFor(knowledge, query, undefined))
    .slice(0, limit)
    .map((r) => `function:${knowledge.functions.list[r.doc]!.id}`);
}

export const motpart: Contestant = {
  name: 'Motpart',
  config: 'buildKnowledge(data); route() → searchGuidance() or parseDirectoryQuery() + rankFunctions()',
  build(data) {
    const knowledge = buildKnowledge(data);
    return { search: (text, limit) => motpartSearch(knowledge, text, limit) };
  },
};

const FUSE_OPTIONS = { keys: ['title', 'questions', 'answer', 'tags'], includeScore: true };

export const plainFuse: Contestant = {
  name: 'fuse.js (plain)',
  config: `new Fuse(records, ${JSON.stringify(FUSE_OPTIONS)}) (default threshold 0.6)`,
  build(data) {
    const fuse = new Fuse<SearchRecord>(toRecords(data), FUSE_OPTIONS);
    return { search: (text, limit) => fuse.search(text, { limit }).map((r) => r.item.key) };
  },
};

const MINISEARCH_FIELDS = ['title', 'questions', 'answer', 'tags'];

export const miniSearch: Contestant = {
  name: 'MiniSearch',
  config: `fields ${JSON.stringify(MINISEARCH_FIELDS)}, searchOptions { fuzzy: 0.2, prefix: true }`,
  build(data) {
    const index = new MiniSearch<SearchRecord>({
      idField: 'key',
      fields: MINISEARCH_FIELDS,
      extractField: (doc, field) => {
        const value = doc[field as keyof SearchRecord];
        return Array.isArray(value) ? value.join(' ') : value;
      },
      searchOptions: { fuzzy: 0.2, prefix: true },
    });
    index.addAll(toRecords(data));
    return { search: (text, limit) => index.search(text).slice(0, limit).map((r) => String(r.id)) };
  },
};
