/**
 * Finding functions for a directory question: places (names, aliases, hierarchy, typos),
 * organisation kinds ("soc", "polisen"), and what is left ("socialjouren", "ungdomsutredare",
 * "youth cases") matched against function names, roles and topics.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { OrganisationKind } from '../knowledge/schema.js';
import type { Analysis, QueryTerm } from '../search/analyse.js';
import type { AreaMention } from './areaIndex.js';
import { COUNTERPART_KINDS, introducesAsker, isRoleWord, kindAt, kindOfWords, type Role } from './role.js';
import { tokenise } from '../text/normalise.js';

/** Words that make a message a contact question ("who handles", "vem ringer jag"). */
export const CONTACT_WORDS: ReadonlySet<string> = new Set([
  'motpart', 'motparten', 'motparter', 'motparterna', 'counterpart', 'counterparts', 'kontakt', 'kontakta', 'kontaktar', 'kontakten',
  'kontakter', 'kontaktuppgifter', 'kontaktperson', 'kontaktpersonen', 'contact', 'ring', 'ringa', 'ringer', 'mejla', 'mejlar', 'maila',
  'mailar', 'mejl', 'mail', 'epost', 'telefon', 'telefonnummer', 'numret', 'handlagger', 'handles', 'ansvarar', 'who', 'reach', 'call',
]);
/** Contact words and other words of a contact question; they say what is asked, not which function. */
const DIRECTORY_WORDS: ReadonlySet<string> = new Set([
  ...CONTACT_WORDS, 'nummer', 'number', 'phone', 'email', 'mejladress', 'handle', 'ansvarig', 'responsible', 'hitta', 'find', 'jobbar', 'arbetar', 'vanda', 'vander', 'na', 'nar', 'hand', 'vem', 'vilka', 'vilken', 'vart', 'where',
]);
/** "någon", "nån", "someone": a person not yet named ("finns det någon på polisen", "någon från polisen kom"). */
export const SOMEONE_WORDS: ReadonlySet<string> = new Set(['nan', 'nagon', 'someone', 'anyone', 'somebody', 'anybody']);
/** Whether a sentence speaks of reaching someone at all ("hur når jag dom", "numret"). */
export const mentionsContact = (words: readonly string[]) => words.some((w) => DIRECTORY_WORDS.has(w));
const COUNTERPART_WORDS = new Set(['motpart', 'motparten', 'motparter', 'motparterna', 'counterpart', 'counterparts']);

export interface DirectoryQuery {
  readonly areas: readonly AreaMention[];
  /** Organisation kinds the question names ("kontakt soc Fosie"). */
  readonly kinds: readonly OrganisationKind[];
  /** What remains to match against function names, roles and topics. */
  readonly terms: readonly QueryTerm[];
  readonly counterpart: boolean;
}

const parsed = new WeakMap<Analysis, { knowledge: Knowledge; query: DirectoryQuery }>();

/** "från", "from": the organisation after it is where something comes from. */
const SENDER_BEFORE = new Set(['fran', 'from']);

/**
 * The places, kinds and remaining words of a question. Cached per analysis: the router parses a
 * part to decide its intent and the answer parses it again, and place typos are costly to look up.
 */
export function parseDirectoryQuery(knowledge: Knowledge, analysis: Analysis): DirectoryQuery {
  const cached = parsed.get(analysis);
  if (cached?.knowledge === knowledge) return cached.query;
  const query = parse(knowledge, analysis);
  parsed.set(analysis, { knowledge, query });
  return query;
}

function parse(knowledge: Knowledge, analysis: Analysis): DirectoryQuery {
  const words = analysis.words;
  const areas = knowledge.areas.find(words, (w) => knowledge.isKnownWord(w));
  const inArea = (i: number) => areas.some((a) => i >= a.start && i < a.end);
  const kindByWord = new Map<number, OrganisationKind>();
  // "jag är polis" names the asker's side, not the side asked for, nor a function to look for.
  const selfIntro = (i: number) => introducesAsker(words, i);
  const aboutAsker = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    if (inArea(i)) continue;
    if (selfIntro(i)) {
      if (kindOfWords([words[i]!])) aboutAsker.add(i);
      continue;
    }
    const found = kindAt(words, i);
    if (!found) continue;
    // "orosanmälan från bup, södertälje – vart": the one it comes from sends it; it is not asked for.
    if (SENDER_BEFORE.has(words[i - 1] ?? '')) {
      for (let k = 0; k < found.length; k++) aboutAsker.add(i + k);
      i += found.length - 1;
      continue;
    }
    for (let k = 0; k < found.length; k++) kindByWord.set(i + k, found.kind);
    i += found.length - 1;
  }
  const terms = analysis.terms.filter((t) => {
    if (t.kind === 'ref') return false;
    for (let i = t.start; i < t.end; i++) {
      if (inArea(i) || aboutAsker.has(i)) return false;
      // A contact word within a phrase ("on call") is part of what is asked for.
      if (t.end - t.start === 1 && DIRECTORY_WORDS.has(words[i]!)) return false;
      // "kommunpolis" says the kind and which function of that kind; "polisen" only the kind.
      // "community police officer", "sociala insatsgrupper": a kind word inside a longer name says the function too.
      if (kindByWord.has(i) && !isRoleWord(words[i]!) && !(t.end - t.start > 1 && kindOfWords(words.slice(t.start, t.end)) === undefined)) return false;
    }
    return true;
  });
  return {
    areas,
    kinds: [...new Set(kindByWord.values())],
    terms,
    counterpart: words.some((w) => COUNTERPART_WORDS.has(w)),
  };
}

