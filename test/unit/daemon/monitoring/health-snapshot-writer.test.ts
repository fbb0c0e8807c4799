import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HealthSnapshotWriter } from '../../../../daemon/monitoring/health-snapshot-writer.js';
import { readHealthSnapshot } from '../../../../src/protocol/health-snapshot.js';
import type { HealthReport } from '../../../../src/protocol/schemas.js';

const NOW = 1_800_000_000_000;
/** Polls until `read()` deep-equals `want` (bounded), then asserts it. */
async function eventually(read: () => unknown, want: unknown): Promise<void> {
  for (let i = 0; i < 300 && !isDeepStrictEqual(read(), want); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(read(), want);
}

const report = (status: HealthReport['status']): HealthReport => ({
  status,
  checks: [],
  checkedAt: '2027-01-15T08:00:00.000Z',
});

describe('HealthSnapshotWriter', { skip: process.platform !== 'linux' }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbw-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A writer whose reports come from `next`; `gate` holds the computation when set. */
  function writer(name: string) {
    const state: { status: HealthReport['status']; gate: Promise<void> | null; errors: unknown[] } =
      { status: 'healthy', gate: null, errors: [] };
    const w = new HealthSnapshotWriter({
      socketPath: join(dir, name),
      compute: async () => {
        const status = state.status;
        if (state.gate !== null) await state.gate;
        return report(status);
      },
      freshForMs: () => 25_000,
      now: () => NOW,
      onError: (error) => state.errors.push(error),
    });
    /** Lets file writes finish: a few turns of the loop with real I/O in between. */
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    return { w, state, settle };
  }

  test('publishes the report (0600) for the CLI to read, and removes it on stop', async () => {
    const { w, settle } = writer('a.sock');
    w.schedule();
    await eventually(() => readHealthSnapshot(join(dir, 'a.sock'), NOW), report('healthy'));
    assert.equal((await stat(w.file)).mode & 0o777, 0o600);
    assert.equal(JSON.parse(await readFile(w.file, 'utf8')).freshForMs, 25_000);
    await w.stop();
    assert.equal(readHealthSnapshot(join(dir, 'a.sock'), NOW), null);
    w.schedule();
    await settle();
    assert.equal(
      readHealthSnapshot(join(dir, 'a.sock'), NOW),
      null,
      'nothing is written after stop',
    );
  });

  test('an invalidation removes the file at once, and a write computed before it is not published', async () => {
    const { w, state, settle } = writer('b.sock');
    w.schedule();
    await eventually(() => readHealthSnapshot(join(dir, 'b.sock'), NOW), report('healthy'));
    let release!: () => void;
    state.gate = new Promise<void>((resolve) => (release = resolve));
    w.schedule(); // computes 'healthy' and waits at the gate
    await settle();
    w.invalidate(); // a change begins: the file goes, and the write in flight is stale
    assert.equal(readHealthSnapshot(join(dir, 'b.sock'), NOW), null);
    state.status = 'degraded';
    state.gate = null;
    w.schedule(); // the change's own write, queued behind the one in flight
    release();
    await eventually(() => readHealthSnapshot(join(dir, 'b.sock'), NOW), report('degraded'));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith('b.sock') && f.endsWith('.tmp')),
      [],
      'no temp file left',
    );
    await w.stop();
  });
});
