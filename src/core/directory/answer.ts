/**
 * Directory replies: "vem är min motpart i Rosengård", "kontakt soc Fosie", "socialjouren malmö".
 */
import type { Area, OrganisationKind } from '../knowledge/schema.js';
import type { Context } from '../context.js';
import { feedbackButtons } from '../feedback.js';
import { recordGap } from '../gaps.js';
import { reply, type Button, type ContactCard, type Reply, type ReplyPart } from '../reply.js';
import type { Analysis } from '../search/analyse.js';
import { sentencesOf, tokenise } from '../text/normalise.js';
import { statedTime, type StatedTime } from '../text/when.js';
import { isOpen, type LocalTime } from '../hours.js';
import { ADULT, childAtRisk, reportsByDuty } from '../guidance/situations.js';
import { contactCard } from './card.js';
import { CONTACT_WORDS, kindsFor, SOMEONE_WORDS, parseDirectoryQuery, pickShown, rankFunctions, SIDES, withoutAsker, type DirectoryQuery, type RankedFunction } from './lookup.js';
import { introducesAsker, isRoleWord, kindAt, kindLabel, kindOfWords, type Role } from './role.js';
import { currentOverlay } from './upkeep.js';

function bestPerKind(ctx: Context, ranked: readonly RankedFunction[], kinds: readonly OrganisationKind[]): RankedFunction[] {
  return kinds.flatMap((kind) => ranked.find((r) => ctx.knowledge.functions.kindOf(r.doc) === kind) ?? []);
}

/** The first few neighbourhoods, as examples to pick from; stops there (a country has tens of thousands of areas). */
function exampleAreas(areas: readonly Area[], count: number): string[] {
  const names: string[] = [];
  for (const a of areas) {
    if (names.length === count) break;
    if (a.type === 'stadsdel' || a.type === 'bostadsomrade') names.push(a.name);
  }
  return names;
}

/**
 * The question which area, with a few to pick from. `report`: what is to be sent ("orosanmälan"),
 * so that a picked area is asked as "vem tar emot orosanmälan i …", not as a counterpart question
 * that would lose what the message was about.
 */
function askForArea(ctx: Context, report?: string): Reply {
  const examples = exampleAreas(ctx.knowledge.data.areas, 3);
  return reply({
    intent: 'directory',
    headline: 'Vilket område gäller det?',
    confidence: 0.3,
    parts: [{ type: 'text', text: 'Skriv området, till exempel en stadsdel eller en kommun, så visar jag vem du kontaktar.' }],
    suggestions: examples.map((name) =>
      report
        ? { label: `${capitalised(report)} i ${name}`, action: { type: 'ask', text: `vem tar emot ${report} i ${name}` } }
        : { label: `Motpart i ${name}`, action: { type: 'ask', text: `vem är min motpart i ${name}` } },
    ),
  });
}
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "hade", "tog", "igår", "was": a sentence about what happened, whose times are not now. */
const PAST = new Set(['hade', 'tog', 'var', 'blev', 'igar', 'forra', 'was', 'were', 'had', 'did', 'yesterday', 'last', 'ago']);
/** "har tagit", "har varit": "har" before a supine tells what happened; "vi har en 14-åring" does not. */
const SUPINE = /(?:it|at|tt|dd)$/;
const tellsThePast = (words: readonly string[]) =>
  words.some((w, i) => PAST.has(w) || (w === 'har' && words.slice(i + 1, i + 4).some((x) => x.length > 4 && SUPINE.test(x))));

/**
 * The time the question asks about: said where it asks ("vem ringer jag i natt") or where the story
 * says what time it is ("Det är lördag kväll", "Saturday night, 22:30"), not where it tells what
 * happened ("polisen tog honom i helgen").
 */
const asks = (w: readonly string[]) => w.some((x) => CONTACT_WORDS.has(x) || ASKING_WORDS.has(x));
const ASKING_WORDS = new Set(['vem', 'vart', 'vilken', 'who', 'where', 'which']);
/** The synonym groups of times of day and week (knowledge/synonyms.yaml), by a member of each. */
const TIME_WORDS = ['kväll', 'natt', 'helg'];

