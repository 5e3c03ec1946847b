/**
 * Synthetic knowledge at national scale, grown from the shipped knowledge: the shipped records stay
 * as they are (so their questions must still be found among tens of thousands of neighbours) and
 * made-up municipalities, areas, functions and guidance snippets are added around them.
 * Everything comes from a seeded PRNG, so a corpus size always means the very same data.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Area, KnowledgeData, Organisation, OrgFunction, Snippet } from '../src/core/knowledge/schema.js';
import { createRandom, type Random } from './random.js';

export const DEFAULT_SEED = 20261124;

export interface CorpusOptions {
  /** Total functions, shipped ones included. */
  functions: number;
  /** Total guidance snippets, shipped ones included. */
  snippets: number;
  seed?: number;
}

/** What a synthetic function is, for writing questions about it. */
export type DirectoryRole =
  | 'kommunpolis'
  | 'omradespolis'
  | 'ungdomsutredare'
  | 'socialjour'
  | 'mottagning'
  | 'faltassistent'
  | 'sspf'
  | 'kommunjurist'
  | 'elevhalsa'
  | 'fritidsgard'
  | 'bup';

export interface DirectoryTarget {
  functionId: string;
  role: DirectoryRole;
  /** The place the function is known by, as displayed ("Björkhult", "Björkhult Öster", "Lindåsvik"). */
  place: string;
}

export interface SnippetTarget {
  snippetId: string;
  /** Words without which the question would fit other snippets too; perturbations never drop them. */
  keyWords: string[];
  reference: string;
}

export interface Corpus {
  data: KnowledgeData;
  directory: DirectoryTarget[];
  snippets: SnippetTarget[];
}

const PREFIXES = [
  'Björk', 'Ek', 'Lind', 'Ås', 'Sjö', 'Berg', 'Hög', 'Åker', 'Älv', 'Ör', 'Norr', 'Söder', 'Väster', 'Öster', 'Ny', 'Gamla', 'Lill',
  'Stor', 'Gran', 'Tall', 'Hag', 'Sol', 'Sand', 'Sten', 'Ström', 'Kungs', 'Drott', 'Fågel', 'Hav', 'Rönn', 'Asp', 'Hassel', 'Ljung',
  'Myr', 'Kvarn', 'Kyrk', 'Mark', 'Vall', 'Äng', 'Löv', 'Hjort', 'Varg', 'Björn', 'Tran', 'Svan', 'Ros', 'Vide', 'Al', 'Ham', 'Gull',
];
const MIDDLES = ['e', 'a', 's', 'by', 'sta', 'ne', 'ma', 'ke', 'ga', 'le'];
const SUFFIXES = [
  'köping', 'torp', 'hult', 'by', 'holm', 'vik', 'sund', 'berga', 'ås', 'dal', 'stad', 'näs', 'fors', 'gården', 'lund', 'strand',
  'hamn', 'bro', 'ryd', 'säter', 'tuna', 'sjö', 'åsen', 'backa', 'hed', 'red', 'landa', 'inge', 'mora', 'löv', 'skog', 'bäck',
];
const DIRECTIONS = ['Norr', 'Söder', 'Öster', 'Väster', 'Centrum'];
const FIRST_NAMES = ['Anna', 'Erik', 'Fatima', 'Johan', 'Sara', 'Ali', 'Maria', 'Karl', 'Leila', 'Per', 'Eva', 'Omar', 'Lena', 'Nils', 'Amina', 'Lars', 'Ida', 'Yusuf', 'Karin', 'Jonas'];
const LAST_NAMES = ['Exempelsson', 'Testare', 'Fiktivsson', 'Provberg', 'Påhittad', 'Låtsasson', 'Mönstersson', 'Dummyström', 'Prövare', 'Skenberg'];

