/**
 * Who is asking, in directory terms: "counterpart" means the social services to a police officer
 * and the police to a social worker. The role comes from `as` (one question), the saved profile,
 * or the question itself ("jag är polis").
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { OrganisationKind } from '../knowledge/schema.js';
import type { QueryTerm } from '../search/analyse.js';
import { fold, stem, tokenise } from '../text/normalise.js';

export interface Role {
  kind: OrganisationKind;
  functionId?: string;
  /** How the role is shown to the user, e.g. "polis" or "Kommunpolis Malmö Öster". */
  label: string;
}

/** Folded words (and short phrases) that name an organisation kind. */
const KIND_WORDS: Record<OrganisationKind, readonly string[]> = {
  polis: ['polis', 'polisen', 'pol', 'police', 'polisman', 'kommunpolis', 'omradespolis', 'polismyndigheten', 'narpolis', 'narpolisen', 'lokalpolisen', 'sapo', 'sakerhetspolisen'],
  socialtjanst: ['soc', 'socialtjanst', 'socialtjansten', 'socialen', 'socialforvaltningen', 'social services', 'socialsekreterare', 'socialsekreteraren', 'social worker', 'socialnamnden', 'socialnamnd'],
  skola: ['skola', 'skolan', 'school', 'rektor', 'rektorn', 'larare', 'lararvikarie', 'vikarierande larare', 'elevhalsan', 'kurator', 'kuratorn', 'skolkurator', 'skolkuratorn', 'teacher', 'friskola', 'friskolan', 'fristaende skola', 'principal', 'elevhalsa', 'skolskoterska', 'skolskoterskan', 'student health', 'school nurse', 'school counsellor', 'school counselor'],
  // Fältassistenter work for fritid in some municipalities and for socialtjänsten in others, so
  // "fältare" is left to match function names rather than decide the organisation.
  fritid: ['fritid', 'fritidsgard', 'fritidsgarden', 'fritidsledare', 'youth centre', 'youth center', 'youth club'],
  region: [
    'region', 'regionen', 'vard', 'varden', 'sjukvard', 'sjukvarden', 'vardcentral', 'vardcentralen', 'healthcare', 'bup', 'barnpsykiatrin', 'ungdomsmottagning', 'ungdomsmottagningen', 'barnmorska',
    'health care', 'health centre', 'health center', 'hospital', 'youth clinic',
  ],
  kommunledning: ['kommunledning', 'kommunledningen', 'stadskontoret', 'kommunsidan', 'kommunens sida'],
  ovrig: [],
};
/**
 * Kind words that name a profession rather than a place of work: "kurator på BUP" works in the
 * region, "lärare på en friskola" at a school, so the place said after it decides.
 */
const PROFESSIONS: ReadonlySet<string> = new Set([
  'kurator', 'kuratorn', 'larare', 'teacher', 'rektor', 'principal', 'socialsekreterare', 'fritidsledare', 'polisman', 'barnmorska',
  // Professions found in several kinds of workplace: "psykolog på BUP", "I'm a nurse at the health centre".
  'psykolog', 'psychologist', 'lakare', 'doctor', 'sjukskoterska', 'nurse', 'behandlare', 'therapist', 'counsellor', 'counselor', 'handlaggare', 'samordnare', 'koordinator', 'coordinator',
]);
const AT_WORDS = new Set(['pa', 'vid', 'hos', 'inom', 'at', 'for', 'in', 'i']);

/** "kurator på BUP": the kind of the place of work said within a few words after a profession. */
function workplaceAfter(words: readonly string[], i: number): OrganisationKind | undefined {
  for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
    if (!AT_WORDS.has(words[j - 1]!)) continue;
    const kind = kindAt(words, j)?.kind;
    if (kind) return kind;
  }
  return undefined;
}

/** Kind words that also name a particular function of that kind, so they are searched for too. */
const ROLE_WORDS: ReadonlySet<string> = new Set(['kommunpolis', 'omradespolis', 'elevhalsan', 'kurator', 'rektor', 'fritidsgard', 'fritidsgarden', 'vardcentral']);
export const isRoleWord = (folded: string) => ROLE_WORDS.has(folded);

