/**
 * `monitoring --health` answers from the daemon's health snapshot when it can trust it, and from
 * the daemon over the socket otherwise: a stopped (SIGSTOP) daemon with a fresh snapshot still
 * answers; a killed daemon's snapshot is not trusted and a new daemon is started.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { healthSnapshotPath } from '../../src/protocol/health-snapshot.js';
import { tempHome, waitForExit } from '../helpers/home.js';
import { parseJson, waitFor } from '../helpers/integration.js';

interface Report {
  status: string;
  checks: Array<{ name: string }>;
}

describe('the health snapshot', () => {
  it('answers while the daemon cannot; a killed daemon is not trusted and is replaced', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const first = await home.cli(['monitoring', '--health', '--json']);
    assert.ok([0, 1, 2].includes(first.code), first.stderr);
    const snapshot = healthSnapshotPath(home.paths.socketPath);
    await waitFor('the health snapshot', () => existsSync(snapshot) || undefined);
    const pid = (await home.daemonPid()) as number;

    // Stopped, the daemon cannot answer on its socket; the fresh snapshot does.
    process.kill(pid, 'SIGSTOP');
    try {
      const stopped = await home.cli(['monitoring', '--health', '--json'], { timeoutMs: 10_000 });
      const report = parseJson<Report>(stopped.stdout);
      assert.deepEqual(report.checks.map((c) => c.name), ['event_loop', 'store_writable', 'disk', 'memory']);
      assert.equal(stopped.code, { healthy: 0, degraded: 1, unhealthy: 2 }[report.status], stopped.stderr);
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    // Killed, its snapshot stays behind but is not used: the CLI starts a new daemon and asks it.
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid);
    assert.equal(existsSync(snapshot), true, 'the killed daemon left its snapshot');
    const after = await home.cli(['monitoring', '--health', '--json']);
    assert.ok([0, 1, 2].includes(after.code), after.stderr);
    const next = await home.daemonPid();
    assert.notEqual(next, null);
    assert.notEqual(next, pid);

    // A clean stop removes it.
    const stop = await home.cli(['daemon', 'stop']);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(existsSync(snapshot), false);
  });
});
