/**
 * @module A stable id for an alert: the hash of its sorted label set, like Alertmanager's
 * fingerprint, so the same alert keeps its id across evaluations and restarts.
 */
import { createHash } from 'node:crypto';
import type { Labels } from '../types.js';

export function fingerprint(labels: Labels): string {
  const hash = createHash('sha256');
  for (const key of Object.keys(labels).sort()) hash.update(`${key}\u0000${labels[key]}\u0000`);
  return hash.digest('hex').slice(0, 16);
}
