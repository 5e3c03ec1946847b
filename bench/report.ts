/**
 * The issue's targets checked against the figures, and BENCHMARKS.md rendered from them.
 */
import type { HandleFigures } from './handle.js';
import type { HeldOutFigures } from './heldout.js';
import type { HttpFigures } from './http.js';
import type { ServerKind } from './server.js';
import type { SearchFigures } from './search.js';
import { miniSearch, motpart, plainFuse } from './searchers.js';
import type { StartKind, StartupFigures } from './startup.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  platform: string;
  date: string;
  /** {@link referenceTaskMs} and the 1-minute load average, at the start and the end of the run. */
  referenceMs: { start: number; end?: number };
  loadAverage: { start: number; end?: number };
}

export interface Comparison {
  corpus: string;
  functions: number;
  baseline: string;
  /** Questions both were measured on (a bounded baseline gets an evenly spread subset). */
  questions: number;
  /** Motpart time / baseline time: below 1 means Motpart is faster. */
  p50Ratio: number;
  p99Ratio: number;
  motpartTop1: number;
  baselineTop1: number;
}

export interface TargetCheck {
  target: string;
  status: 'HOLDS' | 'MISSED' | 'NOT RUN';
  measured: string;
}

export interface BenchResults {
  machine: Machine;
  /** The shipped knowledge the synthetic corpora grow from. */
  seed: { dir: string; functions: number; snippets: number };
  quick: boolean;
  /** Which plan ran: `npm run bench` is the default, `-- --full` the long run. Absent in results from before the modes. */
  mode?: 'default' | 'full' | 'quick';
  /** Wall time of the run: from `npm run bench`'s start (its tsc build included) when wallIncludesBuild, else of this process only. */
  wallSeconds?: number;
  wallIncludesBuild?: boolean;
  queries: number;
  queryCategories?: Record<string, number>;
  search: SearchFigures[];
  handle: HandleFigures[];
  /** The newest held-out set of `npm run eval`, asked of each corpus (totals only). */
  heldOut: HeldOutFigures[];
  comparisons: Comparison[];
  http: HttpFigures[];
  startup: StartupFigures[];
  targets: TargetCheck[];
}

/** "63× faster" for a Motpart/baseline time ratio below 1, "1.1× slower" above. */
export const speed = (ratio: number) => (ratio < 1 ? `${(1 / ratio).toFixed(0)}× faster` : `${ratio.toFixed(1)}× slower`);
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const ms = (v: number) => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const check = (target: string, ok: boolean | undefined, measured: string): TargetCheck => ({
  target,
  status: ok === undefined ? 'NOT RUN' : ok ? 'HOLDS' : 'MISSED',
  measured: ok === undefined ? 'not measured in this run' : measured,
});

/**
 * Top-1 per kind of question, Motpart beside MiniSearch. Columns are the kinds any corpus was asked
 * (the shipped corpus has no English questions), so every row lines up with the header.
 */
function categoryTable(r: BenchResults): string {
  const rows = r.search.filter((s) => s.contestant === motpart.name);
  const kinds = [...new Set(rows.flatMap((s) => Object.keys(s.byCategory)))];
  const share = (c: { n: number; top1: number } | undefined) => (c ? pct(c.top1 / c.n) : '–');
  return table(
    ['Corpus', ...kinds],
    rows.map((s) => {
      const mini = r.search.find((x) => x.corpus === s.corpus && x.contestant === miniSearch.name);
      return [s.corpus, ...kinds.map((k) => `${share(s.byCategory[k])} / ${share(mini?.byCategory[k])}`)];
    }),
  );
}

