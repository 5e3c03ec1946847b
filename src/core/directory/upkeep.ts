/**
 * Keeping the directory current from the chat (issue 22): a holder states a stand-in, a handover or
 * that they have left; the reply asks them to confirm with a button; the change is kept in the
 * store as an overlay (overlay.ts) and is its own audit entry. A holder's own stand-in holds at
 * once; a change to who holds a function waits for an editor of its organisation; anyone else can
 * only suggest, and the editors decide.
 */
import { randomUUID } from 'node:crypto';
import type { OrgFunction } from '../knowledge/schema.js';
import type { Context } from '../context.js';
import { spokenDate } from '../dates.js';
import { StoreUnavailableError, type Asker, type DirectoryChange } from '../ports.js';
import { reply, type Action, type Button, type Reply, type ReplyPart } from '../reply.js';
import { fold } from '../text/normalise.js';
import { containsPersonalNumber } from '../text/pii.js';
import { contactCard } from './card.js';
import { directoryOverlay, NO_OVERLAY, samePerson, type DirectoryOverlay } from './overlay.js';
import type { Statement } from './upkeepStatement.js';

type Proposal = Extract<Action, { type: 'directory.propose' }>;

export const identityOf = (asker: Pick<Asker, 'platform' | 'userId'>) => `${asker.platform}:${asker.userId}`;

/** The changes made in chat as answers apply them; without the store, the files alone. */
export async function currentOverlay(ctx: Context): Promise<DirectoryOverlay> {
  try {
    return directoryOverlay(await ctx.store.directory.list(), ctx.local.date);
  } catch (err) {
    if (err instanceof StoreUnavailableError) return NO_OVERLAY;
    throw err;
  }
}

/** Who may change an organisation's functions from the chat: MOTPART_EDITORS (for it or `*`) and `editors:` in organisations.yaml. */
function editorsOf(ctx: Context, organisationId: string): Set<string> {
  return new Set([...(ctx.editors?.get(organisationId) ?? []), ...(ctx.editors?.get('*') ?? []), ...(ctx.knowledge.organisations.get(organisationId)?.editors ?? [])]);
}

/** The console runs on the server, so its operator edits everything (as with the health report). */
export function isEditor(ctx: Context, organisationId: string): boolean {
  return ctx.asker.platform === 'cli' || editorsOf(ctx, organisationId).has(identityOf(ctx.asker));
}

/** Holders whose chat identity is the asker's and whose period has not ended. */
function holderOf(ctx: Context, fn: OrgFunction) {
  const me = identityOf(ctx.asker);
  return fn.holders.find((h) => h.chat?.includes(me) && (h.to === undefined || h.to >= ctx.local.date));
}

const organisationName = (ctx: Context, fn: OrgFunction) => ctx.knowledge.organisations.get(fn.organisation)?.name ?? fn.organisation;

/** What a change says, in a sentence: "Kim Exempel vikarierar i Kommunpolis Malmö Öster 15 december–30 december". */
export function describeChange(change: Pick<DirectoryChange, 'kind' | 'person' | 'from' | 'to'>, functionName: string, today: string): string {
  const from = spokenDate(change.from, today);
  switch (change.kind) {
    case 'standin':
      return `${change.person} vikarierar i ${functionName} ${from}–${change.to ? spokenDate(change.to, today) : 'tills vidare'}`;
    case 'handover':
      return `${change.person} har ${functionName} från ${from}`;
    case 'left':
      return `${change.person} har inte längre ${functionName} från ${from}`;
  }
}

/** Functions the message names by name or id, longest name first ("Kommunpolis Malmö Öster" before "Kommunpolis Malmö"). */
function namedFunctions(ctx: Context, text: string): OrgFunction[] {
  const folded = ` ${fold(text)} `;
  const named = ctx.knowledge.data.functions.filter((f) => folded.includes(` ${fold(f.name)}`) || folded.includes(` ${f.id} `));
  const longest = Math.max(0, ...named.map((f) => f.name.length));
  return named.filter((f) => f.name.length === longest);
}

type Resolved = { fn: OrgFunction; leaver?: string } | { refusal: Reply };

