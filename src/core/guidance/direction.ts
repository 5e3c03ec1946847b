/**
 * Who gives information to whom, as the question says it: "får soc lämna uppgifter till polisen"
 * is socialtjänst → polis, "kan polisen berätta för soc" the other way round. Many rules hold in
 * one direction only (10 kap. 18 a § OSL), and the words of both questions are nearly the same,
 * so word search alone cannot tell them apart.
 */
import type { OrganisationKind } from '../knowledge/schema.js';
import { kindAt, kindOfWords } from '../directory/role.js';
import { stem, tokenise } from '../text/normalise.js';

export interface Direction {
  from?: OrganisationKind;
  to?: OrganisationKind;
  /** "vi"/"jag" (giver) or "oss"/"mig" (receiver) was read as the asker's own role. */
  byAsker: boolean;
  /** "pappan kräver att få läsa allt", "the father demands to read": a parent wants the information. */
  toParent?: true;
}

/** A child's parents and guardians, folded. */
export const PARENTS: ReadonlySet<string> = new Set([
  'pappan', 'mamman', 'pappa', 'mamma', 'foraldrarna', 'foraldrar', 'foraldern', 'vardnadshavaren', 'vardnadshavare', 'vardnadshavarna', 'styvpappan', 'styvmamman',
  'parents', 'parent', 'father', 'mother', 'dad', 'mum', 'mom', 'guardian', 'guardians',
]);
/** "kräver", "demands": wanting information as of right. */
const DEMANDING = new Set(['kraver', 'kravde', 'krava', 'kravt', 'demands', 'demanded', 'demand', 'demanding', 'insists', 'insisting']);
/** "vill veta", "wants to read": wanting to be told. */
const WANTING = new Set(['vill', 'ville', 'want', 'wants', 'wanted']);
const TO_BE_TOLD = new Set(['veta', 'lasa', 'se', 'ta', 'fa', 'know', 'read', 'see', 'to']);
/**
 * A parent who demands or wants to know, read or see ("pappan kräver att få läsa allt", "the father
 * wants to read"): the one the question would give to is the parent. Not a parent the story fears
 * will find out ("rädd att pappa ska få reda på det"): that is no request.
 */
export const parentWantsToKnow = (words: readonly string[]) =>
  words.some(
    (w, i) =>
      PARENTS.has(w) &&
      // "pappan kräver", "nu kräver pappa", "the father … now demands"
      // "mamman vill veta", "en mamma ringer o vill veta", "the mother called and wants to read"
      (words.slice(Math.max(0, i - 2), i + 7).some((x) => DEMANDING.has(x)) || words.slice(i + 1, i + 5).some((x, k) => WANTING.has(x) && TO_BE_TOLD.has(words[i + 2 + k] ?? ''))),
  );

/** Verbs and nouns of handing information over, as stems of folded words. */
const FLOW_STEMS = new Set(
  [
    'lämna', 'lämnar', 'berätta', 'berättar', 'dela', 'delar', 'informera', 'informerar', 'ge', 'ger', 'skicka', 'skickar', 'varna', 'varnar',
    'anmäla', 'anmäler', 'tipsa', 'tipsar', 'rapportera', 'underrätta', 'säga', 'uppgifter', 'uppgift', 'uppg', 'information', 'orosanmälan',
    'anmälan', 'utlämnande', 'uppgiftsskyldighet', 'visa', 'visar', 'svara', 'svarar', 'bekräfta', 'bekräftar', 'share', 'answer', 'reply', 'tell', 'give', 'inform', 'report', 'disclose', 'send', 'warn', 'pass', 'show', 'confirm',
    // The stemmer is Swedish: English inflections are listed ("is telling social services …"). Not the
    // past ("she told us"), which tells the story, nor "sent", which is Swedish "late".
    'telling', 'tells', 'sharing', 'shares', 'giving', 'gives', 'informing', 'reporting', 'reports', 'disclosing', 'discloses', 'sending', 'sends',
    'warning', 'passing', 'showing', 'confirming', 'answering',
  ].map((w) => stem(tokenise(w)[0]!)),
);
/** "hand that over", "hand those notes over to us": English "hand … over" (not Swedish "ta hand om"). */
const HAND = new Set(['hand', 'hands', 'handing']);
const handsOver = (words: readonly string[], i: number) => HAND.has(words[i] ?? '') && words.slice(i + 1, i + 5).includes('over');
/** Swedish past tense of handing over, folded ("berättade", "lämnade", "skickade", "sa", "gav"). */
const PAST_FLOW = /^(?:berattade|lamnade|delade|informerade|skickade|varnade|tipsade|rapporterade|underrattade|visade|svarade|bekraftade|sa|sade|gav)$/;

