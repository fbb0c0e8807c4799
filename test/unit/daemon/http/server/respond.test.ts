import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { applySecurityHeaders } from '../../../../../daemon/http/server/header-list.js';
import { PreparedBody } from '../../../../../daemon/http/server/prepared-body.js';
import { sendBody, sendJson, sendPrepared } from '../../../../../daemon/http/server/respond.js';
import { HSTS, SECURITY_HEADERS } from '../../../../../daemon/http/server/security-headers.js';

interface Raw {
  status: number;
  /** Header [name, value] pairs as sent, names lower-cased. */
  pairs: [string, string][];
  body: string;
}

/** Serves one request with `handle` and returns the raw answer. */
async function answer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  method = 'GET',
): Promise<Raw> {
  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<Raw>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port, method, path: '/', agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            pairs.push([
              (res.rawHeaders[i] as string).toLowerCase(),
              res.rawHeaders[i + 1] as string,
            ]);
          ok({ status: res.statusCode ?? 0, pairs, body });
        });
      });
      req.on('error', fail);
      req.end();
    });
  } finally {
    server.close();
  }
}

/** The headers a route controls (Node's own Date, Connection, Keep-Alive left out). */
function own(raw: Raw): [string, string][] {
  return raw.pairs.filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name));
}

const SECURITY = Object.entries(SECURITY_HEADERS);

describe('sendBody', () => {
  test('writes the security headers, type, route headers and length with the body', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendBody(req, res, 200, 'héllo', 'text/plain; charset=utf-8', {
        ETag: '"x"',
        'set-cookie': 'a=1\nb=2',
      });
    });
    assert.equal(raw.status, 200);
    assert.equal(raw.body, 'héllo');
    assert.deepEqual(own(raw), [
      ...SECURITY,
      ['content-type', 'text/plain; charset=utf-8'],
      ['etag', '"x"'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['content-length', '6'],
    ]);
  });

  test('over TLS adds Strict-Transport-Security', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, true);
      sendBody(req, res, 200, 'x', 'text/plain');
    });
    assert.deepEqual(
      own(raw).find(([name]) => name === 'strict-transport-security'),
      ['strict-transport-security', HSTS],
    );
  });

  test('HEAD gets the length a GET would have and no body; 304 gets no length', async () => {
    const head = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendBody(req, res, 200, 'abcd', 'text/plain');
    }, 'HEAD');
    assert.equal(head.body, '');
    assert.deepEqual(own(head).at(-1), ['content-length', '4']);
    const notModified = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendBody(req, res, 304, 'abcd', 'text/plain');
    });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.body, '');
    assert.equal(
      own(notModified).some(([name]) => name === 'content-length'),
      false,
    );
  });

  test('headers set before (a redirect, a cleared cookie) are kept beside the security headers', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      res.appendHeader('set-cookie', 'old=; Max-Age=0');
      res.setHeader('location', '/login');
      sendBody(req, res, 303, '', 'text/plain', { 'set-cookie': 'new=1' });
    });
    assert.equal(raw.status, 303);
    const headers = own(raw);
    for (const pair of SECURITY)
      assert.ok(headers.some(([n, v]) => n === pair[0] && v === pair[1]));
    assert.deepEqual(
      headers.filter(([name]) => name === 'set-cookie').map(([, v]) => v),
      ['old=; Max-Age=0', 'new=1'],
    );
    assert.ok(headers.some(([n, v]) => n === 'location' && v === '/login'));
    assert.ok(headers.some(([n, v]) => n === 'content-length' && v === '0'));
  });

  test("a route's own value for a security header wins, sent once", async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendBody(req, res, 200, 'x', 'text/plain', { 'X-Frame-Options': 'SAMEORIGIN' });
    });
    assert.deepEqual(
      own(raw).filter(([name]) => name === 'x-frame-options'),
      [['x-frame-options', 'SAMEORIGIN']],
    );
  });
});

describe('sendPrepared', () => {
  const prepared = new PreparedBody('héllo', 'text/plain; charset=utf-8', { ETag: '"x"' });
  /** What sendBody sends for the same answer. */
  const plain = (req: IncomingMessage, res: ServerResponse, status: number, tls = false): void => {
    applySecurityHeaders(res, tls);
    sendBody(req, res, status, 'héllo', 'text/plain; charset=utf-8', { ETag: '"x"' });
  };
  const fast = (req: IncomingMessage, res: ServerResponse, status: number, tls = false): void => {
    applySecurityHeaders(res, tls);
    sendPrepared(req, res, status, prepared);
  };

  test('sends what sendBody sends, again and again: GET, HEAD, 304 and over TLS', async () => {
    for (let round = 0; round < 2; round++) {
      for (const [status, method, tls] of [
        [200, 'GET', false],
        [200, 'HEAD', false],
        [304, 'GET', false],
        [200, 'GET', true],
      ] as const) {
        const expected = await answer((req, res) => plain(req, res, status, tls), method);
        const got = await answer((req, res) => fast(req, res, status, tls), method);
        assert.deepEqual(
          { status: got.status, headers: own(got), body: got.body },
          { status: expected.status, headers: own(expected), body: expected.body },
          `${status} ${method}${tls ? ' over TLS' : ''}`,
        );
      }
    }
  });

  test('a header set before (a cleared cookie) goes the slow way and is kept', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      res.appendHeader('set-cookie', 'old=; Max-Age=0');
      sendPrepared(req, res, 200, prepared);
    });
    assert.equal(raw.body, 'héllo');
    const headers = own(raw);
    assert.ok(headers.some(([n, v]) => n === 'set-cookie' && v === 'old=; Max-Age=0'));
    assert.ok(headers.some(([n, v]) => n === 'etag' && v === '"x"'));
    assert.ok(headers.some(([n, v]) => n === 'content-length' && v === '6'));
  });

  test('an answer that names a header twice is sent the slow way (the last value wins)', async () => {
    const twice = new PreparedBody('x', 'text/plain', { ETag: '"a"', etag: '"b"' });
    assert.equal(twice.headerList(false, false), null);
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendPrepared(req, res, 200, twice);
    });
    assert.deepEqual(
      own(raw).filter(([name]) => name === 'etag'),
      [['etag', '"b"']],
    );
  });
});

describe('sendJson', () => {
  test('JSON with a newline, not cached unless the route says otherwise', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendJson(req, res, 201, { a: 1 });
    });
    assert.equal(raw.status, 201);
    assert.equal(raw.body, '{"a":1}\n');
    assert.deepEqual(own(raw).slice(SECURITY.length), [
      ['content-type', 'application/json; charset=utf-8'],
      ['cache-control', 'no-store'],
      ['content-length', '8'],
    ]);
    const cached = await answer((req, res) => {
      applySecurityHeaders(res, false);
      sendJson(req, res, 200, 1, { 'Cache-Control': 'max-age=60' });
    });
    assert.deepEqual(
      own(cached).filter(([name]) => name === 'cache-control'),
      [['cache-control', 'max-age=60']],
    );
  });

  test('a cache-control set before is kept', async () => {
    const raw = await answer((req, res) => {
      applySecurityHeaders(res, false);
      res.setHeader('cache-control', 'private');
      sendJson(req, res, 200, null);
    });
    assert.deepEqual(
      own(raw).filter(([name]) => name === 'cache-control'),
      [['cache-control', 'private']],
    );
  });
});