const TOPIC_HEADS = [
  'familjehems', 'skol', 'fritids', 'bostads', 'ungdoms', 'missbruks', 'vårdnads', 'umgänges', 'ekonomi', 'försörjnings', 'boende',
  'kontakt', 'stöd', 'insats', 'behandlings', 'utrednings', 'placerings', 'hälso', 'tandvårds', 'idrotts', 'förenings', 'nätverks',
  'grannskaps', 'arbets', 'praktik', 'sommarjobbs', 'läxhjälps', 'mentors', 'elevråds', 'kurators', 'nattvandrings', 'mötesplats',
  'kollo', 'lägerverksamhets', 'förskole', 'gymnasie', 'språkstöds', 'tolk', 'trafik', 'vapen', 'klotter', 'skadegörelse',
];
const TOPIC_TAILS = [
  'placering', 'frånvaro', 'ärende', 'insats', 'plan', 'möte', 'beslut', 'utredning', 'samtal', 'kontrakt', 'bidrag', 'uppföljning',
  'register', 'journal', 'anteckning', 'rapport', 'ansökan', 'avtal', 'incident', 'konflikt', 'tillsyn', 'bedömning', 'kartläggning',
  'överlämning', 'remiss', 'larm', 'kallelse', 'närvaro', 'avstängning', 'dokumentation',
];
/** Settings of a guidance question; the last word tells snippets on the same topic apart. */
const SETTINGS = [
  { sv: 'i skolan', en: 'at school' },
  { sv: 'på fritidsgården', en: 'at the youth centre fritidsgården' },
  { sv: 'vid nattvandringen', en: 'during the nattvandringen' },
  { sv: 'på HVB-hemmet', en: 'at the HVB-hemmet' },
  { sv: 'i familjehemmet', en: 'in the familjehemmet' },
  { sv: 'på vårdcentralen', en: 'at the vårdcentralen' },
  { sv: 'vid hembesöket', en: 'during the hembesöket' },
  { sv: 'på ungdomsmottagningen', en: 'at the ungdomsmottagningen' },
  { sv: 'i idrottsföreningen', en: 'in the idrottsföreningen' },
  { sv: 'på biblioteket', en: 'at the biblioteket' },
];
const ACTORS = [
  { sv: 'socialtjänsten', short: 'soc', en: 'social services' },
  { sv: 'polisen', short: 'polisen', en: 'the police' },
  { sv: 'skolan', short: 'skolan', en: 'the school' },
  { sv: 'fritidsgården', short: 'fritids', en: 'the youth centre' },
  { sv: 'vården', short: 'vården', en: 'healthcare' },
];
const VERDICTS: Snippet['verdict'][] = ['far', 'far_inte', 'beror_pa', 'information'];

/** Folded, lower-case: how the core compares names, so uniqueness is checked the same way. */
export function foldName(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const slug = (text: string) => foldName(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Every string one deletion away (and the string itself): two names sharing one are at most one edit apart. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Place names that are unique and at least two edits from every other name (shipped ones included),
 * so a single typo in a question can never turn one place into another.
 */
class NameMaker {
  private readonly taken = new Set<string>();

  constructor(
    private readonly random: Random,
    reserved: Iterable<string>,
  ) {
    for (const name of reserved) for (const word of foldName(name).split(/[^a-z0-9]+/)) if (word.length >= 3) this.claim(word);
  }

  private claim(word: string): void {
    for (const d of deletions(word)) this.taken.add(d);
  }

  private free(word: string): boolean {
    return deletions(word).every((d) => !this.taken.has(d));
  }

  next(): string {
    for (let attempt = 0; ; attempt++) {
      // Two-part names run out after a few thousand; then longer ones such as "Björklindhult".
      const first = this.random.pick(PREFIXES);
      const middle = attempt < 40 ? '' : this.random.chance(0.3) ? this.random.pick(MIDDLES) : this.random.pick(PREFIXES.filter((p) => p !== first));
      const parts = [first, middle, this.random.pick(SUFFIXES)];
      const name = parts.join('').replace(/^(.)(.*)$/, (_, a: string, b: string) => a.toUpperCase() + b.toLowerCase());
      const word = foldName(name);
      if (word.length >= 5 && this.free(word)) {
        this.claim(word);
        return name;
      }
    }
  }
}

function fictionalPerson(random: Random, kind: 'ordinarie' | 'ersattare', domain: string) {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return {
    name: `${first} ${last} (fiktiv)`,
    kind,
    from: `202${random.int(6)}-0${1 + random.int(9)}-01`,
    email: `${slug(first)}.${slug(last)}@${domain}`,
  };
}

const OFFICE_HOURS: OrgFunction['hours'] = { periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '16:30' }], closed: [] };
const EVENING_HOURS: OrgFunction['hours'] = {
  periods: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '16:30', to: '08:00' },
    { days: ['sat', 'sun'], from: '00:00', to: '24:00' },
  ],
  closed: [],
};

interface Municipality {
  organisations: Organisation[];
  areas: Area[];
  /** In priority order: what a cut-off municipality keeps first. */
  functions: Array<{ fn: OrgFunction; target: DirectoryTarget }>;
}

