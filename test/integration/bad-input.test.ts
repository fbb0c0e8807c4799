/**
 * Bad input: refused with exit 2 and an exact message, nothing changed; protocol errors on the
 * raw socket; and the limits that keep one bad client from hurting the others.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { tempHome, type TestHome } from '../helpers/home.js';
import {
  call,
  callOk,
  errorOf,
  isAlive,
  parseJson,
  waitFor,
  within,
} from '../helpers/integration.js';
import { rawConnect, rawHello, type RawConnection } from '../helpers/raw-socket.js';

const notAnAddress = (text: string): string =>
  `'${text}' is not a valid IP address (expected IPv4 like 203.0.113.7 or IPv6 like 2001:db8::1)`;

async function bytes(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

async function clients(conn: RawConnection): Promise<number> {
  return (await callOk<{ clients: number }>(conn, 'daemon.status', {})).clients;
}

describe('bad input through the CLI', () => {
  let home: TestHome;
  before(async () => {
    home = await tempHome();
    // A store with one entry, so "unchanged" compares real bytes.
    const add = await home.cli(['security', '--blacklist', '192.0.2.1', '--reason', 'seed']);
    assert.equal(add.code, 0, add.stderr);
    const set = await home.cli(['config', 'set', 'health.memoryWarnPercent', '85']);
    assert.equal(set.code, 0, set.stderr);
  });
  after(() => home.cleanup());

  const invalidTargets: Array<[string, string]> = [
    ['999.1.1.1', notAnAddress('999.1.1.1')],
    ['1.2.3', notAnAddress('1.2.3')],
    ['10.0.0.5/8', "'10.0.0.5/8' has host bits set; did you mean 10.0.0.0/8?"],
    ['10.0.0.0/33', "'10.0.0.0/33' has prefix length 33, but IPv4 allows at most 32"],
    ['fe80::1%eth0', "'fe80::1%eth0' has an IPv6 zone index, which a blacklist cannot use"],
    ['abc', notAnAddress('abc')],
    ['2001:db8::/129', "'2001:db8::/129' has prefix length 129, but IPv6 allows at most 128"],
    ['10.0.0.0/x', "'10.0.0.0/x' has an invalid prefix length 'x'"],
    ['127.1', notAnAddress('127.1')],
  ];

  for (const [target, message] of invalidTargets) {
    it(`--blacklist ${target}: exit 2, exact message, store unchanged`, async () => {
      const store = await bytes(home.paths.storeFile);
      const events = await bytes(home.paths.eventsFile);
      assert.ok(store !== null && events !== null);
      const result = await home.cli(['security', '--blacklist', target]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `clickup-brain: ${message}\n`);
      assert.deepEqual(await bytes(home.paths.storeFile), store);
      assert.deepEqual(await bytes(home.paths.eventsFile), events);
    });
  }

  it("--blacklist '': exit 2 naming the target, store unchanged", async () => {
    const store = await bytes(home.paths.storeFile);
    const result = await home.cli(['security', '--blacklist', '']);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^clickup-brain: invalid params: 'target': .+\n$/);
    assert.deepEqual(await bytes(home.paths.storeFile), store);
  });

  it('--json: the error is JSON on stderr with code and field', async () => {
    const result = await home.cli(['security', '--blacklist', '10.0.0.5/8', '--json']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(parseJson(result.stderr), {
      error: {
        code: 'INVALID_INPUT',
        message: "'10.0.0.5/8' has host bits set; did you mean 10.0.0.0/8?",
        field: 'target',
      },
    });
  });

  it('--unblacklist with a bad address: exit 2, not "not found"', async () => {
    const result = await home.cli(['security', '--unblacklist', '999.1.1.1']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `clickup-brain: ${notAnAddress('999.1.1.1')}\n`);
  });

  it('an unknown flag: exit 2', async () => {
    const result = await home.cli(['security', '--blacklist', '192.0.2.9', '--bogus']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
    const top = await home.cli(['--nope']);
    assert.equal(top.code, 2);
    assert.match(top.stderr, /unknown option '--nope'/);
    const command = await home.cli(['frobnicate']);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /unknown command 'frobnicate'/);
  });

  it('--for 0s and --for 5x: exit 2, store unchanged', async () => {
    const store = await bytes(home.paths.storeFile);
    const zero = await home.cli(['security', '--blacklist', '192.0.2.9', '--for', '0s']);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /'0s' must be longer than zero/);
    const junk = await home.cli(['security', '--blacklist', '192.0.2.9', '--for', '5x']);
    assert.equal(junk.code, 2);
    assert.match(
      junk.stderr,
      /'5x' is not a duration \(unexpected '5x'\); write it like 500ms, 15s, 5m, 1h or 7d/,
    );
    const order = await home.cli(['security', '--blacklist', '192.0.2.9', '--for', '5m1h']);
    assert.equal(order.code, 2);
    assert.match(order.stderr, /units must go from largest to smallest/);
    const long = await home.cli(['security', '--blacklist', '192.0.2.9', '--for', '11y']);
    assert.equal(long.code, 2);
    assert.deepEqual(await bytes(home.paths.storeFile), store);
  });

  it('contradictory or misplaced options: exit 2', async () => {
    const both = await home.cli([
      'security',
      '--blacklist',
      '192.0.2.9',
      '--unblacklist',
      '192.0.2.1',
    ]);
    assert.equal(both.code, 2);
    assert.equal(
      both.stderr,
      'clickup-brain: --blacklist and --unblacklist cannot be used together\n',
    );
    const forOnRemove = await home.cli(['security', '--unblacklist', '192.0.2.1', '--for', '1h']);
    assert.equal(forOnRemove.code, 2);
    assert.match(forOnRemove.stderr, /--for applies only when adding an entry/);
    const none = await home.cli(['security']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no action given/);
    const control = await home.cli([
      'security',
      '--blacklist',
      '192.0.2.9',
      '--reason',
      'bad\x1b[31mred',
    ]);
    assert.equal(control.code, 2);
    assert.match(control.stderr, /must not contain control characters/);
    const tooLong = await home.cli([
      'security',
      '--blacklist',
      '192.0.2.9',
      '--reason',
      'x'.repeat(501),
    ]);
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /at most 500 are allowed/);
    assert.deepEqual(
      parseJson<{ entries: Array<{ target: string }> }>(
        (await home.cli(['security', '--blacklist', '--json'])).stdout,
      ).entries.map((e) => e.target),
      ['192.0.2.1'],
    );
  });

  const badConfig: Array<[string, string, RegExp]> = [
    [
      'nope',
      '1',
      /^clickup-brain: unknown config key 'nope'; keys are grouped as monitoring\.\*, health\.\*, .*security\.\*/,
    ],
    [
      'monitoring.scrapeInterval',
      '5x',
      /^clickup-brain: monitoring\.scrapeInterval: '5x' is not a duration/,
    ],
    [
      'monitoring.scrapeInterval',
      '500ms',
      /^clickup-brain: monitoring\.scrapeInterval must be between 1s and 1h \(got 500ms\)\n$/,
    ],
    [
      'health.diskWarnPercent',
      '101',
      /^clickup-brain: health\.diskWarnPercent must be from 1 to 100 \(got 101\)\n$/,
    ],
    [
      'health.diskWarnPercent',
      '0',
      /^clickup-brain: health\.diskWarnPercent must be from 1 to 100 \(got 0\)\n$/,
    ],
    [
      'health.diskWarnPercent',
      '5.5',
      /^clickup-brain: health\.diskWarnPercent must be a whole number from 1 to 100 \(got '5\.5'\)\n$/,
    ],
    [
      'log.level',
      'loud',
      /^clickup-brain: log\.level must be one of fatal, error, warn, info, debug, trace \(got 'loud'\)\n$/,
    ],
  ];
  for (const [key, value, message] of badConfig) {
    it(`config set ${key} ${value}: exit 2 with the allowed values, config.json unchanged`, async () => {
      const config = await bytes(home.paths.configFile);
      assert.ok(config !== null);
      const result = await home.cli(['config', 'set', key, value]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.deepEqual(await bytes(home.paths.configFile), config);
    });
  }

  it('config get of an unknown key: exit 2', async () => {
    const result = await home.cli(['config', 'get', 'nope', '--json']);
    assert.equal(result.code, 2);
    const body = parseJson<{ error: { code: string; field: string } }>(result.stderr);
    assert.equal(body.error.code, 'INVALID_INPUT');
    assert.equal(body.error.field, 'key');
  });
});

