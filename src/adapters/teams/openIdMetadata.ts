/**
 * Microsoft's OpenID metadata and signing keys, fetched by botbuilder to check every token. Its
 * OpenIdMetadata (one instance per metadata URL, shared by all requests) fetches with node-fetch
 * and no timeout, starts another fetch for every request while its keys are stale or missing, and
 * fails every request while a refresh fails, even when the keys it holds still verify. Under a DNS
 * or network outage that was one hanging fetch per request, for minutes.
 *
 * `refreshCache` is replaced, once per process (botbuilder offers no hook for it), by one that
 * fetches the same two documents (the metadata, then the keys its `jwks_uri` names):
 * - one refresh at a time per URL; requests that come meanwhile wait for that one,
 * - a refresh gives up after METADATA_TIMEOUT_MS and aborts its request, closing the connection
 *   (node-fetch could not be aborted from outside, so each give-up used to leave a socket open),
 * - what comes back is validated before botbuilder reads it,
 * - after a failure the next try waits, 1 s doubling up to a minute; meanwhile the keys held are
 *   used, and without any a token is refused at once,
 * - each give-up is logged.
 * The route's own deadline (AUTHENTICATION_DEADLINE_MS) still answers every request within a second.
 * botbuilder's proxy setting for these fetches is not used: nothing here configures one.
 */
import { z } from 'zod';
import { safeError, type Logger } from '../../logger.js';
import { requireCommonJs } from '../commonJs.js';

const { AuthenticationError } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');
const { OpenIdMetadata } = requireCommonJs('botframework-connector/lib/auth/openIdMetadata.js') as {
  OpenIdMetadata: { prototype: { refreshCache(): Promise<void>; url: string; keys?: unknown[]; lastUpdated: number } };
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
let log: Logger | undefined;

const openIdConfiguration = z.looseObject({ jwks_uri: z.url({ protocol: /^https?$/ }) });
/** botbuilder's findKey reads kid, n, e and endorsements of each key. */
const keySet = z.looseObject({ keys: z.array(z.looseObject({ kid: z.string().optional(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() })) });

async function getJson<T>(url: string, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return schema.parse(await res.json());
}

/** What botbuilder's refreshCache did, within one deadline for both requests. */
async function fetchKeys(metadata: Metadata): Promise<void> {
  const signal = AbortSignal.timeout(METADATA_TIMEOUT_MS);
  const { jwks_uri: jwksUri } = await getJson(metadata.url, openIdConfiguration, signal);
  const { keys } = await getJson(jwksUri, keySet, signal);
  metadata.keys = keys;
  metadata.lastUpdated = Date.now();
}

function refreshCache(this: Metadata): Promise<void> {
  const state = states.get(this) ?? { failures: 0, retryAt: 0 };
  states.set(this, state);
  if (state.pending) return state.pending;
  if (Date.now() < state.retryAt) {
    return this.keys ? Promise.resolve() : Promise.reject(new AuthenticationError('signing keys unavailable', 401));
  }
  state.pending = fetchKeys(this)
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

/** Installs the bounded refresh and logs its give-ups through `logger` (the latest adapter's). */
export function boundOpenIdMetadata(logger: Logger): void {
  log = logger;
  OpenIdMetadata.prototype.refreshCache = refreshCache;
}
