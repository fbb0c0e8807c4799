import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { follow, formatLine, lastLines, logFiles } from '../../../../src/cli/log-reader.js';

const T = Date.UTC(2026, 0, 1);

describe('formatLine', () => {
  test('a pino line: time, padded level, message, then the other fields; pid and hostname dropped', () => {
    const line = JSON.stringify({
      level: 30,
      time: T,
      pid: 123,
      hostname: 'box',
      msg: 'daemon started',
      socket: '/run/x.sock',
      clients: 0,
      paths: { a: 1 },
    });
    assert.equal(
      formatLine(line),
      '2026-01-01T00:00:00.000Z INFO  daemon started socket=/run/x.sock clients=0 paths={"a":1}',
    );
  });

  test('an error line shows the error message last', () => {
    const line = JSON.stringify({
      level: 50,
      time: T,
      msg: 'handler crashed',
      method: 'daemon.status',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' },
    });
    assert.equal(
      formatLine(line),
      '2026-01-01T00:00:00.000Z ERROR handler crashed method=daemon.status error="boom"',
    );
  });

  test('an error without a message is shown whole', () => {
    const line = JSON.stringify({ level: 40, time: T, msg: 'odd', err: { code: 'X' } });
    assert.equal(formatLine(line), '2026-01-01T00:00:00.000Z WARN  odd error={"code":"X"}');
  });

  test('every pino level has a name; unknown levels are shown as numbers', () => {
    const levels: Array<[number, string]> = [
      [10, 'TRACE'],
      [20, 'DEBUG'],
      [30, 'INFO '],
      [40, 'WARN '],
      [50, 'ERROR'],
      [60, 'FATAL'],
      [35, '35   '],
    ];
    for (const [level, text] of levels)
      assert.equal(
        formatLine(JSON.stringify({ level, time: T, msg: 'm' })),
        `2026-01-01T00:00:00.000Z ${text} m`,
      );
  });

  test('a non-numeric time is printed as it is', () => {
    assert.equal(
      formatLine(JSON.stringify({ level: 30, time: '2026-05-05T10:00:00Z', msg: 'm' })),
      '2026-05-05T10:00:00Z INFO  m',
    );
  });

  test('a line that is not JSON passes through unchanged', () => {
    assert.equal(formatLine('plain text from somewhere'), 'plain text from somewhere');
    assert.equal(formatLine('{"truncated":'), '{"truncated":');
    assert.equal(formatLine(''), '');
  });

  test(
    'a JSON line that is not an object passes through unchanged',
    () => {
      for (const line of ['null', '42', '"text"', '[1,2]']) assert.equal(formatLine(line), line);
    },
  );
});

describe('log files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('logFiles lists daemon.N.log oldest first, numerically, ignoring other names', async () => {
    const logDir = join(dir, 'order');
    await mkdir(logDir);
    for (const name of [
      'daemon.10.log',
      'daemon.2.log',
      'daemon.1.log',
      'other.log',
      'daemon.log',
      'daemon.x.log',
      'daemon.3.log.gz',
    ])
      await writeFile(join(logDir, name), '');
    await symlink(join(logDir, 'daemon.10.log'), join(logDir, 'current.log'));
    assert.deepEqual(await logFiles(logDir), [
      join(logDir, 'daemon.1.log'),
      join(logDir, 'daemon.2.log'),
      join(logDir, 'daemon.10.log'),
    ]);
  });

  test('logFiles of a missing folder is empty', async () => {
    assert.deepEqual(await logFiles(join(dir, 'missing')), []);
    assert.deepEqual(await lastLines(join(dir, 'missing'), 10), []);
  });

  test('lastLines reads across daemon.1.log and daemon.2.log, oldest first', async () => {
    const logDir = join(dir, 'two');
    await mkdir(logDir);
    await writeFile(join(logDir, 'daemon.1.log'), 'a1\na2\na3\n');
    await writeFile(join(logDir, 'daemon.2.log'), 'b1\n\nb2\n');
    assert.deepEqual(await lastLines(logDir, 1), ['b2']);
    assert.deepEqual(await lastLines(logDir, 2), ['b1', 'b2']);
    assert.deepEqual(await lastLines(logDir, 3), ['a3', 'b1', 'b2']);
    assert.deepEqual(await lastLines(logDir, 4), ['a2', 'a3', 'b1', 'b2']);
    assert.deepEqual(await lastLines(logDir, 100), ['a1', 'a2', 'a3', 'b1', 'b2']);
    assert.deepEqual(await lastLines(logDir, 0), []);
  });

  test('lastLines keeps a last line without a newline', async () => {
    const logDir = join(dir, 'partial');
    await mkdir(logDir);
    await writeFile(join(logDir, 'daemon.1.log'), 'one\ntwo');
    assert.deepEqual(await lastLines(logDir, 5), ['one', 'two']);
  });

  test('follow prints appended lines, follows current.log to a new file, and stops on abort', async () => {
    const logDir = join(dir, 'follow');
    await mkdir(logDir);
    const first = join(logDir, 'daemon.1.log');
    await writeFile(first, 'old line\n');
    await symlink(first, join(logDir, 'current.log'));
    const seen: string[] = [];
    const controller = new AbortController();
    const done = follow(logDir, (line) => seen.push(line), controller.signal);
    const waitFor = async (count: number): Promise<void> => {
      for (let i = 0; i < 400 && seen.length < count; i++) await sleep(25);
    };
    // follow() starts at the end of the file; write markers until it reports one, then a last
    // marker, so everything before it has been read and the test starts from a known point.
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      await appendFile(first, `ready ${i}\n`);
      await sleep(50);
    }
    await appendFile(first, 'sync\n');
    for (let i = 0; i < 400 && !seen.includes('sync'); i++) await sleep(25);
    assert.ok(seen.includes('sync'));
    assert.equal(seen.includes('old line'), false, 'what was there before is not printed');
    seen.length = 0;

    await appendFile(first, 'new 1\nnew');
    await waitFor(1);
    await appendFile(first, ' 2\n');
    await waitFor(2);
    assert.deepEqual(seen, ['new 1', 'new 2'], 'a partial line waits for its end');

    const second = join(logDir, 'daemon.2.log');
    await writeFile(second, 'rotated 1\n');
    await unlink(join(logDir, 'current.log'));
    await symlink(second, join(logDir, 'current.log'));
    await waitFor(3);
    assert.deepEqual(seen, ['new 1', 'new 2', 'rotated 1']);
    controller.abort();
    await done;
  });
});
