/**
 * Acknowledgement latency under load, Motpart beside the frameworks' own floor in the same run:
 * bare Bolt for Slack and bare botbuilder for Teams (bench/server.ts), each server in a child process
 * of its own behind the same loopback server (startServer), driven by the same load generator in
 * another child (bench/loadgen.ts) with signed Slack slash commands and Teams message activities, at
 * fixed rates and at saturation. Each server is warmed up first, alike; then each fixed rate is run
 * in rounds that alternate the bare framework and Motpart, so both meet the same machine. The fake Slack Web API and the fake Bot Connector from the e2e tests
 * receive the replies in a child process of their own (bench/fakePlatforms.ts), as the real platforms
 * are remote: the figures are the bot's, not the fake's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakesMessage, FakesRequest } from './fakePlatforms.js';
import type { LoadJob, LoadResult } from './loadgen.js';
import { percentile, round } from './measure.js';
import type { ServerKind, ServerMessage, ServerRequest } from './server.js';

export interface HttpFigures extends LoadResult {
  platform: 'slack' | 'teams';
  /** Motpart, or the bare framework of the platform (bare Bolt for Slack, bare botbuilder for Teams). */
  server: ServerKind;
  corpus: string;
  /** Requested req/s; undefined for the saturation run (no rate limit). */
  rate?: number;
  seconds: number;
  connections: number;
  /** Replies that reached the fake platform (response_url / Bot Connector) by shortly after the run. */
  delivered: number;
  /** Motpart only: questions of this run refused by the per-user rate limit (the deployed one). */
  rateLimited?: number;
  /**
   * Fixed rates: the p99 of each round. A rate is measured in rounds that alternate the bare
   * framework and Motpart, and p50/p99 are of all rounds' latencies pooled, so that a busy spell of
   * the shared machine falls on both rather than on whichever ran then.
   */
  roundP99Ms?: number[];
  /** The unmeasured warm-up run before this platform's first rate (on the first rate's figures only). */
  warmup?: { seconds: number; rate: number; p99Ms: number };
}

export interface HttpOptions {
  /** The shipped knowledge the Motpart server grows its corpus from (bench/corpus.ts, fixed seed). */
  knowledgeDir: string;
  functions: number;
  snippets: number;
  corpusName: string;
  /** Default true: the bare frameworks beside Motpart. */
  baselines?: boolean;
  /** Motpart's store; default `sqlite`, as deployed. */
  store?: 'sqlite' | 'memory';
  questions: readonly string[];
  rates: readonly number[];
  /** Seconds each server is measured per rate, split over the rounds. */
  seconds: number;
  /** Rounds per fixed rate, alternating the bare framework and Motpart (default 1). */
  rounds?: number;
  /**
   * Seconds of unmeasured load on each server, at the first rate, before a platform's measured runs
   * (default none). A server just started has code not yet compiled and caches not yet filled; a
   * deployment that has answered for a while has neither. Its questions are asked in reverse
   * order, so the first measured run does not meet the same questions again.
   */
  warmupSeconds?: number;
  /** Default both. */
  platforms?: ReadonlyArray<'slack' | 'teams'>;
  /** Default true: a run without a rate limit after the fixed rates. */
  saturation?: boolean;
  /** A directory: write a CPU profile of the server per run, load window only. */
  profileDir?: string;
  log: (line: string) => void;
}

const SIGNING_SECRET = 'bench-signing-secret';
const CONNECTIONS = 20;
/**
 * Distinct users the requests come from, in turn. A deployment's load is many people asking a few
 * questions each, and Motpart runs with the deployed per-user limit (60 a minute): 5,000 users at
 * 1,000 req/s is 12 questions a user and minute, so the limit refuses nothing, as it would refuse
 * nothing in a municipality at that load. Each run reports what the limit refused.
 */
const USERS = 5000;
const here = path.dirname(fileURLToPath(import.meta.url));
const loadgen = path.join(here, 'loadgen.js');
const fakePlatforms = path.join(here, 'fakePlatforms.js');
const serverEntry = path.join(here, 'server.js');

