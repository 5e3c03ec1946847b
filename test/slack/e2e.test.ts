/**
 * End to end through the real Bolt app on our HTTP server on loopback, with the real core, an
 * in-memory store and the fixture knowledge. Requests are signed and shaped as Slack sends them;
 * what the app sends back goes to a fake Slack (Web API and response_url) where the tests read it.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/adapters/slack/actions.js';
import { SHARE_LABEL } from '../../src/adapters/slack/blockKit.js';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { BAD_BUTTON_TEXT, DELETE_HINT, FAILURE_TEXT } from '../../src/adapters/slack/listeners.js';
import { createMotpart, type Motpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import { repliesIdle } from '../../src/adapters/acknowledgements.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { serveAdapters, startFakeSlackAdapter } from '../support/adapters.js';
import {
  eventCallback,
  FAKE_BOT,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  slackSignature,
  startFakeSlack,
  type ApiCall,
  type FakeSlack,
} from '../support/fakeSlack.js';
import { limitViolations } from './limits.js';

const SECRET = 'fiktiv-signing-secret-8f2c';
const CHANNEL = { id: 'CSAMVERKAN', name: 'samverkan-rosengard' };
const ANNA = { id: 'UANNA', username: 'anna.fiktiv', name: 'anna.fiktiv', team_id: FAKE_BOT.teamId };
const BO = { id: 'UBO', username: 'bo.fiktiv', name: 'bo.fiktiv', team_id: FAKE_BOT.teamId };
// A Tuesday morning in Stockholm (10:30 local): offices are open.
const NOW = new Date('2026-11-24T09:30:00.000Z');
const PERSONAL_NUMBER = '19121212-1212';

type Json = Record<string, any>;

let store: Store;
let fake: FakeSlack;
let server: RunningServer;
let eventsUrl: string;
/** Every core call, so tests can say that nothing ran. */
let coreCalls = 0;
/** Added to every store call: a slow store makes a slow core. */
let storeDelayMs = 0;
const logLines: string[] = [];

/** The real store with an adjustable delay in front of every call. */
function delayed(real: Store): Store {
  const wrap = <T extends object>(part: T): T =>
    Object.fromEntries(
      Object.entries(part).map(([k, v]) => [
        k,
        typeof v === 'function'
          ? async (...args: unknown[]) => {
              if (storeDelayMs > 0) await new Promise((r) => setTimeout(r, storeDelayMs));
              return (v as (...a: unknown[]) => unknown).apply(part, args);
            }
          : v && typeof v === 'object'
            ? wrap(v as object)
            : v,
      ]),
    ) as T;
  return wrap(real);
}

const text = (x: unknown) => JSON.stringify(x);
const blocksOf = (x: { blocks?: unknown }) => (x.blocks ?? []) as Json[];
const buttons = (x: { blocks?: unknown }) => blocksOf(x).filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e: Json) => e.type === 'button');
const buttonFor = (x: { blocks?: unknown }, label: string) => {
  const found = buttons(x).find((b: Json) => b.text.text === label);
  if (!found) throw new Error(`no button "${label}" in ${buttons(x).map((b: Json) => b.text.text).join(', ')}`);
  return found;
};
const checkboxGroups = (x: { blocks?: unknown }) => blocksOf(x).filter((b) => b.type === 'actions' && b.elements[0].type === 'checkboxes');
/** Everything the requests so far set off has been sent (the reply queue is empty and idle): a check that nothing more was sent can follow. */
const settle = () => repliesIdle();

function command(name: string, textValue: string, user = ANNA, channel = CHANNEL) {
  const responseUrl = fake.responseUrl();
  const sent = sendSlashCommand(eventsUrl, SECRET, {
    command: name,
    text: textValue,
    user_id: user.id,
    user_name: user.username,
    channel_id: channel.id,
    channel_name: channel.name,
    response_url: responseUrl,
  });
  return { sent, responseUrl, path: new URL(responseUrl).pathname };
}

