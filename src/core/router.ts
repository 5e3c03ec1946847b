/**
 * Decides what a free-text message is: a directory question, a guidance question, a checklist,
 * a request for help, or several at once ("vem är min motpart i Fosie och får jag berätta om en
 * 16-åring?"). Each part is answered by its own module.
 */
import type { Knowledge } from './knowledge/knowledge.js';
import { checklistNamed, looksLikeChecklistWord } from './checklists.js';
import type { OrganisationKind } from './knowledge/schema.js';
import { CONTACT_WORDS, parseDirectoryQuery, rankFunctions } from './directory/lookup.js';
import { GREETINGS, kindOfWords, roleInQuestion } from './directory/role.js';
import { QUESTION_WORDS, reachesSomeone } from './guidance/direction.js';
import { CONFIDENCE_THRESHOLD } from './guidance/answer.js';
import { searchGuidance } from './guidance/search.js';
import type { Analysis, QueryTerm } from './search/analyse.js';
import { stem, tokenise } from './text/normalise.js';

export type RouteIntent = 'directory' | 'guidance' | 'checklist' | 'help' | 'unknown';

export interface Route {
  intent: RouteIntent;
  /** The part of the message this route answers, as typed. */
  text: string;
  analysis: Analysis;
}

const CHECKLIST_WORDS = new Set(['checklista', 'checklistan', 'checklistor', 'checklist', 'checklists', 'lista', 'listan', 'list']);
const STEP_BY_STEP = /\b(?:steg for steg|step by step)\b/;

function checklistCue(analysis: Analysis): boolean {
  return (
    STEP_BY_STEP.test(analysis.words.join(' ')) ||
    analysis.words.some((w) => CHECKLIST_WORDS.has(w) || looksLikeChecklistWord(w))
  );
}
const START_WORDS = new Set(['starta', 'start', 'oppna', 'borja', 'open', 'begin']);
const HELP = /^(?:hjalp|help|meny|menu|hej|hallo|hello|hi|tja|\?|vad kan (?:du|jag fraga)(?: gora| om)?|hur (?:funkar|fungerar|anvander jag) (?:du|det|detta|motpart|boten)|what can you do|how does (?:this|it) work)$/;
const GUIDANCE_STEMS = new Set(
  [
    'lämna', 'uppgifter', 'dela', 'berätta', 'sekretess', 'sekretessen', 'tystnadsplikt', 'samtycke', 'samtycka', 'anmäla', 'anmälan',
    'orosanmälan', 'polisanmäla', 'generalklausulen', 'lag', 'lagen', 'paragraf', 'gäller', 'tillåtet', 'utlämnande', 'sekretessbrytande',
    'share', 'disclose', 'tell', 'inform', 'consent', 'secrecy', 'allowed', 'law', 'informationsutbyte', 'informera',
    // A law named by its short name is a question about the law, even where a function lists it as a topic.
    'osl', 'lul', 'lvu', 'sol', 'skollagen', 'socialtjänstlagen', 'polislagen', 'brottsbalken', 'offentlighets',
  ].map((w) => stem(tokenise(w)[0]!)),
);
const MODALS = new Set(['far', 'fa', 'maste', 'may', 'must', 'allowed']);
const DEFINITION = /^(?:vad (?:ar|e|betyder|innebar|menas med)|what (?:is|are|does)|forklara|explain)\b/;
// Splits "… i Fosie och får jag …" and "…? Får …" into parts; the lookahead keeps the question word.
const CLAUSE_BREAK =
  /[?!;\n]+|\.\s+|,\s*(?=(?:och\s+)?(?:vem|vad|hur|får|far|måste|maste|kan|ska|gäller|galler|who|what|may|can)\b)|\s+(?:och|samt|men|plus|and)\s+(?=(?:vem|vad|hur|får|far|måste|maste|kan|ska|gäller|galler|who|what|may|can|is|are)\b)/iu;

function guidanceCue(analysis: Analysis): boolean {
  if (analysis.refs.length > 0) return true;
  const words = analysis.words;
  return words.some((w, i) => {
    // "far illa" is "fares badly", not "får".
    if (MODALS.has(w)) return words[i + 1] !== 'illa';
    return GUIDANCE_STEMS.has(stem(w));
  });
}

/** "polisen ringer och vill veta …": someone else calling is what happened, not whom to call. */
const CALLING = new Set(['ringer', 'mejlar', 'mailar', 'kontaktar']);
const THIRD_PERSON = new Set(['han', 'hon', 'hen', 'de', 'dom']);

