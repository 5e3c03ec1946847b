/**
 * The knowledge linter behind `motpart knowledge check`: what zod cannot see in one file.
 * Errors (dangling references, duplicate ids) stop a version from being used; warnings (ended
 * holders, vacancies, missing deputies or fallbacks, overdue reviews) are for the editors.
 */
import { reviewDue } from '../core/dates.js';
import { holdersOn } from '../core/directory/holders.js';
import { runAtOnce, type Work } from '../core/turns.js';
import { stem, STOPWORDS, tokenise } from '../core/text/normalise.js';
import type { Knowledge } from '../core/knowledge/knowledge.js';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';
import { KNOWLEDGE_LISTS, type AuthoritativeSource, type KnowledgeData, type KnowledgeList } from '../core/knowledge/schema.js';

/** Finds cross-file problems. `today` (ÅÅÅÅ-MM-DD) decides what has ended or is overdue. */
export function checkKnowledge(input: Knowledge | KnowledgeData, today: string, origins?: ReadonlyMap<string, string>): KnowledgeIssue[] {
  return runAtOnce(lintKnowledge(input, today, origins));
}

/** Stems this short ("dat") are shared by unrelated words. */
const SHORT_STEM = 3;

/**
 * {@link checkKnowledge}, pausing after each record (see turns.ts): at 50k functions the whole
 * check held the event loop for half a second of every hot reload.
 */