/** A slash command's answer posted to its response_url. */
async function answerTo(name: string, textValue: string, user = ANNA) {
  const c = command(name, textValue, user);
  const res = await c.sent;
  expect(res.status).toBe(200);
  expect(res.text).toBe('');
  const [response] = await fake.waitForResponse((r) => r.path === c.path);
  expect(limitViolations(response!.body)).toEqual([]);
  return response!.body;
}

/** A button press as Slack posts it, from a message (in a channel or ephemeral) or from the App Home. */
function blockActions(action: Json, where: { user?: Json; message?: Json; ephemeral?: boolean; view?: Json; channel?: Json }) {
  const user = where.user ?? ANNA;
  const channel = where.channel ?? CHANNEL;
  const base = { type: 'block_actions', user, api_app_id: 'AMOTPART', token: 'deprecated', trigger_id: '1.2.3', team: { id: FAKE_BOT.teamId, domain: 'fiktiv' }, enterprise: null, is_enterprise_install: false };
  const responseUrl = fake.responseUrl();
  if (where.view) {
    return { payload: { ...base, container: { type: 'view', view_id: where.view.id }, view: where.view, actions: [{ ...action, action_ts: '1764000000.1' }] }, responseUrl: undefined };
  }
  return {
    payload: {
      ...base,
      container: { type: 'message', message_ts: where.message?.ts ?? '1764000000.000009', channel_id: channel.id, is_ephemeral: where.ephemeral ?? false },
      channel,
      ...(where.message ? { message: where.message } : {}),
      response_url: responseUrl,
      actions: [{ ...action, action_ts: '1764000000.1' }],
      state: { values: {} },
    },
    responseUrl,
  };
}

async function press(button: Json, where: Parameters<typeof blockActions>[1]) {
  const { payload, responseUrl } = blockActions({ type: 'button', action_id: button.action_id, block_id: 'b', text: button.text, value: button.value }, where);
  const res = await sendInteraction(eventsUrl, SECRET, payload);
  expect(res.status).toBe(200);
  return { path: responseUrl ? new URL(responseUrl).pathname : undefined };
}

beforeAll(async () => {
  const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  store = await createStore({ memory: true, logger });
  fake = await startFakeSlack();
  const core = createMotpart({ knowledge: () => knowledge, store: delayed(store), now: () => NOW, timezone: 'Europe/Stockholm', logger });
  const motpart: Motpart = { handle: (input, asker) => (coreCalls++, core.handle(input, asker)), profile: (asker) => core.profile!(asker), choices: () => core.choices() };
  const slack = await startFakeSlackAdapter({ apiUrl: fake.apiUrl, signingSecret: SECRET, motpart, logger, store });
  ({ server, eventsUrl } = await serveAdapters([slack], logger));
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  await store?.close();
});

beforeEach(() => {
  fake.clear();
  storeDelayMs = 0;
});

