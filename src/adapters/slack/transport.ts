/**
 * The Slack adapter's outgoing HTTP: Web API calls and response_url posts. Bolt and the WebClient
 * take a fetch function; the global one (undici, WHATWG streams on both body and response) costs
 * about a fifth of a millisecond of CPU per post, a third of what answering a question costs. This
 * one speaks node:http(s) over keep-alive agents and returns a standard Response. Anything it does
 * not handle (a FormData or stream body, for file uploads) goes to the global fetch.
 */
import http from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, scheduling: 'fifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, scheduling: 'fifo' }),
} as const;

/**
 * A Slack call (Web API or response_url) that has not been answered in this time is given up. A
 * Slack that accepts connections and never answers would otherwise hold a pooled socket for good:
 * after 64 of them no answer went out at all, for minutes after Slack recovered.
 */
export const SLACK_TIMEOUT_MS = 5_000;

class SlackTimeoutError extends Error {
  constructor(url: URL) {
    // The host only: the path of a response_url is a credential.
    super(`no answer from ${url.host} within ${SLACK_TIMEOUT_MS} ms`);
    this.name = 'SlackTimeoutError';
  }
}

/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headersOf(init: RequestInit['headers']): Record<string, string> {
  if (!init) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(new Headers(init).entries());
  return init as Record<string, string>;
}

function bodyOf(body: RequestInit['body']): string | Buffer | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return false;
}

export async function keepAliveFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = typeof input === 'string' ? new URL(input) : input;
  const body = bodyOf(init.body);
  const agent = url.protocol === 'http:' || url.protocol === 'https:' ? agents[url.protocol] : undefined;
  if (body === false || !agent) return fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(SLACK_TIMEOUT_MS) });
  const transport = url.protocol === 'https:' ? https : http;
  const headers = { ...headersOf(init.headers) };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) => {
    const req = transport.request(url, { method: init.method ?? 'GET', headers, agent, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(deadline);
        const status = res.statusCode ?? 502;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined) continue;
          for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
        }
        resolve(new Response(NULL_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
      });
    });
    const fail = (err: Error) => {
      clearTimeout(deadline);
      reject(err);
    };
    // The whole exchange, answer body included, must finish in time; a socket's idle timeout would let a slow drip through.
    const deadline = setTimeout(() => req.destroy(new SlackTimeoutError(url)), SLACK_TIMEOUT_MS);
    req.on('error', fail);
    req.end(body);
  });
}
