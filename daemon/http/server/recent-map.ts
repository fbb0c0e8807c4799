/**
 * @module A Map bounded to `max` keys that drops the least recently used first, cheap on the hot
 * path of every request (the token buckets, the remembered bearer tokens and cookie sessions, the
 * clean screens).
 *
 * The plain way to keep a Map in least-recently-used order is to delete and re-insert a key on
 * every use. On a small Map, V8 then shrinks the table at the delete and grows it back at the
 * insert: two table allocations and rehashes per use, several times per request. Here a key
 * moves to the recent end only once at least half the bound has been placed after it — so a key
 * that was used is never the next to go: at least `max / 2` other keys must be placed (new ones
 * added, or old ones moved) before it can be dropped. With a bound of 3 or less that is exact
 * least-recently-used order.
 */

interface Slot<V> {
  value: V;
  /** The placement count when the key last moved to the recent end. */
  placed: number;
}

/** A Map of at most `max` keys, the least recently used dropped first (see the module comment). */
export class RecentMap<K, V> implements Iterable<[K, V]> {
  private readonly slots = new Map<K, Slot<V>>();
  /** Keys placed at the recent end so far (added or moved). */
  private placements = 0;
  /** A key moves when at least this many placements were made after it. */
  private readonly moveAfter: number;

  /** @throws TypeError when `max` is not a positive integer. */
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new TypeError('"max" must be a positive integer');
    this.moveAfter = Math.max(1, Math.floor(max / 2));
  }

  /** How many keys are kept. */
  get size(): number {
    return this.slots.size;
  }

  /** The value of `key` (and marks it used), or undefined. */
  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.touch(key, slot);
    return slot.value;
  }

  /** Whether `key` is kept (and marks it used). */
  has(key: K): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    this.touch(key, slot);
    return true;
  }

  /** Sets `key` (a use), dropping the least recently used key when the bound is passed. */
  set(key: K, value: V): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      slot.value = value;
      this.touch(key, slot);
      return;
    }
    this.slots.set(key, { value, placed: ++this.placements });
    if (this.slots.size > this.max) {
      const oldest = this.slots.keys().next();
      if (oldest.done !== true) this.slots.delete(oldest.value);
    }
  }

  /** Forgets `key`; true when it was kept. */
  delete(key: K): boolean {
    return this.slots.delete(key);
  }

  /** Forgets every key. */
  clear(): void {
    this.slots.clear();
  }

  /** Keys and values, least recently used first (deleting the current key while iterating is safe). */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const [key, slot] of this.slots) yield [key, slot.value];
  }

  private touch(key: K, slot: Slot<V>): void {
    if (this.placements - slot.placed < this.moveAfter) return;
    this.slots.delete(key);
    slot.placed = ++this.placements;
    this.slots.set(key, slot);
  }
}
