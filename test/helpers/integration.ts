/**
 * Test helper for the integration tests: waiting, JSON output, raw requests matched by id,
 * directly spawned daemons and the audit log's hash chain.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RawConnection } from './raw-socket.js';
import { processAlive } from '../../src/protocol/process-state.js';

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  return processAlive(pid);
}

/** Polls `check` until it returns a value other than undefined/false (bounded), or throws. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`,
      );
    await sleep(intervalMs);
  }
}

/** True when something accepts connections on the socket. */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits (bounded) until the daemon's socket accepts connections. */
export function waitForSocket(socketPath: string, timeoutMs = 15_000): Promise<true> {
  return waitFor(`a listener on ${socketPath}`, () => socketAnswers(socketPath), timeoutMs);
}

/** True when the path exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The permission bits of a path (e.g. 0o600). */
export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

/** Parses CLI stdout as JSON, with the text in the error when it is not. */
export function parseJson<T = Record<string, unknown>>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(
      `not JSON (${(error as Error).message}): ${JSON.stringify(text.slice(0, 500))}`,
    );
  }
}

/** A daemon started directly, with its output collected and its exit awaited. */
export interface TrackedProcess {
  child: ChildProcess;
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** The exit code (or 128 + signal number-ish: null code with the signal name). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the process if it still runs. */
  kill(): Promise<void>;
}

export function track(child: ChildProcess): TrackedProcess {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  let exitedNow = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedNow = true;
      resolve({ code, signal });
    });
  });
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: async () => {
      if (exitedNow) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Resolves with the result of `promise`, or rejects after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let callId = 0;

/**
 * Sends a request on a raw connection and resolves with the response that carries its id. Other
 * frames that arrive first (notifications, other responses) are passed to `onOther`.
 */
export async function call(
  conn: RawConnection,
  method: string,
  params?: unknown,
  onOther?: (frame: Record<string, unknown>) => void,
): Promise<Record<string, unknown>> {
  const id = `call-${++callId}`;
  conn.request(method, params, id);
  for (;;) {
    const frame = await conn.next(10_000);
    if (frame['id'] === id) return frame;
    onOther?.(frame);
  }
}

/** The result of a successful raw call; throws with the error otherwise. */
export async function callOk<T = Record<string, unknown>>(
  conn: RawConnection,
  method: string,
  params?: unknown,
): Promise<T> {
  const frame = await call(conn, method, params);
  if (!('result' in frame)) throw new Error(`${method} failed: ${JSON.stringify(frame)}`);
  return frame['result'] as T;
}

/** The error object of a response frame. */
export interface WireErrorShape {
  code: number;
  message: string;
  data: { code: string; field?: string; [key: string]: unknown };
}

export function errorOf(frame: Record<string, unknown>): WireErrorShape {
  if (!('error' in frame)) throw new Error(`expected an error frame, got ${JSON.stringify(frame)}`);
  return frame['error'] as WireErrorShape;
}

/** One line of events.jsonl. */
export interface AuditLine {
  id: string;
  seq: number;
  time: string;
  type: string;
  actor: string;
  subject: string | null;
  ip: string | null;
  outcome: string;
  details: Record<string, unknown>;
  prev: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** The complete lines of the audit log (a torn last line, if any, is left out). */
export async function readAudit(file: string): Promise<AuditLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditLine);
}

/**
 * Checks the hash chain: the first line chains from the genesis hash, every line's `prev` is the
 * previous line's `hash`, each hash is SHA-256 over the line without its hash, and seq counts up.
 *
 * @returns a description of the first break, or null when the chain holds.
 */
export function chainProblem(lines: AuditLine[]): string | null {
  let prev = GENESIS;
  let seq = 0;
  for (const [i, line] of lines.entries()) {
    if (line.prev !== prev)
      return `line ${i + 1} (seq ${line.seq}): prev ${line.prev} != previous hash ${prev}`;
    const { hash, ...body } = line;
    const expected = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    if (hash !== expected)
      return `line ${i + 1} (seq ${line.seq}): hash ${hash} != computed ${expected}`;
    if (line.seq !== seq + 1) return `line ${i + 1}: seq ${line.seq} after ${seq}`;
    prev = hash;
    seq = line.seq;
  }
  return null;
}

/** Resolves with the error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  assert.fail('expected a rejection');
}