/**
 * "Har skolan rätt att neka oss?", "kan polisen neka mig det": refusing someone is handing over not
 * done, the one refusing would give. Only with the one refused right after: "neka en begäran om
 * handräckning" refuses a request, not information.
 */
const REFUSING = new Set(['neka', 'nekar', 'vägra', 'vägrar', 'refuse', 'refuses'].map((w) => stem(tokenise(w)[0]!)));
// Asked of every word of the question, often several times: the stemmer runs only on a word that can be one.
const REFUSING_START = /^(?:nek|vagr|refus)/;
const refusesSomeone = (words: readonly string[], i: number) =>
  REFUSING_START.test(words[i] ?? '') && REFUSING.has(stem(words[i]!)) && (FIRST_PERSON_OBJECT.has(words[i + 1] ?? '') || namesKindAt(words, i + 1));
/** "om vi får gå till polisen", "can we go to the police": going to an organisation is telling it. */
const GOING = new Set(['ga', 'gar', 'go', 'goes']);
/** "gå direkt till polisen", "go straight to the police": how one goes says nothing of where. */
const STRAIGHT = new Set(['direkt', 'rakt', 'straight', 'directly']);
const goesTo = (words: readonly string[], i: number) => {
  const to = STRAIGHT.has(words[i + 1] ?? '') ? i + 2 : i + 1;
  return GOING.has(words[i] ?? '') && TO_WORDS.has(words[to] ?? '') && namesKindAt(words, to + 1);
};
/** An organisation named at `i`, or after an article there ("neka skolan", "go to the police"). */
const namesKindAt = (words: readonly string[], i: number) => kindAt(words, i) !== undefined || (ARTICLES.has(words[i] ?? '') && kindAt(words, i + 1) !== undefined);
/** Words that open an indirect question ("undrar om vi kan …", "asks whether we may …"). */
const INDIRECT = new Set(['om', 'if', 'whether']);
/** Handing over that names its receiver: a polisanmälan goes to the police, an orosanmälan to soc. */
const IMPLIED_RECEIVER = new Map<string, OrganisationKind>([
  ...['polisanmäla', 'polisanmäler', 'polisanmälan', 'polisanmält'].map((w) => [stem(tokenise(w)[0]!), 'polis'] as const),
  ...['orosanmäla', 'orosanmäler', 'orosanmälan', 'orosanmält'].map((w) => [stem(tokenise(w)[0]!), 'socialtjanst'] as const),
]);
/** Verbs of getting information: their subject receives ("får polisen veta", "kan soc begära ut"). */
const RECEIVE_STEMS = new Set([
    'veta', 'vet', 'reda', 'tillgång', 'fått', 'fick', 'begära', 'begär', 'fråga', 'frågar', 'kräva', 'kräver', 'efterfråga', 'efterfrågar', 'hämta', 'hämtar',
    'know', 'receive', 'receives', 'request', 'requests', 'ask', 'asks', 'get', 'gets',
  ].map((w) => stem(tokenise(w)[0]!)));
/** How far after an organisation in the story its request may be told ("dom har hittat en 15-åring som rymt från hvb-hemmet i Kisa o vill veta"). */
const STORY_REQUEST_SPAN = 14;
/** Someone else, who would be the one asking: "skolan hon går på och frågat" is not the school asking. */
const OTHER_SUBJECTS = new Set(['han', 'hon', 'hen', 'he', 'she']);
/** The positions [start, end) of the words that may tell what an organisation named at `end` wants, up to another subject. */
function requestAfter(words: readonly string[], end: number): [number, number] {
  const stop = Math.min(words.length, end + STORY_REQUEST_SPAN);
  const other = words.slice(end, stop).findIndex((w) => OTHER_SUBJECTS.has(w));
  return [end, other < 0 ? stop : end + other];
}
/** "vill veta", "frågar", "vill(e) ha uppgifter", "called asking": the one in a story who wants information. */
const STORY_ASKING = new Set(['asking', 'asked', 'requesting', 'requested', 'wondering', 'wondered'].map((w) => stem(w)));
/**
 * "undrade om vi ser något", "undrar om han är känd": wondering about what others know. Not about
 * what they may do themselves ("skolan undrar om de kan vänta", "undrar vad de får säga").
 */
