/**
 * The shape of the files in `knowledge/`. People who are not programmers edit these files, so every
 * message says in Swedish-friendly plain words what is expected. In the core because the model the
 * core answers from (Organisation, OrgFunction, Snippet ...) is what this schema validates: the types
 * are inferred from it, so the two cannot drift. Pure validation; reading the files is src/knowledge's.
 */
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ska vara ett id med små bokstäver a-z, siffror och bindestreck, t.ex. "kommunpolis-malmo-oster"');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-01')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'datumet finns inte i kalendern; rätta månad eller dag');
const nonEmpty = z.string().trim().min(1, 'får inte vara tom');

/** Canonical legal reference: `OSL 10:18 a`, `SkolL 29:14`, `PL 12`, `SoL 2025:400` is not a section. */
export const canonicalRef = z
  .string()
  .regex(
    /^[A-ZÅÄÖ][A-Za-zÅÄÖåäö]* \d+(:\d+)?( [a-z])?$/,
    'ska skrivas i kanonisk form: lagens förkortning, kapitel:paragraf och ev. bokstav, t.ex. "OSL 10:18 a" eller "SkolL 29:14"',
  );

export const ORGANISATION_KINDS = ['polis', 'socialtjanst', 'skola', 'fritid', 'region', 'kommunledning', 'ovrig'] as const;
export const organisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof organisationKind>;

/**
 * A chat user: `slack:<member id>` or `teams:<Entra object id>`. The same form as MOTPART_ADMINS
 * and MOTPART_EDITORS, so one list of people can be copied between them.
 */
export const chatIdentity = z
  .string()
  .regex(/^(slack|teams):[^\s:,]+$/, 'ska vara en chattidentitet: "slack:<medlems-id>" (t.ex. slack:U012AB3CD) eller "teams:<Entra-objekt-id>"');

export const organisationSchema = z.strictObject({
  id,
  name: nonEmpty,
  kind: organisationKind,
  aliases: z.array(nonEmpty).default([]),
  /** Who may approve and make changes to this organisation's functions from the chat (besides MOTPART_EDITORS). */
  editors: z.array(chatIdentity).optional(),
});

export const AREA_TYPES = [
  'land',
  'region',
  'kommun',
  'stadsomrade',
  'stadsdel',
  'bostadsomrade',
  'polisregion',
  'polisomrade',
  'lokalpolisomrade',
] as const;

export const areaSchema = z.strictObject({
  id,
  name: nonEmpty,
  type: z.enum(AREA_TYPES),
  /** Areas this one lies within: a neighbourhood can lie in both a stadsområde and a lokalpolisområde. */
  within: z.array(id).default([]),
  aliases: z.array(nonEmpty).default([]),
});

const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'ska vara en tid som TT:MM, t.ex. 08:00');

export const openingHoursSchema = z.union([
  z.literal('dygnet-runt'),
  z.strictObject({
    /** Intervals that may wrap past midnight (from 16:30 to 08:00) for out-of-hours services. */
    periods: z.array(z.strictObject({ days: z.array(weekday).min(1), from: clock, to: clock })).min(1),
    /** Days listed here (ÅÅÅÅ-MM-DD) count as closed, e.g. public holidays. */
    closed: z.array(isoDate).default([]),
    note: z.string().optional(),
  }),
]);

export const holderSchema = z.strictObject({
  /** Fictional in the shipped sample; a municipality replaces it with its own staff. */
  name: nonEmpty,
  kind: z.enum(['ordinarie', 'vikarie', 'ersattare']).default('ordinarie'),
  title: z.string().optional(),
  from: isoDate,
  to: isoDate.optional(),
  email: z.string().email('ska vara en e-postadress').optional(),
  phone: z.string().optional(),
  /** The holder's chat users, so that "jag" in "jag är ledig 15–30 december" is known to be them. */
  chat: z.array(chatIdentity).optional(),
});

