import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assessPosture } from '../../../../../daemon/security/posture/assess.js';
import { exitCodeForPosture } from '../../../../../daemon/security/posture/finding.js';
import type { PostureFacts } from '../../../../../daemon/security/posture/posture-facts.js';
import { cleanFacts, day, now } from './clean-facts.js';

let dir: string;
let store: string;
let keys: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'posture-assess-'));
  await chmod(dir, 0o700);
  store = join(dir, 'store.json');
  await writeFile(store, '{}');
  await chmod(store, 0o600);
  keys = join(dir, 'keys');
  await mkdir(keys);
  await chmod(keys, 0o700);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function withPaths(facts: PostureFacts): PostureFacts {
  return {
    ...facts,
    paths: [
      { path: dir, kind: 'dir', expectedMode: 0o700, label: 'data folder', secret: true },
      { path: store, kind: 'file', expectedMode: 0o600, label: 'store', secret: true },
      { path: keys, kind: 'dir', expectedMode: 0o700, label: 'key folder', secret: true },
      { path: join(dir, 'daemon.sock'), kind: 'socket', expectedMode: 0o600, label: 'socket' },
    ],
  };
}

describe('assessPosture', () => {
  test('a clean setup: no findings, ok, exit 0, everything counted', async () => {
    const report = await assessPosture(withPaths(cleanFacts()), now);
    assert.deepEqual(report, {
      assessedAt: now,
      findings: [],
      worst: 'ok',
      counts: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
      // 4 paths + 7 settings + 2 users + the admin check + 2 key sets
      checks: 16,
    });
    assert.equal(exitCodeForPosture(report), 0);
  });

  test('every kind of finding, sorted worst first, then by id, then by subject', async () => {
    const loose = join(dir, 'loose.json');
    await writeFile(loose, '{}');
    await chmod(loose, 0o644);
    const link = join(dir, 'link.json');
    await symlink(store, link);
    const clean = cleanFacts();
    const facts: PostureFacts = {
      ...clean,
      paths: [
        { path: loose, kind: 'file', expectedMode: 0o600, label: 'store', secret: true },
        { path: link, kind: 'file', expectedMode: 0o600, label: 'data key file', secret: true },
        { path: store, kind: 'socket', expectedMode: 0o600, label: 'socket' },
      ],
      bcryptCost: 11,
      users: [
        {
          username: 'zed',
          roles: ['admin'],
          status: 'active',
          passwordChangedAt: now - 400 * day,
          lastLoginAt: now - 200 * day,
          createdAt: now - 500 * day,
          hashCost: 10,
          origin: 'created',
        },
        {
          username: 'amy',
          roles: ['user'],
          status: 'active',
          passwordChangedAt: now - 30 * day,
          lastLoginAt: null,
          createdAt: now - 30 * day,
          hashCost: 10,
          origin: 'htpasswd',
        },
      ],
      keys: [{ name: 'data-keys', version: 1, createdAt: now - 100 * day }],
      secretBackend: 'file',
      http: { host: '0.0.0.0', port: 8080, tls: false, enabled: true },
      simulate: { lockout: true, bans: false, threats: true },
      passwordMinLength: 12,
      adminCount: 0,
    };
    const report = await assessPosture(facts, now, { uid: process.getuid?.() ?? null });
    assert.deepEqual(
      report.findings.map((f) => [f.severity, f.id, f.subject, f.fix]),
      [
        ['critical', 'file-mode', loose, `chmod 600 '${loose}'`],
        [
          'critical',
          'http-exposed',
          '0.0.0.0:8080',
          'clickup-brain config set http.host 127.0.0.1',
        ],
        ['high', 'path-symlink', link, null],
        [
          'high',
          'simulate-mode',
          'security.simulateLockout',
          'clickup-brain config set security.simulateLockout off',
        ],
        [
          'high',
          'simulate-mode',
          'security.simulateThreats',
          'clickup-brain config set security.simulateThreats off',
        ],
        ['medium', 'admin-inactive', 'zed', "clickup-brain security --disable-user 'zed'"],
        [
          'medium',
          'bcrypt-cost',
          'security.bcryptCost',
          'clickup-brain config set security.bcryptCost 12',
        ],
        ['medium', 'key-rotation', 'data-keys', 'clickup-brain security --rotate-keys'],
        ['medium', 'no-admin', null, null],
        ['medium', 'password-stale', 'zed', "clickup-brain security --passwd 'zed'"],
        ['medium', 'path-type', store, null],
        ['low', 'password-hash-cost', 'amy', "clickup-brain security --passwd 'amy'"],
        ['low', 'password-hash-cost', 'zed', "clickup-brain security --passwd 'zed'"],
        [
          'low',
          'password-min-length',
          'security.passwordMinLength',
          'clickup-brain config set security.passwordMinLength 15',
        ],
        ['low', 'password-unchecked', 'amy', "clickup-brain security --passwd 'amy'"],
        ['low', 'secret-backend', null, null],
      ],
    );
    assert.equal(report.worst, 'critical');
    assert.deepEqual(report.counts, { info: 0, low: 5, medium: 6, high: 3, critical: 2 });
    assert.equal(report.checks, 3 + 7 + 3 + 1);
    assert.equal(report.assessedAt, now);
    assert.equal(exitCodeForPosture(report), 1);
  });

  test('only low and info findings: exit 0', async () => {
    const facts = {
      ...cleanFacts(),
      secretBackend: 'file' as const,
      http: { host: '192.0.2.1', port: 443, tls: true, enabled: true },
    };
    const report = await assessPosture(facts, now);
    assert.deepEqual(
      report.findings.map((f) => `${f.severity}/${f.id}`),
      ['low/secret-backend', 'info/http-exposed'],
    );
    assert.equal(report.worst, 'low');
    assert.equal(exitCodeForPosture(report), 0);
  });

  test('the same facts later: ages move with now', async () => {
    const later = await assessPosture(cleanFacts(), now + 95 * day);
    assert.deepEqual(
      later.findings.map((f) => `${f.severity}/${f.id}/${f.subject}`),
      [
        'medium/admin-inactive/alice',
        'medium/key-rotation/data-keys',
        'medium/key-rotation/signing-keys:ed25519',
      ],
    );
    assert.equal(later.assessedAt, now + 95 * day);
  });

  test('malformed facts or now: a TypeError naming the field', async () => {
    await assert.rejects(assessPosture({ ...cleanFacts(), bcryptCost: 'high' as never }, now), {
      name: 'TypeError',
      message: '"facts.bcryptCost" must be an integer from 4 to 31',
    });
    for (const bad of [Number.NaN, -1, '0' as never]) {
      await assert.rejects(assessPosture(cleanFacts(), bad), {
        name: 'TypeError',
        message: '"now" must be a non-negative number of ms since the epoch',
      });
    }
    await assert.rejects(
      assessPosture(
        {
          ...cleanFacts(),
          paths: [{ path: '', kind: 'file', expectedMode: 0o600, label: 'store' }],
        },
        now,
      ),
      { name: 'TypeError', message: '"paths[0].path" must be a non-empty string' },
    );
  });
});
