/**
 * What the CLI commands share: configuration, the knowledge, the store and the core.
 */
import os from 'node:os';
import type { Config } from '../config.js';
import { createMotpart, type Motpart } from '../core/motpart.js';
import type { Asker, Store } from '../core/ports.js';
import { loadAndBuild, type Knowledge } from '../knowledge/knowledge.js';
import { createLogger, type Logger } from '../logger.js';
import { localTime } from '../core/hours.js';
import { unavailableStore } from './unavailableStore.js';

export interface Runtime {
  config: Config;
  knowledge: Knowledge;
  store: Store;
  motpart: Motpart;
  logger: Logger;
  close(): Promise<void>;
}

/** The console is for people at a terminal: no JSON log lines unless LOG_LEVEL asks for them. */
export function cliLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL ? config.logLevel : 'silent');
}

export const today = (config: Config, now = new Date()) => localTime(now, config.timezone).date;

const STORE_MODULE = '../store/index.js';
type CreateStore = (opts: { redisUrl?: string; dataDir?: string; memory?: boolean; logger?: Logger }) => Promise<Store>;

/** Opens the store from src/store; when it cannot start, says so and answers without saving. */
async function openStore(config: Config, logger: Logger, warn: (message: string) => void): Promise<Store> {
  try {
    // Resolved at run time: the store package is built alongside and is optional for answering.
    const { createStore } = (await import(STORE_MODULE)) as { createStore: CreateStore };
    return await createStore({ ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), dataDir: config.dataDir, logger });
  } catch (err) {
    warn(`Lagringen kunde inte startas (${err instanceof Error ? err.message : String(err)}). Frågor besvaras, men checklistor och profil sparas inte.`);
    return unavailableStore;
  }
}

export async function openRuntime(config: Config, warn: (message: string) => void): Promise<Runtime> {
  const logger = cliLogger(config);
  const knowledge = await loadAndBuild(config.knowledgeDir, { today: today(config) });
  const store = await openStore(config, logger, warn);
  const motpart = createMotpart({ knowledge: () => knowledge, store, timezone: config.timezone, admins: config.admins, logger });
  return { config, knowledge, store, motpart, logger, close: () => store.close() };
}

/** The person at the terminal; `as` is the role for this session (`--as polis`). */
export function consoleAsker(as?: string): Asker {
  const name = process.env.USER ?? process.env.USERNAME ?? os.userInfo().username;
  return { platform: 'cli', userId: 'local', displayName: name, conversationId: 'cli', ...(as ? { as } : {}) };
}