describe('start and URL verification', () => {
  it('checked the bot token with auth.test against SLACK_API_URL', async () => {
    // The adapter started in beforeAll; a fresh one shows the call.
    const logger = createLogger('silent');
    const other = await createSlackAdapter({ slack: { botToken: 'xoxb-andra', signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl.replace(/\/$/, '') }, motpart: { handle: async () => { throw new Error('not used'); }, choices: () => { throw new Error('not used'); } }, logger, store });
    await other.start();
    const [call] = await fake.waitForCall('auth.test');
    expect(call!.token).toBe('xoxb-andra');
  });

  it('answers Slack\'s url_verification challenge', async () => {
    const res = await sendEvent(eventsUrl, SECRET, { token: 'deprecated', challenge: 'utmaning-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('utmaning-123');
  });
});

describe('slash commands', () => {
  it('/motpart answers privately with contact cards and "Visa för kanalen"', async () => {
    const body = await answerTo('/motpart', 'vem e min motpart i rosengard');
    expect(body.response_type).toBe('ephemeral');
    expect(text(body.blocks)).toContain('Mottagningsenheten barn och unga, Område Öster');
    expect(text(body.blocks)).toContain('Kommunpolis Malmö Öster');
    expect(decodeAction(buttonFor(body, SHARE_LABEL).value)).toEqual({ ok: true, value: { type: 'share', text: '/motpart vem e min motpart i rosengard' } });
  });

  it('/sekretess answers with verdict, legal reference, sources and feedback buttons', async () => {
    const body = await answerTo('/sekretess', 'far soc lamna uppgifter till polisen om en 17 aring');
    expect(body.response_type).toBe('ephemeral');
    const shown = text(body.blocks);
    expect(shown).toContain('*Beror på*');
    expect(shown).toContain('10 kap. 18 a § OSL');
    expect(shown).toMatch(/<https:\/\/[^|]+\|[^>]+>/);
    expect(shown).toContain('Granskad');
    expect(buttons(body).map((b: Json) => b.text.text)).toEqual(expect.arrayContaining(['👍 Till hjälp', '👎 Inte till hjälp', SHARE_LABEL]));
  });

  it('empty /motpart and /sekretess give help; empty /checklista lists the checklists', async () => {
    expect(text((await answerTo('/motpart', '   ')).blocks)).toContain('Så här använder du Motpart');
    expect(text((await answerTo('/sekretess', '')).blocks)).toContain('Så här använder du Motpart');
    const list = await answerTo('/checklista', '');
    expect(text(list.blocks)).toContain('Sociala insatsgrupper (SIG)');
    expect(buttons(list).some((b: Json) => b.text.text === SHARE_LABEL)).toBe(false);
  });

  it('warns about a personal number privately, never echoes it, and never logs it', async () => {
    const before = logLines.length;
    const body = await answerTo('/sekretess', `får jag lämna ut ${PERSONAL_NUMBER} till polisen`);
    expect(body.response_type).toBe('ephemeral');
    expect(text(body)).toContain('personnummer');
    expect(text(body)).not.toContain('1212');
    // One button asks the question again with the number removed; nothing else of the message is shown.
    expect(buttons(body).map((b: Json) => [b.text.text, decodeAction(b.value)])).toEqual([['Fråga igen utan numret', { ok: true, value: { type: 'ask', text: 'får jag lämna ut till polisen' } }]]);
    expect(text((body.blocks as Json[]).filter((b) => b.type !== 'actions'))).not.toContain('lämna ut');
    expect(logLines.slice(before).join('')).not.toContain('1212');
  });

  it('acknowledges within Slack\'s 3 seconds even when the core is slow, and answers later', async () => {
    storeDelayMs = 3_500;
    const c = command('/motpart', 'kommunpolis husie');
    const res = await c.sent;
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(1_000);
    expect(fake.responses.filter((r) => r.path === c.path)).toHaveLength(0);
    const [late] = await fake.waitForResponse((r) => r.path === c.path, 1, 15_000);
    expect(text(late!.body.blocks)).toContain('Kommunpolis Malmö Öster');
  }, 20_000);

  it('acknowledges events and button presses at once too while the core is slow', async () => {
    storeDelayMs = 3_500;
    const feedback = { action_id: 'motpart.action.0', text: { type: 'plain_text', text: '👍 Till hjälp' }, value: JSON.stringify({ type: 'feedback', target: 'directory', targetId: 'socialjouren-malmo', helpful: true }) };
    const { payload } = blockActions({ type: 'button', block_id: 'b', ...feedback }, { ephemeral: true });
    const [event, interaction] = await Promise.all([
      sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: ANNA.id, text: `<@${FAKE_BOT.userId}> husie`, ts: '1764000150.000100', channel: CHANNEL.id, event_ts: '1764000150.000100' })),
      sendInteraction(eventsUrl, SECRET, payload),
    ]);
    for (const res of [event, interaction]) {
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(1_000);
    }
    await fake.waitForCall('chat.postMessage', () => true, 1, 15_000);
    await fake.waitForResponse(() => true, 1, 15_000);
  }, 20_000);
});

