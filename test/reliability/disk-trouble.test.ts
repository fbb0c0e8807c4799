/**
 * Disk trouble: the data folder (a tmpfs of its own) turns read-only, or fills up, under a running
 * daemon. Writes must fail with exit 1 and a message naming the store and the problem, and change
 * nothing; reads keep working; the health report says the store is not writable; once the disk is
 * fine again writes work without a restart, and after a restart everything acknowledged before
 * is there, with the audit chain intact. Also: a daemon asked to start on a read-only data folder
 * refuses, saying why, and damages nothing.
 *
 * Real mounts, since the tests run as root (permission bits do not stop root).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { tempHome, waitForExit, type TestHome } from '../helpers/home.js';
import { chainProblem, parseJson, readAudit, waitFor } from '../helpers/integration.js';
import {
  canMount,
  fillUp,
  freeUp,
  mountTmpfs,
  overmountReadOnly,
  remount,
  unmount,
  unmountAll,
} from '../helpers/reliability-mounts.js';
import { bytes, fails, ok, show } from '../helpers/security.js';

const TMPFS_BYTES = 8 * 1024 * 1024;
const BEFORE = ['10.50.0.1', '10.50.0.2', '10.50.0.3', '2001:db8::/48'];

/** A home whose data folder is a tmpfs of its own, with some records stored before the trouble. */
async function troubledHome(t: TestContext): Promise<TestHome> {
  const home = await tempHome();
  t.after(async () => {
    // The daemon first (it holds files there), then the mounts, then the folder.
    const pid = await home.daemonPid();
    if (pid !== null) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid);
    }
    await unmountAll(home.paths.dataDir);
    await home.cleanup();
  });
  await mountTmpfs(home.paths.dataDir, TMPFS_BYTES);
  // Health runs with each scrape: once a second, so that it notices the trouble soon.
  await ok(home, ['config', 'set', 'monitoring.scrapeInterval', '1s']);
  for (const target of BEFORE) await ok(home, ['security', '--blacklist', target]);
  await ok(home, ['monitoring', '--add-rule', 'disk_rule', '--expr', 'up == 0']);
  return home;
}

async function targets(home: TestHome): Promise<string[]> {
  const out = parseJson<{ entries: Array<{ target: string }> }>(
    await ok(home, ['security', '--blacklist', '--json']),
  );
  return out.entries.map((e) => e.target).sort();
}

async function rules(home: TestHome): Promise<string[]> {
  const out = parseJson<{ rules: Array<{ name: string }> }>(
    await ok(home, ['monitoring', '--rules', '--json']),
  );
  return out.rules.map((r) => r.name).sort();
}

/** The store_writable check, once the health report shows it unhealthy. */
async function unwritableDetail(home: TestHome): Promise<string> {
  return waitFor('health to report the store not writable', async () => {
    const result = await home.cli(['monitoring', '--health', '--json']);
    const report = parseJson<{ status: string; checks: Array<Record<string, string>> }>(
      result.stdout,
    );
    const check = report.checks.find((c) => c['name'] === 'store_writable');
    if (check?.['status'] !== 'unhealthy') return undefined;
    assert.equal(report.status, 'unhealthy');
    assert.equal(result.code, 2, show(['monitoring', '--health', '--json'], result));
    return check['detail'];
  });
}

/**
 * The whole trouble cycle: writes refused with `problem` in the message, reads fine, nothing
 * changed on disk; then the disk recovers, writes work, and a restart finds everything.
 */
