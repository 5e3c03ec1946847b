/**
 * How the adapter is set up from the environment: HTTP receiver or Socket Mode, a missing signing
 * secret, a refused bot token; and how Slack's message markup becomes the words the core reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackConfigError } from '../../src/adapters/slack/index.js';
import { plainText } from '../../src/adapters/slack/listeners.js';
import { loadConfig } from '../../src/config.js';
import type { Motpart } from '../../src/core/motpart.js';
import { createLogger } from '../../src/logger.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';

const logger = createLogger('silent');
const unused: Motpart = {
  handle: async () => { throw new Error('the core is not called while setting up'); },
  choices: () => { throw new Error('the core is not called while setting up'); },
};
const deps = { motpart: unused, logger, store: { rateLimit: { allow: async () => true } } };

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});

describe('configuration', () => {
  it('uses Socket Mode when SLACK_APP_TOKEN is set: no HTTP route', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_APP_TOKEN: 'xapp-1-fiktiv', SLACK_SIGNING_SECRET: 'hemlig' });
    const adapter = await createSlackAdapter({ slack: config.slack!, ...deps });
    expect(adapter.route).toBeUndefined();
  });

  it('serves POST /slack/events when only the signing secret is set', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_SIGNING_SECRET: 'hemlig', SLACK_API_URL: fake.apiUrl });
    const adapter = await createSlackAdapter({ slack: config.slack!, ...deps });
    expect(adapter.path).toBe('/slack/events');
    expect(typeof adapter.route).toBe('function');
    expect(adapter.health()).toBe(false);
    await adapter.start();
    expect(fake.calls.map((c) => c.method)).toContain('auth.test');
    expect(adapter.health()).toBe(true);
    await adapter.stop();
    expect(adapter.health()).toBe(false);
  });

  it('refuses HTTP mode without a signing secret, saying which variable to set', async () => {
    const promise = createSlackAdapter({ slack: { botToken: 'xoxb-fiktiv', signingSecret: undefined, appToken: undefined, apiUrl: undefined }, ...deps });
    await expect(promise).rejects.toBeInstanceOf(SlackConfigError);
    await expect(promise).rejects.toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('reports a bot token Slack does not accept when starting, instead of crashing later', async () => {
    fake.failNext('auth.test', 'invalid_auth');
    const adapter = await createSlackAdapter({ slack: { botToken: 'xoxb-fel', signingSecret: 'hemlig', appToken: undefined, apiUrl: fake.apiUrl }, ...deps });
    const started = adapter.start();
    await expect(started).rejects.toBeInstanceOf(SlackConfigError);
    await expect(started).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(adapter.health()).toBe(false);
  });
});

describe('Slack markup in what users write', () => {
  it.each([
    ['<@UBOTMOTPART> vem är min motpart i Rosengård', 'vem är min motpart i Rosengård'],
    ['<@UBOTMOTPART|motpart>   socialjouren   malmo ', 'socialjouren malmo'],
    ['fråga <@UANNA> om <#C123|samverkan> och <!here>', 'fråga om #samverkan och'],
    ['se <https://lagen.nu/2009:400|OSL> &amp; <https://example.org>', 'se OSL & https://example.org'],
    ['får soc lämna ut &lt;uppgift&gt;?', 'får soc lämna ut <uppgift>?'],
    ['<@UBOTMOTPART>', ''],
  ])('%j is read as %j', (raw, expected) => {
    expect(plainText(raw)).toBe(expected);
  });
});
