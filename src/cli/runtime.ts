/**
 * What the CLI commands share: configuration, a quiet logger and the core, opened the same way
 * as the server opens it.
 */
import os from 'node:os';
import { createCore, startApp, type Core } from '../app.js';
import { ConfigError, type Config } from '../config.js';
import type { Asker } from '../core/ports.js';
import { localTime } from '../core/hours.js';
import type { KnowledgeStats } from '../core/knowledge/knowledge.js';
import { KnowledgeLoadError } from '../knowledge/loader.js';
import { createLogger, type Logger } from '../logger.js';

export interface Runtime extends Core {
  config: Config;
  logger: Logger;
}

/**
 * The console is for people at a terminal: no JSON log lines unless LOG_LEVEL asks for them, and
 * then on stderr, because stdout carries the answers (`motpart ask --json`).
 */
export function cliLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL ? config.logLevel : 'silent', process.stderr);
}

export const today = (config: Config, now = new Date()) => localTime(now, config.timezone).date;

/** The console answers even when the store cannot start (say, a server holds the data directory). */
export async function openRuntime(config: Config, warn: (message: string) => void): Promise<Runtime> {
  const logger = cliLogger(config);
  const core = await createCore(config, logger, { onStoreUnavailable: warn });
  return { ...core, config, logger };
}

/** The person at the terminal; `as` is the role for this session (`--as polis`). */
export function consoleAsker(as?: string): Asker {
  const name = process.env.USER ?? process.env.USERNAME ?? os.userInfo().username;
  return { platform: 'cli', userId: 'local', displayName: name, conversationId: 'cli', ...(as ? { as } : {}) };
}

export const knowledgeSummary = (stats: KnowledgeStats) =>
  `Kunskap: ${stats.functions} funktioner, ${stats.snippets} vägledningar, ${stats.checklists} checklistor.`;

/** The HTTP server until SIGINT or SIGTERM, then a clean close (store flushed, watcher stopped). */
export async function serveUntilSignal(config: Config): Promise<void> {
  const app = await startApp(config, createLogger(config.logLevel));
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

/**
 * Ends the process after a failed command or start: the message, then exit code 1 at once rather
 * than when the event loop drains, which a failed start may never let happen (the Slack client
 * keeps retrying in the background). Locks this process holds are freed on exit (dataDirLock.ts).
 */
export function exitWithFailure(message: string): void {
  process.stderr.write(`${message}\n`, () => process.exit(1));
}

/** A wrong option or input file: its message says what to fix. */
export class UsageError extends Error {}

/** What to tell the operator when a command fails: configuration, knowledge and usage errors say what to fix themselves. */
export function failureMessage(err: unknown, what: string): string {
  if (err instanceof ConfigError || err instanceof KnowledgeLoadError || err instanceof UsageError) return err.message;
  return `Motpart kunde inte ${what}: ${err instanceof Error ? err.message : String(err)}`;
}
