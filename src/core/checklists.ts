/**
 * Checklists a team ticks off together. A run belongs to a conversation (one open run per
 * checklist and conversation) and lives in the store; every tick records who and when.
 */
import { randomUUID } from 'node:crypto';
import Fuse from 'fuse.js';
import type { Knowledge } from './knowledge/knowledge.js';
import type { Checklist } from './knowledge/schema.js';
import { kindsNamed, namesOrganisation, type Role } from './directory/role.js';
import { directionOf } from './guidance/direction.js';
import type { Context } from './context.js';
import type { ChecklistRun } from './ports.js';
import { formatDateTime } from './render/format.js';
import { reply, type Button, type ChecklistView, type Reply, type ReplyPart } from './reply.js';
import { formatRef } from './text/legalRefs.js';
import { editDistance } from './search/lexicon.js';
import { fold, stem, tokenise } from './text/normalise.js';

/** Words around a checklist name that are not part of it: "kan jag få checklistan för SIG". */
const FILLER = new Set([
  'checklista', 'checklistan', 'checklistor', 'checklist', 'lista', 'listan', 'list', 'starta', 'visa', 'oppna', 'borja', 'ny', 'for', 'om', 'till',
  'den', 'en', 'kan', 'jag', 'vi', 'fa', 'far', 'ge', 'mig', 'oss', 'snalla', 'start', 'show', 'open', 'begin', 'the', 'can', 'get', 'please',
  'har', 'ni', 'du', 'finns', 'det', 'nagon', 'hur', 'man', 'gor', 'steg', 'step', 'by', 'tack', 'do', 'you', 'have', 'is', 'there', 'a', 'an',
  // How a procedure is asked for ("vad ska vi gå igenom innan …", "what steps"), not what it is about.
  'ga', 'igenom', 'punkterna', 'punkter', 'vilka', 'ordning', 'steps', 'process', 'check', 'through', 'what', 'should',
]);

const FILLER_STEMS: ReadonlySet<string> = new Set([...FILLER].map(stem));

/**
 * A name as it is compared, and the name a text gives ("" when it gives none): folded words without
 * the filler, so "utlämnande till polisen" is found in any wording around it.
 */
const nameOf = (text: string) => tokenise(text).filter((w) => !FILLER.has(w) && !looksLikeChecklistWord(w)).join(' ');

/** "checklsita", "cheklista": the request word mistyped, not part of a name. */
export const looksLikeChecklistWord = (w: string) => w.length >= 8 && ['checklista', 'checklistan', 'checklist'].some((c) => editDistance(w, c, 2) <= 2);

function names(c: Checklist): string[] {
  return [c.title, ...c.aliases, c.id.replace(/-/g, ' ')].map(nameOf);
}

const exactlyNamed = (knowledge: Knowledge, wanted: string) => knowledge.data.checklists.find((c) => names(c).includes(wanted));

/** The checklist whose name or alias the text is, apart from words like "starta" and "checklista". */
export function checklistNamed(knowledge: Knowledge, text: string): Checklist | undefined {
  const wanted = nameOf(text);
  return wanted ? exactlyNamed(knowledge, wanted) : undefined;
}

/** What the organisations a question names count for a checklist that its other words did not find. */
const SIDES_ALONE = 0.5;

/** How much a word found in each part of a checklist counts: its name says what it is for. */
const CHECKLIST_FIELDS = { name: 3, alias: 1.5, description: 1, items: 0.5 } as const;

/**
 * Checklists ranked by the words they share with the text ("har ni en lista för hur man gör en
 * orosanmälan", "checklist for sharing with the police under 18a"), rarer words counting more.
 * The asker's role decides between checklists the words found: its label ("skolan") named in a title
 * breaks a tie, and a checklist written for another side (`for`) comes after one for the asker's.
 * Checklists are few, so each is scored whole.
 */