/** Children get no flags of ours: a --cpu-prof or --inspect on the bench is meant for the server. */
const CHILD = { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as const, execArgv: [] };

function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(loadgen, [], { ...CHILD, stdio: [...CHILD.stdio] });
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
    child.send(job);
  });
}

/** Slash commands signed as Slack signs them: v0 HMAC-SHA256 over `v0:<timestamp>:<body>`. */
function slackRequests(questions: readonly string[], responseUrl: string): LoadJob['requests'] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: USERS }, (_, i) => {
    const body = new URLSearchParams({
      token: 'bench',
      team_id: 'T0BENCH',
      team_domain: 'bench',
      channel_id: `C${i % 50}`,
      channel_name: 'bench',
      user_id: `U${i}`,
      user_name: `bench${i}`,
      command: '/motpart',
      text: questions[i % questions.length]!,
      api_app_id: 'A0BENCH',
      response_url: `${responseUrl}commands/T0BENCH/${i}/bench`,
      trigger_id: `${i}.bench`,
    }).toString();
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return {
      method: 'POST' as const,
      path: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      body,
    };
  });
}

function teamsRequests(questions: readonly string[], serviceUrl: string): LoadJob['requests'] {
  return Array.from({ length: USERS }, (_, i) => ({
    method: 'POST' as const,
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `bench-${i}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: { id: `29:bench-user-${i}`, name: `Bench ${i}`, aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` },
      conversation: { id: `a:bench-conversation-${i}`, conversationType: 'personal', tenantId: 'bench-tenant' },
      recipient: { id: '28:bench-bot', name: 'Motpart' },
      text: questions[i % questions.length]!,
      locale: 'sv-SE',
      channelData: { tenant: { id: 'bench-tenant' } },
    }),
  }));
}

const roundMs = (ms: number) => round(ms, 2);

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ServerChild {
  kind: ServerKind;
  url: string;
  settings: string;
  ask(m: ServerRequest, answer: ServerMessage['type']): Promise<ServerMessage>;
  close(): Promise<void>;
}

/** A server of one kind in a child process of its own (see bench/server.ts). */
function startServerChild(kind: ServerKind, start: Omit<Extract<ServerRequest, { type: 'start' }>, 'type' | 'kind'>): Promise<ServerChild> {
  const child: ChildProcess = fork(serverEntry, [], { ...CHILD, stdio: [...CHILD.stdio] });
  let waiting: { type: ServerMessage['type']; resolve: (m: ServerMessage) => void; reject: (err: Error) => void } | undefined;
  child.on('message', (raw) => {
    const m = raw as ServerMessage;
    const w = waiting;
    if (!w) return;
    waiting = undefined;
    if (m.type === 'failed') w.reject(new Error(`${kind} server: ${m.error}`));
    else if (m.type !== w.type) w.reject(new Error(`${kind} server answered ${m.type}, not ${w.type}`));
    else w.resolve(m);
  });
  child.once('exit', (code) => waiting?.reject(new Error(`${kind} server exited with ${code}`)));
  const ask = (m: ServerRequest, answer: ServerMessage['type']) =>
    new Promise<ServerMessage>((resolve, reject) => {
      waiting = { type: answer, resolve, reject };
      child.send(m);
    });
  return ask({ type: 'start', kind, ...start }, 'ready').then((ready) => ({
    kind,
    url: (ready as Extract<ServerMessage, { type: 'ready' }>).url,
    settings: (ready as Extract<ServerMessage, { type: 'ready' }>).settings,
    ask,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.send({ type: 'close' } satisfies ServerRequest);
      }),
  }));
}

interface Fakes {
  slackUrl: string;
  slackApiUrl: string;
  connectorUrl: string;
  counts(): Promise<{ slackResponses: number; slackCalls: number; connectorSent: number }>;
  close(): Promise<void>;
}

