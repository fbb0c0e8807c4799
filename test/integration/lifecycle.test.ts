/**
 * Daemon lifecycle through the real CLI and the real daemon: auto-start, status, stop, restart,
 * signals, the single-daemon guarantee, stale leftovers of a crash, and the log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import {
  daemonMain,
  spawnDaemonProcess,
  tempHome,
  waitForExit,
  type TestHome,
} from '../helpers/home.js';
import {
  exists,
  isAlive,
  modeOf,
  parseJson,
  socketAnswers,
  track,
  waitFor,
  waitForSocket,
  within,
} from '../helpers/integration.js';
import { VERSION } from '../../src/protocol/version.js';

interface StatusJson {
  running: boolean;
  pid: number;
  version: string;
  protocol: number;
  socketPath: string;
  storePath: string;
  eventsPath: string;
  configPath: string;
  logPath: string;
  secretBackend: string;
  clients: number;
  subscribers: number;
}

describe('auto-start, status and permissions', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
  });
  after(() => home.cleanup());

  it('daemon status before anything ran: exit 3 and {running:false}', async () => {
    const result = await home.cli(['daemon', 'status', '--json']);
    assert.equal(result.code, 3, result.stderr);
    const body = parseJson<{ running: boolean; socketPath: string }>(result.stdout);
    assert.equal(body.running, false);
    assert.equal(body.socketPath, home.paths.socketPath);
    assert.equal(await home.daemonPid(), null, 'status must not start the daemon');

    const human = await home.cli(['daemon', 'status']);
    assert.equal(human.code, 3);
    assert.match(human.stdout, /daemon is not running/);
  });

  it('the first monitoring --health --json starts the daemon', async () => {
    assert.equal(await exists(home.paths.socketPath), false);
    const result = await home.cli(['monitoring', '--health', '--json']);
    assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}: ${result.stderr}`);
    const report = parseJson<{ status: string; checks: unknown[] }>(result.stdout);
    assert.ok(['healthy', 'degraded', 'unhealthy'].includes(report.status));
    const pid = await home.daemonPid();
    assert.ok(pid !== null, 'pid file written');
    assert.ok(isAlive(pid));
    assert.equal(await exists(home.paths.socketPath), true);
  });

  it('socket 0600, run folder 0700, store.json 0600 after a write', async () => {
    assert.equal(await modeOf(home.paths.socketPath), 0o600);
    assert.equal(await modeOf(home.paths.runtimeDir), 0o700);
    assert.equal(await modeOf(home.paths.dataDir), 0o700);
    const add = await home.cli(['security', '--blacklist', '203.0.113.9']);
    assert.equal(add.code, 0, add.stderr);
    assert.equal(await modeOf(home.paths.storeFile), 0o600);
    assert.equal(await modeOf(home.paths.eventsFile), 0o600);
    assert.equal(await modeOf(home.paths.pidFile), 0o600);
  });

  it('daemon status --json reports pid, version, paths, backend and clients', async () => {
    const result = await home.cli(['daemon', 'status', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const s = parseJson<StatusJson>(result.stdout);
    assert.equal(s.running, true);
    assert.equal(s.pid, await home.daemonPid());
    assert.equal(s.version, VERSION);
    assert.equal(s.protocol, 1);
    assert.equal(s.socketPath, home.paths.socketPath);
    assert.equal(s.storePath, home.paths.storeFile);
    assert.equal(s.eventsPath, home.paths.eventsFile);
    assert.equal(s.configPath, home.paths.configFile);
    assert.equal(s.secretBackend, 'file');
    assert.ok(s.clients >= 1, `clients ${s.clients}`);
    assert.equal(typeof s.subscribers, 'number');

    const human = await home.cli(['daemon', 'status']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^state\s+running$/m);
    assert.match(human.stdout, new RegExp(`^pid\\s+${s.pid}$`, 'm'));
  });
});

describe('stop, restart and start', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
  });
  after(() => home.cleanup());

  it('daemon stop when not running: exit 0, "daemon is not running"', async () => {
    const result = await home.cli(['daemon', 'stop']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'daemon is not running');
    const json = await home.cli(['daemon', 'stop', '--json']);
    assert.equal(json.code, 0);
    assert.deepEqual(parseJson(json.stdout), { running: false, stopped: false });
    assert.equal(await home.daemonPid(), null, 'stop must not start the daemon');
  });

  it('daemon start twice: the second says it is already running', async () => {
    const first = await home.cli(['daemon', 'start', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const started = parseJson<{ running: boolean; pid: number; started: boolean }>(first.stdout);
    assert.equal(started.started, true);
    assert.equal(started.pid, await home.daemonPid());
    const second = await home.cli(['daemon', 'start']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout.trim(), `daemon already running (pid ${started.pid})`);
    const third = await home.cli(['daemon', 'start', '--json']);
    assert.deepEqual(parseJson(third.stdout), { running: true, pid: started.pid, started: false });
  });

  it('daemon restart gives a new pid', async () => {
    const before = await home.daemonPid();
    assert.ok(before !== null);
    const result = await home.cli(['daemon', 'restart', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const body = parseJson<{ running: boolean; pid: number; restarted: boolean }>(result.stdout);
    assert.equal(body.restarted, true);
    assert.notEqual(body.pid, before);
    assert.equal(isAlive(before), false, 'the old daemon is gone');
    assert.equal(await home.daemonPid(), body.pid);
    assert.ok(isAlive(body.pid));
  });

  it('daemon stop: exit 0, process gone, socket and pid file removed', async () => {
    const pid = await home.daemonPid();
    assert.ok(pid !== null);
    const result = await home.cli(['daemon', 'stop']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), `daemon stopped (pid ${pid})`);
    assert.equal(isAlive(pid), false);
    assert.equal(await exists(home.paths.socketPath), false, 'socket removed');
    assert.equal(await exists(home.paths.pidFile), false, 'pid file removed');
    assert.equal(await exists(home.paths.lockDir), false, 'store lock released');
    const status = await home.cli(['daemon', 'status', '--json']);
    assert.equal(status.code, 3);
    assert.equal(parseJson<{ running: boolean }>(status.stdout).running, false);
  });

  it('daemon restart when not running starts it', async () => {
    const result = await home.cli(['daemon', 'restart', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const body = parseJson<{ pid: number; restarted: boolean }>(result.stdout);
    assert.equal(body.restarted, false);
    assert.equal(await home.daemonPid(), body.pid);
  });
});

describe('signals and the single-daemon guarantee', () => {
  it('SIGTERM: the daemon exits 0 and removes socket, pid file and store lock', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const daemon = track(spawnDaemonProcess(home.env));
    t.after(() => daemon.kill());
    await waitForSocket(home.paths.socketPath);
    await waitFor('pid file', async () => (await home.daemonPid()) === daemon.pid);
    assert.equal(await exists(home.paths.lockDir), true);
    // A request that writes, so the store and audit log are open and flushed on the way down.
    const add = await home.cli(['security', '--blacklist', '198.51.100.7']);
    assert.equal(add.code, 0, add.stderr);

    daemon.child.kill('SIGTERM');
    const { code, signal } = await within(
      daemon.exited,
      15_000,
      'the daemon to exit after SIGTERM',
    );
    assert.equal(signal, null);
    assert.equal(code, 0, daemon.stderr());
    assert.match(daemon.stdout(), new RegExp(`ready on .* \\(pid ${daemon.pid}\\)`));
    assert.equal(await exists(home.paths.socketPath), false, 'socket removed');
    assert.equal(await exists(home.paths.pidFile), false, 'pid file removed');
    assert.equal(await exists(home.paths.lockDir), false, 'lock dir removed');
    // The write survived the shutdown.
    const list = await home.cli(['security', '--blacklist', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      parseJson<{ entries: Array<{ target: string }> }>(list.stdout).entries.map((e) => e.target),
      ['198.51.100.7'],
    );
  });

  it('two daemons started at the same moment: one runs, the other exits 75', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const a = track(spawnDaemonProcess(home.env));
    const b = track(spawnDaemonProcess(home.env));
    t.after(() => a.kill());
    t.after(() => b.kill());
    const loserExit = await within(
      Promise.race([
        a.exited.then((e) => ({ who: a, ...e })),
        b.exited.then((e) => ({ who: b, ...e })),
      ]),
      15_000,
      'one daemon to give up',
    );
    const loser = loserExit.who;
    const winner = loser === a ? b : a;
    assert.equal(loserExit.code, 75, `loser stderr: ${loser.stderr()}`);
    assert.match(loser.stderr(), /another daemon is already running/);
    await waitForSocket(home.paths.socketPath);
    await waitFor('the winner pid file', async () => (await home.daemonPid()) === winner.pid);
    assert.ok(isAlive(winner.pid), 'the winner keeps running');
    const status = await home.cli(['daemon', 'status', '--json']);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(parseJson<StatusJson>(status.stdout).pid, winner.pid);
  });

  it('a daemon started while another runs exits 75 and leaves the running one alone', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start', '--json']);
    assert.equal(start.code, 0, start.stderr);
    const pid = parseJson<{ pid: number }>(start.stdout).pid;
    const second = track(spawnDaemonProcess(home.env));
    t.after(() => second.kill());
    const { code } = await within(second.exited, 15_000, 'the second daemon to exit');
    assert.equal(code, 75, second.stderr());
    assert.match(
      second.stderr(),
      new RegExp(`another daemon is already running for .* \\(pid ${pid}\\)`),
    );
    assert.ok(isAlive(pid));
    assert.equal(await exists(home.paths.socketPath), true);
    assert.equal(await home.daemonPid(), pid);
    const ping = await home.cli(['daemon', 'status', '--json']);
    assert.equal(parseJson<StatusJson>(ping.stdout).pid, pid);
  });

  it('stale socket and pid file left by SIGKILL: the next command starts a fresh daemon', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const first = await home.cli([
      'security',
      '--blacklist',
      '192.0.2.1',
      '--reason',
      'before the crash',
    ]);
    assert.equal(first.code, 0, first.stderr);
    const oldPid = await home.daemonPid();
    assert.ok(oldPid !== null);
    process.kill(oldPid, 'SIGKILL');
    assert.ok(await waitForExit(oldPid));
    assert.equal(await exists(home.paths.socketPath), true, 'a killed daemon leaves its socket');
    assert.equal(await exists(home.paths.pidFile), true, 'a killed daemon leaves its pid file');
    assert.equal(await exists(home.paths.lockDir), true, 'a killed daemon leaves its lock');

    const result = await home.cli(['monitoring', '--health', '--json']);
    assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}: ${result.stderr}`);
    parseJson(result.stdout);
    const newPid = await home.daemonPid();
    assert.ok(newPid !== null && newPid !== oldPid);
    assert.ok(isAlive(newPid));
    const list = await home.cli(['security', '--blacklist', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      parseJson<{ entries: Array<{ target: string; reason: string }> }>(list.stdout).entries.map(
        (e) => [e.target, e.reason],
      ),
      [['192.0.2.1', 'before the crash']],
    );
  });
});

describe('a crashed daemon that was not reaped yet', () => {
  it(
    'does not keep its store lock: a new daemon starts',
    async (t) => {
      const home = await tempHome();
      t.after(() => home.cleanup());
      // A parent that never reaps: perl forks the daemon and sleeps, leaving SIGCHLD at its
      // default. (A shell backgrounding it could reap it before `exec sleep`.)
      const parent = track(
        spawn(
          'perl',
          [
            '-e',
            '$| = 1; my $pid = fork() // die; if ($pid == 0) { open STDOUT, ">/dev/null"; ' +
              'open STDERR, ">/dev/null"; exec @ARGV or die } print "$pid\\n"; sleep 60',
            process.execPath,
            daemonMain,
          ],
          { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
      t.after(() => parent.kill());
      const pid = await waitFor('the daemon pid', () => {
        const n = Number(parent.stdout().trim());
        return Number.isInteger(n) && n > 0 ? n : undefined;
      });
      await waitForSocket(home.paths.socketPath);
      process.kill(pid, 'SIGKILL');
      await waitFor('the daemon to be a zombie', async () =>
        (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.startsWith('Z'),
      );
      // Its threads may still be tearing down (an fsync in flight) with the socket open.
      await waitFor(
        'the dead daemon to stop answering',
        async () => !(await socketAnswers(home.paths.socketPath)),
      );

      const next = track(spawnDaemonProcess(home.env));
      t.after(() => next.kill());
      const outcome = await Promise.race([
        waitForSocket(home.paths.socketPath, 10_000).then(() => 'listening'),
        next.exited.then((e) => `exited ${e.code}: ${next.stderr().trim()}`),
      ]);
      assert.equal(outcome, 'listening');
    },
  );
});

describe('daemon logs', () => {
  it('daemon logs -n 5 prints the last lines, including "daemon ready"', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const none = await home.cli(['daemon', 'logs', '-n', '5']);
    assert.equal(none.code, 0, 'logs work without a daemon and without a log');
    assert.equal(none.stdout, '');
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const result = await waitFor('"daemon ready" in the log', async () => {
      const r = await home.cli(['daemon', 'logs', '-n', '5']);
      return r.code === 0 && r.stdout.includes('daemon ready') ? r : undefined;
    });
    const lines = result.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 1 && lines.length <= 5, `${lines.length} lines`);
    assert.match(result.stdout, /^\S+Z INFO {2}daemon ready version=/m);
    assert.equal((await home.daemonPid()) !== null, true, 'the daemon is still running');

    const json = await home.cli(['daemon', 'logs', '-n', '5', '--json']);
    const records = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => parseJson<{ msg: string }>(line));
    assert.ok(records.some((r) => r.msg === 'daemon ready'));

    const bad = await home.cli(['daemon', 'logs', '-n', '0']);
    assert.equal(bad.code, 2);
  });
});
