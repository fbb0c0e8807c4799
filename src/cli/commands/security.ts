/**
 * @module `clickup-brain security`: users, logins and sessions, roles and permissions, the audit
 * log, the blacklist and allowlist, threat scans, encryption, signing, keys, secrets and the
 * posture check. One mode flag per call (security/modes.ts); each group of modes registers its
 * options and runs its action in its own file under security/.
 */
import { Command } from 'commander';
import { loggedInClient } from '../auth/login-session.js';
import { CliContext, type CliDeps } from '../context.js';
import {
  addBlacklistOptions,
  runAllowlist,
  runBlacklist,
  runUnallowlist,
  runUnblacklist,
} from './security/blacklist.js';
import {
  addCryptoOptions,
  runDecrypt,
  runEncrypt,
  runPublicKeys,
  runRotateKeys,
  runSign,
  runVerify,
} from './security/crypto.js';
import { addEventOptions, runEvents, runVerifyLog } from './security/events.js';
import { loadUi, terminalIo, wantsColor } from './monitoring/dashboard.js';
import {
  addLoginOptions,
  runLogin,
  runLogout,
  runRevokeSession,
  runSessions,
  runToken,
  runWhoami,
} from './security/login.js';
import { pickSecurityMode, type Mode, type SecurityOptions } from './security/modes.js';
import {
  addPermissionOptions,
  runGrant,
  runPermissions,
  runRevoke,
  runRoles,
} from './security/permissions.js';
import {
  addSecretOptions,
  runDeleteSecret,
  runGetSecret,
  runPutSecret,
  runSecrets,
} from './security/secrets.js';
import { addStatusOptions, runPosture, runScan, runStatus } from './security/status.js';
import {
  addUserOptions,
  runCreateUser,
  runDeleteUser,
  runDisableUser,
  runEnableUser,
  runImportHtpasswd,
  runPasswd,
  runSetRoles,
  runUnlock,
  runUsers,
} from './security/users.js';

/** An action; a number it returns is the exit code (for --verify-log, --verify, --scan, --posture). */
type Action = (ctx: CliContext, options: SecurityOptions) => Promise<void | number>;

const ACTIONS: Record<Mode, Action> = {
  start: runStatus,
  status: runStatus,
  createUser: runCreateUser,
  users: runUsers,
  deleteUser: runDeleteUser,
  disableUser: runDisableUser,
  enableUser: runEnableUser,
  setRoles: runSetRoles,
  passwd: runPasswd,
  unlock: runUnlock,
  importHtpasswd: runImportHtpasswd,
  login: runLogin,
  logout: runLogout,
  whoami: runWhoami,
  token: runToken,
  sessions: runSessions,
  revokeSession: runRevokeSession,
  roles: runRoles,
  permissions: runPermissions,
  grant: runGrant,
  revoke: runRevoke,
  events: runEvents,
  verifyLog: runVerifyLog,
  blacklist: runBlacklist,
  unblacklist: runUnblacklist,
  allowlist: runAllowlist,
  unallowlist: runUnallowlist,
  scan: runScan,
  encrypt: runEncrypt,
  decrypt: runDecrypt,
  sign: runSign,
  verify: runVerify,
  publicKeys: runPublicKeys,
  rotateKeys: runRotateKeys,
  putSecret: runPutSecret,
  getSecret: runGetSecret,
  deleteSecret: runDeleteSecret,
  secrets: runSecrets,
  posture: runPosture,
};

