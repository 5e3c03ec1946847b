/**
 * The health report for administrators (`motpart report`, `/motpart rapport`, Teams `rapport`):
 * what the editors should fix so that the knowledge does not depend on particular persons.
 * Built from the knowledge (review dates, holders) and the store (gap log, feedback); when the
 * store is down, the knowledge sections are still shown and the report says what is missing.
 */
import type { Knowledge } from './knowledge/knowledge.js';
import type { Snippet } from './knowledge/schema.js';
import { addDays, reviewDue } from './dates.js';
import { holdersOn } from './directory/holders.js';
import { overlaid } from './directory/overlay.js';
import { describeChange } from './directory/upkeep.js';
import { localTime } from './hours.js';
import { StoreUnavailableError, type FeedbackEntry, type GapEntry, type Store } from './ports.js';
import { reply, type Reply, type ReplyPart } from './reply.js';
import { fold } from './text/normalise.js';
import { redact } from './text/pii.js';

/** How far ahead a holder's end date is flagged. */
export const HOLDER_ENDING_DAYS = 30;
/** Fewer votes than this say nothing about a snippet. */
export const MIN_VOTES = 2;
const TOP_GAPS = 10;
const MAX_LINES = 15;

export interface ReportOptions {
  timezone?: string;
}

/** A list part, cut to MAX_LINES, or a short line saying there is nothing to do. */
export function section(title: string, lines: string[], none: string): ReplyPart {
  if (lines.length === 0) return { type: 'text', title, text: none };
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push(`… och ${lines.length - MAX_LINES} till`);
  return { type: 'list', title, items: shown };
}

/** Questions grouped by their folded form (case, å/ä/ö and spacing do not split a group). */
export function topGaps(gaps: readonly GapEntry[], limit = TOP_GAPS): Array<{ question: string; count: number }> {
  const groups = new Map<string, { question: string; count: number }>();
  for (const gap of gaps) {
    // Stored redacted already; redacting again costs nothing and keeps the report safe on its own.
    const question = redact(gap.question).trim().replace(/\s+/g, ' ');
    const key = fold(question).replace(/[?!.]+$/, '');
    const group = groups.get(key) ?? { question, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question, 'sv')).slice(0, limit);
}

/** Helpful and total votes per snippet, counting each person's latest vote only. */
export function snippetVotes(feedback: readonly FeedbackEntry[]): Map<string, { helpful: number; total: number }> {
  const latest = new Map<string, FeedbackEntry>();
  for (const entry of feedback) {
    if (entry.target !== 'snippet') continue;
    const key = `${entry.targetId}\u0000${entry.by}`;
    const seen = latest.get(key);
    if (!seen || seen.at <= entry.at) latest.set(key, entry);
  }
  const votes = new Map<string, { helpful: number; total: number }>();
  for (const entry of latest.values()) {
    const v = votes.get(entry.targetId) ?? { helpful: 0, total: 0 };
    v.total++;
    if (entry.helpful) v.helpful++;
    votes.set(entry.targetId, v);
  }
  return votes;
}

/** Snippets past their review date on `today`, the longest overdue first. */
export function overdueSnippets(knowledge: Knowledge, today: string): Array<{ snippet: Snippet; due: string }> {
  return knowledge.data.guidance
    .map((snippet) => ({ snippet, due: reviewDue(snippet) }))
    .filter(({ due }) => due < today)
    .sort((a, b) => a.due.localeCompare(b.due));
}

export const overdueLine = (s: Snippet, due: string) => `${s.title} (${s.id}): skulle granskas senast ${due}`;

async function fromStore<T>(read: () => Promise<T[]>, missing: string[], what: string): Promise<T[]> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    missing.push(what);
    return [];
  }
}

