/**
 * @module Gathering what the posture assessment examines, from the running installation.
 *
 * Passwords are never read: "weak" means hashed at a lower cost than configured, or imported
 * from htpasswd and never checked against the policy; "stale" is by age.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Paths } from '../../../src/protocol/paths.js';
import type { Clock } from '../../clock.js';
import { bcryptCost, parseStoredHash } from '../passwords/bcrypt-format.js';
import type { PathSpec } from '../posture/file-permissions.js';
import type { PostureFacts } from '../posture/posture-facts.js';
import { userStatus } from '../users/user-record.js';
import type { SecurityEngine } from './security-engine.js';
import type { SecuritySettings } from './security-settings.js';

/** A password older than this is reported as stale (low: NIST no longer asks for rotation). */
export const PASSWORD_MAX_AGE_MS = 365 * 86_400_000;
/** An admin who has not logged in for this long is reported. */
export const ADMIN_INACTIVE_MS = 90 * 86_400_000;

/** The files and folders that must be owner-only. */
export async function installationPaths(
  paths: Paths,
  secretBackend: 'keychain' | 'file',
): Promise<PathSpec[]> {
  const specs: PathSpec[] = [
    { path: paths.configDir, kind: 'dir', expectedMode: 0o700, label: 'config folder' },
    { path: paths.configFile, kind: 'file', expectedMode: 0o600, label: 'config file' },
    { path: paths.dataDir, kind: 'dir', expectedMode: 0o700, label: 'data folder', secret: true },
    { path: paths.storeFile, kind: 'file', expectedMode: 0o600, label: 'store', secret: true },
    { path: paths.eventsFile, kind: 'file', expectedMode: 0o600, label: 'audit log', secret: true },
    { path: paths.logDir, kind: 'dir', expectedMode: 0o700, label: 'log folder' },
    { path: paths.runtimeDir, kind: 'dir', expectedMode: 0o700, label: 'socket folder' },
    { path: paths.socketPath, kind: 'socket', expectedMode: 0o600, label: 'socket' },
  ];
  if (secretBackend === 'file') {
    specs.push({
      path: paths.secretsDir,
      kind: 'dir',
      expectedMode: 0o700,
      label: 'secrets folder',
      secret: true,
    });
    const names = await readdir(paths.secretsDir).catch(() => [] as string[]);
    for (const name of names.sort())
      specs.push({
        path: join(paths.secretsDir, name),
        kind: 'file',
        expectedMode: 0o600,
        label: 'key file',
        secret: true,
      });
  }
  return specs;
}

export interface PostureSources {
  security: SecurityEngine;
  settings: SecuritySettings;
  clock: Clock;
  paths: PathSpec[];
  secretBackend: 'keychain' | 'file';
  http: PostureFacts['http'];
}

export async function gatherPostureFacts(sources: PostureSources): Promise<PostureFacts> {
  const { security, settings, clock } = sources;
  const now = clock.now();
  const records = [...security.users.records()].sort((a, b) =>
    a.username.localeCompare(b.username),
  );
  const users = records.map((u) => {
    const stored = parseStoredHash(u.passwordHash);
    return {
      username: u.username,
      roles: [...u.roles],
      status: userStatus(u, now),
      passwordChangedAt: u.passwordChangedAt,
      lastLoginAt: u.lastLoginAt,
      createdAt: u.createdAt,
      hashCost: stored === null ? null : bcryptCost(stored.bcrypt),
      origin: u.origin,
    };
  });
  return {
    paths: sources.paths,
    bcryptCost: settings.bcryptCost(),
    users,
    passwordMaxAgeMs: PASSWORD_MAX_AGE_MS,
    adminInactiveMs: ADMIN_INACTIVE_MS,
    keys: await security.keys.ages(),
    keyRotationMs: settings.keyRotationMs(),
    secretBackend: sources.secretBackend,
    http: sources.http,
    simulate: settings.simulate(),
    passwordMinLength: settings.passwordPolicy().minLength,
    adminCount: users.filter((u) => u.roles.includes('admin') && u.status !== 'disabled').length,
  };
}
