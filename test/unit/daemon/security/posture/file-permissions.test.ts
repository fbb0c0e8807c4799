import assert from 'node:assert/strict';
import { chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  inspectPaths,
  type PathSpec,
} from '../../../../../daemon/security/posture/file-permissions.js';

let dir: string;
let server: Server;
const uid = process.getuid?.() ?? 0;

async function file(name: string, mode: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, '{}');
  await chmod(path, mode); // explicit: the umask must not decide the test
  return path;
}

const spec = (path: string, extra: Partial<PathSpec> = {}): PathSpec => ({
  path,
  kind: 'file',
  expectedMode: 0o600,
  label: 'store',
  ...extra,
});

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'posture-files-'));
});

after(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('inspectPaths', () => {
  test('a well-kept file, folder and socket, and a missing path: no findings', async () => {
    const store = await file('clean.json', 0o600);
    const folder = join(dir, 'clean-dir');
    await mkdir(folder);
    await chmod(folder, 0o700);
    const socket = join(dir, 'clean.sock');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    await chmod(socket, 0o600);
    assert.deepEqual(
      await inspectPaths([
        spec(store, { secret: true }),
        spec(folder, { kind: 'dir', expectedMode: 0o700, label: 'data folder' }),
        spec(socket, { kind: 'socket', label: 'socket' }),
        spec(join(dir, 'not-yet-created.json')),
      ]),
      [],
    );
  });

  test('fewer bits than expected are no finding', async () => {
    assert.deepEqual(await inspectPaths([spec(await file('read-only.json', 0o400))]), []);
  });

  test('readable by group and others: high, or critical when it holds secrets', async () => {
    const path = await file('644.json', 0o644);
    const expected = {
      id: 'file-mode',
      severity: 'high',
      title: 'store has mode 0644 (expected 0600)',
      detail: `${path} grants more than a store should (0600): the group can read, other users can read.`,
      subject: path,
      fix: `chmod 600 '${path}'`,
    };
    assert.deepEqual(await inspectPaths([spec(path)]), [expected]);
    assert.deepEqual(await inspectPaths([spec(path, { secret: true })]), [
      { ...expected, severity: 'critical' },
    ]);
  });

  test('writable by others: critical even when not secret', async () => {
    const path = await file('666.json', 0o666);
    const [finding] = await inspectPaths([spec(path, { label: 'pid file' })]);
    assert.deepEqual(finding, {
      id: 'file-mode',
      severity: 'critical',
      title: 'pid file has mode 0666 (expected 0600)',
      detail: `${path} grants more than a pid file should (0600): the group can read and write, other users can read and write.`,
      subject: path,
      fix: `chmod 600 '${path}'`,
    });
  });

  test('group bits only: high', async () => {
    const path = await file('620.json', 0o620);
    const [finding] = await inspectPaths([spec(path, { secret: true })]);
    assert.equal(finding?.severity, 'high');
    assert.equal(
      finding?.detail,
      `${path} grants more than a store should (0600): the group can write.`,
    );
  });

  test('extra owner bits only: low', async () => {
    const path = await file('700.json', 0o700);
    assert.deepEqual(await inspectPaths([spec(path, { secret: true })]), [
      {
        id: 'file-mode',
        severity: 'low',
        title: 'store has mode 0700 (expected 0600)',
        detail: `${path} grants more than a store should (0600): the owner can execute.`,
        subject: path,
        fix: `chmod 600 '${path}'`,
      },
    ]);
  });

  test('a folder open to others: chmod 700', async () => {
    const path = join(dir, 'open-dir');
    await mkdir(path);
    await chmod(path, 0o755);
    assert.deepEqual(
      await inspectPaths([
        spec(path, { kind: 'dir', expectedMode: 0o700, label: 'socket folder' }),
      ]),
      [
        {
          id: 'file-mode',
          severity: 'high',
          title: 'socket folder has mode 0755 (expected 0700)',
          detail: `${path} grants more than a socket folder should (0700): the group can read and execute, other users can read and execute.`,
          subject: path,
          fix: `chmod 700 '${path}'`,
        },
      ],
    );
  });

  test('a world-writable socket: critical', async () => {
    const path = join(dir, 'open.sock');
    const open = createServer();
    await new Promise<void>((resolve) => open.listen(path, resolve));
    try {
      await chmod(path, 0o777);
      const [finding] = await inspectPaths([spec(path, { kind: 'socket', label: 'socket' })]);
      assert.equal(finding?.severity, 'critical');
      assert.equal(finding?.fix, `chmod 600 '${path}'`);
    } finally {
      open.close();
    }
  });

  test('a path with a quote and a space is quoted for sh', async () => {
    const path = await file("o'brien store.json", 0o640);
    const [finding] = await inspectPaths([spec(path)]);
    assert.equal(finding?.fix, `chmod 600 '${dir}/o'\\''brien store.json'`);
  });

  test('a symlink where a file is expected: high, whatever its target', async () => {
    const target = await file('target.json', 0o600);
    const path = join(dir, 'link.json');
    await symlink(target, path);
    assert.deepEqual(await inspectPaths([spec(path, { label: 'data key file' })]), [
      {
        id: 'path-symlink',
        severity: 'high',
        title: 'data key file is a symlink',
        detail: `${path} should be a file but is a symbolic link; whoever controls its target controls the data key file. Replace the link with the file itself.`,
        subject: path,
        fix: null,
      },
    ]);
  });

  test('another type than expected: medium', async () => {
    const path = join(dir, 'a-dir.json');
    await mkdir(path);
    assert.deepEqual(await inspectPaths([spec(path)]), [
      {
        id: 'path-type',
        severity: 'medium',
        title: 'store is a dir, not a file',
        detail: `${path} should be a file but is a dir; the daemon cannot rely on it.`,
        subject: path,
        fix: null,
      },
    ]);
  });

  test('a path that cannot be inspected: medium, with the error code', async () => {
    const path = join(await file('plain.json', 0o600), 'child');
    assert.deepEqual(await inspectPaths([spec(path)]), [
      {
        id: 'path-unreadable',
        severity: 'medium',
        title: 'store could not be inspected',
        detail: `lstat ${path} failed (ENOTDIR), so its owner and mode are unknown.`,
        subject: path,
        fix: null,
      },
    ]);
  });

  test('owned by another uid: high, chown with sudo unless the daemon runs as root', async () => {
    const path = await file('owned.json', 0o600);
    const other = uid === 0 ? 1234 : uid + 1;
    assert.deepEqual(await inspectPaths([spec(path)], { uid: other }), [
      {
        id: 'file-owner',
        severity: 'high',
        title: `store is owned by uid ${uid}`,
        detail: `${path} is owned by uid ${uid}, not by the daemon's user (uid ${other}); its owner can change its mode or contents at will.`,
        subject: path,
        fix: `sudo chown ${other} '${path}'`,
      },
    ]);
    assert.deepEqual(await inspectPaths([spec(path)], { uid: null }), []);
  });

  test(
    'owned by another uid when running as root: chown without sudo, and the mode too',
    { skip: uid !== 0 && 'needs root to chown' },
    async () => {
      const path = await file('given-away.json', 0o640);
      await chown(path, 1234, 1234);
      const findings = await inspectPaths([spec(path)]);
      assert.deepEqual(
        findings.map((f) => [f.id, f.severity, f.fix]),
        [
          ['file-owner', 'high', `chown 0 '${path}'`],
          ['file-mode', 'high', `chmod 600 '${path}'`],
        ],
      );
    },
  );

  test('findings come in the order of the paths', async () => {
    const first = await file('order-1.json', 0o644);
    const second = await file('order-2.json', 0o666);
    const findings = await inspectPaths([spec(second), spec(first)]);
    assert.deepEqual(
      findings.map((f) => f.subject),
      [second, first],
    );
  });

  test('malformed paths are a TypeError naming the entry and field', async () => {
    const cases: Array<[unknown, string]> = [
      ['x', '"paths" must be an array'],
      [[null], '"paths[0]" must be an object'],
      [[{ ...spec('/x'), path: '' }], '"paths[0].path" must be a non-empty string'],
      [
        [spec('/x'), { ...spec('/x'), kind: 'fifo' }],
        `"paths[1].kind" must be 'file', 'dir' or 'socket'`,
      ],
      [
        [{ ...spec('/x'), expectedMode: 0o1777 }],
        '"paths[0].expectedMode" must be an integer from 0 to 0o777',
      ],
      [
        [{ ...spec('/x'), expectedMode: 1.5 }],
        '"paths[0].expectedMode" must be an integer from 0 to 0o777',
      ],
      [[{ ...spec('/x'), label: 7 }], '"paths[0].label" must be a non-empty string'],
      [[{ ...spec('/x'), secret: 'yes' }], '"paths[0].secret" must be a boolean'],
    ];
    for (const [paths, message] of cases) {
      await assert.rejects(inspectPaths(paths as PathSpec[]), { name: 'TypeError', message });
    }
    await assert.rejects(inspectPaths([], { uid: -1 }), {
      name: 'TypeError',
      message: '"uid" option must be a non-negative integer or null',
    });
  });
});