const WONDERING = new Set(['undrar', 'undrade', 'undrat'].map((w) => stem(w)));
const wondersAboutOwnStep = (words: readonly string[], i: number) => words.slice(i + 1, i + 4).some((w) => THEY.has(w) || QUESTION_WORDS.has(w));
/** Whether words[from, to) tell someone wants information; the words after them tell what "undrar om …" is about. */
const wantsToKnow = (words: readonly string[], from = 0, to = words.length, getting = true) =>
  words
    .slice(from, to)
    .some(
      (w, k) =>
        (RECEIVE_STEMS.has(stem(w)) && !allowedToHandOver(words, from + k) && (getting || !GETTING.has(w))) ||
        STORY_ASKING.has(stem(w)) ||
        (WONDERING.has(stem(w)) && !wondersAboutOwnStep(words, from + k)) ||
        ((w === 'vill' || w === 'ville') && words[from + k + 1] === 'ha') ||
        // "polisen bad om hans schema", "ber om uppgifter": asking for something.
        ((w === 'bad' || w === 'ber') && words[from + k + 1] === 'om') ||
        // "jag skulle vilja få del av vad pojken berättat"
        (w === 'del' && words[from + k + 1] === 'av' && TAKING_PART.has(words[from + k - 1] ?? '')),
    );
const TAKING_PART = new Set(['fa', 'ta']);
/** "fått", "fick", "vet": getting or knowing something in a story ("vi har fått till en bra allians", "jag vet inte om") is no request. */
const GETTING = new Set(['fatt', 'fick', 'vet']);
const ASKING_FOR = new Set(['be', 'ber', 'bad']);
/**
 * Someone in the words asks for information ("jag skulle vilja få del av", "kan jag be soc om var
 * han är"): a request, not a report made on one's own initiative.
 */
export const requestTold = (words: readonly string[]) =>
  wantsToKnow(words, 0, words.length, false) || words.some((w, i) => ASKING_FOR.has(w) && words[i + 2] === 'om');
/** "frågade kommunpolisen om", "undrade skolan", "ville polisen veta": a request with its verb before the one asking. */
const INVERTED_ASKING = new Set(['fragar', 'fragade', 'undrar', 'undrade', 'ville', 'bad', 'ber']);
/** "polisen fick säga det": "fick" before handing over is being allowed to, not getting. */
const allowedToHandOver = (words: readonly string[], i: number) => (words[i] === 'fick' || words[i] === 'fatt') && FLOW_STEMS.has(stem(words[i + 1] ?? ''));
// English "I" is left out: folded, it is the Swedish "i" (in); in a question read as English it is the asker (`ENGLISH_I`).
export const FIRST_PERSON: ReadonlySet<string> = new Set(['vi', 'jag', 'we']);
const ENGLISH_I = 'i';
const FIRST_PERSON_OBJECT = new Set(['oss', 'mig', 'us', 'me']);
/** Words that open the question itself ("får", "kan"), after any context ("vi har fått en anmälan från polisen, får vi …"). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(['far', 'fa', 'kan', 'maste', 'ska', 'bor', 'may', 'can', 'must', 'should']);
/** …and in English the auxiliaries a question opens with ("Do I still have to report?", "Am I allowed to tell …"). */
const ASKING_FROM = new Set([...QUESTION_WORDS, 'do', 'does', 'am', 'could', 'would', 'shall']);
/** "Are they allowed to tell me …", "Is it OK to share …": "are"/"is" open a question only before its subject. */
const ASKING_BE = new Set(['are', 'is']);
const BE_SUBJECTS = new Set(['they', 'we', 'i', 'you', 'it', 'he', 'she', 'there']);
const opensEnglishQuestion = (words: readonly string[], i: number) => ASKING_FROM.has(words[i]!) || (ASKING_BE.has(words[i]!) && BE_SUBJECTS.has(words[i + 1] ?? ''));
/** Words after which a kind word is the receiver ("till polisen", "berätta för soc", "tell the police"). */
const TO_WORDS = new Set(['till', 'for', 'to']);
const FROM_WORDS = new Set(['fran', 'from']);
/** After handing over, "dela med polisen", "share with the police" names the receiver. */
const WITH_WORDS = new Set(['med', 'with']);
/** Words after which a kind word is neither giver nor receiver ("dela med", "hos polisen", "om skolan"). */
const OTHER_PREPOSITIONS = new Set(['med', 'hos', 'om', 'i', 'pa', 'with', 'about', 'at', 'in', 'of', 'av', 'inom', 'mellan', 'och', 'and']);
const ARTICLES = new Set(['den', 'det', 'en', 'ett', 'the', 'a', 'an']);
/** "personalen på …", "rektorn i …", "the staff at …": where the people someone tells work. */
const AT_WORDS = new Set(['pa', 'i', 'vid', 'at', 'in']);
/** Whether the word before `at` ("på") is a person told: right after "för"/"till"/"to" or a verb of handing over or reaching. */
function toPeopleAt(words: readonly string[], at: number, flowAt: number): boolean {
  let i = at - 1;
  while (i > flowAt && ARTICLES.has(words[i]!)) i--;
  // i is the person ("personalen"); before it, skipping articles, the word that tells them.
  let j = i - 1;
  while (j >= flowAt && ARTICLES.has(words[j]!)) j--;
  const teller = words[j] ?? '';
  return j >= flowAt && (TO_WORDS.has(teller) || FLOW_STEMS.has(stem(teller)) || REACHING.has(stem(teller)));
}

