import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPosture } from '../../../../../daemon/security/engine/posture-run.js';
import { resolvePaths } from '../../../../../src/protocol/paths.js';
import { onlyEvent, openTestCore, STRONG } from './engine-fixtures.js';

describe('runPosture', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-posture-run-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('assesses, keeps the report as the last one and writes posture.assessed', async () => {
    const { core, clock } = await openTestCore();
    await core.security.users.create(
      { username: 'root', email: 'root@example.com', password: STRONG, roles: ['admin'] },
      'bootstrap',
    );
    clock.advance(1234);
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: dir });
    const report = await runPosture(core, paths, 'keychain', () => clock.now());
    assert.equal(report.assessedAt, clock.now());
    assert.ok(report.checks > 0);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, report.findings.length);
    // The weak bcrypt cost of the tests is a finding, so the report is not clean.
    assert.notEqual(report.worst, 'ok');
    assert.deepEqual(core.store.data.lastPosture, { ...report });
    const event = onlyEvent(core.audit, 'posture.assessed');
    assert.deepEqual([event.actor, event.outcome], ['system', 'info']);
    assert.deepEqual(event.details, { worst: report.worst, counts: report.counts });
  });

  test('a second run replaces the last report', async () => {
    const { core, clock } = await openTestCore();
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: dir });
    await runPosture(core, paths, 'file', () => clock.now());
    clock.advance(86_400_000);
    const second = await runPosture(core, paths, 'file', () => clock.now());
    assert.equal(core.store.data.lastPosture?.['assessedAt'], second.assessedAt);
  });
});
