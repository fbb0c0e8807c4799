import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { get } from 'node:http';
import { describe, it } from 'node:test';
import { HttpServer, urlOf } from '../../../../../daemon/http/server/http-server.js';
import {
  defaultHttpSettings,
  type HttpSettings,
} from '../../../../../daemon/http/server/http-settings.js';
import { openTestCore } from '../../security/engine/engine-fixtures.js';

async function serverWith(settings: Partial<HttpSettings>, warnings: string[] = []) {
  const { core, clock } = await openTestCore();
  const server = new HttpServer({
    core,
    clock,
    settings: { ...defaultHttpSettings, port: () => 0, ...settings },
    dispatch: async () => ({}),
    logger: {
      info: () => undefined,
      warn: (_f, message) => void warnings.push(message),
      error: () => undefined,
    },
    routes: () => [
      {
        method: 'GET',
        path: '/api/v1/stream',
        permission: null,
        kind: 'api',
        handle: () => ({ status: 200, sse: (send) => send('hello', {}) }),
      },
    ],
  });
  return { server, core };
}

describe('HttpServer', () => {
  it('reports the real port when 0 is asked for, and its URL', async () => {
    const { server, core } = await serverWith({});
    const status = await server.start();
    assert.equal(status.state, 'listening');
    if (status.state !== 'listening') return;
    assert.ok(status.port > 0);
    assert.equal(status.url, `http://127.0.0.1:${status.port}/`);
    await server.stop();
    assert.deepEqual(server.status(), { state: 'off' });
    await core.close();
  });

  it('stays off when disabled, and fails (without throwing) on a port in use', async () => {
    const off = await serverWith({ enabled: () => false });
    assert.deepEqual(await off.server.start(), { state: 'off' });
    await off.core.close();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const warnings: string[] = [];
    const busy = await serverWith({ port: () => port }, warnings);
    assert.deepEqual(await busy.server.start(), {
      state: 'failed',
      reason: `port in use: 127.0.0.1:${port} is taken by another program`,
    });
    assert.deepEqual(warnings, [
      `the web dashboard is not served: port in use: 127.0.0.1:${port} is taken by another program`,
    ]);
    blocker.close();
    await busy.core.close();
  });

  it('refuses plain HTTP on a network address unless allowed, and then warns', async () => {
    const refused = await serverWith({ host: () => '0.0.0.0' });
    assert.deepEqual(await refused.server.start(), {
      state: 'failed',
      reason:
        'refusing plain HTTP on 0.0.0.0, which is reachable from the network: set http.tlsCert and http.tlsKey, or http.allowInsecurePublic on',
    });
    await refused.core.close();
    const warnings: string[] = [];
    const allowed = await serverWith(
      { host: () => '0.0.0.0', allowInsecurePublic: () => true },
      warnings,
    );
    const status = await allowed.server.start();
    assert.equal(status.state, 'listening');
    assert.equal(status.state === 'listening' && status.insecurePublic, true);
    assert.match(warnings[0] ?? '', /plain HTTP on a network address/);
    await allowed.server.stop();
    await allowed.core.close();
  });

  it('needs both TLS files, and says which one cannot be read', async () => {
    const half = await serverWith({ tlsCert: () => '/nonexistent/cert.pem' });
    assert.deepEqual(await half.server.start(), {
      state: 'failed',
      reason: 'http.tlsCert and http.tlsKey must both be set for HTTPS (or both unset)',
    });
    await half.core.close();
    const missing = await serverWith({
      tlsCert: () => '/nonexistent/cert.pem',
      tlsKey: () => '/nonexistent/key.pem',
    });
    assert.deepEqual(await missing.server.start(), {
      state: 'failed',
      reason: 'cannot read the TLS certificate or key: ENOENT',
    });
    await missing.core.close();
  });

  it('stop() ends open event streams', async () => {
    const { server, core } = await serverWith({});
    const status = await server.start();
    const port = status.state === 'listening' ? status.port : 0;
    const ended = new Promise<string>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/api/v1/stream', agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve(text));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    // Wait for the first event so the stream is open before stopping.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.stop();
    assert.equal(await ended, 'retry: 5000\n\nevent: hello\ndata: {}\n\n');
    await core.close();
  });

  it('urlOf shows a wildcard bind on loopback and brackets IPv6', () => {
    assert.equal(urlOf(false, '0.0.0.0', 8080), 'http://127.0.0.1:8080/');
    assert.equal(urlOf(true, '::', 8443), 'https://[::1]:8443/');
    assert.equal(urlOf(false, '::1', 80), 'http://[::1]:80/');
  });

  it('refuses missing options with a TypeError naming them', async () => {
    assert.throws(() => new HttpServer({} as never), {
      name: 'TypeError',
      message: '"core" option is required',
    });
  });
});
