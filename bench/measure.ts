/**
 * Small measuring helpers: nanosecond timers, percentiles and heap deltas.
 */

export function nowNs(): bigint {
  return process.hrtime.bigint();
}

export const msSince = (start: bigint) => Number(nowNs() - start) / 1e6;

/** Nearest-rank percentile of values (any order). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const gc = (globalThis as { gc?: () => void }).gc;

export const gcAvailable = () => gc !== undefined;

/** Heap in use after a full collection (needs node --expose-gc; otherwise an uncollected reading). */
export function settledHeap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export const round = (value: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * A fixed piece of CPU work, timed: the same on every run, so its time says how fast this machine
 * was while the figures were taken (slower: another process shared the cores).
 */
export function referenceTaskMs(): number {
  const started = nowNs();
  let sum = 0;
  for (let i = 0; i < 200_000_000; i++) sum = (sum + (i % 7)) | 0;
  const ms = msSince(started);
  // Used, so the loop is not optimised away.
  return sum === -1 ? Number.NaN : round(ms, 0);
}
