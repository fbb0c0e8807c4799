/**
 * Shared by the alerting tests: a frozen start time, a memory store with an in-memory audit log
 * whose events are collected, and assertions for refusals (code, message and field).
 */
import assert from 'node:assert/strict';
import { Memory } from 'lowdb';
import { ManualClock } from '../../../../../daemon/clock.js';
import { type AuditEvent, AuditLog } from '../../../../../daemon/security/audit-log.js';
import type { StoreData } from '../../../../../daemon/store/schema.js';
import { Store } from '../../../../../daemon/store/store.js';
import { AppError } from '../../../../../src/protocol/errors.js';

/** Monday 5 January 2026, 00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5);

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface Setup {
  clock: ManualClock;
  store: Store;
  audit: AuditLog;
  /** Audit events, in order, once durable. */
  events: AuditEvent[];
  adapter: Memory<StoreData>;
}

/** A memory store, an in-memory audit log and a manual clock at {@link T0}. */
export async function setup(start = T0): Promise<Setup> {
  const clock = new ManualClock(start);
  const adapter = new Memory<StoreData>();
  const store = await Store.open({ adapter, label: 'memory' });
  const { log: audit } = await AuditLog.open({ file: null, clock });
  const events: AuditEvent[] = [];
  audit.subscribe((event) => events.push(event));
  return { clock, store, audit, events, adapter };
}

/** The parts of an audit event a test states exactly. */
export function auditOf(event: AuditEvent | undefined): Pick<AuditEvent, 'type' | 'actor' | 'subject' | 'outcome' | 'details'> | undefined {
  if (event === undefined) return undefined;
  return { type: event.type, actor: event.actor, subject: event.subject, outcome: event.outcome, details: event.details };
}

function check(error: unknown, code: string, message: string, field: string | undefined): true {
  assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
  assert.equal(error.code, code);
  assert.equal(error.message, message);
  if (field !== undefined) assert.equal(error.details['field'], field);
  return true;
}

/** Asserts `fn` throws an AppError with this code and message (and field, when given). */
export function refuses(fn: () => unknown, code: string, message: string, field?: string): void {
  assert.throws(fn, (error: unknown) => check(error, code, message, field));
}

/** Asserts `promise` rejects with an AppError with this code and message (and field, when given). */
export async function rejects(promise: Promise<unknown>, code: string, message: string, field?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => check(error, code, message, field));
}
