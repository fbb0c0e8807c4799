/**
 * @module Reading the audit log back: filters, queries over the files or the in-memory ring, and
 * following new events (`security --events [--type] [--user] [--ip] [--since] [--limit] [--follow]`).
 *
 * Files are streamed line by line and only a ring of `limit` matches is held, so a query over
 * the full rotated history costs memory in proportion to what it returns, not to the log's size.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { InvalidInputError } from '../../src/protocol/errors.js';
import type { AuditEvent, AuditLog } from './audit-log.js';
import { networkKey, parseIp, parseTarget } from './ip.js';

/** Which events a query returns. Every field given must match. */
export interface EventFilter {
  /** An exact type (`login.failure`), or a prefix ending in `.*` (`login.*`: `login.` and below). */
  type?: string;
  /** The actor or the subject, compared case-insensitively. */
  user?: string;
  /** An address (`203.0.113.7`) or a CIDR network (`10.0.0.0/8`) the event's IP falls in. */
  ip?: string;
  /** Events at or after this time (ms since the epoch). */
  since?: number;
  /** Events before this time (ms since the epoch). */
  until?: number;
  outcome?: AuditEvent['outcome'];
  /** The newest N matches are returned (default 100, at most 10 000). Ignored when following. */
  limit?: number;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
const OUTCOMES: ReadonlySet<string> = new Set(['success', 'failure', 'refused', 'info']);
const TYPE_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\.\*)?$/;
const FIELDS = new Set(['type', 'user', 'ip', 'since', 'until', 'outcome', 'limit']);

function time(value: unknown, field: 'since' | 'until'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(`${field} must be a time in milliseconds since the epoch`, field);
  }
  return value;
}

/**
 * Checks a filter from outside (a request's params) and returns it in canonical form (the IP
 * canonical, the rest as given). `undefined` is the empty filter.
 *
 * @throws InvalidInputError naming the field.
 */
