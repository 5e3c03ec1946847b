/**
 * The editors' weekly digest with two instances on one real Redis (issue 22): each instance has its
 * own store connection, Slack adapter (against a fake Slack Web API) and Teams adapter (posting to a
 * fake Bot Connector), and looks at the same moments; the digest is posted once per week per
 * destination, also after an instance restarts, and again the next week.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import type { DigestScheduler } from '../../src/digest.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import { createStore } from '../../src/store/index.js';
import { localTeamsAdapter, startFakeSlackAdapter } from '../support/adapters.js';
import { mondayDigest } from '../support/digest.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { startRedis, type TestRedis } from '../support/redis.js';

const CHANNEL = 'CREDAKTION';
const TEAMS_CONVERSATION = '19:redaktion@thread.tacv2';
const logger = createLogger('silent');

let redis: TestRedis;
let knowledge: Knowledge;
let fakeSlack: FakeSlack;
let connector: FakeConnector;
let clock = new Date('2026-11-30T06:00:00Z');

interface Instance {
  store: Store;
  digest: DigestScheduler;
  close(): Promise<void>;
}

/** One bot instance as app.ts wires it: its own Redis connection, adapters and digest scheduler. */
async function instance(): Promise<Instance> {
  const store = await createStore({ redisUrl: redis.url, logger });
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, logger });
  const slack = await startFakeSlackAdapter({ apiUrl: fakeSlack.apiUrl, signingSecret: 'hemlighet', motpart, logger, store });
  const teams = localTeamsAdapter({ motpart, logger, store });
  // The test decides when each instance looks.
  const digest = mondayDigest({
    store,
    knowledge: () => knowledge,
    logger,
    now: () => clock,
    editors: [
      { platform: 'slack', address: CHANNEL },
      { platform: 'teams', address: TEAMS_CONVERSATION },
    ],
    posters: {
      slack: (channel, reply) => slack.post(channel, reply),
      teams: (conversationId, reply) => teams.post({ serviceUrl: connector.url, conversationId }, reply),
    },
  });
  return { store, digest, close: async () => (digest.stop(), await store.close()) };
}

/** Posts Slack accepted (a refused one answers `ok: false`). */
const slackPosts = () => fakeSlack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && c.result.ok);
const teamsPosts = (conversationId = TEAMS_CONVERSATION) => connector.sent.filter((a) => a.method === 'POST' && a.conversationId === conversationId);
// The fixture's Kommunjurist Malmö stad owns guidance past review and names these in `reminders`.
const OWNER_CHANNEL = 'CJURIST';
const OWNER_CONVERSATION = '19:jurist@thread.tacv2';
const ownerSlackPosts = () => fakeSlack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === OWNER_CHANNEL && c.result.ok);

let a: Instance;
let b: Instance;

beforeAll(async () => {
  [redis, knowledge, fakeSlack, connector] = await Promise.all([startRedis(), loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-30' }), startFakeSlack(), startFakeConnector()]);
  [a, b] = await Promise.all([instance(), instance()]);
  // A change waiting for an editor belongs in the digest.
  await a.store.directory.add({ id: 'c1', functionId: 'mottagning-barn-unga-malmo-oster', kind: 'handover', person: 'Nora Nyfiktiv (fiktiv)', from: '2027-01-01', status: 'pending', suggested: false, by: 'slack:USARA', byName: 'Sara', at: '2026-11-25T10:00:00.000Z' });
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await fakeSlack?.close();
  await connector?.close();
  await redis?.stop();
});

const bothLook = () => Promise.all([a.digest.tick(), b.digest.tick()]);

describe('the weekly digest with two instances', () => {
  it('is posted once per destination when due, not before, and not again that week', async () => {
    clock = new Date('2026-11-30T06:30:00Z'); // Monday 07:30 in Stockholm
    await bothLook();
    expect(slackPosts()).toHaveLength(0);
    expect(teamsPosts()).toHaveLength(0);

    clock = new Date('2026-11-30T07:05:00Z'); // Monday 08:05
    await bothLook();
    await bothLook();
    expect(slackPosts()).toHaveLength(1);
    expect(teamsPosts()).toHaveLength(1);
    const slackText = JSON.stringify(slackPosts()[0]!.args.blocks);
    expect(slackText).toContain('Veckans påminnelser om katalogen och vägledningen');
    expect(slackText).toContain('Nora Nyfiktiv (fiktiv) har Mottagningsenheten barn och unga, Område Öster från 1 januari 2027');
    expect(JSON.stringify(teamsPosts()[0]!.body)).toContain('Ändringar som väntar på godkännande');

    clock = new Date('2026-12-02T12:00:00Z'); // Wednesday
    await bothLook();
    expect(slackPosts()).toHaveLength(1);
    expect(teamsPosts()).toHaveLength(1);
  });

  it("sends each owner function its own guidance past review, once, where its reminders say", async () => {
    expect(ownerSlackPosts()).toHaveLength(1);
    expect(teamsPosts(OWNER_CONVERSATION)).toHaveLength(1);
    const text = JSON.stringify(ownerSlackPosts()[0]!.args.blocks);
    expect(text).toContain('Vägledning att granska för Kommunjurist Malmö stad');
    expect(text).toContain('Generalklausulen gäller inte socialtjänstens sekretess (generalklausul-10-27): skulle granskas senast 2025-01-15');
    // Only what it owns: the editors' digest has the rest.
    expect(text).not.toContain('Nora Nyfiktiv');
    expect(JSON.stringify(teamsPosts(OWNER_CONVERSATION)[0]!.body)).toContain('generalklausul-10-27');
  });

  it('is not posted again after a restart, and is posted once the next week', async () => {
    await a.close();
    a = await instance();
    await bothLook();
    expect(slackPosts()).toHaveLength(1);

    clock = new Date('2026-12-07T07:01:00Z'); // the next Monday, 08:01
    await bothLook();
    expect(slackPosts()).toHaveLength(2);
    expect(teamsPosts()).toHaveLength(2);
  });

  it('gives the week back when a post fails, so the next look posts it once', async () => {
    clock = new Date('2026-12-14T07:01:00Z'); // the Monday after, 08:01
    fakeSlack.failNext('chat.postMessage', 'internal_error');
    await a.digest.tick();
    expect(fakeSlack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.result.ok)).toHaveLength(1);
    expect(slackPosts()).toHaveLength(2);
    // Teams is another destination: its post went out and is not repeated.
    expect(teamsPosts()).toHaveLength(3);

    await bothLook();
    await bothLook();
    expect(slackPosts()).toHaveLength(3);
    expect(teamsPosts()).toHaveLength(3);
  });
});
