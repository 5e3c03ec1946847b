/**
 * Guidance search: the inverted index picks a shortlist (cost follows the question, not the corpus),
 * then only that shortlist is ranked by fuzzy similarity to the snippets' own question forms.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { OrganisationKind, Snippet } from '../knowledge/schema.js';
import type { Analysis, QueryTerm } from '../search/analyse.js';
import { childAtRisk, reportsByDuty, type SituationIndex } from './situations.js';
import { kindsNamed } from '../directory/role.js';
import type { Hit } from '../search/termIndex.js';
import { outsideAgeLimit } from '../text/age.js';
import { sentencesOf, tokenise } from '../text/normalise.js';
import { directionOf, flowAgreement, mentionsAsker, offersAlternatives, parentWantsToKnow, requestTold, type Direction } from './direction.js';
import { PATTERN_MAX, similarityTo } from './formSimilarity.js';
import { TOP_FIELD_WEIGHT } from './guidanceIndex.js';

/** Members of the synonym groups of handing information over and of the information itself (knowledge/synonyms.yaml). */
const SHARING_WORDS = ['lämna uppgifter', 'uppgifter'];

/**
 * Every weight of the ranking in one table, as MiniSearch keeps its defaults: what each does is
 * said here, and rank() reads nothing else. Change one with `npm run eval` before and after.
 */
export const RANKING = {
  /** Candidates taken from the index; only the best few are re-ranked on their question forms. */
  shortlist: 8,
  /**
   * With a stated direction, more are taken, so those going the other way can make room, and ties
   * are broken in favour of those written for it: common words ("lämna uppgifter", "polisen") give
   * many snippets the same score, and which of them the re-rank sees decides.
   */
  directedShortlist: 24,
  /** The index's best few, re-ranked on how close the question comes to their question forms. */
  reranked: 4,
  /** Title and the first question forms of each re-ranked snippet. */
  formsPerSnippet: 3,
  /** How the words score: share of the question explained, closeness to a question form, index score. */
  words: { coverage: 0.6, similarity: 0.25, score: 0.15 },
  /** How much the words are believed: a floor, and the parts for evidence and strength (one common word, body-text only). */
  belief: { floor: 0.55, evidence: 0.3, strength: 0.15 },
  /**
   * A snippet whose rule goes the other way than the question ("kan polisen berätta för soc" and 18 a,
   * which is socialtjänst → polis) keeps this share of its confidence: still offered as a nearby
   * answer, but never the sure one on the strength of shared words.
   */
  againstFlow: 0.6,
  /** The same, where the giver is only implied by the asker's role ("vad måste jag göra" from a school). */
  againstImpliedGiver: 0.85,
  /**
   * A question asking whether something must be done ("måste", "skyldig", "must") puts a rule that
   * says it must ("ska") before others within this much confidence of it.
   */
  dutyAsked: 0.03,
  /** A rule the facts agree with whose `flow` names a side the question states goes before one without flow within this much. */
  directedFits: 0.05,
  /** The same for a duty written for the case's kind and the asker's side: "vad måste jag göra" is asked of it. */
  dutyFits: 0.3,
  /** Telling words the asking sentence of a story needs before its coverage stands for the whole question's. */
  focusTerms: 2,
  /** Confidence cap for a rule going the other way: just under the answer threshold (guidance/answer.ts). */
  belowSure: 0.49,
  /**
   * A question naming an age that a snippet's rule is written for (18 a: under 21) gains this much:
   * between snippets sharing the same words ("lämna uppgifter till polisen"), the one made for the
   * case goes first.
   */
  ageFits: 1.1,
  /** …and one written for another age ("18 a" asked about a 22-year-old) gives way to one without the limit. */
  ageConflicts: 0.7,
  /**
   * The situations a question describes (a crime against a child, a risk of crime ahead ...) against
   * those a snippet declares: a snippet written for one of them gains, a snippet written only for
   * others loses. Facts are what decide the rule; in a long case description the words are mostly
   * about other things.
   */
  situationFits: 1.25,
  situationConflicts: 0.75,
  /** A snippet citing a provision the question names outranks one that is only similar in words. */
  namedRef: 1.3,
  namedAmongOthers: 1.1,
  /**
   * A snippet about the provision the question names ("får vi använda 10 kap. 2 § för …"), not going
   * the other way and written for the case's age and setting, is a sure answer at least this much:
   * the asker has said which rule is asked about; the words (`factsWords` of their score) choose
   * among the snippets about it.
   */
  namedSure: 0.5,
  /**
   * A snippet whose declared situation and direction both agree with the question's facts is a sure
   * answer at least this much, however many other words the description has: a case description is
   * long, and its words on the family, the place and the day are no evidence against the rule.
   * Among such snippets the words (`factsWords` of their score) and how rare the kind of case is
   * (`factsSpecificity`: "gifta bort" says more than "planerar") still decide the order.
   */
  factsAgree: 0.72,
  factsWords: 0.1,
  factsSpecificity: 0.1,
  /** In a story that tells its case, a rule the facts agree with goes before one written for no case within this much. */
  factsOverWords: 0.1,
  /** The words must still touch the snippet: the facts choose between rules, they do not invent a topic. */
  factsMinCoverage: 0.2,
  /** …or cover this much of the question's own words (its last sentence). */
  factsFocusCoverage: 0.5,
  /** The index score of a candidate found by its situation alone: above nothing, below any shared word. */
  factsOnlyScore: 1e-6,
} as const;

