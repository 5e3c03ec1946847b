/**
 * The fake Slack (Web API and response_urls) and the fake Bot Connector for the HTTP benchmark, run
 * as a child process: real Slack and Teams are remote, so receiving the bot's replies must not take
 * event-loop time from the server being measured. The parent asks for counts over IPC.
 */
import { startFakeConnector } from '../test/support/fakeConnector.js';
import { startFakeSlack } from '../test/support/fakeSlack.js';

/** Parent → child. */
export type FakesRequest = { type: 'counts'; id: number } | { type: 'close' };

/** Child → parent. */
export type FakesMessage =
  | { type: 'ready'; slackUrl: string; slackApiUrl: string; connectorUrl: string }
  | { type: 'counts'; id: number; slackResponses: number; slackCalls: number; connectorSent: number };

const fakeSlack = await startFakeSlack();
const connector = await startFakeConnector();

// Bodies are kept only as long as the counts need them: a long run would otherwise hold every reply.
let slackResponses = 0;
let slackCalls = 0;
let connectorSent = 0;
const drain = setInterval(() => {
  slackResponses += fakeSlack.responses.length;
  slackCalls += fakeSlack.calls.length;
  connectorSent += connector.sent.length;
  fakeSlack.clear();
  connector.clear();
}, 250);

const send = (m: FakesMessage) => process.send?.(m);

process.on('message', (raw: unknown) => {
  const m = raw as FakesRequest;
  if (m.type === 'counts') {
    send({
      type: 'counts',
      id: m.id,
      slackResponses: slackResponses + fakeSlack.responses.length,
      slackCalls: slackCalls + fakeSlack.calls.length,
      connectorSent: connectorSent + connector.sent.length,
    });
  } else if (m.type === 'close') {
    clearInterval(drain);
    void Promise.all([fakeSlack.close(), connector.close()]).then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', slackUrl: fakeSlack.url, slackApiUrl: fakeSlack.apiUrl, connectorUrl: connector.url });
