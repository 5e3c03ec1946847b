/**
 * Acknowledgement latency under load: the real server (startServer with the Slack and Teams routes,
 * in-memory store) on loopback, driven by autocannon in a child process with signed Slack slash
 * commands and Teams message activities, at fixed rates and at saturation. The fake Slack Web API
 * and the fake Bot Connector from the e2e tests receive the replies in a child process of their own
 * (bench/fakePlatforms.ts), as the real platforms are remote: the figures are the bot's, not the fake's.
 */
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackAdapter } from '../src/adapters/slack/index.js';
import { createTeamsAdapter } from '../src/adapters/teams/index.js';
import { createMotpart } from '../src/core/motpart.js';
import { buildKnowledge } from '../src/knowledge/knowledge.js';
import type { KnowledgeData } from '../src/knowledge/schema.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { createStore } from '../src/store/index.js';
import type { FakesMessage, FakesRequest } from './fakePlatforms.js';
import type { LoadJob, LoadResult } from './loadgen.js';

export interface HttpFigures extends LoadResult {
  platform: 'slack' | 'teams';
  corpus: string;
  /** Requested req/s; undefined for the saturation run (no rate limit). */
  rate?: number;
  seconds: number;
  connections: number;
  /** Replies that reached the fake platform (response_url / Bot Connector) by shortly after the run. */
  delivered: number;
}

export interface HttpOptions {
  data: KnowledgeData;
  corpusName: string;
  questions: readonly string[];
  rates: readonly number[];
  seconds: number;
  /** Default both. */
  platforms?: ReadonlyArray<'slack' | 'teams'>;
  /** Default true: a run without a rate limit after the fixed rates. */
  saturation?: boolean;
  /** A directory: write a CPU profile of this process (the server) per run, load window only. */
  profileDir?: string;
  log: (line: string) => void;
}

const SIGNING_SECRET = 'bench-signing-secret';
const CONNECTIONS = 20;
/** Distinct users, so a per-user rate limit does not turn the load into refusals. */
const USERS = 500;
const here = path.dirname(fileURLToPath(import.meta.url));
const loadgen = path.join(here, 'loadgen.js');
const fakePlatforms = path.join(here, 'fakePlatforms.js');

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

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
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

export async function benchHttp(options: HttpOptions): Promise<HttpFigures[]> {
  const logger = createLogger('silent');
  const knowledge = buildKnowledge(options.data);
  const store = await createStore({ memory: true, logger });
  const motpart = createMotpart({ knowledge: () => knowledge, store, logger });
  const fakes = await startFakes();
  const slack = await createSlackAdapter({
    slack: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET, appToken: undefined, apiUrl: fakes.slackApiUrl },
    motpart,
    logger,
    directory: () => knowledge,
    store,
  });
  await slack.start();
  if (!slack.route) throw new Error('the Slack adapter gave no HTTP route although no app token is set');
  const teams = createTeamsAdapter({ teams: { auth: 'off' }, motpart, logger, directory: () => knowledge });
  const server = await startServer({ port: 0, host: '127.0.0.1', routes: { '/slack/events': slack.route, '/api/messages': teams.route }, health: () => ({}), logger });

  const figures: HttpFigures[] = [];
  try {
    const delivered = async (platform: 'slack' | 'teams') => {
      const c = await fakes.counts();
      return platform === 'slack' ? c.slackResponses + c.slackCalls : c.connectorSent;
    };
    for (const platform of options.platforms ?? (['slack', 'teams'] as const)) {
      for (const rate of [...options.rates, ...(options.saturation === false ? [] : [undefined])]) {
        const requests = platform === 'slack' ? slackRequests(options.questions, fakes.slackUrl) : teamsRequests(options.questions, fakes.connectorUrl);
        const before = await delivered(platform);
        const profiler = options.profileDir ? await startProfile() : undefined;
        const result = await runLoad({ url: server.url, connections: CONNECTIONS, seconds: options.seconds, requests, ...(rate ? { overallRate: rate } : {}) });
        if (profiler) {
          const file = path.join(options.profileDir!, `http-${platform}-${rate ?? 'saturation'}.cpuprofile`);
          await profiler.stop(file);
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
        const f: HttpFigures = { platform, corpus: options.corpusName, ...(rate ? { rate } : {}), seconds: options.seconds, connections: CONNECTIONS, ...result, delivered: (await delivered(platform)) - before };
        options.log(
          `http ${platform.padEnd(5)} ${(rate ? `${rate}/s` : 'saturation').padEnd(10)} ${String(f.reqPerSec).padStart(5)} req/s  ` +
            `p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  errors ${f.errors}  non-2xx ${f.non2xx}  timeouts ${f.timeouts}  delivered ${f.delivered}/${f.sent} sent`,
        );
        figures.push(f);
      }
    }
  } finally {
    await server.close();
    await slack.stop();
    await fakes.close();
    await store.close();
  }
  return figures;
}
