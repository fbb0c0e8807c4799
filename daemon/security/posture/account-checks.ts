/**
 * @module Posture of the accounts: weak or stale passwords, idle admins, and nobody to administer.
 *
 * Passwords are never read. "Weak" means what can be known without them: hashed at a lower cost
 * than configured, or imported from htpasswd and so never checked against our policy. Disabled
 * accounts cannot log in, so their passwords and idleness are not findings.
 */
import type { CheckResult, Finding } from './finding.js';
import { formatAge } from './format-age.js';
import type { PostureFacts, PostureUser } from './posture-facts.js';
import { shellQuote } from './shell-quote.js';

const passwd = (username: string): string =>
  `clickup-brain security --passwd ${shellQuote(username)}`;

function passwordFindings(user: PostureUser, facts: PostureFacts, now: number): Finding[] {
  const { username } = user;
  const findings: Finding[] = [];
  if (user.hashCost !== null && user.hashCost < facts.bcryptCost) {
    findings.push({
      id: 'password-hash-cost',
      severity: 'low',
      title: `${username}'s password is hashed at cost ${user.hashCost} (configured ${facts.bcryptCost})`,
      detail: `A cheaper hash is faster to crack if the store leaks. It is rehashed at cost ${facts.bcryptCost} at ${username}'s next login; setting a new password does it now.`,
      subject: username,
      fix: passwd(username),
    });
  }
  // A changed password went through our policy; only the imported one never did.
  if (user.origin === 'htpasswd' && user.passwordChangedAt <= user.createdAt) {
    findings.push({
      id: 'password-unchecked',
      severity: 'low',
      title: `${username}'s password was imported from htpasswd`,
      detail: `It came with its existing hash, so it was never checked against the length and strength policy, and cannot be without knowing it. Setting a new password puts it through the policy.`,
      subject: username,
      fix: passwd(username),
    });
  }
  const age = now - user.passwordChangedAt;
  if (age > facts.passwordMaxAgeMs) {
    const admin = user.roles.includes('admin');
    findings.push({
      id: 'password-stale',
      severity: admin ? 'medium' : 'low',
      title: `${username}'s password is ${formatAge(age)} old`,
      detail: `It was last changed ${formatAge(age)} ago; passwords are stale after ${formatAge(facts.passwordMaxAgeMs)}.${admin ? ' The account is an admin, so a leaked old password would give the most away.' : ''}`,
      subject: username,
      fix: passwd(username),
    });
  }
  return findings;
}

function idleAdminFinding(user: PostureUser, facts: PostureFacts, now: number): Finding | null {
  if (!user.roles.includes('admin')) return null;
  const since = user.lastLoginAt ?? user.createdAt;
  const idle = now - since;
  if (idle <= facts.adminInactiveMs) return null;
  const { username } = user;
  const seen =
    user.lastLoginAt === null
      ? `has never logged in since it was created ${formatAge(idle)} ago`
      : `last logged in ${formatAge(idle)} ago`;
  return {
    id: 'admin-inactive',
    severity: 'medium',
    title:
      user.lastLoginAt === null
        ? `admin ${username} has never logged in`
        : `admin ${username} has not logged in for ${formatAge(idle)}`,
    detail: `The admin account ${username} ${seen} (limit ${formatAge(facts.adminInactiveMs)}). An unused admin account is a way in that nobody watches; disable it if it is no longer needed.`,
    subject: username,
    fix: `clickup-brain security --disable-user ${shellQuote(username)}`,
  };
}

/** Examines each user, and whether anyone holds the admin role. */
export function checkAccounts(facts: PostureFacts, now: number): CheckResult {
  const findings: Finding[] = [];
  for (const user of facts.users) {
    if (user.status === 'disabled') continue;
    findings.push(...passwordFindings(user, facts, now));
    const idle = idleAdminFinding(user, facts, now);
    if (idle !== null) findings.push(idle);
  }
  if (facts.adminCount === 0 && facts.users.length > 0) {
    findings.push({
      id: 'no-admin',
      severity: 'medium',
      title: 'no user has the admin role',
      detail: `${facts.users.length} user${facts.users.length === 1 ? '' : 's'} exist${facts.users.length === 1 ? 's' : ''} but none is an admin, so nobody can manage users, roles or keys over the web or API (the socket's owner still can). Create one with: clickup-brain security --create-user <username> <email> --role admin`,
      subject: null,
      fix: null,
    });
  }
  return { findings, checks: facts.users.length + 1 };
}
