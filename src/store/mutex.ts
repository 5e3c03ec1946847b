/**
 * Serialises async work per key inside one process. The embedded store has no server to arbitrate
 * between concurrent read-modify-write cycles, so this is what keeps two ticks on the same run from
 * overwriting each other. It cannot help across processes: several instances need Redis.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    // The chain must survive a failing `work`, and the map must not grow with every key ever seen.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
