/**
 * The indexed, immutable knowledge snapshot the core answers from. Built once per version of the
 * files; a reload builds a new snapshot and swaps it in whole.
 */
import { AreaIndex } from '../core/directory/areaIndex.js';
import { localTime } from '../core/hours.js';
import { FunctionIndex } from '../core/directory/functionIndex.js';
import { GuidanceIndex } from '../core/guidance/guidanceIndex.js';
import { createAnalyser, type Analyser } from '../core/search/analyse.js';
import { createLegalRefRecogniser, shortFormKey, type LegalRefRecogniser } from '../core/text/legalRefs.js';
import { fold, stem, STOPWORDS } from '../core/text/normalise.js';
import { buildSynonymTable, type SynonymTable } from '../core/text/synonyms.js';
import { checkKnowledge } from './check.js';
import { KnowledgeLoadError, loadKnowledge, type KnowledgeIssue } from './loader.js';
import type { Checklist, KnowledgeData, Organisation } from './schema.js';

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
  readonly synonyms: SynonymTable;
  readonly refs: LegalRefRecogniser;
  readonly analyser: Analyser;
  readonly organisations: ReadonlyMap<string, Organisation>;
  readonly areas: AreaIndex;
  readonly functions: FunctionIndex;
  readonly guidance: GuidanceIndex;
  readonly checklists: ReadonlyMap<string, Checklist>;
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
}

/** Indexes validated knowledge. References that point nowhere are skipped here; the linter reports them. */
export function buildKnowledge(data: KnowledgeData, options: BuildOptions = {}): Knowledge {
  return indexKnowledge(deepFreeze(structuredClone(data)), options);
}

/** Indexes knowledge nobody else holds a reference to, so it can be frozen without a copy. */
function indexKnowledge(frozen: Readonly<KnowledgeData>, options: BuildOptions): Knowledge {
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
  const functions = new FunctionIndex(frozen.functions, organisations, analyser);
  const guidance = new GuidanceIndex(frozen.guidance, frozen.checklists, analyser);
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
    synonyms,
    refs,
    analyser,
    organisations,
    areas: new AreaIndex(frozen.areas),
    functions,
    guidance,
    checklists: new Map(frozen.checklists.map((c) => [c.id, c])),
    isKnownWord(word: string) {
      const s = stem(word);
      return STOPWORDS.has(word) || synonymWords.has(word) || functions.terms.has(s) || guidance.terms.has(s);
    },
  });
}

/**
 * Loads, validates, lints and indexes a knowledge directory. Throws {@link KnowledgeLoadError} on
 * any error (broken file or dangling reference), so a broken edit never replaces a working version.
 */
export async function loadAndBuild(dir: string, options: { today?: string } = {}): Promise<Knowledge> {
  const { data, origins } = await loadKnowledge(dir);
  const issues = checkKnowledge(data, options.today ?? localTime(new Date(), 'Europe/Stockholm').date, origins);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new KnowledgeLoadError(errors);
  // Fresh from the files and held by no one else: frozen in place rather than copied.
  return indexKnowledge(deepFreeze(data), { origins, warnings: issues.filter((i) => i.severity === 'warning') });
}
