/**
 * A Teams client nobody here wrote: Microsoft 365 Agents Playground (npm
 * @microsoft/m365agentsplayground) talks to our real server over HTTP, and its web client, driven
 * with playwright-core in the system Chromium, shows what a Teams user would see. Offline: the
 * playground runs with TEAMSAPPTESTER_BROWSER=none and telemetry off, and Chromium starts with
 * background networking disabled. Screenshots are kept in test-artifacts/teams-*.png (gitignored).
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
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { localTeamsAdapter, serveAdapters } from '../support/adapters.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
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
  /** The bot's clock: office hours, or evening when a closed counterpart is wanted. */
  let clock = new Date('2026-11-24T09:30:00.000Z');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; scripts/ensure-test-deps.sh does it) or set CHROMIUM_PATH.`);
    }
    const logger = createLogger('silent');
    const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
    store = await createStore({ memory: true });
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, logger });
    ({ server } = await serveAdapters([localTeamsAdapter({ motpart, logger, store })], logger));

    const port = await freePort();
    playgroundUrl = `http://127.0.0.1:${port}/`;
    playground = await startPlayground(`${server.url}/api/messages`, port);

    profileDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      // Tall enough that a whole answer card fits without scrolling (element screenshots stay clean).
      viewport: { width: 1280, height: 2000 },
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

  /** The texts of the bot's cards, newest last (top-level cards only, not a ShowCard's inline card). */
  const cards = () => page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  const lastCard = () => cards().last();
  const visible = (text: string | RegExp, timeout = 10_000) => page.getByText(text).first().waitFor({ state: 'visible', timeout });
  const shot = async (name: string, card?: ReturnType<Page['locator']>) => {
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `teams-${name}.png`);
    if (card) await card.screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
    return file;
  };
  async function say(text: string) {
    const before = await cards().count();
    const compose = page.getByRole('textbox');
    await compose.click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    // A string, evaluated in the page: the test's own types have no DOM.
    await page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)').length > ${before}`, undefined, { timeout: 10_000 });
    return lastCard();
  }
  /** Every button of a card shows its whole label, inside the card: none is clipped at the edge. */
  async function expectNoClippedButton(card: ReturnType<Page['locator']>) {
    type Box = { left: number; right: number };
    type El = { getBoundingClientRect(): Box; querySelector(s: string): El | null; querySelectorAll(s: string): Iterable<El>; scrollWidth: number; clientWidth: number; offsetParent: unknown; innerText: string };
    const problems = await card.evaluate((node) => {
      const root = node as unknown as El;
      const box = root.getBoundingClientRect();
      return [...root.querySelectorAll('button, .ac-pushButton')]
        .filter((b) => b.offsetParent !== null)
        .flatMap((b) => {
          const r = b.getBoundingClientRect();
          const label = b.querySelector('div, span') ?? b;
          const clipped = r.right > box.right + 1 || r.left < box.left - 1 || label.scrollWidth > label.clientWidth + 1 || b.scrollWidth > b.clientWidth + 1;
          return clipped ? [`${b.innerText} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`] : [];
        });
    });
    expect(problems).toEqual([]);
  }
  const ENGLISH_DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}|\d (?:AM|PM)\b/;

  it('walks through help, a role, a closed office, guidance with feedback, a checklist with a confirmed close, and a personal number', async () => {
    try {
      await page.goto(playgroundUrl);
      // The playground installs the app on load (conversationUpdate); the bot's welcome card appears.
      await visible(WELCOME_HEADLINE, 15_000);
      const welcome = lastCard();
      const welcomeText = await welcome.innerText();
      // Help names Teams' command words, not slash commands, and "namn" is not eaten as an HTML tag.
      expect(welcomeText).toContain('checklista namn – en checklista för chatten');
      expect(welcomeText).not.toMatch(/\/checklista|\/hjalp|\/motpart/);
      // The personal-number reminder appears once.
      expect(welcomeText.match(/personnummer/g)).toHaveLength(1);
      await shot('help', welcome);

      // Stating a role: a short confirmation, not a directory listing.
      const role = await say('jag är polis');
      await visible('Sparat: du är polisen');
      const roleText = await role.innerText();
      expect(roleText).not.toContain('"jag är polis" för att byta');
      expect(roleText).toContain('din motpart är socialtjänsten');

      // After office hours the counterpart is closed: what to do now is the first line.
      clock = new Date('2026-11-24T19:30:00.000Z');
      const closed = await say('vem är min motpart i rosengård');
      await visible('Din motpart i Rosengård');
      const closedLines = (await closed.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
      expect(closedLines[0]).toBe('Din motpart i Rosengård');
      expect(closedLines[1]).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)');
      expect(closedLines[2]).toBe('Mottagningsenheten barn och unga, Område Öster');
      // Normal size, dark text: the lead is as large and as dark as the body text.
      const lead = closed.getByText('Stängt nu – ring Socialjouren Malmö');
      const fontSize = (l: ReturnType<Page['locator']>) => l.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(e).fontSize);
      expect(await fontSize(lead)).toBe(await fontSize(closed.getByText('Socialtjänsten Malmö stad', { exact: true }).first()));
      await expectNoClippedButton(closed);
      await shot('closed-office', closed);
      clock = new Date('2026-11-24T09:30:00.000Z');

      // Guidance: one title, the verdict readable, buttons that fit; feedback updates it in place.
      const guidance = await say('får soc lämna uppgifter till polisen om en 17-åring');
      await guidance.getByText('Beror på').first().waitFor({ state: 'visible' });
      const guidanceText = await guidance.innerText();
      const title = guidanceText.split('\n')[0]!.trim();
      expect(title.length).toBeGreaterThan(10);
      expect(guidanceText.split(title.replace(/ \(.*\)$/, '')).length - 1).toBe(1);
      await expectNoClippedButton(guidance);
      const count = await cards().count();
      await guidance.getByRole('button', { name: /Till hjälp/ }).first().click();
      await guidance.getByText('Tack – registrerat').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await cards().count()).toBe(count);
      expect(await guidance.getByRole('button', { name: /Till hjälp/ }).count()).toBe(0);
      await shot('guidance', guidance);

      // A checklist: two ticks, Swedish dates, a confirmed close that says who closed it.
      const checklist = await say('checklista sig');
      await checklist.getByText('0 av 3 klara').waitFor({ state: 'visible' });
      await checklist.getByRole('checkbox', { name: 'Kartlägg den unges situation' }).check();
      await checklist.getByRole('checkbox', { name: /Upprätta individuell åtgärdsplan/ }).check();
      await checklist.getByRole('button', { name: 'Spara' }).click();
      await visible('2 av 3 klara');
      const ticked = await lastCard().innerText();
      expect(ticked).toMatch(/Ansvarig: SIG-koordinator · klar: Alex Wilber 24 nov\. 10:30/);
      expect(ticked).not.toMatch(ENGLISH_DATE);
      expect(ticked.match(/Sociala insatsgrupper/g)).toHaveLength(1);
      await lastCard().getByRole('button', { name: 'Avsluta' }).click();
      // Nothing is closed yet: the card asks first.
      await visible('Checklistan avslutas för alla i chatten och kan inte bockas av mer.');
      expect((await store.runs.findOpen(CONVERSATION, 'sociala-insatsgrupper'))?.status).toBe('open');
      await shot('checklist-confirm', lastCard());
      await lastCard().getByRole('button', { name: 'Ja, avsluta' }).click();
      await visible(/Avslutad av Alex Wilber, 24 nov\. 10:30/);
      const closedList = await lastCard().innerText();
      expect(closedList).toContain('avslutad');
      expect(closedList).not.toMatch(ENGLISH_DATE);
      expect(await store.runs.findOpen(CONVERSATION, 'sociala-insatsgrupper')).toBeUndefined();
      await shot('checklist-closed', lastCard());

      // A personal number: a warning that does not repeat it.
      const warning = await say('får jag lämna ut adressen för 19121212-1212 till polisen');
      await warning.getByText('Skriv inte personnummer här').waitFor({ state: 'visible' });
      expect(await warning.innerText()).not.toContain('1212');
      expect(await warning.innerText()).not.toContain('adressen');
      // One button asks again without the number.
      await expectNoClippedButton(warning);
      // Not pressed here: the playground's client throws on every messageBack button ("Cannot add
      // property msTeams, object is not extensible"); test/teams/e2e.test.ts covers what it sends.
      expect(await warning.getByRole('button', { name: 'Fråga igen utan numret' }).count()).toBe(1);
      await shot('personal-number', warning);
    } finally {
      await shot('playground');
    }
  }, 90_000);
});
