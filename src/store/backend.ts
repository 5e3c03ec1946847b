/**
 * The few primitives the repositories are written against. Two implementations: a local one for the
 * in-memory and embedded file stores (one process), and one for Redis (any number of processes).
 * Everything above this line is shared, so the two paths cannot drift apart.
 *
 * Values are opaque here (`unknown`): validation happens in records.ts on every read.
 * Every method throws StoreUnavailableError when the backing store cannot be reached; an error
 * thrown by an `update` function is passed through unchanged.
 */
export interface KvBackend {
  readonly kind: 'memory' | 'file' | 'redis';
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Read-modify-write that no concurrent `update` of the same key can interleave with.
   * `change` gets undefined for a missing key and returns undefined to delete the key.
   */
  update(key: string, change: (current: unknown) => unknown): Promise<unknown>;
  /** Fixed-window counter: the number of hits in the current window, this one included. */
  increment(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}
