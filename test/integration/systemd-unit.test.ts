/**
 * examples/clickup-brain.service, the systemd user unit: `systemd-analyze --user verify` accepts
 * it (where systemd-analyze exists), its sandbox leaves writable exactly the folders the daemon
 * writes, and its ExecStart, run as systemd would run it (through /usr/bin/env, with the unit's
 * Environment=), starts a daemon the CLI talks to, exits 0 on SIGTERM to the main process alone
 * (KillMode=mixed) and exits 75 — a status the unit does not restart on — when a daemon already
 * serves the store.
 *
 * No user manager runs here, so the unit's sandbox itself is not exercised.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { resolvePaths } from '../../src/protocol/paths.js';
import { cliBin, repoRoot, runCli, waitForExit } from '../helpers/home.js';
import { exists, isAlive, parseJson, track, waitFor } from '../helpers/integration.js';
import { onPath } from '../helpers/system-tools.js';

const unitPath = join(repoRoot, 'examples', 'clickup-brain.service');

/** [section, key, value, commented] for each `Key=value` line (also `#Key=value` templates). */
function parseUnit(
  text: string,
): { section: string; key: string; value: string; commented: boolean }[] {
  const out: { section: string; key: string; value: string; commented: boolean }[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header !== null) section = header[1] ?? '';
    const assignment = /^(#?)([A-Za-z]+)=(.*)$/.exec(line);
    if (assignment === null) continue;
    const [, hash, key, value] = assignment;
    out.push({ section, key: key ?? '', value: value ?? '', commented: hash === '#' });
  }
  return out;
}

const entries = parseUnit(readFileSync(unitPath, 'utf8'));
const service = (key: string): string[] =>
  entries
    .filter((e) => e.section === 'Service' && e.key === key && !e.commented)
    .map((e) => e.value);

describe('examples/clickup-brain.service', () => {
  it('passes `systemd-analyze --user verify` with nothing to say about it', async (t) => {
    if (!onPath('systemd-analyze')) {
      t.skip('systemd-analyze is not on PATH (Debian package systemd); the unit was not verified');
      return;
    }
    const runtime = await mkdtemp(join(tmpdir(), 'cb-unit-'));
    try {
      // --user needs a runtime folder; a temporary one keeps this user's manager out of it.
      const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          'systemd-analyze',
          ['--user', 'verify', unitPath],
          {
            env: { PATH: process.env['PATH'], HOME: runtime, XDG_RUNTIME_DIR: runtime },
            timeout: 60_000,
          },
          (error, stdout, stderr) =>
            resolve({
              code: error === null ? 0 : Number(error.code ?? 1),
              output: stdout + stderr,
            }),
        );
      });
      assert.equal(code, 0, output);
      // verify exits 0 on unknown keys and bad values too: only silence about the unit is a pass.
      assert.deepEqual(
        output.split('\n').filter((l) => l.includes('clickup-brain.service')),
        [],
      );
    } finally {
      await rm(runtime, { recursive: true, force: true });
    }
  });

  it('runs in the foreground without sd_notify, restarts on failure but not on 2 or 75', () => {
    assert.deepEqual(service('Type'), ['exec']);
    assert.deepEqual(service('Restart'), ['on-failure']);
    assert.deepEqual(service('KillMode'), ['mixed']);
    assert.deepEqual(service('RestartPreventExitStatus'), ['2 75']);
  });

  it('is hardened, and leaves writable exactly the folders the daemon writes (XDG layout)', () => {
    assert.deepEqual(service('UMask'), ['0077']);
    assert.deepEqual(service('NoNewPrivileges'), ['true']);
    assert.deepEqual(service('PrivateUsers'), ['true']);
    assert.deepEqual(service('PrivateTmp'), ['true']);
    assert.deepEqual(service('ProtectSystem'), ['strict']);
    const paths = resolvePaths({ HOME: '/HOME', XDG_RUNTIME_DIR: '/RUNTIME' });
    const expected = [paths.configDir, paths.dataDir, dirname(paths.logDir), paths.runtimeDir];
    const expand = (v: string): string[] =>
      v.replaceAll('%h', '/HOME').replaceAll('%t', '/RUNTIME').split(/\s+/);
    assert.deepEqual(service('ReadWritePaths').flatMap(expand), expected);
    // The unsandboxed (+) mkdir makes them, since a missing ReadWritePaths folder fails the start.
    assert.deepEqual(service('ExecStartPre').flatMap(expand), [
      '+/usr/bin/mkdir',
      '-p',
      ...expected,
    ]);
  });

  it('sets, or offers, only environment variables the CLI reads', () => {
    const known = new Set([
      'CLICKUP_BRAIN_HOME',
      'CLICKUP_BRAIN_SOCKET',
      'NO_COLOR',
      'FORCE_COLOR',
      'PATH',
    ]);
    const names = entries
      .filter((e) => e.key === 'Environment')
      .map((e) => e.value.split('=')[0] ?? '');
    assert.deepEqual(
      names.filter((n) => !known.has(n) && !n.startsWith('XDG_')),
      [],
    );
  });

  it('ExecStart starts a daemon the CLI uses; SIGTERM to it alone stops both with status 0', async () => {
    const [execStart] = service('ExecStart');
    assert.ok(execStart !== undefined && !/["'\\]/.test(execStart), 'one plain ExecStart');
    const [command = '', ...args] = execStart.split(/\s+/);
    const home = await mkdtemp(join(tmpdir(), 'cb-'));
    // clickup-brain on PATH, as a global install puts it: a link to this checkout's bin.
    await mkdir(join(home, 'bin'));
    await symlink(cliBin, join(home, 'bin', 'clickup-brain'));
    const env: NodeJS.ProcessEnv = {
      PATH: [join(home, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter),
      HOME: home,
      NO_COLOR: '1',
      ...Object.fromEntries(
        service('Environment').map((v) => [
          v.slice(0, v.indexOf('=')),
          v.slice(v.indexOf('=') + 1),
        ]),
      ),
      CLICKUP_BRAIN_HOME: home,
    };
    const paths = resolvePaths(env);
    const main = track(spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    let daemonPid: number | null = null;
    try {
      await waitFor('the ready line', () => main.stdout().includes(' ready on '), 20_000);
      assert.match(
        main.stdout(),
        new RegExp(`^clickup-brain daemon \\S+ ready on ${paths.socketPath} \\(pid \\d+\\)\\n$`),
      );

      const status = await runCli(['daemon', 'status', '--json'], env);
      assert.equal(status.code, 0, status.stderr);
      daemonPid = parseJson<{ pid: number }>(status.stdout).pid;
      assert.notEqual(daemonPid, main.pid);

      const second = track(spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
      assert.deepEqual(await second.exited, { code: 75, signal: null });
      assert.equal(
        second.stderr(),
        `clickup-brain daemon: another daemon is already running for ${paths.dataDir} (pid ${daemonPid})\n`,
      );

      main.child.kill('SIGTERM');
      assert.deepEqual(await main.exited, { code: 0, signal: null });
      assert.equal(await waitForExit(daemonPid), true);
      assert.equal(await exists(paths.socketPath), false);
    } finally {
      await main.kill();
      if (daemonPid !== null && isAlive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
      await rm(home, { recursive: true, force: true });
    }
  });
});
