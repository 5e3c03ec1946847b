/**
 * Answers remembered per key and forgotten all at once when `max` are kept: memory stays bounded
 * whatever people type, and a hit costs one map lookup, with no bookkeeping of age or use.
 */
export class BoundedMemo<V> {
  private readonly kept = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, work: (key: string) => V): V {
    let value = this.kept.get(key);
    if (value === undefined && !this.kept.has(key)) {
      if (this.kept.size >= this.max) this.kept.clear();
      this.kept.set(key, (value = work(key)));
    }
    return value as V;
  }
}
