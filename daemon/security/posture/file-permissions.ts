/**
 * @module Posture of the files, folders and socket the daemon keeps: their type, owner and mode.
 *
 * `lstat`, never `stat`: a symlink planted where the store or a key file belongs would let whoever
 * controls its target read or replace secrets, so the link itself is the finding. Whoever can
 * write to the socket administers the daemon, and whoever can read the store or key files holds
 * password hashes and keys; that is why "others" bits weigh most.
 */
import { lstat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { Finding, Severity } from './finding.js';
import { shellQuote } from './shell-quote.js';

/** One path to inspect. */
export interface PathSpec {
  path: string;
  kind: 'file' | 'dir' | 'socket';
  /** The permission bits it should have at most, e.g. `0o600`; bits beyond it are findings. */
  expectedMode: number;
  /** What it is, for titles: `store`, `socket folder`, `data key file`. */
  label: string;
  /**
   * True for what holds secrets (the store, key files, their folders): readable by other users is
   * then `critical` rather than `high`. Default false.
   */
  secret?: boolean;
}

/** Options of {@link inspectPaths}. */
export interface InspectPathsOptions {
  /**
   * The uid that should own every path; null skips the owner check. Default: `process.getuid()`,
   * or null where there is none (Windows).
   */
  uid?: number | null;
}

const kinds = new Set(['file', 'dir', 'socket']);

function validate(spec: PathSpec, index: number): void {
  const at = `paths[${index}]`;
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`"${at}" must be an object`);
  if (typeof spec.path !== 'string' || spec.path === '')
    throw new TypeError(`"${at}.path" must be a non-empty string`);
  if (!kinds.has(spec.kind)) throw new TypeError(`"${at}.kind" must be 'file', 'dir' or 'socket'`);
  if (!Number.isInteger(spec.expectedMode) || spec.expectedMode < 0 || spec.expectedMode > 0o777)
    throw new TypeError(`"${at}.expectedMode" must be an integer from 0 to 0o777`);
  if (typeof spec.label !== 'string' || spec.label === '')
    throw new TypeError(`"${at}.label" must be a non-empty string`);
  if (spec.secret !== undefined && typeof spec.secret !== 'boolean')
    throw new TypeError(`"${at}.secret" must be a boolean`);
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'dir';
  if (stats.isSocket()) return 'socket';
  return 'special file';
}

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

/** "the group can read and write, other users can read" for the bits in `extra`. */
function describeBits(extra: number): string {
  const classes: Array<[string, number]> = [
    ['the owner', 6],
    ['the group', 3],
    ['other users', 0],
  ];
  const parts: string[] = [];
  for (const [who, shift] of classes) {
    const bits = (extra >> shift) & 0o7;
    const verbs = [bits & 4 ? 'read' : '', bits & 2 ? 'write' : '', bits & 1 ? 'execute' : ''];
    const list = verbs.filter((verb) => verb !== '');
    if (list.length > 0) parts.push(`${who} can ${list.join(' and ')}`);
  }
  return parts.join(', ');
}

function modeSeverity(extra: number, secret: boolean): Severity {
  if (extra & 0o002) return 'critical';
  if (extra & 0o004 && secret) return 'critical';
  if (extra & 0o077) return 'high';
  return 'low';
}

async function inspectOne(spec: PathSpec, uid: number | null): Promise<Finding[]> {
  const { path, label } = spec;
  let stats: Stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not created yet: the daemon creates it with the right mode, so there is nothing to fix.
    if (code === 'ENOENT') return [];
    const finding: Finding = {
      id: 'path-unreadable',
      severity: 'medium',
      title: `${label} could not be inspected`,
      detail: `lstat ${path} failed (${code ?? 'unknown error'}), so its owner and mode are unknown.`,
      subject: path,
      fix: null,
    };
    return [finding];
  }
  const actual = kindOf(stats);
  if (actual === 'symlink') {
    const finding: Finding = {
      id: 'path-symlink',
      severity: 'high',
      title: `${label} is a symlink`,
      detail: `${path} should be a ${spec.kind} but is a symbolic link; whoever controls its target controls the ${label}. Replace the link with the ${spec.kind} itself.`,
      subject: path,
      fix: null,
    };
    return [finding];
  }
  if (actual !== spec.kind) {
    const finding: Finding = {
      id: 'path-type',
      severity: 'medium',
      title: `${label} is a ${actual}, not a ${spec.kind}`,
      detail: `${path} should be a ${spec.kind} but is a ${actual}; the daemon cannot rely on it.`,
      subject: path,
      fix: null,
    };
    return [finding];
  }
  const findings: Finding[] = [];
  if (uid !== null && stats.uid !== uid) {
    findings.push({
      id: 'file-owner',
      severity: 'high',
      title: `${label} is owned by uid ${stats.uid}`,
      detail: `${path} is owned by uid ${stats.uid}, not by the daemon's user (uid ${uid}); its owner can change its mode or contents at will.`,
      subject: path,
      // Giving a file away to another user needs root.
      fix: `${uid === 0 ? '' : 'sudo '}chown ${uid} ${shellQuote(path)}`,
    });
  }
  const mode = stats.mode & 0o777;
  const extra = mode & ~spec.expectedMode;
  if (extra !== 0) {
    findings.push({
      id: 'file-mode',
      severity: modeSeverity(extra, spec.secret === true),
      title: `${label} has mode ${octal(mode)} (expected ${octal(spec.expectedMode)})`,
      detail: `${path} grants more than a ${label} should (${octal(spec.expectedMode)}): ${describeBits(extra)}.`,
      subject: path,
      fix: `chmod ${spec.expectedMode.toString(8).padStart(3, '0')} ${shellQuote(path)}`,
    });
  }
  return findings;
}

/**
 * Inspects each path's type, owner and permission bits. A missing path is no finding (the daemon
 * creates it correctly). Findings come in the order of `paths`.
 *
 * - a symlink → `path-symlink` (high); another type than `kind` → `path-type` (medium);
 * - owner other than `uid` → `file-owner` (high), fix `[sudo ]chown <uid> '<path>'`;
 * - bits beyond `expectedMode` → `file-mode`, fix `chmod <expected> '<path>'`: critical when other
 *   users may write, or read a `secret` path; high for other group/other bits; low when only the
 *   owner has extra bits;
 * - lstat failing for another reason than ENOENT → `path-unreadable` (medium).
 *
 * @throws TypeError naming the entry and field when `paths` is malformed.
 */
export async function inspectPaths(
  paths: PathSpec[],
  options: InspectPathsOptions = {},
): Promise<Finding[]> {
  if (!Array.isArray(paths)) throw new TypeError('"paths" must be an array');
  paths.forEach(validate);
  const uid = options.uid === undefined ? (process.getuid?.() ?? null) : options.uid;
  if (uid !== null && (!Number.isInteger(uid) || uid < 0))
    throw new TypeError('"uid" option must be a non-negative integer or null');
  const results = await Promise.all(paths.map((spec) => inspectOne(spec, uid)));
  return results.flat();
}
