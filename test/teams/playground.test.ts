/**
 * A Teams client nobody here wrote: Microsoft 365 Agents Playground (npm
 * @microsoft/m365agentsplayground) talks to our real server over HTTP, and its web client, driven
 * with playwright-core in the system Chromium, shows what a Teams user would see. Offline: the
 * playground runs with TEAMSAPPTESTER_BROWSER=none and telemetry off, and Chromium starts with
 * background networking disabled. The screenshot is kept in test-artifacts/teams-playground.png.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WELCOME_HEADLINE } from '../../src/adapters/teams/bot.js';
import { createTeamsAdapter } from '../../src/adapters/teams/index.js';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import { unauthenticatedTeams } from '../support/fakeConnector.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = path.resolve('test-artifacts/teams-playground.png');
const CONVERSATION = 'motpart-playground-personal';
const playgroundCli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts the playground and resolves once it listens; rejects with its output if it does not. */
function startPlayground(endpoint: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    [playgroundCli, '-e', endpoint, '-c', 'msteams', '--dt', '-p', String(port), '--su', `http://127.0.0.1:${port}/_connector`, '--conversation-id', CONVERSATION],
    { env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agents playground did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agents playground exited with ${code}:\n${output}`));
    });
  });
}

describe('Teams through Microsoft 365 Agents Playground', () => {
  let store: Store;
  let server: RunningServer;
  let playground: { child: ChildProcess; output: () => string } | undefined;
  let profileDir: string;
  let browser: BrowserContext | undefined;
  let page: Page;
  let playgroundUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; scripts/ensure-test-deps.sh does it) or set CHROMIUM_PATH.`);
    }
    const logger = createLogger('silent');
    const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
    store = await createStore({ memory: true });
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => new Date('2026-11-24T09:30:00.000Z'), logger });
    const teams = createTeamsAdapter({ teams: unauthenticatedTeams(), motpart, logger, directory: () => knowledge });
    server = await startServer({ port: 0, host: '127.0.0.1', routes: { '/api/messages': teams.route }, health: () => ({}), logger });

    const port = await freePort();
    playgroundUrl = `http://127.0.0.1:${port}/`;
    playground = await startPlayground(`${server.url}/api/messages`, port);

    profileDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      // Without the background-networking flags Chromium keeps dialling out on a closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 45_000);

  afterAll(async () => {
    await browser?.close();
    playground?.child.kill();
    await server?.close();
    await store?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('shows the welcome, answers a question with a card, and ticks a checklist item in place', async () => {
    // vitest has no locator matchers (those come with @playwright/test), so the waits are explicit.
    const visible = (text: string | RegExp, timeout = 10_000) => page.getByText(text).first().waitFor({ state: 'visible', timeout });
    try {
      await page.goto(playgroundUrl);
      // The playground installs the app on load (conversationUpdate); the bot's welcome card appears.
      await visible(WELCOME_HEADLINE, 15_000);

      const compose = page.getByRole('textbox');
      await compose.click();
      await page.keyboard.type('vem ar min motpart i rosengard');
      await page.keyboard.press('Enter');
      await visible('Mottagningsenheten barn och unga, Område Öster');

      await compose.click();
      await page.keyboard.type('checklista sig');
      await page.keyboard.press('Enter');
      const step = page.getByRole('checkbox', { name: 'Kartlägg den unges situation' });
      await step.waitFor({ state: 'visible', timeout: 10_000 });
      await visible('0 av 3 klara');
      await step.check();
      await page.getByRole('button', { name: 'Spara' }).click();

      // The same card is updated in place: the playground applies the bot's PUT to that message.
      await visible('1 av 3 klara');
      expect(await page.getByText('0 av 3 klara').count()).toBe(0);
      expect(await page.getByRole('checkbox', { name: 'Kartlägg den unges situation' }).isChecked()).toBe(true);
      await visible(/klar: Alex Wilber/);
      const run = await store.runs.findOpen(CONVERSATION, 'sociala-insatsgrupper');
      expect(run?.ticks.map((t) => [t.itemId, t.done, t.by])).toEqual([['kartlaggning', true, 'Alex Wilber']]);
    } finally {
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }
  }, 60_000);
});
