/**
 * Directory upkeep end to end on Teams (issue 22): activities through the real CloudAdapter over
 * HTTP, card buttons pressed as Teams submits them, the real core and store, answers read at a fake
 * Bot Connector, with a clock the test moves.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { chatNotifier, type Senders } from '../../src/notify.js';
import { localTeamsAdapter, serveAdapters } from '../support/adapters.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';

const BOT = { id: '28:motpart-bot', name: 'Motpart' };
const TENANT = { id: 'tenant-fiktiv' };
// Sara's Entra object id is recorded against her in the fixture; aad-edit edits Socialtjänsten Malmö stad.
const SARA = { id: '29:sara', name: 'Sara Fiktiv', aadObjectId: 'aad-sara' };
const EDITOR = { id: '29:edit', name: 'Redaktör Fiktiv', aadObjectId: 'aad-edit' };
const POLICE = { id: '29:polis', name: 'Polis Fiktiv', aadObjectId: 'aad-polis' };
const STRANGER = { id: '29:okand', name: 'Okänd Fiktiv', aadObjectId: 'aad-okand' };

type Card = Record<string, any>;
let store: Store;
let connector: FakeConnector;
let server: RunningServer;
let next = 1;
let clock = new Date('2026-11-24T09:30:00Z');
const at = (date: string) => (clock = new Date(`${date}T09:30:00Z`));

function activity(from: typeof SARA, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `incoming-${next++}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from,
    recipient: BOT,
    conversation: { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: TENANT.id },
    channelData: { tenant: TENANT },
    locale: 'sv-SE',
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

/** The card the bot answers an activity with. */
async function answer(from: typeof SARA, fields: Record<string, unknown>): Promise<Card> {
  const incoming = activity(from, fields);
  connector.clear();
  const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(incoming) });
  expect(res.status).toBe(200);
  // The answer in the asker's own chat (an editor may be written to first, in theirs).
  const [sent] = await connector.waitFor((a) => a.method === 'POST' && a.conversationId === (incoming.conversation as { id: string }).id);
  return (sent!.body.attachments as Array<{ content: Card }>)[0]!.content;
}
const say = (from: typeof SARA, text: string) => answer(from, { text });

function submits(node: unknown): Card[] {
  if (Array.isArray(node)) return node.flatMap(submits);
  if (!node || typeof node !== 'object') return [];
  const r = node as Card;
  return [...(r.type === 'Action.Submit' ? [r] : []), ...Object.values(r).flatMap(submits)];
}
/** Presses a card button as Teams submits it. */
function press(card: Card, title: string, from: typeof SARA): Promise<Card> {
  const action = submits(card).find((a) => a.title === title);
  if (!action) throw new Error(`no "${title}" in ${submits(card).map((a) => a.title).join(', ')}`);
  return answer(from, { value: action.data, replyToId: 'card-1' });
}

beforeAll(async () => {
  const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  store = await createStore({ memory: true });
  connector = await startFakeConnector();
  const logger = createLogger('silent');
  // Wired as src/app.ts wires it: the core tells editors through the adapter.
  const senders: Senders = {};
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, timezone: 'Europe/Stockholm', logger, notify: chatNotifier(senders, logger) });
  const teams = localTeamsAdapter({ motpart, logger, store });
  senders.teams = (userId, reply) => teams.notify(userId, reply);
  ({ server } = await serveAdapters([teams], logger));
});

afterAll(async () => {
  await server?.close();
  await connector?.close();
  await store?.close();
});

beforeEach(() => at('2026-11-24'));

describe('directory upkeep on Teams', () => {
  it('a holder\'s stand-in holds at once, shows in answers and ends on its date', async () => {
    const asked = await say(SARA, 'jag är ledig 15–30 december, Kim Exempel (fiktiv) vikarierar');
    expect(JSON.stringify(asked)).toContain('Stämmer det här?');
    expect(JSON.stringify(await press(asked, 'Ja, spara', SARA))).toContain('Sparat');
    at('2026-12-16');
    expect(JSON.stringify(await say(POLICE, 'motpart vem är min motpart i rosengard, jag är polis'))).toContain('Vikarie till 30 december: Kim Exempel (fiktiv).');
    at('2026-12-31');
    expect(JSON.stringify(await say(POLICE, 'motpart vem är min motpart i rosengard, jag är polis'))).not.toContain('Kim Exempel');
  });

  it('a handover waits for an editor, who approves it on the card; a stranger cannot', async () => {
    const asked = await say(SARA, 'katalog från 1 januari är det Nora Nyfiktiv (fiktiv) som har funktionen');
    const saved = JSON.stringify(await press(asked, 'Ja, spara', SARA));
    expect(saved).toContain('Väntar på godkännande');
    // The editor has never written to the bot, so Teams gives it no chat to write to first.
    expect(saved).toContain('Redaktörerna för Socialtjänsten Malmö stad ser den när de skriver /katalog och i veckans påminnelser.');
    const pending = await say(EDITOR, 'katalog');
    expect(JSON.stringify(pending)).toContain('1 ändring väntar på godkännande');
    expect(JSON.stringify(await press(pending, 'Godkänn 1', STRANGER))).toContain('Bara redaktörer kan göra det');
    expect(JSON.stringify(await press(pending, 'Godkänn 1', EDITOR))).toContain('Godkänt');
    at('2027-01-02');
    expect(JSON.stringify(await say(POLICE, 'motpart vem är min motpart i rosengard, jag är polis'))).toContain('Nora Nyfiktiv (fiktiv)');
    const [change] = (await store.directory.list()).filter((c) => c.kind === 'handover');
    expect(change).toMatchObject({ by: 'teams:aad-sara', decidedBy: 'teams:aad-edit', status: 'approved' });
  });

  it('an editor who has a personal chat with the bot is told there at once, and one button on the card decides', async () => {
    await say(EDITOR, 'hjälp');
    const asked = await say(SARA, 'från 1 februari är det Olle Nyfiktiv (fiktiv) som har funktionen');
    const pressed = answer(SARA, { value: submits(asked).find((a) => a.title === 'Ja, spara')!.data, replyToId: 'card-1' });
    const [told] = await connector.waitFor((a) => a.method === 'POST' && a.conversationId === `a:personal-${EDITOR.aadObjectId}`);
    expect(JSON.stringify(await pressed)).toContain('Redaktörerna för Socialtjänsten Malmö stad har fått ett meddelande om den.');
    const card = (told!.body.attachments as Array<{ content: Card }>)[0]!.content;
    expect(JSON.stringify(card)).toContain('Olle Nyfiktiv (fiktiv) har Mottagningsenheten barn och unga, Område Öster från 1 februari 2027 (begärt av Sara Fiktiv)');
    expect(submits(card).map((a) => a.title)).toEqual(['Godkänn', 'Avslå']);
    expect(JSON.stringify(await press(card, 'Godkänn', EDITOR))).toContain('Godkänt');
    at('2027-02-02');
    expect(JSON.stringify(await say(POLICE, 'motpart vem är min motpart i rosengard, jag är polis'))).toContain('Olle Nyfiktiv (fiktiv)');
  });

  it('a stranger is refused with a clear message', async () => {
    const refused = JSON.stringify(await say(STRANGER, 'jag har slutat'));
    expect(refused).toContain('Jag vet inte vilken funktion det gäller');
    expect(refused).toContain('teams:aad-okand');
  });
});