export interface RankedFunction {
  doc: number;
  score: number;
  /** The question's words name this function: all of them matched in its name or role ("socialjouren"). */
  named?: true;
}

/** The two sides Motpart connects; other organisations are shown when asked for. */
export const SIDES: readonly OrganisationKind[] = ['socialtjanst', 'polis'];

const ancestorScore = (distance: number) => Math.max(0.4, 1 - 0.15 * distance);
const descendantScore = (distance: number) => Math.max(0.5, 0.8 - 0.05 * distance);
const overlapScore = (distance: number) => Math.max(0.4, 0.95 - 0.1 * distance);

/** Each knowledge version's areas, related to one asked-for area, best first (computed once per area). */
interface Relation {
  /** Related areas, best first. */
  list: ReadonlyArray<readonly [string, number]>;
  byArea: ReadonlyMap<string, number>;
}

const relationCache = new WeakMap<Knowledge, Map<string, Relation>>();

function relatedAreas(knowledge: Knowledge, areaId: string): Relation {
  let perArea = relationCache.get(knowledge);
  if (!perArea) relationCache.set(knowledge, (perArea = new Map()));
  let list = perArea.get(areaId);
  if (!list) {
    const scores = new Map<string, number>([[areaId, 1]]);
    const raise = (id: string, score: number) => score > (scores.get(id) ?? 0) && scores.set(id, score);
    for (const [a, d] of knowledge.areas.ancestors(areaId)) raise(a, ancestorScore(d));
    for (const [a, d] of knowledge.areas.descendants(areaId)) raise(a, descendantScore(d));
    for (const [a, d] of knowledge.areas.overlapping(areaId)) raise(a, overlapScore(d));
    list = { list: [...scores].sort((a, b) => b[1] - a[1]), byArea: scores };
    perArea.set(areaId, list);
  }
  return list;
}

/** Areas related to any of the mentioned areas, with the best score each, best first. */
function areaRelation(knowledge: Knowledge, mentions: readonly AreaMention[]): Relation {
  const ids = mentions.flatMap((m) => m.areaIds);
  if (ids.length === 1) return relatedAreas(knowledge, ids[0]!);
  const merged = new Map<string, number>();
  for (const id of ids) for (const [a, score] of relatedAreas(knowledge, id).list) if (score > (merged.get(a) ?? 0)) merged.set(a, score);
  return { list: [...merged].sort((a, b) => b[1] - a[1]), byArea: merged };
}

/** Up to this many functions in a place are probed one by one; beyond it the postings are walked. */
const PROBE_LIMIT = 2000;

/** The allowed functions covering the related areas, or undefined when there are more than `max`. */
function functionsIn(knowledge: Knowledge, relation: Relation, allow: (doc: number) => boolean, max: number): number[] | undefined {
  const docs = new Set<number>();
  for (const [areaId] of relation.list) {
    for (const doc of knowledge.functions.coveringExactly(areaId)) {
      if (!allow(doc)) continue;
      docs.add(doc);
      if (docs.size > max) return undefined;
    }
  }
  return [...docs];
}

/** Swedish order of names; the same as `localeCompare(…, 'sv')`, which looks the collation up on every call. */
const byName = new Intl.Collator('sv');

/** Enough candidates to choose from; areas are visited best first, so the rest can only score lower. */
const AREA_CANDIDATES = 60;
const TERM_CANDIDATES = 50;

/**
 * Functions for the query, best first. `allowedKinds` restricts organisation kinds (the kinds the
 * question names, or the asker's counterpart kinds). Without places or words nothing is returned.
 * Work is bounded by the candidates looked at, not by the number of functions.
 */