export const functionSchema = z.strictObject({
  id,
  name: nonEmpty,
  organisation: id,
  /** Free role tag used by routing and counterparts: kommunpolis, omradespolis, mottagning, socialjour ... */
  role: id,
  areas: z.array(id).min(1, 'minst ett område som funktionen täcker'),
  topics: z.array(nonEmpty).default([]),
  description: z.string().optional(),
  contact: z
    .strictObject({
      email: z.string().email('ska vara en e-postadress').optional(),
      phone: z.string().optional(),
      chat: z.string().optional(),
      url: z.string().url('ska vara en webbadress som börjar med https://').optional(),
    })
    .refine((c) => Boolean(c.email || c.phone || c.chat || c.url), 'minst en funktionell kontaktväg (email, phone, chat eller url)'),
  hours: openingHoursSchema,
  holders: z.array(holderSchema).default([]),
  /** Functions of other organisations that are this function's counterparts. */
  counterparts: z.array(id).default([]),
  /** Where to turn when this function is closed or vacant (typically socialjouren or 112). */
  outOfHours: id.optional(),
  /**
   * Where Motpart posts the function's own reminders (the guidance it owns that is past its review
   * date), by channel id. Not `contact.chat`: that is free text for people ("#samverkan-oster"), and
   * a bot needs the id, which people never read and names do not give.
   */
  reminders: z
    .strictObject({
      slack: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'ska vara ett kanal-id i Slack som C012AB3CD (kanalens namn > Om > längst ned), inte kanalens namn').optional(),
      teams: z
        .string()
        .regex(/^19:[^\s]+@thread\.(tacv2|skype|v2)$/, 'ska vara ett konversations-id i Teams som 19:…@thread.tacv2 (i kanalens länk, "Hämta länk till kanal", efter /channel/, med %3a som : och %40 som @)')
        .optional(),
    })
    .refine((r) => Boolean(r.slack || r.teams), 'ange slack, teams eller båda (eller ta bort reminders)')
    .optional(),
});

const under = z.number().int().min(1).max(30);
/** A cue word or phrase; one that holds only under an age; or words that must be found together. */
const cueSchema = z.union([
  nonEmpty,
  z.strictObject({ cue: nonEmpty, under }),
  z.strictObject({
    together: z.array(z.array(nonEmpty).min(1)).min(2, 'minst två listor: ord från varje lista ska stå nära varandra'),
    under: under.optional(),
    /** Holds only when every age the question names is above this ("sambon slog honom", 13, is no partner violence). */
    over: under.optional(),
    /**
     * The lists' words must come in the order written: "säljer hasch till elever" is supplying a
     * minor, "sonen har sagt till oss att han säljer hasch" is his own dealing.
     */
    inOrder: z.literal(true).optional(),
  }),
]);

/** One situation this one gives way to (see `yieldsTo`). */
const yieldRule = z.strictObject({ situation: id, over: under.optional(), always: z.literal(true).optional(), unlessNamed: z.literal(true).optional() });

/**
 * A kind of case the guidance distinguishes (a crime against a child, a risk of future crime ...),
 * with the words people use for it. Questions are read for these cues, and snippets declare the
 * situations they answer, so a long case description is matched on its facts, not only its words.
 */
export const situationSchema = z.strictObject({
  id,
  name: nonEmpty,
  description: z.string().optional(),
  /**
   * Words and short phrases, Swedish and English, that signal the situation; matched on word stems.
   * `{ cue: gravid, under: 15 }` holds only when the question names an age below 15;
   * `{ together: [[säljer, ger], [hasch, alkohol]] }` when a word from each list is found close by,
   * and `over: 17` with it when no age of 17 or below is named; `inOrder: true` when the words must
   * also come in the lists' order.
   */
  cues: z.array(cueSchema).min(1, 'minst ett ord som signalerar situationen'),
  /**
   * A setting rather than a kind of case (LVU, a joint meeting): a snippet written for it fits a
   * question only when the question names it, whatever else the two share.
   */
  context: z.boolean().default(false),
  /**
   * Gives way to another situation found in the same question when no age at or below `over` is
   * named (without `over`: when a word of that situation's `child` list names the child): violence
   * words with a partner and no child are partner violence, not a crime against a child; a crime
   * already committed against "pojken" is a crime against a child. `always`: gives way whenever the
   * other is found ("tvingas sälja knark" is a crime against the young person, not supplying him).
   * `unlessNamed`: gives way unless a word of this situation's own `child` list names the child ("en
   * 17-åring misstänkt för grov misshandel" is a young suspect; "pojken misshandlades" a crime against
   * him). A list gives way to each of several.
   */
  yieldsTo: z
    .union([yieldRule, z.array(yieldRule).min(1)])
    .transform((y) => (Array.isArray(y) ? y : [y]))
    .optional(),
  /**
   * Cues that tell the story is the other way round, so the situation does not hold whatever its
   * cues say: the young person stabbed someone, or someone else was hurt in a fight he was in
   * ("var med i ett slagsmål där någon annan blev knivhuggen") is no crime against him.
   */
  notWhen: z.array(cueSchema).optional(),
  /**
   * A case about a child under 18: not found where every age the question names is 18 or over,
   * unless one of these words names a child ("en 19-åring blev misshandlad av sin bror" is no crime
   * against a child; "pappan, 42, slår dottern" is).
   */
  child: z.strictObject({ words: z.array(nonEmpty).min(1) }).optional(),
});

