/**
 * Questions with known right answers, written as users write them: typos, no å/ä/ö, abbreviations,
 * legal references in many spellings, some English. Part are derived from the knowledge's own
 * question forms (with perturbations), part are hand-written. Each has exactly one right answer.
 */
import type { KnowledgeData } from '../src/core/knowledge/schema.js';
import type { Corpus, DirectoryRole } from './corpus.js';
import { createRandom, type Random } from './random.js';

export type QueryCategory = 'typo' | 'no-diacritics' | 'abbreviation' | 'legal-ref' | 'english' | 'word-drop' | 'hand-written';

export interface BenchQuery {
  text: string;
  expected: { kind: 'snippet' | 'function'; id: string };
  category: QueryCategory;
  /** Whether the answer is shipped knowledge or synthetic. */
  origin: 'shipped' | 'synthetic';
}

export function stripDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC');
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'kö', m: 'n', n: 'bm',
  o: 'ip', p: 'oå', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', y: 'tu', å: 'pä', ä: 'åö', ö: 'lä',
};

/** One slip of the thumb in one word of at least five letters (never the first letter). */
export function injectTypo(text: string, random: Random): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{5,}$/u.test(w));
  if (candidates.length === 0) return text;
  const [word, index] = random.pick(candidates);
  const at = 1 + random.int(word.length - 2);
  const chars = [...word];
  let changed: string;
  switch (random.int(4)) {
    case 0:
      [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      changed = chars.join('');
      break;
    case 1:
      chars.splice(at, 1);
      changed = chars.join('');
      break;
    case 2:
      chars.splice(at, 0, chars[at]!);
      changed = chars.join('');
      break;
    default: {
      const near = KEYBOARD_NEIGHBOURS[chars[at]!.toLowerCase()] ?? 'e';
      chars[at] = random.pick([...near]);
      changed = chars.join('');
    }
  }
  if (changed === word) return injectTypo(text, random);
  words[index] = changed;
  return words.join(' ');
}

/** Hurried users drop short filler words; the words that carry the meaning stay. */
export function dropWord(text: string, random: Random, keep: readonly string[] = []): string {
  const words = text.split(' ');
  const droppable = words.map((w, i) => [w, i] as const).filter(([w]) => w.length <= 4 && !keep.includes(w));
  if (droppable.length === 0 || words.length < 4) return text;
  const [, index] = random.pick(droppable);
  return words.filter((_, i) => i !== index).join(' ');
}

const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bsocialtjänsten\b/giu, 'soc'],
  [/\blokalpolisområde\b/giu, 'LPO'],
  [/\boffentlighets- och sekretesslagen\b/giu, 'OSL'],
  [/\bsociala insatsgrupper\b/giu, 'SIG'],
  [/\bbarn- och ungdomspsykiatrin\b/giu, 'bup'],
];

/** The text with the short forms people use, or undefined when it has nothing to shorten. */
export function abbreviate(text: string): string | undefined {
  let out = text;
  for (const [long, short] of ABBREVIATIONS) out = out.replace(long, short);
  return out === text ? undefined : out;
}

const CANONICAL_REF = /^(\S+) (\d+)(?::(\d+))?(?: ([a-z]))?$/;

/** How people write a canonical reference ("OSL 10:18 a"): "10:18a", "10 kap. 18 a §", "18 a OSL", "1018a", ... */
export function referenceSpellings(ref: string, shortForms: ReadonlyMap<string, string>): string[] {
  const m = CANONICAL_REF.exec(ref);
  if (!m) return [ref];
  const [, law = '', first = '', second, letter] = m;
  if (second === undefined) return [`${first} § ${law}`, `${law} ${first}`];
  const l = letter ? ` ${letter}` : '';
  const tight = letter ?? '';
  const out = [`${first}:${second}${tight}`, `${first} kap ${second}${l} §`, `${first} kap. ${second}${l} § ${law}`, `${law.toLowerCase()} ${first}:${second}${l}`, `${law} ${first} kap ${second}${tight}`];
  for (const [short, canonical] of shortForms) if (canonical === ref) out.push(`${short} ${law}`, short.replace(/\s+/g, ''));
  if (law === 'OSL' && Number(first) < 50) out.push(`${first}${second}${tight}`);
  return out;
}

const REF_FRAMES = ['{ref}', 'vad säger {ref}', 'gäller {ref} här', 'får vi dela enligt {ref}', 'vad innebär {ref}', 'what does {ref} say'];