/**
 * The query a story with a contact question asks: "Jag är rektor på en skola i Kisa. En elev har
 * blåmärken … Vem på socialtjänsten är det som gäller för oss?" asks for socialtjänsten, not for the
 * school the story names. The organisation asked for comes from the sentences that ask; where they
 * name no place, the story's place (and time, see askedTime) holds.
 */
function askedQuery(knowledge: Context['knowledge'], analysis: Analysis, text: string): DirectoryQuery {
  const whole = parseDirectoryQuery(knowledge, analysis);
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return whole;
  const asking = sentences.filter((s) => s.trimEnd().endsWith('?') || asks(tokenise(s)));
  if (asking.length === 0 || asking.length === sentences.length) return whole;
  const asked = parseDirectoryQuery(knowledge, knowledge.analyser.analyse(asking.join(' ')));
  // The organisations asked for are those the asking sentences name; the story's words still say
  // what the contact is about ("orosanmälan", "rädd att gå hem i kväll").
  // Roles and organisations in the story ("kurator på en skola") are who tells it, not who is asked
  // for; its times ("varje kväll", "i går") are when things happened: the time asked about is askedTime's.
  const times = new Set(TIME_WORDS.map((w) => knowledge.synonyms.keyOf(w)));
  const storyTerms = whole.terms.filter(
    (t) => !asked.terms.some((a) => a.text === t.text) && !times.has(t.keys[0]) && !tokenise(t.text).some((w) => isRoleWord(w) || kindOfWords([w]) !== undefined),
  );
  return { ...whole, kinds: asked.kinds, terms: [...asked.terms, ...storyTerms], areas: asked.areas.length > 0 ? asked.areas : whole.areas };
}

/**
 * "vi ser honom allt oftare på kvällarna", "we keep finding him out late at night": a habit, not the
 * time the contact is needed; its times neither state a moment nor point at the out-of-hours service.
 */
const HABIT = new Set(['ofta', 'oftare', 'brukar', 'varje', 'alltid', 'ibland', 'kvallarna', 'natterna', 'helgerna', 'often', 'keep', 'keeps', 'every', 'always', 'usually', 'regularly', 'sometimes', 'evenings', 'nights', 'weekends']);
const tellsAHabit = (words: readonly string[]) => words.some((w) => HABIT.has(w));

function askedTime(text: string, local: LocalTime): StatedTime | undefined {
  const sentences = sentencesOf(text).map((s) => ({ s, words: tokenise(s) })).filter((x) => !tellsAHabit(x.words));
  const ordered = [...sentences.filter((x) => asks(x.words)), ...sentences.filter((x) => !asks(x.words) && !tellsThePast(x.words))];
  for (const { s } of ordered) {
    const stated = statedTime(s, local);
    if (stated) return stated;
  }
  return undefined;
}

/**
 * "Vi skulle vilja att någon från polisen kom och pratade med niorna … Vem ska jag kontakta?": the
 * asking sentence names no organisation, and the story wants someone from one besides the asker's
 * own: that is the one asked for, not the asker's counterparts in general.
 */
function wantedInStory(query: DirectoryQuery, analysis: Analysis, role: Role | undefined): DirectoryQuery {
  if (!role || query.kinds.length > 0 || query.counterpart || namesJurist(query)) return query;
  const { words } = analysis;
  const wanted = new Set<OrganisationKind>();
  words.forEach((w, i) => {
    if (!SOMEONE_WORDS.has(w) || !FROM_AT.has(words[i + 1] ?? '')) return;
    const kind = kindAt(words, words[i + 2] === 'the' ? i + 3 : i + 2)?.kind;
    if (kind && kind !== role.kind) wanted.add(kind);
  });
  return wanted.size === 1 ? { ...query, kinds: [...wanted] } : query;
}
/** "någon från polisen", "someone from the police": a person of an organisation the story wants. */
const FROM_AT = new Set(['fran', 'pa', 'hos', 'from', 'at']);

