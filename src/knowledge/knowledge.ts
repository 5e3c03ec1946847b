/**
 * The indexed, immutable knowledge snapshot the core answers from. Built once per version of the
 * files; a reload builds a new snapshot and swaps it in whole.
 */
import { AreaIndex } from '../core/directory/areaIndex.js';
import { localTime } from '../core/hours.js';
import { FunctionIndex, indexFunctions } from '../core/directory/functionIndex.js';
import { GuidanceIndex, indexSnippets } from '../core/guidance/guidanceIndex.js';
import { SituationIndex } from '../core/guidance/situations.js';
import { CueMatcher } from '../core/text/cues.js';
import { createAnalyser, type Analyser } from '../core/search/analyse.js';
import { termsFrom, type Postings } from '../core/search/termIndex.js';
import { runAtOnce, runInTurns, type Work } from '../core/search/turns.js';
import { createLegalRefRecogniser, shortFormKey, type LegalRefRecogniser } from '../core/text/legalRefs.js';
import { fold, stem, STOPWORDS } from '../core/text/normalise.js';
import { buildSynonymTable, type SynonymTable } from '../core/text/synonyms.js';
import { lintKnowledge } from './check.js';
import { cacheKey, readKnowledgeCache, writeKnowledgeCache, type CachedKnowledge } from './cache.js';
import { KnowledgeLoadError, listKnowledgeFiles, loadKnowledge, type KnowledgeIssue, type ReadOptions } from './loader.js';
import { KNOWLEDGE_LISTS, type Checklist, type KnowledgeData, type Organisation } from './schema.js';

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
function* freezeInTurns(data: KnowledgeData): Work<Readonly<KnowledgeData>> {
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
function* indexKnowledge(frozen: Readonly<KnowledgeData>, options: BuildOptions): Work<Knowledge> {
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
    offTopic: new CueMatcher([{ label: 'off-topic' as const, cues: frozen.synonyms.offTopic }]),
    isKnownWord(word: string) {
      const s = stem(word);
      return STOPWORDS.has(word) || synonymWords.has(word) || functions.terms.has(s) || guidance.terms.has(s);
    },
  });
}

export interface LoadOptions extends ReadOptions {
  /** The date warnings are computed for (reviews due); today in Sweden when not given. */
  today?: string;
}

/**
 * Lints knowledge read from `origins`' files (throwing on errors) and indexes it, frozen in place
 * (nobody else holds it), in turns: a reload runs while the server answers. From the cache, its
 * postings are used, and its warnings when they were worked out for today.
 */
async function checkAndIndex(data: KnowledgeData, origins: Map<string, string>, options: LoadOptions, cached?: Pick<CachedKnowledge, 'postings' | 'warnings'>): Promise<Knowledge> {
  const today = options.today ?? localTime(new Date(), 'Europe/Stockholm').date;
  const issues = cached?.warnings?.date === today ? cached.warnings.issues : await runInTurns(lintKnowledge(data, today, origins));
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new KnowledgeLoadError(errors);
  const frozen = await runInTurns(freezeInTurns(data));
  const warnings = issues.filter((i) => i.severity === 'warning');
  return runInTurns(indexKnowledge(frozen, { origins, warnings, warningsFor: today, ...(cached ? { postings: cached.postings } : {}) }));
}

/**
 * Loads, validates, lints and indexes a knowledge directory. Throws {@link KnowledgeLoadError} on
 * any error (broken file or dangling reference), so a broken edit never replaces a working version.
 */
export async function loadAndBuild(dir: string, options: LoadOptions = {}): Promise<Knowledge> {
  const { data, origins } = await loadKnowledge(dir, options);
  return checkAndIndex(data, origins, options);
}

export interface CachedLoad {
  knowledge: Knowledge;
  /** Why the cache was not used, or undefined when the knowledge came from it. */
  miss?: string;
  /** Writes the cache for what was loaded; false when the files changed since (the next load reads them anyway). */
  save(): Promise<boolean>;
}

/**
 * {@link loadAndBuild} through the knowledge cache (cache.ts): unchanged files are answered from
 * the cache, anything else is read from the files, and `save` keeps it for the next start.
 */
export async function loadThroughCache(dir: string, cacheFile: string, options: LoadOptions = {}): Promise<CachedLoad> {
  const files = await listKnowledgeFiles(dir, options);
  const read = await readKnowledgeCache(dir, files, cacheFile);
  let miss: string;
  if ('miss' in read) {
    miss = read.miss;
  } else {
    try {
      return { knowledge: await checkAndIndex(read.cached.data, read.cached.origins, options, read.cached), save: async () => false };
    } catch (err) {
      // The cache was written only for knowledge without errors, so this is a cache of other code
      // or a damaged one; the files say what is true.
      miss = `cache unusable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
  }
  const knowledge = await loadAndBuild(dir, options);
  return {
    knowledge,
    miss,
    save: async () => {
      if ((await cacheKey(dir, await listKnowledgeFiles(dir, options))) !== read.key) return false;
      await writeKnowledgeCache(cacheFile, read.key, knowledge);
      return true;
    },
  };
}