describe('mentions and direct messages', () => {
  it('answers a mention in the channel, in a thread under it', async () => {
    const res = await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: ANNA.id, text: `<@${FAKE_BOT.userId}> vem ar kommunpolis i rosengard`, ts: '1764000100.000100', channel: CHANNEL.id, event_ts: '1764000100.000100' }));
    expect(res.status).toBe(200);
    const [post] = await fake.waitForCall('chat.postMessage');
    expect(post!.args.channel).toBe(CHANNEL.id);
    expect(post!.args.thread_ts).toBe('1764000100.000100');
    expect(text(post!.args.blocks)).toContain('Kommunpolis Malmö Öster');
    expect(limitViolations(post!.args)).toEqual([]);
  });

  it('answers a personal number in a mention only to the asker, where it is seen, and asks them to delete it', async () => {
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: BO.id, text: `<@${FAKE_BOT.userId}> gäller ${PERSONAL_NUMBER}`, ts: '1764000200.000100', channel: CHANNEL.id, event_ts: '1764000200.000100' }));
    const [warning] = await fake.waitForCall('chat.postEphemeral');
    expect(warning!.args.user).toBe(BO.id);
    // A top-level mention has no thread, and Slack shows an ephemeral message in a thread only when it exists: so in the channel.
    expect(warning!.args.thread_ts).toBeUndefined();
    expect(text(warning!.args)).not.toContain('1212');
    expect(text(warning!.args.blocks)).toContain(DELETE_HINT.slice(0, 30));
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('keeps the personal-number warning in the thread when the mention was in a thread', async () => {
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: BO.id, text: `<@${FAKE_BOT.userId}> gäller ${PERSONAL_NUMBER}`, ts: '1764000210.000100', thread_ts: '1764000100.000100', channel: CHANNEL.id, event_ts: '1764000210.000100' }));
    const [warning] = await fake.waitForCall('chat.postEphemeral');
    expect(warning!.args.thread_ts).toBe('1764000100.000100');
  });

  it('answers a direct message in the DM, and ignores edits, joins and bots', async () => {
    const dm = (fields: Json) => sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel: 'DANNA', channel_type: 'im', user: ANNA.id, ts: `1764000300.00${Math.floor(Math.random() * 1e4)}`, event_ts: '1764000300.0001', ...fields }));
    const before = coreCalls;
    await dm({ subtype: 'message_changed', message: { text: 'socialjouren malmo' } });
    await dm({ subtype: 'channel_join', text: 'har anslutit' });
    await dm({ bot_id: 'BANNAN', text: 'socialjouren malmo' });
    await dm({ text: 'socialjouren malmo' });
    const [post] = await fake.waitForCall('chat.postMessage');
    expect(post!.args.channel).toBe('DANNA');
    expect(post!.args.thread_ts).toBeUndefined();
    expect(text(post!.args.blocks)).toContain('Socialjouren Malmö');
    await settle();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(coreCalls - before).toBe(1);
  });

  it('tells the user in Swedish when Slack refuses the answer, and logs no user text', async () => {
    const before = logLines.length;
    fake.failNext('chat.postMessage', 'internal_error');
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel: 'DANNA', channel_type: 'im', user: ANNA.id, text: 'hemlig fråga om husie', ts: '1764000400.000100', event_ts: '1764000400.000100' }));
    const [, notice] = await fake.waitForCall('chat.postMessage', () => true, 2);
    expect(notice!.args.text).toBe(FAILURE_TEXT);
    const logged = logLines.slice(before).join('');
    expect(logged).toContain('internal_error');
    expect(logged).not.toContain('hemlig fråga');
  });
});