/** "hennes pappa", "her parents": whose parent, between the word that tells and the parent. */
const POSSESSIVES = new Set(['hennes', 'hans', 'hens', 'deras', 'sin', 'sina', 'barnets', 'elevens', 'her', 'his', 'their', 'the']);
/** Reporting someone: the person after the verb is the one reported, not told ("anmäla pappan"). */
const REPORTING = new Set(['anmäla', 'anmäler', 'anmält', 'rapportera', 'rapporterar', 'report', 'reports'].map((w) => stem(tokenise(w)[0]!)));
/** The parents a pronoun can stand for: "honom" a father, "henne" a mother, "dem" parents; "vårdnadshavaren" either. */
const EITHER_PARENT = ['vardnadshavaren', 'foraldern', 'parent', 'guardian'];
const PARENTS_BY_PRONOUN = new Map<string, ReadonlySet<string>>([
  ...['honom', 'him'].map((p) => [p, new Set(['pappan', 'pappa', 'styvpappan', 'father', 'dad', ...EITHER_PARENT])] as const),
  ...['henne', 'her'].map((p) => [p, new Set(['mamman', 'mamma', 'styvmamman', 'mother', 'mum', 'mom', ...EITHER_PARENT])] as const),
  ...['dem', 'dom', 'them'].map((p) => [p, new Set(['foraldrarna', 'foraldrar', 'vardnadshavarna', 'vardnadshavare', 'parents', 'guardians'])] as const),
]);
/** Where the last parent the pronoun can stand for is before `end` (-1 when none); "her mother's address" names no party. */
const lastParentBefore = (words: readonly string[], end: number, pronoun: string) =>
  words.slice(0, end).findLastIndex((w, i) => PARENTS_BY_PRONOUN.get(pronoun)?.has(w) === true && words[i + 1] !== 's');
/** A parent right after handing over or "till"/"för"/"to" ("berätta för pappan", "tell her parents"). */
function parentToldAfter(words: readonly string[], flowAt: number): boolean {
  let i = flowAt + 1;
  if (TO_WORDS.has(words[i] ?? '')) i++;
  while (POSSESSIVES.has(words[i] ?? '')) i++;
  // "lämnas till föräldrarna eller till socialnämnden": offered as one of two, not the one told.
  return PARENTS.has(words[i] ?? '') && !ALTERNATIVE.has(words[i + 1] ?? '');
}

/** A person's genitive before an organisation ("pojkens vårdcentral"), folded; "elevens" and "barnets" are in POSSESSIVES. */
const PERSON_GENITIVE = /^(?:elevernas|pojkens|flickans|barnens|killens|tjejens|sonens|dotterns|ungdomens|klientens|patientens|familjens)$/;
/** "bekräfta för henne", "tell them": someone the story has named receives. */
const TOLD_PRONOUNS = new Set(['henne', 'honom', 'dem', 'dom', 'her', 'him', 'them']);
/** "får dom …", "can they …": an organisation named before, as the subject of the question. */
const THEY = new Set(['dom', 'de', 'they']);
/** Verbs of reaching someone: the organisation right after them receives ("ringa kommunpolisen och berätta"). */
const REACHING = new Set(
  ['ringa', 'ringer', 'ring', 'kontakta', 'kontaktar', 'mejla', 'mejlar', 'maila', 'tipsa', 'tipsar', 'underrätta', 'underrättar', 'call', 'contact', 'notify', 'alert', 'email', 'tell',
    'calling', 'contacting', 'notifying', 'alerting', 'emailing', 'telling'].map(
    (w) => stem(tokenise(w)[0]!),
  ),
);
/**
 * "har varit i kontakt med skolsköterskan", "vi har kontakt med BUP": contact as a standing relation,
 * not reaching someone now ("ta kontakt med polisen" still reaches).
 */
