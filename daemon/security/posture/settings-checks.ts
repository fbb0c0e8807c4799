/**
 * @module Posture of the settings: bcrypt cost, password length, simulate modes, the secret
 * backend and where the web server listens. Each fix is the `config set` that undoes it.
 */
import type { CheckResult, Finding } from './finding.js';
import { isLoopbackHost } from './loopback.js';
import type { PostureFacts } from './posture-facts.js';

/** OWASP's current minimum for bcrypt; the config default. */
const recommendedBcryptCost = 12;
/** NIST SP 800-63B rev. 4 when the password is the only factor; the config default. */
const recommendedMinLength = 15;

const configSet = (key: string, value: string | number): string =>
  `clickup-brain config set ${key} ${value}`;

function bcryptFinding(cost: number): Finding | null {
  if (cost >= recommendedBcryptCost) return null;
  return {
    id: 'bcrypt-cost',
    severity: cost < 10 ? 'high' : 'medium',
    title: `bcrypt cost is ${cost} (recommended ${recommendedBcryptCost})`,
    detail: `New password hashes are made at cost ${cost}, ${2 ** (recommendedBcryptCost - cost)} times cheaper to crack than at ${recommendedBcryptCost} if the store leaks. Existing hashes are upgraded at each user's next login.`,
    subject: 'security.bcryptCost',
    fix: configSet('security.bcryptCost', recommendedBcryptCost),
  };
}

function minLengthFinding(length: number): Finding | null {
  if (length >= recommendedMinLength) return null;
  return {
    id: 'password-min-length',
    severity: 'low',
    title: `passwords may be as short as ${length} characters`,
    detail: `NIST SP 800-63B rev. 4 asks for at least ${recommendedMinLength} characters when the password is the only factor. Existing passwords are not affected until they are changed.`,
    subject: 'security.passwordMinLength',
    fix: configSet('security.passwordMinLength', recommendedMinLength),
  };
}

const simulateModes = [
  ['lockout', 'security.simulateLockout', 'accounts are not locked after repeated failed logins'],
  ['bans', 'security.simulateBans', 'attacking IPs are not banned'],
  ['threats', 'security.simulateThreats', 'requests carrying attacks are not refused'],
] as const;

function simulateFindings(simulate: PostureFacts['simulate']): Finding[] {
  return simulateModes
    .filter(([mode]) => simulate[mode])
    .map(([mode, key, effect]) => ({
      id: 'simulate-mode',
      severity: 'high' as const,
      title: `${mode} run in simulate mode`,
      detail: `${key} is on: decisions are only logged, so ${effect}. Simulate modes are for tuning and are easy to forget.`,
      subject: key,
      fix: configSet(key, 'off'),
    }));
}

function secretBackendFinding(backend: PostureFacts['secretBackend']): Finding | null {
  if (backend === 'keychain') return null;
  return {
    id: 'secret-backend',
    severity: 'low',
    title: 'secrets are kept in files, not the OS keychain',
    detail:
      'The data key and signing keys are in 0600 files under the data folder, protected only by file permissions and copied by every backup of it. With keytar installed and a Secret Service running (e.g. gnome-keyring), set secrets.backend to keychain and restart the daemon.',
    subject: null,
    fix: null,
  };
}

function httpFinding(http: PostureFacts['http']): Finding | null {
  if (!http.enabled || isLoopbackHost(http.host)) return null;
  const address = `${http.host}:${http.port}`;
  if (http.tls) {
    return {
      id: 'http-exposed',
      severity: 'info',
      title: `the web server listens on ${address} with TLS`,
      detail: `The dashboard and API are reachable from the network on ${address}, encrypted with TLS; make sure a firewall limits who can reach them.`,
      subject: address,
      fix: null,
    };
  }
  return {
    id: 'http-exposed',
    severity: 'critical',
    title: `the web server listens on ${address} without TLS`,
    detail: `The dashboard and API are reachable from the network on ${address} in plain HTTP, so passwords and tokens cross the network readable by anyone on the path. Bind it to loopback (and reach it through SSH or a TLS proxy), or turn TLS on.`,
    subject: address,
    fix: configSet('http.host', '127.0.0.1'),
  };
}

/** Examines the security settings: 7 checks. */
export function checkSettings(facts: PostureFacts): CheckResult {
  const findings: Finding[] = [];
  for (const finding of [
    bcryptFinding(facts.bcryptCost),
    minLengthFinding(facts.passwordMinLength),
    secretBackendFinding(facts.secretBackend),
    httpFinding(facts.http),
  ]) {
    if (finding !== null) findings.push(finding);
  }
  findings.push(...simulateFindings(facts.simulate));
  return { findings, checks: 4 + simulateModes.length };
}