/** The function a statement is about: named in it, else the named person's, else the asker's own. */
function resolveFunction(ctx: Context, overlay: DirectoryOverlay, statement: Statement, text: string): Resolved {
  const subject = 'subject' in statement ? statement.subject : undefined;
  const all = ctx.knowledge.data.functions.map((f) => overlay.apply(f));
  const current = (fn: OrgFunction) => fn.holders.filter((h) => h.to === undefined || h.to >= ctx.local.date);
  let candidates = namedFunctions(ctx, text).map((f) => overlay.apply(f));
  if (candidates.length === 0 && subject && !subject.self) candidates = all.filter((f) => current(f).some((h) => samePerson(subject.name, h.name)));
  if (candidates.length === 0 && (!subject || subject.self)) candidates = all.filter((f) => holderOf(ctx, f));
  if (candidates.length === 0) {
    const who = subject && !subject.self ? `${subject.name} står inte som innehavare av någon funktion i katalogen` : `Din chattidentitet (${identityOf(ctx.asker)}) står inte vid någon innehavare i katalogen`;
    return { refusal: refused('Jag vet inte vilken funktion det gäller', `${who}. Skriv funktionens namn i meddelandet, till exempel "${exampleStatement(ctx)}", eller be en redaktör lägga in din chattidentitet vid ditt namn.`) };
  }
  if (candidates.length > 1) {
    return { refusal: refused('Vilken funktion gäller det?', `Det kan gälla ${candidates.slice(0, 5).map((f) => f.name).join(', ')}. Skriv funktionens namn i meddelandet.`) };
  }
  const fn = candidates[0]!;
  if (statement.kind !== 'left') return { fn };
  const leaver = subject?.self ? holderOf(ctx, fn)?.name : current(fn).find((h) => samePerson(subject!.name, h.name))?.name;
  if (!leaver) return { refusal: refused('Vem har slutat?', `Jag hittar ingen innehavare av ${fn.name} med det namnet. Skriv namnet så som det står i katalogen.`) };
  return { fn, leaver };
}

const exampleStatement = (ctx: Context) => `${ctx.knowledge.data.functions[0]?.name ?? 'Funktionen'}: från 1 januari är det Sara som har funktionen`;

function refused(headline: string, text: string): Reply {
  return reply({ intent: 'upkeep', headline, ephemeral: true, confidence: 0, parts: [{ type: 'notice', level: 'warning', text }] });
}

type Authority = 'direct' | 'approval' | 'suggestion';

/** What saving the change would mean for this asker. */
function authority(ctx: Context, fn: OrgFunction, kind: DirectoryChange['kind']): Authority {
  if (isEditor(ctx, fn.organisation)) return 'direct';
  if (!holderOf(ctx, fn)) return 'suggestion';
  return kind === 'standin' ? 'direct' : 'approval';
}

const AFTER_SAVE: Record<Authority, (org: string) => string> = {
  direct: () => 'Ändringen gäller direkt när du sparar och syns i svaren. Filerna i katalogen ändras inte.',
  approval: (org) => `En ändring av vem som har funktionen gäller först när en redaktör för ${org} har godkänt den.`,
  suggestion: (org) => `Du står inte som innehavare av funktionen och är inte redaktör, så du kan bara föreslå ändringen. Redaktörerna för ${org} bestämmer.`,
};

/** The reply to a statement: what would change and a button to confirm it. Nothing is saved yet. */
export async function statementReply(ctx: Context, statement: Statement, text: string): Promise<Reply> {
  const overlay = await currentOverlay(ctx);
  const resolved = resolveFunction(ctx, overlay, statement, text);
  if ('refusal' in resolved) return resolved.refusal;
  const { fn } = resolved;
  const proposal: Proposal = {
    type: 'directory.propose',
    functionId: fn.id,
    kind: statement.kind,
    person: resolved.leaver ?? (statement.kind === 'left' ? '' : statement.person),
    from: statement.from,
    ...(statement.kind === 'standin' ? { to: statement.to } : {}),
  };
  const can = authority(ctx, fn, statement.kind);
  return reply({
    intent: 'upkeep',
    headline: 'Stämmer det här?',
    ephemeral: true,
    parts: [
      { type: 'text', text: `${describeChange(proposal, fn.name, ctx.local.date)}.` },
      { type: 'notice', level: can === 'suggestion' ? 'warning' : 'info', text: AFTER_SAVE[can](organisationName(ctx, fn)) },
    ],
    buttons: [{ label: can === 'suggestion' ? 'Föreslå ändringen' : 'Ja, spara', action: proposal, style: 'primary' }],
  });
}