const IN_CONTACT = new Set(['i', 'har', 'hade', 'haft', 'nagon', 'ingen', 'sin', 'bra', 'god', 'nara', 'tat', 'in']);
const reachesAt = (words: readonly string[], i: number) => REACHING.has(stem(words[i]!)) && !(words[i] === 'kontakt' && IN_CONTACT.has(words[i - 1] ?? ''));
/** A folded word of reaching someone with information ("ringa", "kontakta", "tipsa", "tell"). */
export const reachesSomeone = (word: string) => REACHING.has(stem(word));

/** True when the words speak of the asker ("vi", "jag", "oss", "mig"), whose role then matters. */
export const mentionsAsker = (words: readonly string[]) => words.some((w) => FIRST_PERSON.has(w) || FIRST_PERSON_OBJECT.has(w));

/**
 * "polisens", "skolans": a definite kind word with a genitive -s. Not "polis", which ends in s itself,
 * nor the English plural "social services".
 */
const isGenitive = (words: readonly string[], m: { start: number; end: number }) => {
  const last = words[m.end - 1]!;
  return /(?:en|an|et|n)s$/.test(last) && kindOfWords([...words.slice(m.start, m.end - 1), last.slice(0, -1)]) !== undefined;
};

const isSubjectPronoun = (word: string, english: boolean) => FIRST_PERSON.has(word) || (english && word === ENGLISH_I);

/** "polisen eller soc": words offering receivers as alternatives. */
const ALTERNATIVE = new Set(['eller', 'or']);
export const offersAlternatives = (words: readonly string[]) => words.some((w) => ALTERNATIVE.has(w));

interface Mention {
  kind: OrganisationKind;
  start: number;
  end: number;
  byAsker: boolean;
}

/** "som är polis", "som jobbar som polis", "who is a police officer": a kind word saying what a person works as. */
function worksAs(words: readonly string[], i: number): boolean {
  let j = i - 1;
  if (ARTICLES.has(words[j] ?? '')) j--;
  const before = `${words[j - 1] ?? ''} ${words[j] ?? ''}`;
  return before === 'som ar' || before === 'jobbar som' || before === 'arbetar som' || before === 'who is' || before === 'works as';
}

/** Organisations and first-person words ("vi", "oss", in English also "I": the asker) in the words, in order. */
function mentionsIn(words: readonly string[], asker: OrganisationKind | undefined, english = false): Mention[] {
  const mentions: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (asker && (isSubjectPronoun(word, english) || FIRST_PERSON_OBJECT.has(word))) {
      mentions.push({ kind: asker, start: i, end: i + 1, byAsker: true });
      continue;
    }
    const found = kindAt(words, i);
    if (!found) continue;
    // "en kompis förälder som är polis", "a dad who is a police officer": what someone works as, not a party acting.
    if (worksAs(words, i)) {
      i += found.length - 1;
      continue;
    }
    mentions.push({ kind: found.kind, start: i, end: i + found.length, byAsker: false });
    i += found.length - 1;
  }
  return mentions;
}

/**
 * The direction in folded words, when the question states one. Said outright first: "från soc",
 * "till polisen", "berätta för skolan", "ge polisen", "polisens anmälan". Then the subject: the
 * last organisation (or "vi"/"jag", read as `asker`) before the first word of handing over gives,
 * unless it is getting ("får polisen veta") or the giver is already named ("får polisen uppgifter
 * från soc"), when it receives.
 */
export function directionOf(words: readonly string[], asker?: OrganisationKind, english = false): Direction {
  const stated = organisationsDirection(words, asker, english);
  const direction = stated.from === undefined && stated.to !== undefined ? withRecordOwner(words, stated) : stated;
  return parentWantsToKnow(words) && direction.to === undefined ? { ...direction, toParent: true } : direction;
}

/**
 * Records that belong to one organisation: what is taken from them is that organisation's to give,
 * whoever asks ("uppgifter ur en barnavårdsutredning till polisen", "soc vill ha en kopia av förhöret").
 */
const RECORD_OWNERS = new Map<string, OrganisationKind>(
  (
    [
      ['socialtjanst', ['barnavårdsutredning', 'barnavårdsutredningen', 'barnutredning', 'barnutredningen', 'socialakt', 'socialakten']],
      ['polis', ['förhör', 'förhöret', 'förhörsprotokoll', 'förhörsprotokollet', 'förundersökningsprotokoll', 'förundersökningsprotokollet', 'polisrapport', 'polisrapporten']],
      ['region', ['journal', 'journalen', 'patientjournal', 'patientjournalen', 'journalanteckningar', 'journalanteckningarna']],
      ['skola', ['elevakt', 'elevakten', 'elevhälsojournal', 'elevhälsojournalen']],
    ] as const
  ).flatMap(([kind, nouns]) => nouns.map((w) => [stem(tokenise(w)[0]!), kind] as const)),
);

