/**
 * @module Facts of a well-kept installation, for posture tests to spoil one field at a time.
 */
import type { PostureFacts } from '../../../../../daemon/security/posture/posture-facts.js';

export const day = 86_400_000;
export const now = Date.UTC(2026, 0, 1);

/** No findings: recent passwords and logins, fresh keys, keychain, loopback web server. */
export function cleanFacts(): PostureFacts {
  return {
    paths: [],
    bcryptCost: 12,
    users: [
      {
        username: 'alice',
        roles: ['admin'],
        status: 'active',
        passwordChangedAt: now - 30 * day,
        lastLoginAt: now - day,
        createdAt: now - 400 * day,
        hashCost: 12,
        origin: 'created',
      },
      {
        username: 'bob',
        roles: ['user'],
        status: 'locked',
        passwordChangedAt: now - 10 * day,
        lastLoginAt: null,
        // Imported, then given a new password here: it went through the policy.
        createdAt: now - 20 * day,
        hashCost: 13,
        origin: 'htpasswd',
      },
    ],
    passwordMaxAgeMs: 365 * day,
    adminInactiveMs: 90 * day,
    keys: [
      { name: 'data-keys', version: 1, createdAt: now - 200 * day },
      { name: 'data-keys', version: 2, createdAt: now - 20 * day },
      { name: 'signing-keys:ed25519', version: 1, createdAt: now - 90 * day },
    ],
    keyRotationMs: 90 * day,
    secretBackend: 'keychain',
    http: { host: '127.0.0.1', port: 8080, tls: false, enabled: true },
    simulate: { lockout: false, bans: false, threats: false },
    passwordMinLength: 15,
    adminCount: 1,
  };
}
