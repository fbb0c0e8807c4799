/**
 * @module GET /api/v1/rules (monitoring.read): the `monitoring.rules.list` result,
 * `{ rules: RuleInfo[] }` (each with its expression, severity, for/keep-firing durations in ms,
 * labels, annotations, how many of its alerts are pending and firing, and its last error).
 */
import type { HttpRoute } from '../types.js';
import { getMethodRoute } from './route-builders.js';

export function rulesRoutes(): HttpRoute[] {
  return [getMethodRoute('/api/v1/rules', 'monitoring.read', 'monitoring.rules.list')];
}
