import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedOrigins,
  hostOfHeader,
  requestOrigin,
} from '../../../../../daemon/http/server/origins.js';

describe('allowedOrigins', () => {
  it('on loopback: the three loopback names at the port', () => {
    assert.deepEqual(allowedOrigins('http', '127.0.0.1', 8080, '127.0.0.1:8080').sort(), [
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://localhost:8080',
    ]);
  });

  it('takes the Host header only when it names an IP, localhost or the configured host (no DNS rebinding)', () => {
    assert.ok(
      allowedOrigins('https', '0.0.0.0', 8443, '192.0.2.2:8443').includes('https://192.0.2.2:8443'),
    );
    assert.ok(
      !allowedOrigins('http', '127.0.0.1', 8080, 'evil.example:8080').includes(
        'http://evil.example:8080',
      ),
    );
    assert.ok(
      allowedOrigins('https', 'dash.internal', 443, 'dash.internal').includes(
        'https://dash.internal',
      ),
    );
  });

  it('hostOfHeader', () => {
    assert.equal(hostOfHeader('[::1]:8080'), '::1');
    assert.equal(hostOfHeader('Example.COM'), 'example.com');
    assert.equal(hostOfHeader('a b'), null);
    assert.equal(hostOfHeader(undefined), null);
  });

  it('requestOrigin: Origin null from the browser itself (Sec-Fetch-Site same-origin) is the Host origin', () => {
    assert.equal(
      requestOrigin(
        { origin: 'null', 'sec-fetch-site': 'same-origin', host: '127.0.0.1:8080' },
        'http',
      ),
      'http://127.0.0.1:8080',
    );
    assert.equal(
      requestOrigin(
        { origin: 'null', 'sec-fetch-site': 'cross-site', host: '127.0.0.1:8080' },
        'http',
      ),
      'null',
    );
    assert.equal(requestOrigin({ origin: 'null', host: '127.0.0.1:8080' }, 'http'), 'null');
    assert.equal(
      requestOrigin({ origin: 'https://a.example', 'sec-fetch-site': 'same-origin' }, 'https'),
      'https://a.example',
    );
    assert.equal(
      requestOrigin({ origin: 'null', 'sec-fetch-site': 'same-origin', host: 'bad host' }, 'http'),
      'null',
    );
    assert.equal(requestOrigin({}, 'http'), undefined);
  });
});