/**
 * "Jag jobbar natt på socialjouren … behöver nå polisen": the unit the asker says they work at is
 * who asks, not a function asked for by name.
 */
function withoutAskersOwnUnit(query: DirectoryQuery, analysis: Analysis): DirectoryQuery {
  const { words } = analysis;
  // Said once, in the introduction: "I'm a lawyer … who is the police lawyer" asks for a lawyer too.
  const own = (text: string) => {
    const first = tokenise(text)[0] ?? '';
    const i = words.indexOf(first);
    return i >= 0 && i === words.lastIndexOf(first) && introducesAsker(words, i);
  };
  return query.terms.some((t) => own(t.text)) ? { ...query, terms: query.terms.filter((t) => !own(t.text)) } : query;
}

/**
 * The times of a message that tells a habit are left out of what the contact is about (see HABIT),
 * and so is a time the question asks about when it names what it is about too: "fältare malmö
 * ikväll" asks for the field workers, open tonight, not for the service whose topics say "kväll".
 */
function withoutTimes(knowledge: Context['knowledge'], query: DirectoryQuery, text: string, local: LocalTime): DirectoryQuery {
  const times = new Set(TIME_WORDS.map((w) => knowledge.synonyms.keyOf(w)));
  const rest = query.terms.filter((t) => !times.has(t.keys[0]));
  if (tellsAHabit(tokenise(text)) || (rest.length > 0 && askedTime(text, local))) return { ...query, terms: rest };
  return query;
}

/**
 * "orosanmälan Rimforsa, vart skickar jag den", "who takes reports of concern": a report names its
 * receiver (an orosanmälan goes to social services, a polisanmälan to the police), whichever other
 * functions have the word among their topics.
 */
const REPORTS: ReadonlyArray<readonly [string, OrganisationKind]> = [
  ['orosanmälan', 'socialtjanst'],
  ['polisanmälan', 'polis'],
];
function receiverOfReport(knowledge: Context['knowledge'], query: DirectoryQuery): readonly OrganisationKind[] | undefined {
  // "jurist grundskolan malmö polisanmälan elev": a jurist asked about a report, not where to send it.
  if (namesJurist(query)) return undefined;
  const keys = new Set(query.terms.map((t) => t.keys[0]));
  const kinds = REPORTS.filter(([word]) => keys.has(knowledge.synonyms.keyOf(word))).map(([, kind]) => kind);
  return kinds.length > 0 ? kinds : undefined;
}

/**
 * "En elev vågar inte gå hem för att pappa slår henne. Vem ringer jag?" from a school: a child at
 * risk, told by someone whose work has the duty to report and asking for social services or for no
 * organisation, is an orosanmälan, whichever other functions the story's words fit (the jour's
 * "våld", "hemma", a coordinator's "report").
 */
function asConcernReport(knowledge: Context['knowledge'], query: DirectoryQuery, story: Analysis, role: Role | undefined): DirectoryQuery {
  if (query.kinds.some((k) => k !== 'socialtjanst') || receiverOfReport(knowledge, query)) return query;
  // With no saved role, "anmälan om en elev" is still a report of concern: anyone may make one.
  if (!role) return reportAboutAChild(story) ? withConcernReport(knowledge, query) : query;
  if (role.kind === 'socialtjanst' || !reportsByDuty(role.kind)) return query;
  if (!childAtRisk(knowledge.situations.find(story)) && !reportAboutAChild(story)) return query;
  return withConcernReport(knowledge, query);
}
const withConcernReport = (knowledge: Context['knowledge'], query: DirectoryQuery): DirectoryQuery => ({
  ...query,
  terms: [...knowledge.analyser.analyse(REPORTS[0]![0]).terms, ...query.terms],
});

