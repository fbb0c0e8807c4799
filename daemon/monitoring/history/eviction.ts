/**
 * @module The size cap: drop the oldest data, across all series, until the store fits again.
 *
 * Eviction works in whole blocks (up to a few hundred samples or points), ordered by the time of
 * the newest thing in the block, so the data that goes is the data a query is least likely to
 * need. Within a series the coarsest non-empty level always holds its oldest block, so a min-heap
 * of one entry per series (its oldest block) is enough: memory O(series), not O(blocks). Callers
 * evict down to below the cap (hysteresis) so that an append at the cap does not trigger a scan
 * every time.
 */
import type { RollupBuffer } from './rollup.js';
import type { Series } from './series.js';
import type { SeriesBuffer } from './series-buffer.js';

/** What an eviction removed. */
export interface Eviction {
  bytes: number;
  samples: number;
  points: number;
  /** Series left with no data at all; the caller forgets them. */
  emptied: Series[];
}

interface Front {
  end: number;
  series: Series;
  buffer: SeriesBuffer | RollupBuffer;
}

/** The block of `series` holding its oldest data, if it has any. */
function front(series: Series): Front | undefined {
  for (let i = series.levels.length - 1; i >= 0; i--) {
    const level = series.levels[i] as RollupBuffer;
    if (level.chunkCount > 0) return { end: level.chunkEnd(0), series, buffer: level };
  }
  const full = series.full;
  return full.chunkCount > 0 ? { end: full.chunkEnd(0), series, buffer: full } : undefined;
}

/** A binary min-heap on `end`. */
class Heap {
  private readonly items: Front[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: Front): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as Front).end <= item.end) break;
      a[i] = a[parent] as Front;
      i = parent;
    }
    a[i] = item;
  }

  pop(): Front | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= a.length) break;
      const right = left + 1;
      const child =
        right < a.length && (a[right] as Front).end < (a[left] as Front).end ? right : left;
      if ((a[child] as Front).end >= last.end) break;
      a[i] = a[child] as Front;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

/** Drops the oldest blocks until at least `bytesToFree` estimated bytes are gone (or nothing is left). */
export function evictOldest(all: Iterable<Series>, bytesToFree: number): Eviction {
  const heap = new Heap();
  for (const series of all) {
    const first = front(series);
    if (first !== undefined) heap.push(first);
  }
  const result: Eviction = { bytes: 0, samples: 0, points: 0, emptied: [] };
  while (result.bytes < bytesToFree && heap.size > 0) {
    const { series, buffer } = heap.pop() as Front;
    const before = series.bytes;
    const removed = buffer.dropOldestChunk();
    if (buffer === series.full) result.samples += removed;
    else result.points += removed;
    result.bytes += before - series.bytes;
    const next = front(series);
    if (next !== undefined) {
      heap.push(next);
    } else {
      result.emptied.push(series);
      result.bytes += series.bytes;
    }
  }
  return result;
}