export function rankChecklists(knowledge: Knowledge, text: string, asker?: Asker): Array<{ checklist: Checklist; score: number }> {
  const askerWords = asker?.label ?? '';
  const keysOf = (t: string) => knowledge.analyser.documentKeys(t);
  // As typed, not folded: "SIG" in capitals is the insatsgrupp, "sig" is a pronoun. Analysed as a
  // question, so an English one meets the English names in every inflection ("disclosing").
  const analysis = knowledge.analyser.analyse(text);
  // "samla skola, soc, polis och fritid": several organisations, and none giving to another, say who
  // works together, not whose list it is ("Orosanmälan från skola …" must not win on "skola"); one
  // says whose ("orosanmälan polis"), and a direction which ("vi på soc vill berätta för polisen").
  const direction = directionOf(analysis.words, asker?.kind, analysis.english);
  const together = kindsNamed(analysis.words).size >= 2 && direction.from === undefined && direction.to === undefined;
  // Filler is dropped as a word too: "starta" belongs to a synonym group, so its key is not its stem.
  const wanted = new Set(
    analysis.terms.filter((t) => !FILLER.has(t.text) && !(together && namesOrganisation(knowledge, t))).flatMap((t) => t.keys).filter((k) => !FILLER_STEMS.has(k)),
  );
  const organisationKeys = new Set(analysis.terms.filter((t) => namesOrganisation(knowledge, t)).flatMap((t) => t.keys));
  const refs = knowledge.refs.find(fold(text)).flatMap((m) => m.refs.map((r) => `ref:${r}`));
  for (const r of refs) wanted.add(r);
  if (wanted.size === 0) return [];
  const askerKeys = new Set(askerWords ? keysOf(askerWords) : []);
  const all = checklistWeights(knowledge);
  const df = (k: string) => all.filter((c) => c.weights.has(k)).length;
  return all
    .map(({ checklist, weights, aliases }) => {
      let score = 0;
      let bySides = 0;
      // A provision named in the question ("18 a") says which list more than any word (issue 18, item 6).
      // An alias said whole ("före utlämnande", "consent form") names the list as its title does.
      const said = new Set(aliases.filter((a) => a.length > 0 && a.every((k) => wanted.has(k))).flat());
      for (const k of wanted) {
        if (!weights.has(k)) continue;
        const weight = said.has(k) ? Math.max(weights.get(k)!, CHECKLIST_FIELDS.name) : weights.get(k)!;
        const s = weight * Math.log(1 + all.length / df(k)) * (k.startsWith('ref:') ? (weights.get(k) === CHECKLIST_FIELDS.name ? NAMED_REF_IN_NAME : NAMED_REF) : 1);
        if (organisationKeys.has(k)) bySides += s;
        else score += s;
      }
      // An organisation the story names ("skolan i närheten", "en polis ringde skolan") says whose list
      // only among lists its other words found: "Orosanmälan från skola …" is not found by "skola" alone.
      score += score >= MIN_CHECKLIST_SCORE ? bySides : bySides * SIDES_ALONE;
      // The asker's side chooses between checklists the words found; it finds none on its own.
      if (score >= MIN_CHECKLIST_SCORE) for (const k of askerKeys) if (weights.get(k) === CHECKLIST_FIELDS.name) score += ASKER_NAMED;
      // "anmäla oro för en elev" from a school: the police's list for the same words comes after the school's.
      if (asker && checklist.for && !checklist.for.includes(asker.kind)) score *= OTHER_SIDE;
      return { checklist, score };
    })
    .filter((r) => r.score >= MIN_CHECKLIST_SCORE)
    .sort((a, b) => b.score - a.score);
}

/** Who asks: the side decides between checklists for the same words, the label names it in their titles. */
type Asker = Pick<Role, 'kind' | 'label'>;

/** What a checklist written for another side than the asker's keeps of its score. */
const OTHER_SIDE = 0.35;

/** How much more a provision the question names counts than a word of the same field. */
const NAMED_REF = 2;
/** …and when the checklist's name is that provision's ("Utlämnande … enligt 10 kap. 18 a § OSL"): the list is about it. */
const NAMED_REF_IN_NAME = 4;

/** One word of a checklist's name, or a few of its description or steps. */
const MIN_CHECKLIST_SCORE = 1;
/**
 * A checklist whose name names the asker's side ("Orosanmälan från skola …" for a school) gains
 * this much: about one telling word, so "vilka steg innan vi gör en orosanmälan" from a school
 * opens the school's list, while a checklist the words name outright still wins.
 */
const ASKER_NAMED = 2;

type ChecklistWeights = { checklist: Checklist; weights: ReadonlyMap<string, number>; aliases: ReadonlyArray<readonly string[]> };
const weightsByKnowledge = new WeakMap<Knowledge, ReadonlyArray<ChecklistWeights>>();