describe('protocol errors on the raw socket', () => {
  let home: TestHome;
  let conn: RawConnection;
  before(async () => {
    home = await tempHome();
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    conn = await rawHello(home.paths.socketPath);
  });
  after(async () => {
    conn.close();
    await home.cleanup();
  });

  it('malformed JSON: -32700 with id null, and the connection stays usable', async () => {
    conn.send('{"jsonrpc":"2.0","id":1,"method":\n');
    const frame = await conn.next();
    assert.equal(frame['id'], null);
    const error = errorOf(frame);
    assert.equal(error.code, -32700);
    assert.equal(error.data.code, 'PARSE_ERROR');
    conn.send('not json at all\n');
    assert.equal(errorOf(await conn.next()).code, -32700);
    const ping = await callOk<{ time: string }>(conn, 'daemon.ping', {});
    assert.ok(!Number.isNaN(Date.parse(ping.time)));
  });

  it('valid JSON that is not a request: -32600', async () => {
    for (const text of [
      '[1,2,3]',
      '{"jsonrpc":"1.0","id":7,"method":"daemon.ping"}',
      '{"jsonrpc":"2.0","id":{"x":1},"method":"daemon.ping"}',
      '42',
    ]) {
      conn.send(`${text}\n`);
      const error = errorOf(await conn.next());
      assert.equal(error.code, -32600, text);
      assert.equal(error.data.code, 'INVALID_REQUEST', text);
    }
    await callOk(conn, 'daemon.ping', {});
  });

  it('unknown method: -32601 with the request id', async () => {
    const frame = await call(conn, 'security.blacklist.nuke', {});
    const error = errorOf(frame);
    assert.equal(error.code, -32601);
    assert.equal(error.data.code, 'METHOD_NOT_FOUND');
    assert.match(error.message, /security\.blacklist\.nuke/);
  });

  it('wrong param types: -32602 naming the field', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['security.blacklist.add', { target: '192.0.2.5', ttlMs: '1000' }, 'ttlMs'],
      ['security.blacklist.add', { target: 192 }, 'target'],
      ['security.blacklist.add', { target: '192.0.2.5', extra: true }, 'extra'],
      ['security.blacklist.add', { target: '192.0.2.5', ttlMs: -5 }, 'ttlMs'],
      ['security.blacklist.add', { target: '192.0.2.5', ttlMs: 1.5 }, 'ttlMs'],
      ['security.blacklist.add', { target: '192.0.2.5', reason: 'x'.repeat(501) }, 'reason'],
      ['security.blacklist.add', {}, 'target'],
      ['security.blacklist.check', { ip: ['192.0.2.5'] }, 'ip'],
      ['daemon.ping', { now: 1 }, 'now'],
      ['config.set', { key: 'log.level' }, 'value'],
    ];
    for (const [method, params, field] of cases) {
      const error = errorOf(await call(conn, method, params));
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.equal(error.data.code, 'INVALID_PARAMS');
      assert.equal(
        error.data.field,
        field,
        `${method} ${JSON.stringify(params)}: ${error.message}`,
      );
      assert.match(error.message, new RegExp(`'${field}'`));
    }
    assert.deepEqual(await callOk(conn, 'security.blacklist.list', {}), { entries: [] });
  });

  it('a bad address in valid params: INVALID_INPUT (1001) with field target', async () => {
    const error = errorOf(await call(conn, 'security.blacklist.add', { target: '10.0.0.5/8' }));
    assert.equal(error.code, 1001);
    assert.equal(error.data.code, 'INVALID_INPUT');
    assert.equal(error.data.field, 'target');
  });

  it('a frame over 1 MiB: FRAME_TOO_LARGE, the connection is closed, others still served', async () => {
    const big = await rawHello(home.paths.socketPath);
    big.send(`${'x'.repeat(1024 * 1024 + 100)}\n`);
    const frame = await big.next();
    assert.equal(frame['id'], null);
    const error = errorOf(frame);
    assert.equal(error.code, -32600);
    assert.equal(error.data.code, 'FRAME_TOO_LARGE');
    await within(big.closed, 5000, 'the daemon to close the connection');
    const other = await rawHello(home.paths.socketPath);
    await callOk(other, 'daemon.ping', {});
    other.close();
    await callOk(conn, 'daemon.ping', {});
  });

  it(
    'a frame of several MiB is refused and its connection is closed too',
    async () => {
      const before = await clients(conn);
      const big = await rawHello(home.paths.socketPath);
      try {
        big.send(`${'x'.repeat(4 * 1024 * 1024)}\n`);
        const error = errorOf(await big.next());
        assert.equal(error.data.code, 'FRAME_TOO_LARGE');
        await within(big.closed, 3000, 'the daemon to close the connection');
      } finally {
        big.close();
      }
      // Once the client is gone, the daemon must not count it any more.
      await waitFor(
        'the daemon to forget the connection',
        async () => (await clients(conn)) === before,
        5000,
      );
    },
  );
});

