/**
 * @module Acting as the logged-in user: the stored login is presented on the connection
 * (`security.authenticate`) before a guarded request, and refreshed first when it is about to
 * expire (the refresh token rotates, so the new one is stored at once).
 */
import type { DaemonClient } from '../../client/client.js';
import { AppError } from '../../protocol/errors.js';
import type { CliContext } from '../context.js';
import { credentialAccount, CredentialStore, credentialFilePath, type CliCredentials } from './credential-store.js';

/** Refresh when the access token has less than this left. */
const REFRESH_MARGIN_MS = 60_000;

export function credentialStoreFor(ctx: CliContext): CredentialStore {
  return new CredentialStore({ file: credentialFilePath(ctx.paths), account: credentialAccount(ctx.paths.socketPath) });
}

/** Saves what login or refresh returned. */
export async function saveLogin(
  store: CredentialStore,
  result: { user: { username: string }; session: { id: string }; accessToken: string; refreshToken: string; expiresAt: number },
): Promise<'keychain' | 'file'> {
  const credentials: CliCredentials = {
    username: result.user.username,
    accessToken: result.accessToken,
    refreshToken: result.refreshToken,
    expiresAt: result.expiresAt,
    sessionId: result.session.id,
  };
  return store.save(credentials);
}

const TOKEN_CODES = new Set(['TOKEN_MALFORMED', 'TOKEN_ALGORITHM', 'TOKEN_SIGNATURE', 'TOKEN_EXPIRED', 'TOKEN_NOT_YET_VALID', 'TOKEN_CLAIM_INVALID', 'TOKEN_REVOKED', 'TOKEN_REUSED']);

/**
 * Presents the stored login on `client`'s connection.
 * @returns the username, or null when nobody is logged in (the request runs as the operator).
 * @throws AppError UNAUTHORISED when the stored login no longer works (and forgets it).
 */
export async function presentLogin(ctx: CliContext, client: DaemonClient): Promise<string | null> {
  return (await presentCredentials(ctx, client))?.username ?? null;
}

/**
 * Presents the stored login on `client`'s connection (refreshed first when about to expire).
 * @returns the login as it now stands (the new tokens after a refresh), or null when nobody is
 *   logged in.
 * @throws AppError UNAUTHORISED when the stored login no longer works (and forgets it).
 */
export async function presentCredentials(ctx: CliContext, client: DaemonClient): Promise<CliCredentials | null> {
  const store = credentialStoreFor(ctx);
  let credentials = await store.load();
  if (credentials === null) return null;
  const expired = (): AppError => new AppError('UNAUTHORISED', `the login of ${credentials?.username ?? 'the user'} has ended: run 'clickup-brain security --login <username>' again`);
  try {
    if (credentials.expiresAt - REFRESH_MARGIN_MS <= ctx.deps.now()) {
      const refreshed = await client.request('security.refresh', { refreshToken: credentials.refreshToken });
      await saveLogin(store, refreshed);
      credentials = (await store.load()) ?? credentials;
    }
    await client.request('security.authenticate', { token: credentials.accessToken });
    return credentials;
  } catch (error) {
    if (error instanceof AppError && TOKEN_CODES.has(error.code)) {
      await store.clear();
      throw expired();
    }
    throw error;
  }
}

/** The connected client, logged in as the stored user when there is one. */
export async function loggedInClient(ctx: CliContext): Promise<{ client: DaemonClient; username: string | null }> {
  const client = await ctx.client();
  return { client, username: await presentLogin(ctx, client) };
}
