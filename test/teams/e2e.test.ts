/**
 * End to end through the real CloudAdapter over HTTP on loopback, with the real core, an
 * in-memory store and the fixture knowledge. Activities are posted as Teams posts them; the bot's
 * answers go to a fake Bot Connector (the activities' serviceUrl), where the tests read them.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECKLIST_DATA_KEY, MAX_CARD_BYTES, toggleId } from '../../src/adapters/teams/adaptiveCard.js';
import { NOT_PRIVATE_NOTICE, SEARCH_HINT, WELCOME_HEADLINE } from '../../src/adapters/teams/bot.js';
import { createTeamsAdapter } from '../../src/adapters/teams/index.js';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { VERDICT_LABEL } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { localTeamsAdapter, serveAdapters } from '../support/adapters.js';
import { startFakeConnector, type FakeConnector, type SentActivity } from '../support/fakeConnector.js';

const BOT = { id: '28:motpart-bot', name: 'Motpart' };
const ANNA = { id: '29:anna', name: 'Anna Fiktiv', aadObjectId: 'aad-anna' };
const BO = { id: '29:bo', name: 'Bo Fiktiv', aadObjectId: 'aad-bo' };
const TENANT = { id: 'tenant-fiktiv' };
const PERSONAL = { id: 'a:personal-anna', conversationType: 'personal', tenantId: TENANT.id };
const CHANNEL_THREAD = { id: '19:samverkan@thread.tacv2;messageid=1732000000001', conversationType: 'channel', tenantId: TENANT.id, isGroup: true };
const GROUP = { id: '19:group-chat-sig@thread.v2', conversationType: 'groupChat', tenantId: TENANT.id, isGroup: true };
// A Tuesday morning in Stockholm: offices are open.
const NOW = new Date('2026-11-24T09:30:00.000Z');

let knowledge: Knowledge;
let store: Store;
let connector: FakeConnector;
let server: RunningServer;
let next = 1;

function activity(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `incoming-${next++}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: ANNA,
    recipient: BOT,
    conversation: PERSONAL,
    channelData: { tenant: TENANT },
    locale: 'sv-SE',
    textFormat: 'plain',
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

function mention(text: string, conversation: Record<string, unknown>, from = ANNA) {
  return activity({
    text: `<at>Motpart</at> ${text}`,
    conversation,
    from,
    entities: [{ type: 'mention', text: '<at>Motpart</at>', mentioned: BOT }],
    channelData: { tenant: TENANT, ...(conversation.conversationType === 'channel' ? { teamsTeamId: '19:team@thread.tacv2', channel: { id: '19:samverkan@thread.tacv2' } } : {}) },
  });
}

async function post(body: unknown, init: { raw?: string; headers?: Record<string, string>; url?: string } = {}) {
  const res = await fetch(`${init.url ?? server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> };
}

type Card = Record<string, any>;
const cardOf = (sent: SentActivity): Card => {
  const attachments = sent.body.attachments as Array<{ contentType: string; content: Card }>;
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
};
const textOf = (card: Card) => JSON.stringify(card);

function elements(node: unknown, type: string): Card[] {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, type));
  if (!node || typeof node !== 'object') return [];
  const record = node as Card;
  return [...(record.type === type ? [record] : []), ...Object.values(record).flatMap((v) => elements(v, type))];
}

/** The one activity the bot sent for an incoming activity. */
async function answerTo(incoming: Record<string, unknown>) {
  const res = await post(incoming);
  expect(res.status).toBe(200);
  const [sent] = await connector.waitFor((a) => a.activityId === incoming.id && a.method === 'POST');
  return sent!;
}