/** "underrättas", "informeras", "meddelas": a verb of handing over in the passive (folded), whose subject is told. */
const isPassive = (word: string) => word.length > 4 && word.endsWith('as') && FLOW_STEMS.has(stem(word.slice(0, -1)));

/** The owner of a record the question hands to a receiver it names, as the giver where none is named. */
function withRecordOwner(words: readonly string[], direction: Direction): Direction {
  const owner = words.map((w) => RECORD_OWNERS.get(stem(w))).find((k) => k !== undefined && k !== direction.to);
  return owner ? { ...direction, from: owner } : direction;
}

function organisationsDirection(words: readonly string[], asker: OrganisationKind | undefined, english: boolean): Direction {
  // "får kuratorn ringa polisen": reaching someone is handing over in the question itself; in the
  // story around it ("polisen ringer och vill veta …") it is not.
  const asks = words.findIndex((w) => QUESTION_WORDS.has(w));
  const isFlow = (w: string, i = -1) =>
    // "en hel del", "ta del av": the noun "del" shares the stem of "dela", not its meaning.
    (FLOW_STEMS.has(stem(w)) && w !== 'del') ||
    handsOver(words, i) || IMPLIED_RECEIVER.has(stem(w)) || (asks >= 0 && i > asks && reachesAt(words, i)) || refusesSomeone(words, i) || goesTo(words, i);
  // The question is read from its last "får"/"kan" that has handing over after it; what comes
  // before is context.
  let start = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    if ((english ? opensEnglishQuestion(words, i) : QUESTION_WORDS.has(words[i]!)) && words.slice(i + 1).some((w, k) => isFlow(w, i + 1 + k))) {
      start = i;
      break;
    }
  }
  // With no question word before it, handing over in the past tense ("i förra veckan berättade hans
  // lillasyster för oss att …") is how the asker learned it: the story, not the question.
  const flowAt = words.findIndex((w, i) => i >= start && isFlow(w, i) && !(start === 0 && PAST_FLOW.test(w)));
  if (flowAt < 0) return statedEnds(words, asker);
  let from: Mention | undefined;
  let to: Mention | undefined;
  let subject: Mention | undefined;
  let earlierSubject: Mention | undefined;
  for (const m of mentionsIn(words, asker, english)) {
    // "undrar om vi kan polisanmäla", "whether we can tell": in an indirect question the subject
    // stands before its verb, right after "om"/"if".
    if (m.start < start) {
      if (m.end === start && INDIRECT.has(words[m.start - 1] ?? '')) subject = m;
      continue;
    }
    let before = m.start - 1;
    while (before >= 0 && ARTICLES.has(words[before]!)) before--;
    // "hälso- och sjukvården" is one name: its "och" joins no second party.
    if (words[before] === 'och' && words[before - 1] === 'halso') before -= 2;
    while (before >= 0 && ARTICLES.has(words[before]!)) before--;
    // "berätta för elevens skola", "tell a pupil's school", "hans skola": whose it is says nothing of who is told.
    if (POSSESSIVES.has(words[before] ?? '') || PERSON_GENITIVE.test(words[before] ?? '')) before--;
    else if (words[before] === 's' && before >= 2 && !kindAt(words, before - 1)) before -= 2;
    while (before >= 0 && ARTICLES.has(words[before]!)) before--;
    const previous = before >= 0 ? words[before]! : '';
    const word = words[m.start]!;
    if (FROM_WORDS.has(previous)) from ??= m;
    else if (REACHING.has(stem(previous)) && !m.byAsker) {
      // "ringa soc och fråga om …": the one reached to be asked is the one who gives.
      if (words.slice(m.end, m.end + 3).some((w) => RECEIVE_STEMS.has(stem(w)))) from ??= m;
      else to ??= m;
    }
    // "orosanmälan bup": after a word whose receiver is given ("orosanmälan" goes to soc), another
    // organisation is the one reporting.
    else if (m.start > flowAt && !TO_WORDS.has(previous) && IMPLIED_RECEIVER.has(stem(previous)) && IMPLIED_RECEIVER.get(stem(previous)) !== m.kind) from ??= m;
    // "vi", "jag", "I" right after handing over are a subject ("hur lämnar vi …", or the next sentence:
    // "måste vi svara? vi har ju tystnadsplikt"), never the one told: that would be "oss", "mig".
    else if (m.start > flowAt && (TO_WORDS.has(previous) || WITH_WORDS.has(previous) || (before >= flowAt && (FLOW_STEMS.has(stem(previous)) || refusesSomeone(words, before)) && !isSubjectPronoun(word, english)))) to ??= m;
    // "berätta för personalen på fritidsgården", "tell the staff at the youth centre": the people
    // told work at the organisation, which receives.
    else if (m.start > flowAt && AT_WORDS.has(previous) && toPeopleAt(words, before, flowAt)) to ??= m;
    else if (m.end === flowAt && word.endsWith('s') && !m.byAsker) from ??= m;
    // "polisens intresse av uppgiften": a genitive owns the next word; it is not the one who acts.
    else if (m.start < flowAt && !OTHER_PREPOSITIONS.has(previous) && !TO_WORDS.has(previous) && !FIRST_PERSON_OBJECT.has(word) && !isGenitive(words, m)) {
      if (subject && subject.kind !== m.kind) earlierSubject = subject;
      subject = m;
    }
  }
  if (subject) {
    // "… när polisen vill ha uppgifter": the one who wants them receives; so does the subject of a
    // passive ("ska socialtjänsten underrättas", "kan skolan informeras").
    const between = words.slice(subject.end, flowAt);
    const getting = between.some((w) => RECEIVE_STEMS.has(stem(w))) || wantsToKnow(words, subject.end, flowAt) || isPassive(words[flowAt]!);
    if (getting || from) {
      to ??= subject;
      // "Kan socialnämnden använda 10:27 när polisen vill ha uppgifter": the one named before gives.
      if (getting && !from && earlierSubject) from = earlierSubject;
    } else from = subject;
  }
  // "ringa polisen eller soc", "tell soc or the police": two receivers offered, neither is the direction.
  if (to && ALTERNATIVE.has(words[to.end] ?? '') && kindAt(words, to.end + (ARTICLES.has(words[to.end + 1] ?? '') ? 2 : 1))) to = undefined;
  // "Rektorn ringde mig … Får jag bekräfta för henne …?": the one the asker would tell by a pronoun
  // is the organisation the story named last (other than the asker's).
  // A parent is such a party too ("kalla föräldrarna till ett möte. Får vi berätta för dem …?").
  const told = words[TO_WORDS.has(words[flowAt + 1] ?? '') ? flowAt + 2 : flowAt + 1] ?? '';
  const byPronoun = !to && start > 0 && from?.byAsker === true && TOLD_PRONOUNS.has(told);
  const toldByPronoun = byPronoun ? mentionsIn(words, undefined).filter((m) => m.start < start && m.kind !== from?.kind && m.kind !== subject?.kind).at(-1) : undefined;
  const parentByPronoun = byPronoun && lastParentBefore(words, start, told) > (toldByPronoun?.start ?? -1);
  // "berätta för pappan", "tell her parents": the parent is the one told. Not the parent reported
  // ("polisanmäla styvpappan", "anmäla mamman"): a report has its receiver.
  const reports = IMPLIED_RECEIVER.has(stem(words[flowAt]!)) || REPORTING.has(stem(words[flowAt]!));
  const toParent = !to && !reports && (parentByPronoun || parentToldAfter(words, flowAt));
  if (toParent) return { ...(from ? { from: from.kind } : {}), byAsker: Boolean(from?.byAsker), toParent: true };
  const toKind = to?.kind ?? toldByPronoun?.kind ?? IMPLIED_RECEIVER.get(stem(words[flowAt]!));
  // "soc vet vem han är. Får dom tipsa polisen?": "dom" is the organisation the story named last.
  if (!from && !subject && THEY.has(words[start + 1] ?? '')) {
    from = mentionsIn(words, undefined).filter((m) => m.start < start && m.kind !== toKind).at(-1);
  }
  // "Personalen på fritidsgården vill veta vilka … Får jag berätta det?": the one in the story who
  // wants to know is the one who would receive.
  if (!toKind && start > 0) {
    // "På mötet frågade kommunpolisen om …": the verb may come first, as Swedish puts it after an opening phrase.
    const asks = (m: Mention) => wantsToKnow(words, ...requestAfter(words, m.end)) || INVERTED_ASKING.has(words[m.start - 1] ?? '');
    const named = mentionsIn(words, undefined).filter((m) => m.start < start && m.kind !== from?.kind);
    // "Polisen ringer 01.30 … De vill veta om han är placerad": "de" is the organisation named last before it.
    const byThey = words.findLastIndex((w, j) => j < start && THEY.has(w) && wantsToKnow(words, ...requestAfter(words, j + 1)));
    const theyAsk = byThey >= 0 ? named.filter((m) => m.end <= byThey).at(-1) : undefined;
    const asking = [...named.filter(asks), ...(theyAsk ? [theyAsk] : [])].sort((a, b) => a.start - b.start).at(-1);
    if (asking) return { ...(from ? { from: from.kind } : {}), to: asking.kind, byAsker: Boolean(from?.byAsker) };
  }
  // "får polisen lämna till polisen" says nothing about a direction.
  if (from && toKind && from.kind === toKind) return { byAsker: false };
  return { ...(from ? { from: from.kind } : {}), ...(toKind ? { to: toKind } : {}), byAsker: Boolean(from?.byAsker || to?.byAsker) };
}