export interface GuidanceMatch {
  snippet: Snippet;
  /** 0..1: how sure we are that this snippet answers the question. */
  confidence: number;
  /** Share of the question's weight the snippet explains. */
  coverage: number;
}

/** The question's most telling words (rarest first), at most PATTERN_MAX characters, for the re-rank. */
function rerankPattern(knowledge: Knowledge, analysis: Analysis): string {
  const idf = (t: QueryTerm) => Math.max(0, ...t.keys.map((k) => knowledge.guidance.terms.idf(k)));
  const words = analysis.terms
    .filter((t) => t.kind !== 'ref')
    .sort((a, b) => idf(b) - idf(a))
    .map((t) => t.text);
  let pattern = '';
  for (const w of words) if (pattern.length + w.length + 1 <= PATTERN_MAX) pattern = pattern ? `${pattern} ${w}` : w;
  return pattern;
}

const cache = new WeakMap<Analysis, Map<string, GuidanceMatch[]>>();

/**
 * The best snippets for an analysed question, best first. `asker` is the asker's organisation kind,
 * so "kan vi berätta för polisen" has a giver. Cached per analysis and asker (the router asks too).
 */
export function searchGuidance(knowledge: Knowledge, analysis: Analysis, limit = 5, asker?: OrganisationKind): GuidanceMatch[] {
  let byAsker = cache.get(analysis);
  if (!byAsker) cache.set(analysis, (byAsker = new Map()));
  let all = byAsker.get(asker ?? '');
  // The municipality's jurists and coordinators (kommunledning) mostly ask on behalf of others ("en
  // handläggare frågar mig om 10 kap. 22 § gäller …"): their kind is not the implied giver.
  if (!all) byAsker.set(asker ?? '', (all = rank(knowledge, analysis, directionOf(analysis.words, asker, analysis.english), asker === 'kommunledning' ? undefined : asker)));
  return all.slice(0, limit);
}

/**
 * In a case description ("Vi har en tjej på 15 … Kan vi ringa dem trots sekretessen?") most words
 * tell the story, so how much of the whole message a snippet explains says little. The question
 * itself is the last sentence with a question mark (or the last sentence): a snippet is covered as
 * well as it covers the whole or that question, whichever is more. Facts can only make a snippet
 * sure that the words touch (`touches`); a question with no words of its own ("Vad måste jag göra
 * nu?") leaves the choice to the facts.
 */
function focusCoverage(knowledge: Knowledge, analysis: Analysis, hits: readonly Hit[]): { coverageOf: (h: Hit) => number; touches: (h: Hit) => boolean } {
  const whole = { coverageOf: (h: Hit) => h.coverage, touches: (h: Hit) => h.coverage >= RANKING.factsMinCoverage };
  const sentences = sentencesOf(analysis.folded);
  if (sentences.length < 2) return whole;
  const question = [...sentences].reverse().find((s) => s.includes('?')) ?? sentences.at(-1)!;
  const focus = knowledge.analyser.analyse(question);
  const index = knowledge.guidance.terms;
  // Words of the question the guidance has: "ringa" in "kan vi ringa polisen om det?" tells nothing.
  const telling = focus.terms.filter((t) => index.termKeys(t).some((e) => e.factor === 1));
  // "Vad måste jag göra nu?" has none: the facts choose.
  if (telling.length === 0) return { ...whole, touches: () => true };
  const docs = hits.map((h) => h.doc);
  const all = new Map(index.searchWithin(focus.terms, docs, docs.length, TOP_FIELD_WEIGHT).map((f) => [f.doc, f.coverage]));
  const known = new Map(index.searchWithin(telling, docs, docs.length, TOP_FIELD_WEIGHT).map((f) => [f.doc, f.coverage]));
  // "Får jag berätta det?" after a story: one word, which every rule about telling has, says nothing
  // of which rule; the story's words decide how much of the question a snippet answers.
  const weight = telling.length >= RANKING.focusTerms ? 1 : 0.5;
  const focused = (h: Hit) => Math.max(h.coverage, h.coverage + weight * ((all.get(h.doc) ?? 0) - h.coverage));
  return {
    coverageOf: focused,
    touches: (h) => focused(h) >= RANKING.factsMinCoverage || (known.get(h.doc) ?? 0) >= RANKING.factsFocusCoverage,
  };
}

