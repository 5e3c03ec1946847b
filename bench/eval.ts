/**
 * `npm run eval`: answer quality on question sets written by people who never saw the guidance.
 * Each line of a set says what a right answer is (the provisions and verdicts a lawyer accepts,
 * the functions that may come first, the checklist to open), not which snippet to return, so the
 * sets judge the bot rather than remember its phrasings. Prints accuracy per kind and per style,
 * and lists every confident answer that cites the wrong provision or gives the wrong verdict.
 *
 * The dev set is for tuning; the held-out set is frozen before its first run and only read for
 * its failures afterwards (see README, "Answer quality").
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createMotpart, type Motpart } from '../src/core/motpart.js';
import type { Reply } from '../src/core/reply.js';
import { ORGANISATION_KINDS } from '../src/core/knowledge/schema.js';
import { loadAndBuild } from '../src/knowledge/knowledge.js';
import type { Knowledge } from '../src/core/knowledge/knowledge.js';
import { createStore } from '../src/store/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

const STYLES = ['plain', 'terse', 'phone', 'legal_ref', 'case', 'english'] as const;
const KINDS = ['guidance', 'directory', 'checklist', 'out_of_scope'] as const;
const VERDICTS = ['far', 'far_inte', 'beror_pa', 'ska', 'information'] as const;

const questionSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(KINDS),
  style: z.enum(STYLES),
  persona: z.string().optional(),
  as: z.enum(ORGANISATION_KINDS).nullable().optional(),
  question: z.string().min(1),
  expect: z
    .object({
      provisions: z.array(z.string()).optional(),
      verdicts: z.array(z.enum(VERDICTS)).optional(),
      dangerous: z.object({ provisions: z.array(z.string()).optional(), verdicts: z.array(z.enum(VERDICTS)).optional() }).optional(),
      abstainOk: z.boolean().optional(),
      functions: z.array(z.string()).optional(),
      checklist: z.string().optional(),
    })
    .default({}),
  why: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

/** Reads a JSONL set; a bad line names the file, the line and the field. */
export function readSet(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      const parsed = questionSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

/** "SoL" accepts any section of SoL; "OSL 10:21" accepts exactly that section. */
const refMatches = (ref: string, expected: string) => ref === expected || (!/\d/.test(expected) && ref.startsWith(`${expected} `));

/**
 * A law the sets name without a section, because its section is not settled (the brief: "SoL (the
 * socialtjänstlag's duty to report, whatever its section: write just SoL)"), is also cited by a
 * snippet that names the law as its basis in its title or answer.
 */
const LAW_NAMES: Record<string, RegExp> = {
  SoL: /socialtjänstlag/i,
  LUU: /skyldighet att lämna uppgifter till (?:de )?brottsbekämpande|uppgiftsskyldighet(?:en)? till polisen/i,
};
const namesLaw = (text: string, expected: string) => !/\d/.test(expected) && LAW_NAMES[expected]?.test(text) === true;

export interface Verdict {
  right: boolean;
  /** A guidance answer given as sure that cites the wrong provision or the wrong verdict. */
  confidentWrong: boolean;
  got: string;
}

/** Whether the reply is what the question's expectation accepts. */
export function judge(q: EvalQuestion, r: Reply): Verdict {
  const guidance = r.parts.flatMap((p) => (p.type === 'guidance' ? [p.guidance] : []));
  const contacts = r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact] : []));
  const checklist = r.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist] : []));
  const e = q.expect;
  switch (q.kind) {
    case 'guidance': {
      const g = guidance[0];
      if (!g) {
        const got = `${r.intent}: ${r.headline}`;
        return { right: Boolean(e.abstainOk) && r.intent === 'guidance', confidentWrong: false, got };
      }
      const refs = g.references.map((x) => x.canonical);
      const text = `${g.title} ${g.answer}`;
      const refOk = (e.provisions ?? []).length === 0 || (e.provisions ?? []).some((p) => refs.some((ref) => refMatches(ref, p)) || namesLaw(text, p));
      const verdictOk = (e.verdicts ?? []).length === 0 || (e.verdicts ?? []).includes(g.verdict);
      const dangerous = (e.dangerous?.provisions ?? []).some((p) => refs.some((ref) => refMatches(ref, p))) || (e.dangerous?.verdicts ?? []).includes(g.verdict);
      const right = refOk && verdictOk && !dangerous;
      return { right, confidentWrong: !right, got: `${g.snippetId} [${refs.join(', ')}] ${g.verdict}` };
    }
    case 'directory': {
      const first = contacts[0];
      const got = first ? first.name : `${r.intent}: ${r.headline}`;
      return { right: first !== undefined && (e.functions ?? []).includes(first.name), confidentWrong: false, got };
    }
    case 'checklist': {
      const opened = checklist[0]?.title;
      const offered = [...r.suggestions, ...r.buttons].find((b) => b.action.type === 'checklist.start')?.label.replace(/^Checklista: /, '');
      const got = opened ?? (offered ? `offered: ${offered}` : `${r.intent}: ${r.headline}`);
      return { right: e.checklist !== undefined && (opened === e.checklist || offered === e.checklist), confidentWrong: false, got };
    }
    case 'out_of_scope':
      return { right: (r.intent === 'unknown' || r.intent === 'help') && contacts.length === 0 && guidance.length === 0, confidentWrong: false, got: `${r.intent}: ${r.headline}` };
  }
}