async function cycle(
  t: TestContext,
  home: TestHome,
  trouble: { errno: string; text: string; start: () => Promise<void>; end: () => Promise<void> },
): Promise<void> {
  const { storeFile, eventsFile, dataDir } = home.paths;
  const storeBefore = await bytes(storeFile);
  const auditBefore = await readAudit(eventsFile);
  await trouble.start();

  // Writes fail: exit 1, the store and the problem named; --json gives the code.
  const problem = new RegExp(
    `^clickup-brain: could not write the store ${storeFile}: ${trouble.errno}: ${trouble.text}\\b.*\\n$`,
  );
  const refused = await fails(home, ['security', '--blacklist', '10.50.9.9'], 1, problem);
  await fails(home, ['security', '--unblacklist', '10.50.0.1'], 1, problem);
  await fails(home, ['monitoring', '--add-rule', 'rule_2', '--expr', 'up == 1'], 1, problem);
  const json = await home.cli(['monitoring', '--remove-rule', 'disk_rule', '--json']);
  assert.equal(json.code, 1, json.stderr);
  const error = parseJson<{ error: { code: string; message: string } }>(json.stderr).error;
  assert.equal(error.code, 'STORE_WRITE_FAILED');
  assert.match(`clickup-brain: ${error.message}\n`, problem);

  // Reads keep working, and show nothing of the refused writes.
  assert.deepEqual(await targets(home), [...BEFORE].sort());
  assert.deepEqual(await rules(home), ['disk_rule']);
  const verdict = parseJson<{ ok: boolean }>(
    await ok(home, ['security', '--verify-log', '--json']),
  );
  assert.equal(verdict.ok, true);
  const detail = await unwritableDetail(home);
  assert.equal(detail, `cannot write to ${dataDir}: ${trouble.errno}`);

  // Nothing stored was touched: the store's bytes are the same, the log only grew (if at all).
  assert.deepEqual(await bytes(storeFile), storeBefore);
  const auditDuring = await readAudit(eventsFile);
  assert.deepEqual(auditDuring.slice(0, auditBefore.length), auditBefore);

  // The disk recovers: writes work again without a restart.
  await trouble.end();
  await ok(home, ['security', '--blacklist', '10.50.9.9']);
  const pid = await home.daemonPid();
  assert.equal((await home.cli(['daemon', 'stop'])).code, 0);
  assert.ok(pid !== null && (await waitForExit(pid)));

  // A fresh daemon finds everything acknowledged, the chain intact, no temp files left.
  assert.deepEqual(await targets(home), [...BEFORE, '10.50.9.9'].sort());
  assert.deepEqual(await rules(home), ['disk_rule']);
  const lines = await readAudit(eventsFile);
  assert.equal(chainProblem(lines), null);
  assert.deepEqual(
    lines.filter((l) => l.type === 'blacklist.added').map((l) => l.subject),
    [...BEFORE, '10.50.9.9'],
  );
  assert.deepEqual(
    (await readdir(dataDir)).filter((n) => n.includes('.tmp-') || n.startsWith('.probe')),
    [],
  );
  t.diagnostic(`${trouble.errno}: "${refused.stderr.trim()}" (exit 1); health: ${detail}`);
}

describe('reliability: disk trouble', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'cb-mount-'));
  const mountable = await canMount(scratch);
  await rm(scratch, { recursive: true, force: true });

  it(
    'the data folder turns read-only under a running daemon',
    { skip: !mountable && 'cannot mount here' },
    async (t) => {
      const home = await troubledHome(t);
      await cycle(t, home, {
        errno: 'EROFS',
        text: 'read-only file system',
        start: () => overmountReadOnly(home.paths.dataDir),
        end: () => unmount(home.paths.dataDir),
      });
    },
  );

  it(
    'the data folder fills up under a running daemon',
    { skip: !mountable && 'cannot mount here' },
    async (t) => {
      const home = await troubledHome(t);
      let filler = '';
      await cycle(t, home, {
        errno: 'ENOSPC',
        text: 'no space left on device',
        start: async () => void (filler = await fillUp(home.paths.dataDir)),
        end: () => freeUp(filler),
      });
    },
  );

  it(
    'a daemon asked to start on a read-only data folder refuses, says why, and damages nothing',
    { skip: !mountable && 'cannot mount here' },
    async (t) => {
      const home = await troubledHome(t);
      assert.equal((await home.cli(['daemon', 'stop'])).code, 0);
      const storeBefore = await bytes(home.paths.storeFile);
      const auditBefore = await readFile(home.paths.eventsFile);
      await remount(home.paths.dataDir, 'ro');
      const result = await fails(home, ['security', '--blacklist', '--json'], 3, /.*/);
      const error = parseJson<{ error: { code: string; message: string } }>(result.stderr).error;
      assert.equal(error.code, 'DAEMON_START_FAILED');
      assert.match(
        error.message,
        /^the daemon failed to start \(exit 1\):\n.*EROFS: read-only file system/,
      );
      await remount(home.paths.dataDir, 'rw');
      assert.deepEqual(await bytes(home.paths.storeFile), storeBefore);
      assert.deepEqual(await readFile(home.paths.eventsFile), auditBefore);
      assert.deepEqual(await targets(home), [...BEFORE].sort());
      t.diagnostic(`start on a read-only data folder: ${error.message.split('\n')[1]}`);
    },
  );
});
