/**
 * The load generator, run as a child process so it does not share an event loop with the server it
 * measures. It receives one autocannon job over IPC and sends back the figures.
 */
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
}

process.once('message', (message: unknown) => {
  const parsed = job.parse(message);
  autocannon({
    url: parsed.url,
    connections: parsed.connections,
    duration: parsed.seconds,
    timeout: 10,
    requests: parsed.requests,
    ...(parsed.overallRate ? { overallRate: parsed.overallRate } : {}),
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
