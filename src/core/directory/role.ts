/**
 * Who is asking, in directory terms: "counterpart" means the social services to a police officer
 * and the police to a social worker. The role comes from `as` (one question), the saved profile,
 * or the question itself ("jag är polis").
 */
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { OrganisationKind } from '../../knowledge/schema.js';
import { fold, stem, tokenise } from '../text/normalise.js';

export interface Role {
  kind: OrganisationKind;
  functionId?: string;
  /** How the role is shown to the user, e.g. "polis" or "Kommunpolis Malmö Öster". */
  label: string;
}

/** Folded words (and short phrases) that name an organisation kind. */
const KIND_WORDS: Record<OrganisationKind, readonly string[]> = {
  polis: ['polis', 'polisen', 'police', 'polisman', 'kommunpolis', 'omradespolis', 'polismyndigheten', 'narpolis', 'narpolisen', 'lokalpolisen'],
  socialtjanst: ['soc', 'socialtjanst', 'socialtjansten', 'socialen', 'socialforvaltningen', 'social services', 'socialsekreterare', 'social worker'],
  skola: ['skola', 'skolan', 'school', 'rektor', 'larare', 'elevhalsan', 'kurator', 'teacher'],
  // Fältassistenter work for fritid in some municipalities and for socialtjänsten in others, so
  // "fältare" is left to match function names rather than decide the organisation.
  fritid: ['fritid', 'fritidsgard', 'fritidsgarden', 'fritidsledare'],
  region: ['region', 'regionen', 'vard', 'varden', 'sjukvard', 'sjukvarden', 'vardcentral', 'healthcare'],
  kommunledning: ['kommunledning', 'kommunledningen', 'stadskontoret'],
  ovrig: [],
};
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

const SELF_INTRO =
  /(?:\bjag (?:ar|e|jobbar|arbetar)(?: (?:pa|inom|som|i|vid|hos|for|fran))?|\bvi (?:ar|e|jobbar|arbetar)(?: (?:pa|inom|som|i|vid|hos|for|fran))?|\b(?:jag|vi) (?:pa|fran|inom)|\bi am(?: an?)?|\bi work (?:at|in|for|with)|\bas an?)\s+(?:en |ett |the )?([\p{L}]+(?: [\p{L}]+)?)/u;

/** "jag är polis", "vi på soc", "I am a police officer": the asker's kind, when the question says it. */
export function roleInQuestion(folded: string): Role | undefined {
  const m = SELF_INTRO.exec(folded);
  if (!m) return undefined;
  const words = m[1]!.split(' ');
  const kind = kindOfWords(words) ?? kindOfWords(words.slice(0, 1));
  return kind ? { kind, label: KIND_LABEL[kind] } : undefined;
}
