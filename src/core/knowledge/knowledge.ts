/**
 * The indexed, immutable knowledge snapshot the core answers from, and its building from validated
 * data. Built once per version of the files; a reload builds a new snapshot and swaps it in whole.
 * Pure: reading, caching and watching the files is src/knowledge's, which hands the data in here.
 */
import { AreaIndex } from '../directory/areaIndex.js';
import { FunctionIndex, indexFunctions } from '../directory/functionIndex.js';
import { GuidanceIndex, indexSnippets } from '../guidance/guidanceIndex.js';
import { SituationIndex } from '../guidance/situations.js';
import { CueMatcher } from '../text/cues.js';
import { createAnalyser, type Analyser } from '../search/analyse.js';
import { termsFrom, type Postings } from '../search/termIndex.js';
import { runAtOnce, type Work } from '../turns.js';
import { createLegalRefRecogniser, shortFormKey, type LegalRefRecogniser } from '../text/legalRefs.js';
import { numberOfWord } from '../text/age.js';
import { fold, stem, STOPWORDS } from '../text/normalise.js';
import { buildSynonymTable, type SynonymTable } from '../text/synonyms.js';
import { KNOWLEDGE_LISTS, type Checklist, type KnowledgeData, type Organisation } from './schema.js';

/** Something wrong with the knowledge: an error stops it from being used, a warning is reported with it. */
export interface KnowledgeIssue {
  severity: 'error' | 'warning';
  /** Path relative to the knowledge directory. */
  file: string;
  /** Dotted path inside the file, e.g. `functions[3].holders[0].from`. */
  path: string;
  line?: number;
  message: string;
}

export interface KnowledgeStats {
  organisations: number;
  areas: number;
  functions: number;
  snippets: number;
  checklists: number;
}

export interface Knowledge {
  readonly data: Readonly<KnowledgeData>;
  readonly stats: KnowledgeStats;
  /** `<list>:<id>` → file it came from (empty when built from data in memory). */
  readonly origins: ReadonlyMap<string, string>;
  /** Linter warnings found when the snapshot was loaded. */
  readonly warnings: readonly KnowledgeIssue[];
  /** The day the warnings were worked out for (reviews fall due); undefined when built without the linter. */
  readonly warningsFor?: string;
  readonly synonyms: SynonymTable;
  readonly refs: LegalRefRecogniser;
  readonly analyser: Analyser;
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly areas: AreaIndex;
  readonly functions: FunctionIndex;
  readonly guidance: GuidanceIndex;
  readonly checklists: ReadonlyMap<string, Checklist>;
  /** The kinds of case questions are read for (knowledge/situations.yaml). */
  readonly situations: SituationIndex;
  /** Everyday topics outside the domain (`offTopic` in knowledge/synonyms.yaml). */
  readonly offTopic: CueMatcher<'off-topic'>;
  /** True when a folded word means something elsewhere in the knowledge (so it is no typo of a place). */
  isKnownWord(word: string): boolean;
}

/** Freezes every object and array in the value; loops rather than Object.values, which allocates per object (half the cost at 50k functions). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  else for (const key in value) deepFreeze(value[key]);
  return value;
}

export interface BuildOptions {
  origins?: ReadonlyMap<string, string>;
  warnings?: readonly KnowledgeIssue[];
  warningsFor?: string;
  /** Postings from the knowledge cache, instead of analysing every function and snippet. */
  postings?: { functions: Postings; guidance: Postings };
}

/** Freezes the records one by one, pausing between them (see turns.ts), then the lists. */
export function* freezeInTurns(data: KnowledgeData): Work<Readonly<KnowledgeData>> {
  for (const list of KNOWLEDGE_LISTS) {
    for (const record of data[list]) {
      deepFreeze(record);
      yield;
    }
  }
  return deepFreeze(data);
}

/** Indexes validated knowledge. References that point nowhere are skipped here; the linter reports them. */
export function buildKnowledge(data: KnowledgeData, options: BuildOptions = {}): Knowledge {
  return runAtOnce(indexKnowledge(deepFreeze(structuredClone(data)), options));
}

/** Indexes frozen knowledge, pausing where it may (see turns.ts). */
export function* indexKnowledge(frozen: Readonly<KnowledgeData>, options: BuildOptions): Work<Knowledge> {
  const shortForms = new Map(Object.entries(frozen.synonyms.references).map(([k, v]) => [shortFormKey(k), v]));
  const knownRefs = new Set<string>([
    ...frozen.guidance.flatMap((s) => s.references),
    ...frozen.checklists.flatMap((c) => c.items.flatMap((i) => (i.reference ? [i.reference] : []))),
    ...shortForms.values(),
  ]);
  const synonyms = buildSynonymTable(frozen.synonyms.groups);
  const refs = createLegalRefRecogniser(knownRefs, shortForms);
  const analyser = createAnalyser(synonyms, refs);
  const organisations = new Map(frozen.organisations.map((o) => [o.id, o]));
  const { postings } = options;
  const functionTerms = postings ? yield* termsFrom(postings.functions, frozen.functions.length, analyser.groupOfKey) : yield* indexFunctions(frozen.functions, organisations, analyser);
  yield;
  const guidanceTerms = postings ? yield* termsFrom(postings.guidance, frozen.guidance.length, analyser.groupOfKey) : yield* indexSnippets(frozen.guidance, analyser);
  yield;
  const functions = yield* FunctionIndex.build(frozen.functions, organisations, functionTerms);
  const guidance = new GuidanceIndex(frozen.guidance, frozen.checklists, guidanceTerms);
  yield;
  const areas = yield* AreaIndex.build(frozen.areas);
  const synonymWords = new Set(frozen.synonyms.groups.flat().map((w) => fold(w)));
  return Object.freeze({
    data: frozen,
    stats: {
      organisations: frozen.organisations.length,
      areas: frozen.areas.length,
      functions: frozen.functions.length,
      snippets: frozen.guidance.length,
      checklists: frozen.checklists.length,
    },
    origins: options.origins ?? new Map(),
    warnings: options.warnings ?? [],
    ...(options.warningsFor ? { warningsFor: options.warningsFor } : {}),
    synonyms,
    refs,
    analyser,
    organisations,
    areas,
    functions,
    guidance,
    checklists: new Map(frozen.checklists.map((c) => [c.id, c])),
    situations: new SituationIndex(frozen.situations),
    offTopic: new CueMatcher([{ label: 'off-topic' as const, cues: frozen.synonyms.offTopic }], { compounds: false }),
    isKnownWord(word: string) {
      const s = stem(word);
      // A number in words ("seven") is never a typo of a place ("Seved").
      return STOPWORDS.has(word) || numberOfWord(word) !== undefined || synonymWords.has(word) || functions.terms.has(s) || guidance.terms.has(s);
    },
  });
}
