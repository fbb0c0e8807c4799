import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { clientIp, socketIp } from '../../../../../daemon/http/server/client-ip.js';

describe('client addresses', () => {
  it('canonical form; 0.0.0.0 without an address or for one that does not parse', () => {
    assert.equal(clientIp('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(clientIp('::1'), '::1');
    assert.equal(clientIp('203.0.113.9'), '203.0.113.9');
    assert.equal(clientIp(undefined), '0.0.0.0');
    assert.equal(clientIp('not an address'), '0.0.0.0');
  });

  it('works a connection out once, and asks again while it has no address', () => {
    const socket = { remoteAddress: undefined as string | undefined };
    const asSocket = socket as unknown as Socket;
    assert.equal(socketIp(asSocket), '0.0.0.0');
    socket.remoteAddress = '::ffff:198.51.100.7';
    assert.equal(socketIp(asSocket), '198.51.100.7');
    // A socket's peer does not change; the first answer is kept.
    socket.remoteAddress = '203.0.113.1';
    assert.equal(socketIp(asSocket), '198.51.100.7');
    assert.equal(socketIp({ remoteAddress: '203.0.113.1' } as unknown as Socket), '203.0.113.1');
  });
});