export interface SetResult {
  name: string;
  total: number;
  right: number;
  byKind: Record<string, { total: number; right: number }>;
  byStyle: Record<string, { total: number; right: number }>;
  confidentWrong: Array<{ id: string; question: string; got: string; expected: string }>;
  misses: Array<{ id: string; kind: string; style: string; question: string; got: string; expected: string }>;
}

/** Office hours on a weekday, so "now" never decides a directory answer unless the question says when. */
const OFFICE_HOURS = new Date('2026-12-02T10:00:00+01:00');

export function motpartFor(knowledge: Knowledge, store: Awaited<ReturnType<typeof createStore>>): Motpart {
  return createMotpart({ knowledge: () => knowledge, store, now: () => OFFICE_HOURS });
}

export async function evaluate(name: string, questions: readonly EvalQuestion[], motpart: Motpart): Promise<SetResult> {
  const result: SetResult = { name, total: 0, right: 0, byKind: {}, byStyle: {}, confidentWrong: [], misses: [] };
  const count = (table: Record<string, { total: number; right: number }>, key: string, right: boolean) => {
    const row = (table[key] ??= { total: 0, right: 0 });
    row.total++;
    if (right) row.right++;
  };
  for (const q of questions) {
    // Each question is its own user: a role stated in one question must not colour the next.
    const r = await motpart.handle({ text: q.question }, { platform: 'cli', userId: `eval-${name}-${q.id}`, conversationId: `eval-${q.id}`, ...(q.as ? { as: q.as } : {}) });
    const v = judge(q, r);
    result.total++;
    if (v.right) result.right++;
    count(result.byKind, q.kind, v.right);
    count(result.byStyle, q.style, v.right);
    const expected = JSON.stringify(q.expect);
    if (v.confidentWrong) result.confidentWrong.push({ id: q.id, question: q.question, got: v.got, expected });
    if (!v.right) result.misses.push({ id: q.id, kind: q.kind, style: q.style, question: q.question, got: v.got, expected });
  }
  return result;
}

const pct = (row: { total: number; right: number }) => `${((100 * row.right) / Math.max(1, row.total)).toFixed(0)} % (${row.right}/${row.total})`;

export function formatResult(r: SetResult, showMisses: boolean): string {
  const lines = [`## ${r.name}: ${pct(r)}`, '', '| kind | right |', '|---|---|'];
  for (const k of KINDS) if (r.byKind[k]) lines.push(`| ${k} | ${pct(r.byKind[k])} |`);
  lines.push('', '| style | right |', '|---|---|');
  for (const s of STYLES) if (r.byStyle[s]) lines.push(`| ${s} | ${pct(r.byStyle[s])} |`);
  lines.push('', `Confident answers with a wrong provision or verdict: ${r.confidentWrong.length}`);
  if (showMisses) {
    for (const w of r.confidentWrong) lines.push(`- ${w.id} "${w.question}" → ${w.got}; expected ${w.expected}`);
    lines.push('', 'Misses:');
    for (const m of r.misses) lines.push(`- ${m.id} [${m.kind}/${m.style}] "${m.question}" → ${m.got}; expected ${m.expected}`);
  }
  return lines.join('\n');
}

export const EVAL_START = '<!-- eval:start (written by `npm run eval`) -->';
export const EVAL_END = '<!-- eval:end -->';

