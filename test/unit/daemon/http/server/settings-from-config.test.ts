import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Settings } from '../../../../../daemon/config/settings.js';
import {
  httpSettingsFrom,
  portFromEnv,
} from '../../../../../daemon/http/server/settings-from-config.js';

describe('httpSettingsFrom', () => {
  it('reads the http.* keys live; CLICKUP_BRAIN_HTTP_PORT overrides the port', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-http-settings-'));
    const settings = new Settings(dir, false);
    try {
      const http = httpSettingsFrom(settings, {});
      assert.equal(http.enabled(), true);
      assert.equal(http.host(), '127.0.0.1');
      assert.equal(http.port(), 8080);
      assert.equal(http.tlsCert(), null);
      assert.deepEqual(http.metricsAllow(), ['127.0.0.1', '::1']);
      assert.equal(http.rateLimitPerSecond(), 20);
      assert.equal(http.loginPerMinute(), 5);
      settings.set('http.statusPage', 'on');
      settings.set('http.tlsCert', '/etc/a.pem');
      settings.set('http.metricsAllow', '');
      assert.equal(http.statusPage(), true);
      assert.equal(http.tlsCert(), '/etc/a.pem');
      assert.deepEqual(http.metricsAllow(), []);
      assert.equal(httpSettingsFrom(settings, { CLICKUP_BRAIN_HTTP_PORT: '0' }).port(), 0);
    } finally {
      settings.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port variable that is not a port', () => {
    assert.equal(portFromEnv({}), null);
    assert.throws(() => portFromEnv({ CLICKUP_BRAIN_HTTP_PORT: '70000' }), {
      name: 'TypeError',
      message: "CLICKUP_BRAIN_HTTP_PORT must be a port number from 0 to 65535 (got '70000')",
    });
  });
});