/**
 * What a snippet's core answer is: may be shared (far), may not (far_inte), depends (beror_pa), must
 * be given, a duty in law such as an orosanmälan (ska), or plain information.
 */
export const VERDICTS = ['far', 'far_inte', 'beror_pa', 'information', 'ska'] as const;

export const snippetSchema = z.strictObject({
  id,
  title: nonEmpty,
  questions: z.array(nonEmpty).min(1, 'minst en fråga som användare ställer den'),
  verdict: z.enum(VERDICTS),
  answer: nonEmpty.refine((s) => s.split(/\s+/).length <= 80, 'kort svar: högst 80 ord'),
  conditions: z.array(nonEmpty).default([]),
  references: z.array(canonicalRef).default([]),
  sources: z.array(z.strictObject({ title: nonEmpty, url: z.string().url('ska vara en webbadress') })).min(1, 'minst en källa med URL'),
  reviewed: isoDate,
  reviewIntervalMonths: z.number().int().min(1).max(60),
  owner: id,
  tags: z.array(nonEmpty).default([]),
  /** Set when a part is not settled law: what is uncertain, so the reply can say so. */
  uncertain: z.string().optional(),
  /** Age range (inclusive) the route applies to, e.g. 18 a: max 20 (has not turned 21). */
  age: z
    .strictObject({
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
      note: nonEmpty,
      /**
       * The limit is the age of the child the rule protects (10 kap. 21 §: a crime against someone
       * under 18), so an adult's age in the question ("en 25-åring säljer hasch till högstadiebarn")
       * is the other party's, not a conflict, where the question describes the case the rule is for.
       */
      victim: z.boolean().default(false),
    })
    .optional(),
  /** Snippets to offer as follow-ups. */
  related: z.array(id).default([]),
  /**
   * Who gives the information to whom, for snippets that only hold in one direction (18 a is
   * socialtjänst → polis): a question asked the other way round must not get this answer.
   */
  flow: z
    .strictObject({
      from: z.array(organisationKind).min(1).optional(),
      to: z.array(organisationKind).min(1).optional(),
      /** What a parent or guardian may be told or read (12 kap. 3 § OSL): not what an organisation may be given. */
      toParent: z.literal(true).optional(),
    })
    .refine((f) => f.from || f.to || f.toParent, 'ange "from", "to" eller "toParent: true" (organisationstyper, t.ex. [socialtjanst])')
    .refine((f) => !(f.to && f.toParent), 'ange antingen "to" (en organisation tar emot) eller "toParent: true" (vårdnadshavaren), inte båda')
    .optional(),
  /** The situations (ids in `situations`) this snippet answers; a question naming another one ranks it lower. */
  situations: z.array(id).default([]),
  /**
   * The general rule for its direction ("Vad polisen får berätta för skolan"): sure when a question
   * states both its sides and its words touch it, unless a narrower rule fits the case.
   */
  general: z.literal(true).optional(),
});

/**
 * A web domain the editors accept as an authoritative source (riksdagen.se, lagen.nu ...); its
 * subdomains count too. `knowledge check` warns about a snippet source on any other domain.
 */