function municipality(random: Random, names: NameMaker, region: Area, policeArea: Area, policeOrg: string, regionOrg: string): Municipality {
  const name = names.next();
  const k = slug(name);
  const domain = `${k}.example.org`;
  const kommun: Area = { id: `syn-${k}`, name, type: 'kommun', within: [region.id], aliases: [`${name} kommun`, ...(foldName(name) !== name.toLowerCase() ? [foldName(name)] : [])] };
  const lpo: Area = { id: `syn-lpo-${k}`, name: `Lokalpolisområde ${name}`, type: 'lokalpolisomrade', within: [policeArea.id], aliases: [`LPO ${name}`] };
  const areas: Area[] = [kommun, lpo];
  const directions = random.shuffle(DIRECTIONS).slice(0, 1 + random.int(3));
  const districts = directions.map((dir) => {
    const district: Area = { id: `syn-${k}-${slug(dir)}`, name: `${name} ${dir}`, type: 'stadsomrade', within: [kommun.id], aliases: [`Område ${dir} ${name}`] };
    areas.push(district);
    const neighbourhoods = Array.from({ length: 2 + random.int(3) }, () => {
      const n = names.next();
      const alias = foldName(n) !== n.toLowerCase() ? [foldName(n)] : [];
      const area: Area = { id: `syn-${slug(n)}`, name: n, type: 'bostadsomrade', within: [district.id, lpo.id], aliases: alias };
      areas.push(area);
      return area;
    });
    return { dir, district, neighbourhoods };
  });

  const org = (suffix: string, orgName: string, kind: Organisation['kind']): Organisation => ({ id: `syn-${k}-${suffix}`, name: orgName, kind, aliases: [] });
  const soc = org('soc', `Socialtjänsten ${name} kommun`, 'socialtjanst');
  const ledning = org('kommun', `${name} kommun, kommunledningskontoret`, 'kommunledning');
  const skola = org('skola', `Grundskoleförvaltningen ${name}`, 'skola');
  const fritid = org('fritid', `Fritidsförvaltningen ${name}`, 'fritid');

  const out: Municipality['functions'] = [];
  const jourId = `syn-socialjour-${k}`;
  const add = (fn: Omit<OrgFunction, 'holders' | 'counterparts' | 'outOfHours' | 'contact'> & { counterparts?: string[] }, role: DirectoryRole, place: string) => {
    const mailbox = `${slug(fn.role)}.${slug(place)}@${domain}`.replace(/-/g, '.');
    const full: OrgFunction = {
      ...fn,
      contact: { email: mailbox, phone: `0${100 + random.int(900)}-${100000 + random.int(900000)} (fiktivt)` },
      holders: [fictionalPerson(random, 'ordinarie', domain), ...(random.chance(0.8) ? [fictionalPerson(random, 'ersattare', domain)] : [])],
      counterparts: fn.counterparts ?? [],
      ...(fn.id === jourId ? {} : { outOfHours: jourId }),
    };
    out.push({ fn: full, target: { functionId: fn.id, role, place } });
  };

  add({ id: jourId, name: `Socialjouren ${name}`, organisation: soc.id, role: 'socialjour', areas: [kommun.id], topics: ['akuta ärenden', 'barn som far illa', 'våld i nära relation'], hours: EVENING_HOURS }, 'socialjour', name);
  add({ id: `syn-kommunpolis-${k}`, name: `Kommunpolis ${name}`, organisation: policeOrg, role: 'kommunpolis', areas: [lpo.id, kommun.id], topics: ['brottsförebyggande arbete', 'samverkan med kommunen'], hours: OFFICE_HOURS }, 'kommunpolis', name);
  add({ id: `syn-ungdomsutredare-${k}`, name: `Ungdomsutredare LPO ${name}`, organisation: policeOrg, role: 'ungdomsutredare', areas: [lpo.id], topics: ['ungdomsärenden', 'unga lagöverträdare', 'förhör med unga'], hours: OFFICE_HOURS }, 'ungdomsutredare', name);
  add({ id: `syn-kommunjurist-${k}`, name: `Kommunjurist ${name} kommun`, organisation: ledning.id, role: 'kommunjurist', areas: [kommun.id], topics: ['sekretess', 'informationsdelning', 'juridisk rådgivning'], hours: OFFICE_HOURS }, 'kommunjurist', name);
  add({ id: `syn-sspf-${k}`, name: `SSPF-koordinator ${name}`, organisation: soc.id, role: 'sspf-koordinator', areas: [kommun.id], topics: ['SSPF', 'samverkan skola socialtjänst polis fritid'], hours: OFFICE_HOURS }, 'sspf', name);
  add({ id: `syn-falt-${k}`, name: `Fältassistenterna ${name}`, organisation: fritid.id, role: 'faltassistent', areas: [kommun.id], topics: ['uppsökande arbete', 'unga i riskmiljöer'], hours: OFFICE_HOURS }, 'faltassistent', name);
  add({ id: `syn-bup-${k}`, name: `Barn- och ungdomspsykiatrin (BUP) ${name}`, organisation: regionOrg, role: 'bup', areas: [kommun.id], topics: ['psykisk ohälsa', 'barn och unga'], hours: OFFICE_HOURS }, 'bup', name);
  for (const { dir, district, neighbourhoods } of districts) {
    const place = `${name} ${dir}`;
    const police = `syn-omradespolis-${k}-${slug(dir)}`;
    const reception = `syn-mottagning-${k}-${slug(dir)}`;
    add({ id: reception, name: `Mottagningsenheten barn och unga, ${place}`, organisation: soc.id, role: 'mottagning', areas: [district.id], topics: ['orosanmälan', 'barn och unga', 'ungdomsärenden'], hours: OFFICE_HOURS, counterparts: [police] }, 'mottagning', place);
    add({ id: police, name: `Områdespolis ${place}`, organisation: policeOrg, role: 'omradespolis', areas: neighbourhoods.map((n) => n.id), topics: ['lokal brottslighet', 'trygghet i bostadsområdet'], hours: OFFICE_HOURS, counterparts: [reception] }, 'omradespolis', place);
    add({ id: `syn-elevhalsa-${k}-${slug(dir)}`, name: `Elevhälsan ${place}`, organisation: skola.id, role: 'elevhalsa', areas: [district.id], topics: ['skolfrånvaro', 'elevers hälsa'], hours: OFFICE_HOURS }, 'elevhalsa', place);
    for (const n of neighbourhoods) {
      add({ id: `syn-fritidsgard-${slug(n.name)}`, name: `Fritidsgården ${n.name}`, organisation: fritid.id, role: 'fritidsgard', areas: [n.id], topics: ['fritidsverksamhet för unga', 'öppen verksamhet'], hours: OFFICE_HOURS }, 'fritidsgard', n.name);
    }
  }
  return { organisations: [soc, ledning, skola, fritid], areas, functions: out };
}

