import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hashSync } from '@node-rs/bcrypt';
import {
  ADMIN_INACTIVE_MS,
  gatherPostureFacts,
  installationPaths,
  PASSWORD_MAX_AGE_MS,
} from '../../../../../daemon/security/engine/posture-facts.js';
import { validatePostureFacts } from '../../../../../daemon/security/posture/posture-facts.js';
import { resolvePaths } from '../../../../../src/protocol/paths.js';
import { openTestCore, STRONG } from './engine-fixtures.js';

describe('installationPaths', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cbu-posture-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('keychain mode: the config, data, log and socket paths, owner-only', async () => {
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: dir });
    const specs = await installationPaths(paths, 'keychain');
    assert.deepEqual(
      specs.map((s) => [s.path, s.kind, s.expectedMode, s.label, s.secret ?? false]),
      [
        [paths.configDir, 'dir', 0o700, 'config folder', false],
        [paths.configFile, 'file', 0o600, 'config file', false],
        [paths.dataDir, 'dir', 0o700, 'data folder', true],
        [paths.storeFile, 'file', 0o600, 'store', true],
        [paths.eventsFile, 'file', 0o600, 'audit log', true],
        [paths.logDir, 'dir', 0o700, 'log folder', false],
        [paths.runtimeDir, 'dir', 0o700, 'socket folder', false],
        [paths.socketPath, 'socket', 0o600, 'socket', false],
      ],
    );
  });

  test('file mode adds the secrets folder and each key file in it, sorted', async () => {
    const paths = resolvePaths({ CLICKUP_BRAIN_HOME: join(dir, 'files') });
    const none = await installationPaths(paths, 'file');
    assert.equal(none.length, 9, 'a missing secrets folder is listed, with no key files');
    assert.deepEqual(none.at(-1), {
      path: paths.secretsDir,
      kind: 'dir',
      expectedMode: 0o700,
      label: 'secrets folder',
      secret: true,
    });
    await mkdir(paths.secretsDir, { recursive: true });
    await writeFile(join(paths.secretsDir, 'signing-keys'), 'x');
    await writeFile(join(paths.secretsDir, 'data-keys'), 'x');
    const specs = await installationPaths(paths, 'file');
    assert.deepEqual(specs.slice(9), [
      {
        path: join(paths.secretsDir, 'data-keys'),
        kind: 'file',
        expectedMode: 0o600,
        label: 'key file',
        secret: true,
      },
      {
        path: join(paths.secretsDir, 'signing-keys'),
        kind: 'file',
        expectedMode: 0o600,
        label: 'key file',
        secret: true,
      },
    ]);
  });
});

describe('gatherPostureFacts', () => {
  test('reports each user with the cost of their hash, and the active admins', async () => {
    const { core, clock } = await openTestCore();
    const { security } = core;
    await security.users.create(
      { username: 'root', email: 'root@example.com', password: STRONG, roles: ['admin'] },
      'bootstrap',
    );
    await security.users.create(
      { username: 'old', email: 'old@example.com', password: STRONG, roles: ['admin'] },
      'root',
    );
    await security.users.setStatus('old', 'disabled', 'root');
    await security.users.create(
      { username: 'bob', email: '', passwordHash: hashSync('imported', 5).replace('$2b$', '$2y$') },
      'import',
    );
    await security.users.create(
      { username: 'huge', email: 'h@example.com', password: `${STRONG}${'x'.repeat(80)}` },
      'root',
    );
    const http = { host: '127.0.0.1', port: 8080, tls: false, enabled: false };
    const facts = await gatherPostureFacts({
      security,
      settings: security.settings,
      clock,
      paths: [],
      secretBackend: 'keychain',
      http,
    });
    assert.deepEqual(
      facts.users.map((u) => [u.username, u.roles, u.status, u.hashCost, u.origin]),
      [
        ['bob', ['user'], 'active', 5, 'htpasswd'],
        ['huge', ['user'], 'active', 4, 'created'],
        ['old', ['admin'], 'disabled', 4, 'created'],
        ['root', ['admin'], 'active', 4, 'created'],
      ],
    );
    assert.deepEqual(facts.users[0], {
      username: 'bob',
      roles: ['user'],
      status: 'active',
      passwordChangedAt: clock.now(),
      lastLoginAt: null,
      createdAt: clock.now(),
      hashCost: 5,
      origin: 'htpasswd',
    });
    assert.equal(facts.adminCount, 1, 'a disabled admin does not count');
    assert.equal(facts.bcryptCost, 4);
    assert.equal(facts.passwordMinLength, 15);
    assert.equal(facts.passwordMaxAgeMs, PASSWORD_MAX_AGE_MS);
    assert.equal(facts.adminInactiveMs, ADMIN_INACTIVE_MS);
    assert.equal(facts.keyRotationMs, 90 * 86_400_000);
    assert.deepEqual(facts.simulate, { lockout: false, bans: false, threats: false });
    assert.deepEqual([facts.secretBackend, facts.http, facts.paths], ['keychain', http, []]);
    assert.deepEqual(
      facts.keys.map((k) => [k.name, k.version]),
      [['data-keys', 1]],
    );
    validatePostureFacts(facts);
  });

  test('an empty installation gives no users and no admins', async () => {
    const { core, clock } = await openTestCore();
    const facts = await gatherPostureFacts({
      security: core.security,
      settings: core.security.settings,
      clock,
      paths: [],
      secretBackend: 'file',
      http: { host: '127.0.0.1', port: 8080, tls: false, enabled: false },
    });
    assert.deepEqual([facts.users, facts.adminCount], [[], 0]);
  });
});
