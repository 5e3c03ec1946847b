/**
 * Directory upkeep end to end on Slack (issue 22): signed slash commands and button presses through
 * the real Bolt app on our HTTP server, the real core and the embedded store, with a clock the test
 * moves. A holder's stand-in shows in answers and ends on its date; a handover waits for an editor;
 * a stranger is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { chatNotifier, type Senders } from '../../src/notify.js';
import { serveAdapters, startFakeSlackAdapter } from '../support/adapters.js';
import { eventCallback, FAKE_BOT, sendEvent, sendInteraction, sendSlashCommand, startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';

const SECRET = 'fiktiv-signing-secret-upkeep';
const CHANNEL = { id: 'CSAMVERKAN', name: 'samverkan-rosengard' };
const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: FAKE_BOT.teamId });
// Sara holds Mottagningsenheten Öster (her Slack id is recorded against her in the fixture);
// UEDIT edits Socialtjänsten Malmö stad; UPOLIS asks as the police; UBO is nobody in particular.
const SARA = user('USARA');
const EDITOR = user('UEDIT');
const POLICE = user('UPOLIS');
const STRANGER = user('UBO');

type Json = Record<string, any>;
let store: Store;
let dataDir: string;
let fake: FakeSlack;
let server: RunningServer;
let eventsUrl: string;
let clock = new Date('2026-11-24T09:30:00Z');
const at = (date: string) => (clock = new Date(`${date}T09:30:00Z`));

const shown = (body: Json) => JSON.stringify(body.blocks ?? body.text);
const buttons = (body: Json): Json[] => (body.blocks ?? []).filter((b: Json) => b.type === 'actions').flatMap((b: Json) => b.elements);
function buttonFor(body: Json, label: string): Json {
  const found = buttons(body).find((b) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}" in ${buttons(body).map((b) => b.text.text).join(', ')}`);
  return found;
}

/** A slash command's private answer, from its response_url. */
async function command(name: string, text: string, from: Json): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const res = await sendSlashCommand(eventsUrl, SECRET, { command: name, text, user_id: from.id, user_name: from.username, channel_id: CHANNEL.id, channel_name: CHANNEL.name, response_url: responseUrl });
  expect(res.status).toBe(200);
  const [response] = await fake.waitForResponse((r) => r.path === new URL(responseUrl).pathname);
  return response!.body;
}

/** Presses a button as Slack sends the press; by default on a private answer in the channel. */
async function sendPress(button: Json, from: Json, where: { channel: Json; ts: string; ephemeral: boolean }, responseUrl: string): Promise<void> {
  const payload = {
    type: 'block_actions',
    user: from,
    api_app_id: 'AMOTPART',
    token: 'deprecated',
    trigger_id: '1.2.3',
    team: { id: FAKE_BOT.teamId, domain: 'fiktiv' },
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel.id, is_ephemeral: where.ephemeral },
    channel: where.channel,
    ...(where.ephemeral ? {} : { message: { type: 'message', ts: where.ts, text: '', blocks: [] } }),
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b', text: button.text, value: button.value, action_ts: '1764000000.1' }],
    state: { values: {} },
  };
  expect((await sendInteraction(eventsUrl, SECRET, payload)).status).toBe(200);
}

/** Presses a button of a private answer; the answer to the press, from its response_url. */
async function press(button: Json, from: Json): Promise<Json> {
  const responseUrl = fake.responseUrl();
  await sendPress(button, from, { channel: CHANNEL, ts: '1764000000.000009', ephemeral: true }, responseUrl);
  const [response] = await fake.waitForResponse((r) => r.path === new URL(responseUrl).pathname);
  return response!.body;
}

beforeAll(async () => {
  const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  const logger = createLogger('silent');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-upkeep-slack-'));
  store = await createStore({ dataDir, logger });
  fake = await startFakeSlack();
  // Wired as src/app.ts wires it: the core tells editors through the adapter.
  const senders: Senders = {};
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, timezone: 'Europe/Stockholm', logger, notify: chatNotifier(senders, logger) });
  const slack = await startFakeSlackAdapter({ apiUrl: fake.apiUrl, signingSecret: SECRET, motpart, logger, store });
  senders.slack = (userId, reply) => slack.notify(userId, reply);
  ({ server, eventsUrl } = await serveAdapters([slack], logger));
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => fake.clear());