export const authoritativeSourceSchema = z.strictObject({
  domain: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'ska vara ett domännamn utan https:// och utan snedstreck, t.ex. riksdagen.se'),
  name: nonEmpty,
});

/**
 * A provision the guidance cites, with its primary source: whether the editors confirmed its text
 * there, how, when they last checked, and the date it last changed. A snippet citing it that was
 * reviewed before that change is flagged by `knowledge check`. LEGAL-SOURCES.md is generated from these.
 */
export const provisionSchema = z.strictObject({
  ref: canonicalRef,
  title: nonEmpty,
  url: z.string().url('ska vara en webbadress'),
  confirmed: z.boolean(),
  /** How it was confirmed, or what is not confirmed. */
  how: nonEmpty,
  checked: isoDate,
  /** The date the provision last changed in force (ÅÅÅÅ-MM-DD), when the editors know it. */
  changed: isoDate.optional(),
  changeNote: z.string().optional(),
});

export const checklistSchema = z.strictObject({
  id,
  title: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  /**
   * The sides the checklist is written for ("Orosanmälan från polisen": polis). Someone of another
   * side who asks in the same words gets the one written for their side first.
   */
  for: z.array(organisationKind).optional(),
  description: z.string().optional(),
  items: z
    .array(
      z.strictObject({
        id,
        text: nonEmpty,
        responsible: nonEmpty,
        guidance: id.optional(),
        reference: canonicalRef.optional(),
      }),
    )
    .min(1),
});

export const synonymsSchema = z.strictObject({
  /** Each group: the first word is the canonical term, the others mean the same when searching. */
  groups: z.array(z.array(nonEmpty).min(2)).default([]),
  /** Short forms of legal references that people type without the law: "18 a" means "OSL 10:18 a". */
  references: z.record(z.string(), canonicalRef).default({}),
  /** Function that owns topics nobody else owns (usually the municipal lawyer), asked when unsure. */
  defaultOwner: id,
  /**
   * Everyday topics outside the domain (julbord, VPN, föräldraledighet): a question about one of
   * them gets the help, not a contact card or guidance, unless it also names a kind of case, a
   * provision or secrecy, consent or a report.
   */
  offTopic: z.array(nonEmpty).default([]),
});

/** What each file holds: a file may hold any of these lists, so content can be split freely. */
export const knowledgeFileSchema = z.strictObject({
  organisations: z.array(organisationSchema).optional(),
  areas: z.array(areaSchema).optional(),
  functions: z.array(functionSchema).optional(),
  guidance: z.array(snippetSchema).optional(),
  checklists: z.array(checklistSchema).optional(),
  situations: z.array(situationSchema).optional(),
  authoritativeSources: z.array(authoritativeSourceSchema).optional(),
  provisions: z.array(provisionSchema).optional(),
  synonyms: synonymsSchema.optional(),
});

export type Organisation = z.infer<typeof organisationSchema>;
export type Area = z.infer<typeof areaSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type Holder = z.infer<typeof holderSchema>;
export type OrgFunction = z.infer<typeof functionSchema>;
export type Snippet = z.infer<typeof snippetSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
export type Situation = z.infer<typeof situationSchema>;
export type AuthoritativeSource = z.infer<typeof authoritativeSourceSchema>;
export type Provision = z.infer<typeof provisionSchema>;
export type Synonyms = z.infer<typeof synonymsSchema>;
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;

/** All knowledge after loading, before indexing. */
export interface KnowledgeData {
  organisations: Organisation[];
  areas: Area[];
  functions: OrgFunction[];
  guidance: Snippet[];
  checklists: Checklist[];
  situations: Situation[];
  /** Domains accepted as sources; when empty, sources are not checked. */
  authoritativeSources?: AuthoritativeSource[];
  /** The register of cited provisions behind LEGAL-SOURCES.md. */
  provisions?: Provision[];
  synonyms: Synonyms;
}

/** The lists of records in {@link KnowledgeData}, each record with its own id. */
export const KNOWLEDGE_LISTS = ['organisations', 'areas', 'functions', 'guidance', 'checklists', 'situations'] as const;
export type KnowledgeList = (typeof KNOWLEDGE_LISTS)[number];
