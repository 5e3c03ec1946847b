/**
 * Microsoft's OpenID metadata and signing keys, fetched by botbuilder to check every token. Its
 * OpenIdMetadata (one instance per metadata URL, shared by all requests) fetches with node-fetch
 * and no timeout, starts another fetch for every request while its keys are stale or missing, and
 * fails every request while a refresh fails, even when the keys it holds still verify. Under a DNS
 * or network outage that was one hanging fetch per request, for minutes.
 *
 * `refreshCache` is wrapped, once per process (botbuilder offers no hook for it):
 * - one refresh at a time per URL; requests that come meanwhile wait for that one,
 * - a refresh gives up after METADATA_TIMEOUT_MS (node-fetch cannot be aborted from outside; the
 *   fetch is left to end on its own, and fills the cache if it ever succeeds),
 * - after a failure the next try waits, 1 s doubling up to a minute; meanwhile the keys held are
 *   used, and without any a token is refused at once,
 * - each give-up is logged.
 * The route's own deadline (AUTHENTICATION_DEADLINE_MS) still answers every request within a second.
 */
import { safeError, type Logger } from '../../logger.js';
import { requireCommonJs } from '../commonJs.js';

const { AuthenticationError } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');
const { OpenIdMetadata } = requireCommonJs('botframework-connector/lib/auth/openIdMetadata.js') as {
  OpenIdMetadata: { prototype: { refreshCache(): Promise<void>; keys?: unknown[] } };
};

export const METADATA_TIMEOUT_MS = 3_000;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

interface RefreshState {
  pending?: Promise<void>;
  failures: number;
  retryAt: number;
}

type Metadata = (typeof OpenIdMetadata)['prototype'];

const states = new WeakMap<Metadata, RefreshState>();
const original = OpenIdMetadata.prototype.refreshCache;
let log: Logger | undefined;

function givenUp(): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${METADATA_TIMEOUT_MS} ms`)), METADATA_TIMEOUT_MS).unref());
}

function refreshCache(this: Metadata): Promise<void> {
  const state = states.get(this) ?? { failures: 0, retryAt: 0 };
  states.set(this, state);
  if (state.pending) return state.pending;
  if (Date.now() < state.retryAt) {
    return this.keys ? Promise.resolve() : Promise.reject(new AuthenticationError('signing keys unavailable', 401));
  }
  state.pending = Promise.race([original.call(this), givenUp()])
    .then(
      () => {
        state.failures = 0;
      },
      (err: unknown) => {
        state.failures++;
        const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** (state.failures - 1), MAX_BACKOFF_MS);
        state.retryAt = Date.now() + backoff;
        log?.warn({ err: safeError(err), failures: state.failures, retryInMs: backoff, keptKeys: Boolean(this.keys) }, 'teams: could not fetch the OpenID metadata or signing keys; gave up');
        if (!this.keys) throw new AuthenticationError('signing keys unavailable', 401);
      },
    )
    .finally(() => {
      state.pending = undefined;
    });
  return state.pending;
}

/** Installs the bounded refresh (once) and logs its give-ups through `logger` (the latest adapter's). */
export function boundOpenIdMetadata(logger: Logger): void {
  log = logger;
  OpenIdMetadata.prototype.refreshCache = refreshCache;
}