describe('interactive checklists', () => {
  async function startChecklist(): Promise<{ post: ApiCall; ts: string; runId: string }> {
    const c = command('/checklista', 'sig');
    expect((await c.sent).status).toBe(200);
    const [post] = await fake.waitForCall('chat.postMessage');
    const runId = /^checklist:(.+):0$/.exec(checkboxGroups(post!.args)[0]!.block_id)![1]!;
    return { post: post!, ts: post!.result.ts as string, runId };
  }

  /** The message as Slack holds it after chat.postMessage / chat.update. */
  const message = (ts: string, args: Json) => ({ type: 'message', ts, bot_id: FAKE_BOT.botId, user: FAKE_BOT.userId, text: args.text, blocks: args.blocks });

  function tick(msg: Json, user: Json, itemIds: string[]) {
    const group = checkboxGroups(msg)[0]!;
    const box = group.elements[0];
    const selected = box.options.filter((o: Json) => itemIds.includes(o.value));
    return sendInteraction(eventsUrl, SECRET, blockActions({ type: 'checkboxes', action_id: box.action_id, block_id: group.block_id, selected_options: selected }, { user, message: msg }).payload);
  }

  it('/checklista sig posts the checklist for everyone, with checkboxes', async () => {
    const { post } = await startChecklist();
    expect(post.args.channel).toBe(CHANNEL.id);
    expect(checkboxGroups(post.args)[0]!.elements[0].options.map((o: Json) => o.value)).toEqual(['kartlaggning', 'samtycke', 'atgardsplan']);
    expect(limitViolations(post.args)).toEqual([]);
    expect(fake.responses).toHaveLength(0);
  });

  it('a tick updates the message for everyone and records who ticked what and when', async () => {
    const { post, ts, runId } = await startChecklist();
    const shown = message(ts, post.args);
    expect((await tick(shown, ANNA, ['kartlaggning'])).status).toBe(200);
    const [update] = await fake.waitForCall('chat.update');
    expect(update!.args.channel).toBe(CHANNEL.id);
    expect(update!.args.ts).toBe(ts);
    const box = checkboxGroups(update!.args)[0]!.elements[0];
    expect(box.initial_options.map((o: Json) => o.value)).toEqual(['kartlaggning']);
    expect(box.options[0].description.text).toBe('SIG-koordinator · ✓ anna.fiktiv, 24 nov. 10:30');
    expect(text(update!.args.blocks)).toContain('1 av 3 klara');
    const run = await store.runs.get(runId);
    expect(run?.ticks).toEqual([{ itemId: 'kartlaggning', done: true, by: 'anna.fiktiv', at: NOW.toISOString() }]);

    // Bo still sees the message without Anna's tick and ticks the same step: it stays ticked, by
    // Anna who was first, and nothing is recorded twice; Bo's message is brought up to date.
    fake.clear();
    expect((await tick(shown, BO, ['kartlaggning'])).status).toBe(200);
    const [second] = await fake.waitForCall('chat.update');
    expect(checkboxGroups(second!.args)[0]!.elements[0].options[0].description.text).toBe('SIG-koordinator · ✓ anna.fiktiv, 24 nov. 10:30');
    expect((await store.runs.get(runId))?.ticks).toHaveLength(1);

    // Unticking from the fresh message takes the tick away.
    fake.clear();
    await tick(message(ts, second!.args), ANNA, []);
    const [third] = await fake.waitForCall('chat.update');
    expect(checkboxGroups(third!.args)[0]!.elements[0].initial_options).toBeUndefined();
  });

  it('reset and close change the run for everyone', async () => {
    const { post, ts, runId } = await startChecklist();
    await tick(message(ts, post.args), ANNA, ['samtycke']);
    const [ticked] = await fake.waitForCall('chat.update');

    fake.clear();
    await press(buttonFor(ticked!.args, 'Börja om'), { message: message(ts, ticked!.args) });
    const [reset] = await fake.waitForCall('chat.update');
    expect(text(reset!.args.blocks)).toContain('0 av 3 klara');
    expect((await store.runs.get(runId))?.items).toEqual({});

    fake.clear();
    await press(buttonFor(reset!.args, 'Avsluta'), { message: message(ts, reset!.args) });
    const [closed] = await fake.waitForCall('chat.update');
    expect(text(closed!.args.blocks)).toContain('avslutad');
    expect(checkboxGroups(closed!.args)).toEqual([]);
    expect((await store.runs.get(runId))?.status).toBe('closed');
  });

  it('falls back to the response_url where the app is not in the channel', async () => {
    fake.failNext('chat.postMessage', 'not_in_channel');
    const c = command('/checklista', 'orosanmälan');
    await c.sent;
    const [response] = await fake.waitForResponse((r) => r.path === c.path);
    expect(response!.body.response_type).toBe('in_channel');
    expect(checkboxGroups(response!.body)).toHaveLength(1);

    // Updates then go through each tick's own response_url.
    fake.failNext('chat.update', 'cant_update_message');
    const shown = message('1764000700.000100', response!.body);
    const group = checkboxGroups(shown)[0]!;
    const { payload, responseUrl } = blockActions(
      { type: 'checkboxes', action_id: group.elements[0].action_id, block_id: group.block_id, selected_options: [group.elements[0].options[1]] },
      { message: shown },
    );
    await sendInteraction(eventsUrl, SECRET, payload);
    const [replaced] = await fake.waitForResponse((r) => r.path === new URL(responseUrl!).pathname);
    expect(replaced!.body.replace_original).toBe(true);
    expect(text(replaced!.body.blocks)).toContain('1 av 2 klara');
  });

  it('refuses a tick whose message cannot be read, and says what to do', async () => {
    const before = coreCalls;
    const { payload, responseUrl } = blockActions({ type: 'checkboxes', action_id: 'motpart.tick.0', block_id: 'checklist:okand:0', selected_options: [] }, {});
    await sendInteraction(eventsUrl, SECRET, payload);
    const [answer] = await fake.waitForResponse((r) => r.path === new URL(responseUrl!).pathname);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(answer!.body.text).toContain('/checklista');
    expect(coreCalls).toBe(before);
  });
});