/**
 * "gäller 18 a åt andra hållet, från polisen till soc", "18 a polis till soc?": both ends said
 * outright, no verb of handing over.
 */
function statedEnds(words: readonly string[], asker: OrganisationKind | undefined): Direction {
  let from: OrganisationKind | undefined;
  let to: OrganisationKind | undefined;
  let byAsker = false;
  const mentions = mentionsIn(words, asker);
  for (const [i, m] of mentions.entries()) {
    const previous = words[m.start - 1] ?? '';
    // "18 a polis till soc": the one just before "till" gives.
    const next = mentions[i + 1];
    if (from === undefined && next && TO_WORDS.has(words[m.end] ?? '') && words[m.end] !== 'for' && next.start === m.end + 1) {
      from = m.kind;
      byAsker ||= m.byAsker;
      continue;
    }
    if (FROM_WORDS.has(previous) && from === undefined) {
      from = m.kind;
      byAsker ||= m.byAsker;
    } else if (TO_WORDS.has(previous) && previous !== 'for' && to === undefined) {
      to = m.kind;
      byAsker ||= m.byAsker;
    }
  }
  if (!from && !to) return receiverOfKnowing(words) ?? askedOfSubject(words);
  if (!from || !to || from === to) return { byAsker: false };
  return { from, to, byAsker };
}

