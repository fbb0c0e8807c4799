/**
 * @module The options of each check type and the rules for them (used by definition.ts).
 */
import { formatDuration } from '../../../src/protocol/duration.js';
import { parseHostPort, parseHttpUrl } from './address.js';
import { splitArgv } from './argv.js';
import type { CheckDefinition, CheckType } from './definition.js';
import { show, type Fields } from './fields.js';
import type { Schedule } from './probe.js';

/** The fields each type takes beyond the common ones. */
export const TYPE_FIELDS: Readonly<Record<CheckType, readonly string[]>> = {
  http: ['target', 'method', 'expectStatus', 'expectBody', 'expectBodyRegex', 'maxLatencyMs', 'tlsMinDaysLeft', 'insecure', 'headers'],
  tcp: ['target'],
  command: ['target', 'expectExitCode', 'expectOutput'],
  disk: ['target', 'thresholdPercent'],
  memory: ['thresholdPercent'],
  process: ['target'],
  heartbeat: ['graceMs'],
};

const TARGET_HELP: Readonly<Record<string, string>> = {
  http: 'an http:// or https:// URL',
  tcp: 'host:port, like db.internal:5432 or [::1]:8080',
  command: 'a command line, like pg_isready -h localhost',
  disk: 'an absolute path, like /var/lib',
  process: 'a pid file path like /run/nginx.pid, or name:<process name>',
};

/** The definition without the common fields (distributed over the union, member by member). */
type TypeOptions = CheckDefinition extends infer D ? (D extends CheckDefinition ? Omit<D, keyof Schedule | 'name'> : never) : never;

function target(fields: Fields, type: string): string {
  const value = fields.string('target');
  if (value === undefined || value.trim() === '') {
    fields.fail('target', `target is required for ${type} checks: ${TARGET_HELP[type]}`);
  }
  return value;
}

function checked(fields: Fields, field: string, outcome: unknown): void {
  if (typeof outcome === 'string') fields.fail(field, `${field} is invalid: ${outcome}`);
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headers(fields: Fields): Record<string, string> | undefined {
  const value = fields.get('headers');
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fields.fail('headers', `headers must be an object of header name to value, got ${show(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) fields.fail('headers', `headers may hold at most 50 entries, got ${entries.length}`);
  const out: Record<string, string> = {};
  for (const [name, text] of entries) {
    if (!HEADER_NAME.test(name)) fields.fail('headers', `header name ${show(name)} is not a valid HTTP header name`);
    // A CR or LF in a value would let the definition smuggle extra header lines.
    if (typeof text !== 'string' || /[\r\n\0]/.test(text) || text.length > 8192) {
      fields.fail('headers', `header ${name} must be a one-line string of at most 8192 characters, got ${show(text)}`);
    }
    out[name] = text;
  }
  return out;
}

function expectStatus(fields: Fields): number[] | undefined {
  const value = fields.get('expectStatus');
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  const valid = list.length >= 1 && list.length <= 50 && list.every((code) => Number.isInteger(code) && (code as number) >= 100 && (code as number) <= 599);
  if (!valid) fields.fail('expectStatus', `expectStatus must be a status code from 100 to 599 or a list of them, got ${show(value)}`);
  return list as number[];
}

function http(fields: Fields, schedule: Schedule): TypeOptions {
  const url = target(fields, 'http');
  checked(fields, 'target', parseHttpUrl(url));
  const methodText = fields.string('method') ?? 'GET';
  const method = methodText.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') fields.fail('method', `method must be GET or HEAD, got ${show(methodText)}`);
  const expectBody = fields.string('expectBody', 1024);
  const expectBodyRegex = fields.string('expectBodyRegex', 1024);
  if (expectBody !== undefined && expectBodyRegex !== undefined) {
    fields.fail('expectBodyRegex', 'give expectBody or expectBodyRegex, not both');
  }
  if (expectBodyRegex !== undefined) {
    try {
      new RegExp(expectBodyRegex);
    } catch (error) {
      fields.fail('expectBodyRegex', `expectBodyRegex is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (method === 'HEAD' && (expectBody !== undefined || expectBodyRegex !== undefined)) {
    fields.fail('method', 'a HEAD response has no body to match; use method GET with expectBody or expectBodyRegex');
  }
  let maxLatencyMs: number | undefined;
  if (fields.has('maxLatencyMs')) {
    maxLatencyMs = fields.duration('maxLatencyMs', 1, schedule.intervalMs, 0);
    if (maxLatencyMs >= schedule.timeoutMs) {
      fields.fail('maxLatencyMs', `maxLatencyMs (${formatDuration(maxLatencyMs)}) must be shorter than the timeout (${formatDuration(schedule.timeoutMs)})`);
    }
  }
  const options = {
    type: 'http' as const,
    target: url,
    method: method as 'GET' | 'HEAD',
    expectStatus: expectStatus(fields),
    expectBody,
    expectBodyRegex,
    maxLatencyMs,
    tlsMinDaysLeft: fields.integer('tlsMinDaysLeft', 0, 3650, 14),
    insecure: fields.boolean('insecure', false),
    headers: headers(fields),
  };
  return dropUndefined(options);
}

function percent(fields: Fields): number {
  return fields.number('thresholdPercent', 1, 100, 90);
}

function processOptions(fields: Fields): TypeOptions {
  const value = target(fields, 'process');
  if (value.startsWith('name:')) {
    const name = value.slice('name:'.length);
    if (name.trim() === '' || name.includes('\0')) fields.fail('target', `target ${show(value)} names no process; write name:<process name>, like name:nginx`);
  } else if (!value.startsWith('/')) {
    fields.fail('target', `target ${show(value)} must be ${TARGET_HELP.process}`);
  }
  return { type: 'process', target: value };
}

/** Reads and checks the options of `type`; the common fields are already read. */
export function readTypeOptions(type: CheckType, fields: Fields, schedule: Schedule): TypeOptions {
  switch (type) {
    case 'http':
      return http(fields, schedule);
    case 'tcp': {
      const value = target(fields, 'tcp');
      checked(fields, 'target', parseHostPort(value));
      return { type, target: value };
    }
    case 'command': {
      const value = target(fields, 'command');
      checked(fields, 'target', splitArgv(value));
      const expectOutput = fields.string('expectOutput', 1024);
      return dropUndefined({ type, target: value, expectExitCode: fields.integer('expectExitCode', 0, 255, 0), expectOutput });
    }
    case 'disk': {
      const value = target(fields, 'disk');
      if (!value.startsWith('/') || value.includes('\0')) fields.fail('target', `target ${show(value)} must be ${TARGET_HELP.disk}`);
      return { type, target: value, thresholdPercent: percent(fields) };
    }
    case 'memory':
      return { type, thresholdPercent: percent(fields) };
    case 'process':
      return processOptions(fields);
    case 'heartbeat':
      // The default grace covers the pusher's own jitter and a slow network.
      return { type, graceMs: fields.duration('graceMs', 0, 86_400_000, Math.round(schedule.intervalMs * 0.1)) };
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