describe('connection limits', () => {
  it('connections beyond daemon.maxConnections get TOO_MANY_CONNECTIONS', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    assert.equal((await home.cli(['config', 'set', 'daemon.maxConnections', '3'])).code, 0);
    const restart = await home.cli(['daemon', 'restart']);
    assert.equal(restart.code, 0, restart.stderr);
    const open: RawConnection[] = [];
    t.after(() => open.forEach((c) => c.close()));
    const first = await rawHello(home.paths.socketPath);
    open.push(first);
    // The CLI's own connections may take a moment to be noticed as closed.
    await waitFor('only our connection to be counted', async () => (await clients(first)) === 1);
    open.push(await rawHello(home.paths.socketPath), await rawHello(home.paths.socketPath));
    assert.equal(await clients(first), 3);

    const extra = await rawConnect(home.paths.socketPath);
    const frame = await extra.next();
    assert.equal(frame['id'], null);
    const error = errorOf(frame);
    assert.equal(error.data.code, 'TOO_MANY_CONNECTIONS');
    assert.equal(error.code, -32000);
    assert.match(error.message, /limit 3/);
    await within(extra.closed, 5000, 'the extra connection to be closed');

    // The CLI reports it as "unreachable" (exit 3) with the message.
    const cli = await home.cli(['daemon', 'status']);
    assert.equal(cli.code, 3);
    assert.match(cli.stderr, /too many connections \(limit 3\)/);

    // Closing one makes room again.
    open.pop()?.close();
    await waitFor('a free slot', async () => (await clients(first)) === 2);
    const again = await rawHello(home.paths.socketPath);
    open.push(again);
    await callOk(again, 'daemon.ping', {});
  });

  it(
    'rejected connections that reset do not crash the daemon',
    async (t) => {
      const home = await tempHome();
      t.after(() => home.cleanup());
      assert.equal((await home.cli(['config', 'set', 'daemon.maxConnections', '2'])).code, 0);
      const restart = await home.cli(['daemon', 'restart']);
      assert.equal(restart.code, 0, restart.stderr);
      const pid = await home.daemonPid();
      assert.ok(pid !== null);
      const holder = await rawHello(home.paths.socketPath);
      t.after(() => holder.close());
      await waitFor('only the holder to be counted', async () => (await clients(holder)) === 1);
      const second = await rawHello(home.paths.socketPath);
      t.after(() => second.close());
      await Promise.all(
        Array.from(
          { length: 100 },
          () =>
            new Promise<void>((resolve) => {
              const socket = createConnection(home.paths.socketPath);
              socket.on('error', () => resolve());
              socket.on('close', () => resolve());
              socket.once('connect', () => {
                socket.write('x'.repeat(8192));
                socket.destroy();
              });
            }),
        ),
      );
      const gone = holder.closed.then(() => {
        throw new Error('the daemon closed the connection (it crashed)');
      });
      await within(
        Promise.race([callOk(holder, 'daemon.ping', {}), gone]),
        5000,
        'a ping after the barrage',
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(isAlive(pid), 'the daemon is still running');
      second.close();
      await waitFor('a free slot', async () => (await clients(holder)) === 1);
      assert.equal((await home.cli(['daemon', 'status', '--json'])).code, 0);
    },
  );

  it(
    'daemon.maxConnections 1 still lets the CLI start and use the daemon',
    async (t) => {
      const home = await tempHome();
      t.after(() => home.cleanup());
      assert.equal((await home.cli(['config', 'set', 'daemon.maxConnections', '1'])).code, 0);
      const restart = await home.cli(['daemon', 'restart']);
      assert.equal(restart.stderr, '');
      assert.equal(restart.code, 0);
    },
  );

  it('a client that never reads is disconnected; another keeps working', async (t) => {
    const home = await tempHome();
    t.after(() => home.cleanup());
    const start = await home.cli(['daemon', 'start']);
    assert.equal(start.code, 0, start.stderr);
    const good = await rawHello(home.paths.socketPath);
    t.after(() => good.close());
    // ~200 entries with reasons make each list reply ~50 KB.
    const adds = Array.from({ length: 200 }, (_, i) => ({
      target: `10.9.${i >> 8}.${i & 255}`,
      reason: `entry ${i} `.padEnd(60, '.'),
    }));
    for (let i = 0; i < adds.length; i += 50) {
      const batch = adds.slice(i, i + 50);
      batch.forEach((params, j) => good.request('security.blacklist.add', params, `add-${i + j}`));
      for (let j = 0; j < batch.length; j++) assert.ok('result' in (await good.next()));
    }
    assert.equal(
      (await callOk<{ entries: unknown[] }>(good, 'security.blacklist.list', {})).entries.length,
      200,
    );
    await waitFor('only our connection to be counted', async () => (await clients(good)) === 1);

    const slow = await rawHello(home.paths.socketPath);
    t.after(() => slow.close());
    slow.socket.pause();
    const request = (i: number): string =>
      `${JSON.stringify({ jsonrpc: '2.0', id: i, method: 'security.blacklist.list' })}\n`;
    slow.send(Array.from({ length: 20_000 }, (_, i) => request(i)).join(''));

    // The other client is served while the slow one piles up replies, and after it is dropped.
    await callOk(good, 'daemon.ping', {});
    await waitFor(
      'the slow client to be disconnected',
      async () => (await clients(good)) === 1,
      20_000,
      100,
    );
    assert.deepEqual(Object.keys(await callOk(good, 'daemon.ping', {})), ['time']);
    assert.equal(
      (await callOk<{ entries: unknown[] }>(good, 'security.blacklist.list', {})).entries.length,
      200,
    );
    slow.socket.resume();
    await within(slow.closed, 10_000, 'the slow connection to close');
    const log = await home.cli(['daemon', 'logs', '-n', '20']);
    assert.match(log.stdout, /client is not reading; disconnecting it/);
  });
});
