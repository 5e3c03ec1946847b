/**
 * Decides what a free-text message is: a directory question, a guidance question, a checklist,
 * a request for help, or several at once ("vem är min motpart i Fosie och får jag berätta om en
 * 16-åring?"). Each part is answered by its own module.
 */
import type { Knowledge } from './knowledge/knowledge.js';
import { checklistNamed, looksLikeChecklistWord, rankChecklists } from './checklists.js';
import type { OrganisationKind } from './knowledge/schema.js';
import { CONTACT_WORDS, knownTerms, mayScoreFunction, mentionsContact, parseDirectoryQuery, rankFunctions, SOMEONE_WORDS } from './directory/lookup.js';
import { GREETINGS, kindAt, kindLabel, kindOfWords, kindsNamed, namesOrganisation, roleInQuestion } from './directory/role.js';
import { directionOf, FIRST_PERSON, mentionsAsker, PARENTS, QUESTION_WORDS, reachesSomeone } from './guidance/direction.js';
import { CONFIDENCE_THRESHOLD } from './guidance/answer.js';
import { searchGuidance } from './guidance/search.js';
import type { Analysis, QueryTerm } from './search/analyse.js';
import { SENTENCE_PERIOD, stem, tokenise } from './text/normalise.js';

export type RouteIntent = 'directory' | 'guidance' | 'checklist' | 'help' | 'unknown';

export interface Route {
  intent: RouteIntent;
  /** The message is about an everyday topic outside the domain: help, not a saved role or a contact. */
  offTopic?: true;
  /** The part of the message this route answers, as typed. */
  text: string;
  analysis: Analysis;
}

const CHECKLIST_WORDS = new Set(['checklista', 'checklistan', 'checklistor', 'checklist', 'checklists', 'lista', 'listan', 'list', 'lathund', 'lathunden']);
/** "något att bocka av", "what should we tick off": a list to tick, whatever it is called. */
const TICK_OFF = /\b(?:bocka av|bockar av|tick off|tick them off)\b/;
const STEP_BY_STEP = /\b(?:steg for steg|step by step)\b/;

/**
 * "en lista på ett trettiotal ungdomar", "a list of names": a list of things is not a checklist;
 * "en lista på vad ett samtycke ska innehålla" is.
 */
const LIST_OF = new Set(['pa', 'over', 'med', 'of', 'with', 'fran', 'from']);
const LIST_OF_WHAT = new Set(['vad', 'hur', 'vilka', 'what', 'how', 'which', 'steg', 'stegen', 'momenten', 'moment', 'punkter', 'punkterna', 'steps', 'the']);
const PLAIN_LIST = new Set(['lista', 'listan', 'list']);
/** "en sådan lista", "such a list": a list the story has described, so a list of things. */
const LIST_REFERRED = new Set(['sadan', 'sadana', 'such']);
/** "skicka listan", "lämna ut en lista", "send the list": a list handed over is a list of things. */
const HANDED = /^(?:skicka|skickar|lamna|lamnar|ut|ge|ger|dela|delar|mejla|maila|send|share|give|forward|hand)$/;
/** Words between a verb or "sådan" and the list it is about ("skicka hela listan", "send the list"). */
const BEFORE_LIST = new Set(['en', 'ett', 'den', 'hela', 'a', 'the', 'that', 'this']);
const listOfThings = (words: readonly string[], i: number) => {
  const before = words.slice(Math.max(0, i - 3), i).filter((w) => !BEFORE_LIST.has(w));
  const referred = PLAIN_LIST.has(words[i]!) && (LIST_REFERRED.has(before.at(-1) ?? '') || HANDED.test(before.at(-1) ?? ''));
  return (LIST_OF.has(words[i + 1] ?? '') && !LIST_OF_WHAT.has(words[i + 2] ?? '')) || referred;
};

const LAST_STEPS = new Set(['steg', 'stegen', 'steps', 'arendegang', 'arendegangen']);
function checklistCue(analysis: Analysis): boolean {
  const words = analysis.words;
  const joined = words.join(' ');
  // "prövning sekretess innan utlämnande steg": typed as a search, the steps asked for last.
  if (words.length >= 2 && LAST_STEPS.has(words.at(-1)!)) return true;
  // "sekretessbedömning steg innan utlämnande": in a search of a few words, steps anywhere ask for them.
  if (words.length >= 3 && words.length <= TERSE_WORDS && words.some((w) => LAST_STEPS.has(w))) return true;
  return STEP_BY_STEP.test(joined) || TICK_OFF.test(joined) || words.some((w, i) => (CHECKLIST_WORDS.has(w) && !listOfThings(words, i)) || looksLikeChecklistWord(w));
}
/**
 * A procedure asked for in plain words: "vilka steg", "vad ska vi gå igenom innan", "hur startar vi",
 * "what steps", "how do we get started". With a checklist that fits, the checklist is the answer.
 */
// "go through social services" is going via them, not going through the steps.
const PROCEDURE =
  /\b(?:vilka steg|vilka moment|i vilken ordning|ga igenom|punkterna|arbetsgang(?:en)?|fran borjan till slut|fran start till avslut|from start to finish|hur (?:startar|borjar|kommer) (?:vi|man|jag)|hur (?:gar|ska|bor) (?:vi|man|jag) (?:ga )?tillvaga|hur gar (?:\w+ ){1,5}till|vad ar stegen|punktlista|arende gang|en ordning att ga efter|vad (?:ska|behover|bor|maste) (?:vi|jag|man) (?:ha ordning pa|tanka pa) (?:innan|infor|nar(?! det galler))|(?<!och )vad (?:ska|behover|bor|maste) (?:vi|jag|man) tanka pa$|what do (?:we|i) need to think about|get it going|(?:komma|fa) igang|rutinen for|what steps|which steps|the steps|the process|how do (?:we|i) (?:get started|start|begin|go about)|what should (?:we|i) (?:check|tick off)|walk (?:us|me) through|off the ground|fran start till (?:slut|mal)|from start to (?:end|finish)|hur ser (?:gangen|arbetsgangen|processen) ut|hur (?:\w+ )?dra(?:r)? (?:\w+ )?igang|go through(?! (?:the )?(?:social services|soc|police|school|health care|bup|them|us|someone))|run through|i ratt ordning|(?:finns det|har ni|har vi|vilken|er|var) (?:en |nagon )?rutin|(?<!som )rutin$|what (?:\w+ )?(?:do|should|must) (?:we|i) (?:need to |have to )?(?:check|verify|sort out)|how (?:do|should|can) (?:we|i) set up|hur (?:(?:ska|bor|kan) (?:vi|jag|man) )?lagg(?:er|a) (?:\w+ ){0,2}upp|punkt for punkt|point by point|vad (?:ska|behover|bor|maste) (?:vi|jag|man) (?:ordna|kontrollera|ha koll pa)|hur (?:ska|bor|gor) (?:vi|jag|man) (?:gora )?(?:bedomningen|provningen|sekretessbedomningen|sekretessprovningen))\b/;
/** A rule answering what something must contain this surely comes before a checklist's items. */
const CONTENTS_RULE = 0.8;
/**
 * What something must contain ("vad ska med", "vad måste en samtyckesblankett innehålla", "what
 * should the consent form include"): a checklist's items, unless a rule answers it clearly ("vad ska
 * en orosanmälan från polisen innehålla" has its own snippet).
 */
const CONTENTS = /\b(?:vad ska med|vad (?:ska|behover|bor|maste) vara med|vad (?:ska|behover|bor|maste) (?:\w+ ){1,6}innehalla|what should (?:\w+ ){1,4}(?:cover|include|contain))\b/;
/** How well a checklist must fit a procedure question to be the answer (rankChecklists' score). */
const PROCEDURE_CHECKLIST_SCORE = 4;
/** …and how many times that with an everyday topic in the message. */
const EVERYDAY_CHECKLIST_FACTOR = 3;

