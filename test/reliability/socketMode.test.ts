/**
 * Issue 20, failures 2 and 8 in Socket Mode: the real Bolt app with its Socket Mode receiver,
 * connected over a real WebSocket to a fake Slack on loopback that speaks the Socket Mode protocol
 * (apps.connections.open, hello, envelopes, acknowledgements). Malformed envelopes must neither
 * crash the process nor reach Bolt; a retried event is answered once.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/index.js';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import { repliesIdle } from '../../src/adapters/acknowledgements.js';
import { createStore } from '../../src/store/index.js';
import { startFakeSlackAdapter } from '../support/adapters.js';
import { eventCallback, FAKE_BOT, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';

const NOW = new Date('2026-11-24T09:30:00.000Z');
/** Planted in hostile envelopes: it must never show up in a log line. */
const MARKER = 'HEMLIG-MARKOR-4712';

type Json = Record<string, any>;

let store: Store;
let fake: FakeSlack;
let slack: SlackAdapter;
const logLines: string[] = [];
/** Rejections nobody handled: without the gate, a `null` payload ends up here (and, in a server without a guard, ends the process). */
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

let envelopes = 0;
const envelope = (type: string, payload: unknown, extra: Json = {}): Json => ({ envelope_id: `env-${++envelopes}`, type, payload, accepts_response_payload: false, ...extra });

const mention = (text: string, fields: Json = {}) =>
  eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> ${text}`, ts: '1764000500.000100', channel: 'CSAM', event_ts: '1764000500.000100', ...fields });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  store = await createStore({ memory: true, logger });
  fake = await startFakeSlack();
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, logger });
  slack = await startFakeSlackAdapter({ apiUrl: fake.apiUrl, appToken: 'xapp-fiktiv', motpart, logger, store });
  await fake.socketMode.waitForConnection();
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  await store?.close();
  process.off('unhandledRejection', onUnhandled);
});

beforeEach(() => {
  fake.clear();
  unhandled.length = 0;
});

afterEach(() => {
  expect(unhandled).toEqual([]);
});

describe('Socket Mode', () => {
  it('connects through SLACK_API_URL with the app token, and answers a mention, acknowledged', async () => {
    // No HTTP route: everything comes over the WebSocket.
    expect(slack.route).toBeUndefined();
    const sent = envelope('events_api', mention('hjälp'));
    fake.socketMode.send(sent);
    await fake.socketMode.waitForAck(sent.envelope_id);
    const [post] = await fake.waitForCall('chat.postMessage');
    expect(post!.args.channel).toBe('CSAM');
  });

  it('acknowledges and drops malformed envelopes: no crash, nothing reaches Bolt, the connection keeps serving', async () => {
    const refused: Json[] = [
      envelope('events_api', null),
      envelope('events_api', []),
      envelope('events_api', 42),
      envelope('events_api', { ...mention(MARKER), event: null }),
      envelope('events_api', { ...mention(MARKER), event: [] }),
      envelope('events_api', mention(MARKER, { channel: null })),
      envelope('events_api', { type: 'block_actions', user: { id: 'UANNA' }, actions: [{ action_id: 'motpart.action.0' }], container: {} }),
      // An event type that names one of the client's own events would be emitted as that event.
      ...['slack_event', 'ws_message', 'error', 'close'].map((type) => envelope('events_api', eventCallback({ type, user: 'UANNA', text: MARKER, channel: 'CSAM' }))),
      envelope('slash_commands', null),
      envelope('slash_commands', { command: '/motpart', text: MARKER, user_id: '', channel_id: 'CSAM' }),
      envelope('interactive', null),
      envelope('interactive', { type: 'block_actions', user: { id: 'UANNA' }, actions: [], container: { type: 'message' } }),
      envelope('interactive', { type: 'view_submission', user: { id: 'UANNA' } }),
      envelope('no_such_type', mention(MARKER)),
    ];
    for (const sent of refused) fake.socketMode.send(sent);
    for (const sent of refused) await fake.socketMode.waitForAck(sent.envelope_id);
    // Messages that are not envelopes at all: ignored, nothing to acknowledge.
    for (const raw of ['null', '[]', '"text"', '{not json', JSON.stringify({ type: null, payload: MARKER }), JSON.stringify({ type: 'events_api', payload: mention(MARKER) })]) fake.socketMode.send(raw);

    const after = envelope('events_api', mention('hjälp'));
    fake.socketMode.send(after);
    await fake.socketMode.waitForAck(after.envelope_id);
    await fake.waitForCall('chat.postMessage');
    await repliesIdle();
    // Only the valid mention was answered.
    expect(fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(1);
    expect(fake.socketMode.connections()).toBe(1);
    const lines = logLines.join('');
    expect(lines).toContain('Socket Mode envelope refused');
    expect(lines).not.toContain(MARKER);
  });

  it('answers an event delivered twice (Slack retries it with retry_attempt) once, acknowledging both', async () => {
    const payload = { ...mention('hjälp'), event_id: 'EvSOCKET0001' };
    const first = envelope('events_api', payload);
    const retry = envelope('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    fake.socketMode.send(first);
    fake.socketMode.send(retry);
    await fake.socketMode.waitForAck(first.envelope_id);
    await fake.socketMode.waitForAck(retry.envelope_id);
    await fake.waitForCall('chat.postMessage');
    await repliesIdle();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(logLines.join('')).toContain('retried event already taken');
  });

  it('answers a slash command, which passes the same checks as over HTTP', async () => {
    const command = envelope('slash_commands', { command: '/motpart', text: 'hjälp', user_id: 'UANNA', channel_id: 'CSAM', team_id: FAKE_BOT.teamId, response_url: fake.responseUrl() });
    fake.socketMode.send(command);
    await fake.socketMode.waitForAck(command.envelope_id);
    await fake.waitForResponse();
  });
});
