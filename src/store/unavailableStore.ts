/**
 * The store the console falls back to when the real one cannot start: questions are still
 * answered, and anything that would be saved gets the core's "cannot save right now" reply.
 */
import { StoreUnavailableError, type Store } from '../core/ports.js';

const fail = async (): Promise<never> => {
  throw new StoreUnavailableError();
};

export const unavailableStore: Store = {
  profiles: { get: fail, set: fail },
  runs: { get: fail, create: fail, update: fail, findOpen: fail },
  feedback: { record: fail, list: fail },
  gaps: { record: fail, list: fail },
  directory: { list: fail, add: fail, update: fail },
  chats: { get: fail, set: fail },
  locks: { claim: fail, release: fail },
  rateLimit: { allow: fail },
  close: async () => undefined,
};
