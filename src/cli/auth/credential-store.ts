/**
 * @module Where the CLI keeps its login after `security --login`: the OS keychain through keytar
 * when it works, otherwise an owner-only (0600) JSON file.
 *
 * Every keychain failure (keytar missing, no D-Bus session, no Secret Service, a locked keyring)
 * falls back to the file rather than failing the command. Tokens are never logged, printed or put
 * in an error message.
 *
 * @example
 * ```ts
 * const store = new CredentialStore({ file: credentialFilePath(ctx.paths), account: credentialAccount(ctx.paths.socketPath) });
 * const where = await store.save(login); // 'keychain' | 'file'
 * ```
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Paths } from '../../protocol/paths.js';
import {
  readCredentialFile,
  removeCredentialFile,
  writeCredentialFile,
} from './credential-file.js';
import {
  checkCredentials,
  parseCredentials,
  serializeCredentials,
  type CliCredentials,
  type ParsedCredentials,
} from './credentials.js';
import { loadKeytar, type KeytarLike } from './keytar-loader.js';

export type { CliCredentials } from './credentials.js';
export type { KeytarLike } from './keytar-loader.js';

const CORRUPT: ParsedCredentials = { kind: 'corrupt' };

/** Where a login is kept. */
export type CredentialLocation = 'keychain' | 'file';

export interface CredentialStoreOptions {
  /** The fallback file (absolute); see {@link credentialFilePath}. */
  file: string;
  /** The keychain service name; default `'clickup-brain'`. */
  service?: string;
  /** The keychain account: tells daemons apart; see {@link credentialAccount}. */
  account: string;
  /** Loads keytar; default {@link loadKeytar}. Tests inject a fake, or `async () => null`. */
  loadKeytar?: () => Promise<KeytarLike | null>;
}

/** What {@link CredentialStore.read} found. */
export interface CredentialRead {
  credentials: CliCredentials | null;
  /** Where `credentials` came from; null when there are none. */
  source: CredentialLocation | null;
  /**
   * Where a stored login was found unusable (not JSON, wrong shape or version, unreadable). It is
   * ignored, never half-used; the next save or clear replaces it. The keychain is named first
   * when both are.
   */
  corrupt: CredentialLocation | null;
}

/** The keychain account for the daemon at `socketPath`: a hash, so no path shows in the keychain. */
export function credentialAccount(socketPath: string): string {
  if (typeof socketPath !== 'string' || socketPath === '')
    throw new TypeError('credentialAccount: socketPath must be a non-empty string');
  return `socket-${createHash('sha256').update(resolve(socketPath)).digest('hex').slice(0, 32)}`;
}

/**
 * The fallback file: `cli-credentials.json` in the state folder (`<home>/state` with
 * CLICKUP_BRAIN_HOME, `$XDG_STATE_HOME/clickup-brain` otherwise), which is the logs' parent.
 */
export function credentialFilePath(paths: Pick<Paths, 'logDir'>): string {
  if (typeof paths?.logDir !== 'string' || !isAbsolute(paths.logDir))
    throw new TypeError('credentialFilePath: paths.logDir must be an absolute path');
  return join(dirname(paths.logDir), 'cli-credentials.json');
}

export class CredentialStore {
  readonly file: string;
  readonly service: string;
  readonly account: string;
  private readonly loader: () => Promise<KeytarLike | null>;
  private keytar: Promise<KeytarLike | null> | undefined;

  constructor(options: CredentialStoreOptions) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('CredentialStore: options must be an object');
    const { file, service = 'clickup-brain', account, loadKeytar: loader = loadKeytar } = options;
    if (typeof file !== 'string' || !isAbsolute(file))
      throw new TypeError('CredentialStore: options.file must be an absolute path');
    if (typeof service !== 'string' || service === '')
      throw new TypeError('CredentialStore: options.service must be a non-empty string');
    if (typeof account !== 'string' || account === '')
      throw new TypeError('CredentialStore: options.account must be a non-empty string');
    if (typeof loader !== 'function')
      throw new TypeError('CredentialStore: options.loadKeytar must be a function');
    this.file = file;
    this.service = service;
    this.account = account;
    this.loader = loader;
  }

  /** The saved login, or null when there is none (or none usable). */
  async load(): Promise<CliCredentials | null> {
    return (await this.read()).credentials;
  }

  /** The saved login with where it came from and whether a stored one was unusable. */
  async read(): Promise<CredentialRead> {
    // null: no keychain, no entry, or a locked keyring; the file may hold a login saved meanwhile.
    const secret = await this.keychain((k) => k.getPassword(this.service, this.account));
    const keychain = typeof secret === 'string' ? parseCredentials(secret, this.account) : null;
    const text = await readCredentialFile(this.file);
    const file =
      text === null ? null : text === 'unusable' ? CORRUPT : parseCredentials(text, this.account);
    const corrupt =
      keychain?.kind === 'corrupt' ? 'keychain' : file?.kind === 'corrupt' ? 'file' : null;
    const inKeychain = keychain?.kind === 'ok' ? keychain.credentials : null;
    const inFile = file?.kind === 'ok' ? file.credentials : null;
    // Both only after the keychain failed for one save and came back: the later login is newer.
    if (inKeychain !== null && (inFile === null || inKeychain.expiresAt >= inFile.expiresAt))
      return { credentials: inKeychain, source: 'keychain', corrupt };
    if (inFile !== null) return { credentials: inFile, source: 'file', corrupt };
    return { credentials: null, source: null, corrupt };
  }

  /**
   * Saves `credentials`, replacing any earlier login: in the keychain when it accepts them (the
   * fallback file is then removed), else in the file (and a keychain entry it cannot replace is
   * deleted if possible, so it cannot shadow the new login).
   *
   * @throws TypeError naming the field when `credentials` is malformed; StoreWriteError when the
   *   file is needed and cannot be written.
   */
  async save(credentials: CliCredentials): Promise<CredentialLocation> {
    checkCredentials(credentials, 'CredentialStore.save');
    const text = serializeCredentials(credentials, this.account);
    const stored = await this.keychain(async (k) => {
      await k.setPassword(this.service, this.account, text);
      return true;
    });
    if (stored === true) {
      // Best effort: the keychain copy is read first, so a leftover file is shadowed, not used.
      await removeCredentialFile(this.file).catch(() => false);
      return 'keychain';
    }
    await writeCredentialFile(this.file, text);
    await this.keychain((k) => k.deletePassword(this.service, this.account));
    return 'file';
  }

  /**
   * Forgets the login in both places.
   *
   * @returns true when something was removed.
   * @throws StoreWriteError when the file exists and cannot be removed.
   */
  async clear(): Promise<boolean> {
    const fromKeychain = await this.keychain((k) => k.deletePassword(this.service, this.account));
    const fromFile = await removeCredentialFile(this.file);
    return fromKeychain === true || fromFile;
  }

  /** Runs `call` against keytar; null when keytar is missing or the call fails. */
  private async keychain<T>(call: (keytar: KeytarLike) => Promise<T>): Promise<T | null> {
    this.keytar ??= this.loader().catch(() => null);
    const keytar = await this.keytar;
    if (keytar === null) return null;
    try {
      return await call(keytar);
    } catch {
      // "Cannot autolaunch D-Bus", "org.freedesktop.secrets was not provided": no keychain here.
      return null;
    }
  }
}