/**
 * Guidance words that belong to this domain; the rest of GUIDANCE_STEMS ("gäller", "lag",
 * "berätta") also open questions about pensions, leases and jokes.
 */
const TOPICAL_STEMS = new Set(
  [
    'lämna', 'uppgifter', 'dela', 'sekretess', 'sekretessen', 'tystnadsplikt', 'samtycke', 'samtycka', 'anmäla', 'anmälan', 'orosanmälan',
    'polisanmäla', 'generalklausulen', 'utlämnande', 'sekretessbrytande', 'share', 'disclose', 'consent', 'secrecy', 'informationsutbyte',
    'osl', 'lul', 'lvu', 'sol', 'skollagen', 'socialtjänstlagen', 'polislagen', 'brottsbalken', 'offentlighets',
  ].map((w) => stem(tokenise(w)[0]!)),
);

/** "vi har kontakt med mamman", "i kontakt med skolan": contact that exists, not one asked for. */
const HAVING = new Set(['har', 'hade', 'haft', 'i', 'have', 'had', 'in', 'ta', 'tog', 'tagit']);

function directoryCue(analysis: Analysis): boolean {
  const words = analysis.words;
  return words.some((w, i) => {
    if (w === 'har' && words[i + 1] === 'hand') return true;
    if (!CONTACT_WORDS.has(w)) return false;
    const before = words[i - 1];
    if ((w === 'kontakt' || w === 'contact') && before !== undefined && HAVING.has(before)) return false;
    return !(CALLING.has(w) && before !== undefined && (THIRD_PERSON.has(before) || kindOfWords([before]) !== undefined));
  });
}

/**
 * Whether the words are about this domain at all: a legal reference, a word of a synonym group,
 * an organisation, or a kind of case. Without any, a word the knowledge happens to contain
 * ("räknar" in "räknas som särskilda omständigheter") is no ground for guidance: "hur räknar jag
 * ut min pension" gets the help, not 18 a.
 */
function inDomain(knowledge: Knowledge, analysis: Analysis, kinds: readonly OrganisationKind[], asker: OrganisationKind | undefined): boolean {
  return (
    analysis.refs.length > 0 ||
    // Two organisations ("får vi på polisen berätta för soc …") are; one with nothing else the
    // knowledge knows ("när är soc julbord") is not.
    kindsNamed(analysis.words).size > 1 ||
    (kinds.length > 0 && analysis.terms.every((t) => t.kind !== 'word' || knowledge.isKnownWord(t.text))) ||
    analysis.terms.some((t) => t.kind === 'synonym' && !everydayGroups(knowledge).has(t.keys[0]!) && kindOfWords(tokenise(t.text)) === undefined) ||
    analysis.words.some((w) => TOPICAL_STEMS.has(stem(w))) ||
    knowledge.situations.find(analysis.words).size > 0 ||
    // Most of its words are the guidance's own ("vad är omvänt skaderekvisit").
    (searchGuidance(knowledge, analysis, 1, asker)[0]?.coverage ?? 0) >= DOMAIN_COVERAGE
  );
}

/** Every organisation kind the words name, the asker's own included ("vi på polisen"). */
function kindsNamed(words: readonly string[]): Set<OrganisationKind> {
  const kinds = new Set<OrganisationKind>();
  words.forEach((w, i) => {
    const kind = kindOfWords(words.slice(i, i + 2)) ?? kindOfWords([w]);
    if (kind) kinds.add(kind);
  });
  return kinds;
}

/**
 * Synonym groups of everyday words: "berätta ett skämt", "på lördag" say nothing about this domain
 * on their own, though "berätta för polisen" does through the organisation.
 */
const EVERYDAY = ['berätta', 'information', 'kväll', 'natt', 'helg'];
const everydayGroupsByKnowledge = new WeakMap<Knowledge, ReadonlySet<string>>();
function everydayGroups(knowledge: Knowledge): ReadonlySet<string> {
  let groups = everydayGroupsByKnowledge.get(knowledge);
  if (!groups) {
    groups = new Set(EVERYDAY.flatMap((w) => knowledge.synonyms.keyOf(w) ?? []));
    everydayGroupsByKnowledge.set(knowledge, groups);
  }
  return groups;
}

/** Share of a question's weight the best snippet must explain for the words alone to place it in the domain. */
const DOMAIN_COVERAGE = 0.6;

