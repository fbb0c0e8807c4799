import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../../../src/protocol/errors.js';
import { authorize } from '../../../../../daemon/http/middleware/authorize.js';
import { openTestCore, STRONG } from '../../security/engine/engine-fixtures.js';

describe('the RBAC step', () => {
  it('401 without a principal (or the credential failure), 403 without the permission', async () => {
    const { core } = await openTestCore();
    try {
      await core.security.users.create(
        { username: 'gus', email: 'g@example.com', password: STRONG, roles: ['guest'] },
        't',
      );
      const gus = { username: 'gus', roles: ['guest'], sessionId: 's', via: 'cookie' as const };
      authorize(core.security, null, null, null);
      assert.throws(() => authorize(core.security, 'monitoring.read', null, null), {
        code: 'UNAUTHORISED',
        message: 'log in first: this needs monitoring.read',
      });
      const expired = new AppError('TOKEN_EXPIRED', 'session has expired');
      assert.throws(() => authorize(core.security, 'monitoring.read', null, expired), expired);
      assert.throws(() => authorize(core.security, 'monitoring.read', gus, null), {
        code: 'FORBIDDEN',
        message: 'gus may not do this: it needs monitoring.read',
      });
      authorize(core.security, 'content.read', gus, null);
    } finally {
      await core.close();
    }
  });
});