const sameChange = (a: DirectoryChange, p: Proposal) =>
  a.functionId === p.functionId && a.kind === p.kind && a.person === p.person && a.from === p.from && a.to === p.to && (a.status === 'pending' || a.status === 'approved');

/** The card of a function as answers now show it, with the change in it. */
async function cardNow(ctx: Context, fn: OrgFunction) {
  return { type: 'contact' as const, contact: contactCard(ctx.knowledge, fn, ctx.local, await currentOverlay(ctx)) };
}

/** The confirm button: checked again (a button is only a request), then saved. */
export async function propose(ctx: Context, p: Proposal): Promise<Reply> {
  const fn = ctx.knowledge.functions.get(p.functionId);
  if (!fn) return refused('Den funktionen finns inte längre', 'Funktionen finns inte i katalogen. Skriv ändringen igen.');
  // Typed text is guarded before it is read; a button's value is checked here, before anything is kept.
  if (containsPersonalNumber(p.person)) return refused('Inga personnummer', 'Ändringen innehåller något som liknar ett personnummer och sparas inte. Skriv bara namnet.');
  if (p.to !== undefined && p.to < p.from) return refused('Perioden går inte ihop', 'Slutdatumet är före startdatumet. Skriv ändringen igen med rätt datum.');
  const can = authority(ctx, fn, p.kind);
  const me = identityOf(ctx.asker);
  const at = ctx.now.toISOString();
  const existing = (await ctx.store.directory.list()).find((c) => sameChange(c, p));
  if (existing) return reply({ intent: 'upkeep', headline: existing.status === 'approved' ? 'Redan sparat' : 'Väntar redan på godkännande', ephemeral: true, parts: [await cardNow(ctx, fn)] });
  const change: DirectoryChange = {
    id: randomUUID(),
    functionId: fn.id,
    kind: p.kind,
    person: p.person,
    from: p.from,
    ...(p.to ? { to: p.to } : {}),
    status: can === 'direct' ? 'approved' : 'pending',
    suggested: can === 'suggestion',
    by: me,
    ...(ctx.asker.displayName ? { byName: ctx.asker.displayName } : {}),
    at,
    ...(can === 'direct' ? { decidedBy: me, decidedAt: at } : {}),
  };
  await ctx.store.directory.add(change);
  const what = `${describeChange(change, fn.name, ctx.local.date)}.`;
  if (can !== 'direct') {
    return reply({
      intent: 'upkeep',
      headline: can === 'suggestion' ? 'Förslaget är skickat till redaktörerna' : 'Väntar på godkännande',
      ephemeral: true,
      parts: [
        { type: 'text', text: `${what} En redaktör för ${organisationName(ctx, fn)} godkänner eller avslår ändringen; till dess visas katalogen som förut.` },
        await tellEditors(ctx, fn, change),
      ],
    });
  }
  return reply({
    intent: 'upkeep',
    headline: 'Sparat',
    ephemeral: true,
    parts: [{ type: 'text', text: what }, await cardNow(ctx, fn)],
    buttons: isEditor(ctx, fn.organisation) ? [undoButton(change)] : [],
  });
}

/** What waits, with who asked: "Nora har … från 1 januari 2027 (begärt av Sara)". */
const pendingLine = (ctx: Context, c: DirectoryChange, functionName: string) =>
  `${describeChange(c, functionName, ctx.local.date)} (${c.suggested ? 'förslag' : 'begärt'} av ${c.byName ?? c.by})`;

/** An editor's two buttons for a pending change; `n` numbers them when several changes are listed. */
const decideButtons = (c: DirectoryChange, n?: number): Button[] => [
  { label: n ? `Godkänn ${n}` : 'Godkänn', action: { type: 'directory.decide', changeId: c.id, approve: true }, style: 'primary' },
  { label: n ? `Avslå ${n}` : 'Avslå', action: { type: 'directory.decide', changeId: c.id, approve: false } },
];