/** Ways to ask for a synthetic function; `{place}` is where it works. English ones are marked. */
const DIRECTORY_TEMPLATES: Record<DirectoryRole, { sv: string[]; en?: string[] }> = {
  socialjour: { sv: ['socialjouren {place}', 'vem har socialjouren i {place}', 'nummer till socialjouren {place}'], en: ['social services emergency duty {place}'] },
  kommunpolis: { sv: ['kommunpolis {place}', 'kommunpolisen i {place}', 'vem är kommunpolis i {place}'], en: ['police contact {place}'] },
  ungdomsutredare: { sv: ['ungdomsutredare {place}', 'ungdomsutredare LPO {place}', 'vem är ungdomsutredare hos polisen i {place}'] },
  kommunjurist: { sv: ['kommunjurist {place}', 'kommunjuristen i {place} kommun', 'jurist på {place} kommun'], en: ['municipal lawyer {place}'] },
  sspf: { sv: ['sspf {place}', 'sspf-koordinator {place}', 'vem samordnar sspf i {place}'] },
  faltassistent: { sv: ['fältassistenterna {place}', 'fältassistenter i {place}'] },
  bup: { sv: ['bup {place}', 'barn- och ungdomspsykiatrin {place}'] },
  mottagning: { sv: ['mottagningen barn och unga {place}', 'mottagningsenheten {place}', 'kontakt mottagningsenheten barn och unga {place}'] },
  omradespolis: { sv: ['områdespolis {place}', 'områdespolisen i {place}'] },
  elevhalsa: { sv: ['elevhälsan {place}', 'elevhälsan i {place}'], en: ['school health team {place}'] },
  fritidsgard: { sv: ['fritidsgården {place}', 'fritidsgården i {place}', 'fritidsgard {place}'], en: ['youth centre fritidsgården {place}'] },
};

/** Hand-written questions about the shipped functions every sample must have (see the team brief). */
const HAND_WRITTEN_FUNCTIONS: ReadonlyArray<[string, string]> = [
  ['socialjouren malmö', 'socialjouren-malmo'],
  ['socialjouren malmo', 'socialjouren-malmo'],
  ['nummer till socialjouren i malmö', 'socialjouren-malmo'],
  ['socialjoruen malmö', 'socialjouren-malmo'],
  ['socialjouren södertälje', 'socialjouren-sodertalje'],
  ['socialjouren sodertalje', 'socialjouren-sodertalje'],
  ['socialjouren i södertälje ikväll', 'socialjouren-sodertalje'],
  ['kommunjurist malmö', 'kommunjurist-malmo'],
  ['kommunjuristen i malmo', 'kommunjurist-malmo'],
  ['kommunjurist södertälje', 'kommunjurist-sodertalje'],
  ['kommunjurist sodertalje', 'kommunjurist-sodertalje'],
  ['kommunjurist kinda', 'kommunjurist-kinda'],
  ['kommunjuristen i kinda kommun', 'kommunjurist-kinda'],
  ['polisjurist region syd', 'polisjurist-region-syd'],
  ['polisjuristen syd', 'polisjurist-region-syd'],
  ['brottsförebyggande samordnare malmö', 'bf-samordnare-malmo'],
  ['brottsforebyggande samordnare malmo', 'bf-samordnare-malmo'],
  ['sig koordinator malmö', 'sig-koordinator-malmo'],
  ['sig-koordinatorn i malmo', 'sig-koordinator-malmo'],
  ['sspf koordinator södertälje', 'sspf-koordinator-sodertalje'],
  ['sspf-koordinator sodertalje', 'sspf-koordinator-sodertalje'],
  ['sluta skjut malmö', 'sluta-skjut-malmo'],
  ['sluta skjut malmo', 'sluta-skjut-malmo'],
  ['skoljurist malmö', 'skoljurist-malmo'],
  ['skoljuristen i malmo', 'skoljurist-malmo'],
];

/**
 * Hand-written guidance questions about the shipped snippets: how people really ask, not the
 * snippets' own question forms. Ids must exist in the shipped knowledge.
 */
const HAND_WRITTEN_GUIDANCE: ReadonlyArray<[string, string]> = [];

export interface QuerySetOptions {
  seed?: number;
  /** Synthetic snippets and functions to ask about (each gives one question, plus reference questions). */
  syntheticSnippets?: number;
  syntheticFunctions?: number;
  syntheticRefs?: number;
}

/**
 * The query set for a corpus. Build it from the smallest corpus of a run: larger corpora of the same
 * seed contain all its records, so the same questions measure every size.
 */