export async function buildHealthReport(knowledge: Knowledge, store: Store, now: Date, options: ReportOptions = {}): Promise<Reply> {
  const today = localTime(now, options.timezone ?? 'Europe/Stockholm').date;
  const horizon = addDays(today, HOLDER_ENDING_DAYS);
  const missing: string[] = [];
  const [gaps, feedback, changes] = await Promise.all([
    fromStore(() => store.gaps.list(), missing, 'obesvarade frågor'),
    fromStore(() => store.feedback.list(), missing, 'återkoppling'),
    fromStore(() => store.directory.list(), missing, 'ändringar från chatten'),
  ]);
  const functionName = (id: string) => knowledge.data.functions.find((f) => f.id === id)?.name ?? id;

  const gapLines = topGaps(gaps).map((g) => `${g.count} ${g.count === 1 ? 'gång' : 'gånger'}: ${g.question}`);

  const votes = snippetVotes(feedback);
  const lowRated = knowledge.data.guidance
    .map((s) => ({ snippet: s, v: votes.get(s.id) }))
    .filter((x): x is { snippet: (typeof x)['snippet']; v: { helpful: number; total: number } } => !!x.v && x.v.total >= MIN_VOTES && x.v.helpful * 2 < x.v.total)
    .sort((a, b) => a.v.helpful / a.v.total - b.v.helpful / b.v.total)
    .map(({ snippet, v }) => `${snippet.title} (${snippet.id}): ${v.helpful} av ${v.total} tyckte att svaret hjälpte`);

  const overdue = overdueSnippets(knowledge, today).map(({ snippet: s, due }) => `${overdueLine(s, due)}, ansvarig ${functionName(s.owner)}`);

  const unstaffed: string[] = [];
  const ending: Array<{ to: string; line: string }> = [];
  // The directory as answers show it: the chat's approved stand-ins and handovers count.
  for (const fn of knowledge.data.functions.map((f) => overlaid(f, changes))) {
    const { holder, deputy } = holdersOn(fn, today);
    if (!holder && !deputy) unstaffed.push(`${fn.name} (${fn.id}): varken innehavare eller ersättare`);
    else if (!holder) unstaffed.push(`${fn.name} (${fn.id}): ingen innehavare, bara ersättare`);
    else if (!deputy) unstaffed.push(`${fn.name} (${fn.id}): ingen ersättare`);
    for (const h of fn.holders) {
      if (h.from <= today && h.to !== undefined && h.to >= today && h.to <= horizon) ending.push({ to: h.to, line: `${h.name}, ${fn.name}: perioden slutar ${h.to}` });
    }
  }
  const endingLines = ending.sort((a, b) => a.to.localeCompare(b.to)).map((e) => e.line);
  const pending = changes
    .filter((c) => c.status === 'pending')
    .map((c) => `${describeChange(c, functionName(c.functionId), today)} (${c.suggested ? 'förslag' : 'begärd'} av ${c.byName ?? c.by}, ${c.at.slice(0, 10)})`);

  const parts: ReplyPart[] = [
    {
      type: 'text',
      text: `Läget ${today}: ${overdue.length} avsnitt att granska, ${lowRated.length} med låga betyg, ${unstaffed.length} funktioner med luckor, ${ending.length} innehavare som slutar inom ${HOLDER_ENDING_DAYS} dagar, ${pending.length} ändringar som väntar på godkännande.`,
    },
  ];
  if (missing.length > 0) {
    parts.push({ type: 'notice', level: 'warning', text: `Lagringen går inte att nå just nu, så ${[missing.slice(0, -1).join(', '), missing.at(-1)].filter(Boolean).join(' och ')} saknas i rapporten.` });
  }
  parts.push(
    section('Vanligaste obesvarade frågorna', gapLines, 'Inga obesvarade frågor har loggats.'),
    section('Vägledning med låga betyg', lowRated, `Inget avsnitt har fått övervägande 👎 (minst ${MIN_VOTES} röster).`),
    section('Vägledning som har passerat granskningsdatum', overdue, 'Alla avsnitt är granskade i tid.'),
    section('Funktioner utan aktuell innehavare eller ersättare', unstaffed, 'Alla funktioner har både innehavare och ersättare.'),
    section(`Innehavare vars period slutar inom ${HOLDER_ENDING_DAYS} dagar`, endingLines, `Ingen innehavares period slutar före ${horizon}.`),
    section('Ändringar som väntar på godkännande (skriv /katalog)', pending, 'Inga ändringar väntar på godkännande.'),
  );
  return reply({ intent: 'report', headline: 'Hälsorapport för Motpart', parts, ephemeral: true });
}

