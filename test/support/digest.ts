/**
 * The weekly digest as the digest tests run it: due Mondays at 08:00 in Stockholm, and looking for
 * due posts only when the test calls tick() (the interval is an hour, longer than any test).
 */
import { parseSchedule } from '../../src/core/digest.js';
import { startDigest, type DigestOptions, type DigestScheduler } from '../../src/digest.js';

export function mondayDigest(opts: Omit<DigestOptions, 'schedule' | 'timezone' | 'intervalMs'>): DigestScheduler {
  return startDigest({ schedule: parseSchedule('mon 08:00'), timezone: 'Europe/Stockholm', intervalMs: 3_600_000, ...opts });
}