/** What the user's client sends when the Spara button of a checklist card is pressed. */
function checklistSubmit(card: Card, replyToId: string, from: Record<string, unknown>, conversation: Record<string, unknown>, ticks: Record<string, boolean>) {
  const save = elements(card, 'Action.Submit').find((a) => a.data?.[CHECKLIST_DATA_KEY]);
  expect(save).toBeDefined();
  const { runId, rendered } = save!.data[CHECKLIST_DATA_KEY] as { runId: string; rendered: Record<string, boolean> };
  const inputs = Object.fromEntries(Object.keys(rendered).map((itemId) => [toggleId(runId, itemId), String(ticks[itemId] ?? rendered[itemId])]));
  return activity({ from, conversation, replyToId, value: { ...save!.data, ...inputs }, channelData: { tenant: TENANT, source: { name: 'message' } } });
}

beforeAll(async () => {
  knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  store = await createStore({ memory: true });
  connector = await startFakeConnector();
  const logger = createLogger('silent');
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, timezone: 'Europe/Stockholm', logger });
  ({ server } = await serveAdapters([localTeamsAdapter({ motpart, logger, store })], logger));
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await store?.close();
});

beforeEach(() => connector.clear());

describe('Teams personal chat', () => {
  it('answers a counterpart question typed without å/ä/ö with a contact card, as a reply to the message', async () => {
    const incoming = activity({ text: 'vem ar min motpart i rosengard' });
    const sent = await answerTo(incoming);
    expect(sent.conversationId).toBe(PERSONAL.id);
    expect(sent.body).toMatchObject({ type: 'message', replyToId: incoming.id, from: { id: BOT.id }, recipient: { id: ANNA.id } });
    const card = cardOf(sent);
    expect(card.version).toBe('1.5');
    expect(textOf(card)).toContain('Mottagningsenheten barn och unga, Område Öster');
    expect(textOf(card)).toContain('mailto:mottagning.oster@example.org');
    expect(Buffer.byteLength(textOf(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('answers the sekretess command from the command list with verdict, legal reference and sources', async () => {
    const sent = await answerTo(activity({ text: 'sekretess får soc lämna uppgifter till polisen om en 17 åring som riskerar att begå brott' }));
    const card = cardOf(sent);
    const text = textOf(card);
    // The chat list and notifications show the answer, not "Send a card".
    const summary = (sent.body as { summary?: string }).summary ?? '';
    expect(Object.values(VERDICT_LABEL).some((label) => summary.startsWith(`${label}: `))).toBe(true);
    expect(summary).toContain('10 kap. 18 a § OSL');
    // The verdict is shown on its own line (with its icon) in the card.
    expect(Object.values(VERDICT_LABEL).some((label) => new RegExp(`"text":"[^"]{0,3} ?${label}"`).test(text))).toBe(true);
    expect(text).toContain('10 kap. 18 a § OSL');
    expect(text).toMatch(/\]\(https:\/\//);
    expect(text).toContain('Granskad');
  });

  it('shows help for "hjälp" and for a bare mention', async () => {
    const help = textOf(cardOf(await answerTo(activity({ text: 'hjälp' }))));
    const bare = textOf(cardOf(await answerTo(mention('', GROUP))));
    expect(help.length).toBeGreaterThan(200);
    expect(bare).toBe(help);
  });

  it('warns about a personal number without repeating any of the message, and offers to ask again without the number', async () => {
    const sent = await answerTo(activity({ text: 'får jag lämna ut adressen för 19121212-1212 till polisen' }));
    const card = cardOf(sent);
    const text = textOf(card);
    expect(text).toContain('personnummer');
    expect(text).not.toContain('1212');
    // Nothing of the message is shown: only the one button carries the question, without the number.
    expect(JSON.stringify(elements(card, 'TextBlock'))).not.toContain('adressen');
    expect((sent.body as { summary?: string }).summary).not.toContain('adressen');
    const again = elements(card, 'Action.Submit').filter((a) => JSON.stringify(a).includes('adressen'));
    expect(again.map((a) => [a.title, a.data?.msteams?.text])).toEqual([['Fråga igen utan numret', 'får jag lämna ut adressen för till polisen']]);
    expect(text).not.toContain(NOT_PRIVATE_NOTICE);
  });
});

describe('Teams channels and group chats', () => {
  it('stays quiet in a channel unless mentioned', async () => {
    const res = await post(activity({ text: 'vem är kommunpolis i malmö öster', conversation: CHANNEL_THREAD }));
    expect(res.status).toBe(200);
    expect(connector.sent).toEqual([]);
  });

  it('answers a mention in the channel thread, with the mention stripped from the question', async () => {
    const incoming = mention('vem är kommunpolis i malmö öster', CHANNEL_THREAD);
    const sent = await answerTo(incoming);
    expect(sent.conversationId).toBe(CHANNEL_THREAD.id);
    expect(textOf(cardOf(sent))).toContain('Kommunpolis Malmö Öster');
  });

  it('answers a mention in a group chat', async () => {
    const sent = await answerTo(mention('socialjouren södertälje', GROUP, BO));
    expect(sent.conversationId).toBe(GROUP.id);
    expect(textOf(cardOf(sent))).toContain('Socialjouren Södertälje');
  });

  it('in a channel, warns about a personal number in the thread, says Teams cannot hide it, and echoes nothing', async () => {
    const sent = await answerTo(mention('kan soc ge oss uppgifter om 121212-1212', CHANNEL_THREAD));
    const text = textOf(cardOf(sent));
    expect(sent.conversationId).toBe(CHANNEL_THREAD.id);
    expect(text).toContain(NOT_PRIVATE_NOTICE);
    expect(text).not.toContain('1212');
    expect(JSON.stringify(connector.sent)).not.toContain('1212');
  });
});

describe('installation', () => {
  it('welcomes the team when the bot is added, saying what it does', async () => {
    const incoming = activity({ type: 'conversationUpdate', conversation: CHANNEL_THREAD, membersAdded: [BOT], text: undefined, channelData: { tenant: TENANT, eventType: 'teamMemberAdded', team: { id: '19:team@thread.tacv2' } } });
    const res = await post(incoming);
    expect(res.status).toBe(200);
    const [sent] = await connector.waitFor(() => true);
    const text = textOf(cardOf(sent!));
    expect(text).toContain(WELCOME_HEADLINE);
    expect(text).toContain('motpart');
    expect(text).toContain('sekretess');
    expect(text).toContain('checklistor');
  });

  it('says nothing when someone else joins', async () => {
    const res = await post(activity({ type: 'conversationUpdate', conversation: GROUP, membersAdded: [BO], text: undefined }));
    expect(res.status).toBe(200);
    expect(connector.sent).toEqual([]);
  });
});

describe('checklists ticked together', () => {
  it('updates the same card in place for everyone and records who ticked what, even from a stale card', async () => {
    const started = await answerTo(mention('checklista sig', GROUP));
    const card = cardOf(started);
    expect(elements(card, 'Input.Toggle')).toHaveLength(3);
    expect(textOf(card)).toContain('0 av 3 klara');
    connector.clear();

    // Anna ticks the first step.
    const annaTicks = checklistSubmit(card, started.id, ANNA, GROUP, { kartlaggning: true });
    expect((await post(annaTicks)).status).toBe(200);
    const [update1] = await connector.waitFor((a) => a.method === 'PUT');
    expect(update1).toMatchObject({ conversationId: GROUP.id, activityId: started.id });
    expect(update1!.body.id).toBe(started.id);
    const card1 = cardOf(update1!);
    expect(textOf(card1)).toContain('1 av 3 klara');
    expect(textOf(card1)).toContain('klar: Anna Fiktiv');
    expect(connector.sent.filter((a) => a.method === 'POST')).toEqual([]);

    // Bo still has the original card (nothing ticked) and ticks the consent step and the first one.
    connector.clear();
    const boTicks = checklistSubmit(card, started.id, BO, GROUP, { samtycke: true, kartlaggning: true });
    expect((await post(boTicks)).status).toBe(200);
    const [update2] = await connector.waitFor((a) => a.method === 'PUT');
    const card2 = cardOf(update2!);
    expect(textOf(card2)).toContain('2 av 3 klara');
    expect(elements(card2, 'Input.Toggle').map((t) => t.value)).toEqual(['true', 'true', 'false']);
    expect(textOf(card2)).toContain('klar: Bo Fiktiv');

    const runId = (elements(card, 'Action.Submit').find((a) => a.data?.[CHECKLIST_DATA_KEY])!.data[CHECKLIST_DATA_KEY] as { runId: string }).runId;
    const run = await store.runs.get(runId);
    expect(run?.items.kartlaggning?.done).toBe(true);
    expect(run?.items.samtycke).toMatchObject({ done: true, by: 'Bo Fiktiv' });
    expect(run?.ticks.map((t) => [t.itemId, t.by])).toContainEqual(['kartlaggning', 'Anna Fiktiv']);

    // "Börja om" is a card action too and replaces the card again.
    connector.clear();
    const reset = elements(card2, 'Action.Submit').find((a) => a.title === 'Börja om')!;
    expect((await post(activity({ from: ANNA, conversation: GROUP, replyToId: started.id, value: reset.data }))).status).toBe(200);
    const [update3] = await connector.waitFor((a) => a.method === 'PUT');
    expect(textOf(cardOf(update3!))).toContain('0 av 3 klara');
  });

  it('saves a card with no changes without writing anything', async () => {
    const started = await answerTo(activity({ text: 'checklista orosanmälan' }));
    connector.clear();
    expect((await post(checklistSubmit(cardOf(started), started.id, ANNA, PERSONAL, {}))).status).toBe(200);
    expect(connector.sent).toEqual([]);
  });

  it('applies Action.Execute (Universal Actions) and returns the updated card in the invoke response', async () => {
    const started = await answerTo(activity({ text: 'checklista 18 a' }));
    const card = cardOf(started);
    const save = elements(card, 'Action.Submit').find((a) => a.data?.[CHECKLIST_DATA_KEY])!;
    const { runId } = save.data[CHECKLIST_DATA_KEY] as { runId: string };
    connector.clear();
    const res = await post(
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: started.id,
        value: { action: { type: 'Action.Execute', verb: 'save', data: { ...save.data, [toggleId(runId, 'alder')]: 'true' } }, trigger: 'manual' },
      }),
    );
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf(body.value)).toContain('1 av 4 klara');
    expect(connector.sent).toEqual([]);
  });
});

describe('card buttons', () => {
  it('records feedback by updating the answer in place with "Tack – registrerat", and a second press counts once', async () => {
    const answer = await answerTo(activity({ text: 'får soc lämna uppgifter till polisen' }));
    const thumbsUp = elements(cardOf(answer), 'Action.Submit').find((a) => a.data?.motpart?.type === 'feedback' && a.data.motpart.helpful === true);
    expect(thumbsUp).toBeDefined();
    const before = (await store.feedback.list()).length;
    connector.clear();
    expect((await post(activity({ replyToId: answer.id, value: thumbsUp!.data }))).status).toBe(200);
    // The pressed card is replaced (PUT to its id), no new card is posted.
    const [sent] = await connector.waitFor((a) => a.method === 'PUT');
    expect(sent!.activityId).toBe(answer.id);
    expect(connector.sent.filter((a) => a.method === 'POST')).toEqual([]);
    const updated = textOf(cardOf(sent!));
    expect(updated).toContain('Tack – registrerat');
    expect(updated).toContain('10 kap. 18 a § OSL');
    expect(elements(cardOf(sent!), 'Action.Submit').some((a) => a.data?.motpart?.type === 'feedback')).toBe(false);
    connector.clear();
    expect((await post(activity({ replyToId: answer.id, value: thumbsUp!.data }))).status).toBe(200);
    await connector.waitFor((a) => a.method === 'PUT');
    expect((await store.feedback.list()).length).toBe(before + 1);
  });

  it('ignores forged card data and tells nobody', async () => {
    const res = await post(activity({ value: { motpart: { type: 'checklist.toggle', runId: '', itemId: '../../etc' } } }));
    expect(res.status).toBe(200);
    expect(connector.sent).toEqual([]);
  });
});

describe('message extension', () => {
  const query = (text: string, extra: Array<{ name: string; value: string }> = []) =>
    activity({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search', parameters: [{ name: 'query', value: text }, ...extra], queryOptions: { skip: 0, count: 25 } } });

  it('searches through the core and offers results as cards with previews, without buttons', async () => {
    const res = await post(query('rosengard'));
    expect(res.status).toBe(200);
    const { composeExtension } = res.json();
    expect(composeExtension.type).toBe('result');
    expect(composeExtension.attachments.length).toBeGreaterThan(0);
    const first = composeExtension.attachments[0];
    expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(first.preview).toMatchObject({ contentType: 'application/vnd.microsoft.card.thumbnail' });
    expect(JSON.stringify(composeExtension)).toContain('Mottagningsenheten barn och unga, Område Öster');
    expect(JSON.stringify(composeExtension.attachments.map((a: { content: unknown }) => a.content))).not.toContain('Action.Submit');
    expect(connector.sent).toEqual([]);
  });

  it('finds guidance too', async () => {
    const { composeExtension } = (await post(query('samtycke sekretess'))).json();
    expect(JSON.stringify(composeExtension)).toContain('Samtycke');
  });

  it('asks for a search word on the initial run and while the word is too short to search', async () => {
    expect((await post(query('', [{ name: 'initialRun', value: 'true' }]))).json().composeExtension).toEqual({ type: 'message', text: SEARCH_HINT });
    const gaps = (await store.gaps.list()).length;
    expect((await post(query('ro'))).json().composeExtension).toEqual({ type: 'message', text: SEARCH_HINT });
    expect(await store.gaps.list()).toHaveLength(gaps);
    expect((await post(query('qzxv'))).json().composeExtension.text).toContain('Ingen träff.');
  });

  it('never searches a personal number', async () => {
    const pii = (await post(query('19121212-1212'))).json().composeExtension;
    expect(pii.type).toBe('message');
    expect(pii.text).toContain('personnummer');
    expect(pii.text).not.toContain('1212');
  });
});

describe('robustness', () => {
  it('answers an unknown invoke with 501 and ignores unknown activity types', async () => {
    expect((await post(activity({ type: 'invoke', name: 'motpart/unknown', value: {} }))).status).toBe(501);
    expect((await post(activity({ type: 'typing' }))).status).toBe(200);
    expect((await post(activity({ type: 'somethingNew', value: { x: 1 } }))).status).toBe(200);
    expect(connector.sent).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"type": "message", "text": '],
    ['a JSON array', '[{"type":"message"}]'],
    ['JSON without a type', '{"text":"hej"}'],
    ['a non-string type', '{"type": 42}'],
    ['an empty body', ''],
  ])('refuses %s with 400 and keeps serving', async (_name, raw) => {
    const res = await post(undefined, { raw });
    expect(res.status).toBe(400);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses an oversized body with 413 and keeps serving', async () => {
    const res = await post(undefined, { raw: JSON.stringify(activity({ text: 'x'.repeat(300 * 1024) })) });
    expect(res.status).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('authentication', () => {
  it('with an app id configured, refuses requests without a valid Bot Framework token (401) and sends nothing', async () => {
    const logger = createLogger('silent');
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, logger });
    const secured = createTeamsAdapter({
      teams: { auth: 'bot-framework', appId: '0b9e6f3c-2f0d-4a43-9c1e-5d3f6a7b8c9d', appPassword: 'not-a-real-secret', tenantId: undefined, appType: 'MultiTenant' },
      motpart,
      logger,
      store,
    });
    const { server: securedServer } = await serveAdapters([secured], logger);
    try {
      expect((await post(activity({ text: 'hjälp' }), { url: securedServer.url })).status).toBe(401);
      expect((await post(activity({ text: 'hjälp' }), { url: securedServer.url, headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
      expect(connector.sent).toEqual([]);
      expect((await fetch(`${securedServer.url}/healthz`)).status).toBe(200);
    } finally {
      await securedServer.close();
    }
  });
});