export function* lintKnowledge(input: Knowledge | KnowledgeData, today: string, originsArg?: ReadonlyMap<string, string>): Work<KnowledgeIssue[]> {
  const data: KnowledgeData = 'analyser' in input ? input.data : input;
  const origins = originsArg ?? ('analyser' in input ? input.origins : new Map<string, string>());
  const issues: KnowledgeIssue[] = [];
  const fileOf = (list: KnowledgeList, id: string) => origins.get(`${list}:${id}`) ?? `(${list})`;
  const error = (list: KnowledgeList, id: string, field: string, message: string) =>
    issues.push({ severity: 'error', file: fileOf(list, id), path: `${list}[${id}]${field ? `.${field}` : ''}`, message });
  const warning = (list: KnowledgeList, id: string, field: string, message: string) =>
    issues.push({ severity: 'warning', file: fileOf(list, id), path: `${list}[${id}]${field ? `.${field}` : ''}`, message });

  const ids = {} as Record<KnowledgeList, Set<string>>;
  for (const list of KNOWLEDGE_LISTS) {
    ids[list] = new Set();
    for (const entry of data[list]) {
      if (ids[list].has(entry.id)) error(list, entry.id, 'id', `id "${entry.id}" förekommer flera gånger; ge varje post ett eget id`);
      ids[list].add(entry.id);
      yield;
    }
  }
  const dangling = (list: KnowledgeList, id: string, field: string, target: KnowledgeList, ref: string, what: string) => {
    if (!ids[target].has(ref)) error(list, id, field, `${what} "${ref}" finns inte; rätta id:t eller lägg till posten i ${target}`);
  };

  for (const a of data.areas) {
    a.within.forEach((p, i) => dangling('areas', a.id, `within[${i}]`, 'areas', p, 'området'));
    yield;
  }
  yield* checkAreaCycles(data, (id) => error('areas', id, 'within', 'området ligger (via "within") inom sig självt; ta bort den cirkulära kopplingen'));
  yield* checkSharedNames(data.areas.map((a) => ({ id: a.id, names: [a.name, ...a.aliases] })), (id, name, other) =>
    warning('areas', id, 'aliases', `namnet "${name}" används också av området "${other}"; frågor med det namnet blir tvetydiga`),
  );
  yield* checkSharedNames(data.checklists.map((c) => ({ id: c.id, names: [c.title, ...c.aliases] })), (id, name, other) =>
    error('checklists', id, 'aliases', `namnet "${name}" används också av checklistan "${other}"; "/checklista ${name}" öppnar bara en av dem. Ta bort namnet från den ena`),
  );

  for (const f of data.functions) {
    dangling('functions', f.id, 'organisation', 'organisations', f.organisation, 'organisationen');
    f.areas.forEach((a, i) => dangling('functions', f.id, `areas[${i}]`, 'areas', a, 'området'));
    f.counterparts.forEach((c, i) => {
      dangling('functions', f.id, `counterparts[${i}]`, 'functions', c, 'motpartsfunktionen');
      if (c === f.id) error('functions', f.id, `counterparts[${i}]`, 'funktionen kan inte vara sin egen motpart; ta bort raden');
    });
    if (f.outOfHours !== undefined) {
      dangling('functions', f.id, 'outOfHours', 'functions', f.outOfHours, 'reservfunktionen');
      if (f.outOfHours === f.id) error('functions', f.id, 'outOfHours', 'funktionen kan inte vara sin egen reserv; ange t.ex. socialjouren');
    }
    f.holders.forEach((h, i) => {
      if (h.to !== undefined && h.to < h.from) error('functions', f.id, `holders[${i}].to`, `slutdatum ${h.to} är före startdatum ${h.from}; rätta datumen`);
      else if (h.to !== undefined && h.to < today) warning('functions', f.id, `holders[${i}]`, `${h.name} slutade ${h.to}; ta bort personen eller lägg in en ny innehavare`);
    });
    const now = holdersOn(f, today);
    if (!now.holder) warning('functions', f.id, 'holders', 'ingen innehavare just nu (vakant); svaren hänvisar till reservvägen tills någon läggs in');
    if (!now.deputy) warning('functions', f.id, 'holders', 'ingen ersättare just nu; lägg till en innehavare med kind: ersattare');
    if (f.outOfHours === undefined && f.hours !== 'dygnet-runt') {
      warning('functions', f.id, 'outOfHours', 'ingen reservväg när funktionen är stängd; ange outOfHours, t.ex. socialjouren');
    }
    yield;
  }

  const authorities = data.authoritativeSources ?? [];
  const changes = new Map((data.provisions ?? []).filter((p) => p.changed !== undefined).map((p) => [p.ref, p]));
  const registered = new Set((data.provisions ?? []).map((p) => p.ref));
  const unregistered = (list: KnowledgeList, id: string, field: string, ref: string) => {
    if (registered.size > 0 && !registered.has(ref)) {
      warning(list, id, field, `${ref} finns inte bland lagrummen i "provisions"; lägg till det med primärkälla och datum (LEGAL-SOURCES.md)`);
    }
  };
  for (const s of data.situations) for (const y of s.yieldsTo ?? []) dangling('situations', s.id, 'yieldsTo.situation', 'situations', y.situation, 'situationen');
  for (const s of data.guidance) {
    dangling('guidance', s.id, 'owner', 'functions', s.owner, 'ägarfunktionen');
    if (authorities.length > 0) {
      s.sources.forEach((source, i) => {
        if (!isAuthoritative(source.url, authorities)) {
          warning('guidance', s.id, `sources[${i}]`, `källan ${hostOf(source.url)} finns inte bland de auktoritativa källorna; byt till en primärkälla (t.ex. riksdagen.se, lagen.nu) eller lägg till domänen i authoritativeSources`);
        }
      });
    }
    s.references.forEach((ref, i) => unregistered('guidance', s.id, `references[${i}]`, ref));
    for (const ref of s.references) {
      const p = changes.get(ref);
      if (p?.changed !== undefined && s.reviewed < p.changed) {
        warning('guidance', s.id, 'reviewed', `granskades ${s.reviewed}, men ${ref} ändrades ${p.changed}${p.changeNote ? ` (${p.changeNote})` : ''}; läs om lagtexten och uppdatera texten och "reviewed"`);
      }
    }
    s.related.forEach((r, i) => dangling('guidance', s.id, `related[${i}]`, 'guidance', r, 'vägledningen'));
    s.situations.forEach((r, i) => dangling('guidance', s.id, `situations[${i}]`, 'situations', r, 'situationen'));
    if (s.general && !(s.flow?.from && s.flow.to)) {
      error('guidance', s.id, 'general', 'en allmän regel för en riktning behöver båda sidorna; ange flow: { from: [...], to: [...] } eller ta bort general');
    }
    if (s.general && s.situations.length > 0) {
      error('guidance', s.id, 'general', 'en allmän regel gäller alla slags fall; ta bort situations eller general');
    }
    if (s.age?.min !== undefined && s.age.max !== undefined && s.age.min > s.age.max) {
      error('guidance', s.id, 'age', `age.min (${s.age.min}) är större än age.max (${s.age.max}); rätta åldersgränsen`);
    }
    const due = reviewDue(s);
    if (due < today) warning('guidance', s.id, 'reviewed', `skulle ha granskats senast ${due}; granska texten och uppdatera "reviewed"`);
    yield;
  }

  for (const c of data.checklists) {
    const itemIds = new Set<string>();
    c.items.forEach((item, i) => {
      if (itemIds.has(item.id)) error('checklists', c.id, `items[${i}].id`, `punkten "${item.id}" förekommer flera gånger i checklistan; ge varje punkt ett eget id`);
      itemIds.add(item.id);
      if (item.guidance !== undefined) dangling('checklists', c.id, `items[${i}].guidance`, 'guidance', item.guidance, 'vägledningen');
      if (item.reference !== undefined) unregistered('checklists', c.id, `items[${i}].reference`, item.reference);
    });
  }

  // An everyday word that stems like a word of the guidance's own questions ("skrivare" and "vad
  // får vi skriva") would make those questions everyday topics: the help instead of the answer.
  const asked = new Map<string, string>();
  for (const s of data.guidance) for (const q of s.questions) for (const w of tokenise(q)) if (!STOPWORDS.has(w)) asked.set(stem(w), q);
  data.synonyms.offTopic.forEach((word, i) => {
    const words = tokenise(word);
    const cut = words.length === 1 ? stem(words[0]!) : undefined;
    const clash = cut === undefined ? undefined : asked.get(cut);
    // "dator" stems to "dat", which "date" and "data" share: a word cut to a short stem is met by
    // too many others ("lön" and "VPN" are short as written; a word with å, ä or ö is compared as
    // typed, so "väder" never meets "vad").
    if (cut !== undefined && !/[åäö]/iu.test(word) && cut.length <= SHORT_STEM && words[0]!.length - cut.length >= 2) {
      issues.push({
        severity: 'error',
        file: origins.get('synonyms') ?? 'synonyms.yaml',
        path: `synonyms.offTopic[${i}]`,
        message: `"${word}" har den korta ordstammen "${cut}", som många andra ord delar; skriv en böjd form ("datorn") eller en fras ("min dator")`,
      });
    }
    if (clash !== undefined) {
      issues.push({
        severity: 'error',
        file: origins.get('synonyms') ?? 'synonyms.yaml',
        path: `synonyms.offTopic[${i}]`,
        message: `"${word}" har samma ordstam som ett ord i vägledningens fråga "${clash}"; skriv ordet i en form som inte kan förväxlas (t.ex. en fras) eller ta bort det`,
      });
    }
  });

  if (data.synonyms.defaultOwner && !ids.functions.has(data.synonyms.defaultOwner)) {
    issues.push({
      severity: 'error',
      file: origins.get('synonyms') ?? 'synonyms.yaml',
      path: 'synonyms.defaultOwner',
      message: `funktionen "${data.synonyms.defaultOwner}" finns inte; ange id:t för t.ex. kommunjuristen`,
    });
  }
  return issues;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return url;
  }
}

