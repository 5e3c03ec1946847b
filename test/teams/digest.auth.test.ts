/**
 * The weekly digest to Teams with authentication on (an app id): the post goes only to the service
 * URL configured for it and carries the bot's own token, which the bot got from a token endpoint
 * the test controls. botbuilder's own credentials take tokens from Microsoft's login only (MSAL
 * checks any other authority with Microsoft's instance discovery, over https), so the test gives
 * the adapter credentials that ask the local endpoint, in the OAuth client-credentials form.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../src/adapters/teams/index.js';
import { requireCommonJs } from '../../src/adapters/commonJs.js';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import { createStore } from '../../src/store/index.js';
import { mondayDigest } from '../support/digest.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';

const { MicrosoftAppCredentials, PasswordServiceClientCredentialFactory } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');

const APP_ID = '0b9e6f3c-2f0d-4a43-9c1e-5d3f6a7b8c9d';
const SECRET = 'not-a-real-secret';
const CONVERSATION = '19:redaktion@thread.tacv2';

let store: Store;
let connector: FakeConnector;
let tokens: http.Server;
let tokenUrl: string;
const tokenRequests: URLSearchParams[] = [];

/** The bot's credentials as botbuilder builds them, with the token asked of the test's endpoint. */
class LocalCredentials extends MicrosoftAppCredentials {
  override async getToken(): Promise<string> {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: SECRET, scope: `${this.oAuthScope}/.default` }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }
}

class LocalCredentialsFactory extends PasswordServiceClientCredentialFactory {
  override async createCredentials(appId: string, audience: string | undefined) {
    return new LocalCredentials(appId, SECRET, undefined, audience);
  }
}

beforeAll(async () => {
  store = await createStore({ memory: true });
  connector = await startFakeConnector();
  tokens = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      tokenRequests.push(new URLSearchParams(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'fiktiv-bot-token' }));
    });
  });
  await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/botframework.com/oauth2/v2.0/token`;
});

afterAll(async () => {
  await connector?.close();
  await new Promise<void>((resolve) => tokens?.close(() => resolve()));
  await store?.close();
});

describe('the weekly digest to Teams with authentication on', () => {
  it('is posted to the configured conversation with the bot token from the token endpoint', async () => {
    const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-30' });
    const logger = createLogger('silent');
    const clock = () => new Date('2026-11-30T07:05:00Z'); // Monday 08:05 in Stockholm
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: clock, logger });
    const teams = createTeamsAdapter({
      teams: { auth: 'bot-framework', appId: APP_ID, appPassword: SECRET, tenantId: undefined, appType: 'MultiTenant' },
      motpart,
      logger,
      store,
      credentialsFactory: new LocalCredentialsFactory(APP_ID, SECRET),
    });
    const digest = mondayDigest({
      store,
      knowledge: () => knowledge,
      logger,
      now: clock,
      editors: [{ platform: 'teams', address: CONVERSATION }],
      posters: { teams: (conversationId, reply) => teams.post({ serviceUrl: connector.url, conversationId }, reply) },
    });
    try {
      const [posted] = await connector.waitFor((a) => a.method === 'POST' && a.conversationId === CONVERSATION);
      expect(posted!.authorization).toBe('Bearer fiktiv-bot-token');
      expect(JSON.stringify(posted!.body)).toContain('Veckans påminnelser om katalogen och vägledningen');
      expect(tokenRequests[0]?.get('client_id')).toBe(APP_ID);
      expect(tokenRequests[0]?.get('scope')).toBe('https://api.botframework.com/.default');
    } finally {
      digest.stop();
    }
  });
});
