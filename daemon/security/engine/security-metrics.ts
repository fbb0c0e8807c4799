/**
 * @module Security events as metrics, so alert rules can fire on them.
 *
 * Every audit event increments `security_events_total{type, outcome}`; the daemon's sampler
 * then keeps its history like any series, so `increase(security_events_total{type="login.failure"}[5m]) > 20`
 * or `increase(security_events_total{type="ip.banned"}[1h]) > 0` are ordinary alert rules and go
 * through the same alerting, acknowledgement and notification path.
 */
import type { AuditEvent, AuditLog } from '../audit-log.js';
import type { Registry } from '../../monitoring/metrics/registry.js';

export const SECURITY_EVENTS_METRIC = 'security_events_total';

/** @returns a function that stops counting. */
export function countSecurityEvents(audit: AuditLog, registry: Registry): () => void {
  const counter = registry.counter(SECURITY_EVENTS_METRIC, {
    help: 'Security and audit events by type and outcome',
    labelNames: ['type', 'outcome'],
  });
  return audit.subscribe((event: AuditEvent) =>
    counter.inc({ type: event.type, outcome: event.outcome }, 1),
  );
}