function referenceFor(index: number): string {
  // Chapters 50-99 do not exist in OSL, so synthetic references never collide with real ones.
  return `OSL ${50 + (index % 50)}:${1 + Math.floor(index / 50)}`;
}

function syntheticSnippet(random: Random, index: number, topic: string, setting: (typeof SETTINGS)[number], owner: string): { snippet: Snippet; target: SnippetTarget } {
  const [a, b] = random.shuffle(ACTORS);
  const reference = referenceFor(index);
  const settingWord = setting.sv.split(' ').at(-1)!;
  const id = `syn-vagledning-${index}`;
  const snippet: Snippet = {
    id,
    title: `${topic[0]!.toUpperCase()}${topic.slice(1)} ${setting.sv}: ${a!.sv} och ${b!.sv}`,
    questions: [
      `får ${a!.sv} lämna uppgifter om ${topic} ${setting.sv} till ${b!.sv}`,
      `kan ${b!.sv} få veta något om ett ${topic} ${setting.sv}`,
      `vad gäller för sekretessen kring ${topic} ${setting.sv}`,
      `can ${a!.en} share information about ${topic} ${setting.en}`,
    ],
    verdict: random.pick(VERDICTS),
    answer:
      `${a!.sv[0]!.toUpperCase()}${a!.sv.slice(1)} får lämna uppgifter om ${topic} ${setting.sv} till ${b!.sv} när uppgiften behövs för att ` +
      `skydda den unge och ingen sekretess hindrar det. Bedöm varje fall för sig, lämna inte mer än som behövs och dokumentera ` +
      `vad som lämnades, till vem och varför. Fråga kommunjuristen om du är osäker.`,
    conditions: [`Uppgiften om ${topic} behövs hos ${b!.sv}.`, 'Den enskildes intresse väger inte tyngre.'],
    references: [reference],
    sources: [{ title: 'Syntetisk vägledning för prestandatest', url: `https://example.org/vagledning/${id}` }],
    reviewed: '2026-06-01',
    reviewIntervalMonths: 24,
    owner,
    tags: [topic, settingWord, a!.sv, b!.sv],
    related: [],
    situations: [],
  };
  return { snippet, target: { snippetId: id, keyWords: [topic, settingWord], reference } };
}

