/**
 * Turns every failure of the backing store into StoreUnavailableError, within a bounded time.
 * A store that hangs is worse than one that fails: the chat platforms retry a request that takes
 * longer than about 3 s (Slack) and the user sees nothing, so each operation gets a deadline.
 */
import { StoreUnavailableError } from '../core/ports.js';

export const OPERATION_TIMEOUT_MS = 2_000;

export async function io<T>(operation: () => Promise<T>, timeoutMs = OPERATION_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(new Error(`no answer within ${timeoutMs} ms`))), timeoutMs);
  });
  try {
    return await Promise.race([operation(), deadline]);
  } catch (err) {
    throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
  } finally {
    clearTimeout(timer);
  }
}