export function parseEventFilter(input: unknown): EventFilter {
  if (input === undefined) return {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidInputError('the event filter must be an object', 'filter');
  }
  const raw = input as Record<string, unknown>;
  const unknown = Object.keys(raw).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) {
    throw new InvalidInputError(
      `unknown event filter field '${unknown}'; expected one of: ${[...FIELDS].join(', ')}`,
      unknown,
    );
  }
  const filter: EventFilter = {};
  const { type, user, ip, since, until, outcome, limit } = raw;
  if (type !== undefined) {
    if (typeof type !== 'string' || type.length > 100 || !TYPE_PATTERN.test(type)) {
      throw new InvalidInputError(
        "type must be an event type like 'login.failure', or a prefix like 'login.*'",
        'type',
      );
    }
    filter.type = type;
  }
  if (user !== undefined) {
    if (typeof user !== 'string' || user.trim() === '' || user.length > 256) {
      throw new InvalidInputError(
        'user must be a non-empty name of at most 256 characters',
        'user',
      );
    }
    filter.user = user.trim();
  }
  if (ip !== undefined) {
    if (typeof ip !== 'string') throw new InvalidInputError('ip must be a string', 'ip');
    filter.ip = parseTarget(ip, 'ip').canonical;
  }
  if (since !== undefined) filter.since = time(since, 'since');
  if (until !== undefined) filter.until = time(until, 'until');
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    throw new InvalidInputError('since must be before until', 'since');
  }
  if (outcome !== undefined) {
    if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) {
      throw new InvalidInputError(`outcome must be one of: ${[...OUTCOMES].join(', ')}`, 'outcome');
    }
    filter.outcome = outcome as AuditEvent['outcome'];
  }
  if (limit !== undefined) {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_LIMIT}`, 'limit');
    }
    filter.limit = limit;
  }
  return filter;
}

type Matcher = (event: AuditEvent) => boolean;
/** Filters are compiled once (the IP network parsed, the user lower-cased) per filter object. */
const compiled = new WeakMap<EventFilter, Matcher>();

function compile(filter: EventFilter): Matcher {
  const { type, user, ip, since, until, outcome } = parseEventFilter(filter);
  const prefix = type?.endsWith('.*') === true ? type.slice(0, -1) : null;
  const who = user?.toLowerCase();
  const network = ip === undefined ? null : parseTarget(ip, 'ip');
  const key = network && networkKey(network.family, network.bytes, network.prefixLength);
  const inNetwork = (text: string): boolean => {
    try {
      const address = parseIp(text);
      return (
        address.family === network?.family &&
        networkKey(address.family, address.bytes, network.prefixLength) === key
      );
    } catch {
      return false; // an event IP that is not an address matches no address filter
    }
  };
  return (event) => {
    if (
      type !== undefined &&
      (prefix === null ? event.type !== type : !event.type.startsWith(prefix))
    )
      return false;
    if (outcome !== undefined && event.outcome !== outcome) return false;
    if (
      who !== undefined &&
      event.actor.toLowerCase() !== who &&
      event.subject?.toLowerCase() !== who
    )
      return false;
    if (network !== null && (event.ip === null || !inNetwork(event.ip))) return false;
    if (since !== undefined || until !== undefined) {
      const at = Date.parse(event.time);
      if (
        Number.isNaN(at) ||
        (since !== undefined && at < since) ||
        (until !== undefined && at >= until)
      )
        return false;
    }
    return true;
  };
}

/**
 * True when `event` passes every field of `filter` (`limit` aside).
 *
 * @throws InvalidInputError when the filter itself is invalid.
 */
export function matchesFilter(event: AuditEvent, filter: EventFilter): boolean {
  return matcherFor(filter)(event);
}

function matcherFor(filter: EventFilter): Matcher {
  let matcher = compiled.get(filter);
  if (matcher === undefined) {
    matcher = compile(filter);
    compiled.set(filter, matcher);
  }
  return matcher;
}

/** Reads a line of the log; null when it is not JSON or not shaped like an event. */
export function parseAuditLine(text: string): AuditEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const e = value as Record<string, unknown>;
  const strings = ['id', 'time', 'type', 'actor', 'prev', 'hash'].every(
    (k) => typeof e[k] === 'string',
  );
  const nullable = [e.subject, e.ip].every((v) => v === null || typeof v === 'string');
  const details = typeof e.details === 'object' && e.details !== null && !Array.isArray(e.details);
  const ok =
    strings &&
    nullable &&
    details &&
    Number.isSafeInteger(e.seq) &&
    OUTCOMES.has(e.outcome as string);
  return ok ? (value as AuditEvent) : null;
}

/** A line of a log file: `line` counts from 1 in each file. */
export interface AuditLine {
  file: string;
  line: number;
  text: string;
  /** False for a file's last line when it has no newline yet: a write in progress or torn. */
  terminated: boolean;
  /** Longer than any line the log writes; `text` then holds only its start. */
  tooLong: boolean;
}

/** Far above any real event; a longer line is damage and is not held in memory whole. */
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Opens every file before reading any, so a rotation during a long read cannot shift the names
 * under it; if one happens while opening (a name now points elsewhere), opens them again.
 */
async function openAll(
  files: readonly string[],
): Promise<Array<{ file: string; handle: FileHandle }>> {
  for (let attempt = 1; ; attempt++) {
    const opened: Array<{ file: string; handle: FileHandle }> = [];
    try {
      for (const file of files) {
        const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null; // rotated away since it was listed
          throw error;
        });
        if (handle !== null) opened.push({ file, handle });
      }
      const same = await Promise.all(
        opened.map(async ({ file, handle }) => {
          const [held, named] = await Promise.all([handle.stat(), stat(file).catch(() => null)]);
          return named !== null && named.ino === held.ino && named.dev === held.dev;
        }),
      );
      if (attempt >= 3 || same.every(Boolean)) return opened;
    } catch (error) {
      await Promise.all(opened.map(({ handle }) => handle.close()));
      throw error;
    }
    await Promise.all(opened.map(({ handle }) => handle.close()));
  }
}

/**
 * Streams the lines of `files` in order, one line in memory at a time; files missing by the time
 * they are opened are passed over. `onFile` hears each file as its reading starts.
 */
export async function* readAuditLines(
  files: readonly string[],
  options: { onFile?: (file: string) => void } = {},
): AsyncGenerator<AuditLine> {
  const opened = await openAll(files);
  try {
    for (const { file, handle } of opened) {
      options.onFile?.(file);
      let parts: Buffer[] = [];
      let size = 0;
      let line = 0;
      const take = (terminated: boolean): AuditLine => {
        const text = Buffer.concat(parts).toString('utf8');
        const tooLong = size > MAX_LINE_BYTES;
        parts = [];
        size = 0;
        return { file, line: ++line, text, terminated, tooLong };
      };
      for await (const chunk of handle.createReadStream({ autoClose: false, start: 0 })) {
        let buffer = chunk as Buffer;
        for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a)) {
          if (size <= MAX_LINE_BYTES) parts.push(buffer.subarray(0, nl));
          size += nl;
          yield take(true);
          buffer = buffer.subarray(nl + 1);
        }
        if (size <= MAX_LINE_BYTES) parts.push(buffer);
        size += buffer.length;
      }
      if (size > 0) yield take(false);
    }
  } finally {
    await Promise.all(opened.map(({ handle }) => handle.close()));
  }
}

/** Where a query reads: the log's files (oldest first) or events in memory. */
export type EventSource = { files: readonly string[] } | { events: readonly AuditEvent[] };

/** A query's result with what it passed over. */
export interface EventScan {
  /** The newest `limit` matches, oldest first. */
  events: AuditEvent[];
  /** Lines that were not events (damaged, or not JSON), skipped. */
  skipped: number;
}

/**
 * Runs a query and counts the lines it had to skip. A file's unterminated last line is a write
 * in progress: read if it is whole, otherwise left out without counting it as skipped.
 *
 * @throws InvalidInputError when the filter is invalid; TypeError when `source` is neither form.
 */
export async function scanEvents(
  source: EventSource,
  filter: EventFilter = {},
): Promise<EventScan> {
  const files = 'files' in source && Array.isArray(source.files) ? source.files : null;
  const list = 'events' in source && Array.isArray(source.events) ? source.events : null;
  if (files === null && list === null)
    throw new TypeError('"source" must have a files or an events array');
  const limit = parseEventFilter(filter).limit ?? DEFAULT_LIMIT;
  const matches = matcherFor(filter);
  const ring: AuditEvent[] = [];
  let next = 0;
  const keep = (event: AuditEvent): void => {
    if (!matches(event)) return;
    if (ring.length < limit) ring.push(event);
    else ring[next] = event;
    next = (next + 1) % limit;
  };
  let skipped = 0;
  if (list !== null) {
    for (const event of list) keep(event);
  } else {
    for await (const line of readAuditLines(files ?? [])) {
      const event = line.tooLong ? null : parseAuditLine(line.text);
      if (event !== null) keep(event);
      else if (line.terminated) skipped++;
    }
  }
  const events = ring.length < limit ? ring : [...ring.slice(next), ...ring.slice(0, next)];
  return { events, skipped };
}

/** The newest `filter.limit` (default 100) events matching `filter`, oldest first. */
export async function queryEvents(
  source: EventSource,
  filter: EventFilter = {},
): Promise<AuditEvent[]> {
  return (await scanEvents(source, filter)).events;
}

/**
 * Calls `listener` with each new event that matches `filter`, once it is durable (`--follow`).
 *
 * @throws InvalidInputError when the filter is invalid.
 * @returns a function that stops following.
 */
export function followEvents(
  log: Pick<AuditLog, 'subscribe'>,
  filter: EventFilter,
  listener: (event: AuditEvent) => void,
): () => void {
  const matches = matcherFor(filter); // a bad filter fails here, not on each event
  return log.subscribe((event) => {
    if (matches(event)) listener(event);
  });
}

/**
 * The files of the log at `file` that exist, oldest first: `file.keep` … `file.1`, `file`.
 */
export async function auditFiles(file: string, keep: number): Promise<string[]> {
  if (typeof file !== 'string' || file === '')
    throw new TypeError('"file" must be a non-empty path');
  if (!Number.isSafeInteger(keep) || keep < 0)
    throw new TypeError('"keep" must be a non-negative integer');
  const names = [...Array.from({ length: keep }, (_, i) => `${file}.${keep - i}`), file];
  const exists = await Promise.all(
    names.map((name) =>
      stat(name).then(
        (s) => s.isFile(),
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return false;
          throw error;
        },
      ),
    ),
  );
  return names.filter((_, i) => exists[i]);
}
