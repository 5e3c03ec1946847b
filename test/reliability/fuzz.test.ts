/**
 * Issue 20, failure 2, as the reviewer tried it: arbitrary JSON, correctly signed, into Slack, and
 * arbitrary activities into Teams. Whatever arrives, the answer is below 500 (or a 5xx without a
 * body), nothing the request carried comes back, and the server keeps answering.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { startBothPlatformsOnFakes, type BothPlatformsOnFakes } from '../support/adapters.js';
import type { FakeConnector } from '../support/fakeConnector.js';
import { signedHeaders, type FakeSlack } from '../support/fakeSlack.js';

const SECRET = 'fiktiv-signing-secret-fuzz';
const MARKER = 'FUZZ-MARKOR-0042';
let stack: BothPlatformsOnFakes;
let store: Store;
let slack: FakeSlack;
let connector: FakeConnector;
let server: RunningServer;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  stack = await startBothPlatformsOnFakes({ secret: SECRET, logger, store: { memory: true } });
  ({ store, slack, connector, server } = stack);
});

afterAll(async () => {
  await stack?.close();
  await store?.close();
});

/** JSON with the field names both platforms route on, so that the fuzz gets past the first check. */
const slackish = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, fc.constant(null), fc.boolean(), fc.integer(), fc.constantFrom('', MARKER, 'block_actions', 'event_callback', 'app_mention', 'message', 'url_verification', '/motpart', 'im', 'C1', 'U1'), fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(
    fc.constantFrom('type', 'event', 'event_id', 'user', 'channel', 'text', 'actions', 'action_id', 'value', 'container', 'team', 'enterprise', 'view', 'command', 'user_id', 'channel_id', 'response_url', 'authorizations', 'item', 'subteam', 'message', 'name', 'id', 'challenge', 'blocks', 'selected_options', 'channel_type', 'ts'),
    tie('value'),
    { maxKeys: 8 },
  ),
}));

it('Slack: arbitrary signed JSON and form bodies never take the server down or come back', async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.oneof(slackish.value, fc.jsonValue()), fc.boolean(), async (value, asForm) => {
      const body = asForm ? new URLSearchParams({ payload: JSON.stringify(value) }).toString() : JSON.stringify(value);
      const contentType = asForm ? 'application/x-www-form-urlencoded' : 'application/json';
      const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(SECRET, body) }, body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) expect(text).toBe('');
      expect(text).not.toContain(MARKER);
    }),
    { numRuns: 600, seed: 42 },
  );
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
}, 120_000);

it('Teams: arbitrary activities never take the server down or come back', async () => {
  const base = () => ({ type: 'message', id: 'x', channelId: 'msteams', serviceUrl: connector.url, from: { id: '29:a' }, recipient: { id: '28:b' }, conversation: { id: 'c' } });
  const field = fc.constantFrom('type', 'name', 'text', 'value', 'from', 'recipient', 'conversation', 'entities', 'attachments', 'membersAdded', 'channelData', 'serviceUrl', 'replyToId', 'deliveryMode', 'timestamp', 'channelId');
  const type = fc.constantFrom('message', 'invoke', 'conversationUpdate', 'messageReaction', 'installationUpdate', 'event', 'typing', 'x');
  const invokeName = fc.constantFrom('composeExtension/query', 'adaptiveCard/action', 'composeExtension/selectItem', 'task/fetch', 'signin/verifyState', 'x');
  await fc.assert(
    fc.asyncProperty(type, invokeName, fc.dictionary(field, fc.oneof(slackish.value, fc.jsonValue()), { maxKeys: 4 }), async (t, name, overrides) => {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base(), type: t, name, text: MARKER, ...overrides }) });
      const text = await res.text();
      if (res.status >= 500) expect(text).toBe('');
      expect(text).not.toContain(MARKER);
    }),
    { numRuns: 600, seed: 42 },
  );
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 500));
  expect(logLines.join('')).not.toContain(MARKER);
}, 120_000);