export function buildQuerySet(shipped: KnowledgeData, corpus: Corpus, options: QuerySetOptions = {}): BenchQuery[] {
  const random = createRandom(options.seed ?? 7);
  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  const add = (text: string, kind: 'snippet' | 'function', id: string, category: QueryCategory, origin: 'shipped' | 'synthetic') => {
    const key = text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    queries.push({ text, expected: { kind, id }, category, origin });
  };
  const shortForms = new Map(Object.entries(corpus.data.synonyms.references));
  const refOwners = new Map<string, string[]>();
  for (const s of corpus.data.guidance) for (const r of s.references) refOwners.set(r, [...(refOwners.get(r) ?? []), s.id]);

  /** The perturbed text and what was done to it (an abbreviation that does not apply becomes a typo). */
  const perturb = (text: string, wanted: QueryCategory, keep: readonly string[] = []): [string, QueryCategory] => {
    switch (wanted) {
      case 'typo':
        return [injectTypo(text, random), wanted];
      case 'no-diacritics':
        return [stripDiacritics(text), wanted];
      case 'word-drop':
        return [dropWord(text, random, keep), wanted];
      case 'abbreviation': {
        const short = abbreviate(text);
        return short ? [short, wanted] : [injectTypo(text, random), 'typo'];
      }
      default:
        return [text, wanted];
    }
  };
  const cycle: QueryCategory[] = ['typo', 'no-diacritics', 'word-drop', 'typo', 'abbreviation'];

  // Shipped snippets: their own question forms, perturbed, and their references when only one snippet has them.
  shipped.guidance.forEach((s, i) => {
    s.questions.forEach((q, j) => {
      const [text, category] = perturb(q, abbreviate(q) && j % 2 === 0 ? 'abbreviation' : cycle[(i + j) % cycle.length]!);
      add(text, 'snippet', s.id, category, 'shipped');
    });
    for (const ref of s.references) {
      if (refOwners.get(ref)?.length !== 1) continue;
      const spellings = referenceSpellings(ref, shortForms);
      for (const spelling of random.shuffle(spellings).slice(0, 2)) add(random.pick(REF_FRAMES).replace('{ref}', spelling), 'snippet', s.id, 'legal-ref', 'shipped');
    }
  });
  for (const [text, id] of HAND_WRITTEN_GUIDANCE) add(text, 'snippet', id, 'hand-written', 'shipped');
  for (const [text, id] of HAND_WRITTEN_FUNCTIONS) add(text, 'function', id, 'hand-written', 'shipped');

  for (const t of random.shuffle(corpus.snippets).slice(0, options.syntheticSnippets ?? 130)) {
    const snippet = corpus.data.guidance.find((s) => s.id === t.snippetId)!;
    const english = random.chance(0.15);
    const question = english ? snippet.questions[3]! : random.pick(snippet.questions.slice(0, 3));
    const [text, category] = english ? [injectTypo(question, random), 'english' as const] : perturb(question, random.pick(cycle), t.keyWords);
    add(text, 'snippet', t.snippetId, category, 'synthetic');
  }
  for (const t of random.shuffle(corpus.snippets).slice(0, options.syntheticRefs ?? 40)) {
    const spelling = random.pick(referenceSpellings(t.reference, shortForms));
    add(random.pick(REF_FRAMES).replace('{ref}', spelling), 'snippet', t.snippetId, 'legal-ref', 'synthetic');
  }
  for (const t of random.shuffle(corpus.directory).slice(0, options.syntheticFunctions ?? 140)) {
    const templates = DIRECTORY_TEMPLATES[t.role];
    const english = templates.en !== undefined && random.chance(0.2);
    const question = random.pick(english ? templates.en! : templates.sv).replace('{place}', t.place);
    const [text, category] = english ? [question, 'english' as const] : perturb(question, random.pick(cycle));
    add(text, 'function', t.functionId, category, 'synthetic');
  }
  return queries;
}

/** Problems with a query set against a corpus: expected ids that do not exist. Empty when sound. */
export function querySetProblems(queries: readonly BenchQuery[], data: KnowledgeData): string[] {
  const snippets = new Set(data.guidance.map((s) => s.id));
  const functions = new Set(data.functions.map((f) => f.id));
  return queries
    .filter((q) => !(q.expected.kind === 'snippet' ? snippets : functions).has(q.expected.id))
    .map((q) => `"${q.text}": expected ${q.expected.kind} "${q.expected.id}" is not in the corpus`);
}