/**
 * Whether the snippet's rule holds only for ages other than every one the question names. A limit
 * on the protected child's age (`victim`) is not contradicted by an adult's age in a question that
 * describes a case about a child the rule is for: "en 25-åring säljer hasch till ungdomar" is 10 kap. 22 §.
 */
export function writtenForAnotherAge(knowledge: Knowledge, snippet: Snippet, analysis: Analysis): boolean {
  if (snippet.age === undefined || !outsideAgeLimit(analysis.ages, snippet.age)) return false;
  if (!snippet.age.victim) return true;
  // The case must be one about a child (found only where a child is named): "en 20-årig kvinna som
  // flytt efter hedersförtryck" is about her, and 10 kap. 21 § does not hold at 20.
  const found = knowledge.situations.find(analysis);
  return !snippet.situations.some((s) => found.has(s) && knowledge.situations.byId.get(s)?.child);
}

/**
 * A snippet whose rule turns on a child as victim or receiver: written for a child victim's age
 * (10 kap. 21 §), or for exactly one kind of case about a child.
 */
function decidedByChild(knowledge: Knowledge, snippet: Snippet): boolean {
  if (snippet.age?.victim && snippet.flow?.to?.includes('polis')) return true;
  const kinds = snippet.situations.filter((x) => !knowledge.situations.byId.get(x)?.context);
  return kinds.length === 1 && knowledge.situations.byId.get(kinds[0]!)?.child !== undefined;
}

const isContext = (knowledge: Knowledge, id: string) => knowledge.situations.byId.get(id)?.context === true;
/** A message of this many sentences tells a story, and a story tells its case. */
const STORY_SENTENCES = 2;
/** How many kinds of case a snippet may be written for and still be narrow: its own case must be told. */
const FEW_CASES = 2;
/** Written for one or two kinds of case and no setting (the honour-based rule, 10 kap. 23 §), not for any child at risk. */
const writtenForFewCases = (knowledge: Knowledge, snippet: Snippet) =>
  snippet.situations.length > 0 && snippet.situations.length <= FEW_CASES && snippet.situations.every((x) => !isContext(knowledge, x));
/** Every situation the snippet declares is a setting the question does not name (LVU, skyddade personuppgifter). */
const writtenOnlyForAbsentSetting = (knowledge: Knowledge, snippet: Snippet, situations: ReadonlySet<string>) =>
  snippet.situations.length > 0 && snippet.situations.every((x) => isContext(knowledge, x) && !situations.has(x));
/**
 * The question names a setting the snippet is not written for, and the snippet one the question does
 * not name: an SSPF meeting where a parent refuses is not answered by the rule for a SIP.
 */
const writtenForAnotherSetting = (knowledge: Knowledge, snippet: Snippet, situations: ReadonlySet<string>) =>
  snippet.situations.some((x) => isContext(knowledge, x) && !situations.has(x)) && [...situations].some((x) => isContext(knowledge, x) && !snippet.situations.includes(x));

/** How a snippet's declared situations fit those the question describes: 1 agrees, -1 conflicts, 0 says nothing. */
function situationAgreement(snippet: Snippet, situations: ReadonlySet<string>, index: SituationIndex): number {
  if (snippet.situations.length === 0 || situations.size === 0) return 0;
  // A question naming only a setting ("SSPF") has not said what kind of case it is: no conflict.
  if (!snippet.situations.some((s) => situations.has(s))) return [...situations].some((s) => !index.byId.get(s)?.context) ? -1 : 0;
  // "lvu-rymning" is written for akut fara under LVU: acute danger alone is not its case.
  return snippet.situations.every((s) => situations.has(s) || !index.byId.get(s)?.context) ? 1 : 0;
}

/** Snippets written for the situations the question describes: candidates the words alone may not reach. */
function bySituation(knowledge: Knowledge, situations: ReadonlySet<string>): number[] {
  return [...new Set([...situations].flatMap((id) => knowledge.situations.snippetsFor(id, knowledge.guidance.list)))];
}

/**
 * `implied` is the asker's kind: where no word names a giver the organisations know ("Vad måste
 * jag göra nu?" from a school, "får fältarna ge polisen namn …" from fritid), the asker is the one
 * who would give. Weaker than a stated direction.
 */