describe('buttons', () => {
  it('feedback replaces the private answer with the same answer and "Tack – registrerat", buttons gone', async () => {
    const body = await answerTo('/sekretess', 'far soc lamna uppgifter till polisen om en 17 aring');
    const { path: responsePath } = await press(buttonFor(body, '👍 Till hjälp'), { ephemeral: true });
    const [thanks] = await fake.waitForResponse((r) => r.path === responsePath);
    expect(thanks!.body.replace_original).toBe(true);
    expect(text(thanks!.body)).toContain('Tack – registrerat');
    expect(text(thanks!.body)).toContain('10 kap. 18 a § OSL');
    expect(text(thanks!.body)).not.toContain('Till hjälp');
    // Still private, so it can still be shown to the channel.
    expect(text(thanks!.body)).toContain(SHARE_LABEL);
    expect(await store.feedback.list()).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'snippet', helpful: true, by: ANNA.id })]));
  });

  it('"Visa för kanalen" posts the answer for everyone and removes the private one', async () => {
    const body = await answerTo('/motpart', 'socialjouren malmo');
    const { path: responsePath } = await press(buttonFor(body, SHARE_LABEL), { ephemeral: true });
    const [post] = await fake.waitForCall('chat.postMessage');
    expect(post!.args.channel).toBe(CHANNEL.id);
    expect(text(post!.args.blocks)).toContain('Socialjouren Malmö');
    expect(text(post!.args.blocks)).toContain(`Delat av <@${ANNA.id}>`);
    expect(buttons(post!.args).some((b: Json) => b.text.text === SHARE_LABEL)).toBe(false);
    const [removed] = await fake.waitForResponse((r) => r.path === responsePath);
    expect(removed!.body.delete_original).toBe(true);
  });

  it('a checklist started from a private answer stays private until "Visa för kanalen"', async () => {
    const body = await answerTo('/sekretess', 'far soc lamna uppgifter till polisen om en 17 aring');
    const start = buttons(body).find((b: Json) => decodeAction(b.value).ok && (decodeAction(b.value) as { value: { type: string } }).value.type === 'checklist.start');
    expect(start).toBeDefined();
    const { path: responsePath } = await press(start, { ephemeral: true });
    const [answer] = await fake.waitForResponse((r) => r.path === responsePath);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(checkboxGroups(answer!.body)).toHaveLength(1);
    expect(buttons(answer!.body).some((b: Json) => b.text.text === SHARE_LABEL)).toBe(true);
    await settle();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('a suggestion asks its question and answers privately', async () => {
    const body = await answerTo('/motpart', '');
    const suggestion = buttons(body)[0]!;
    const { path: responsePath } = await press(suggestion, { ephemeral: true });
    const [answer] = await fake.waitForResponse((r) => r.path === responsePath);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(answer!.body.replace_original).toBe(false);
    expect(limitViolations(answer!.body)).toEqual([]);
  });

  it('a tampered button value is refused before the core runs', async () => {
    const before = coreCalls;
    const { path: responsePath } = await press({ action_id: 'motpart.action.0', text: { type: 'plain_text', text: 'x' }, value: '{"type":"checklist.toggle","runId":""}' }, { ephemeral: true });
    const [answer] = await fake.waitForResponse((r) => r.path === responsePath);
    expect(answer!.body.text).toBe(BAD_BUTTON_TEXT);
    expect(coreCalls).toBe(before);
  });
});

