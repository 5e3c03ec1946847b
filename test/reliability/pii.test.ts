/**
 * Issue 20, failure 4: personal numbers in every spelling, through every way in. fast-check
 * generates valid personnummer and samordningsnummer (check digit included), spells each the ways
 * people and clients do (en and em dash, minus, non-breaking and zero-width spaces, full-width
 * and mathematical digits, `/` and `_`, `pnr`/`personnr` prefixes, with and without century, spaced date groups)
 * and sends it through the real Bolt and CloudAdapter stack: typed text, slash commands, Slack
 * button values (ask and "Visa för kanalen"), Teams card data and card keys, message-extension
 * queries and display names. Then every stored byte, every log line and everything sent back is
 * searched: 0 stored, 0 logged, 0 echoed.
 *
 * The search does not use the guard under test: it reads runs of digits and separators in NFKC
 * text and looks for the number's ten digits.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION_DATA_KEY, CHECKLIST_DATA_KEY } from '../../src/adapters/teams/adaptiveCard.js';
import type { Store } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { luhnCheckDigit } from '../support/luhn.js';
import { startBothPlatformsOnFakes, type BothPlatformsOnFakes } from '../support/adapters.js';
import { annaPersonalMessage, type FakeConnector } from '../support/fakeConnector.js';
import { eventCallback, FAKE_BOT, sendEvent, sendInteraction, sendSlashCommand, type FakeSlack } from '../support/fakeSlack.js';

const SECRET = 'fiktiv-signing-secret-pii';
const NOW = new Date('2026-11-24T09:30:00.000Z');

let stack: BothPlatformsOnFakes;
let dataDir: string;
let store: Store;
let slack: FakeSlack;
let connector: FakeConnector;
let server: RunningServer;
let eventsUrl: string;
let messagesUrl: string;
const logLines: string[] = [];
/** Every HTTP response body the bot gave (invoke answers carry content). */
const responses: string[] = [];

// ---- Generating numbers and spellings ----

interface PersonalNumber {
  century: string;
  /** YYMMDD, the day plus 60 for a samordningsnummer. */
  date: string;
  last4: string;
}

