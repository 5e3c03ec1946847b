/**
 * How values are turned into the strings keyv hands to its adapters. Plain JSON (not keyv's default
 * serializer) because the Redis atomic path reads and writes the same strings with its own
 * commands and must produce byte-identical values.
 */

/** keyv's own wrapper around every stored value. */
export interface KeyvEntry {
  value?: unknown;
  expires?: number | null;
}

/**
 * Stands in for a stored string that is not JSON (hand-edited, truncated, written by something
 * else). Reading it must not throw out of keyv: it flows on as a value that fails validation and
 * is skipped with a log line, like any other bad value.
 */
export const UNPARSEABLE = Object.freeze({ unparseable: true });

export function serialize(entry: KeyvEntry): string {
  return JSON.stringify(entry);
}

export function deserialize(raw: string | undefined): KeyvEntry | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && 'value' in parsed) return parsed as KeyvEntry;
  } catch {
    // falls through to UNPARSEABLE
  }
  return { value: UNPARSEABLE };
}