/** Each checklist's words with the weight of the field they stand in, worked out once per knowledge version. */
function checklistWeights(knowledge: Knowledge): ReadonlyArray<ChecklistWeights> {
  let all = weightsByKnowledge.get(knowledge);
  if (all) return all;
  all = knowledge.data.checklists.map((c) => {
    const weights = new Map<string, number>();
    const add = (t: string, w: number) => {
      for (const k of knowledge.analyser.documentKeys(t)) weights.set(k, Math.max(weights.get(k) ?? 0, w));
    };
    add(c.title, CHECKLIST_FIELDS.name);
    add(c.aliases.join(' '), CHECKLIST_FIELDS.alias);
    if (c.description) add(c.description, CHECKLIST_FIELDS.description);
    for (const item of c.items) {
      add(item.text, CHECKLIST_FIELDS.items);
      if (item.reference) weights.set(`ref:${item.reference}`, CHECKLIST_FIELDS.name);
    }
    return { checklist: c, weights, aliases: c.aliases.map((a) => knowledge.analyser.documentKeys(a).filter((k) => !FILLER_STEMS.has(k))) };
  });
  weightsByKnowledge.set(knowledge, all);
  return all;
}

/** Finds the checklist a user means: exact name or alias, the words it shares, or a fuzzy name (typos). */
export function findChecklist(knowledge: Knowledge, text: string, asker?: Asker): Checklist | undefined {
  const all = knowledge.data.checklists;
  const wanted = nameOf(text);
  if (!wanted) return undefined;
  const ranked = rankChecklists(knowledge, text, asker);
  const exact = exactlyNamed(knowledge, wanted);
  // "orosanmälan" names two checklists (an alias of one, a word of the other's title): the one for
  // the asker's side wins when it scores at least as well.
  if (exact) return ranked[0] && ranked[0].score > (ranked.find((r) => r.checklist === exact)?.score ?? 0) ? ranked[0].checklist : exact;
  if (ranked[0]) return ranked[0].checklist;
  // Checklists are few (tens), so fuzzy matching over all of their names is cheap.
  const entries = all.flatMap((c) => names(c).map((name) => ({ id: c.id, name })));
  const best = new Fuse(entries, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 0.35 }).search(wanted)[0];
  return best ? knowledge.checklists.get(best.item.id) : undefined;
}

export function checklistView(checklist: Checklist, run: ChecklistRun): ChecklistView {
  const items = checklist.items.map((item) => {
    const state = run.items[item.id];
    return {
      id: item.id,
      text: item.text,
      responsible: item.responsible,
      done: state?.done ?? false,
      ...(state?.done ? { doneBy: state.by, doneAt: state.at } : {}),
      ...(item.reference ? { reference: { canonical: item.reference, display: formatRef(item.reference) } } : {}),
      ...(item.guidance ? { guidanceId: item.guidance } : {}),
    };
  });
  return {
    checklistId: checklist.id,
    runId: run.id,
    title: checklist.title,
    ...(checklist.description ? { description: checklist.description } : {}),
    items,
    done: items.filter((i) => i.done).length,
    total: items.length,
    status: run.status,
  };
}

/** The reply adapters show, and update in place after every action on the run. */
export function runReply(checklist: Checklist, run: ChecklistRun, notice?: string): Reply {
  const view = checklistView(checklist, run);
  const parts: ReplyPart[] = [];
  if (notice) parts.push({ type: 'notice', level: 'info', text: notice });
  parts.push({ type: 'checklist', checklist: view });
  if (run.status === 'open' && view.done === view.total) parts.push({ type: 'notice', level: 'info', text: 'Alla punkter är klara. Avsluta checklistan när ni är färdiga.' });
  const buttons: Button[] =
    run.status === 'open'
      ? [
          { label: 'Börja om', action: { type: 'checklist.reset', runId: run.id } },
          { label: 'Avsluta', action: { type: 'checklist.close', runId: run.id }, style: 'danger' },
        ]
      : [{ label: 'Starta en ny', action: { type: 'checklist.start', checklistId: checklist.id }, style: 'primary' }];
  return reply({ intent: 'checklist', headline: `Checklista: ${checklist.title}`, parts, buttons });
}

export function listReply(knowledge: Knowledge, intro?: string): Reply {
  const all = knowledge.data.checklists;
  return reply({
    intent: 'checklist',
    headline: 'Checklistor',
    parts: [
      ...(intro ? [{ type: 'notice' as const, level: 'info' as const, text: intro }] : []),
      { type: 'list', title: 'Välj en checklista', items: all.map((c) => c.title) },
    ],
    suggestions: all.map((c) => ({ label: c.title, action: { type: 'checklist.start', checklistId: c.id } })),
  });
}