export function rankFunctions(knowledge: Knowledge, query: DirectoryQuery, role: Role | undefined, allowedKinds: readonly OrganisationKind[] | undefined): RankedFunction[] {
  // The router ranks a part to decide its intent and the answer ranks it again with the same
  // query; queries are cached per analysis and knowledge version, so the query identifies both.
  let memo = ranked.get(query);
  if (!memo) ranked.set(query, (memo = []));
  const same = (kinds: readonly OrganisationKind[] | undefined) =>
    kinds === allowedKinds || (kinds !== undefined && allowedKinds !== undefined && kinds.length === allowedKinds.length && kinds.every((k, i) => k === allowedKinds[i]));
  let found = memo.find((m) => m.knowledge === knowledge && m.role === role && same(m.kinds));
  if (!found) {
    found = { knowledge, role, kinds: allowedKinds, result: rank(knowledge, query, role, allowedKinds) };
    memo.push(found);
  }
  return found.result.slice();
}

/**
 * Whether {@link rankFunctions} without role and kinds could score a function at least `score`:
 * false only when it cannot. Without a place a function's score is its share of the words
 * (coverage), so when no function at all covers that share, ranking the long postings of common
 * words ("barn", "polis") is not needed to know it. With a place it ranks.
 */
export function mayScoreFunction(knowledge: Knowledge, query: DirectoryQuery, score: number): boolean {
  if (query.areas.length > 0) return true;
  const terms = knownTerms(knowledge, query);
  return terms.length > 0 && knowledge.functions.terms.mayCover(terms, score);
}

/** The question's words some function has: words no function knows ("cases", "handles") say nothing about which function is meant. */
export const knownTerms = (knowledge: Knowledge, query: DirectoryQuery) => query.terms.filter((t) => knowledge.functions.terms.termKeys(t).length > 0);

const ranked = new WeakMap<DirectoryQuery, Array<{ knowledge: Knowledge; role: Role | undefined; kinds: readonly OrganisationKind[] | undefined; result: readonly RankedFunction[] }>>();

function rank(knowledge: Knowledge, query: DirectoryQuery, role: Role | undefined, allowedKinds: readonly OrganisationKind[] | undefined): RankedFunction[] {
  const fns = knowledge.functions;
  const allow = (doc: number) => !allowedKinds || allowedKinds.includes(fns.kindOf(doc)!);
  const relation = query.areas.length > 0 ? areaRelation(knowledge, query.areas) : undefined;
  const relationMap = relation?.byArea;
  const areaScore = (doc: number) => {
    let best: number | undefined;
    for (const a of fns.list[doc]!.areas) {
      const score = relationMap?.get(a);
      if (score !== undefined && (best === undefined || score > best)) best = score;
    }
    return best;
  };

  const terms = knownTerms(knowledge, query);
  let termHits = [] as ReturnType<typeof fns.terms.search>;
  if (terms.length > 0) {
    // Within the place first: "socialjouren malmö" must not lose Malmö's jour among every other jour.
    if (relation) {
      const local = functionsIn(knowledge, relation, allow, PROBE_LIMIT);
      termHits = local ? fns.terms.searchWithin(terms, local, TERM_CANDIDATES) : fns.terms.search(terms, TERM_CANDIDATES, (doc) => allow(doc) && areaScore(doc) !== undefined);
    }
    // Only without a place: with one, a word nobody there matches must not bring in another town.
    if (termHits.length === 0 && !relation) termHits = fns.terms.search(terms, TERM_CANDIDATES, allow);
  }
  const coverage = new Map(termHits.map((h) => [h.doc, h.coverage]));
  // A known asker who names no kind asks for the other side ("vem ringer jag om en elev i
  // Rosengård", from a school, is not asking for its own kurator), unless the words name a function
  // of their own kind: all of them matched in its name or role, not in its topics or by a part.
  const namedByWords = new Set(termHits.filter((h) => h.strength >= 1 && h.coverage >= 0.8).map((h) => h.doc));
  const ownSideUnasked = (doc: number) => role !== undefined && allowedKinds === undefined && fns.kindOf(doc) === role.kind && !namedByWords.has(doc);

  const scores = new Map<number, number>();
  const consider = (doc: number) => {
    if (scores.has(doc) || !allow(doc) || ownSideUnasked(doc)) return;
    const area = relation ? areaScore(doc) : undefined;
    const cov = coverage.get(doc);
    let score: number;
    if (relation && coverage.size > 0) score = (area ?? 0.3) * (cov === undefined ? 0.3 : 0.5 + 0.5 * cov);
    else if (relation) score = area ?? 0;
    else score = cov ?? 0;
    if (cov === undefined) {
      // Asked only for a place: the everyday contacts first, the fallbacks (jour, växel) and
      // other organisations (kommunjurist) after them.
      if (fns.isFallback(doc)) score -= 0.05;
      if (!SIDES.includes(fns.kindOf(doc)!) && !query.kinds.includes(fns.kindOf(doc)!)) score -= 0.1;
    }
    scores.set(doc, score);
  };
  termHits.forEach((h) => consider(h.doc));
  // With the kinds asked for ("vilken enhet på socialtjänsten …" in Seved), every function of them
  // in the place is a candidate, also one the story's words miss: the words order them, they do
  // not decide who is there.
  if (relation && (scores.size === 0 || allowedKinds !== undefined)) {
    let lastScore = Infinity;
    for (const [areaId, score] of relation.list) {
      if (scores.size >= AREA_CANDIDATES && score < lastScore) break;
      for (const doc of fns.coveringExactly(areaId)) consider(doc);
      lastScore = score;
    }
  }

  // Counterpart links written in the knowledge beat anything inferred.
  const own = role?.functionId ? fns.get(role.functionId) : undefined;
  for (const id of own?.counterparts ?? []) {
    const doc = fns.index(id);
    if (doc === undefined || !allow(doc)) continue;
    const inArea = relation === undefined || areaScore(doc) !== undefined;
    if (inArea) scores.set(doc, (scores.get(doc) ?? 0.8) + 0.3);
  }
  // A function that names counterparts of the asker's kind is a natural first contact for them.
  if (role) {
    for (const [doc, score] of scores) {
      const linksBack = fns.list[doc]!.counterparts.some((c) => {
        const i = fns.index(c);
        return i !== undefined && fns.kindOf(i) === role.kind;
      });
      if (linksBack) scores.set(doc, score + 0.05);
    }
  }
  return [...scores]
    .filter(([, score]) => score > 0)
    .map(([doc, score]) => ({ doc, score, ...(namedByWords.has(doc) ? { named: true as const } : {}) }))
    .sort((a, b) => b.score - a.score || byName.compare(fns.list[a.doc]!.name, fns.list[b.doc]!.name));
}

