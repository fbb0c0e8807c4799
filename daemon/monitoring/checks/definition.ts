/**
 * @module User-defined health checks as stored and configured, and their validation.
 *
 * `validateDefinition` accepts untrusted input (a config file, an RPC param) and returns a
 * complete definition with every default filled in, or throws InvalidInputError naming the field.
 * Its output is valid input again, so stored definitions can be re-checked on load.
 */
import { InvalidInputError } from '../../../src/protocol/errors.js';
import { formatDuration } from '../../../src/protocol/duration.js';
import { BUILTIN_CHECK_NAMES } from './check.js';
import { Fields, show } from './fields.js';
import type { Schedule } from './probe.js';
import { TYPE_FIELDS, readTypeOptions } from './type-options.js';

/** The kinds of user-defined check. */
export const CHECK_TYPES = ['http', 'tcp', 'command', 'disk', 'memory', 'process', 'heartbeat'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** Fields every check has. */
export interface CommonDefinition extends Schedule {
  name: string;
}

/** Fetches a URL; passes on the expected status, body and latency. */
export interface HttpCheckDefinition extends CommonDefinition {
  type: 'http';
  /** An http:// or https:// URL. */
  target: string;
  method: 'GET' | 'HEAD';
  /** Accepted status codes; absent means any of 200-399. */
  expectStatus?: number[];
  /** A keyword the body must contain (first 1 MiB). */
  expectBody?: string;
  /** A regular expression the body must match (first 1 MiB). */
  expectBodyRegex?: string;
  /** Slower than this fails the check. */
  maxLatencyMs?: number;
  /** https only: warn when the certificate expires in fewer days. */
  tlsMinDaysLeft: number;
  /**
   * https only: accept a certificate that does not verify (a self-signed target). Off by default,
   * so fetch verifies as usual (`rejectUnauthorized` on); when on, the request goes through
   * node:https with `rejectUnauthorized: false` and does not follow redirects. Expiry is checked
   * either way, and an expired certificate fails the check even when insecure.
   */
  insecure: boolean;
  headers?: Record<string, string>;
}

/** Opens a TCP connection. */
export interface TcpCheckDefinition extends CommonDefinition {
  type: 'tcp';
  /** `host:port`, `[ipv6]:port`. */
  target: string;
}

/** Runs a program without a shell. */
export interface CommandCheckDefinition extends CommonDefinition {
  type: 'command';
  /** The command line, split shell-like (quotes, backslashes) but never expanded. */
  target: string;
  expectExitCode: number;
  /** A keyword stdout or stderr must contain. */
  expectOutput?: string;
}

/** Fails when the file system holding `target` is fuller than `thresholdPercent`. */
export interface DiskCheckDefinition extends CommonDefinition {
  type: 'disk';
  /** An absolute path. */
  target: string;
  thresholdPercent: number;
}

/** Fails when the host's memory in use exceeds `thresholdPercent`. */
export interface MemoryCheckDefinition extends CommonDefinition {
  type: 'memory';
  thresholdPercent: number;
}

/** Passes while a process is running. */
export interface ProcessCheckDefinition extends CommonDefinition {
  type: 'process';
  /** An absolute pid-file path, or `name:<process name>`. */
  target: string;
}

/** Passes while pushes keep arriving: DOWN after `intervalMs + graceMs` without one. */
export interface HeartbeatCheckDefinition extends CommonDefinition {
  type: 'heartbeat';
  graceMs: number;
}

/** A validated, complete check definition. */
export type CheckDefinition =
  | HttpCheckDefinition
  | TcpCheckDefinition
  | CommandCheckDefinition
  | DiskCheckDefinition
  | MemoryCheckDefinition
  | ProcessCheckDefinition
  | HeartbeatCheckDefinition;

/** Limits and defaults of the schedule fields. */
export const SCHEDULE_LIMITS = {
  minIntervalMs: 1000,
  maxIntervalMs: 86_400_000,
  defaultIntervalMs: 30_000,
  defaultTimeoutMs: 10_000,
  defaultFailureThreshold: 3,
  defaultSuccessThreshold: 1,
  maxThreshold: 100,
} as const;

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/;
const NAME_RULE = "1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";
const COMMON_FIELDS = ['name', 'type', 'intervalMs', 'timeoutMs', 'failureThreshold', 'successThreshold', 'public'];

/**
 * Throws unless `name` is a valid name for a user check: the pattern, and none of
 * {@link BUILTIN_CHECK_NAMES}. A stored check from before the built-in names were refused fails
 * here on load and is skipped as any other stored definition that no longer validates.
 */
export function checkName(name: unknown): asserts name is string {
  if (name === undefined) throw new InvalidInputError(`a check needs a name: ${NAME_RULE}`, 'name');
  if (typeof name !== 'string') throw new InvalidInputError(`a check name must be a string, got ${show(name)}`, 'name');
  if (!NAME.test(name)) throw new InvalidInputError(`check name ${show(name)} is not allowed: use ${NAME_RULE}`, 'name');
  if ((BUILTIN_CHECK_NAMES as readonly string[]).includes(name)) {
    throw new InvalidInputError(`check name ${show(name)} is a built-in check's (${BUILTIN_CHECK_NAMES.join(', ')}); choose another name`, 'name');
  }
}

function readSchedule(fields: Fields): Schedule {
  const L = SCHEDULE_LIMITS;
  const intervalMs = fields.duration('intervalMs', L.minIntervalMs, L.maxIntervalMs, L.defaultIntervalMs);
  // A short interval gets a default timeout that leaves room before the next run is due.
  const defaultTimeout = Math.min(L.defaultTimeoutMs, Math.round(intervalMs * 0.8));
  const timeoutMs = fields.duration('timeoutMs', 1, L.maxIntervalMs, defaultTimeout);
  if (timeoutMs >= intervalMs) {
    fields.fail('timeoutMs', `timeout (${formatDuration(timeoutMs)}) must be shorter than the interval (${formatDuration(intervalMs)})`);
  }
  return {
    intervalMs,
    timeoutMs,
    failureThreshold: fields.integer('failureThreshold', 1, L.maxThreshold, L.defaultFailureThreshold),
    successThreshold: fields.integer('successThreshold', 1, L.maxThreshold, L.defaultSuccessThreshold),
    public: fields.boolean('public', false),
  };
}

function asRecord(input: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError(`${what} must be an object, got ${show(input)}`);
  }
  return input as Record<string, unknown>;
}