/** The fake platforms in their own process; counts come back over IPC. */
function startFakes(): Promise<Fakes> {
  return new Promise((resolve, reject) => {
    const child = fork(fakePlatforms, [], { ...CHILD, stdio: [...CHILD.stdio] });
    const pending = new Map<number, (m: Extract<FakesMessage, { type: 'counts' }>) => void>();
    let next = 1;
    const request = (m: FakesRequest) => child.send(m);
    child.on('message', (raw) => {
      const m = raw as FakesMessage;
      if (m.type === 'ready') {
        resolve({
          slackUrl: m.slackUrl,
          slackApiUrl: m.slackApiUrl,
          connectorUrl: m.connectorUrl,
          counts: () =>
            new Promise((done) => {
              const id = next++;
              pending.set(id, done);
              request({ type: 'counts', id });
            }),
          close: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              request({ type: 'close' });
            }),
        });
      } else {
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`fake platforms exited with ${code}`))));
  });
}

const BARE: Record<'slack' | 'teams', ServerKind> = { slack: 'bolt', teams: 'botbuilder' };

export const SERVER_NAMES: Record<ServerKind, string> = { motpart: 'Motpart', bolt: 'bare Bolt', botbuilder: 'bare botbuilder' };

export async function benchHttp(options: HttpOptions): Promise<HttpFigures[]> {
  const fakes = await startFakes();
  const platforms = options.platforms ?? (['slack', 'teams'] as const);
  const start = { knowledgeDir: options.knowledgeDir, functions: options.functions, snippets: options.snippets, signingSecret: SIGNING_SECRET, slackApiUrl: fakes.slackApiUrl, store: options.store ?? 'sqlite' };
  const kinds: ServerKind[] = ['motpart', ...(options.baselines === false ? [] : platforms.map((p) => BARE[p]))];
  const servers = new Map<ServerKind, ServerChild>();
  const figures: HttpFigures[] = [];
  try {
    for (const kind of kinds) {
      const child = await startServerChild(kind, start);
      servers.set(kind, child);
      options.log(`http: ${SERVER_NAMES[kind]} listening (${child.settings})`);
    }
    const delivered = async (platform: 'slack' | 'teams') => {
      const c = await fakes.counts();
      return platform === 'slack' ? c.slackResponses + c.slackCalls : c.connectorSent;
    };
    const rateLimited = async (child: ServerChild) => {
      const m = (await child.ask({ type: 'stats' }, 'stats')) as Extract<ServerMessage, { type: 'stats' }>;
      return m.rateLimited;
    };
    /** One run of the load on one server, until the tail of its replies has arrived. */
    const measure = async (platform: 'slack' | 'teams', kind: ServerKind, job: Omit<LoadJob, 'url' | 'connections'>, label: string) => {
      const child = servers.get(kind)!;
      const before = await delivered(platform);
      const limitedBefore = kind === 'motpart' ? await rateLimited(child) : 0;
      if (options.profileDir) await child.ask({ type: 'profile-start' }, 'profiled');
      const result = await runLoad({ url: child.url, connections: CONNECTIONS, ...job });
      if (options.profileDir) {
        const file = path.join(options.profileDir, `http-${platform}-${kind}-${options.corpusName}-${label}.cpuprofile`);
        await child.ask({ type: 'profile-stop', file }, 'profiled');
        options.log(`wrote ${file}`);
      }
      // Replies are sent after the acknowledgement; give the tail a moment to arrive: until every
      // answered request has its reply, or nothing more arrived for a second (at most ten).
      for (let waited = 0, last = -1; waited < 10_000; waited += 250) {
        const now = (await delivered(platform)) - before;
        if (now >= result.requests || (now === last && waited >= 2000)) break;
        if (waited % 1000 === 0) last = now;
        await settle(250);
      }
      return { ...result, delivered: (await delivered(platform)) - before, rateLimited: kind === 'motpart' ? (await rateLimited(child)) - limitedBefore : undefined };
    };
    const report = (f: HttpFigures) => {
      options.log(
        `http ${options.corpusName} ${f.platform.padEnd(5)} ${SERVER_NAMES[f.server].padEnd(15)} ${(f.rate ? `${f.rate}/s` : 'saturation').padEnd(10)} ${String(f.reqPerSec).padStart(5)} req/s  ` +
          `p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms${f.roundP99Ms && f.roundP99Ms.length > 1 ? ` (rounds ${f.roundP99Ms.join(', ')} ms)` : ''}  errors ${f.errors}  non-2xx ${f.non2xx}  timeouts ${f.timeouts}  delivered ${f.delivered}/${f.sent} sent` +
          `${f.rateLimited === undefined ? '' : `  rate-limited ${f.rateLimited}`}`,
      );
      figures.push(f);
    };
    const rounds = Math.max(1, options.rounds ?? 1);
    for (const platform of platforms) {
      const requests = platform === 'slack' ? slackRequests(options.questions, fakes.slackUrl) : teamsRequests(options.questions, fakes.connectorUrl);
      const order = [BARE[platform], 'motpart' as const].filter((kind) => servers.has(kind));
      const warmups = new Map<ServerKind, HttpFigures['warmup']>();
      const firstRate = options.rates[0];
      if (options.warmupSeconds && firstRate) {
        for (const kind of order) {
          const w = await measure(platform, kind, { seconds: options.warmupSeconds, overallRate: firstRate, requests: [...requests].reverse() }, 'warmup');
          warmups.set(kind, { seconds: options.warmupSeconds, rate: firstRate, p99Ms: w.p99Ms });
          options.log(`http ${options.corpusName} ${platform.padEnd(5)} ${SERVER_NAMES[kind].padEnd(15)} warm-up ${options.warmupSeconds} s at ${firstRate}/s: p99 ${w.p99Ms} ms (not counted)`);
        }
      }
      for (const rate of options.rates) {
        const runs = new Map<ServerKind, Array<Awaited<ReturnType<typeof measure>>>>(order.map((kind) => [kind, []]));
        for (let round = 1; round <= rounds; round++) {
          for (const kind of order) runs.get(kind)!.push(await measure(platform, kind, { seconds: options.seconds / rounds, overallRate: rate, requests }, `${rate}-round${round}`));
        }
        for (const kind of order) {
          const done = runs.get(kind)!;
          const latencies = done.flatMap((r) => r.latenciesMs ?? []);
          const sum = (field: 'requests' | 'sent' | 'errors' | 'timeouts' | 'non2xx' | 'delivered') => done.reduce((a, r) => a + r[field], 0);
          const limited = done.reduce((a, r) => a + (r.rateLimited ?? 0), 0);
          const warmup = rate === firstRate ? warmups.get(kind) : undefined;
          report({
            platform,
            server: kind,
            corpus: options.corpusName,
            rate,
            seconds: options.seconds,
            connections: CONNECTIONS,
            requests: sum('requests'),
            sent: sum('sent'),
            reqPerSec: Math.round(sum('requests') / options.seconds),
            p50Ms: roundMs(percentile(latencies, 50)),
            p99Ms: roundMs(percentile(latencies, 99)),
            errors: sum('errors'),
            timeouts: sum('timeouts'),
            non2xx: sum('non2xx'),
            delivered: sum('delivered'),
            ...(kind === 'motpart' ? { rateLimited: limited } : {}),
            roundP99Ms: done.map((r) => r.p99Ms),
            ...(warmup ? { warmup } : {}),
          });
        }
      }
      if (options.saturation === false) continue;
      for (const kind of order) {
        const { rateLimited: limited, ...result } = await measure(platform, kind, { seconds: options.seconds, requests }, 'saturation');
        report({ platform, server: kind, corpus: options.corpusName, seconds: options.seconds, connections: CONNECTIONS, ...result, ...(limited === undefined ? {} : { rateLimited: limited }) });
      }
    }
  } finally {
    for (const child of servers.values()) await child.close();
    await fakes.close();
  }
  return figures;
}