/** A report with no other name ("anmälan", "anmäla") … */
const BARE_REPORT = new Set(['anmalan', 'anmala', 'anmaler', 'anmalningen', 'report']);
/** … about a child ("en elev", "barnet", a 12-year-old). */
const CHILD_WORDS = new Set(['elev', 'eleven', 'elever', 'barn', 'barnet', 'pojke', 'pojken', 'flicka', 'flickan', 'tjej', 'kille', 'pupil', 'child', 'student']);
/**
 * "Vart skickar jag en anmälan om en elev?" from a school: a report about a child, from someone whose
 * work has the duty to report, is an orosanmälan, not a polisanmälan, unless it names the crime.
 */
const reportAboutAChild = (story: Analysis) =>
  story.words.some((w) => BARE_REPORT.has(w)) && (story.words.some((w) => CHILD_WORDS.has(w)) || story.ages.some((a) => a < ADULT));

/** "polisjurist", "kommunjuristen", "the police lawyer" (a synonym of polisjurist): a jurist asked for by name. */
const namesJurist = (query: DirectoryQuery) => query.terms.some((t) => t.keys.some((k) => k.includes('jurist')));

/** Asking for advice ("vem kan jag fråga", "rådfråga", "who do I ask", "discuss"), folded. */
const ADVICE = /\b(?:fraga|fragar|radfraga|radfragar|radgivning|radgora|ge rad|stamma av|hjalpa mig|hjalpa oss|svara pa (?:\w+ )?fragor|ask|consult|advice|advise|discuss|help me|help us|opinion)\b/;
/**
 * "polisens sekretess", "the police's secrecy rules", "vem hos polisen", "who at the police": the
 * police's own law or people asked about, so the police's jurist, whoever asks.
 */
const POLICE_SIDE = /\b(?:polisens (?:sekretess|regler|tystnadsplikt)|police s (?:secrecy|rules|confidentiality)|(?:vem|nagon|nan) (?:pa|hos|inom) polisen|(?:who|anyone|someone) (?:at|in|from) the police)\b/;
/** …about the law of sharing ("vad vi får lämna ut", "sekretessen", "our own secrecy rules"), folded. */
const LEGAL = /\b(?:sekretess\w*|tystnadsplikt\w*|lamna ut|lamnar ut|far lamna|far beratta|juridisk\w*|juridik\w*|osl|secrecy|confidentiality|legal|information sharing)\b/;
/**
 * "Vem frågar jag om vad soc får lämna ut till polisen?", "who can I ask about our secrecy rules?":
 * the one to ask about the law is the jurist on the asker's own side (the police's jurist for the
 * police, the municipality's for everyone else), not the organisation the information would go to,
 * unless the question asks about the police's own rules or people (POLICE_SIDE).
 */
function asLegalAdvice(knowledge: Context['knowledge'], query: DirectoryQuery, analysis: Analysis, role: Role | undefined): DirectoryQuery {
  const said = analysis.words.join(' ');
  // "the police lawyer", "kommunjuristen": the question already says whose.
  if (query.counterpart || namesJurist(query) || !ADVICE.test(said) || !LEGAL.test(said)) return query;
  const police = role?.kind === 'polis' || POLICE_SIDE.test(said);
  return { ...query, kinds: [police ? 'polis' : 'kommunledning'], terms: knowledge.analyser.analyse(police ? 'polisjurist' : 'kommunjurist').terms };
}

/**
 * "Jag är kurator på en skola i Rosengård. … Vem vänder jag mig till?": a part that names no place
 * asks about the place the rest of the message is in, not about every municipality's function.
 */
function inStoryPlace(knowledge: Context['knowledge'], query: DirectoryQuery, analysis: Analysis, story: Analysis): DirectoryQuery {
  if (query.areas.length > 0 || story === analysis) return query;
  const areas = parseDirectoryQuery(knowledge, story).areas;
  return areas.length > 0 ? { ...query, areas } : query;
}

