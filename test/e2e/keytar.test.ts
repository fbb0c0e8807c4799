/**
 * End to end: the OS keychain path. A private D-Bus session with an unlocked gnome-keyring stands
 * in for a desktop's Secret Service; keytar (through `openSecretStore`) and the real daemon must
 * pick it, and without a session bus the daemon must fall back to 0600 files and say why.
 *
 * The keyring tools are required, not optional: CI installs them (`.ci/run`), and a silently
 * skipped test would hide a broken keychain path.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cliBin, repoRoot, runCli, waitForExit } from '../helpers/home.js';
import { processAlive } from '../../src/protocol/process-state.js';
import { onPath } from '../helpers/system-tools.js';

const secretStoreModule = join(repoRoot, 'dist', 'daemon', 'security', 'secret-store.js');

/** The tools a keyring session needs, and the Debian package that brings each. */
const keyringTools = [
  {
    bin: 'dbus-run-session',
    install:
      'apt-get install -y dbus (dbus-run-session comes in Debian’s dbus-daemon package, which dbus pulls in)',
  },
  { bin: 'gnome-keyring-daemon', install: 'apt-get install -y gnome-keyring' },
] as const;

/** Fails (never skips) when a tool is missing, naming the package to install. */
function requireKeyringTools(): void {
  const missing = keyringTools.filter((tool) => !onPath(tool.bin));
  if (missing.length > 0) {
    assert.fail(
      `the keychain e2e test needs a real Secret Service, but ${missing.map((t) => t.bin).join(' and ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} not on PATH. Install: ${missing.map((t) => t.install).join('; ')}`,
    );
  }
}

interface Sandbox {
  root: string;
  /** HOME and XDG_DATA_HOME (the keyring files) live here. */
  userHome: string;
  /** CLICKUP_BRAIN_HOME: config, data, logs, socket and pid file. */
  brainHome: string;
  pidFile: string;
  secretsDir: string;
  /** A clean environment: no session bus, no display, no runtime dir of the real user. */
  env: NodeJS.ProcessEnv;
}

const sandboxes: Sandbox[] = [];

async function sandbox(): Promise<Sandbox> {
  // Under /tmp and short, so <home>/run/daemon.sock stays far below the socket path limit.
  const root = await mkdtemp('/tmp/cbk-');
  const userHome = join(root, 'u');
  const brainHome = join(root, 'b');
  await mkdir(userHome, { mode: 0o700 });
  await mkdir(brainHome, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: userHome,
    XDG_DATA_HOME: join(userHome, 'share'),
    CLICKUP_BRAIN_HOME: brainHome,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  };
  const box: Sandbox = {
    root,
    userHome,
    brainHome,
    pidFile: join(brainHome, 'run', 'daemon.pid'),
    secretsDir: join(brainHome, 'data', 'secrets'),
    env,
  };
  sandboxes.push(box);
  return box;
}

