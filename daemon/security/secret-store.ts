/**
 * @module Where secrets live: the OS keychain through keytar when a Secret Service answers,
 * otherwise 0600 files in the data folder. The choice is made once at start and reported.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '../../src/protocol/errors.js';

/** The subset of keytar we use (injectable for tests). */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface SecretStore {
  readonly backend: 'keychain' | 'file';
  /** Why this backend was chosen, for `daemon status` and the log. */
  readonly detail: string;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** @returns false when there was no such secret. */
  delete(name: string): Promise<boolean>;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** @throws InvalidInputError when a secret name could escape its folder or is unusable. */
export function checkSecretName(name: string): void {
  if (!namePattern.test(name)) {
    throw new InvalidInputError(`secret name '${name}' must be 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit`, 'name');
  }
}

class FileSecretStore implements SecretStore {
  readonly backend = 'file' as const;
  constructor(
    private readonly dir: string,
    readonly detail: string,
  ) {}

  async get(name: string): Promise<string | null> {
    checkSecretName(name);
    try {
      return await readFile(join(this.dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async set(name: string, value: string): Promise<void> {
    checkSecretName(name);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, `.${name}.tmp-${process.pid}`);
    await writeFile(tmp, value, { mode: 0o600 });
    await rename(tmp, join(this.dir, name));
  }

  async delete(name: string): Promise<boolean> {
    checkSecretName(name);
    try {
      await unlink(join(this.dir, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  constructor(
    private readonly keychain: Keychain,
    private readonly service: string,
    readonly detail: string,
  ) {}

  async get(name: string): Promise<string | null> {
    checkSecretName(name);
    return this.keychain.getPassword(this.service, name);
  }

  async set(name: string, value: string): Promise<void> {
    checkSecretName(name);
    return this.keychain.setPassword(this.service, name, value);
  }

  async delete(name: string): Promise<boolean> {
    checkSecretName(name);
    return this.keychain.deletePassword(this.service, name);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function loadKeytar(): Promise<Keychain> {
  const mod = (await import('keytar')) as unknown as { default?: Keychain } & Keychain;
  return mod.default ?? mod;
}

export interface OpenSecretStoreOptions {
  /** The folder for the file backend (and the keychain service's scope). */
  secretsDir: string;
  preference: 'auto' | 'keychain' | 'file';
  /** Loads keytar; injectable so tests can simulate a missing or failing keychain. */
  loadKeychain?: () => Promise<Keychain>;
  /** How long the keychain probe may take (default 3 s): a locked keyring may never answer. */
  probeTimeoutMs?: number;
}

/** The keychain service name: one per data folder, so two homes never share secrets. */
export function serviceName(secretsDir: string): string {
  return `clickup-brain:${createHash('sha256').update(secretsDir).digest('hex').slice(0, 16)}`;
}

/**
 * Chooses the backend. With `keychain` preferred and no keychain usable, it throws rather than
 * quietly writing secrets to files the user asked not to have.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const store = await chooseBackend(options);
  const previous = await readMarker(options.secretsDir);
  if (store.backend === 'keychain') {
    // Secrets kept in files while no keychain answered move into the keychain, so a backend
    // change between starts never hides them.
    const moved = await moveFilesIntoKeychain(options.secretsDir, store);
    await writeMarker(options.secretsDir, 'keychain');
    return moved === 0 ? store : withDetail(store, `${store.detail}; moved ${moved} secret(s) from files into it`);
  }
  if (previous === 'keychain') {
    return withDetail(store, `${store.detail}; WARNING: secrets saved earlier are in the OS keychain and unavailable until a Secret Service answers again`);
  }
  await writeMarker(options.secretsDir, 'file');
  return store;
}

async function chooseBackend(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const files = (detail: string): SecretStore => new FileSecretStore(options.secretsDir, detail);
  if (options.preference === 'file') return files(`0600 files in ${options.secretsDir} (secrets.backend=file)`);
  const service = serviceName(options.secretsDir);
  try {
    const keychain = await (options.loadKeychain ?? loadKeytar)();
    // Probe with a write, a read and a delete: a locked keyring answers reads with null.
    const probe = `probe-${process.pid}`;
    const timeout = options.probeTimeoutMs ?? 3000;
    await withTimeout(keychain.setPassword(service, probe, 'probe'), timeout, 'the Secret Service');
    const back = await withTimeout(keychain.getPassword(service, probe), timeout, 'the Secret Service');
    await withTimeout(keychain.deletePassword(service, probe), timeout, 'the Secret Service');
    if (back !== 'probe') throw new Error('the keyring is locked (a stored probe could not be read back)');
    return new KeychainSecretStore(keychain, service, `OS keychain via Secret Service (service ${service})`);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? 'unknown error';
    if (options.preference === 'keychain') throw new Error(`secrets.backend is keychain, but the keychain is not usable: ${reason}`);
    return files(`0600 files in ${options.secretsDir} (no usable keychain: ${reason})`);
  }
}

/** The same store with another `detail`. */
function withDetail(store: SecretStore, detail: string): SecretStore {
  return { backend: store.backend, detail, get: (n) => store.get(n), set: (n, v) => store.set(n, v), delete: (n) => store.delete(n) };
}

/** Which backend held the secrets last time: a file beside the secrets folder, not in it. */
function markerPath(dir: string): string {
  return `${dir}.backend`;
}

async function readMarker(dir: string): Promise<string | null> {
  try {
    return (await readFile(markerPath(dir), 'utf8')).trim();
  } catch {
    return null;
  }
}

async function writeMarker(dir: string, backend: 'keychain' | 'file'): Promise<void> {
  await mkdir(dirname(dir), { recursive: true, mode: 0o700 });
  await writeFile(markerPath(dir), `${backend}\n`, { mode: 0o600 });
}

async function moveFilesIntoKeychain(dir: string, keychain: SecretStore): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => namePattern.test(name));
  } catch {
    return 0;
  }
  for (const name of names) {
    const value = await readFile(join(dir, name), 'utf8');
    await keychain.set(name, value);
    await unlink(join(dir, name));
  }
  return names.length;
}