function classify(knowledge: Knowledge, analysis: Analysis, asker: OrganisationKind | undefined): RouteIntent {
  const intent = classifyInDomain(knowledge, analysis, asker);
  if (intent !== 'guidance' && intent !== 'directory') return intent;
  const query = parseDirectoryQuery(knowledge, analysis);
  if (intent === 'guidance') return inDomain(knowledge, analysis, query.kinds, asker) ? 'guidance' : 'unknown';
  // "who do I call about my laptop": a contact word alone, with nothing a contact could be.
  const anything = query.areas.length > 0 || query.kinds.length > 0 || query.counterpart || query.terms.length === 0 || functionsKnowAWord(knowledge, query.terms) || roleInQuestion(analysis.words) !== undefined;
  return anything ? 'directory' : 'unknown';
}

/**
 * Whether a function's name, role or topics has one of the words, or, for a long word, one close
 * to it ("socialjoruen", "koordinatorn"); short words are too often near something ("bästa" ~ "väst").
 */
const functionsKnowAWord = (knowledge: Knowledge, terms: readonly QueryTerm[]) =>
  terms.some((t) => knowledge.functions.terms.termKeys(t).some((e) => e.factor === 1 || t.text.length >= LONG_WORD));
const LONG_WORD = 7;
/** "socialjouren på lördag i Malmö": most words are the functions'; "väder i Rosengård på lördag": half are not. */
const functionsKnowMostWords = (knowledge: Knowledge, terms: readonly QueryTerm[]) => terms.filter((t) => functionsKnowAWord(knowledge, [t])).length > terms.length / 2;

