/**
 * What the CLI commands share: configuration, a quiet logger and the core, opened the same way
 * as the server opens it.
 */
import os from 'node:os';
import { createCore, type Core } from '../app.js';
import type { Config } from '../config.js';
import type { Asker } from '../core/ports.js';
import { localTime } from '../core/hours.js';
import { createLogger, type Logger } from '../logger.js';

export interface Runtime extends Core {
  config: Config;
  logger: Logger;
}

/** The console is for people at a terminal: no JSON log lines unless LOG_LEVEL asks for them. */
export function cliLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL ? config.logLevel : 'silent');
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