/**
 * "får soc använda 10:27", "kan en friskola polisanmäla": the organisation the question asks about
 * gives, though nothing says to whom, where it would act on a rule (not "får polisen neka …").
 */
function askedOfSubject(words: readonly string[]): Direction {
  const asks = words.findIndex((w) => QUESTION_WORDS.has(w));
  if (asks < 0) return { byAsker: false };
  const subject = mentionsIn(words, undefined).find((m) => !m.byAsker && m.start > asks && words.slice(asks + 1, m.start).every((w) => ARTICLES.has(w)));
  if (!subject || !USING.has(stem(words[subject.end] ?? ''))) return { byAsker: false };
  return { from: subject.kind, byAsker: false };
}

/** "får veta", "får reda på", "gets to know": being told, with no word of handing over. */
const GETS = new Set(['far', 'fa', 'gets', 'get']);
const KNOWING = new Set(['veta', 'reda', 'kannedom', 'know']);
/** "se till att socialtjänsten får veta": the organisation that gets to know receives. */
function receiverOfKnowing(words: readonly string[]): Direction | undefined {
  const told = mentionsIn(words, undefined).find((m) => GETS.has(words[m.end] ?? '') && KNOWING.has(words[m.end + 1] ?? ''));
  return told ? { to: told.kind, byAsker: false } : undefined;
}

/** "får soc använda …", "can the school rely on …": the subject would act on a rule, so it gives. */
const USING = new Set(['använda', 'använder', 'tillämpa', 'luta', 'stödja', 'polisanmäla', 'use', 'apply', 'rely', 'invoke'].map((w) => stem(tokenise(w)[0]!)));

export type Flow = { from?: readonly OrganisationKind[]; to?: readonly OrganisationKind[]; toParent?: true };

/**
 * How a snippet's direction fits the question's: -1 when either side contradicts it, otherwise how
 * many of the sides the question names the snippet is written for (0–2).
 */
export function flowAgreement(flow: Flow | undefined, direction: Direction): number {
  if (!flow) return 0;
  // A rule for handing over to an organisation does not answer what a parent may be told or read.
  if (direction.toParent && flow.to !== undefined) return -1;
  // …and a rule for what a parent may be told does not answer what an organisation may be given.
  if (flow.toParent && direction.to !== undefined) return -1;
  let agreeing = direction.toParent && flow.toParent ? 1 : 0;
  for (const [side, kind] of [[flow.from, direction.from], [flow.to, direction.to]] as const) {
    if (side === undefined || kind === undefined) continue;
    if (!side.includes(kind)) return -1;
    agreeing++;
  }
  return agreeing;
}