const START_WORDS = new Set(['starta', 'start', 'oppna', 'borja', 'open', 'begin']);
const HELP = /^(?:hjalp|help|meny|menu|hej|hallo|hello|hi|tja|\?|vad kan (?:du|jag fraga)(?: gora| om)?|hur (?:funkar|fungerar|anvander jag) (?:du|det|detta|motpart|boten)|what can you do|how does (?:this|it) work)$/;
const GUIDANCE_WORDS = [
  'lämna', 'uppgifter', 'dela', 'berätta', 'sekretess', 'sekretessen', 'tystnadsplikt', 'samtycke', 'samtycka', 'anmäla', 'anmälan',
  'orosanmälan', 'polisanmäla', 'generalklausulen', 'lag', 'lagen', 'paragraf', 'gäller', 'tillåtet', 'utlämnande', 'sekretessbrytande',
  'anmälningsplikt', 'anmälningsskyldighet', 'anmälningsskyldig', 'skyldig', 'skyldighet', 'duty',
  'share', 'disclose', 'tell', 'inform', 'notify', 'report', 'confirm', 'bekräfta', 'consent', 'secrecy', 'confidentiality', 'allowed', 'law', 'legal', 'provision', 'informationsutbyte', 'informera',
  // "ringa soc anonymt först": whether it may be done without a name is a rule.
  'anonymt', 'anonymously',
  // A law named by its short name is a question about the law, even where a function lists it as a topic.
  'osl', 'lul', 'lvu', 'sol', 'skollagen', 'socialtjänstlagen', 'polislagen', 'brottsbalken', 'offentlighets',
];
const MODALS = new Set(['far', 'fa', 'maste', 'may', 'must', 'allowed']);
const DEFINITION = /^(?:vad (?:ar|e|betyder|innebar|menas med)|what (?:is|are|does)|forklara|explain)\b/;
// Splits "… i Fosie och får jag …" and "…? Får …" into parts; the lookahead keeps the question word.
// A dash before an English question word ends a clause too: "… about young people – who can advise me"
// is no relative clause ("young people who …"); Swedish says "som" for that, so its dashes are left.
// A period after an abbreviation ("10 kap. 18 a §") ends no sentence (SENTENCE_PERIOD).
const CLAUSE_BREAK = new RegExp(
  String.raw`[?!;\n]+|${SENTENCE_PERIOD}\s+|\s[–—-]\s*(?=(?:who|which|where|what|how)\b)|,\s*(?=(?:och\s+)?(?:vem|vilken|vilket|vilka|vart|vad|hur|får|far|måste|maste|kan|ska|gäller|galler|who|which|where|what|may|can)\b)|\s+(?:och|o|samt|men|plus|and)\s+(?=(?:vem|vart|vilken|vilket|vilka|vad|hur|får|far|måste|maste|kan|ska|gäller|galler|who|where|which|what|how|may|can|must|should|is|are|does|do)\b)`,
  'iu',
);

function guidanceCue(knowledge: Knowledge, analysis: Analysis): boolean {
  if (analysis.refs.length > 0) return true;
  const words = analysis.words;
  // "far illa" is "fares badly", not "får".
  if (words.some((w, i) => MODALS.has(w) && words[i + 1] !== 'illa')) return true;
  return hasCue(analysis, guidanceCues(knowledge), (i) => words[i] === 'far' && words[i + 1] === 'illa');
}

/** "polisen ringer och vill veta …": someone else calling is what happened, not whom to call. */
const CALLING = new Set(['ringer', 'mejlar', 'mailar', 'kontaktar']);
const THIRD_PERSON = new Set(['han', 'hon', 'hen', 'de', 'dom']);

/**
 * Guidance words that belong to this domain; the rest of GUIDANCE_STEMS ("gäller", "lag",
 * "berätta") also open questions about pensions, leases and jokes.
 */
const TOPICAL_WORDS = [
  'lämna', 'uppgifter', 'dela', 'sekretess', 'sekretessen', 'tystnadsplikt', 'samtycke', 'samtycka', 'anmäla', 'anmälan', 'orosanmälan',
  'polisanmäla', 'generalklausulen', 'utlämnande', 'sekretessbrytande', 'share', 'disclose', 'consent', 'secrecy', 'informationsutbyte',
  'anmälningsplikt', 'anmälningsskyldighet', 'anmälningsskyldig',
  'osl', 'lul', 'lvu', 'sol', 'skollagen', 'socialtjänstlagen', 'polislagen', 'brottsbalken', 'offentlighets', 'brottsbekämpande', 'enforcement',
];

/** `compute` worked out once per knowledge version (a reload builds a new Knowledge). */
function oncePerKnowledge<T>(compute: (knowledge: Knowledge) => T): (knowledge: Knowledge) => T {
  const cache = new WeakMap<Knowledge, T>();
  return (knowledge) => {
    if (!cache.has(knowledge)) cache.set(knowledge, compute(knowledge));
    return cache.get(knowledge)!;
  };
}

/**
 * A word list as the stems of its words and the synonym groups they belong to: "tipsa", "pass on"
 * and "ge info" are "lämna uppgifter" as the synonyms say, without a second list here. Worked out
 * once per knowledge version.
 */
function cueSet(list: readonly string[], except?: () => readonly string[]): (knowledge: Knowledge) => { stems: ReadonlySet<string>; groups: ReadonlySet<string> } {
  const stems = new Set(list.map((w) => stem(tokenise(w)[0]!)));
  const groupsOf = (knowledge: Knowledge, words: readonly string[]) => words.flatMap((w) => knowledge.synonyms.keyOf(w) ?? []);
  const groupsFor = oncePerKnowledge((knowledge) => {
    const left = new Set(groupsOf(knowledge, except?.() ?? []));
    return new Set(groupsOf(knowledge, list).filter((g) => !left.has(g)));
  });
  return (knowledge) => ({ stems, groups: groupsFor(knowledge) });
}
const guidanceCues = cueSet(GUIDANCE_WORDS);
// "lämna" and "dela" count as words; their group's "berätta" ("berätta ett skämt") does not.
const topicalCues = cueSet(TOPICAL_WORDS, () => EVERYDAY);

/**
 * Whether a word of the list, or of a synonym group one of its words belongs to, is in the question.
 * "anmäla sig", "anmäler jag mig till julbordet" is signing up, not a report: never a cue.
 */
function hasCue(analysis: Analysis, { stems, groups }: ReturnType<typeof guidanceCues>, skip: (i: number) => boolean = () => false): boolean {
  const skipped = (i: number) => skip(i) || signsUp(analysis.words, i);
  return (
    analysis.words.some((w, i) => !skipped(i) && stems.has(stem(w))) ||
    analysis.terms.some((t) => t.kind === 'synonym' && groups.has(t.keys[0]!) && !skipped(t.start))
  );
}
const REFLEXIVE = new Set(['mig', 'dig', 'sig', 'oss', 'er']);
const SIGN_UP_SUBJECTS = new Set(['jag', 'du', 'vi', 'ni', 'man', 'han', 'hon']);
/** "anmäla sig", "anmäler jag mig", "anmäl dig": a form of anmäla with its reflexive pronoun, the subject between. */
const signsUp = (words: readonly string[], i: number) =>
  words[i]!.startsWith('anmal') && (REFLEXIVE.has(words[i + 1] ?? '') || (SIGN_UP_SUBJECTS.has(words[i + 1] ?? '') && REFLEXIVE.has(words[i + 2] ?? '')));

const WHEN = new Set(['nar', 'when']);
const IF = new Set(['om', 'if']);
const PETTY_CRIMES = /^(?:misshandel|narkotikabrott|stold|skadegorelse|bedrageri|brott|vapenbrott|ofredande)/;

/** "vi har kontakt med mamman", "i kontakt med skolan": contact that exists, not one asked for. */
const HAVING = new Set(['har', 'hade', 'haft', 'i', 'have', 'had', 'in', 'ta', 'tog', 'tagit']);

/**
 * Things one contacts someone by: in a story ("svarade inte i telefon", "tog telefon och jacka")
 * they are what happened; only a sentence that asks, or one that asks nothing else, wants them.
 */