/** The shipped knowledge grown to the requested size. The seed data is not modified. */
export function generateCorpus(seedData: KnowledgeData, options: CorpusOptions): Corpus {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const data: KnowledgeData = structuredClone(seedData);
  const names = new NameMaker(random, [...seedData.areas.flatMap((a) => [a.name, ...a.aliases]), ...seedData.organisations.map((o) => o.name)]);

  const regions = Array.from({ length: 21 }, () => {
    const n = names.next();
    return { id: `syn-lan-${slug(n)}`, name: `${n} län`, type: 'region' as const, within: [], aliases: [`${foldName(n)} lan`] };
  });
  const policeRegions = regions.slice(0, 7).map((r, i): Area => ({ id: `syn-polisregion-${i + 1}`, name: `Polisregion ${r.name.replace(' län', '')}`, type: 'polisregion', within: [], aliases: [] }));
  const policeAreas = regions.map((r, i): Area => ({ id: `syn-polisomrade-${slug(r.name)}`, name: `Polisområde ${r.name.replace(' län', '')}`, type: 'polisomrade', within: [policeRegions[i % 7]!.id], aliases: [] }));
  data.areas.push(...regions, ...policeRegions, ...policeAreas);
  const policeOrgs = policeRegions.map((r, i): Organisation => ({ id: `syn-polisen-${i + 1}`, name: `Polisen ${r.name.toLowerCase().replace('polisregion', 'region')}`, kind: 'polis', aliases: [] }));
  const regionOrgs = regions.map((r): Organisation => ({ id: `syn-region-${slug(r.name)}`, name: `Region ${r.name.replace(' län', '')}`, kind: 'region', aliases: [] }));
  data.organisations.push(...policeOrgs, ...regionOrgs);

  const directory: DirectoryTarget[] = [];
  let remaining = options.functions - data.functions.length;
  for (let m = 0; remaining > 0; m++) {
    const r = m % regions.length;
    const made = municipality(random, names, regions[r]!, policeAreas[r]!, policeOrgs[r % 7]!.id, regionOrgs[r]!.id);
    const kept = made.functions.slice(0, remaining);
    const keptIds = new Set(kept.map((k) => k.fn.id));
    for (const { fn, target } of kept) {
      // A municipality cut short at the size limit keeps no links to functions it did not get.
      data.functions.push({ ...fn, counterparts: fn.counterparts.filter((c) => keptIds.has(c)) });
      directory.push(target);
    }
    data.organisations.push(...made.organisations);
    data.areas.push(...made.areas);
    remaining -= kept.length;
  }

  // Snippets draw from their own stream, so every corpus size gets the very same snippets.
  const snippetRandom = createRandom((options.seed ?? DEFAULT_SEED) + 1);
  const owner = seedData.synonyms.defaultOwner;
  const topics = snippetRandom.shuffle(TOPIC_HEADS.flatMap((h) => TOPIC_TAILS.map((t) => `${h}${t}`)));
  const snippets: SnippetTarget[] = [];
  const count = Math.max(0, options.snippets - data.guidance.length);
  if (count > topics.length * SETTINGS.length) throw new Error(`at most ${topics.length * SETTINGS.length} synthetic snippets can be told apart`);
  for (let i = 0; i < count; i++) {
    const { snippet, target } = syntheticSnippet(snippetRandom, i, topics[i % topics.length]!, SETTINGS[Math.floor(i / topics.length)]!, owner);
    data.guidance.push(snippet);
    snippets.push(target);
  }
  return { data, directory, snippets };
}

const FUNCTIONS_PER_FILE = 5000;

/** Writes the corpus as a knowledge directory the loader reads, split into files as editors would. */
export async function writeCorpusYaml(data: KnowledgeData, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'functions'), { recursive: true });
  const write = (file: string, content: object) => writeFile(path.join(dir, file), stringify(content, { lineWidth: 0, aliasDuplicateObjects: false }));
  await write('organisations.yaml', { organisations: data.organisations });
  await write('areas.yaml', { areas: data.areas });
  for (let i = 0; i * FUNCTIONS_PER_FILE < data.functions.length; i++) {
    await write(`functions/functions-${String(i + 1).padStart(3, '0')}.yaml`, { functions: data.functions.slice(i * FUNCTIONS_PER_FILE, (i + 1) * FUNCTIONS_PER_FILE) });
  }
  await write('guidance.yaml', { guidance: data.guidance });
  await write('checklists.yaml', { checklists: data.checklists });
  await write('situations.yaml', { situations: data.situations });
  if (data.authoritativeSources || data.provisions) {
    await write('authoritative-sources.yaml', {
      ...(data.authoritativeSources ? { authoritativeSources: data.authoritativeSources } : {}),
      ...(data.provisions ? { provisions: data.provisions } : {}),
    });
  }
  await write('synonyms.yaml', { synonyms: data.synonyms });
}
