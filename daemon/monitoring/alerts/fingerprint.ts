/**
 * @module A stable id for an alert: the hash of its sorted label set, like Alertmanager's
 * fingerprint, so the same alert keeps its id across evaluations and restarts.
 *
 * Rules run every tick over the same label sets, so ids are remembered by the hashed text: the
 * sha256 is computed once per label set, not once per evaluation.
 */
import { createHash } from 'node:crypto';
import type { Labels } from '../types.js';

/** Label-set texts remembered; past this the memo starts over (ids are recomputed, never wrong). */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, string>();

export function fingerprint(labels: Labels): string {
  // The same bytes the hash has always been fed, one `key\0value\0` per label in key order.
  let text = '';
  for (const key of Object.keys(labels).sort()) text += `${key}\u0000${labels[key]}\u0000`;
  let id = memo.get(text);
  if (id === undefined) {
    id = createHash('sha256').update(text).digest('hex').slice(0, 16);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, id);
  }
  return id;
}
