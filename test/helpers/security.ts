/**
 * @module Test helper for the security integration tests: a home with a cheap bcrypt cost,
 * strong passwords, CLI calls that must succeed or fail in a given way (passwords on stdin), users
 * and logins made through the real CLI, the stored login, and the bytes of a file for
 * "nothing changed" checks.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { cliBin, tempHome, type CliResult, type TestHome } from './home.js';
import { parseJson } from './integration.js';

/** Passwords the policy accepts (≥ 15 characters, zxcvbn score ≥ 3, not a username). */
export const PASSWORDS = {
  ada: 'correct-horse-battery-staple-42',
  bob: 'trombone-kettle-raspberry-99',
  carol: 'velvet-lantern-origami-77',
  dave: 'saffron-glacier-tunnel-58',
} as const;

/** A password that is strong but belongs to nobody. */
export const WRONG_PASSWORD = 'marble-cactus-pinwheel-63';

export interface CliCall {
  /** Written to the CLI's stdin (a password with `--password-stdin` ends with a newline). */
  input?: string;
}

/** One line saying what ran and what came back, for assertion messages. */
export function show(args: readonly string[], result: CliResult): string {
  return `clickup-brain ${args.join(' ')} → exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

/** Runs the CLI and asserts exit 0; resolves with stdout. */
export async function ok(home: TestHome, args: string[], call: CliCall = {}): Promise<string> {
  const result = await home.cli(args, call);
  assert.equal(result.code, 0, show(args, result));
  return result.stdout;
}

/** Runs the CLI with --json, asserts exit 0 and parses stdout. */
export async function okJson<T = Record<string, unknown>>(
  home: TestHome,
  args: string[],
  call: CliCall = {},
): Promise<T> {
  return parseJson<T>(await ok(home, [...args, '--json'], call));
}

/**
 * Runs the CLI and asserts the exit code, an empty stdout and exactly `stderr` (a string is the
 * message after `clickup-brain: `; a RegExp is matched against the whole of stderr).
 */
export async function fails(
  home: TestHome,
  args: string[],
  code: number,
  stderr: string | RegExp,
  call: CliCall = {},
): Promise<CliResult> {
  const result = await home.cli(args, call);
  assert.equal(result.code, code, show(args, result));
  assert.equal(result.stdout, '', show(args, result));
  if (typeof stderr === 'string') assert.equal(result.stderr, `clickup-brain: ${stderr}\n`);
  else assert.match(result.stderr, stderr, show(args, result));
  return result;
}

/** The error line of a failed `--json` call: `{ error: { code, message, ...details } }`. */
export interface JsonError {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** Runs the CLI with --json, asserts the exit code and an empty stdout, and parses the error. */
export async function failsJson(
  home: TestHome,
  args: string[],
  code: number,
  call: CliCall = {},
): Promise<JsonError> {
  const full = [...args, '--json'];
  const result = await home.cli(full, call);
  assert.equal(result.code, code, show(full, result));
  assert.equal(result.stdout, '', show(full, result));
  return parseJson<{ error: JsonError }>(result.stderr).error;
}

/** `--password-stdin` input: the password and one newline. */
export const pw = (password: string): CliCall => ({ input: `${password}\n` });

/**
 * A fresh home (removed with its daemon when the test or suite ends) whose bcrypt cost is the
 * minimum, 10, so that hashing takes milliseconds.
 */
export async function securityHome(t?: Pick<TestContext, 'after'>): Promise<TestHome> {
  const home = await tempHome();
  t?.after(() => home.cleanup());
  await ok(home, ['config', 'set', 'security.bcryptCost', '10']);
  return home;
}

/** Creates a user through the CLI (the caller must be allowed to). */
export async function createUser(
  home: TestHome,
  username: string,
  password: string,
  roles: string[] = [],
): Promise<void> {
  const roleArgs = roles.flatMap((r) => ['--role', r]);
  await ok(
    home,
    [
      'security',
      '--create-user',
      username,
      `${username}@example.com`,
      ...roleArgs,
      '--password-stdin',
    ],
    pw(password),
  );
}

/** Logs in through the CLI; later commands act as this user. */
export async function login(home: TestHome, username: string, password: string): Promise<void> {
  await ok(home, ['security', '--login', username, '--password-stdin'], pw(password));
}

/** A home with the admin `ada` (created on the empty store) logged in. */
export async function adminHome(t?: Pick<TestContext, 'after'>): Promise<TestHome> {
  const home = await securityHome(t);
  await createUser(home, 'ada', PASSWORDS.ada, ['admin']);
  await login(home, 'ada', PASSWORDS.ada);
  return home;
}

/** Where the CLI keeps its login when no keychain works (tests have no D-Bus session). */
export function credentialsFile(home: TestHome): string {
  return join(dirname(home.paths.logDir), 'cli-credentials.json');
}

/** The stored login, as the CLI wrote it. */
export interface StoredLogin {
  username: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  sessionId: string;
}

export async function storedLogin(home: TestHome): Promise<StoredLogin> {
  return parseJson<StoredLogin>(await readFile(credentialsFile(home), 'utf8'));
}

/** A file's bytes, or null when it does not exist. */
export async function bytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The user rows of `--users --json`. */
export interface UserJson {
  username: string;
  email: string;
  roles: string[];
  status: 'active' | 'disabled' | 'locked';
  lockedUntil: number | null;
  failedLogins: number;
  grants: string[];
  revokes: string[];
  lastLoginAt: number | null;
  origin: string;
}

export async function users(home: TestHome): Promise<UserJson[]> {
  return (await okJson<{ users: UserJson[] }>(home, ['security', '--users'])).users;
}

/** One user of `--users --json`, which must exist. */
export async function user(home: TestHome, username: string): Promise<UserJson> {
  const found = (await users(home)).find((u) => u.username === username);
  assert.ok(found !== undefined, `no user ${username}`);
  return found;
}

/**
 * The cells of a table the CLI printed (columns are two or more spaces apart; no cell holds two
 * spaces in a row), header first.
 */
export function table(text: string): string[][] {
  assert.ok(text.endsWith('\n'), `no final newline: ${JSON.stringify(text)}`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}

/** A relative time as the tables print it ("just now", "12s ago", "in 29m59s"). */
export const RELATIVE = /^(just now|(\d+[dhms])+ ago|in (\d+[dhms])+)$/;

/** What {@link cliBytes} gives: stdout as bytes. */
export interface BinaryResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs the real CLI with binary stdin and resolves with stdout as bytes (for --encrypt and kin). */
export function cliBytes(home: TestHome, args: string[], input: Buffer): Promise<BinaryResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cliBin, ...args],
      { env: home.env, encoding: 'buffer', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
    child.stdin?.end(input);
  });
}
