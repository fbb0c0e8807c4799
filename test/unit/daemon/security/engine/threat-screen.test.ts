import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SecuritySettings } from '../../../../../daemon/security/engine/security-settings.js';
import { recordedEvidence } from '../../../../../daemon/security/engine/threat-screen.js';
import { DEFAULT_BAN_POLICY } from '../../../../../daemon/security/guard/ban-policy.js';
import type { Threat } from '../../../../../daemon/security/threats/index.js';
import { events, onlyEvent, openTestCore } from './engine-fixtures.js';

const IP = '203.0.113.9';
const meta = { ip: IP, actor: 'anonymous', source: 'http' };

async function setup(settings: Partial<SecuritySettings> = {}) {
  const { core, clock } = await openTestCore({
    banPolicy: () => ({ ...DEFAULT_BAN_POLICY, maxRetry: 2 }),
    ...settings,
  });
  return { core, clock, screen: core.security.screen, audit: core.audit };
}

const threat = (field: string): Threat => ({
  type: 'path_traversal',
  rule: 'traversal.dot-dot-slash',
  confidence: 0.9,
  evidence: '../../etc/passwd',
  field,
});

describe('recordedEvidence', () => {
  test('keeps evidence from ordinary fields, never from credential fields', () => {
    for (const field of ['q', 'file', 'items[2].name', '$'])
      assert.equal(recordedEvidence(threat(field)), '../../etc/passwd', field);
    for (const field of [
      'password',
      'user.Passwd',
      'pwd',
      'client_secret',
      'headers.Authorization',
      'refreshToken',
      'apiKey',
      'cookie',
      'credentials[1]',
    ])
      assert.equal(recordedEvidence(threat(field)), '[redacted: credential field]', field);
  });
});

describe('ThreatScreen.screen', () => {
  test('a clean request is no event and no failure', async () => {
    const { screen, audit, core, clock } = await setup();
    assert.deepEqual(await screen.screen({ q: 'hello world', n: 3 }, meta), {
      threat: null,
      refused: false,
      simulated: false,
      incident: null,
      enforcement: null,
    });
    assert.equal(events(audit).length, 0);
    assert.equal(core.security.tracker.count(IP, clock.now()), 0);
  });

  test('a threat is refused, recorded with one incident id and counted towards a ban', async () => {
    const { screen, audit, core } = await setup();
    const result = await screen.screen({ q: "1' OR '1'='1" }, meta);
    assert.equal(result.refused, true);
    assert.equal(result.simulated, false);
    assert.equal(result.threat?.type, 'sqli');
    assert.equal(result.enforcement?.incident, result.incident);
    assert.equal(result.enforcement?.ipFailures, 1);
    const event = onlyEvent(audit, 'threat.detected');
    assert.deepEqual(
      [event.actor, event.subject, event.ip, event.outcome],
      ['anonymous', 'q', IP, 'refused'],
    );
    assert.deepEqual(event.details, {
      incident: result.incident,
      simulated: false,
      source: 'http',
      threat: 'sqli',
      rule: 'sqli.quote-logic',
      confidence: 0.95,
      evidence: 's&sos',
    });
    const second = await screen.screen({ file: '../../etc/passwd' }, meta);
    assert.equal(second.enforcement?.ban?.offense, 1);
    assert.equal(onlyEvent(audit, 'ip.banned').details['incident'], second.incident);
    assert.equal(core.blacklist.check(IP)?.source, 'auto');
  });

  test('evidence from a credential field is redacted in the event', async () => {
    const { screen, audit } = await setup();
    const password = "x'; DROP TABLE users; -- ../../etc/passwd";
    const result = await screen.screen({ user: 'alice', password }, meta);
    assert.equal(result.threat?.field, 'password');
    assert.equal(
      onlyEvent(audit, 'threat.detected').details['evidence'],
      '[redacted: credential field]',
    );
    assert.equal(JSON.stringify(events(audit)).includes('etc/passwd'), false);
  });

  test('without enforce: the verdict only, no event and no count', async () => {
    const { screen, audit, core, clock } = await setup();
    const result = await screen.screen({ q: "1' OR '1'='1" }, meta, false);
    assert.equal(result.threat?.type, 'sqli');
    assert.deepEqual([result.refused, result.incident, result.enforcement], [false, null, null]);
    assert.equal(events(audit).length, 0);
    assert.equal(core.security.tracker.count(IP, clock.now()), 0);
  });

  test('simulate mode records the threat as info and does not refuse it', async () => {
    const { screen, audit } = await setup({
      simulate: () => ({ lockout: false, bans: true, threats: true }),
    });
    const result = await screen.screen({ q: '<script>alert(1)</script>' }, meta);
    assert.deepEqual([result.refused, result.simulated], [false, true]);
    const event = onlyEvent(audit, 'threat.detected');
    assert.deepEqual([event.outcome, event.details['simulated']], ['info', true]);
  });
});

describe('ThreatScreen.csrf', () => {
  const options = { allowedOrigins: ['http://127.0.0.1:8080'], expectedToken: 'tok-123' };

  test('a request that passes is no event', async () => {
    const { screen, audit } = await setup();
    const result = await screen.csrf(
      { method: 'POST', origin: 'http://127.0.0.1:8080', token: 'tok-123' },
      options,
      meta,
    );
    assert.deepEqual(result, { verdict: null, enforcement: null });
    assert.equal(events(audit).length, 0);
  });

  test('a refusal is an event and a failure of the address', async () => {
    const { screen, audit } = await setup();
    const result = await screen.csrf(
      { method: 'POST', origin: 'https://evil.example', token: 'tok-123' },
      options,
      meta,
    );
    assert.equal(result.verdict?.reason, 'origin-mismatch');
    assert.equal(result.enforcement?.ipFailures, 1);
    const event = onlyEvent(audit, 'csrf.refused');
    assert.deepEqual([event.subject, event.ip, event.outcome], ['POST', IP, 'refused']);
    assert.deepEqual(event.details, {
      incident: result.enforcement?.incident,
      rule: 'csrf.origin-mismatch',
      source: 'http',
    });
    const again = await screen.csrf({ method: 'DELETE', origin: null }, options, meta);
    assert.equal(again.verdict?.reason, 'origin-missing');
    assert.equal(again.enforcement?.ban?.offense, 1);
  });
});