function classifyInDomain(knowledge: Knowledge, analysis: Analysis, asker: OrganisationKind | undefined): RouteIntent {
  const words = analysis.words;
  if (checklistCue(analysis)) return 'checklist';
  // "starta sig", "öppna samtycke": a start word and nothing but a checklist's name.
  if (START_WORDS.has(words[0] ?? '') && checklistNamed(knowledge, analysis.folded)) return 'checklist';
  if (HELP.test(words.join(' ')) || (words.length <= 3 && words.some((w) => w === 'hjalp' || w === 'help'))) return 'help';
  const query = parseDirectoryQuery(knowledge, analysis);
  const contact = directoryCue(analysis);
  const place = query.areas.length > 0;
  // "vad är SSPF" asks what it is, not who does it.
  const guidance = guidanceCue(analysis) || (!contact && DEFINITION.test(analysis.folded));
  // "orosanmälan soc fosie vem": who, at which organisation, where; unless a rule answers it surely,
  // the topic only says what the contact is about.
  const asksWhoWhere = place && query.kinds.length > 0 && words.some((w) => w === 'vem' || w === 'who');
  if (contact && !guidance) return 'directory';
  if (guidance && !contact && !asksWhoWhere) return 'guidance';
  // A place makes a contact question only with something a contact is about: "Rosengård",
  // "soc Rosengård", "ungdomsutredare Rosengård"; not "väder i Rosengård imorgon".
  if (place && !guidance) return query.terms.length === 0 || query.kinds.length > 0 || functionsKnowMostWords(knowledge, query.terms) ? 'directory' : 'unknown';
  // "jag är polis" on its own introduces the next part of the message.
  if (roleInQuestion(analysis.words) && query.terms.length === 0 && !place) return 'unknown';
  // Just an organisation ("polisen", "soc"): a contact question that still needs a place.
  if (query.kinds.length > 0 && query.terms.length === 0 && !guidance) return 'directory';
  const sure = inDomain(knowledge, analysis, query.kinds, asker) && (searchGuidance(knowledge, analysis, 1, asker)[0]?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
  if (contact && guidance) return sure && !query.counterpart ? 'guidance' : 'directory';
  // A role or function name alone ("socialjouren", "ungdomsutredare") is a directory question.
  // Ranked only when it can decide: with a guidance cue the answer below does not depend on it.
  // The functions must know every word: ranking leaves out words no function has, so "vilken
  // verksamhet ska ta initiativ till en SIP" would name a fritidsgård ("öppen verksamhet") on one
  // word of four, and "vi ser att en 14-åring hänger med gänget på kvällarna, måste vi anmäla"
  // socialjouren on "kvällarna", cutting the question from what it is about.
  const namesFunction = () => rankFunctions(knowledge, query, undefined, undefined).some((r) => r.score >= 0.9);
  const functionsKnowEveryWord = () => query.terms.every((t) => knowledge.functions.terms.termKeys(t).length > 0);
  if (!guidance && query.terms.length > 0 && functionsKnowEveryWord() && namesFunction()) return 'directory';
  if (asksWhoWhere) return 'directory';
  if (sure) return 'guidance';
  // About this domain but with no cue word ("Does the duty to report apply to youth centre staff?"):
  // the nearest guidance and whom to ask help more than "I did not understand".
  // A self-introduction ("I am a police officer") stays context for the part it opens.
  if (guidance) return 'guidance';
  return !roleInQuestion(analysis.words) && inDomain(knowledge, analysis, query.kinds, asker) ? 'guidance' : 'unknown';
}

/**
 * The message split into parts by intent; parts with the same intent in a row are merged. `asker`
 * (the asker's organisation kind) gives "vi" and "jag" a meaning in guidance questions.
 */
export function route(knowledge: Knowledge, text: string, asker?: OrganisationKind): Route[] {
  const clauses = text.split(CLAUSE_BREAK).map((c) => c?.trim()).filter((c): c is string => Boolean(c) && /[\p{L}\p{N}]/u.test(c!));
  let cursor = 0;
  const parts = clauses.map((clause) => {
    const start = Math.max(cursor, text.indexOf(clause, cursor));
    cursor = start + clause.length;
    const analysis = knowledge.analyser.analyse(clause);
    return { clause, start, end: cursor, analysis, intent: classify(knowledge, analysis, asker) };
  });
  // "Kan vi ringa polisen om det?" after a case ("… mammans sambo slog honom …") asks whether the
  // information may go there, not for the number.
  if (parts.some((p) => knowledge.situations.find(p.analysis.words).size > 0)) {
    for (const p of parts) if (p.intent === 'directory' && asksMayWeReach(p.analysis)) p.intent = 'guidance';
  }
  // "Hej." opening a question is a greeting, not a request for help.
  if (parts.length > 1) for (const p of parts) if (p.intent === 'help' && p.analysis.words.every((w) => GREETINGS.has(w) || w === 'god' || w === 'morgon')) p.intent = 'unknown';
  // In a case description ("Jag är lärare på en skola i Ronna. En elev … Måste jag anmäla?") the
  // sentences that only name a place or an organisation tell the story; they ask for no contact.
  if (parts.some((p) => p.intent === 'guidance')) {
    for (const p of parts) {
      if (p.intent === 'directory' && !asksForContact(p.analysis) && !endsWithQuestionMark(text, p.clause)) p.intent = 'unknown';
    }
  }
  const routes: Array<{ intent: RouteIntent; start: number; end: number; analysis?: Analysis }> = [];
  for (const { start, end, analysis, intent } of parts) {
    const last = routes.at(-1);
    // A part without its own intent ("och kan du ge mig numret") belongs to the part before it;
    // merged parts keep the text between them (sentences stay sentences) and are analysed again.
    if (last && (last.intent === intent || intent === 'unknown')) Object.assign(last, { end, analysis: undefined });
    else if (last && last.intent === 'unknown') Object.assign(last, { intent, end, analysis: undefined });
    else routes.push({ intent, start, end, analysis });
  }
  if (routes.length === 0) return [{ intent: 'unknown', text, analysis: knowledge.analyser.analyse(text) }];
  return routes.map((r) => {
    const part = text.slice(r.start, r.end);
    return { intent: r.intent, text: part, analysis: r.analysis ?? knowledge.analyser.analyse(part) };
  });
}

/** "får vi ringa polisen", "kan jag kontakta soc": a question word, then reaching someone. */
function asksMayWeReach(analysis: Analysis): boolean {
  const w = analysis.words;
  return w.some((word, i) => QUESTION_WORDS.has(word) && w.slice(i + 1, i + 4).some(reachesSomeone));
}

/** A contact word or a who-question: the part asks for someone. */
const asksForContact = (analysis: Analysis) => directoryCue(analysis) || analysis.words.some((w) => WHO_WORDS.has(w));
const WHO_WORDS = new Set(['vem', 'vilka', 'vilken', 'vart', 'var', 'who', 'whom', 'where']);

function endsWithQuestionMark(text: string, clause: string): boolean {
  const at = text.indexOf(clause);
  return at >= 0 && text.slice(at + clause.length).trimStart().startsWith('?');
}
