/**
 * The load generator, run as a child process so it does not share an event loop with the server it
 * measures. It receives one job over IPC and sends back the figures.
 *
 * At a fixed rate, requests go out evenly spaced (open loop: one every 1/rate s, whether or not
 * earlier ones were answered), over a pool of keep-alive connections, and latency counts from the
 * moment each request was due, so a stall shows in full (no coordinated omission). autocannon's own
 * rate limit is not used for this: it lets each connection send its whole quota for the second
 * back to back and then pause, so "500 req/s" arrived as bursts at full concurrency at the start of
 * every second, and the figures measured the burst, not the rate. Without a rate (saturation),
 * autocannon runs closed loop on its connections, as before.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { z } from 'zod';

const job = z.object({
  url: z.string().url(),
  connections: z.number().int().min(1),
  seconds: z.number().min(1),
  overallRate: z.number().int().min(1).optional(),
  requests: z.array(z.object({ method: z.literal('POST'), path: z.string(), headers: z.record(z.string(), z.string()), body: z.string() })).min(1),
});
export type LoadJob = z.infer<typeof job>;

export interface LoadResult {
  /** Responses received within the run. */
  requests: number;
  sent: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Fixed rates only: every latency, in the order answered, so that rounds of one rate can be pooled (bench/http.ts). */
  latenciesMs?: number[];
}

const percentile = (sorted: readonly number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
const round = (ms: number) => Math.round(ms * 100) / 100;

function paced(parsed: LoadJob & { overallRate: number }): Promise<LoadResult> {
  const url = new URL(parsed.url);
  // Enough sockets that the pool is never what limits the rate; a request with none free waits, and that wait counts.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(parsed.connections, 64) });
  const interval = 1000 / parsed.overallRate;
  const total = Math.round(parsed.seconds * parsed.overallRate);
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let answered = 0;
  const start = performance.now();
  const deadline = start + parsed.seconds * 1000;
  return new Promise((resolve) => {
    let open = 0;
    let finishedSending = false;
    const finish = () => {
      if (!finishedSending || open > 0) return;
      agent.destroy();
      const elapsed = (performance.now() - start) / 1000;
      const sorted = [...latencies].sort((a, b) => a - b);
      resolve({ requests: answered, sent, reqPerSec: Math.round(answered / Math.max(parsed.seconds, elapsed)), p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), errors, timeouts, non2xx, latenciesMs: latencies });
    };
    const fire = (due: number) => {
      const r = parsed.requests[sent % parsed.requests.length]!;
      sent++;
      open++;
      const req = http.request({ host: url.hostname, port: url.port, path: r.path, method: r.method, agent, headers: { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) }, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          open--;
          const ms = performance.now() - due;
          // Only answers within the run count, as autocannon counts them.
          if (performance.now() <= deadline + 10_000) {
            answered++;
            latencies.push(ms);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
          }
          finish();
        });
      });
      req.on('timeout', () => {
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors++;
        open--;
        finish();
      });
      req.end(r.body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) fire(start + sent * interval);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else {
        finishedSending = true;
        finish();
      }
    };
    tick();
  });
}

process.once('message', (message: unknown) => {
  const parsed = job.parse(message);
  if (parsed.overallRate) {
    const rate = parsed.overallRate;
    paced({ ...parsed, overallRate: rate }).then((result) => process.send?.(result, () => process.exit(0)));
    return;
  }
  autocannon({
    url: parsed.url,
    connections: parsed.connections,
    duration: parsed.seconds,
    timeout: 10,
    requests: parsed.requests,
  }).then(
    (r) => {
      const result: LoadResult = {
        requests: r.requests.total,
        sent: r.requests.sent,
        reqPerSec: Math.round(r.requests.total / r.duration),
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
      };
      process.send?.(result, () => process.exit(0));
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
});
