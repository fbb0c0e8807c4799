/**
 * @module The modes of `clickup-brain security` and the options each takes (one mode per call).
 */
import { Option } from 'commander';
import { InvalidInputError } from '../../../protocol/errors.js';
import { pickMode, type ModeSpec } from '../../mode-picker.js';

/** Everything commander parses for `security` (absent options are undefined). */
export interface SecurityOptions {
  // Modes.
  start?: true;
  status?: true;
  createUser?: string[];
  users?: true;
  deleteUser?: string;
  disableUser?: string;
  enableUser?: string;
  setRoles?: string;
  passwd?: string;
  unlock?: string;
  importHtpasswd?: string;
  login?: string;
  logout?: true;
  whoami?: true;
  token?: true;
  sessions?: true;
  revokeSession?: string;
  roles?: true;
  permissions?: string;
  grant?: string[];
  revoke?: string[];
  events?: true;
  verifyLog?: true;
  blacklist?: string | true;
  unblacklist?: string;
  allowlist?: string | true;
  unallowlist?: string;
  scan?: string | true;
  encrypt?: true;
  decrypt?: true;
  sign?: string;
  verify?: string[];
  publicKeys?: true;
  rotateKeys?: true;
  putSecret?: string;
  getSecret?: string;
  deleteSecret?: string;
  secrets?: true;
  posture?: true;
  // Options of one or more modes.
  role?: string[];
  passwordStdin?: true;
  user?: string;
  all?: true;
  type?: string;
  ip?: string;
  since?: number;
  limit?: number;
  follow?: true;
  watch?: true;
  for?: number;
  reason?: string;
  aad?: string;
  algorithm?: string;
}

export const OPTION_FLAGS = {
  role: '--role <role>',
  passwordStdin: '--password-stdin',
  user: '--user <username>',
  all: '--all',
  type: '--type <type>',
  ip: '--ip <ip|cidr>',
  since: '--since <duration>',
  limit: '--limit <n>',
  follow: '--follow',
  watch: '--watch',
  for: '--for <duration>',
  reason: '--reason <text>',
  aad: '--aad <text>',
  algorithm: '--algorithm <rsa-pss|ed25519>',
} as const;
export type OptionKey = keyof typeof OPTION_FLAGS;

export const MODES = {
  start: { flag: '--start' },
  status: { flag: '--status', options: ['watch'] },
  createUser: { flag: '--create-user', options: ['role', 'passwordStdin'] },
  users: { flag: '--users' },
  deleteUser: { flag: '--delete-user' },
  disableUser: { flag: '--disable-user' },
  enableUser: { flag: '--enable-user' },
  setRoles: { flag: '--set-roles', options: ['role'], required: ['role'] },
  passwd: { flag: '--passwd', options: ['passwordStdin'] },
  unlock: { flag: '--unlock' },
  importHtpasswd: { flag: '--import-htpasswd' },
  login: { flag: '--login', options: ['passwordStdin'] },
  logout: { flag: '--logout' },
  whoami: { flag: '--whoami' },
  token: { flag: '--token' },
  sessions: { flag: '--sessions', options: ['user', 'all'] },
  revokeSession: { flag: '--revoke-session' },
  roles: { flag: '--roles' },
  permissions: { flag: '--permissions' },
  grant: { flag: '--grant' },
  revoke: { flag: '--revoke' },
  events: { flag: '--events', options: ['type', 'user', 'ip', 'since', 'limit', 'follow'] },
  verifyLog: { flag: '--verify-log' },
  blacklist: { flag: '--blacklist', options: ['for', 'reason'] },
  unblacklist: { flag: '--unblacklist' },
  allowlist: { flag: '--allowlist' },
  unallowlist: { flag: '--unallowlist' },
  scan: { flag: '--scan' },
  encrypt: { flag: '--encrypt', options: ['aad'] },
  decrypt: { flag: '--decrypt', options: ['aad'] },
  sign: { flag: '--sign', options: ['algorithm'] },
  verify: { flag: '--verify', options: ['algorithm'] },
  publicKeys: { flag: '--public-keys' },
  rotateKeys: { flag: '--rotate-keys' },
  putSecret: { flag: '--put-secret' },
  getSecret: { flag: '--get-secret' },
  deleteSecret: { flag: '--delete-secret' },
  secrets: { flag: '--secrets' },
  posture: { flag: '--posture' },
} as const satisfies Record<string, ModeSpec<OptionKey>>;
export type Mode = keyof typeof MODES;

/** An option that takes exactly two values, shown as `--flag <a> <b>` in the help. */
export function pairOption(flags: string, description: string): Option {
  const option = new Option(flags, description);
  // Commander reads `<a> <b>` as one value; variadic collects both (the count is checked below).
  option.variadic = true;
  return option;
}

const PAIRS: Partial<Record<Mode, string>> = {
  createUser: '--create-user <username> <email>',
  grant: '--grant <username> <permission>',
  revoke: '--revoke <username> <permission>',
  verify: '--verify <file> <signature-file>',
};

/**
 * The one mode `options` ask for.
 * @throws InvalidInputError (see mode-picker.ts), or when a two-value option has another count.
 */
export function pickSecurityMode(options: SecurityOptions): Mode {
  // Checked first: --for and --reason on a list or removal get the message that says why.
  const listing = options.blacklist === true || options.unblacklist !== undefined;
  const only = Object.keys(MODES).filter((m) => options[m as Mode] !== undefined).length === 1;
  if (listing && only) {
    for (const key of ['for', 'reason'] as const) {
      const flag = OPTION_FLAGS[key].split(' ')[0] as string;
      if (options[key] !== undefined) throw new InvalidInputError(`${flag} applies only when adding an entry: clickup-brain security --blacklist <ip|cidr> ${flag} ...`);
    }
  }
  const mode = pickMode<Mode, OptionKey>('security', MODES, OPTION_FLAGS, options, 'a mode such as --status, --users, --login, --events, --blacklist or --posture');
  const pair = PAIRS[mode];
  if (pair !== undefined) {
    const values = options[mode] as string[];
    if (values.length !== 2) throw new InvalidInputError(`${pair} takes exactly two values (got ${values.length})`);
  }
  if (mode === 'events' && options.follow !== undefined && options.limit !== undefined) {
    throw new InvalidInputError('--limit and --follow cannot be used together (--follow prints events as they happen)');
  }
  return mode;
}