function rank(knowledge: Knowledge, analysis: Analysis, direction: Direction, implied: OrganisationKind | undefined): GuidanceMatch[] {
  const index = knowledge.guidance;
  const directed = direction.from !== undefined || direction.to !== undefined;
  const situations = knowledge.situations.find(analysis);
  // "10:27", "12 kap 3 §", "18 b": typed as a provision, not a word that stands for one ("generalklausulen").
  // "Is there another route than 18 a?", "utan att pröva 18 a": the provision named is the one the
  // answer is not, so it earns no place ahead of the others.
  const typedRefs = OTHER_ROUTE.test(analysis.folded)
    ? []
    : analysis.terms.filter((t) => t.kind === 'ref' && /\d/.test(t.text)).flatMap((t) => t.keys.map((k) => k.slice('ref:'.length)));
  // "generalklausulen": a provision named by a word; a snippet citing it gains as one citing a typed provision among others.
  const wordRefs = analysis.terms.filter((t) => t.kind === 'ref' && !/\d/.test(t.text)).flatMap((t) => t.keys.map((k) => k.slice('ref:'.length)));
  let hits = index.terms.search(analysis.terms, directed ? RANKING.directedShortlist : RANKING.shortlist, undefined, TOP_FIELD_WEIGHT);
  const known = new Set(hits.map((h) => h.doc));
  const extra = bySituation(knowledge, situations).filter((d) => !known.has(d));
  if (extra.length > 0) {
    const found = index.terms.searchWithin(analysis.terms, extra, extra.length, TOP_FIELD_WEIGHT);
    // Written for the case's kind but sharing no word with the story: still a candidate, on facts alone.
    const wordless = extra.filter((d) => !found.some((f) => f.doc === d)).map((doc) => ({ doc, score: RANKING.factsOnlyScore, coverage: 0, evidence: 0, strength: 0 }));
    hits = [...hits, ...found, ...wordless];
  }
  if (hits.length === 0) return [];
  const { coverageOf, touches } = focusCoverage(knowledge, analysis, hits);
  const fit = new Map<number, number>();
  const agreement = new Map<number, number>();
  /** Snippets whose direction names a side the question states ("to the police"). */
  const directedTo = new Set<number>();
  /** Docs whose rule goes the other way than the question. */
  const againstDocs = new Set<number>();
  const factsAgree = new Set<number>();
  /** Snippets about the provision the question names, fitting its facts: sure on that alone (`namedSure`). */
  const namedFits = new Set<number>();
  const outOfSetting = new Set<number>();
  // "får jag ringa soc?" about a child who is hit, from someone whose work has the duty to report:
  // the answer is that they must, so the duty is what is asked.
  // "ska jag ringa polisen eller soc?" offers social services as one of the receivers.
  const toSocialServices = direction.to === 'socialtjanst' || (offersAlternatives(analysis.words) && kindsNamed(analysis.words).has('socialtjanst'));
  // "Vad ska jag göra?" about such a child from the same asker: what they must do is the answer.
  // Not when social services ask it themselves ("får polisen svara mig?" from the intake): they receive.
  const askerReceives = implied !== undefined && implied === direction.to;
  // A child at risk, told by someone whose work has the duty to report it.
  const reportableByGiver = reportsByDuty(direction.from ?? implied) && childAtRisk(situations, analysis.ages);
  // Social services report to no one else: their "do we have to?" beside a parent is about the parent.
  const reportsElsewhere = (direction.from ?? implied) !== 'socialtjanst';
  // "Ska jag ringa föräldrarna först?" about such a child from someone with the duty: the answer is
  // the duty, which does not wait for the parents' version.
  // Not a parent who demands to know ("pappan kräver att få veta vad vi pratat om"): that is what the parent may be told.
  const parentDemands = direction.toParent === true && parentWantsToKnow(analysis.words);
  const callsParentsFirst = direction.toParent === true && reportsElsewhere && !parentDemands;
  // "Måste skolan lämna ut anteckningarna till mamman?" when the mother demands them: the duty asked
  // is towards the parent, which a rule on what the parent may be told answers, not the duty to report.
  const story = sentencesOf(analysis.folded).length >= STORY_SENTENCES;
  // A story of such a child from someone with the duty, naming no other receiver ("Överläkaren tvekar
  // att anmäla …", "Jag vet inte om jag bryter sekretessen om jag går vidare"): whatever it asks, the
  // duty is the answer to it.
  // Not social services, who report to no one else, nor a story of someone asking for information.
  const toldToNoOne =
    reportsElsewhere && direction.to === undefined && !direction.toParent && story && !requestTold(lastWords(analysis, 2));
  const dutyAsked =
    (asksForDuty(analysis) && !parentDemands) || (((toSocialServices && !askerReceives) || asksWhatToDo(analysis.words) || callsParentsFirst || toldToNoOne) && reportableByGiver);
  // "Måste jag anmäla?" about such a child names no receiver, but a duty to report has one: social
  // services. A rule saying it must be reported there agrees with the question on both counts, and
  // comes before telling the parents ("do I have to report, and may I tell her parents?").
  const dutyDirection: Direction =
    dutyAsked && direction.to === undefined && reportableByGiver ? (reportsElsewhere ? withoutParent({ ...direction, to: 'socialtjanst' }) : { ...direction, to: 'socialtjanst' }) : direction;
  const caseUntold = ![...situations].some((x) => !knowledge.situations.byId.get(x)?.context);
  const storyWithoutCase = caseUntold && story;
  const askerNamed = mentionsAsker(analysis.words);
  const schoolHealth = analysis.words.some((w, i) => SCHOOL_HEALTH.has(w) || (w === 'school' && analysis.words[i + 1] === 'nurse'));
  for (const h of hits) {
    const snippet = index.list[h.doc]!;
    // A school nurse gives under health care's secrecy: a rule written for health care is hers too.
    const asHealthCare = schoolHealth && snippet.flow?.from?.includes('region') === true && !snippet.flow.from.includes('skola');
    const giving = asHealthCare && direction.from === 'skola' ? { ...direction, from: 'region' as const } : direction;
    const stated = flowAgreement(snippet.flow, snippet.verdict === 'ska' ? dutyDirection : giving);
    // The asker as the implied giver counts only where the question names no giver itself.
    const giver = asHealthCare && implied === 'skola' ? 'region' : implied;
    const byImplied = direction.from === undefined && giver !== undefined && snippet.flow?.from ? (snippet.flow.from.includes(giver) ? 1 : -1) : 0;
    const agrees = stated < 0 ? stated : stated + Math.max(0, byImplied);
    const ageConflicts = writtenForAnotherAge(knowledge, snippet, analysis);
    const ageFits = snippet.age !== undefined && analysis.ages.length > 0 && !outsideAgeLimit(analysis.ages, snippet.age);
    const situation = situationAgreement(snippet, situations, knowledge.situations);
    // A snippet about the provision (its first reference) before one that mentions it among others.
    // The question names the provision this snippet is about (its first reference).
    const named = typedRefs.includes(snippet.references[0] ?? '');
    const namesRef =
      typedRefs.length > 0 && named ? RANKING.namedRef : snippet.references.some((r) => typedRefs.includes(r) || wordRefs.includes(r)) ? RANKING.namedAmongOthers : 1;
    agreement.set(h.doc, agrees + situation);
    if (agrees > 0) directedTo.add(h.doc);
    if (agrees < 0) againstDocs.add(h.doc);
    let f = agrees < 0 ? RANKING.againstFlow : ageFits ? RANKING.ageFits : ageConflicts ? RANKING.ageConflicts : 1;
    if (agrees >= 0 && byImplied < 0) f *= RANKING.againstImpliedGiver;
    // A rule going the other way, or written for another giver than the asker, is never made surer
    // by the case's kind: who gives and who receives decide first.
    if (situation > 0 && agrees >= 0 && byImplied >= 0) f *= RANKING.situationFits;
    else if (situation < 0) f *= RANKING.situationConflicts;
    // Written only for a setting the question does not name (skyddade personuppgifter, LVU): offered,
    // never the sure answer. Naming the snippet's provision ("29 kap. 14 § skollagen") names its setting.
    if (!named && (writtenOnlyForAbsentSetting(knowledge, snippet, situations) || writtenForAnotherSetting(knowledge, snippet, situations))) outOfSetting.add(h.doc);
    // Written for one kind of case that a child's part decides ("langning": supplying a minor) and
    // asked with its words but not that fact ("en 17-åring säljer knark", to whom?): offered, never
    // the sure answer.
    if (caseUntold && !named && decidedByChild(knowledge, snippet)) outOfSetting.add(h.doc);
    // Written for kinds of case, and asked in a story of several sentences that tells none of them
    // ("en kille visade en pistol … får jag ringa polisen direkt?" is no honour-based case): a story
    // tells its case, so words it shares with the rule ("ringa", "direkt") make it offered, not sure.
    if (storyWithoutCase && !named && writtenForFewCases(knowledge, snippet)) outOfSetting.add(h.doc);
    // "Gäller 18 b för oss?" from a region: the asker, named as "oss", is the one the rule would
    // have to be written for; one written for another giver is offered, never the sure answer.
    if (byImplied < 0 && !directed && askerNamed) outOfSetting.add(h.doc);
    // A friskola is under no OSL secrecy (skollagen 29 kap. 14 §): a rule on what a school may hand
    // over under OSL, not written for a friskola, is offered there, never the sure answer.
    if (situations.has(FRISKOLA) && !snippet.situations.includes(FRISKOLA) && snippet.flow?.from?.includes('skola') && snippet.references[0]?.startsWith('OSL')) outOfSetting.add(h.doc);
    f *= namesRef;
    fit.set(h.doc, f);
    // The case's kind and both sides of the stated direction are enough; with less, the words must touch it.
    // "Vad måste jag göra?" from a school about a child who is hit: the duty the asker has for this
    // kind of case answers it, whatever words the story uses.
    const dutyFits = dutyAsked && snippet.verdict === 'ska';
    // A provision named in the question ("can 18 a be used for …") is as good as touching words.
    // Both sides count, the giver also when it is the asker ("Can I report the cousin to the police?" from health care).
    // A snippet written for kinds of case as well as a setting needs one of its kinds: the setting
    // shared (a friskola) does not make its rule on a polisanmälan the answer to another question there.
    const kinds = snippet.situations.filter((x) => !isContext(knowledge, x));
    const caseAgrees = kinds.length === 0 || kinds.some((x) => situations.has(x));
    // Facts choose between rules: a snippet citing no provision (a proposal, an overview, a
    // programme like Sluta skjut) is never made sure by them.
    const rule = snippet.references.length > 0;
    if (rule && situation > 0 && caseAgrees && agrees > 0 && byImplied >= 0 && (agrees === 2 || touches(h) || dutyFits || named) && !ageConflicts) factsAgree.add(h.doc);
    // The general rule for a direction ("Vad polisen får berätta för skolan"), asked with both its
    // sides and touched by the words: sure, unless a rule written for the case fits too (it ranks by its words).
    else if (snippet.general && agrees === 2 && !ageConflicts && !outOfSetting.has(h.doc) && touches(h)) factsAgree.add(h.doc);
    // A parent told, by the giver the rule is written for ("får jag säga till mamman att sonen är
    // misstänkt" from the police: LUL 5), or by anyone where the rule names no giver: who gives and
    // who receives decide it, every side the rule states agreeing. A rule for anyone telling a parent
    // (vh-*) states one side, so it is sure only where the question tells no kind of case or setting
    // it does not name (a protected address, a placement, honour-based violence have rules of their own).
    else if (direction.toParent && snippet.flow?.toParent && !ageConflicts && !outOfSetting.has(h.doc)) {
      const fitsCase = situation > 0 || (snippet.situations.length === 0 && (snippet.flow.from !== undefined || situations.size === 0));
      if (fitsCase && agrees === (snippet.flow.from ? 2 : 1)) factsAgree.add(h.doc);
    }
    if (named && agrees >= 0 && byImplied >= 0 && situation >= 0 && !ageConflicts && !outOfSetting.has(h.doc)) namedFits.add(h.doc);
  }
  if (directed) {
    // The other way last; among equal scores, those written for this direction first.
    const against = (h: Hit) => againstDocs.has(h.doc);
    const byScore = (a: Hit, b: Hit) => b.score - a.score || agreement.get(b.doc)! - agreement.get(a.doc)!;
    const ordered = [...hits.filter((h) => !against(h)).sort(byScore), ...hits.filter(against)];
    hits = [...ordered.slice(0, RANKING.shortlist), ...ordered.slice(RANKING.shortlist).filter((h) => factsAgree.has(h.doc))];
  }
  // Those the facts point at stay in the re-rank whatever their words scored.
  const factual = [...factsAgree].filter((d) => !hits.slice(0, RANKING.reranked).some((h) => h.doc === d));
  if (factual.length > 0) {
    const byDoc = new Map(hits.map((h) => [h.doc, h]));
    const moved = factual.map((d) => byDoc.get(d)).filter((h): h is Hit => h !== undefined);
    hits = [...moved, ...hits.filter((h) => !factual.includes(h.doc))];
  }
  const pattern = rerankPattern(knowledge, analysis);
  const similarity = new Map<number, number>();
  if (pattern.length > 1) {
    const similarityOf = similarityTo(pattern);
    for (const h of hits.slice(0, RANKING.reranked)) {
      similarity.set(h.doc, Math.max(...index.rankingForms(h.doc, RANKING.formsPerSnippet).map(similarityOf)));
    }
  }
  const maxScore = Math.max(...hits.map((h) => h.score));
  const specificity = (snippet: Snippet) => Math.max(0, ...snippet.situations.filter((x) => situations.has(x)).map((x) => 1 - knowledge.situations.share(x, index.list)));
  // Rules going the other way come after every other candidate, whatever their words scored; a
  // snippet about a provision the question names ("18 c") comes before those only similar in words.
  // Not one written for another setting where a rule for this one cites the provision too: "10 kap.
  // 27 §" asked by a friskola is answered by the rule for friskolor, which cites it among others.
  const citesTyped = (doc: number) => index.list[doc]!.references.some((r) => typedRefs.includes(r));
  const namedInSetting = hits.some((h) => citesTyped(h.doc) && !outOfSetting.has(h.doc) && !againstDocs.has(h.doc));
  const aboutTyped = (doc: number) => typedRefs.includes(index.list[doc]!.references[0] ?? '') && (!outOfSetting.has(doc) || !namedInSetting);
  const order = (doc: number) => (againstDocs.has(doc) ? 2 : aboutTyped(doc) ? 0 : 1);
  const ranked = hits.map((h) => {
      const coverage = coverageOf(h);
      const sim = pattern.length > 1 ? (similarity.get(h.doc) ?? 0) : coverage;
      // Coverage says how much of the question is answered; evidence and strength temper answers
      // resting on one common word or on words found only in the body text.
      const base = RANKING.words.coverage * coverage + RANKING.words.similarity * sim + RANKING.words.score * (h.score / maxScore);
      let confidence = Math.min(1, base * (RANKING.belief.floor + RANKING.belief.evidence * h.evidence + RANKING.belief.strength * h.strength) * fit.get(h.doc)!);
      // The other way round is offered, never answered: "kan polisen berätta för soc" is not 18 a.
      if (againstDocs.has(h.doc) || outOfSetting.has(h.doc)) confidence = Math.min(confidence, RANKING.belowSure);
      // Among snippets the facts agree with, the words still decide the order.
      // The rarer the kind of case a snippet is written for, the more the fact tells ("gifta bort"
      // says more than "planerar"): it counts beside the words.
      if (factsAgree.has(h.doc)) confidence = Math.max(confidence, Math.min(1, RANKING.factsAgree + RANKING.factsWords * base + RANKING.factsSpecificity * specificity(index.list[h.doc]!)));
      if (namedFits.has(h.doc)) confidence = Math.max(confidence, Math.min(1, RANKING.namedSure + RANKING.factsWords * base));
      return { doc: h.doc, match: { snippet: index.list[h.doc]!, confidence: Math.round(confidence * 100) / 100, coverage } };
  });
  const last = explainsLast(knowledge, analysis, ranked.map((r) => r.match));
  // "Måste jag göra en orosanmälan …": asked whether it must be done, the rule that says it must
  // goes before one that fits the words as well but only says it may ("rådfråga först").
  const duty = (r: { doc: number; match: GuidanceMatch }) =>
    !dutyAsked || r.match.snippet.verdict !== 'ska' ? 0 : factsAgree.has(r.doc) ? RANKING.dutyFits : RANKING.dutyAsked;
  const key = (r: { doc: number; match: GuidanceMatch }) => r.match.confidence + duty(r);
  // A rule the facts agree with, written for the side the question states, before one written for
  // anyone ("polisen vill ha adressen": the police's request).
  const statedSide = (r: { doc: number }) => factsAgree.has(r.doc) && directedTo.has(r.doc);
  const forStatedSide = (a: { doc: number; match: GuidanceMatch }, b: { doc: number; match: GuidanceMatch }) => {
    if (Math.abs(key(a) - key(b)) > RANKING.directedFits) return 0;
    if (statedSide(a) && !directedTo.has(b.doc)) return -1;
    if (statedSide(b) && !directedTo.has(a.doc)) return 1;
    return 0;
  };
  // In a story that tells its case, a rule the facts agree with goes before a close one written for
  // no kind of case, which only the words chose: "Får vi ringa polisen om det?" after a boy of 12 hit
  // by his mother's partner is 10 kap. 21 §, not the rule for the police asking about a client. Not
  // where the story tells a request ("polisen bad om hans frånvarolista"): rules on answering one fit it.
  const caseTold = !caseUntold && story && !requestTold(analysis.words);
  const wordsOnly = (r: { doc: number; match: GuidanceMatch }) => !factsAgree.has(r.doc) && r.match.snippet.situations.length === 0 && !namedFits.has(r.doc);
  const factsFirst = (a: { doc: number; match: GuidanceMatch }, b: { doc: number; match: GuidanceMatch }) => {
    if (!caseTold || Math.abs(key(a) - key(b)) > RANKING.factsOverWords) return 0;
    if (factsAgree.has(a.doc) && wordsOnly(b)) return -1;
    if (factsAgree.has(b.doc) && wordsOnly(a)) return 1;
    return 0;
  };
  // A question that is nothing but a provision ("lul 6", "6 § LUL"), which several snippets are
  // about: the one about that provision alone before those citing it among others.
  const onlyRefs = typedRefs.length > 0 && analysis.terms.every((t) => t.kind === 'ref');
  const alone = (r: { match: GuidanceMatch }) => (onlyRefs ? r.match.snippet.references.length : 0);
  return ranked.sort((a, b) => order(a.doc) - order(b.doc) || forStatedSide(a, b) || factsFirst(a, b) || key(b) - key(a) || last(a.match) - last(b.match) || alone(a) - alone(b)).map((r) => r.match);
}