describe('App Home', () => {
  it('shows the one saved role: a role stated in a DM is the role the home tab shows', async () => {
    const user = { id: 'UCARL', name: 'carl.fiktiv' };
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel: 'DCARL', channel_type: 'im', user: user.id, text: 'jag är polis', ts: '1764000700.000100', event_ts: '1764000700.000100' }));
    const [confirmed] = await fake.waitForCall('chat.postMessage');
    expect(text(confirmed!.args.blocks)).toContain('Sparat: du är polisen');
    fake.clear();
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_home_opened', user: user.id, channel: 'DCARL', tab: 'home', event_ts: '1764000701.0001' }));
    const [home] = await fake.waitForCall('views.publish');
    expect(text(home!.args.view.blocks)).toContain('Din roll: *polisen*');
    expect(text(home!.args.view.blocks)).not.toContain('Du har inte valt roll än');
  });

  it('publishes the home tab, lets the user choose a role, and counterpart answers follow it', async () => {
    const open = (view?: Json) => sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_home_opened', user: BO.id, channel: 'DBO', tab: 'home', event_ts: '1764000800.0001', ...(view ? { view } : {}) }));
    await open();
    const [first] = await fake.waitForCall('views.publish');
    expect(first!.args.user_id).toBe(BO.id);
    const view = first!.args.view as Json;
    expect(view.type).toBe('home');
    expect(limitViolations(view, 'view')).toEqual([]);
    expect(text(view.blocks)).toContain('Du har inte valt roll än');
    expect(text(view.blocks)).toContain('Sociala insatsgrupper (SIG)');

    fake.clear();
    const select = view.blocks.find((b: Json) => b.block_id === 'role:0').elements[0];
    const option = select.option_groups.flatMap((g: Json) => g.options).find((o: Json) => o.value === 'kommunpolis-malmo-oster');
    const { payload } = blockActions({ type: 'static_select', action_id: select.action_id, block_id: 'role:0', selected_option: option }, { user: BO, view: { id: 'VHOME', type: 'home', private_metadata: view.private_metadata, blocks: view.blocks } });
    expect((await sendInteraction(eventsUrl, SECRET, payload)).status).toBe(200);
    const [chosen] = await fake.waitForCall('views.publish');
    expect(text(chosen!.args.view.blocks)).toContain('Din roll: *Kommunpolis Malmö Öster* (Polisen region Syd)');
    expect(text(chosen!.args.view.blocks)).toContain('Sparat');
    expect((await store.profiles.get('slack', BO.id))?.functionId).toBe('kommunpolis-malmo-oster');

    // The role decides what "my counterpart" means: for the police, social services.
    const answer = await answerTo('/motpart', 'min motpart i rosengard', BO);
    expect(text(answer.blocks)).toContain('Mottagningsenheten barn och unga, Område Öster');

    // Opening the tab again shows the role kept in the published view.
    fake.clear();
    await open({ id: 'VHOME', type: 'home', private_metadata: chosen!.args.view.private_metadata });
    const [again] = await fake.waitForCall('views.publish');
    expect(text(again!.args.view.blocks)).toContain('Din roll: *Kommunpolis Malmö Öster*');
  });

  it('a checklist shortcut on the home tab sends the checklist to the app\'s DM', async () => {
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_home_opened', user: ANNA.id, channel: 'DANNA', tab: 'home', event_ts: '1764000900.0001' }));
    const [published] = await fake.waitForCall('views.publish');
    const shortcut = buttonFor(published!.args.view, '📋 Orosanmälan');
    fake.clear();
    await press(shortcut, { view: { id: 'VHOME', type: 'home', private_metadata: '{}' } });
    const [post] = await fake.waitForCall('chat.postMessage');
    expect(post!.args.channel).toBe(ANNA.id);
    expect(checkboxGroups(post!.args)).toHaveLength(1);
  });

  it('does nothing when the Messages tab is opened', async () => {
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_home_opened', user: ANNA.id, channel: 'DANNA', tab: 'messages', event_ts: '1764001000.0001' }));
    await settle();
    expect(fake.calls.filter((c) => c.method === 'views.publish')).toHaveLength(0);
  });
});