const KIND_BY_STEM = new Map<string, OrganisationKind>();
for (const [kind, words] of Object.entries(KIND_WORDS) as Array<[OrganisationKind, readonly string[]]>) {
  for (const w of words) KIND_BY_STEM.set(tokenise(w).map(stem).join(' '), kind);
}
const KIND_LABEL: Record<OrganisationKind, string> = {
  polis: 'polisen',
  socialtjanst: 'socialtjänsten',
  skola: 'skolan',
  fritid: 'fritid',
  region: 'vården',
  kommunledning: 'kommunen',
  ovrig: 'övriga',
};

export const kindLabel = (kind: OrganisationKind) => KIND_LABEL[kind];

/** Which organisation kinds are someone's counterparts. */
export const COUNTERPART_KINDS: Record<OrganisationKind, readonly OrganisationKind[]> = {
  polis: ['socialtjanst'],
  socialtjanst: ['polis'],
  skola: ['socialtjanst', 'polis'],
  fritid: ['socialtjanst', 'polis'],
  region: ['socialtjanst', 'polis'],
  kommunledning: ['polis', 'socialtjanst'],
  ovrig: ['socialtjanst', 'polis'],
};

/** The kind named by one or two folded words ("soc", "social services"), if any. */
export function kindOfWords(words: readonly string[]): OrganisationKind | undefined {
  return KIND_BY_STEM.get(words.map(stem).join(' '));
}

/** "gymnasiet", "school", "social services": a term naming an organisation, by its words or its synonym group's name. */
export const namesOrganisation = (knowledge: Knowledge, term: Pick<QueryTerm, 'text' | 'keys'>) =>
  kindOfWords(tokenise(term.text)) !== undefined || kindOfWords(tokenise(knowledge.synonyms.canonical(term.keys[0]!) ?? '')) !== undefined;

/** The kind named at word `i`, by two words first ("social services") or one, and how many words it took. */
export function kindAt(words: readonly string[], i: number): { kind: OrganisationKind; length: number } | undefined {
  const two = i + 1 < words.length ? kindOfWords(words.slice(i, i + 2)) : undefined;
  if (two) return { kind: two, length: 2 };
  const one = i < words.length ? kindOfWords([words[i]!]) : undefined;
  return one ? { kind: one, length: 1 } : undefined;
}

/** Every organisation kind the words name, the asker's own included ("vi på polisen"). */
export function kindsNamed(words: readonly string[]): Set<OrganisationKind> {
  const kinds = new Set<OrganisationKind>();
  words.forEach((_, i) => {
    const kind = kindAt(words, i)?.kind;
    if (kind) kinds.add(kind);
  });
  return kinds;
}

/** Resolves `--as`/`as`: a function id, an organisation id, an organisation name or a kind word. */
export function resolveRole(knowledge: Knowledge, text: string): Role | undefined {
  const trimmed = text.trim();
  const fn = knowledge.functions.get(trimmed);
  if (fn) {
    const kind = knowledge.organisations.get(fn.organisation)?.kind;
    return kind ? { kind, functionId: fn.id, label: fn.name } : undefined;
  }
  const folded = fold(trimmed);
  for (const org of knowledge.organisations.values()) {
    if (org.id === trimmed || [org.name, ...org.aliases].some((n) => fold(n) === folded)) return { kind: org.kind, label: org.name };
  }
  const kind = kindOfWords(tokenise(trimmed));
  return kind ? { kind, label: KIND_LABEL[kind] } : undefined;
}

