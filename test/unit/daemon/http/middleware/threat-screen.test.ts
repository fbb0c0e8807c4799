import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  queryValues,
  screenRequest,
  userDataHeaders,
} from '../../../../../daemon/http/middleware/threat-screen.js';
import { openTestCore } from '../../security/engine/engine-fixtures.js';

describe('the threat-screen step', () => {
  it('screens user-data headers only (not cookies, credentials or plumbing)', () => {
    assert.deepEqual(
      userDataHeaders({
        host: 'x',
        cookie: 'a=b',
        authorization: 'Bearer t',
        'user-agent': 'curl/8',
        referer: 'http://x/',
        'x-custom': 'v',
        'sec-fetch-mode': 'cors',
        accept: '*/*',
        missing: undefined,
      }),
      { 'user-agent': 'curl/8', referer: 'http://x/', 'x-custom': 'v' },
    );
    assert.deepEqual(queryValues(new URLSearchParams('a=1&a=2&b=')), { a: ['1', '2'], b: [''] });
  });

  it('refuses a threat with THREAT_DETECTED, an event and a counted failure; passes clean input', async () => {
    const { core } = await openTestCore();
    try {
      // Clean input: nothing to wait for, not even a promise.
      assert.equal(
        screenRequest(
          core.security.screen,
          { path: '/api/v1/health', query: { q: ['cpu usage'] } },
          '203.0.113.7',
          'anonymous',
        ),
        undefined,
      );
      await assert.rejects(
        async () =>
          screenRequest(
            core.security.screen,
            { body: { name: "x'; DROP TABLE users; --" } },
            '203.0.113.7',
            'anonymous',
          ),
        (error: unknown) => {
          const e = error as { code: string; message: string; details: Record<string, unknown> };
          assert.equal(e.code, 'THREAT_DETECTED');
          assert.equal(e.message, 'request refused: possible sqli in body.name');
          assert.equal(e.details['field'], 'body.name');
          return true;
        },
      );
      const event = core.audit.recent().find((e) => e.type === 'threat.detected');
      assert.equal(event?.ip, '203.0.113.7');
      assert.equal(event?.details['source'], 'http');
    } finally {
      await core.close();
    }
  });
});