describe('request signatures', () => {
  async function expectRefused(send: () => Promise<{ status: number }>) {
    const before = coreCalls;
    const res = await send();
    expect(res.status).toBe(401);
    await settle();
    expect(coreCalls).toBe(before);
    expect(fake.calls).toHaveLength(0);
    expect(fake.responses).toHaveLength(0);
  }
  const fields = () => ({ command: '/motpart', text: 'rosengard', user_id: ANNA.id, user_name: ANNA.username, channel_id: CHANNEL.id, channel_name: CHANNEL.name, response_url: fake.responseUrl() });

  it('refuses a forged signature with 401 and runs nothing', async () => {
    await expectRefused(() => sendSlashCommand(eventsUrl, SECRET, fields(), { signature: `v0=${'0'.repeat(64)}` }));
  });

  it('refuses a request signed with another secret', async () => {
    const ts = Math.floor(Date.now() / 1000);
    await expectRefused(() => sendSlashCommand(eventsUrl, SECRET, fields(), { timestamp: ts, signature: slackSignature('gissad-hemlighet', ts, 'x') }));
  });

  it('refuses a correctly signed request older than five minutes', async () => {
    await expectRefused(() => sendSlashCommand(eventsUrl, SECRET, fields(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
  });

  it('refuses a correctly signed request from more than five minutes in the future', async () => {
    await expectRefused(() => sendSlashCommand(eventsUrl, SECRET, fields(), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }));
  });

  it('refuses an event and an interaction without a valid signature', async () => {
    await expectRefused(() => sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: ANNA.id, text: 'hej', ts: '1', channel: CHANNEL.id }), { signature: 'v0=fel' }));
    await expectRefused(() => sendInteraction(eventsUrl, SECRET, { type: 'block_actions' }, { signature: 'v1=annat' }));
  });

  it('accepts a request signed a minute ago', async () => {
    const c = sendSlashCommand(eventsUrl, SECRET, fields(), { timestamp: Math.floor(Date.now() / 1000) - 60 });
    expect((await c).status).toBe(200);
    await fake.waitForResponse();
  });
});