/** Kinds to show for a question: named kinds win; else a counterpart question uses the asker's role. */
/**
 * "Vilken enhet på socialtjänsten ska vi på fritidsgården kontakta": beside another organisation,
 * the asker's own (its kind and the words naming it) is who asks, not whom.
 */
export function withoutAsker(query: DirectoryQuery, role: Role | undefined): DirectoryQuery {
  if (!role || query.kinds.length < 2 || !query.kinds.includes(role.kind)) return query;
  return {
    ...query,
    kinds: query.kinds.filter((k) => k !== role.kind),
    terms: query.terms.filter((t) => kindOfWords(tokenise(t.text)) !== role.kind),
  };
}

export function kindsFor(knowledge: Knowledge, query: DirectoryQuery, role: Role | undefined): readonly OrganisationKind[] | undefined {
  if (query.kinds.length > 0) return query.kinds;
  if (query.counterpart && role) return withTopicKinds(knowledge, query, role, COUNTERPART_KINDS[role.kind]);
  return undefined;
}

/** How much of the question's words a function must explain for its kind to join the counterparts. */
const TOPIC_COVERAGE = 0.8;
/**
 * "min motpart för medborgarlöften" from the police: the counterpart for that work is the
 * municipality's crime-prevention coordinator, not social services. A function of another kind
 * than the asker's that the question's words name (its topics, role or name) joins the kinds asked.
 */
function withTopicKinds(knowledge: Knowledge, query: DirectoryQuery, role: Role, kinds: readonly OrganisationKind[]): readonly OrganisationKind[] {
  const fns = knowledge.functions;
  const terms = knownTerms(knowledge, query);
  if (terms.length === 0) return kinds;
  const named = fns.terms
    .search(terms, TERM_CANDIDATES)
    .filter((h) => h.coverage >= TOPIC_COVERAGE)
    .map((h) => fns.kindOf(h.doc))
    .filter((k): k is OrganisationKind => k !== undefined && k !== role.kind && !kinds.includes(k));
  return named.length === 0 ? kinds : [...kinds, ...new Set(named)];
}

/**
 * The functions to show: the best, anything within a hair of it, and the best of each other
 * organisation kind that scores close enough, so both sides appear when the question allows both.
 */
export function pickShown(knowledge: Knowledge, ranked: readonly RankedFunction[], max = 3): RankedFunction[] {
  const best = ranked[0];
  if (!best) return [];
  const shown: RankedFunction[] = [best];
  const kinds = new Set([knowledge.functions.kindOf(best.doc)]);
  for (const r of ranked.slice(1)) {
    if (shown.length >= max) break;
    const kind = knowledge.functions.kindOf(r.doc);
    const tie = r.score >= best.score - 0.03;
    const otherSide = !kinds.has(kind) && SIDES.includes(kind!) && r.score >= best.score * 0.7;
    if (tie || otherSide) {
      shown.push(r);
      kinds.add(kind);
    }
  }
  return shown;
}