const CONTACT_NOUNS = new Set(['telefon', 'telefonnummer', 'numret', 'mejl', 'mail', 'epost', 'kontakt', 'kontakten', 'kontakter', 'contact']);

/** `storyNouns`: the sentence asks something else (a rule), so a contact noun in it tells the story. */
function directoryCue(analysis: Analysis, storyNouns = false): boolean {
  const words = analysis.words;
  return words.some((w, i) => {
    if (w === 'har' && words[i + 1] === 'hand') return true;
    if (!CONTACT_WORDS.has(w)) return false;
    if (storyNouns && CONTACT_NOUNS.has(w) && !words.some((_, j) => asksWho(words, j))) return false;
    if (WHO_WORDS.has(w) && (!asksWho(words, i) || asksWhoMay(words, i))) return false;
    const before = words[i - 1];
    // "jag handlägger ärendet": the asker handles it; "vem handlägger" asks who does.
    if (w === 'handlagger' && before !== undefined && FIRST_PERSON_SUBJECT.has(before)) return false;
    // "vi har kontakt med", "har pågående kontakt med oss": having contact tells the story.
    if ((w === 'kontakt' || w === 'contact') && words.slice(Math.max(0, i - 2), i).some((x) => HAVING.has(x))) return false;
    // "ringa misshandel", "ringa narkotikabrott": the grade of a crime, not a call.
    if (w === 'ringa' && PETTY_CRIMES.test(words[i + 1] ?? '')) return false;
    // "svarar aldrig när vi ringer", "when I called": what happens when someone calls.
    if (words.slice(Math.max(0, i - 4), i).some((x) => WHEN.has(x))) return false;
    // "bryter vi sekretessen om vi ringer dem", "if we call them": the call is the condition of a rule asked.
    if (IF.has(words[i - 2] ?? '') && SUBJECTS.has(words[i - 1] ?? '')) return false;
    // "nu ringer pappan", "ringer hon": someone else calls, told with the subject after the verb.
    if (CALLING.has(w) && (THIRD_PERSON.has(words[i + 1] ?? '') || PARENTS.has(words[i + 1] ?? '') || kindOfWords([words[i + 1] ?? '']) !== undefined)) return false;
    return !(CALLING.has(w) && before !== undefined && (THIRD_PERSON.has(before) || PARENTS.has(before) || kindOfWords([before]) !== undefined));
  });
}

/**
 * Whether the words are about this domain at all: a legal reference, a word of a synonym group,
 * an organisation, or a kind of case. Without any, a word the knowledge happens to contain
 * ("räknar" in "räknas som särskilda omständigheter") is no ground for guidance: "hur räknar jag
 * ut min pension" gets the help, not 18 a.
 */
function inDomain(knowledge: Knowledge, analysis: Analysis, kinds: readonly OrganisationKind[], asker: OrganisationKind | undefined, telling = false): boolean {
  return (
    analysis.refs.length > 0 ||
    // Two organisations ("får vi på polisen berätta för soc …") are; one with nothing else the
    // knowledge knows ("när är soc julbord") is not.
    kindsNamed(analysis.words).size > 1 ||
    // "får vi berätta för kommunpolisen …" from socialtjänsten: "vi" is the asker's organisation, the second one.
    // In English "I" is the asker too ("Am I allowed to tell the police …" from health care).
    (asker !== undefined && (mentionsAsker(analysis.words) || (analysis.english && analysis.words.includes('i'))) && [...kindsNamed(analysis.words)].some((k) => k !== asker)) ||
    (kinds.length > 0 && analysis.terms.every((t) => t.kind !== 'word' || knowledge.isKnownWord(t.text))) ||
    analysis.terms.some((t) => t.kind === 'synonym' && !everydayCues(knowledge).groups.has(t.keys[0]!) && !namesOrganisation(knowledge, t)) ||
    hasCue(analysis, topicalCues(knowledge)) ||
    knowledge.situations.find(analysis).size > 0 ||
    // Most of its words are the guidance's own ("vad är omvänt skaderekvisit"), in a sentence that
    // asks: "Det här är en privat fråga." opening a story shares two words with a rule and asks
    // nothing.
    (!telling && (searchGuidance(knowledge, analysis, 1, asker)[0]?.coverage ?? 0) >= DOMAIN_COVERAGE)
  );
}

/**
 * "när är soc julbord", "vem fixar VPN på BUP": an everyday topic, unless the question also names
 * a kind of case, a provision, or secrecy, consent or a report.
 */
const offTopic = (knowledge: Knowledge, analysis: Analysis) =>
  knowledge.offTopic.find(analysis).size > 0 &&
  !describesACase(knowledge, analysis) &&
  // "sekretessen i 31 kap. 16 § OSL för anbuden i vår upphandling": secrecy, but in a chapter no rule
  // of this domain is about; a provision of the domain ("10 kap. 18 a §") keeps the question in it.
  (analysis.refs.length === 0 ? !topicalBetweenParties(knowledge, analysis) : analysis.refs.every((r) => !domainChapters(knowledge).has(chapterOf(r))));

/**
 * A word of the domain ("anmälan", "samtycke") with an everyday topic keeps the question in the
 * domain only where a party of it is named: "anmälan om arbetsskada, måste chefen skriva under"
 * and "samtycke från grannen för en altan" are not about sharing between authorities; "samtycke
 * för att berätta för skolan" still is.
 */
const topicalBetweenParties = (knowledge: Knowledge, analysis: Analysis) => hasCue(analysis, topicalCues(knowledge)) && kindsNamed(analysis.words).size > 0;

/** "OSL 10:18 a" → "OSL 10"; "LUL 6" → "LUL": the chapter (or the law without chapters) a reference is in. */
const chapterOf = (ref: string) => (ref.includes(':') ? ref.slice(0, ref.indexOf(':')) : ref.split(' ')[0]!);
/** The chapters the guidance cites. */
const domainChapters = oncePerKnowledge((knowledge) => new Set(knowledge.guidance.list.flatMap((s) => s.references.map(chapterOf))));

/** A kind of case, not only a setting: "an ice-breaker for our staff meeting" names a meeting and no case. */
const describesACase = (knowledge: Knowledge, analysis: Analysis) => [...knowledge.situations.find(analysis)].some((id) => !knowledge.situations.byId.get(id)?.context);

/**
 * Synonym groups of everyday words: "berätta ett skämt", "på lördag" say nothing about this domain
 * on their own, though "berätta för polisen" does through the organisation.
 */
const EVERYDAY = ['berätta', 'information', 'kväll', 'natt', 'helg'];
const everydayCues = cueSet(EVERYDAY);

/** Share of a question's weight the best snippet must explain for the words alone to place it in the domain. */
const DOMAIN_COVERAGE = 0.6;

/** Who a question of this domain is about: a child, a young person, a client, a family (folded). */
const PEOPLE_OF_THE_DOMAIN = new Set([
  'barn', 'barnet', 'barnen', 'ungdom', 'ungdomen', 'ungdomar', 'ungdomarna', 'unge', 'unga', 'elev', 'eleven', 'elever', 'eleverna', 'klient', 'klienten', 'patient', 'patienten',
  'familj', 'familjen', 'familjer', 'tonaring', 'tonaringen', 'tjej', 'tjejen', 'kille', 'killen', 'pojke', 'pojken', 'flicka', 'flickan', 'son', 'sonen', 'dotter', 'dottern',
  'child', 'children', 'kid', 'kids', 'youth', 'youths', 'teenager', 'teen', 'pupil', 'pupils', 'student', 'students', 'client', 'patient', 'family', 'boy', 'girl', 'minor', 'minors',
  ...PARENTS,
]);
/**
 * A question this bot could answer but is not sure of must still be about the domain: someone it is
 * about (a child, a client, an age), a kind of case, a provision, or an organisation and the handing
 * over of information. "Behöver vi samtycke från medarbetarna för porträtten på intranätet?" or "bröt
 * chefen mot sekretessen?" share a word with the domain and get the help, not "inget säkert svar".
 */