/**
 * The school's health care (skolsköterska, skolläkare) keeps health care's secrecy (25 kap. 1 § OSL;
 * elevhalsan-kurator), so what health care may hand over, she may.
 */
const SCHOOL_HEALTH = new Set(['skolskoterska', 'skolskoterskan', 'skolskoterskor', 'skolskoterskorna', 'skollakare', 'skollakaren']);

const FRISKOLA = 'friskola';

/** Asking for a route other than the provision named (folded). */
const OTHER_ROUTE = /\b(?:another (?:route|rule|option|ground|legal basis)|other (?:routes?|rules?|options?|grounds?)|any other (?:route|rule|option|ground|way)|annan (?:vag|grund|regel|mojlighet|paragraf)|annat (?:lagstod|stod|satt)|andra (?:vagar|grunder|regler|mojligheter)|utan att (?:prova|anvanda|ga via)|forutom|utover)\b/;

/** Words that ask whether something must be done. */
const DUTY_WORDS = new Set(['maste', 'skyldig', 'skyldiga', 'skyldighet', 'anmalningsplikt', 'plikt', 'must', 'obliged', 'required', 'duty']);
/** "do I need to tell", "do we have to report", "behöver vi anmäla": a duty asked in two words. */
const DUTY_PAIRS = new Set(['need to', 'needs to', 'have to', 'has to', 'behover vi', 'behover jag']);
/**
 * "vad ska jag göra", "what should I do", and whether waiting will do ("räcker det att vi tar det på
 * torsdag", "kan vi vänta", "is it enough to"): the asker's next step.
 */