const ACK_RATIO = 1.25;
const ACK_RATES = [100, 300, 500];
const BARE_NAME = { slack: 'bare Bolt', teams: 'bare botbuilder' } as const;
const SERVER_NAME: Record<ServerKind, string> = { motpart: 'Motpart', bolt: 'bare Bolt', botbuilder: 'bare botbuilder' };
const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min ${seconds % 60} s`;

export interface HttpPair {
  platform: 'slack' | 'teams';
  corpus: string;
  rate?: number;
  bare: HttpFigures;
  motpart: HttpFigures;
  /** Motpart / bare: above 1 means Motpart is slower. */
  p50Ratio: number;
  p99Ratio: number;
  /** Motpart / bare req/s reached. */
  throughputRatio: number;
}

/** Each Motpart run beside the bare framework's run at the same platform, corpus and rate. */
export function httpPairs(http: readonly HttpFigures[]): HttpPair[] {
  return http.flatMap((m) => {
    if (m.server !== 'motpart') return [];
    const bare = http.find((b) => b.server !== 'motpart' && b.platform === m.platform && b.corpus === m.corpus && b.rate === m.rate);
    if (!bare) return [];
    return [{ platform: m.platform, corpus: m.corpus, ...(m.rate === undefined ? {} : { rate: m.rate }), bare, motpart: m, p50Ratio: m.p50Ms / bare.p50Ms, p99Ratio: m.p99Ms / bare.p99Ms, throughputRatio: m.reqPerSec / bare.reqPerSec }];
  });
}

export function evaluateTargets(r: BenchResults): TargetCheck[] {
  const at = (functions: number) => r.search.find((s) => s.contestant === motpart.name && s.functions === functions);
  const compare = (baseline: string) => r.comparisons.find((c) => c.functions === 10000 && c.baseline === baseline);
  const m50 = at(50000);
  const fuse10 = compare(plainFuse.name);
  const mini10 = compare(miniSearch.name);
  const startup = (functions: number, start: StartKind) => r.startup.find((s) => s.functions === functions && s.start === start);
  const [s10, s50, first10, first50] = [startup(10000, 'restart'), startup(50000, 'restart'), startup(10000, 'first'), startup(50000, 'first')];
  const startFigure = (s: StartupFigures | undefined) => (s ? `${ms(s.readyMs)} (median of ${s.runs}: ${ms(s.minReadyMs)}–${ms(s.maxReadyMs)})` : '');
  const firstRss10k = [first10?.rssMB, first10?.rssAfterCacheMB].filter((v): v is number => v !== undefined);
  const pairs = httpPairs(r.http);
  const ackTarget = (platform: 'slack' | 'teams') => {
    const fixed = pairs.filter((p) => p.platform === platform && p.rate !== undefined && ACK_RATES.includes(p.rate));
    const corpora = [...new Set(fixed.map((p) => p.corpus))];
    return check(
      `${platform === 'slack' ? 'Slack' : 'Teams'} ack p99 ≤ ${ACK_RATIO} × ${BARE_NAME[platform]}'s in the same run, at ${ACK_RATES.join(', ')} req/s (${corpora.join(', ') || '10k'}; 50k in --full)`,
      fixed.length > 0 ? fixed.every((p) => p.p99Ratio <= ACK_RATIO) : undefined,
      fixed.map((p) => `${p.corpus} ${p.rate}/s ×${p.p99Ratio.toFixed(2)} (${p.motpart.p99Ms} vs ${p.bare.p99Ms} ms)`).join('; '),
    );
  };
  // A fixed rate is below saturation when the bare framework reached more than it at saturation, in the same run and corpus.
  const bareSaturation = (h: HttpFigures) => r.http.find((b) => b.platform === h.platform && b.corpus === h.corpus && b.server !== 'motpart' && b.rate === undefined)?.reqPerSec;
  const belowSaturation = r.http.filter((h) => h.server === 'motpart' && h.rate !== undefined && h.rate < (bareSaturation(h) ?? 0));
  const failures = belowSaturation.reduce((n, h) => n + h.errors + h.non2xx + h.timeouts, 0);
  const refused = belowSaturation.reduce((n, h) => n + (h.rateLimited ?? 0), 0);

  return [
    check('Search p99 ≤ 1 ms at 50k functions + 5k snippets', m50 && m50.p99Ms <= 1, m50 ? `p99 ${ms(m50.p99Ms)} (p50 ${ms(m50.p50Ms)}; p99 the first time each question is asked: ${m50.firstPassP99Ms === undefined ? '–' : ms(m50.firstPassP99Ms)})` : ''),
    check('≥ 100× faster than plain fuse.js at 10k (median)', fuse10 && 1 / fuse10.p50Ratio >= 100, fuse10 ? `${speed(fuse10.p50Ratio)} (p99: ${speed(fuse10.p99Ratio)})` : ''),
    check('≥ 10× faster than MiniSearch at 10k (median)', mini10 && 1 / mini10.p50Ratio >= 10, mini10 ? `${speed(mini10.p50Ratio)} (p99: ${speed(mini10.p99Ratio)})` : ''),
    check(
      'Top-1 at 10k ≥ the best baseline (same questions)',
      fuse10 && mini10 && fuse10.motpartTop1 >= fuse10.baselineTop1 && mini10.motpartTop1 >= mini10.baselineTop1,
      fuse10 && mini10
        ? `Motpart ${pct(mini10.motpartTop1)} vs MiniSearch ${pct(mini10.baselineTop1)}; on fuse.js's ${fuse10.questions}: Motpart ${pct(fuse10.motpartTop1)} vs ${pct(fuse10.baselineTop1)}`
        : '',
    ),
    check('Start-up to ready ≤ 1.5 s at 10k functions: restart (knowledge cache)', s10 && s10.readyMs <= 1500, startFigure(s10)),
    check('Start-up to ready ≤ 1.5 s at 10k functions: first start after a knowledge change', first10 && first10.readyMs <= 1500, startFigure(first10)),
    check('Start-up to ready ≤ 5 s at 50k functions: restart (knowledge cache)', s50 && s50.readyMs <= 5000, startFigure(s50)),
    check('Start-up to ready ≤ 5 s at 50k functions: first start after a knowledge change', first50 && first50.readyMs <= 5000, startFigure(first50)),
    check('RSS ≤ 200 MB at 10k functions: restart (knowledge cache)', s10 && s10.rssMB <= 200, s10 ? `${s10.rssMB} MB at ready (the highest of ${s10.runs})` : ''),
    check(
      'RSS ≤ 200 MB at 10k functions: first start after a knowledge change',
      firstRss10k.length > 0 ? Math.max(...firstRss10k) <= 200 : undefined,
      first10 ? `${first10.rssMB} MB at ready, ${first10.rssAfterCacheMB ?? '–'} MB once the cache is written (peak ${first10.peakRssMB} MB while parsing)` : '',
    ),
    ackTarget('slack'),
    ackTarget('teams'),
    check(
      "No errors below the bare framework's saturation",
      belowSaturation.length > 0 ? failures === 0 : undefined,
      `${failures} errors/non-2xx/timeouts in Motpart's ${belowSaturation.length} fixed-rate runs below the bare framework's saturation (${refused} questions refused by the per-user rate limit)`,
    ),
    check(
      'Default bench ≤ 10 minutes',
      r.mode === 'default' && r.wallSeconds !== undefined ? r.wallSeconds <= 600 : undefined,
      r.wallSeconds === undefined ? '' : `${minutes(r.wallSeconds)} (${r.wallIncludesBuild ? 'build included' : 'after the build'})`,
    ),
  ];
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** How far apart the repeats of one measurement fell in this run: rounds of the same HTTP rate and server, starts of the same kind. */
function noiseNote(r: BenchResults): string {
  const rounds = r.http.flatMap((h) => (h.roundP99Ms && h.roundP99Ms.length > 1 ? [Math.max(...h.roundP99Ms) / Math.max(0.01, Math.min(...h.roundP99Ms))] : []));
  const starts = r.startup.map((s) => s.maxReadyMs / Math.max(1, s.minReadyMs));
  const parts = [
    rounds.length > 0 ? `the p99 of one server at one HTTP rate differed by up to ×${Math.max(...rounds).toFixed(1)} from one round to the next (median ×${[...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!.toFixed(1)})` : undefined,
    starts.length > 0 ? `two starts of the same kind by up to ×${Math.max(...starts).toFixed(2)}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? ` In this run ${parts.join(', and ')}.` : '';
}

/** What a restart's time and memory go to: each part in a fresh process of its own, beside the whole restart. */
function startupPartsSection(startup: readonly StartupFigures[]): string[] {
  const restarts = startup.filter((s) => s.start === 'restart' && s.parts);
  if (restarts.length === 0) return [];
  const rows = restarts.flatMap((s) => {
    const p = s.parts!;
    const row = (part: string, f: { ms: number; rssMB: number; heapMB: number }, over?: { rssMB: number }) => [s.corpus, part, ms(f.ms), `${f.rssMB} MB${over ? ` (+${(f.rssMB - over.rssMB).toFixed(1)})` : ''}`, `${f.heapMB} MB`];
    return [
      row('Node.js alone', p.node),
      row('importing the Slack adapter (Bolt)', p.slack, p.node),
      row('importing the Teams adapter (botbuilder)', p.teams, p.node),
      row('importing both adapters', p.adapters, p.node),
      row('the knowledge from the cache, no adapters', p.knowledge, p.node),
      [s.corpus, '**the whole restart** (both adapters, knowledge, store, server; median)', ms(s.readyMs), `${s.rssMB} MB (+${(s.rssMB - p.node.rssMB).toFixed(1)})`, '–'],
    ];
  });
  return [
    '### What a restart spends its time and memory on',
    '',
    'Each part of a restart run on its own in a fresh process (bench/startupParts.ts), time from the process\'s start, RSS and heap in use when the part is done (in brackets: more than Node.js alone). ' +
      'In the server the adapters are imported while the knowledge loads, so the whole takes less than the sum of its parts on two cores, and shared modules (zod) are counted once. ' +
      'A deployment with one platform configured imports only that platform\'s adapter.',
    '',
    table(['Corpus', 'Part', 'Time', 'RSS', 'Heap in use'], rows),
    '',
    'Importing Bolt and botbuilder (with the adapters over them) is a third to a half of a restart\'s time and some 70 MB of its memory, the same for any knowledge; ' +
      'the knowledge is the rest: reading the cache (JSON of the records, the postings as raw arrays; the files are hashed first, for the key), freezing the records, and building the indexes from the stored postings. ' +
      'The RSS of a process is more than its heap in use: V8 keeps the young generation it grew to while the records were decoded, and memory freed to the allocator is not all given back. ' +
      'A first start after a knowledge change reads the YAML instead (parsed and validated in worker threads, one per core), lints it and analyses every text for the index: ' +
      'several times the CPU of a restart, more than two cores can do in 1.5 s at 10k functions, and the workers\' memory is still in the process at ready. ' +
      'From the second start on, the cache answers.',
    '',
  ];
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts); do not edit by hand. Raw figures: bench/results/latest.json -->',
    '',
    `Measured ${m.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB RAM, Node ${m.node}, ${m.platform}. ` +
      'The machine was shared with other work, so treat single figures as ±20 %. ' +
      `A fixed CPU task took ${m.referenceMs.start} ms at the start of the run and ${m.referenceMs.end ?? '–'} ms at the end; ` +
      `the 1-minute load average was ${m.loadAverage.start} and ${m.loadAverage.end ?? '–'}. ` +
      'A slower task or a higher load than on another run means the machine was busier: compare runs with that in mind.' +
      noiseNote(r),
    '',
    `Shipped knowledge (the seed of every corpus): \`${r.seed.dir}\`, ${r.seed.functions} functions, ${r.seed.snippets} snippets.`,
    '',
    '## Targets',
    '',
    table(['Target', 'Status', 'Measured'], r.targets.map((t) => [t.target, `**${t.status}**`, t.measured])),
    '',
    '## Search',
    '',
    `${r.queries} questions with one known right answer each (a snippet or a function)${
      r.queryCategories ? `: ${Object.entries(r.queryCategories).map(([c, n]) => `${n} ${c}`).join(', ')}` : ''
    }. ` +
      'The shipped corpus is asked only the questions about shipped knowledge. Synthetic corpora hold the shipped knowledge ' +
      'plus generated municipalities, areas, functions and snippets (bench/corpus.ts, fixed seed). ' +
      'Time is per question after a warm-up (process.hrtime.bigint); heap is the heap growth from building the index, after full GCs. ' +
      "\"p99, first pass\" is Motpart's warm-up pass itself: every question asked for the first time in the process, before its typo lookups are remembered and its code is compiled.",
    '',
    `- **${motpart.name}**: ${motpart.config}`,
    `- **${plainFuse.name}**: ${plainFuse.config}`,
    `- **${miniSearch.name}**: ${miniSearch.config}`,
    '- Baselines index one record per function (name, topics, organisation, covered areas with aliases) and per snippet (title, questions, answer, tags and references).',
    '',
    table(
      ['Corpus', 'Functions', 'Snippets', 'Search', 'Build', 'Heap', 'p50', 'p99', 'p99, first pass', 'Top-1', 'Top-3', 'Questions'],
      r.search.map((s) => [s.corpus, s.functions, s.snippets, s.contestant, ms(s.buildMs), `${s.heapMB} MB`, ms(s.p50Ms), ms(s.p99Ms), s.firstPassP99Ms === undefined ? '–' : ms(s.firstPassP99Ms), pct(s.top1), pct(s.top3), `${s.queries}${s.bounded ? ' (bounded)' : ''}`]),
    ),
    '',
    'Motpart against each baseline, on the same questions (a bounded baseline is compared on its evenly spread subset):',
    '',
    table(
      ['Corpus', 'Baseline', 'Questions', 'Time p50 Motpart/baseline', 'Time p99 Motpart/baseline', 'Top-1 Motpart', 'Top-1 baseline', 'Difference'],
      r.comparisons.map((c) => [
        c.corpus,
        c.baseline,
        c.questions,
        `${c.p50Ratio.toPrecision(2)} (${speed(c.p50Ratio)})`,
        `${c.p99Ratio.toPrecision(2)} (${speed(c.p99Ratio)})`,
        pct(c.motpartTop1),
        pct(c.baselineTop1),
        `${((c.motpartTop1 - c.baselineTop1) * 100).toFixed(1)} points`,
      ]),
    ),
    '',
    'Top-1 by kind of question (Motpart / MiniSearch), per corpus:',
    '',
    categoryTable(r),
    '',
    '### End to end: `motpart.handle()`',
    '',
    'The whole answer as an adapter gets it (personal-number guard, routing, search, role, reply with contact cards or guidance, gap log) with an in-memory store.',
    '',
    table(['Corpus', 'Questions', 'p50', 'p99', 'Expected answer shown first'], r.handle.map((h) => [h.corpus, h.queries, ms(h.p50Ms), ms(h.p99Ms), pct(h.top1)])),
    '',
    `### Held-out questions at scale: ${r.heldOut[0]?.set ?? 'not run'}`,
    '',
    'The newest held-out set of `npm run eval` (questions written from the brief by people who never saw the guidance, judged by what a right answer is; see "Answer quality" below), asked once each through `motpart.handle()` of each corpus: the shipped knowledge, and the same with the generated municipalities, functions and snippets around it, so that what scale does to the answers stands beside what it does to speed. ' +
      'Totals only: the set\'s failures are not printed. "Search p99" is the search table\'s, on the bench\'s own questions.',
    '',
    table(
      ['Corpus', 'Functions', 'Snippets', 'Questions', 'Right', 'guidance', 'directory', 'checklist', 'out of scope', 'Confident with a wrong provision or verdict', 'handle() p50', 'handle() p99', 'Search p99'],
      r.heldOut.map((q) => {
        const kind = (k: string) => (q.byKind[k] ? `${((100 * q.byKind[k].right) / Math.max(1, q.byKind[k].total)).toFixed(0)} % (${q.byKind[k].right}/${q.byKind[k].total})` : '–');
        const search = r.search.find((s) => s.corpus === q.corpus && s.contestant === motpart.name);
        return [q.corpus, q.functions, q.snippets, q.questions, `${pct(q.right / Math.max(1, q.questions))} (${q.right})`, kind('guidance'), kind('directory'), kind('checklist'), kind('out_of_scope'), q.confidentWrong, ms(q.p50Ms), ms(q.p99Ms), search ? ms(search.p99Ms) : '–'];
      }),
    ),
    '',
    '## HTTP acknowledgement under load, beside the bare frameworks',
    '',
    r.http.length > 0
      ? 'Each server runs in a child process of its own behind the same loopback server (startServer on 127.0.0.1), and is driven by the same load generator: ' +
        '**bare Bolt** (an App on an HTTPReceiver whose three slash commands `ack()` and `respond()` with fixed text, Bolt\'s defaults otherwise), ' +
        '**bare botbuilder** (a CloudAdapter without credentials, as MOTPART_TEAMS_AUTH=off gives Motpart, and an ActivityHandler that replies with fixed text through `adapter.process`; ' +
        'note that `process` answers the HTTP request only once the turn, reply post included, is over, where Motpart acknowledges first), and **Motpart** ' +
        `(${r.http.find((h) => h.server === 'motpart') ? 'the real Slack and Teams adapters on createMotpart' : 'not run'}). ` +
        'Before a platform\'s measured runs, each server gets the same unmeasured warm-up (the "Warm-up" column: seconds at the first rate, its p99), with the questions in reverse order so the first measured run does not meet them again: a deployment that has answered for a while has its code compiled, though each new question is still new. ' +
        'Each fixed rate is then measured in rounds that alternate the bare framework and Motpart (the p99 of each round is listed), and p50 and p99 are of all rounds\' latencies pooled, so that a busy spell of the shared machine falls on both rather than on whichever ran then; saturation is one run each. ' +
        'Slack: signed slash commands (v0 HMAC-SHA256), replies to the fake response_url. Teams: message activities whose serviceUrl is the fake Bot Connector. ' +
        'The load generator and the fake Slack / Bot Connector each run in their own child process, as the real platforms are remote. Latency is to the HTTP response (the acknowledgement). ' +
        'Fixed rates: an open-loop generator sends one request every 1/rate s over keep-alive sockets and counts latency from when each ' +
        "request was due, so a stalled server cannot hide its queue (autocannon's rate limit sends each second's quota in a burst). " +
        'Saturation: autocannon, 20 connections, closed loop. "Delivered" counts replies that reached the fake platform once the ' +
        'answers stopped arriving (at most 10 s after the run).'
      : 'Not run.',
    '',
    '**Settings as deployed.** Motpart runs with what a deployment has when it sets nothing: the embedded SQLite store (WAL, `synchronous = FULL`; its rate-limit counters are kept in memory, as the store serves one process) in a fresh data directory, ' +
      'and the per-user rate limit of MOTPART_RATE_LIMIT\'s default, 60 questions a user and minute, read from loadConfig. ' +
      'The load comes from 5,000 distinct users in turn, as a deployment\'s load is many people asking a few questions each: at 1,000 req/s that is 12 questions a user and minute, ' +
      'so the limit refuses nothing, and each run reports what it refused ("Rate-limited"). Every question still passes through the limit, as deployed; what goes to SQLite is what a deployment writes there, such as the gap log of questions without a sure answer. ' +
      'Logging is off (silent) for all three servers; a deployment logs one JSON line per answer at info.',
    '',
    table(
      ['Corpus', 'Platform', 'Rate asked', 'Bare p50', 'Bare p99', 'Motpart p50', 'Motpart p99', 'p50 ratio', 'p99 ratio', 'Req/s bare / Motpart'],
      httpPairs(r.http).map((p) => [
        p.corpus,
        p.platform,
        p.rate === undefined ? 'saturation' : `${p.rate}/s`,
        `${p.bare.p50Ms} ms`,
        `${p.bare.p99Ms} ms`,
        `${p.motpart.p50Ms} ms`,
        `${p.motpart.p99Ms} ms`,
        `×${p.p50Ratio.toFixed(2)}`,
        `**×${p.p99Ratio.toFixed(2)}**`,
        `${p.bare.reqPerSec} / ${p.motpart.reqPerSec} (×${p.throughputRatio.toFixed(2)})`,
      ]),
    ),
    '',
    'Every run:',
    '',
    table(
      ['Corpus', 'Platform', 'Server', 'Rate asked', 'Seconds', 'Sent', 'Answered', 'Req/s reached', 'p50', 'p99', 'p99 per round', 'Warm-up', 'Errors', 'Non-2xx', 'Timeouts', 'Replies delivered', 'Rate-limited'],
      r.http.map((h) => [
        h.corpus,
        h.platform,
        SERVER_NAME[h.server ?? 'motpart'],
        h.rate === undefined ? 'saturation' : `${h.rate}/s`,
        h.seconds,
        h.sent,
        h.requests,
        h.reqPerSec,
        `${h.p50Ms} ms`,
        `${h.p99Ms} ms`,
        h.roundP99Ms ? h.roundP99Ms.map((p99) => `${p99} ms`).join(', ') : '–',
        h.warmup ? `${h.warmup.seconds} s at ${h.warmup.rate}/s, p99 ${h.warmup.p99Ms} ms` : '–',
        h.errors,
        h.non2xx,
        h.timeouts,
        h.delivered,
        h.rateLimited ?? '–',
      ]),
    ),
    '',
    '## Start-up and memory',
    '',
    'Time from spawning the server process with MOTPART_KNOWLEDGE_DIR pointing at the corpus written as YAML until GET /healthz answers; RSS read from /proc right after. ' +
      'The server is started as it is deployed, with both platforms configured: Slack over HTTP (its bot token checked against a fake Slack Web API at start) and Teams with an app id. ' +
      '"First" is the first start after a knowledge change: no knowledge cache, so the YAML is read, validated and indexed (in worker threads), and the cache is written a second after ready. ' +
      '"Restart" starts with the cache the first start wrote (MOTPART_DATA_DIR/knowledge-cache.bin, keyed by a hash of the files and the code). ' +
      `Each kind is started ${r.startup[0]?.runs ?? '–'} times: the median, the range, and the highest RSS. ` +
      '"Reload pause" is the longest the event loop was held while the same files were loaded as a hot reload does after an edit (requests arriving then wait that long). ' +
      '"Knowledge loaded" is the server\'s own log line (median): loading the knowledge, from the files or the cache, while the chat adapters are imported beside it.',
    '',
    table(
      ['Corpus', 'Functions', 'Snippets', 'Start', 'Ready (median)', 'Range', 'Knowledge loaded', 'RSS at ready', 'RSS once cache written', 'Peak RSS', 'Reload pause'],
      r.startup.map((s) => [
        s.corpus,
        s.functions,
        s.snippets,
        s.start,
        ms(s.readyMs),
        `${ms(s.minReadyMs)}–${ms(s.maxReadyMs)}`,
        s.knowledgeMs === undefined ? '–' : ms(s.knowledgeMs),
        `${s.rssMB} MB`,
        s.rssAfterCacheMB === undefined ? '–' : `${s.rssAfterCacheMB} MB`,
        `${s.peakRssMB} MB`,
        s.reloadPauseMs === undefined ? '–' : ms(s.reloadPauseMs),
      ]),
    ),
    '',
    `Command: \`${r.startup[0]?.command ?? 'node dist/src/cli/main.js serve'}\`.`,
    '',
    ...startupPartsSection(r.startup),
    '## Run time',
    '',
    r.wallSeconds === undefined
      ? 'Not recorded.'
      : `This ${r.mode ?? 'default'} run took ${minutes(r.wallSeconds)} from start to the figures written, ${r.wallIncludesBuild ? 'the `tsc` build that `npm run bench` does first included' : 'not counting the `tsc` build that `npm run bench` does first'}. ` +
        'The default run asks plain fuse.js 10 questions at 1k, 20 at 10k and 2 at 50k (seconds a question), MiniSearch 200 at 1k and 10k and 100 at 50k, ' +
        'runs HTTP at 10k only, after a 3 s warm-up per server, for 6 s per rate and server in 3 alternating rounds, and starts the server twice per kind at 10k and 50k; `--full` asks fuse.js 60/30/10 and MiniSearch all questions up to 10k, ' +
        'runs HTTP at 10k and 50k, after a 5 s warm-up, for 10 s per rate and server in 5 rounds, and starts three times per kind at 1k, 10k and 50k.',
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm run bench              # default run, at most 10 minutes',
    'npm run bench -- --full    # the long run (about half an hour)',
    'npm run bench -- --quick   # small sizes, a smoke check',
    'npm run bench -- --only=search   # or http, startup',
    'npm run bench -- --only=search --sizes=10k,50k --motpart-only   # a subset, for profiling (writes bench/results/partial.json)',
    'npm run bench -- --only=http --platform=slack --sizes=10k --cpu-prof-dir=prof   # CPU profiles of Motpart and bare Bolt under load',
    'npm run bench -- --only=http --platform=slack --sizes=10k --store=memory   # what the SQLite store costs (not as deployed)',
    '```',
    '',
  ];
  return out.join('\n');
}
