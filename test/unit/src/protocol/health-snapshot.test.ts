import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  healthSnapshotPath,
  readHealthSnapshot,
  type HealthSnapshot,
} from '../../../../src/protocol/health-snapshot.js';
import { processStartTime } from '../../../../src/protocol/process-state.js';
import { PROTOCOL_VERSION, VERSION } from '../../../../src/protocol/version.js';

const NOW = 1_800_000_000_000;
const report = {
  status: 'healthy',
  checks: [
    {
      name: 'disk',
      status: 'healthy',
      detail: 'ok',
      latencyMs: 1,
      lastRun: '2027-01-15T08:00:00.000Z',
    },
  ],
  checkedAt: '2027-01-15T08:00:00.000Z',
} as const;

function snapshot(
  overrides: Partial<Record<keyof HealthSnapshot, unknown>> = {},
): Record<string, unknown> {
  return {
    format: 1,
    version: VERSION,
    protocol: PROTOCOL_VERSION,
    pid: process.pid,
    startTime: processStartTime(process.pid),
    writtenAt: NOW - 1000,
    freshForMs: 25_000,
    report,
    ...overrides,
  };
}

describe('readHealthSnapshot', { skip: process.platform !== 'linux' }, () => {
  let dir: string;
  let socket: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbs-'));
    socket = join(dir, 'daemon.sock');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const write = (value: unknown): Promise<void> =>
    writeFile(
      healthSnapshotPath(socket),
      typeof value === 'string' ? value : JSON.stringify(value),
    );

  test('the file sits beside the socket', () => {
    assert.equal(healthSnapshotPath('/run/x/daemon.sock'), '/run/x/daemon.sock.health.json');
  });

  test('a fresh snapshot of a running writer of this version gives its report', async () => {
    await write(snapshot());
    assert.deepEqual(readHealthSnapshot(socket, NOW), report);
    // Exactly at the edge of freshness it still counts; a millisecond later it does not.
    assert.deepEqual(readHealthSnapshot(socket, NOW - 1000 + 25_000), report);
    assert.equal(readHealthSnapshot(socket, NOW - 1000 + 25_001), null);
  });

  test('any doubt is a null: then the CLI asks the daemon', async () => {
    const doubts: Array<[string, unknown]> = [
      ['no file', null],
      ['not JSON', '{"format":1,'],
      ['another format', snapshot({ format: 2 })],
      ['another version', snapshot({ version: '0.0.0-other' })],
      ['another protocol', snapshot({ protocol: PROTOCOL_VERSION + 1 })],
      ['written in the future', snapshot({ writtenAt: NOW + 10 })],
      ['another start time (a reused pid)', snapshot({ startTime: '1' })],
      ['no start time', snapshot({ startTime: null })],
      ['a bad pid', snapshot({ pid: -1 })],
      ['a report of the wrong shape', snapshot({ report: { status: 'fine', checks: [] } })],
      [
        'a check of the wrong shape',
        snapshot({ report: { ...report, checks: [{ name: 'x', status: 'ok' }] } }),
      ],
    ];
    for (const [what, value] of doubts) {
      await rm(healthSnapshotPath(socket), { force: true });
      if (value !== null) await write(value);
      assert.equal(readHealthSnapshot(socket, NOW), null, what);
    }
  });

  test('the writer has exited: null', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      stdio: 'ignore',
    });
    await once(child, 'spawn');
    const pid = child.pid as number;
    await write(snapshot({ pid, startTime: processStartTime(pid) }));
    assert.deepEqual(readHealthSnapshot(socket, NOW), report);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    assert.equal(readHealthSnapshot(socket, NOW), null);
  });
});