const WHAT_TO_DO = /\b(?:vad (?:ska|bor|maste) (?:jag|vi) gora|vad gor (?:jag|vi)(?: nu)?$|hur (?:ska|bor) (?:jag|vi) gora|hur gor (?:jag|vi)(?: nu)?$|what (?:should|do|must|shall) (?:i|we) do|racker det (?:att|om|med)|kan (?:vi|jag) vanta|is it enough|can (?:we|i) wait)\b/;
const asksWhatToDo = (words: readonly string[]) => WHAT_TO_DO.test(words.join(' '));
/** "ska vi anmäla ändå?", "should I report it": whether to report is whether one must (not "polisanmäla", which has no general duty). */
const SHOULD_REPORT = /\b(?:ska|bor|should) (?:vi|jag|we|i) (?:\w+ )?(?:anmala|orosanmala|report)\b(?! (?:it )?to the police)/;
const asksForDuty = (analysis: Analysis) =>
  analysis.words.some((w, i) => DUTY_WORDS.has(w) || DUTY_PAIRS.has(`${w} ${analysis.words[i + 1]}`)) || SHOULD_REPORT.test(analysis.words.join(' '));

/**
 * Between sibling snippets that fit equally (18 a, its conditions, how to document it), a question
 * about handing something over ("hinner vi lämna uppgifter enligt 18 a") gets the one that says
 * whether it may be done before the one that only explains: 1 for an explaining snippet with such
 * a sibling (same first provision, same confidence), else 0.
 */
function explainsLast(knowledge: Knowledge, analysis: Analysis, matches: readonly GuidanceMatch[]): (m: GuidanceMatch) => number {
  const sharing = new Set(SHARING_WORDS.map((w) => knowledge.synonyms.keyOf(w)));
  if (!analysis.terms.some((t) => sharing.has(t.keys[0]))) return () => 0;
  const ruling = new Set(matches.filter((m) => m.snippet.verdict !== 'information').map((m) => `${m.confidence} ${m.snippet.references[0] ?? ''}`));
  return (m) => Number(m.snippet.verdict === 'information' && ruling.has(`${m.confidence} ${m.snippet.references[0] ?? ''}`));
}

/** The words of the message's last `n` sentences: where a story tells what is asked. */
const lastWords = (analysis: Analysis, n: number) => tokenise(sentencesOf(analysis.folded).slice(-n).join(' '));

/** The direction with its receiver no longer a parent. */
function withoutParent(direction: Direction): Direction {
  const { toParent: _parent, ...rest } = direction;
  return rest;
}