/**
 * The editors of the function's organisation are told at once, with the buttons to decide: a change
 * that waits unseen until someone types /katalog or reads the weekly digest is how a directory goes
 * stale. Says to the asker what happened, so nobody waits for an editor who was never told.
 */
async function tellEditors(ctx: Context, fn: OrgFunction, change: DirectoryChange): Promise<ReplyPart> {
  const org = organisationName(ctx, fn);
  const editors = [...editorsOf(ctx, fn.organisation)];
  if (editors.length === 0) {
    return { type: 'notice', level: 'warning', text: `Ingen redaktör för ${org} är angiven, så ingen kan godkänna ändringen än. Be den som förvaltar Motpart att lägga in redaktörer (editors: under organisationen i organisations.yaml, eller MOTPART_EDITORS).` };
  }
  const message = reply({
    intent: 'upkeep',
    headline: change.suggested ? 'Förslag till ändring i katalogen' : 'Ändring i katalogen att godkänna',
    ephemeral: true,
    parts: [
      { type: 'text', text: `${pendingLine(ctx, change, fn.name)}.` },
      { type: 'notice', level: 'info', text: `Du får det här som redaktör för ${org}. Ändringen gäller först när en redaktör har godkänt den; den som trycker först avgör.` },
    ],
    buttons: decideButtons(change),
  });
  const reached = ctx.notify ? await ctx.notify(editors, message) : [];
  return {
    type: 'notice',
    level: 'info',
    text: reached.length > 0 ? `Redaktörerna för ${org} har fått ett meddelande om den.` : `Redaktörerna för ${org} ser den när de skriver /katalog och i veckans påminnelser.`,
  };
}

const undoButton = (change: DirectoryChange): Button => ({ label: 'Ångra', action: { type: 'directory.undo', changeId: change.id }, style: 'danger' });

type Transition = { refusal: Reply } | { updated: DirectoryChange; fn: OrgFunction; moved: boolean };

/**
 * An editor of the change's organisation moves it on from status `from`, atomically: `moved` says
 * whether this press did it (another editor, or another instance, may have been first).
 */
async function transition(ctx: Context, changeId: string, from: DirectoryChange['status'], to: (c: DirectoryChange, me: string, at: string) => DirectoryChange): Promise<Transition> {
  const change = (await ctx.store.directory.list()).find((c) => c.id === changeId);
  const fn = change && ctx.knowledge.functions.get(change.functionId);
  if (!change || !fn) return { refusal: refused('Ändringen finns inte', 'Ändringen finns inte längre (den kan ha rensats bort eller funktionen tagits bort ur katalogen).') };
  if (!isEditor(ctx, fn.organisation)) {
    return { refusal: refused('Bara redaktörer kan göra det', `Bara redaktörer för ${organisationName(ctx, fn)} kan godkänna, avslå eller ångra ändringar i katalogen. Du är inte redaktör där.`) };
  }
  const me = identityOf(ctx.asker);
  const at = ctx.now.toISOString();
  // Set on every run of the update (it may run more than once on Redis); the run that was written decides.
  let moved = false;
  const updated = await ctx.store.directory.update(changeId, (c) => {
    moved = c.status === from;
    return moved ? to(c, me, at) : c;
  });
  return updated ? { updated, fn, moved } : { refusal: refused('Ändringen finns inte', 'Ändringen finns inte längre.') };
}

/** An editor approves or rejects a pending change. */
export async function decide(ctx: Context, changeId: string, approve: boolean): Promise<Reply> {
  const done = await transition(ctx, changeId, 'pending', (c, me, at) => ({ ...c, status: approve ? 'approved' : 'rejected', decidedBy: me, decidedAt: at }));
  if ('refusal' in done) return done.refusal;
  const { updated, fn } = done;
  if (!done.moved) return refused('Redan avgjord', `Ändringen är redan ${updated.status === 'approved' ? 'godkänd' : updated.status === 'rejected' ? 'avslagen' : 'ångrad'}.`);
  const what = `${describeChange(updated, fn.name, ctx.local.date)}.`;
  return reply({
    intent: 'upkeep',
    headline: approve ? 'Godkänt' : 'Avslaget',
    ephemeral: true,
    parts: approve ? [{ type: 'text', text: what }, await cardNow(ctx, fn)] : [{ type: 'text', text: `${what} Ändringen görs inte.` }],
    buttons: approve ? [undoButton(updated)] : [],
  });
}