/** The functions shown fit equally well and serve places that do not overlap (other municipalities). */
function placesApart(knowledge: Context['knowledge'], shown: readonly RankedFunction[]): boolean {
  if (shown.length < 2 || shown.some((r) => r.named) || shown[0]!.score - shown.at(-1)!.score > EQUALLY_GOOD) return false;
  const areasOf = (r: RankedFunction) => knowledge.functions.list[r.doc]!.areas;
  const related = (a: string, b: string) => a === b || knowledge.areas.ancestors(a).has(b) || knowledge.areas.ancestors(b).has(a);
  return shown.every((r, i) => shown.slice(i + 1).every((o) => !areasOf(r).some((a) => areasOf(o).some((b) => related(a, b)))));
}

/** Within this much of each other, two functions fit the question equally well. */
const EQUALLY_GOOD = 0.03;

/**
 * "Vem på socialtjänsten ska vi kontakta?" with the story's words fitting the intake and the
 * socialjour alike: the one that answers at the time asked about (now, unless a time is stated)
 * first. A fallback (the socialjour, the police's contact centre) closed then comes after every
 * function of its kind that answers then, unless the question names it ("socialjouren malmö"): in a
 * case description its topics (violence, home, evenings) fit the story's words best, and at ten on
 * a Tuesday the intake is whom to call.
 */
function openFirst(ctx: Context, ranked: readonly RankedFunction[], at: LocalTime): RankedFunction[] {
  const fns = ctx.knowledge.functions;
  const open = new Map(ranked.map((r) => [r, isOpen(fns.list[r.doc]!.hours, at)]));
  const openKinds = new Set(ranked.filter((r) => open.get(r) && !fns.isFallback(r.doc)).map((r) => fns.kindOf(r.doc)));
  const closedFallback = (r: RankedFunction) => !r.named && !open.get(r) && fns.isFallback(r.doc) && openKinds.has(fns.kindOf(r.doc));
  const key = new Map(ranked.map((r) => [r, r.score + (open.get(r) ? EQUALLY_GOOD : 0)]));
  return [...ranked].sort((a, b) => Number(closedFallback(a)) - Number(closedFallback(b)) || key.get(b)! - key.get(a)!);
}

/**
 * `story` is the whole message when this part is one of several: "En elev säger att pappa slår
 * henne. Måste jag anmäla och vart skickar jag den?" asks where in its last part, and the case it
 * asks about is told in the first.
 */