/** Shows the conversation's open run of the checklist, or starts one. */
export async function startRun(ctx: Context, checklistId: string): Promise<Reply> {
  const checklist = ctx.knowledge.checklists.get(checklistId);
  if (!checklist) return listReply(ctx.knowledge, 'Den checklistan finns inte längre. Välj en annan.');
  const open = await ctx.store.runs.findOpen(ctx.asker.conversationId, checklistId);
  if (open) return runReply(checklist, open, 'Checklistan är redan startad här. Ni fortsätter där ni var.');
  const run: ChecklistRun = {
    id: randomUUID(),
    checklistId,
    conversationId: ctx.asker.conversationId,
    status: 'open',
    createdBy: ctx.asker.displayName ?? ctx.asker.userId,
    createdAt: ctx.now.toISOString(),
    items: {},
    ticks: [],
  };
  await ctx.store.runs.create(run);
  return runReply(checklist, run);
}

/**
 * `/checklista sig`: the named checklist, or the list when the name is missing or unknown. The asker's
 * role settles "orosanmälan" between the school's and the police's checklists.
 */
export async function checklistByName(ctx: Context, text: string, asker?: Asker): Promise<Reply> {
  const checklist = findChecklist(ctx.knowledge, text, asker);
  if (checklist) return startRun(ctx, checklist.id);
  const named = tokenise(text).some((w) => !FILLER.has(w));
  return listReply(ctx.knowledge, named ? 'Jag hittar ingen checklista med det namnet.' : undefined);
}

type RunChange = (run: ChecklistRun, checklist: Checklist) => ChecklistRun | string;

/** Applies a change to a run atomically in the store; a string result is a refusal shown as a notice. */
async function changeRun(ctx: Context, runId: string, change: RunChange, done?: string): Promise<Reply> {
  const current = await ctx.store.runs.get(runId);
  const checklist = current && ctx.knowledge.checklists.get(current.checklistId);
  if (!current || !checklist) return listReply(ctx.knowledge, 'Den checklistan finns inte längre. Starta en ny.');
  let refusal: string | undefined;
  const updated = await ctx.store.runs.update(runId, (run) => {
    const result = change(run, checklist);
    if (typeof result === 'string') {
      refusal = result;
      return run;
    }
    return result;
  });
  return runReply(checklist, updated, refusal ?? done);
}

const by = (ctx: Context) => ctx.asker.displayName ?? ctx.asker.userId;

/**
 * Sets an item done or not done; without `done` it flips the item (the console's "tick 3").
 * Chat clients send the state the user asked for, so a message drawn before a colleague's tick
 * cannot undo it: setting what already holds changes nothing and records nothing.
 */
export function setItem(ctx: Context, runId: string, itemId: string, done?: boolean): Promise<Reply> {
  return changeRun(ctx, runId, (run, checklist) => {
    if (run.status === 'closed') return 'Checklistan är avslutad. Starta en ny för att bocka av igen.';
    if (!checklist.items.some((i) => i.id === itemId)) return 'Den punkten finns inte längre i checklistan.';
    const was = run.items[itemId]?.done ?? false;
    const next = done ?? !was;
    if (next === was) return run;
    const at = ctx.now.toISOString();
    return {
      ...run,
      items: { ...run.items, [itemId]: { done: next, by: by(ctx), at } },
      ticks: [...run.ticks, { itemId, done: next, by: by(ctx), at }],
    };
  });
}

export function resetRun(ctx: Context, runId: string): Promise<Reply> {
  return changeRun(ctx, runId, (run) => {
    if (run.status === 'closed') return 'Checklistan är avslutad. Starta en ny i stället.';
    const at = ctx.now.toISOString();
    const undone = Object.entries(run.items).filter(([, s]) => s.done);
    return { ...run, items: {}, ticks: [...run.ticks, ...undone.map(([itemId]) => ({ itemId, done: false, by: by(ctx), at }))] };
  });
}

/** The closed checklist says who closed it and when, on every platform. */
export function closeRun(ctx: Context, runId: string): Promise<Reply> {
  const closedBy = `Avslutad av ${by(ctx)}, ${formatDateTime(ctx.now.toISOString())}.`;
  return changeRun(ctx, runId, (run) => (run.status === 'closed' ? 'Checklistan är redan avslutad.' : { ...run, status: 'closed' }), closedBy);
}