const HELP = `
One mode per call. Every mode prints JSON with --json and nothing but errors with --quiet.
Durations are written like 500ms, 15s, 5m, 1h, 7d.

Who may do what: whoever can open the daemon's socket (it is owner-only) is the local operator and
may use the blacklist, the allowlist, the events, the status and the read-only views. Managing
users, grants and sessions, secrets, decryption, signing and key rotation need a login
(--login) as a user holding the permission — except on an empty store, where the first user
(make it an admin) is created without one, and while no account can manage users (the only admin
was demoted, disabled or deleted), when the operator may manage users to make an admin again.
Passwords are never taken from the command line:
they are asked on the terminal without echo, or read from --password-stdin.

--token prints the logged-in user's access token and a newline, nothing else (refreshed first
when it is about to expire; it lasts security.tokenTtl, 15m by default, so ask again rather than
keep it): a bearer token for the HTTP API. Log in as a service-role user for machines. It never
prints the refresh token. Not logged in: exit 4.

Live views (a terminal is needed): --status --watch, and --events --follow on a terminal without
--json or a filter (piped, with --json or a filter it prints one line per event). Keys: Tab and the
arrows move, Enter shows the detail, Esc goes back, u unlocks the selected user, b bans the
selected event's IP, B unbans the selected ban (each after a y/n confirmation), ? help, q quits.

Exit codes: 0 success, 1 failed, 2 bad usage or input (nothing changed), 3 daemon unreachable,
4 not authorised, locked or banned. --verify-log and --verify exit 1 when the check fails,
--scan exits 1 when it finds a threat, --posture exits 1 when the worst finding is medium or worse.

Examples:
  $ clickup-brain security --start
  $ clickup-brain security --create-user ada ada@example.com --role admin
  $ printf '%s\\n' "$PASSWORD" | clickup-brain security --create-user ops ops@example.com --role service --password-stdin
  $ clickup-brain security --login ada
  $ curl -H "Authorization: Bearer $(clickup-brain security --token)" http://127.0.0.1:8080/api/v1/health
  $ clickup-brain security --users
  $ clickup-brain security --set-roles ops --role user --role moderator
  $ clickup-brain security --permissions ops
  $ clickup-brain security --grant ops monitoring.write
  $ clickup-brain security --revoke ops content.create
  $ clickup-brain security --roles
  $ clickup-brain security --unlock ops
  $ clickup-brain security --import-htpasswd /etc/nginx/.htpasswd
  $ clickup-brain security --sessions --all
  $ clickup-brain security --revoke-session s_3q2LkVb0AbCdEfGh
  $ clickup-brain security --events --type 'login.*' --since 1h
  $ clickup-brain security --events --ip 203.0.113.0/24 --follow
  $ clickup-brain security --status --watch
  $ clickup-brain security --events --follow
  $ clickup-brain security --verify-log
  $ clickup-brain security --blacklist 203.0.113.7 --for 24h --reason "credential stuffing"
  $ clickup-brain security --blacklist
  $ clickup-brain security --unblacklist 203.0.113.7
  $ clickup-brain security --allowlist 10.0.0.0/8
  $ clickup-brain security --scan '{"query": {"id": "1 UNION SELECT password FROM users"}}'
  $ echo 'launch codes' | clickup-brain security --encrypt > sealed.txt
  $ clickup-brain security --decrypt < sealed.txt
  $ clickup-brain security --sign release.tar.gz > release.sig
  $ clickup-brain security --verify release.tar.gz release.sig
  $ clickup-brain security --public-keys --json > jwks.json
  $ clickup-brain security --rotate-keys
  $ printf '%s' "$DB_PASSWORD" | clickup-brain security --put-secret db/password
  $ clickup-brain security --get-secret db/password
  $ clickup-brain security --secrets
  $ clickup-brain security --posture
  $ clickup-brain security --logout`;

const NEEDS_TERMINAL =
  'the live security view needs a terminal; use --status --json, or --events --follow for one line per event';

/**
 * The live view a call asks for, or null: `--status --watch` always (refused off a terminal), and
 * `--events --follow` on a terminal when no filter or --json asks for the line-by-line stream.
 */
function liveViewMode(
  mode: Mode,
  options: SecurityOptions,
  ctx: CliContext,
): 'status' | 'events' | null {
  if (mode === 'status' && options.watch === true) return 'status';
  if (
    mode !== 'events' ||
    options.follow !== true ||
    ctx.out.json ||
    ctx.deps.stdout.isTTY !== true
  )
    return null;
  const filtered =
    options.type !== undefined ||
    options.user !== undefined ||
    options.ip !== undefined ||
    options.since !== undefined;
  return filtered ? null : 'events';
}

/** Opens the live view (from the views' bundle, loaded only now) as the logged-in user, if any. */
async function runLiveView(ctx: CliContext, mode: 'status' | 'events'): Promise<void> {
  const io = terminalIo(ctx, NEEDS_TERMINAL);
  const { client } = await loggedInClient(ctx);
  const ui = await loadUi(ctx);
  await ui.runSecurityView({
    client,
    mode,
    color: wantsColor(ctx),
    stdout: io.stdout,
    stdin: io.stdin,
  });
}

export function makeSecurityCommand(
  deps: CliDeps,
  setExitCode: (code: number) => void = () => undefined,
): Command {
  const command = new Command('security').description(
    'users, logins and sessions, roles and permissions, the audit log, the IP blacklist and allowlist, threat scans, encryption and signing, secrets, and the posture check',
  );
  for (const add of [
    addStatusOptions,
    addUserOptions,
    addLoginOptions,
    addPermissionOptions,
    addEventOptions,
    addBlacklistOptions,
    addCryptoOptions,
    addSecretOptions,
  ])
    add(command);
  command.option(
    '--watch',
    'with --status: the live security view (sessions, locked accounts, bans, threats, events) on the terminal',
  );
  return command
    .addHelpText('after', HELP)
    .action(async (options: SecurityOptions, cmd: Command) => {
      const mode = pickSecurityMode(options);
      const ctx = await CliContext.create(cmd, deps);
      try {
        const live = liveViewMode(mode, options, ctx);
        if (live !== null) return await runLiveView(ctx, live);
        const code = await ACTIONS[mode](ctx, options);
        if (typeof code === 'number' && code !== 0) setExitCode(code);
      } finally {
        ctx.close();
      }
    });
}
