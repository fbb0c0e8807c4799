/**
 * @module Keeps the hidden classes of node's tick objects alive for the life of the daemon.
 *
 * Every `process.nextTick` (node calls it several times per HTTP request and per socket write)
 * builds its queue entry with one object literal whose first two keys are computed: node's
 * async-id symbols. V8 remembers, for that literal, the one map (hidden class) it has seen, and
 * holds it weakly. Between ticks no entry may be alive, so a full garbage collection — the daemon
 * makes one when it first loads the password-strength dictionaries, at the first user's creation —
 * can free those maps. The literal then meets new ones, is marked megamorphic for good, and from
 * then on every tick entry is built through V8's runtime: 5% of the daemon's CPU under HTTP load,
 * measured with perf, and a quarter of a plain node server's throughput after one forced GC.
 *
 * An object built like a tick entry — the same two symbols first, then `callback` and `args` —
 * walks the same chain of maps, and while it lives they live. The symbols are node's own, read from
 * an AsyncResource (the public object that carries both). If node ever names them differently,
 * nothing is kept and nothing else changes.
 */
import { AsyncResource } from 'node:async_hooks';

let kept: object | null = null;

/**
 * Builds and keeps one object shaped as a tick entry (once per process).
 * @returns the kept object, or null when node's async-id symbols were not found.
 */
export function keepTickObjectMaps(): object | null {
  if (kept !== null) return kept;
  const symbols = new Map(
    Object.getOwnPropertySymbols(new AsyncResource('clickup-brain.tick-maps')).map((symbol) => [
      symbol.description,
      symbol,
    ]),
  );
  const asyncId = symbols.get('async_id_symbol');
  const triggerId = symbols.get('trigger_async_id_symbol');
  if (asyncId === undefined || triggerId === undefined) return null;
  // The literal's shape is task_queues.js's: the ids are numbers, `args` is absent or an array.
  kept = { [asyncId]: 0.5, [triggerId]: 0.5, callback: keepTickObjectMaps, args: undefined };
  return kept;
}