/** An editor takes back an approved change; the record stays, marked undone, for the audit. */
export async function undo(ctx: Context, changeId: string): Promise<Reply> {
  const done = await transition(ctx, changeId, 'approved', (c, me, at) => ({ ...c, status: 'undone', undoneBy: me, undoneAt: at }));
  if ('refusal' in done) return done.refusal;
  if (!done.moved) return refused('Det går inte att ångra', 'Bara en ändring som gäller kan ångras; den här är inte godkänd eller redan ångrad.');
  return reply({
    intent: 'upkeep',
    headline: 'Ångrat',
    ephemeral: true,
    parts: [{ type: 'text', text: `Ångrat: ${describeChange(done.updated, done.fn.name, ctx.local.date)}.` }, await cardNow(ctx, done.fn)],
  });
}

/** Buttons per pending change shown: two each, within what every platform shows. */
const PENDING_WITH_BUTTONS = 2;

/** `/katalog`: how to state a change, and for editors the changes waiting for them. `unread`: text came with it that is no change. */
export async function changesReply(ctx: Context, unread = false): Promise<Reply> {
  const examples = ['jag är ledig 15–30 december, Kim Exempel vikarierar', 'från 1 januari är det Sara som har funktionen', 'jag har slutat'];
  const how = { type: 'list' as const, title: unread ? 'Jag förstod inte ändringen. Skriv till exempel' : 'Skriv till exempel', items: examples };
  const fnOf = (c: DirectoryChange) => ctx.knowledge.functions.get(c.functionId);
  const pending = (await ctx.store.directory.list()).filter((c) => {
    const fn = fnOf(c);
    return c.status === 'pending' && fn && isEditor(ctx, fn.organisation);
  });
  if (pending.length === 0) {
    return reply({ intent: 'upkeep', headline: 'Håll katalogen aktuell', ephemeral: true, parts: [how, { type: 'text', text: 'Inga ändringar väntar på dig.' }] });
  }
  return reply({
    intent: 'upkeep',
    headline: `${pending.length} ${pending.length === 1 ? 'ändring väntar' : 'ändringar väntar'} på godkännande`,
    ephemeral: true,
    parts: [{ type: 'list', items: pending.map((c) => pendingLine(ctx, c, fnOf(c)!.name)) }, how],
    buttons: pending.slice(0, PENDING_WITH_BUTTONS).flatMap((c, i) => decideButtons(c, i + 1)),
  });
}

const STATUS_LABEL: Record<DirectoryChange['status'], string> = { pending: 'väntar', approved: 'gäller', rejected: 'avslagen', undone: 'ångrad' };
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** One change as the audit lists it: when, its state, what, who asked, who decided, who undid it. */
export function auditLine(c: DirectoryChange, functionName: string, today: string): string {
  const parts = [minute(c.at), STATUS_LABEL[c.status], describeChange(c, functionName, today), `begärd av ${c.byName ? `${c.byName} (${c.by})` : c.by}${c.suggested ? ', som förslag' : ''}`];
  if (c.decidedBy && c.decidedAt) parts.push(`${c.status === 'rejected' ? 'avslagen' : 'godkänd'} av ${c.decidedBy} ${minute(c.decidedAt)}`);
  if (c.undoneBy && c.undoneAt) parts.push(`ångrad av ${c.undoneBy} ${minute(c.undoneAt)}`);
  return parts.join(' · ');
}

/** Changes asked for, decided or undone on or after `since` (ÅÅÅÅ-MM-DD), oldest first. */
export const changedSince = (changes: readonly DirectoryChange[], since: string | undefined) =>
  since === undefined ? [...changes] : changes.filter((c) => [c.at, c.decidedAt, c.undoneAt].some((t) => t !== undefined && t.slice(0, 10) >= since));