/** Who can say who they are: "jag", "vi", English "I", and "as" ("as a social worker"), which needs no verb. */
const INTRO_SUBJECTS = new Set(['jag', 'vi', 'i', 'as']);
// "I'm" is split into "i" and "m".
const INTRO_VERBS = new Set(['ar', 'e', 'jobbar', 'arbetar', 'am', 'm', 'work']);
const INTRO_LINKS = new Set(['pa', 'inom', 'som', 'i', 'vid', 'hos', 'for', 'fran', 'at', 'in', 'with', 'a', 'an', 'en', 'ett', 'the']);
/** Without a verb only these say where one belongs ("vi på soc"); "ringer jag hos polisen" asks for it. */
const VERBLESS_LINKS = new Set(['pa', 'fran', 'inom']);
/** Said between the verb and the place: "jobbar natt på", "arbetar deltid inom", "är ny på", "work nights at", "am new with". */
const BETWEEN_VERB_AND_PLACE = new Set(['natt', 'natter', 'kvall', 'kvallar', 'dag', 'dagtid', 'helg', 'helger', 'deltid', 'heltid', 'extra', 'ny', 'nyanstalld', 'nights', 'evenings', 'weekends', 'days', 'shifts', 'new']);
/**
 * Verbs of reaching someone, and asking who: "vem har jag på soc", "ringer jag på soc" ask for
 * someone there, where "får vi på soc …" says who asks.
 */
const REACHING = new Set(['ring', 'ringa', 'ringer', 'kontakta', 'kontaktar', 'mejla', 'mejlar', 'maila', 'mailar', 'vanda', 'vander', 'na', 'nar', 'fraga', 'fragar']);
const WHO = new Set(['vem', 'vilka', 'vilken', 'who']);
/**
 * In a hurry the subject is left out: "jobbar på soc, …", "hej, arbetar som kurator …". Only these
 * verbs, and only opening the message (after a greeting at most): "vem jobbar på soc" asks for someone.
 */
const SUBJECTLESS_VERBS = new Set(['jobbar', 'arbetar']);
/** Greetings that may open a message without being its subject. */
export const GREETINGS: ReadonlySet<string> = new Set(['hej', 'hejsan', 'hallo', 'halla', 'tja', 'tjena', 'hi', 'hello', 'hey']);

/**
 * Whether words[i] completes "jag är …", "vi på …", "I am a …", "as a …", "jobbar på …" opening the
 * message: the asker saying who they are.
 * "vem ringer jag hos polisen" is not one: "ringer" is no verb of being or working.
 */
export function introducesAsker(words: readonly string[], i: number): boolean {
  let j = i - 1;
  let links = 0;
  while (j >= 0 && links < 2 && INTRO_LINKS.has(words[j]!)) {
    j--;
    links++;
  }
  // "jag jobbar natt på socialjouren", "I work nights at …", "I'm new with the police": when one works,
  // or since when, between the verb and where.
  if (links > 0 && j > 0 && BETWEEN_VERB_AND_PLACE.has(words[j]!) && INTRO_VERBS.has(words[j - 1]!)) j--;
  const verb = j >= 0 && INTRO_VERBS.has(words[j]!);
  if (verb) j--;
  if (verb && SUBJECTLESS_VERBS.has(words[j + 1]!) && words.slice(0, j + 1).every((w) => GREETINGS.has(w))) return true;
  if (j < 0 || !INTRO_SUBJECTS.has(words[j]!)) return false;
  const asksForSomeone = REACHING.has(words[j - 1] ?? '') || words.slice(0, j).some((w) => WHO.has(w));
  if (!verb && words[j] !== 'as' && !(links === 1 && VERBLESS_LINKS.has(words[j + 1]!) && !asksForSomeone)) return false;
  // English "I" only with its verb; Swedish "i" is "in".
  return words[j] !== 'i' || verb;
}

/**
 * "jag är polis", "vi på soc", "I am a police officer", "as a social worker": the asker's kind,
 * when the question says it (the first introduced word or pair of words that names a kind).
 */
export function roleInQuestion(words: readonly string[]): Role | undefined {
  for (let i = 0; i < words.length; i++) {
    // "Psychologist at BUP Södertälje. A 15-year-old …": a message opening with a profession and its place.
    const opening = PROFESSIONS.has(words[i]!) && words.slice(0, i).every((w) => GREETINGS.has(w));
    if (!opening && !introducesAsker(words, i)) continue;
    const named = kindAt(words, i)?.kind;
    const kind = PROFESSIONS.has(words[i]!) ? (workplaceAfter(words, i) ?? named) : named;
    if (!kind) continue;
    return { kind, label: KIND_LABEL[kind] };
  }
  return undefined;
}
