/**
 * A Map that holds at most `capacity` entries, the one way this codebase
 * bounds its caches (compiled operations, prepared statements, costs, verified
 * tokens, compiled reads): storing a new key when full drops the oldest entry.
 * With `recency: 'read'` a hit also makes its entry the newest (least recently
 * used out); by default only insertion order counts, so a hit costs one lookup.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    readonly capacity: number,
    private readonly recency: 'write' | 'read' = 'write',
  ) {
    super();
  }

  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined && this.recency === 'read') {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}
