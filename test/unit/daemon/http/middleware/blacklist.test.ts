import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBlacklist } from '../../../../../daemon/http/middleware/blacklist.js';
import { openTestCore } from '../../security/engine/engine-fixtures.js';

describe('the blacklist step', () => {
  it('refuses a listed address or network, manual or automatic, and passes others', async () => {
    const { core } = await openTestCore();
    try {
      await core.blacklist.add('10.0.0.0/8', { actor: 't' });
      await core.blacklist.add('203.0.113.7', { actor: 'system', source: 'auto', ttlMs: 60_000 });
      assert.throws(() => checkBlacklist(core.blacklist, '10.1.2.3'), {
        code: 'IP_BANNED',
        message: 'address 10.1.2.3 is blocked (blacklist)',
      });
      assert.throws(() => checkBlacklist(core.blacklist, '203.0.113.7'), {
        message: 'address 203.0.113.7 is blocked (automatic ban)',
      });
      checkBlacklist(core.blacklist, '192.0.2.1');
    } finally {
      await core.close();
    }
  });
});
