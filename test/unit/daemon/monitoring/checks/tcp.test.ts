import assert from 'node:assert/strict';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { validateDefinition, type TcpCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { tcpProbe } from '../../../../../daemon/monitoring/checks/tcp.js';

const define = (target: string) => validateDefinition({ name: 'db', type: 'tcp', target }) as TcpCheckDefinition;
const listen = (server: Server, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('tcp checks', () => {
  const server = createServer((socket) => socket.end());
  let port = 0;
  before(async () => {
    port = await listen(server, '127.0.0.1');
  });
  after(() => close(server));

  test('a listening port passes', async () => {
    const result = await tcpProbe(define(`127.0.0.1:${port}`)).run(AbortSignal.timeout(5000));
    assert.equal(result.ok, true);
    assert.match(result.detail, new RegExp(`^connected to 127\\.0\\.0\\.1:${port} in `));
  });

  test('a closed port fails with ECONNREFUSED', async () => {
    const spare = createServer();
    const closedPort = await listen(spare, '127.0.0.1');
    await close(spare);
    const result = await tcpProbe(define(`127.0.0.1:${closedPort}`)).run(AbortSignal.timeout(5000));
    assert.equal(result.ok, false);
    assert.match(result.detail, new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`));
  });

  test('IPv6 in brackets', async (t) => {
    const v6 = createServer((socket) => socket.end());
    let v6Port: number;
    try {
      v6Port = await listen(v6, '::1');
    } catch {
      t.skip('no IPv6 loopback');
      return;
    }
    try {
      assert.equal((await tcpProbe(define(`[::1]:${v6Port}`)).run(AbortSignal.timeout(5000))).ok, true);
    } finally {
      await close(v6);
    }
  });

  test('a connection that never completes is cut by the signal, and its socket destroyed', async () => {
    const socket = new Socket(); // never connects, never errors
    const result = await tcpProbe(define('db.internal:5432'), { connect: () => socket }).run(AbortSignal.timeout(100));
    assert.deepEqual([result.ok, result.detail], [false, 'timed out']);
    assert.equal(socket.destroyed, true);
  });
});
