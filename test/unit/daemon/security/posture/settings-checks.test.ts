import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PostureFacts } from '../../../../../daemon/security/posture/posture-facts.js';
import { checkSettings } from '../../../../../daemon/security/posture/settings-checks.js';
import { cleanFacts } from './clean-facts.js';

const facts = (extra: Partial<PostureFacts>): PostureFacts => ({ ...cleanFacts(), ...extra });
const http = (extra: Partial<PostureFacts['http']>) =>
  facts({ http: { host: '127.0.0.1', port: 8080, tls: false, enabled: true, ...extra } });

describe('checkSettings', () => {
  test('recommended settings: no findings, 7 checks', () => {
    assert.deepEqual(checkSettings(cleanFacts()), { findings: [], checks: 7 });
    assert.deepEqual(checkSettings(facts({ bcryptCost: 14, passwordMinLength: 20 })).findings, []);
  });

  test('bcrypt cost 10 or 11: medium; below 10: high', () => {
    assert.deepEqual(checkSettings(facts({ bcryptCost: 11 })).findings, [
      {
        id: 'bcrypt-cost',
        severity: 'medium',
        title: 'bcrypt cost is 11 (recommended 12)',
        detail:
          "New password hashes are made at cost 11, 2 times cheaper to crack than at 12 if the store leaks. Existing hashes are upgraded at each user's next login.",
        subject: 'security.bcryptCost',
        fix: 'clickup-brain config set security.bcryptCost 12',
      },
    ]);
    assert.equal(checkSettings(facts({ bcryptCost: 10 })).findings[0]?.severity, 'medium');
    const [low] = checkSettings(facts({ bcryptCost: 8 })).findings;
    assert.equal(low?.severity, 'high');
    assert.equal(
      low?.detail,
      "New password hashes are made at cost 8, 16 times cheaper to crack than at 12 if the store leaks. Existing hashes are upgraded at each user's next login.",
    );
  });

  test('passwords shorter than 15 allowed: low', () => {
    assert.deepEqual(checkSettings(facts({ passwordMinLength: 12 })).findings, [
      {
        id: 'password-min-length',
        severity: 'low',
        title: 'passwords may be as short as 12 characters',
        detail:
          'NIST SP 800-63B rev. 4 asks for at least 15 characters when the password is the only factor. Existing passwords are not affected until they are changed.',
        subject: 'security.passwordMinLength',
        fix: 'clickup-brain config set security.passwordMinLength 15',
      },
    ]);
  });

  test('each simulate mode on: high, turn it off', () => {
    const findings = checkSettings(
      facts({ simulate: { lockout: true, bans: true, threats: true } }),
    ).findings;
    assert.deepEqual(findings, [
      {
        id: 'simulate-mode',
        severity: 'high',
        title: 'lockout run in simulate mode',
        detail:
          'security.simulateLockout is on: decisions are only logged, so accounts are not locked after repeated failed logins. Simulate modes are for tuning and are easy to forget.',
        subject: 'security.simulateLockout',
        fix: 'clickup-brain config set security.simulateLockout off',
      },
      {
        id: 'simulate-mode',
        severity: 'high',
        title: 'bans run in simulate mode',
        detail:
          'security.simulateBans is on: decisions are only logged, so attacking IPs are not banned. Simulate modes are for tuning and are easy to forget.',
        subject: 'security.simulateBans',
        fix: 'clickup-brain config set security.simulateBans off',
      },
      {
        id: 'simulate-mode',
        severity: 'high',
        title: 'threats run in simulate mode',
        detail:
          'security.simulateThreats is on: decisions are only logged, so requests carrying attacks are not refused. Simulate modes are for tuning and are easy to forget.',
        subject: 'security.simulateThreats',
        fix: 'clickup-brain config set security.simulateThreats off',
      },
    ]);
    const one = checkSettings(facts({ simulate: { lockout: false, bans: true, threats: false } }));
    assert.deepEqual(
      one.findings.map((f) => f.subject),
      ['security.simulateBans'],
    );
  });

  test('secrets in files: low, with the keychain note and no single fix', () => {
    assert.deepEqual(checkSettings(facts({ secretBackend: 'file' })).findings, [
      {
        id: 'secret-backend',
        severity: 'low',
        title: 'secrets are kept in files, not the OS keychain',
        detail:
          'The data key and signing keys are in 0600 files under the data folder, protected only by file permissions and copied by every backup of it. With keytar installed and a Secret Service running (e.g. gnome-keyring), set secrets.backend to keychain and restart the daemon.',
        subject: null,
        fix: null,
      },
    ]);
  });

  test('the web server beyond loopback without TLS: critical, bind it to loopback', () => {
    assert.deepEqual(checkSettings(http({ host: '0.0.0.0' })).findings, [
      {
        id: 'http-exposed',
        severity: 'critical',
        title: 'the web server listens on 0.0.0.0:8080 without TLS',
        detail:
          'The dashboard and API are reachable from the network on 0.0.0.0:8080 in plain HTTP, so passwords and tokens cross the network readable by anyone on the path. Bind it to loopback (and reach it through SSH or a TLS proxy), or turn TLS on.',
        subject: '0.0.0.0:8080',
        fix: 'clickup-brain config set http.host 127.0.0.1',
      },
    ]);
    for (const host of ['::', '192.168.1.10', 'myhost.example']) {
      assert.equal(checkSettings(http({ host })).findings[0]?.severity, 'critical', host);
    }
  });

  test('beyond loopback with TLS: info only', () => {
    assert.deepEqual(checkSettings(http({ host: '203.0.113.7', port: 443, tls: true })).findings, [
      {
        id: 'http-exposed',
        severity: 'info',
        title: 'the web server listens on 203.0.113.7:443 with TLS',
        detail:
          'The dashboard and API are reachable from the network on 203.0.113.7:443, encrypted with TLS; make sure a firewall limits who can reach them.',
        subject: '203.0.113.7:443',
        fix: null,
      },
    ]);
  });

  test('on loopback or disabled: no finding', () => {
    for (const host of ['localhost', '::1', '127.0.0.2']) {
      assert.deepEqual(checkSettings(http({ host })).findings, [], host);
    }
    assert.deepEqual(checkSettings(http({ host: '0.0.0.0', enabled: false })).findings, []);
  });
});
