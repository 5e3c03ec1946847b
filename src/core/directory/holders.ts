/**
 * Who holds a function on a given date. People change; the directory shows the function first and
 * is honest when the holder list is out of date or the post is vacant.
 */
import type { Holder, OrgFunction } from '../knowledge/schema.js';

export interface HoldersToday {
  /** The ordinary holder, or the vikarie standing in. */
  holder?: Holder;
  /** The ersättare. */
  deputy?: Holder;
  /** Holders whose period has ended, latest first. */
  ended: Holder[];
}

const activeOn = (h: Holder, today: string) => h.from <= today && (h.to === undefined || h.to >= today);

export function holdersOn(fn: Pick<OrgFunction, 'holders'>, today: string): HoldersToday {
  const active = fn.holders.filter((h) => activeOn(h, today));
  // A vikarie stands in for the ordinary holder, so a current vikarie is who to call.
  const holder = active.find((h) => h.kind === 'vikarie') ?? active.find((h) => h.kind === 'ordinarie');
  const deputy = active.find((h) => h.kind === 'ersattare');
  const ended = fn.holders.filter((h) => h.to !== undefined && h.to < today).sort((a, b) => (b.to! > a.to! ? 1 : -1));
  return { holder, deputy, ended };
}