/** The answer-quality section of BENCHMARKS.md: per kind and style, and the confident wrong answers. */
export function evalSection(results: ReadonlyArray<Pick<SetResult, 'name' | 'total' | 'right' | 'byKind' | 'byStyle' | 'confidentWrong'>>): string {
  const cell = (row: { total: number; right: number } | undefined) => (row ? pct(row) : '–');
  const rows = [
    ['all', ...results.map((r) => pct(r))],
    ...KINDS.map((k) => [k, ...results.map((r) => cell(r.byKind[k]))]),
    ...STYLES.map((s) => [s, ...results.map((r) => cell(r.byStyle[s]))]),
    ['confident answers with a wrong provision or verdict', ...results.map((r) => String(Array.isArray(r.confidentWrong) ? r.confidentWrong.length : r.confidentWrong))],
  ];
  return [
    EVAL_START,
    '## Answer quality (`npm run eval`)',
    '',
    'Question sets written by helpers who never saw the guidance; see README, "Answer quality". Held-out sets show totals only.',
    '',
    `| | ${results.map((r) => r.name).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    EVAL_END,
  ].join('\n');
}

/** BENCHMARKS.md with its answer-quality section replaced (or added before "## Reproduce"). */
export function withEvalSection(markdown: string, results: Parameters<typeof evalSection>[0]): string {
  return placeSection(markdown, evalSection(results));
}

/** A freshly generated BENCHMARKS.md with the answer-quality section of the previous one kept. */
export function keepEvalSection(previous: string, markdown: string): string {
  const start = previous.indexOf(EVAL_START);
  const end = previous.indexOf(EVAL_END);
  return start >= 0 && end > start ? placeSection(markdown, previous.slice(start, end + EVAL_END.length)) : markdown;
}

function placeSection(markdown: string, section: string): string {
  const start = markdown.indexOf(EVAL_START);
  const end = markdown.indexOf(EVAL_END);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + EVAL_END.length);
  const at = markdown.indexOf('## Reproduce');
  return at >= 0 ? `${markdown.slice(0, at)}${section}\n\n${markdown.slice(at)}` : `${markdown}\n${section}\n`;
}

/** The sets in `test/eval/`: the dev set, earlier rounds, then the newest held-out round. */
export function evalSets(dir = path.join(root, 'test/eval')): Array<{ name: string; file: string; heldOut: boolean }> {
  return [
    { name: 'dev', file: path.join(dir, 'dev.jsonl'), heldOut: false },
    // A second tuning set, written from the brief after round 3 was frozen, so that round 3 stays unread.
    { name: 'dev 2', file: path.join(dir, 'dev2.jsonl'), heldOut: false },
    // Round 1's failures were read while tuning: kept for comparison, no longer held out.
    { name: 'round 1 (read, no longer held out)', file: path.join(dir, 'heldout-r1.jsonl'), heldOut: false },
    { name: 'round 2 (read, no longer held out)', file: path.join(dir, 'heldout-r2.jsonl'), heldOut: false },
    // Round 3's failures were read at the start of the session after it (2026-12-02, evening).
    { name: 'round 3 (read, no longer held out)', file: path.join(dir, 'heldout-r3.jsonl'), heldOut: false },
    // Round 4 was measured blind once (54 %), then read in the same session.
    { name: 'round 4 (read, no longer held out)', file: path.join(dir, 'heldout-r4.jsonl'), heldOut: false },
    // Round 5 was measured blind once (60 %), then read at the start of the next session (2026-12-02, night).
    { name: 'round 5 (read, no longer held out)', file: path.join(dir, 'heldout-r5.jsonl'), heldOut: false },
    // Round 6 was measured blind once (57 %) mid-session, then read in the same session.
    { name: 'round 6 (read, no longer held out)', file: path.join(dir, 'heldout-r6.jsonl'), heldOut: false },
    // Rounds 7 and 8 were each measured blind once (63 %, 63 %), then read at the start of the 3 Dec session.
    { name: 'round 7 (read, no longer held out)', file: path.join(dir, 'heldout-r7.jsonl'), heldOut: false },
    { name: 'round 8 (read, no longer held out)', file: path.join(dir, 'heldout-r8.jsonl'), heldOut: false },
    // Round 9 was measured blind once (52 %), then read at the start of the second 3 Dec session.
    { name: 'round 9 (read, no longer held out)', file: path.join(dir, 'heldout-r9.jsonl'), heldOut: false },
    // Round 10 was measured blind once (51 %), then read at the start of the third 3 Dec session.
    { name: 'round 10 (read, no longer held out)', file: path.join(dir, 'heldout-r10.jsonl'), heldOut: false },
    // Round 11 was measured blind once (59 %), then read at the start of the fourth 3 Dec session.
    { name: 'round 11 (read, no longer held out)', file: path.join(dir, 'heldout-r11.jsonl'), heldOut: false },
    // Round 12 was measured blind once (50 %), then read in the fourth 3 Dec session.
    { name: 'round 12 (read, no longer held out)', file: path.join(dir, 'heldout-r12.jsonl'), heldOut: false },
    // Round 13 was measured blind once (53 %), then read at the start of the fifth 3 Dec session.
    { name: 'round 13 (read, no longer held out)', file: path.join(dir, 'heldout-r13.jsonl'), heldOut: false },
    // Round 14 was written at the start of the fifth 3 Dec session, measured blind once (61 %), then read.
    { name: 'round 14 (read, no longer held out)', file: path.join(dir, 'heldout-r14.jsonl'), heldOut: false },
    // Round 15 was written after round 14's blind run, measured blind once (64 %), then read at the start of the sixth 3 Dec session.
    { name: 'round 15 (read, no longer held out)', file: path.join(dir, 'heldout-r15.jsonl'), heldOut: false },
    // Round 16 was written after round 15 was read, measured blind once (63 %), then read at the end of the sixth 3 Dec session.
    { name: 'round 16 (read, no longer held out)', file: path.join(dir, 'heldout-r16.jsonl'), heldOut: false },
    // Round 17 was written after round 16 was read, measured blind once (63 %), then read at the start of the 4 Dec session.
    { name: 'round 17 (read, no longer held out)', file: path.join(dir, 'heldout-r17.jsonl'), heldOut: false },
    // Round 18 was written at the start of the 4 Dec session, measured blind once (57 %), then read at the start of the second 4 Dec session.
    { name: 'round 18 (read, no longer held out)', file: path.join(dir, 'heldout-r18.jsonl'), heldOut: false },
    // Written by two fresh helpers at the start of the second 4 Dec session while round 18 was read; frozen before its first run.
    { name: 'held-out (round 19)', file: path.join(dir, 'heldout-r19.jsonl'), heldOut: true },
  ];
}

/**
 * The results as bench/results/eval-latest.json keeps them. The file is committed, so a held-out
 * set's questions never go into it (reading them would spend the round): its misses and wrong
 * answers are counted, not quoted; a read set's wrong answers are quoted for the record.
 */
export function committedResults(results: readonly SetResult[], sets: ReadonlyArray<{ name: string; heldOut: boolean }>) {
  const heldOut = new Set(sets.filter((x) => x.heldOut).map((x) => x.name));
  return results.map(({ misses, confidentWrong, ...rest }) => ({
    ...rest,
    misses: misses.length,
    confidentWrong: heldOut.has(rest.name) ? confidentWrong.length : confidentWrong,
  }));
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const knowledge = await loadAndBuild(path.join(root, 'knowledge'), { today: '2026-12-02' });
  const store = await createStore({ memory: true });
  const motpart = motpartFor(knowledge, store);
  const results: SetResult[] = [];
  for (const set of evalSets()) {
    if (args.has('--dev') && set.name !== 'dev') continue;
    if (args.has('--heldout') && !set.heldOut) continue;
    const r = await evaluate(set.name, readSet(set.file), motpart);
    results.push(r);
    // Misses of the dev set are for tuning; the held-out set's (and its wrong answers) are printed
    // only when asked for: reading them spends the round (README, "Answer quality").
    console.log(formatResult(r, set.heldOut ? args.has('--misses') : !args.has('--quiet')));
    console.log('');
  }
  const out = path.join(root, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'eval-latest.json'), `${JSON.stringify(committedResults(results, evalSets()), null, 2)}\n`);
  // The figures stand in BENCHMARKS.md beside speed; `npm run bench` keeps this section as it is.
  const benchmarks = path.join(root, 'BENCHMARKS.md');
  if (existsSync(benchmarks) && !args.has('--dev') && !args.has('--heldout')) writeFileSync(benchmarks, withEvalSection(readFileSync(benchmarks, 'utf8'), results));
  await store.close();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
