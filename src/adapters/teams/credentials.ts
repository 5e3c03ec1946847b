/**
 * The bot's own token, which every reply to Teams carries. botbuilder asks Microsoft's login service
 * for it with MSAL (first the authority's metadata, then the token), and MSAL's HTTP client has no
 * timeout for either: while login.microsoftonline.com hung (DNS, a stalled proxy), a reply waited
 * for ever, and the Bot Connector post's own deadline never began.
 *
 * So the credentials are botbuilder's MSAL credentials with an MSAL client of our own, whose HTTP
 * requests give up after TOKEN_TIMEOUT_MS (connecting, the TLS handshake and reading included),
 * closing their socket. The reply then fails like a hanging connector post, and the turn's error handler logs it.
 * Managed identities (UserAssignedMSI) get their token from Azure's instance metadata service, not
 * through MSAL's client here, and keep botbuilder's own credentials.
 */
// MSAL's CommonJS types: the ones botframework-connector's declarations name.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node' with { 'resolution-mode': 'require' };
import http from 'node:http';
import https from 'node:https';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { TeamsConfig } from '../../config.js';
import { requireCommonJs } from '../commonJs.js';

const { ConfidentialClientApplication } = requireCommonJs('@azure/msal-node') as typeof import('@azure/msal-node', { with: { 'resolution-mode': 'require' } });
const { AuthenticationConstants, MsalServiceClientCredentialsFactory } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');

/** How long one request to the login service may take; a fresh token takes two (metadata, then token). */
export const TOKEN_TIMEOUT_MS = 5_000;

/** MSAL reads an error answer's JSON; a body that is not JSON becomes the kind of error MSAL's own client makes of it. */
function bodyOf(text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'unknown_error', error_description: `HTTP ${status}, not JSON` };
  }
}

/** One request, as MSAL's own client makes it (node's http and https), aborted with its socket when the deadline passes. */
function send<T>(url: string, method: 'GET' | 'POST', options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> {
  const body = method === 'POST' ? (options?.body ?? '') : undefined;
  const headers = { ...options?.headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
  const request = new URL(url).protocol === 'http:' ? http.request : https.request;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, headers: res.headers as Record<string, string>, body: bodyOf(Buffer.concat(chunks).toString('utf8'), status) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** MSAL's HTTP client with a deadline on every request. */
export const boundedNetworkClient: INetworkModule = {
  sendGetRequestAsync: (url, options) => send(url, 'GET', options),
  sendPostRequestAsync: (url, options) => send(url, 'POST', options),
};

/**
 * The login authority botbuilder would use: `loginUrl` when one is configured, otherwise Microsoft's,
 * for the bot's tenant when it is single-tenant and for botframework.com when it is multi-tenant.
 */
function authorityOf(teams: Extract<TeamsConfig, { auth: 'bot-framework' }>, loginUrl: string | undefined): string {
  if (loginUrl) return loginUrl;
  const tenant = teams.appType === 'SingleTenant' && teams.tenantId ? teams.tenantId : AuthenticationConstants.DefaultChannelAuthTenant;
  return `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}`;
}

/** Credentials with bounded token requests for an app id with a client secret; undefined where botbuilder's own stay (no secret: managed identity). */
export function boundedCredentials(teams: TeamsConfig, loginUrl: string | undefined): ServiceClientCredentialsFactory | undefined {
  if (teams.auth === 'off' || teams.appType === 'UserAssignedMSI' || !teams.appPassword) return undefined;
  const authority = authorityOf(teams, loginUrl);
  const client = new ConfidentialClientApplication({
    // The authority is our configuration, not a request's: known, so MSAL does not ask Microsoft's instance discovery about it.
    auth: { clientId: teams.appId, clientSecret: teams.appPassword, authority, knownAuthorities: [new URL(authority).host] },
    system: { networkClient: boundedNetworkClient },
  });
  return new MsalServiceClientCredentialsFactory(teams.appId, client);
}