export async function answerDirectory(ctx: Context, analysis: Analysis, text: string, role: Role | undefined, story: Analysis = analysis): Promise<Reply> {
  const { knowledge } = ctx;
  /** The organisation kinds a query asks for: named, the asker's counterparts, or the receiver of the report it speaks of. */
  const kindsAsked = (q: DirectoryQuery) => kindsFor(knowledge, q, role) ?? receiverOfReport(knowledge, q);
  const asked = inStoryPlace(knowledge, withoutTimes(knowledge, withoutAskersOwnUnit(withoutAsker(wantedInStory(askedQuery(knowledge, analysis, text), analysis, role), role), analysis), text, ctx.local), analysis, story);
  // "socjour kinda nummer? … en kille på 14 vill inte gå hem": a function asked for by name is the answer, whatever the case.
  const named = rankFunctions(knowledge, asked, role, kindsAsked(asked)).some((r) => r.named);
  const query = named ? asked : asLegalAdvice(knowledge, asConcernReport(knowledge, asked, story, role), analysis, role);
  const ownFunction = role?.functionId ? knowledge.functions.get(role.functionId) : undefined;
  if (query.areas.length === 0 && query.terms.length === 0 && !(query.counterpart && ownFunction?.counterparts.length)) {
    return askForArea(ctx);
  }
  const roleUnknown = query.counterpart && !role && query.kinds.length === 0;
  const kinds = roleUnknown ? SIDES : kindsAsked(query);
  const stated = askedTime(text, ctx.local);
  const ranked = openFirst(ctx, rankFunctions(knowledge, query, role, kinds), stated?.at ?? ctx.local);
  const areaName = query.areas[0] ? knowledge.areas.name(query.areas[0].areaIds[0]!) : undefined;

  if (ranked.length === 0) {
    await recordGap(ctx, text, 'directory');
    const what = query.kinds.length > 0 ? ` hos ${query.kinds.map(kindLabel).join(' eller ')}` : '';
    return reply({
      intent: 'directory',
      headline: 'Jag hittar ingen kontakt för det',
      confidence: 0.2,
      parts: [{ type: 'text', text: `Jag hittar ingen funktion${what}${areaName ? ` för ${areaName}` : ''}. Prova ett annat område eller stavning.` }],
    });
  }

  const shown = roleUnknown ? bestPerKind(ctx, ranked, SIDES) : pickShown(knowledge, ranked);
  // "vart skickar jag den?" after a story with no place: a concern to report, the intakes of three
  // municipalities fit alike, and which one is the asker's is the question to ask, not a guess to show.
  if (query !== asked && query.areas.length === 0 && !ownFunction && placesApart(knowledge, shown)) return askForArea(ctx, REPORTS[0]![0]);
  const fns = shown.map((r) => knowledge.functions.list[r.doc]!);
  const parts: ReplyPart[] = [];
  const buttons: Button[] = [];
  if (roleUnknown) {
    parts.push({ type: 'notice', level: 'info', text: 'Jag vet inte vilken roll du har, så här är båda sidorna. Välj din roll nedan så svarar jag direkt nästa gång.' });
    for (const fn of fns) buttons.push({ label: `Jag hör till ${fn.name}`, action: { type: 'profile.set', functionId: fn.id } });
  }
  const overlay = await currentOverlay(ctx);
  // "vem ringer jag i natt": the cards are for the time asked about, and a function closed then
  // comes after the one that answers then.
  // Each function is shown once: the socialjour ranked on its own and as the fallback of a closed intake is one card.
  const shownIds = new Set<string>();
  const show = (contact: ContactCard) => {
    if (shownIds.has(contact.functionId)) return;
    shownIds.add(contact.functionId);
    parts.push({ type: 'contact', contact });
  };
  for (const fn of fns) {
    const card = contactCard(knowledge, fn, stated?.at ?? ctx.local, overlay, true, stated?.label);
    const { fallback, ...closed } = card;
    if (stated && card.openNow === false && fallback) {
      show(fallback);
      show(closed);
    } else show(card);
  }

  // Not one already on a card as the fallback of a closed function ("Även: Socialjouren" under the jour's card).
  const more = ranked
    .filter((r) => !shown.includes(r) && !shownIds.has(knowledge.functions.list[r.doc]!.id) && r.score >= shown[shown.length - 1]!.score - 0.1)
    .slice(0, 2)
    .map((r) => knowledge.functions.list[r.doc]!);
  const suggestions: Button[] = more.map((fn) => ({ label: `Även: ${fn.name}`, action: { type: 'ask', text: fn.name } }));

  let headline: string;
  if (query.counterpart && areaName) headline = roleUnknown ? `Motparter i ${areaName}` : `Din motpart i ${areaName}`;
  else if (query.counterpart) headline = 'Din motpart';
  else if (fns.length === 1) headline = fns[0]!.name;
  else headline = areaName ? `Kontakter i ${areaName}` : 'Kontakter';

  const fuzzy = query.areas.some((a) => a.fuzzy);
  if (fuzzy && areaName) parts.unshift({ type: 'notice', level: 'info', text: `Jag tolkade området som ${areaName}.` });
  const confidence = Math.min(0.95, shown[0]!.score) * (fuzzy ? 0.9 : 1);
  return reply({
    intent: 'directory',
    headline,
    confidence: Math.round(confidence * 100) / 100,
    parts,
    suggestions,
    buttons: [...buttons, ...feedbackButtons('directory', fns[0]!.id)],
  });
}