function refuseUnknown(fields: Fields, input: Readonly<Record<string, unknown>>, allowed: readonly string[], kind: string): void {
  for (const key of Object.keys(input)) {
    if (allowed.includes(key)) continue;
    const owner = CHECK_TYPES.find((type) => TYPE_FIELDS[type].includes(key));
    if (owner !== undefined) fields.fail(key, `${key} does not apply to ${kind} checks`);
    fields.fail(key, `unknown field '${key}'; ${kind} checks take ${allowed.join(', ')}`);
  }
}

/** Validates untrusted input into a complete {@link CheckDefinition}; throws InvalidInputError. */
export function validateDefinition(input: unknown): CheckDefinition {
  const record = asRecord(input, 'a check definition');
  const name = Object.hasOwn(record, 'name') ? record.name : undefined;
  checkName(name);
  const fields = new Fields(name, record);
  const type = fields.get('type');
  if (type === undefined) fields.fail('type', `type is required: one of ${CHECK_TYPES.join(', ')}`);
  if (typeof type !== 'string' || !(CHECK_TYPES as readonly string[]).includes(type)) {
    fields.fail('type', `type must be one of ${CHECK_TYPES.join(', ')}, got ${show(type)}`);
  }
  const checkType = type as CheckType;
  refuseUnknown(fields, record, [...COMMON_FIELDS, ...TYPE_FIELDS[checkType]], checkType);
  const schedule = readSchedule(fields);
  const { type: _type, ...options } = readTypeOptions(checkType, fields, schedule);
  // name and type first, so stored definitions read naturally.
  return { name, type: checkType, ...schedule, ...options } as CheckDefinition;
}

/**
 * Validates the schedule of a check built in code ({@link HealthCheck}): the same rules and
 * defaults as a definition's.
 */
export function validateSchedule(name: unknown, options: unknown = {}): Schedule {
  checkName(name);
  const record = asRecord(options, `check '${name}': the options`);
  const fields = new Fields(name, record);
  refuseUnknown(fields, record, COMMON_FIELDS.filter((f) => f !== 'name' && f !== 'type'), 'function');
  return readSchedule(fields);
}