const personalNumber = fc
  .record({ year: fc.integer({ min: 1920, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), serial: fc.integer({ min: 0, max: 999 }), coordination: fc.boolean() })
  .map(({ year, month, day, serial, coordination }): PersonalNumber => {
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${two(year % 100)}${two(month)}${two(day + (coordination ? 60 : 0))}`;
    const nine = `${date}${String(serial).padStart(3, '0')}`;
    return { century: String(year).slice(0, 2), date, last4: `${nine.slice(6)}${luhnCheckDigit(nine)}` };
  });

const core10 = (n: PersonalNumber) => `${n.date}${n.last4}`;

const SEPARATORS = ['', '-', '+', ' ', '\u2013', '\u2014', '\u2212', '\u2011', '\u00A0', '\u202F', '\u200B', '/', '_', ' - ', ' \u2013 '];
const PREFIXES = ['', 'pnr', 'pnr-', 'pnr ', 'Pnr:', 'personnr ', 'personnr: ', 'personnummer ', 'p-nr '];

const spelling = fc.record({
  separator: fc.constantFrom(...SEPARATORS),
  prefix: fc.constantFrom(...PREFIXES),
  century: fc.boolean(),
  spacedDate: fc.boolean(),
  digits: fc.constantFrom('ascii', 'full-width', 'mathematical'),
  zeroWidthAt: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
});

type Spelling = typeof spelling extends fc.Arbitrary<infer T> ? T : never;

function spell(n: PersonalNumber, s: Spelling): string {
  const date = s.spacedDate ? `${n.date.slice(0, 2)} ${n.date.slice(2, 4)} ${n.date.slice(4)}` : n.date;
  let digits = `${s.century ? n.century : ''}${date}${s.separator}${n.last4}`;
  if (s.zeroWidthAt !== undefined) digits = `${digits.slice(0, s.zeroWidthAt)}\u200B${digits.slice(s.zeroWidthAt)}`;
  if (s.digits === 'full-width') digits = digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  if (s.digits === 'mathematical') digits = digits.replace(/\d/g, (d) => String.fromCodePoint(0x1d7ce + Number(d)));
  return `${s.prefix}${digits}`;
}

// ---- The ways in ----

type Path = (text: string, n: number) => Promise<void>;

const ANNA = { id: 'UANNA', username: 'anna.fiktiv', name: 'anna.fiktiv', team_id: FAKE_BOT.teamId };

function blockAction(value: string, user: Record<string, unknown> = ANNA) {
  return {
    type: 'block_actions',
    user,
    api_app_id: 'AMOTPART',
    token: 'deprecated',
    trigger_id: '1.2.3',
    team: { id: FAKE_BOT.teamId, domain: 'fiktiv' },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: 'message', message_ts: '1764000000.000009', channel_id: 'CSAM', is_ephemeral: true },
    channel: { id: 'CSAM', name: 'samverkan' },
    response_url: slack.responseUrl(),
    actions: [{ type: 'button', action_id: 'motpart.action.0', block_id: 'b', text: { type: 'plain_text', text: 'x' }, value, action_ts: '1764000000.1' }],
    state: { values: {} },
  };
}

function teamsActivity(fields: Record<string, unknown>, n: number) {
  return annaPersonalMessage(`pii-${n}`, connector.url, fields);
}

async function postTeams(activity: Record<string, unknown>): Promise<void> {
  const res = await fetch(messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  responses.push(await res.text());
  expect(res.status).toBeLessThan(500);
}

async function slackSent(res: Promise<{ status: number; text: string }>): Promise<void> {
  const { status, text } = await res;
  responses.push(text);
  expect(status).toBe(200);
}

const PATHS: Record<string, Path> = {
  'Slack /sekretess text': (text) => slackSent(sendSlashCommand(eventsUrl, SECRET, { command: '/sekretess', text: `får jag lämna ut ${text} till polisen`, user_id: 'UANNA', user_name: 'anna', channel_id: 'CSAM', response_url: slack.responseUrl() })),
  'Slack /motpart text': (text) => slackSent(sendSlashCommand(eventsUrl, SECRET, { command: '/motpart', text: `${text} rosengård`, user_id: 'UANNA', user_name: 'anna', channel_id: 'CSAM', response_url: slack.responseUrl() })),
  'Slack user name on /checklista': (text) => slackSent(sendSlashCommand(eventsUrl, SECRET, { command: '/checklista', text: 'sig', user_id: 'UBO', user_name: `bo ${text}`, channel_id: 'CSAM', response_url: slack.responseUrl() })),
  'Slack mention': (text, n) => slackSent(sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> gäller ${text}`, ts: `1764001000.${n}`, channel: 'CSAM', event_ts: `1764001000.${n}` }))),
  'Slack direct message': (text, n) => slackSent(sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel_type: 'im', user: 'UANNA', text: `vad gäller för ${text}`, ts: `1764002000.${n}`, channel: 'DANNA', event_ts: `1764002000.${n}` }))),
  'Slack button value (ask)': (text) => slackSent(sendInteraction(eventsUrl, SECRET, blockAction(JSON.stringify({ type: 'ask', text: `lss för ${text}` })))),
  'Slack "Visa för kanalen" value (share)': (text) => slackSent(sendInteraction(eventsUrl, SECRET, blockAction(JSON.stringify({ type: 'share', text: `/sekretess ${text}` })))),
  'Slack button presser name': (text) => slackSent(sendInteraction(eventsUrl, SECRET, blockAction(JSON.stringify({ type: 'checklist.start', checklistId: 'sig' }), { ...ANNA, id: 'UCID', name: `cid ${text}`, username: `cid ${text}` }))),
  'Teams message text': (text, n) => postTeams(teamsActivity({ text: `vem ska jag ringa om ${text}` }, n)),
  'Teams display name': (text, n) => postTeams(teamsActivity({ text: 'checklista sig', from: { id: '29:dan', name: `Dan ${text}`, aadObjectId: 'aad-dan' } }, n)),
  'Teams card data': (text, n) => postTeams(teamsActivity({ value: { [ACTION_DATA_KEY]: { type: 'ask', text: `gäller ${text}` } }, replyToId: 'card-1' }, n)),
  'Teams card keys': (text, n) => postTeams(teamsActivity({ value: { [CHECKLIST_DATA_KEY]: { runId: 'run-x', rendered: { [text]: true } }, [text]: 'true' }, replyToId: 'card-2' }, n)),
  'Teams message-extension query': (text, n) =>
    postTeams(teamsActivity({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search', parameters: [{ name: 'query', value: `lämna ut ${text}` }], queryOptions: { skip: 0, count: 25 } } }, n)),
};

// ---- Where a number could end up ----

/** Runs of digits with what people put between them, NFKC-folded, as digit strings: where a number would show in any spelling. */
function digitRuns(text: string): string[] {
  const folded = text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
  return (folded.match(/\d[\d\s\p{Pd}\u2212\/_+.:]*\d/gu) ?? []).map((run) => run.replace(/\D/g, ''));
}

async function storedBytes(): Promise<string> {
  const names = await readdir(dataDir, { recursive: true });
  const contents = await Promise.all(names.map((n) => readFile(path.join(dataDir, n)).then((b) => b.toString('utf8'), () => '')));
  return contents.join('\n');
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-rel-pii-'));
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  stack = await startBothPlatformsOnFakes({ secret: SECRET, logger, store: { dataDir }, motpart: { now: () => NOW, timezone: 'Europe/Stockholm' } });
  ({ store, slack, connector, server, eventsUrl, messagesUrl } = stack);
});

afterAll(async () => {
  await stack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('stores, logs and echoes no personal number, in any spelling, through any way in', async () => {
  const planted: Array<{ number: string; spelled: string; path: string }> = [];
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(personalNumber, spelling, fc.constantFrom(...Object.keys(PATHS)), async (n, s, pathName) => {
      const spelled = spell(n, s);
      planted.push({ number: core10(n), spelled, path: pathName });
      await PATHS[pathName]!(spelled, runs++);
    }),
    { numRuns: 260, seed: 20_2026 },
  );
  // Every path got numbers; answers and store writes are done before the store is closed and read.
  expect(new Set(planted.map((p) => p.path)).size).toBe(Object.keys(PATHS).length);
  await new Promise((r) => setTimeout(r, 1_500));
  await store.close();

  const places: Record<string, string[]> = {
    stored: digitRuns(await storedBytes()),
    logged: digitRuns(logLines.join('\n')),
    echoed: digitRuns(
      [...slack.calls.map((c) => JSON.stringify(c.args)), ...slack.responses.map((r) => JSON.stringify(r.body)), ...connector.sent.map((a) => JSON.stringify(a.body)), ...responses].join('\n'),
    ),
  };
  // Something was written everywhere, or the search would prove nothing.
  expect(slack.calls.length + slack.responses.length + connector.sent.length).toBeGreaterThan(100);
  expect(logLines.length).toBeGreaterThan(100);
  const found: Record<string, string[]> = { stored: [], logged: [], echoed: [] };
  for (const { number, spelled, path: way } of planted) {
    for (const [where, runsThere] of Object.entries(places)) {
      if (runsThere.some((digits) => digits.includes(number))) found[where]!.push(`${JSON.stringify(spelled)} via ${way}`);
    }
  }
  expect(found).toEqual({ stored: [], logged: [], echoed: [] });
}, 120_000);
