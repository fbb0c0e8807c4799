import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csrfTokenFor } from '../../../../../daemon/http/auth/csrf-token.js';
import { checkCsrfStep, tokenOf } from '../../../../../daemon/http/middleware/csrf.js';
import { openTestCore } from '../../security/engine/engine-fixtures.js';

describe('the CSRF step', () => {
  it('exempts safe methods, bearer tokens and anonymous requests; checks cookie POSTs', async () => {
    const { core } = await openTestCore();
    try {
      const cookie = {
        username: 'ada',
        roles: ['admin'],
        sessionId: 's_AAAAAAAAAAAAAAAA',
        via: 'cookie' as const,
      };
      const token = csrfTokenFor('cbs_secret', cookie.sessionId);
      const base = {
        method: 'POST',
        principal: cookie,
        sessionSecret: 'cbs_secret',
        origin: 'http://127.0.0.1:8080',
        referer: undefined,
        headerToken: token,
        body: undefined,
        allowedOrigins: ['http://127.0.0.1:8080'],
        ip: '203.0.113.9',
      };
      await checkCsrfStep(core.security.screen, base);
      await checkCsrfStep(core.security.screen, { ...base, method: 'GET', headerToken: undefined });
      await checkCsrfStep(core.security.screen, {
        ...base,
        principal: { ...cookie, via: 'bearer' },
        origin: undefined,
        headerToken: undefined,
      });
      await checkCsrfStep(core.security.screen, {
        ...base,
        principal: null,
        headerToken: undefined,
      });
      await checkCsrfStep(core.security.screen, {
        ...base,
        headerToken: undefined,
        body: { _csrf: token },
      });
      await assert.rejects(checkCsrfStep(core.security.screen, { ...base, headerToken: 'x' }), {
        code: 'CSRF_REJECTED',
        status: 403,
        message: 'request refused: CSRF token does not match the session',
      });
      await assert.rejects(checkCsrfStep(core.security.screen, { ...base, origin: undefined }), {
        message: 'request refused: state-changing request without an Origin or Referer header',
      });
      assert.equal(core.audit.recent().filter((e) => e.type === 'csrf.refused').length, 2);
    } finally {
      await core.close();
    }
  });

  it('tokenOf prefers the header, then a _csrf form field', () => {
    assert.equal(tokenOf('h', { _csrf: 'f' }), 'h');
    assert.equal(tokenOf(undefined, { _csrf: 'f' }), 'f');
    assert.equal(tokenOf('', null), null);
  });
});