/** Whether the URL's host is one of the domains, or a subdomain of one (www.riksdagen.se, data.riksdagen.se). */
export function isAuthoritative(url: string, authorities: readonly AuthoritativeSource[]): boolean {
  const host = hostOf(url);
  return authorities.some(({ domain }) => host === domain || host.endsWith(`.${domain}`));
}

function* checkAreaCycles(data: KnowledgeData, report: (id: string) => void): Work<void> {
  const within = new Map(data.areas.map((a) => [a.id, a.within]));
  for (const a of data.areas) {
    const seen = new Set<string>();
    const stack = [...a.within];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === a.id) {
        report(a.id);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(within.get(id) ?? []));
    }
    yield;
  }
}

/**
 * A name (or alias) two entries share, written any way the tokeniser reads alike: an area name
 * that two areas share makes questions ambiguous, and a checklist name two checklists share
 * opens only one of them.
 */
function* checkSharedNames(entries: ReadonlyArray<{ id: string; names: readonly string[] }>, report: (id: string, name: string, other: string) => void): Work<void> {
  const owner = new Map<string, string>();
  for (const { id, names } of entries) {
    for (const name of names) {
      const key = tokenise(name).join(' ');
      const other = owner.get(key);
      if (other !== undefined && other !== id) report(id, name, other);
      else owner.set(key, id);
    }
    yield;
  }
}
