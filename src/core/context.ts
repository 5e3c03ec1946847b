/** What every part of the core needs to answer one message. */
import type { Knowledge } from './knowledge/knowledge.js';
import type { Logger } from '../logger.js';
import { localTime, type LocalTime } from './hours.js';
import type { Asker, Notify, Store } from './ports.js';

export interface Context {
  knowledge: Knowledge;
  store: Store;
  asker: Asker;
  now: Date;
  /** Wall-clock time where the organisations are (opening hours, holder periods). */
  local: LocalTime;
  logger?: Logger;
  /** Organisation id (or `*` for all) to the `platform:userId` of those who may change its functions from the chat. */
  editors?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Writes to people on the bot's own initiative (editors told of a change); unset in the console. */
  notify?: Notify;
}

export function createContext(fields: Omit<Context, 'local'>, timezone: string): Context {
  return { ...fields, local: localTime(fields.now, timezone) };
}
