/**
 * @module Where everything lives.
 *
 * `CLICKUP_BRAIN_HOME` puts config, data, logs and the socket under one folder (tests always use a
 * fresh one). Without it, the XDG base directories are used, as other per-user daemons do.
 */
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Linux's sun_path holds 108 bytes including the terminating NUL; macOS's 104. */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'darwin' ? 103 : 107;

/** Every path the CLI and the daemon use. */
export interface Paths {
  /** `home` when CLICKUP_BRAIN_HOME is set, `xdg` otherwise. */
  mode: 'home' | 'xdg';
  configDir: string;
  configFile: string;
  dataDir: string;
  storeFile: string;
  eventsFile: string;
  secretsDir: string;
  lockDir: string;
  logDir: string;
  logFile: string;
  runtimeDir: string;
  socketPath: string;
  pidFile: string;
}

type Env = Record<string, string | undefined>;

function userSuffix(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
}

/**
 * Resolves all paths from the environment.
 *
 * @param env - usually `process.env`; `CLICKUP_BRAIN_HOME`, `CLICKUP_BRAIN_SOCKET` and the XDG
 *   variables are read from it.
 * @param socketOverride - the `--socket` option, which wins over everything.
 */
export function resolvePaths(env: Env, socketOverride?: string): Paths {
  const home = env['CLICKUP_BRAIN_HOME'];
  let configDir: string;
  let dataDir: string;
  let stateDir: string;
  let runtimeDir: string;
  if (home !== undefined && home !== '') {
    const root = resolve(home);
    configDir = join(root, 'config');
    dataDir = join(root, 'data');
    stateDir = join(root, 'state');
    runtimeDir = join(root, 'run');
  } else {
    const userHome = env['HOME'] ?? homedir();
    const xdg = (name: string, fallback: string): string => {
      const value = env[name];
      // XDG says relative values are invalid and must be ignored.
      return value !== undefined && value.startsWith('/') ? value : fallback;
    };
    configDir = join(xdg('XDG_CONFIG_HOME', join(userHome, '.config')), 'clickup-brain');
    dataDir = join(xdg('XDG_DATA_HOME', join(userHome, '.local', 'share')), 'clickup-brain');
    stateDir = join(xdg('XDG_STATE_HOME', join(userHome, '.local', 'state')), 'clickup-brain');
    const xdgRuntime = env['XDG_RUNTIME_DIR'];
    runtimeDir =
      xdgRuntime !== undefined && xdgRuntime.startsWith('/')
        ? join(xdgRuntime, 'clickup-brain')
        : join(tmpdir(), `clickup-brain-${userSuffix()}`);
  }
  const socketFromEnv = env['CLICKUP_BRAIN_SOCKET'];
  const socketPath = resolve(
    socketOverride ?? (socketFromEnv !== undefined && socketFromEnv !== '' ? socketFromEnv : join(runtimeDir, 'daemon.sock')),
  );
  const logDir = join(stateDir, 'logs');
  return {
    mode: home !== undefined && home !== '' ? 'home' : 'xdg',
    configDir,
    configFile: join(configDir, 'config.json'),
    dataDir,
    storeFile: join(dataDir, 'store.json'),
    eventsFile: join(dataDir, 'events.jsonl'),
    secretsDir: join(dataDir, 'secrets'),
    lockDir: join(dataDir, 'store.lock'),
    logDir,
    logFile: join(logDir, 'current.log'),
    runtimeDir,
    socketPath,
    pidFile: join(runtimeDir, 'daemon.pid'),
  };
}

/**
 * @returns a message when the socket path is too long for the platform, else `null`.
 */
export function socketPathProblem(socketPath: string): string | null {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return null;
  return (
    `socket path ${socketPath} is ${bytes} bytes, but Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}; ` +
    'set CLICKUP_BRAIN_HOME to a shorter folder or pass --socket <path>'
  );
}
