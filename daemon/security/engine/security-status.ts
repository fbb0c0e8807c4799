/**
 * @module The security summary shown by `security --status` and `security --start`.
 */
import type { SecurityStatusWire } from '../../../src/protocol/security-schemas.js';
import type { Core } from '../../core.js';
import type { SecuritySettings } from './security-settings.js';

export async function securityStatus(
  core: Core,
  settings: SecuritySettings,
  secretBackend: string,
  principal: SecurityStatusWire['principal'],
): Promise<SecurityStatusWire> {
  const { security } = core;
  const users = security.users.list();
  const count = (status: string): number => users.filter((u) => u.status === status).length;
  const bans = core.blacklist.list();
  const posture = core.store.data.lastPosture;
  return {
    users: {
      total: users.length,
      active: count('active'),
      disabled: count('disabled'),
      locked: count('locked'),
      admins: users.filter((u) => u.roles.includes('admin') && u.status !== 'disabled').length,
    },
    lockedUsers: users
      .filter((u) => u.status === 'locked')
      .map((u) => ({ username: u.username, until: u.lockedUntil })),
    sessions: { active: security.sessions.list().filter((s) => s.state === 'active').length },
    bans: {
      manual: bans.filter((b) => b.source === 'manual').length,
      auto: bans.filter((b) => b.source === 'auto').length,
    },
    threats24h: security.recentEvents.count('threat.detected'),
    failedLogins24h: security.recentEvents.count('login.failure'),
    keys: await security.keys.ages(),
    secretBackend,
    secrets: security.vault.list().length,
    simulate: settings.simulate(),
    allowlist: security.allowlist.current().entries(),
    lastPosture:
      posture === null
        ? null
        : { assessedAt: Number(posture['assessedAt']), worst: String(posture['worst']) },
    principal,
  };
}