function aboutTheDomain(knowledge: Knowledge, analysis: Analysis, asker: OrganisationKind | undefined): boolean {
  if (analysis.refs.length > 0 || analysis.ages.length > 0 || describesACase(knowledge, analysis)) return true;
  if (analysis.words.some((w) => PEOPLE_OF_THE_DOMAIN.has(w))) return true;
  if (analysis.words.some((w) => DOMAIN_CONCEPTS.has(stem(w)))) return true;
  // "hand over information to the police", "ge polisen allt de frågar efter": an organisation that
  // gives or receives.
  const direction = directionOf(analysis.words, asker, analysis.english);
  // Not the asker alone as giver ("behöver vi samtycke för att visa foton"): that is only the asker's role.
  if (direction.to !== undefined || direction.toParent || (direction.from !== undefined && !direction.byAsker)) return true;
  const kinds = kindsNamed(analysis.words);
  // Two organisations of the domain ("anteckningar från elevhälsomöten där soc var med"), or one and
  // a word of the domain ("får soc lämna ut"); or information handed over to anyone ("dela uppgifter med Skatteverket").
  if (kinds.size > 1 || (kinds.size > 0 && hasCue(analysis, topicalCues(knowledge)))) return true;
  if (analysis.terms.some((t) => t.kind === 'synonym' && HANDING_OVER.has(t.keys[0]!))) return true;
  return (searchGuidance(knowledge, analysis, 1, asker)[0]?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
}
/** The synonym groups of handing information over ("lämna uppgifter", "dela", "hand over"; "uppgifter"), by their keys. */
const HANDING_OVER = new Set(['syn:lamna uppgifter', 'syn:uppgifter']);
/** Words only this domain uses, as stems of folded words: a question with one is about it. */
const DOMAIN_CONCEPTS = new Set(
  [
    'orosanmälan', 'orosanmäla', 'anmälningsskyldighet', 'uppgiftsskyldighet', 'sekretessbrytande', 'socialtjänstlagen', 'lvu', 'lul', 'sspf', 'sig', 'sip',
    'generalklausulen', 'barnavårdsutredning', 'vårdnadshavare', 'young', 'minors', 'underårig',
  ].map((w) => stem(tokenise(w)[0]!)),
);

/** `telling`: the sentence is one of several and asks nothing ("Det här är en privat fråga."). */
function classify(knowledge: Knowledge, analysis: Analysis, asker: OrganisationKind | undefined, telling = false): RouteIntent {
  const intent = classifyInDomain(knowledge, analysis, asker, telling);
  if (intent !== 'guidance' && intent !== 'directory') return intent;
  if (offTopic(knowledge, analysis)) return 'unknown';
  const query = parseDirectoryQuery(knowledge, analysis);
  if (intent === 'guidance') return inDomain(knowledge, analysis, query.kinds, asker, telling) ? 'guidance' : 'unknown';
  // "who do I call about my laptop": a contact word alone, with nothing a contact could be.
  const anything =
    query.areas.length > 0 ||
    query.kinds.length > 0 ||
    query.counterpart ||
    query.terms.length === 0 ||
    functionsKnowAWord(knowledge, query.terms) ||
    roleInQuestion(analysis.words) !== undefined ||
    // "Vart skickar jag den?" after a story: the story says what and where.
    asksWhomToReach(knowledge, analysis);
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

function classifyInDomain(knowledge: Knowledge, analysis: Analysis, asker: OrganisationKind | undefined, telling: boolean): RouteIntent {
  const words = analysis.words;
  if (checklistCue(analysis)) return 'checklist';
  // "starta sig", "öppna samtycke": a start word and nothing but a checklist's name.
  if (START_WORDS.has(words[0] ?? '') && checklistNamed(knowledge, analysis.folded)) return 'checklist';
  if (HELP.test(words.join(' ')) || (words.length <= 3 && words.some((w) => w === 'hjalp' || w === 'help'))) return 'help';
  const query = parseDirectoryQuery(knowledge, analysis);
  const contact = directoryCue(analysis, guidanceCue(knowledge, analysis));
  const place = query.areas.length > 0;
  // "vad är SSPF" asks what it is, not who does it.
  const guidance = guidanceCue(knowledge, analysis) || (!contact && DEFINITION.test(analysis.folded));
  // "orosanmälan soc fosie vem": who, at which organisation, where; unless a rule answers it surely,
  // the topic only says what the contact is about.
  // Not "a pupil who is over 18": a relative "who" tells the story.
  const asksWhoWhere = place && query.kinds.length > 0 && words.some((w, i) => (w === 'vem' || w === 'who') && asksWho(words, i));
  // "vem tar emot orosanmälan …", "vart skickar jag den", "vem hos polisen ska jag prata med": whom
  // to reach, whatever the topic; the topic says which function.
  if (asksWhomToReach(knowledge, analysis)) return 'directory';
  if (contact && !guidance) return 'directory';
  // "orosanmälan soc oxie": typed like a search, a report, the organisation and a place ask where to send it.
  const reportWhere = place && query.kinds.length > 0 && words.length <= 4 && analysis.refs.length === 0 && words.some((w) => REPORT_NOUN.test(w));
  if (reportWhere) return 'directory';
  if (guidance && !contact && !asksWhoWhere) return 'guidance';
  // "vilken dag börjar terminen för skolorna i Kisa?", "när öppnar skolan i Hovsjö": asks when or how,
  // not whom; a place and an organisation in it do not make it a contact question.
  if (place && !guidance && asksWhenOrHow(words) && !mentionsContact(words.slice(1))) return 'unknown';
  // A place makes a contact question only with something a contact is about: "Rosengård",
  // "soc Rosengård", "ungdomsutredare Rosengård"; not "väder i Rosengård imorgon".
  if (place && !guidance) {
    if (query.terms.length === 0 || query.kinds.length > 0 || functionsKnowMostWords(knowledge, query.terms)) return 'directory';
    // A place where a case happens ("a 14-year-old at a drug spot in Fosie, clearly high") is the
    // story's: the case decides below.
    if (!describesACase(knowledge, analysis)) return 'unknown';
  }
  // "jag är polis" on its own introduces the next part of the message.
  if (roleInQuestion(analysis.words) && query.terms.length === 0 && !place) return 'unknown';
  // Just an organisation ("polisen", "soc"): a contact question that still needs a place.
  if (query.kinds.length > 0 && query.terms.length === 0 && !guidance) return 'directory';
  const sure = inDomain(knowledge, analysis, query.kinds, asker, telling) && (searchGuidance(knowledge, analysis, 1, asker)[0]?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
  // "Can the school contact social services about him without his consent?": may we reach them, and
  // a rule's word besides: a question of what is allowed, not of whom to call.
  if (contact && guidance && asksMayWeReach(analysis) && hasCue(analysis, guidanceCues(knowledge))) return 'guidance';
  if (contact && guidance) return sure && !query.counterpart ? 'guidance' : 'directory';
  // A role or function name alone ("socialjouren", "ungdomsutredare") is a directory question.
  // Ranked only when it can decide: with a guidance cue the answer below does not depend on it.
  // The functions must know every word: ranking leaves out words no function has, so "vilken
  // verksamhet ska ta initiativ till en SIP" would name a fritidsgård ("öppen verksamhet") on one
  // word of four, and "vi ser att en 14-åring hänger med gänget på kvällarna, måste vi anmäla"
  // socialjouren on "kvällarna", cutting the question from what it is about.
  const namesFunction = () => mayScoreFunction(knowledge, query, 0.9) && rankFunctions(knowledge, query, undefined, undefined).some((r) => r.score >= 0.9);
  const functionsKnowEveryWord = () => knownTerms(knowledge, query).length === query.terms.length;
  if (!guidance && query.terms.length > 0 && functionsKnowEveryWord() && namesFunction()) return 'directory';
  if (asksWhoWhere) return 'directory';
  if (sure) return 'guidance';
  // About this domain but with no cue word ("Does the duty to report apply to youth centre staff?"):
  // the nearest guidance and whom to ask help more than "I did not understand".
  // A self-introduction ("I am a police officer") stays context for the part it opens.
  if (guidance) return 'guidance';
  // …unless it tells a case ("tjej 13 på fritidsgården … mammas nya kille tar bilder på henne i duschen").
  return (describesACase(knowledge, analysis) || !roleInQuestion(analysis.words)) && inDomain(knowledge, analysis, query.kinds, asker, telling) ? 'guidance' : 'unknown';
}

/**
 * The message split into parts by intent; parts with the same intent in a row are merged. `asker`
 * (the asker's organisation kind) gives "vi" and "jag" a meaning in guidance questions.
 */
export function route(knowledge: Knowledge, text: string, asker?: OrganisationKind, analysed?: Analysis): Route[] {
  // A message about an everyday topic is that, whichever of its sentences asks "vem ska jag prata med".
  const whole = analysed ?? knowledge.analyser.analyse(text);
  const everyday = offTopic(knowledge, whole);
  // "Vi vill föreslå en ung man för SIG. Hur går vi tillväga?": the procedure is asked in one
  // sentence and what it is for in the others, so the checklist is matched on the whole message.
  // A story with an everyday aside ("Rektorn är på semester … Vad ska jag gå igenom innan jag
  // svarar polisen?") still asks for a checklist that fits it far better than the bar.
  const joined = whole.words.join(' ');
  const forAsker = asker ? { kind: asker, label: kindLabel(asker) } : undefined;
  const procedure = PROCEDURE.test(joined) || (CONTENTS.test(joined) && (searchGuidance(knowledge, whole, 1, asker)[0]?.confidence ?? 0) < CONTENTS_RULE);
  const bar = everyday ? PROCEDURE_CHECKLIST_SCORE * EVERYDAY_CHECKLIST_FACTOR : PROCEDURE_CHECKLIST_SCORE;
  if (procedure && (rankChecklists(knowledge, text, forAsker)[0]?.score ?? 0) >= bar) {
    return [{ intent: 'checklist', text, analysis: whole }];
  }
  if (everyday) return [{ intent: 'unknown', text, analysis: whole, offTopic: true }];
  const split = text.split(CLAUSE_BREAK).map((c) => c?.trim()).filter((c): c is string => Boolean(c) && /[\p{L}\p{N}]/u.test(c!));
  // "…, måste få tag på polisen i Fosie inatt, vem?": a who-word on its own asks about the clause before it.
  const clauses = split.reduce<string[]>((out, c) => {
    if (out.length > 0 && LONE_WHO.test(c)) out[out.length - 1] = text.slice(text.indexOf(out.at(-1)!), text.indexOf(c, text.indexOf(out.at(-1)!)) + c.length);
    else out.push(c);
    return out;
  }, []);
  let cursor = 0;
  const parts = clauses.map((clause) => {
    const start = Math.max(cursor, text.indexOf(clause, cursor));
    cursor = start + clause.length;
    const analysis = knowledge.analyser.analyse(clause);
    const telling = clauses.length > 1 && !endsWithQuestionMark(text, clause) && !opensWithQuestion(analysis);
    return { clause, start, end: cursor, analysis, intent: classify(knowledge, analysis, asker, telling) };
  });
  // "… mammas nya kille tar bilder på henne i duschen. vad gör jag": a last sentence asking only
  // what to do, after a story that tells a case, asks the rule for that case.
  const lastPart = parts.at(-1);
  if (parts.length > 1 && lastPart?.intent === 'unknown' && WHAT_NOW.test(lastPart.analysis.words.join(' ')) && describesACase(knowledge, whole)) lastPart.intent = 'guidance';
  // "… hade lovat kommunpolisen en lista över ungdomarna. Kan jag skicka den?": handing over what the
  // story has named asks whether it may go, to whoever the story names.
  if (parts.length > 1 && lastPart?.intent === 'unknown' && HAND_IT_OVER.test(lastPart.analysis.words.join(' ')) && aboutTheDomain(knowledge, whole, asker)) lastPart.intent = 'guidance';
  // "Kan vi ringa polisen om det?" after a case ("… mammans sambo slog honom …", or any story of
  // a few sentences) asks whether the information may go there, not for the number.
  if (parts.filter((p) => p.intent !== 'directory').length >= 2 || parts.some((p) => knowledge.situations.find(p.analysis).size > 0)) {
    for (const p of parts) if (p.intent === 'directory' && asksMayWeReach(p.analysis)) p.intent = 'guidance';
  }
  // A message the bot would answer with "inget säkert svar" must be about someone or something of
  // this domain, read over the whole message (the age may be in another sentence than the question).
  if (parts.some((p) => p.intent === 'guidance') && !aboutTheDomain(knowledge, whole, asker)) {
    for (const p of parts) if (p.intent === 'guidance') p.intent = 'unknown';
  }
  // "lärare, ska göra orosanmälan …", "bup kurator, vilken soc …": a role alone before the question says who asks.
  if (parts.length > 1 && parts[0]!.intent === 'directory' && parts[0]!.analysis.words.length <= 2 && kindOfWords(parts[0]!.analysis.words.slice(-1)) !== undefined) parts[0]!.intent = 'unknown';
  // "Hej." opening a question is a greeting, not a request for help.
  if (parts.length > 1) for (const p of parts) if (p.intent === 'help' && p.analysis.words.every((w) => GREETINGS.has(w) || w === 'god' || w === 'morgon')) p.intent = 'unknown';
  // In a case description ("Jag är lärare på en skola i Ronna. En elev … Måste jag anmäla?") the
  // sentences that only name a place or an organisation tell the story; they ask for no contact.
  // The same before a checklist asked for ("Vi ska starta samverkan i Kinda. Finns det en checklista?"),
  // and before any other sentence that asks ("Vi har vinterkräksjuka på skolan i Järna. Hur länge …?").
  const asks = (p: (typeof parts)[number]) => endsWithQuestionMark(text, p.clause) || opensWithQuestion(p.analysis);
  const ruleAsked = parts.some((p) => p.intent === 'guidance' || p.intent === 'checklist');
  const askedElse = (p: (typeof parts)[number]) => parts.some((q) => q !== p && asks(q) && q.intent !== 'directory' && !mentionsContact(q.analysis.words));
  for (const p of parts) {
    if (p.intent === 'directory' && !asksForContact(p.analysis) && !endsWithQuestionMark(text, p.clause) && (ruleAsked || (!asks(p) && askedElse(p)))) p.intent = 'unknown';
    // "Jag vill ringa polisen och fråga vad de vet. Får de svara mig?": a call the asker plans is
    // the story of the rule asked, not a request for the number.
    else if (p.intent === 'directory' && ruleAsked && !asks(p) && !p.analysis.words.some((_, i) => asksWho(p.analysis.words, i))) p.intent = 'unknown';
  }
  // And the other way round: "Hej! Jag är mentor i Husie. En elev verkar rädd för att gå hem. Vem
  // på soc kan jag ringa nu?" asks only for a contact, and "Jag ska göra en sekretessprövning innan
  // jag svarar polisen. Har ni en checklista för det?" only for a checklist; the story is their
  // context (the place, what the list is for), not a second question about secrecy.
  // The last part is taken as asked only when no part asks outright: "… vem ringer jag?? barnet är 7" adds a fact.
  const askedOutright = parts.filter((p) => endsWithQuestionMark(text, p.clause) || opensWithQuestion(p.analysis));
  const asked = askedOutright.length > 0 ? askedOutright : parts.slice(-1);
  if (asked.length > 0 && asked.every((p) => p.intent === 'directory' || p.intent === 'checklist')) {
    for (const p of parts) if (p.intent === 'guidance' && !asked.includes(p) && !opensWithQuestion(p.analysis)) p.intent = 'unknown';
  }
  // "Vad måste jag tänka på om jag ska anmäla oro …? Nån lista?": a request for a list with no words
  // of its own asks for the list about the rest of the message, which then asks nothing else.
  const bareListRequest = parts.some((p) => p.intent === 'checklist' && rankChecklists(knowledge, p.clause).length === 0);
  if (bareListRequest && (rankChecklists(knowledge, text, forAsker)[0]?.score ?? 0) >= PROCEDURE_CHECKLIST_SCORE) return [{ intent: 'checklist', text, analysis: whole }];
  const routes: Array<{ intent: RouteIntent; start: number; end: number; analysis?: Analysis }> = [];
  for (const { start, end, analysis, intent } of parts) {
    const last = routes.at(-1);
    // A part without its own intent ("och kan du ge mig numret") belongs to the part before it;
    // merged parts keep the text between them (sentences stay sentences) and are analysed again.
    if (last && (last.intent === intent || intent === 'unknown')) Object.assign(last, { end, analysis: undefined });
    else if (last && last.intent === 'unknown') Object.assign(last, { intent, end, analysis: undefined });
    else routes.push({ intent, start, end, analysis });
  }
  if (routes.length === 0) return [{ intent: 'unknown', text, analysis: whole }];
  return routes.map((r) => {
    const part = text.slice(r.start, r.end);
    return { intent: r.intent, text: part, analysis: r.analysis ?? (part === text ? whole : knowledge.analyser.analyse(part)) };
  });
}

const LONE_WHO = /^(?:vem|vart|who|where)$/iu;
/** A report sent somewhere (folded): "orosanmälan", "polisanmälan", "anmälan". */
const REPORT_NOUN = /^(?:oros|polis)?anmalan$/;

/** Ways of reaching someone or sending them something, after "vem", "vart", "vilken …". */
const REACHING_PHRASES = [
  'tar emot', 'ta emot', 'hor av mig', 'hora av mig', 'hor av oss', 'hora av oss', 'skickar', 'skicka', 'gor jag anmalan', 'gor vi anmalan', 'anmaler jag', 'anmaler vi', 'pratar med', 'prata med', 'talar med', 'vander mig', 'vander vi', 'vanda mig', 'vanda oss', 'tag pa', 'hor till', 'hor hon till', 'hor han till', 'tillhor', 'ratt mottagare', 'mottagaren', 'galler for oss', 'send', 'receives',
  'receive', 'takes', 'speak to', 'talk to', 'get hold of', 'reach', 'get in touch', 'handles', 'handle', 'covers', 'cover', 'ansvarar for', 'har hand om', 'tar hand om',
  // "vem utreder unga hos polisen", "vem kan hjälpa oss med bedömningen": the one who does it is asked for.
  'utreder', 'hjalpa oss', 'hjalpa mig', 'help us', 'help me',
  'ga till', 'skickas till', 'be sent to', 'is open', 'har oppet', 'ar oppen',
  // "vart gör jag orosanmälan", "vart gör ja anmälan" (the subject skipped, see phraseAt).
  'gor orosanmalan', 'gor anmalan', 'lamnar orosanmalan', 'lamna orosanmalan',
  // "vem håller ihop det", "who coordinates": the one responsible is asked for.
  'haller ihop', 'samordnar', 'coordinates', 'is in charge',
].map((p) => p.split(' '));
/**
 * "vem på kommunen når jag nu": folded "når" is also "när", so it reaches only close after "vem";
 * after "var" or "vilka" ("var kan jag parkera när jag …", "vilka uppgifter får vi lämna när vi
 * begär …") it says when.
 */
// "vem frågar man", "vem ska jag fråga": whom to ask is whom to reach.
const REACHING_A_PERSON = ['nar jag', 'nar vi', 'nar man', 'fragar man', 'fragar jag', 'fragar vi', 'fraga', 'radfraga', 'radfragar', 'radgora', 'ge rad', 'advise', 'consult'].map((p) => p.split(' '));
const REACHING_A_PERSON_WITHIN = 5;
/** "vänder jag mig", "skickar vi den": a question puts the subject after the verb. */
// "ja" is "jag" typed on a phone.
const SUBJECTS = new Set([...FIRST_PERSON, 'i', 'man', 'du', 'ni', 'you', 'ja']);
/** A phrase at `j`, with a subject allowed after its first word. */
const phraseAt = (words: readonly string[], j: number, phrase: readonly string[]) => {
  if (words[j] !== phrase[0]) return false;
  const skip = phrase.length > 1 && words[j + 1] !== phrase[1] && SUBJECTS.has(words[j + 1] ?? '') ? 1 : 0;
  return phrase.every((p, k) => k === 0 || words[j + k + skip] === p);
};
const reachingIn = (words: readonly string[]) => REACHING_PHRASES.some((phrase) => words.some((_, j) => phraseAt(words, j, phrase)));
/** "finns det någon på polisen man kan prata med", "is there someone I can call": someone to reach is asked for. */
/** People asked for by what they do: "vem är polisens jurist", "vem är samordnare", "jurist hos polisen skåne sekretess". */
const ASKED_PEOPLE = ['jurist', 'juristen', 'samverkansperson', 'samverkanspersonen', 'kontaktperson', 'kontaktpersonen', 'samordnare', 'samordnaren', 'koordinator', 'koordinatorn', 'handlaggare', 'handlaggaren', 'lawyer', 'coordinator', 'adviser', 'advisor'];
const ASKED_PERSON = new Set(ASKED_PEOPLE);
/**
 * "vilket nummer", "which social services number": the way of reaching asked for by name; "vilken
 * enhet", "which unit": a function asked for by what it is.
 */
const CONTACT_NOUN_ASKED = new Set([
  'nummer', 'numret', 'telefonnummer', 'mejl', 'mejladress', 'epost', 'number', 'phone', 'email', 'address',
  'enhet', 'enheten', 'avdelning', 'avdelningen', 'unit', 'department', 'office', 'team',
  // "vem är polisens jurist", "vem är samordnare": a person asked for by what they do.
  ...ASKED_PEOPLE,
]);
/** "enheten", "mottagningsenheten", "ungdomsenheten", "the unit": a unit of an organisation (folded). */
const namesAUnit = (w: string) => /(?:enhet|enheten|avdelning|avdelningen)$/.test(w) || w === 'unit' || w === 'department';
/** "vem ska anmälan till?", "which unit do I report this to?": a who-question ending on its receiver. */
const TO_END = new Set(['till', 'to']);

/** "vem på polisen utreder …", "who at social services …": someone at an organisation is asked for. */
const AT = new Set(['pa', 'hos', 'inom', 'at', 'in', 'from']);
/**
 * "vem på skolan får veta …", "vem på skolan ska göra orosanmälan": whom a rule concerns, not whom
 * to call; "vem på soc ska jag ringa" still asks for a contact.
 */
const RULE_ONLY = new Set(['far', 'fa', 'maste', 'behover', 'ska', 'may', 'must', 'needs', 'need', 'has', 'should', 'shall']);
function asksSomeoneAt(words: readonly string[], at: number): boolean {
  if (!AT.has(words[at + 1] ?? '')) return false;
  const org = words[at + 2] === 'the' ? at + 3 : at + 2;
  const named = kindAt(words, org);
  if (!named) return false;
  const next = org + named.length;
  // "who at social services should get our report", "vem på soc ska ha anmälan", "vem på socialtjänsten
  // ska få den?": whom to send it to; not "vem på skolan ska få veta", which a rule decides.
  return !RULE_ONLY.has(words[next] ?? '') || FIRST_PERSON_SUBJECT.has(words[next + 1] ?? '') || (GETTING.has(words[next + 1] ?? '') && !BEING_TOLD.has(words[next + 2] ?? ''));
}
/** What a report is called when asked where it goes ("vart ska den", "vart ska anmälan"). */
const SENT_THINGS = new Set(['den', 'det', 'anmalan', 'orosanmalan', 'anmalningen', 'orosanmalningen', 'underrattelsen']);
const GETTING = new Set(['get', 'receive', 'have', 'ha', 'fa']);
/** "vem på skolan ska få veta": being told, which a rule decides, not a receiver to send to. */
const BEING_TOLD = new Set(['veta', 'reda', 'lasa', 'se', 'know', 'see', 'read']);

/**
 * "vem tar emot orosanmälan", "vart skickar jag den", "vilken mottagning hör hon till", "who do I
 * send it to": a who-word, then a way of reaching someone within a few words.
 */
function asksWhomToReach(knowledge: Knowledge, { words, refs }: Analysis): boolean {
  if (words.some((_, at) => asksWho(words, at) && asksSomeoneAt(words, at))) return true;
  // "vilken enhet ska ha underrättelsen enligt 6 § LUL", "vilken mottagningsenhet gäller": a unit
  // asked for by name, whatever provision the question names.
  if (words.some((w, at) => asksWho(words, at) && words.slice(at + 1, at + 4).some(namesAUnit))) return true;
  // "vilken del av socialtjänsten": a part of an organisation is a unit too (not "vilken del av lagen").
  const partOf = (at: number) => words[at + 1] === 'del' && words[at + 2] === 'av' && kindAt(words, at + 3) !== undefined;
  if (words.some((_, at) => asksWho(words, at) && partOf(at))) return true;
  // "vem ska ta emot uppgifterna enligt 18 a" asks what the provision says.
  if (refs.length > 0) return false;
  // "jurist hos polisen skåne sekretess": typed like a search, opening with the person wanted.
  if (words.length <= TERSE_WORDS && ASKED_PERSON.has(words[0] ?? '') && !words.some((w) => RULE_ONLY.has(w))) return true;
  // "orosanmälan Hyllie vart": typed in a hurry, the who-word last asks where to send it.
  if (words.length >= 2 && words.length <= TERSE_WORDS && (words.at(-1) === 'vart' || words.at(-1) === 'vem')) return true;
  // "Vart ska anmälan gå?", "vart går den": where to is where it is sent.
  if (words.some((w, at) => w === 'vart' && asksWho(words, at) && words.slice(at + 1, at + 5).some((x) => x === 'ga' || x === 'gar'))) return true;
  // "… Vart ska anmälan?", "vart ska den": a report's where-to, the verb of sending left out.
  if (words.length >= 3 && words.at(-3) === 'vart' && (words.at(-2) === 'ska' || words.at(-2) === 'bor') && SENT_THINGS.has(words.at(-1)!)) return true;
  // "behöver få tag på polis i Rosengård ikväll, vem?": the way of reaching first, the who-word last.
  if ((words.at(-1) === 'vem' || words.at(-1) === 'who') && reachingIn(words)) return true;
  // "finns det någon på polisen man kan prata med", "is there anyone I can talk to".
  if (words.some((w, at) => SOMEONE_WORDS.has(w) && words.slice(at + 1, at + 7).some(reachesSomeone))) return true;
  if (TO_END.has(words.at(-1) ?? '') && words.some((_, at) => asksWho(words, at))) return true;
  return words.some((w, at) => {
    if (!asksWho(words, at)) return false;
    // "vilken polisjurist", "which social services number": the function or the number asked for by name.
    // "who is the police lawyer": "is the" before the one asked for.
    const asked = words.slice(at + 1).filter((x, k) => k > 1 || !COPULA_AND_ARTICLE.has(x));
    // "who's the city's legal adviser": a person asked for may come fourth; a function's role word
    // that late is what the question is about ("vem samtycker i ett SSPF-ärende").
    if (asked.slice(0, 4).some((x) => CONTACT_NOUN_ASKED.has(x)) || asked.slice(0, 3).some((x) => roleWords(knowledge).has(stem(x)))) return true;
    const after = words.slice(at + 1, at + 10);
    const near = after.slice(0, REACHING_A_PERSON_WITHIN);
    return reachingIn(after) || (w === 'vem' && REACHING_A_PERSON.some((phrase) => near.some((_, j) => phraseAt(near, j, phrase))));
  });
}

// "who's the city's legal adviser": "'s" is split off as "s".
const COPULA_AND_ARTICLE = new Set(['is', 'are', 'the', 'ar', 'e', 'den', 'det', 's']);
/** "kan jag skicka den?", "får vi lämna ut dem", "can I send it": handing over something named before. */
const HAND_IT_OVER =
  /^(?:kan|far|ska|bor|maste|can|may|should|could) (?:jag|vi|man|i|we|hon|han|she|he) (?:\w+ )?(?:skicka|lamna(?: ut)?|ge|dela|mejla|maila|visa|send|share|give|forward|pass on|hand over)(?: \w+){0,2} (?:den|det|dem|dom|listan|uppgifterna|it|them|this|that|the list)(?: \w+){0,3}$/;
/** "vad gör jag", "hur ska vi göra nu", "what do I do": a sentence asking only what to do, folded. */
const WHAT_NOW = /^(?:vad (?:gor|ska|bor|maste) (?:jag|vi)(?: gora)?(?: nu)?|hur (?:gor|ska|bor) (?:jag|vi)(?: gora)?(?: nu)?|what (?:do|should|shall) (?:i|we) do(?: now)?)$/;
/** A message this short, ending on "vart" or "vem", is typed like a search ("orosanmälan från bup, södertälje – vart"). */
const TERSE_WORDS = 6;

/** Roles of the directory's functions as words ("polisjurist", "koordinator"). */
const roleWords = oncePerKnowledge((knowledge) => {
  // "utredning" names a function and, far more often, an investigation someone asks about.
  const parts = knowledge.data.functions.flatMap((f) => f.role.split('-')).filter((r) => r.length > 3 && !NOT_ROLE_WORDS.has(r));
  return new Set(parts.map(stem));
});
const NOT_ROLE_WORDS = new Set(['utredning', 'sluta', 'skjut']);

/**
 * "får vi ringa polisen", "kan jag kontakta soc": a question word, then reaching someone; not
 * "vem på polisen ska jag ringa", which asks whom.
 */
function asksMayWeReach(analysis: Analysis): boolean {
  const w = analysis.words;
  if (w.slice(0, 2).some((word) => WHO_WORDS.has(word))) return false;
  // "finns det nån man kan ringa" asks for someone, not whether calling is allowed.
  if (w.some((word) => SOMEONE_WORDS.has(word))) return false;
  // "kan jag som fritidsledare ringa soc": a role said in passing may stand between; "… – vem på
  // socialtjänsten ska jag ringa" asks whom, wherever in the part its who-word stands ("var" is also "was").
  return w.some((word, i) => QUESTION_WORDS.has(word) && w.slice(i + 1, i + 6).some(reachesSomeone) && !w.slice(Math.max(0, i - 4), i).some((x) => WHO_WORDS.has(x) && x !== 'var'));
}

/**
 * A contact word or a who-question: the part asks for someone. "Vem" opens the question it asks;
 * inside a sentence ("he won't say who did it") it tells the story.
 */
const asksForContact = (analysis: Analysis) =>
  directoryCue(analysis, !opensWithQuestion(analysis)) || analysis.words.some((_, i) => asksWho(analysis.words, i));
const WHO_WORDS = new Set(['vem', 'vilka', 'vilken', 'vilket', 'vart', 'var', 'who', 'whom', 'where', 'which']);
/**
 * "vem behöver samtycka", "vem får veta", "who has to agree": who a rule applies to, not whom to
 * call; "vem ska jag ringa" still asks for a contact.
 */
const RULE_MODALS = new Set([...QUESTION_WORDS, 'behover', 'needs', 'need', 'has']);
const asksWhoMay = (words: readonly string[], i: number) =>
  RULE_MODALS.has(words[i + 1] ?? '') && !words.slice(i + 2, i + 5).some((w) => CONTACT_WORDS.has(w) || FIRST_PERSON_SUBJECT.has(w) || ADVISING.has(w));
/** "who can advise me", "vem kan ge råd": someone to ask, not whom a rule allows. */
const ADVISING = new Set(['advise', 'consult', 'guide', 'radgora', 'rad']);
// Folded "i" is Swedish "in" elsewhere; after "who can" it is the English "I".
const FIRST_PERSON_SUBJECT = new Set([...FIRST_PERSON, 'i']);

/**
 * English "who" after a person and "where" after a place open a relative clause ("a client who
 * turned 21", "the flat where he lives"), not a question ("I'm new here – who is …").
 */
const PEOPLE = new Set([
  'client', 'clients', 'pupil', 'pupils', 'student', 'students', 'boy', 'boys', 'girl', 'girls', 'man', 'men', 'woman', 'women', 'someone', 'somebody',
  'anyone', 'anybody', 'everyone', 'person', 'people', 'guy', 'guys', 'kid', 'kids', 'child', 'children', 'parent', 'parents', 'father', 'mother', 'dad',
  'mum', 'mom', 'brother', 'sister', 'friend', 'friends', 'teenager', 'teenagers', 'old', 'olds', 'baby', 'babies', 'toddler', 'infant', 'officer', 'officers', 'worker', 'workers', 'colleague', 'colleagues',
  'those', 'patient', 'patients', 'member', 'members', 'adult', 'adults', 'son', 'daughter', 'neighbour', 'neighbor', 'teacher', 'teachers', 'one',
  // "a 15-year-old who refuses": the age is left out of the words, the article stays.
  'a', 'an',
]);
const PLACES = new Set(['flat', 'apartment', 'place', 'area', 'school', 'home', 'house', 'party', 'centre', 'center', 'street', 'park']);
// "a three-year-old at home who sees it": the person before "at home" (an age, left out of the words).
const AT_PLACE = new Set(['at', 'in', 'from']);
const relativeWho = (words: readonly string[], i: number) =>
  (words[i] === 'who' && (PEOPLE.has(words[i - 1] ?? '') || (PLACES.has(words[i - 1] ?? '') && AT_PLACE.has(words[i - 2] ?? '')) || describesSomeone(words, i))) ||
  (words[i] === 'where' && PLACES.has(words[i - 1] ?? ''));
/**
 * "a 16-year-old with stab wounds who refuses …", "a 17-year-old who uses drugs": inside a clause, "who"
 * before a verb in -s or -ed describes someone; a question puts an auxiliary or its subject there
 * ("who do I call", "who is on call"), and "who handles …" opens its clause.
 */
const AUXILIARY_LIKE = new Set(['is', 'was', 'has', 'does', 'handles', 'covers', 'takes', 'deals', 'answers', 'works', 'receives']);
const describesSomeone = (words: readonly string[], i: number) => {
  const next = words[i + 1] ?? '';
  return i > 0 && !TELLING.has(words[i - 1] ?? '') && /(?:[^s]s|ed)$/.test(next) && !AUXILIARY_LIKE.has(next);
};
/**
 * A who-word that asks, rather than telling the story ("won't say who", "kräver att få veta vem som
 * anmält": "vem som" is an indirect question) or opening a relative clause ("a client who"). Folded
 * "var" is also "vår" ("på vår vårdcentral"): it asks only where it opens the sentence.
 */
const asksWho = (words: readonly string[], i: number) =>
  WHO_WORDS.has(words[i]!) && words[i + 1] !== 'som' && !(words[i] === 'var' && i > 0) && !ours(words, i) && !TIME_NOUNS.has(words[i + 1] ?? '') && !toldOrKnown(words, i) && !relativeWho(words, i);
/** Folded "vart" is also "vårt": after a preposition ("på vårt möte", "i vårt ärende") it is ours, not "where to". */
const OURS_AFTER = new Set(['pa', 'i', 'med', 'fran', 'for', 'till', 'av', 'om', 'hos', 'vid', 'inom', 'under', 'efter']);
const ours = (words: readonly string[], i: number) => words[i] === 'vart' && OURS_AFTER.has(words[i - 1] ?? '');
/** "när …", "hur länge …", "vilken dag …", "when …": a question about a time or a way, not about a person. */
const asksWhenOrHow = (words: readonly string[]) =>
  ['nar', 'hur', 'varfor', 'when', 'how', 'why'].includes(words[0] ?? '') || (WHO_WORDS.has(words[0] ?? '') && TIME_NOUNS.has(words[1] ?? ''));
/** "vilken vecka", "which day": asks when, not whom. */
const TIME_NOUNS = new Set(['vecka', 'veckor', 'dag', 'dagar', 'datum', 'tid', 'tider', 'tidpunkt', 'manad', 'klockslag', 'week', 'weeks', 'day', 'days', 'date', 'time', 'month', 'year']);

/** Verbs of saying and knowing: "han vill inte säga vem", "we don't know who did it". */
// "not sure yet which department I'll end up in", "osäker på vilken enhet jag hamnar på": not knowing, told.
const TELLING = new Set(['saga', 'sager', 'sa', 'sagt', 'vet', 'veta', 'visste', 'berattar', 'berattade', 'say', 'says', 'said', 'tell', 'told', 'know', 'knows', 'knew', 'saker', 'osaker', 'sure', 'unsure']);
/** Verbs of asking: someone else's question told in the story ("polisen frågar oss vilka", "she asked me which"). */
const ASKING = new Set(['fragar', 'fragade', 'fragat', 'undrar', 'undrade', 'asks', 'asked', 'asking', 'wonders', 'wondered']);
/**
 * A who-word after a verb of saying or knowing is part of the story ("won't say who did it"), not a
 * question; so is one after someone else's asking. The asker's own ("jag undrar vem …", "nu undrar
 * jag vem …") still asks.
 */
const toldOrKnown = (words: readonly string[], i: number) =>
  toldTo(words, i) ||
  words.slice(Math.max(0, i - 2), i).some((w, k) => {
    const at = Math.max(0, i - 2) + k;
    const askerAsks = FIRST_PERSON_SUBJECT.has(words[at - 1] ?? '') || FIRST_PERSON_SUBJECT.has(words[at + 1] ?? '');
    return TELLING.has(w) || (ASKING.has(w) && !askerAsks);
  });
/** Words between telling and the one told: "tell the police who", "berätta för polisen vem". */
const TOLD_MARKERS = new Set(['the', 'to', 'for', 'till']);
/** "tell the police who the cousin is", "berätta för soc vem han är": who is what is told, and to whom it is said comes first. */
function toldTo(words: readonly string[], i: number): boolean {
  let j = i - 1;
  if (kindOfWords(words.slice(j - 1, j + 1)) !== undefined) j -= 2;
  else if (kindOfWords([words[j] ?? '']) !== undefined) j -= 1;
  else return false;
  while (j >= 0 && TOLD_MARKERS.has(words[j]!)) j--;
  return TELLING.has(words[j] ?? '') || TOLD_VERBS.has(words[j] ?? '');
}
/** Verbs of telling someone that TELLING (verbs a who-word follows directly) leaves out. */
const TOLD_VERBS = new Set(['beratta', 'informera', 'inform', 'warn', 'varna', 'tipsa']);

/** "får vi …", "kan jag …", "is OSL …": a sentence that asks, even without its question mark. */
const opensWithQuestion = (analysis: Analysis) => {
  const [first = '', second = ''] = analysis.words;
  // "Ska göra en anmälan om …": the subject left out, as in notes; it says what the asker will do.
  if (QUESTION_WORDS.has(first) && PLANNED.has(second)) return false;
  return QUESTION_WORDS.has(first) || OPENERS.has(first) || WHO_WORDS.has(first) || DEFINITION.test(analysis.folded);
};
const PLANNED = new Set(['gora', 'skicka', 'ringa', 'anmala', 'orosanmala', 'polisanmala', 'underratta', 'kontakta', 'lamna', 'skriva', 'boka', 'ha', 'ta']);
// Not "när" and "when": in a story they open a clause of time ("När vi skjutsade hem honom …").
const OPENERS = new Set(['is', 'are', 'does', 'do', 'ar', 'galler', 'finns', 'behover', 'vad', 'hur', 'varfor', 'what', 'how', 'why']);

function endsWithQuestionMark(text: string, clause: string): boolean {
  const at = text.indexOf(clause);
  return at >= 0 && text.slice(at + clause.length).trimStart().startsWith('?');
}