async function daemonPid(box: Sandbox): Promise<number | null> {
  try {
    const pid = Number((await readFile(box.pidFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Zombie-aware, like the product: a daemon that exited but was not reaped yet counts as gone. */
function alive(pid: number): boolean {
  return processAlive(pid);
}

/**
 * Kills a daemon left behind by a failed test (by its pid file) and any keyring or bus process of
 * this sandbox still running (found by the sandbox's unique path in its environment), then
 * removes the folder.
 */
async function dispose(box: Sandbox): Promise<void> {
  const pid = await daemonPid(box);
  const pids = [...(pid !== null && alive(pid) ? [pid] : []), ...processesMentioning(box.root)];
  for (const p of new Set(pids)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const p of pids) await waitForExit(p, 5_000);
  await rm(box.root, { recursive: true, force: true });
}

after(async () => {
  for (const box of sandboxes.splice(0)) await dispose(box);
});

/**
 * Pids of live processes whose environment mentions `marker` (Linux /proc): after a session, no
 * daemon or keyring of that sandbox may still run. Zombies have an empty environ and don't count.
 */
function processesMentioning(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(join('/proc', name, 'environ'), 'latin1').includes(marker))
        found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function waitUntilNoProcessMentions(marker: string, timeoutMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesMentioning(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = processesMentioning(marker);
  }
  return left;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `body` (sh) inside `dbus-run-session` after unlocking a fresh gnome-keyring with the secrets
 * component. The keyring's own output (GNOME_KEYRING_CONTROL=…) goes to stderr so stdout is the
 * body's alone. Bounded: the whole session is killed after `timeoutMs`.
 */
async function inKeyringSession(box: Sandbox, body: string, timeoutMs = 60_000): Promise<Run> {
  const script = join(box.root, `session-${Date.now()}.sh`);
  await writeFile(
    script,
    [
      'set -u',
      'printf %s "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >&2 || { echo "gnome-keyring-daemon --unlock failed" >&2; exit 90; }',
      body,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', ['--', 'sh', script], {
      env: { ...box.env, KEYRING_PASSWORD: 'e2e-pass', NODE: process.execPath, CLI: cliBin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function describeRun(run: Run): string {
  return `exit ${run.code ?? run.signal}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new assert.AssertionError({ message: `${what} is not JSON:\n${text}` });
  }
}

interface StoreProbe {
  backend?: string;
  detail?: string;
  readBack?: boolean;
  seenByKeytar?: boolean;
  filesAfterSet?: string[];
  deleted?: boolean;
  afterDelete?: string | null;
  deletedAgain?: boolean;
  filesAtEnd?: string[];
  error?: string;
}

/** The node script run inside the session: the daemon's own module, loaded by absolute file URL. */
function storeProbeScript(box: Sandbox): string {
  const storeUrl = pathToFileURL(secretStoreModule).href;
  const keytarUrl = pathToFileURL(
    join(repoRoot, 'node_modules', 'keytar', 'lib', 'keytar.js'),
  ).href;
  return `
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openSecretStore, serviceName } from ${JSON.stringify(storeUrl)};
import keytar from ${JSON.stringify(keytarUrl)};

const home = ${JSON.stringify(box.brainHome)};
const secretsDir = ${JSON.stringify(box.secretsDir)};
// Every file under the home (data/secrets included) whose name mentions the secret.
function filesNamedLikeSecret() {
  const out = [];
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes('db-password')) out.push(relative(home, p));
    }
  };
  walk(home);
  return out;
}

const result = {};
try {
  const store = await openSecretStore({ secretsDir, preference: 'auto' });
  result.backend = store.backend;
  result.detail = store.detail;
  const value = randomBytes(24).toString('base64url');
  await store.set('db-password', value);
  result.filesAfterSet = filesNamedLikeSecret();
  result.readBack = (await store.get('db-password')) === value;
  // Independently of the store: the Secret Service itself holds it under the home's service name.
  result.seenByKeytar = (await keytar.getPassword(serviceName(secretsDir), 'db-password')) === value;
  result.deleted = await store.delete('db-password');
  result.afterDelete = await store.get('db-password');
  result.deletedAgain = await store.delete('db-password');
  result.filesAtEnd = filesNamedLikeSecret();
} catch (error) {
  result.error = String(error?.stack ?? error);
}
process.stdout.write(JSON.stringify(result) + '\\n');
`;
}

describe('secrets in the OS keychain (gnome-keyring over a private D-Bus session)', () => {
  it('openSecretStore(auto) picks the keychain; a secret round-trips there and never touches a file', async () => {
    requireKeyringTools();
    assert.ok(
      existsSync(secretStoreModule),
      `${secretStoreModule} is missing: run \`npm run build\` first (npm run test:e2e does)`,
    );
    const box = await sandbox();
    const probe = join(box.root, 'probe.mjs');
    await writeFile(probe, storeProbeScript(box), { mode: 0o600 });

    const run = await inKeyringSession(box, `"$NODE" ${JSON.stringify(probe)}`);
    assert.equal(run.code, 0, describeRun(run));
    // Services D-Bus activates write to the session's stdout too: the probe's line is the JSON one.
    const line = run.stdout.split('\n').findLast((l) => l.startsWith('{')) ?? run.stdout;
    const result = parseJson<StoreProbe>(line, 'the probe output');
    assert.equal(result.error, undefined, `the probe threw:\n${result.error}\n${describeRun(run)}`);
    assert.equal(
      result.backend,
      'keychain',
      `expected the keychain backend, got ${result.backend}: ${result.detail}`,
    );
    assert.match(
      result.detail ?? '',
      /^OS keychain via Secret Service \(service clickup-brain:[0-9a-f]{16}\)$/,
    );
    assert.deepEqual(
      {
        readBack: result.readBack,
        seenByKeytar: result.seenByKeytar,
        deleted: result.deleted,
        afterDelete: result.afterDelete,
        deletedAgain: result.deletedAgain,
      },
      { readBack: true, seenByKeytar: true, deleted: true, afterDelete: null, deletedAgain: false },
    );
    assert.deepEqual(
      result.filesAfterSet,
      [],
      'with the keychain backend no secret file may be written',
    );
    assert.deepEqual(result.filesAtEnd, []);
  });

  it('the real daemon, started inside the session, reports secretBackend keychain; daemon stop ends it', async () => {
    requireKeyringTools();
    const box = await sandbox();
    const out = (name: string): string => join(box.root, name);
    const sh = (name: string): string => `'${out(name)}'`;
    const body = [
      `"$NODE" "$CLI" daemon start --json > ${sh('start.json')}; echo $? > ${sh('start.rc')}`,
      `"$NODE" "$CLI" daemon status --json > ${sh('status.json')}; echo $? > ${sh('status.rc')}`,
      // Always stop inside the session: a daemon outliving its bus would keep a dead keychain.
      `"$NODE" "$CLI" daemon stop --json > ${sh('stop.json')}; echo $? > ${sh('stop.rc')}`,
    ].join('\n');

    const run = await inKeyringSession(box, body);
    assert.equal(run.code, 0, describeRun(run));
    const read = async (name: string): Promise<string> =>
      (await readFile(out(name), 'utf8').catch(() => '')).trim();

    assert.equal(
      await read('start.rc'),
      '0',
      `daemon start failed: ${await read('start.json')}\n${describeRun(run)}`,
    );
    const start = parseJson<{ running: boolean; pid: number; started: boolean }>(
      await read('start.json'),
      'daemon start --json',
    );
    assert.equal(start.started, true);

    assert.equal(
      await read('status.rc'),
      '0',
      `daemon status failed: ${await read('status.json')}\n${describeRun(run)}`,
    );
    const status = parseJson<{
      running: boolean;
      pid: number;
      secretBackend: string;
      secretBackendDetail: string;
    }>(await read('status.json'), 'daemon status --json');
    assert.equal(status.running, true);
    assert.equal(status.pid, start.pid);
    assert.equal(
      status.secretBackend,
      'keychain',
      `the daemon chose ${status.secretBackend}: ${status.secretBackendDetail}`,
    );
    assert.match(
      status.secretBackendDetail,
      /^OS keychain via Secret Service \(service clickup-brain:[0-9a-f]{16}\)$/,
    );

    assert.equal(await read('stop.rc'), '0', `daemon stop failed: ${await read('stop.json')}`);
    assert.deepEqual(parseJson(await read('stop.json'), 'daemon stop --json'), {
      running: false,
      stopped: true,
      pid: start.pid,
    });
    assert.equal(
      alive(start.pid),
      false,
      `the daemon (pid ${start.pid}) still runs after daemon stop`,
    );
    // Nothing of this sandbox outlives the session: not the daemon, not the keyring.
    assert.deepEqual(
      await waitUntilNoProcessMentions(box.root),
      [],
      'processes of the keyring session still run',
    );
  });

  it('without a session bus the auto-started daemon keeps secrets in 0600 files and says why', async () => {
    const box = await sandbox();
    // box.env has no DBUS_SESSION_BUS_ADDRESS and no DISPLAY (nor XDG_RUNTIME_DIR) by construction.
    for (const name of [
      'DBUS_SESSION_BUS_ADDRESS',
      'DISPLAY',
      'WAYLAND_DISPLAY',
      'XDG_RUNTIME_DIR',
    ])
      assert.equal(box.env[name], undefined, name);

    const health = await runCli(['monitoring', '--health'], box.env);
    assert.ok(
      [0, 1, 2].includes(health.code),
      `monitoring --health exited ${health.code}: ${health.stderr}`,
    );
    const pid = await daemonPid(box);
    assert.notEqual(pid, null, 'monitoring --health should have auto-started the daemon');

    const statusRun = await runCli(['daemon', 'status', '--json'], box.env);
    assert.equal(statusRun.code, 0, statusRun.stderr);
    const status = parseJson<{ pid: number; secretBackend: string; secretBackendDetail: string }>(
      statusRun.stdout,
      'daemon status --json',
    );
    assert.equal(status.pid, pid);
    assert.equal(status.secretBackend, 'file', status.secretBackendDetail);
    // Where the files are, and the keychain's own reason for not being usable.
    assert.ok(
      status.secretBackendDetail.startsWith(
        `0600 files in ${box.secretsDir} (no usable keychain: `,
      ),
      status.secretBackendDetail,
    );
    const reason = /\(no usable keychain: (.+)\)$/.exec(status.secretBackendDetail)?.[1] ?? '';
    assert.match(
      reason,
      /D-Bus|DBus|DISPLAY|Secret Service|secrets/i,
      `the reason should name what is missing: ${reason}`,
    );

    const stop = await runCli(['daemon', 'stop', '--json'], box.env);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(alive(status.pid), false);
  });
});
