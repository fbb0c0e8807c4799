/**
 * @module `security --login | --logout | --whoami | --token | --sessions | --revoke-session`.
 *
 * The login (access and refresh tokens) is kept in the OS keychain through keytar when one is
 * available, else in a 0600 file beside the logs; later commands present it to the daemon.
 * `--token` prints its access token (never the refresh token) for curl and other HTTP clients.
 */
import type { Command } from 'commander';
import { AppError } from '../../../protocol/errors.js';
import type { SessionViewWire } from '../../../protocol/security-schemas.js';
import { credentialStoreFor, loggedInClient, presentCredentials, saveLogin } from '../../auth/login-session.js';
import { readPassword } from '../../auth/password-prompt.js';
import type { CliContext } from '../../context.js';
import { renderTable } from '../../table.js';
import type { SecurityOptions } from './modes.js';
import { ago } from './time-text.js';

export function addLoginOptions(command: Command): Command {
  return command
    .option('--login <username>', 'log in: later commands act as this user (the password is asked, or read from --password-stdin)')
    .option('--logout', 'end the session of the stored login and forget it')
    .option('--whoami', 'who later commands act as: the logged-in user, or the local operator')
    .option('--token', "print the logged-in user's access token, a bearer token for the HTTP API")
    .option('--sessions', 'list the active sessions (--all: ended ones too; --user: one user)')
    .option('--user <username>', 'with --sessions or --events: only this user')
    .option('--all', 'with --sessions: ended sessions too')
    .option('--revoke-session <id>', 'end a session by its id (s_…)');
}

export function renderSessions(sessions: SessionViewWire[], now: number): string {
  if (sessions.length === 0) return 'No sessions.';
  const rows = sessions.map((s) => [
    s.id,
    s.username,
    s.state,
    ago(s.createdAt, now),
    ago(s.lastSeenAt, now),
    s.state === 'active' ? ago(Math.min(s.idleExpiresAt, s.absoluteExpiresAt), now) : s.revokedReason ?? '-',
    s.ip ?? 'local',
  ]);
  return renderTable(['SESSION', 'USER', 'STATE', 'STARTED', 'LAST SEEN', 'ENDS / REASON', 'FROM'], rows);
}

export async function runLogin(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const client = await ctx.client();
  const password = await readPassword({ stdin: ctx.deps.stdin, stdout: ctx.deps.stderr, passwordStdin: options.passwordStdin === true });
  const result = await client.request('security.login', { username: options.login as string, password, userAgent: 'clickup-brain cli' });
  const where = await saveLogin(credentialStoreFor(ctx), result);
  const shown = { user: result.user, session: result.session, expiresAt: result.expiresAt, storedIn: where };
  ctx.out.data(shown, () => `Logged in as ${result.user.username} (session ${result.session.id}); the login is kept in the ${where === 'keychain' ? 'OS keychain' : 'file ' + credentialStoreFor(ctx).file}`);
}

export async function runLogout(ctx: CliContext): Promise<void> {
  const store = credentialStoreFor(ctx);
  const credentials = await store.load();
  if (credentials === null) {
    ctx.out.data({ loggedOut: false }, () => 'Not logged in.');
    return;
  }
  let ended = true;
  try {
    // Presenting the login refreshes it first when due, so an expired access token still logs out.
    const { client } = await loggedInClient(ctx);
    await client.request('security.logout', { sessionId: credentials.sessionId });
  } catch {
    // The session may have ended already (expired, revoked); the login is forgotten either way.
    ended = false;
  }
  await store.clear();
  ctx.out.data({ loggedOut: true, username: credentials.username, sessionEnded: ended }, () => `Logged out ${credentials.username}${ended ? '' : ' (the session had already ended)'}`);
}

export async function runWhoami(ctx: CliContext): Promise<void> {
  const { client, username } = await loggedInClient(ctx);
  if (username === null) {
    ctx.out.data({ username: null, operator: true }, () => 'Not logged in: commands run as the local operator (whoever can open the socket).');
    return;
  }
  const { user } = await client.request('security.users.get', { username });
  ctx.out.data({ username, operator: false, roles: user.roles }, () => `${username} (${user.roles.join(', ')})`);
}

/** The message (exit 4) when --token finds no login. */
export const NO_LOGIN_FOR_TOKEN = "not logged in: run 'clickup-brain security --login <username>' first, then --token prints that login's access token";

/**
 * Prints the stored login's access token and a newline, nothing else (with --json: username,
 * accessToken and expiresAt). It is refreshed first when about to expire and presented to the
 * daemon, so what is printed works now. The refresh token is never printed.
 */
export async function runToken(ctx: CliContext): Promise<void> {
  // Asked before connecting: "not logged in" does not need the daemon.
  if ((await credentialStoreFor(ctx).load()) === null) throw new AppError('UNAUTHORISED', NO_LOGIN_FOR_TOKEN);
  const client = await ctx.client();
  const credentials = await presentCredentials(ctx, client);
  // Logged out by another command meanwhile.
  if (credentials === null) throw new AppError('UNAUTHORISED', NO_LOGIN_FOR_TOKEN);
  const { username, accessToken, expiresAt } = credentials;
  // Like --get-secret, the value is the point of the call: printed even with --quiet.
  if (ctx.out.json) ctx.out.data({ username, accessToken, expiresAt }, () => '');
  else ctx.out.raw(`${accessToken}\n`);
}

export async function runSessions(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const { sessions } = await client.request('security.sessions.list', { ...(options.user === undefined ? {} : { username: options.user }), ...(options.all === undefined ? {} : { all: true }) });
  ctx.out.data({ sessions }, () => renderSessions(sessions, ctx.deps.now()));
}

export async function runRevokeSession(ctx: CliContext, options: SecurityOptions): Promise<void> {
  const { client } = await loggedInClient(ctx);
  const result = await client.request('security.sessions.revoke', { id: options.revokeSession as string });
  ctx.out.data(result, () => `Ended session ${result.session.id} of ${result.session.username}`);
}