describe('directory upkeep on Slack', () => {
  it('a holder\'s stand-in holds at once, shows in answers and ends on its date', async () => {
    at('2026-11-24');
    const asked = await command('/katalog', 'jag är ledig 15–30 december, Kim Exempel (fiktiv) vikarierar', SARA);
    expect(asked.response_type).toBe('ephemeral');
    expect(shown(asked)).toContain('Stämmer det här?');
    const saved = await press(buttonFor(asked, 'Ja, spara'), SARA);
    expect(shown(saved)).toContain('Sparat');

    at('2026-12-16');
    const during = await command('/motpart', 'vem är min motpart i rosengard, jag är polis', POLICE);
    expect(shown(during)).toContain('Vikarie till 30 december: Kim Exempel (fiktiv).');
    at('2026-12-31');
    const after = await command('/motpart', 'vem är min motpart i rosengard, jag är polis', POLICE);
    expect(shown(after)).not.toContain('Kim Exempel');
    expect(shown(after)).toContain('Sara Exempelsson (fiktiv)');
  });

  it('a statement in a direct message is not answered as a question', async () => {
    at('2026-11-24');
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel: 'DSARA', channel_type: 'im', user: SARA.id, text: 'jag har semester 2027-07-01–2027-07-31, vikarie är Kim Exempel', ts: '1764000300.000100', event_ts: '1764000300.000100' }));
    // Only Sara sees it, in her DM with the app.
    const [post] = await fake.waitForCall('chat.postEphemeral');
    expect(post!.args).toMatchObject({ channel: 'DSARA', user: SARA.id });
    expect(shown(post!.args)).toContain('Kim Exempel vikarierar i Mottagningsenheten barn och unga, Område Öster 1 juli 2027–31 juli 2027');
  });

  it('a handover waits for an editor, who approves it with one button', async () => {
    at('2026-11-24');
    const asked = await command('/katalog', 'från 1 januari är det Nora Nyfiktiv (fiktiv) som har funktionen', SARA);
    expect(shown(await press(buttonFor(asked, 'Ja, spara'), SARA))).toContain('Väntar på godkännande');
    at('2027-01-02');
    expect(shown(await command('/motpart', 'vem är min motpart i rosengard, jag är polis', POLICE))).not.toContain('Nora Nyfiktiv');

    const pending = await command('/katalog', '', EDITOR);
    expect(shown(pending)).toContain('1 ändring väntar på godkännande');
    expect(shown(await press(buttonFor(pending, 'Godkänn 1'), STRANGER))).toContain('Bara redaktörer kan göra det');
    expect(shown(await press(buttonFor(pending, 'Godkänn 1'), EDITOR))).toContain('Godkänt');
    expect(shown(await command('/motpart', 'vem är min motpart i rosengard, jag är polis', POLICE))).toContain('Nora Nyfiktiv (fiktiv)');
  });

  it('an editor is told at once in a direct message, and one button there decides', async () => {
    at('2026-11-24');
    const asked = await command('/katalog', 'från 1 februari är det Olle Nyfiktiv (fiktiv) som har funktionen', SARA);
    const pending = await press(buttonFor(asked, 'Ja, spara'), SARA);
    expect(shown(pending)).toContain('Redaktörerna för Socialtjänsten Malmö stad har fått ett meddelande om den.');

    // The fixture's editors of Socialtjänsten Malmö stad are slack:UEDIT and teams:aad-edit; only Slack is here.
    const [told] = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === EDITOR.id);
    expect(shown(told!.args)).toContain('Olle Nyfiktiv (fiktiv) har Mottagningsenheten barn och unga, Område Öster från 1 februari 2027 (begärt av usara)');
    expect(buttons(told!.args).map((b) => b.text.text)).toEqual(['Godkänn', 'Avslå']);

    // Slack opens the app's DM with the editor; the press there replaces the message, so its buttons go.
    const dm = { channel: { id: 'DEDIT', name: 'directmessage' }, ts: told!.result.ts as string, ephemeral: false };
    await sendPress(buttonFor(told!.args, 'Godkänn'), EDITOR, dm, fake.responseUrl());
    const [updated] = await fake.waitForCall('chat.update');
    expect(updated!.args).toMatchObject({ channel: 'DEDIT', ts: dm.ts });
    expect(shown(updated!.args)).toContain('Godkänt');
    expect(buttons(updated!.args).map((b) => b.text.text)).toEqual(['Ångra']);
    at('2027-02-02');
    expect(shown(await command('/motpart', 'vem är min motpart i rosengard, jag är polis', POLICE))).toContain('Olle Nyfiktiv (fiktiv)');
  });

  it('a stranger is refused with a clear message', async () => {
    const refused = await command('/katalog', 'jag har slutat', STRANGER);
    expect(shown(refused)).toContain('Jag vet inte vilken funktion det gäller');
    expect(shown(refused)).toContain('slack:UBO');
    expect(buttons(refused)).toEqual([]);
  });
});
